"""Demo actions committed to at Justice Matters on 28 November 2016 (see actions.py)."""

from .commitments import commitment

JM_28_NOV_2016 = "2016-11-28T10:30"
JM_PART_ONE = "Part One: Supporting survivors of sexual violence"
JM_PART_TWO = "Part Two: Targeted prevention - Keeping children safe"

# --- JM: commitments made at Justice Matters on 28 November 2016. A row with `line` was said
# there in so many words: the demo loader drafts the transcript (demo/transcripts.py) and the
# chair accepts the draft starting on that line, so the action's source is the quote. The Court
# Service (HMCTS) sent apologies, so what was asked of it is owned by an absent agency with
# nobody to assign.
SURVIVOR = [JM_PART_ONE, "Survivor's testimony"]
JM_NEEDS_ASSESSMENT = [JM_PART_ONE, "MOPAC response - the needs assessment and next steps"]
JM_PUBLIC_QUESTIONS = [JM_PART_ONE, "Public questions"]
JM_DISCUSSION_ONE = [JM_PART_ONE, "Open discussion"]
JM_MOPAC_RESPONSE = [JM_PART_TWO, "MOPAC response"]
JM_MPS_RESPONSE = [JM_PART_TWO, "Metropolitan Police Service response to the HMIC inspection"]
JM_DISCUSSION_TWO = [JM_PART_TWO, "Open discussion"]

JUSTICE_MATTERS: list[dict] = [
    # Restricted with the testimony (MOPAC only): hidden from every other partner.
    commitment(
        "JM-0001",
        "JM",
        JM_28_NOV_2016,
        line=411,
        item=SURVIVOR,
        description=(
            "Feed back to the survivor who spoke, and to the Violence Against Women and Girls "
            "Board, the actions that come out of this meeting."
        ),
        action_by="MOPAC",
        owner=None,
        status="open",
        due_in_days=-3,
    ),
    commitment(
        "JM-0002",
        "JM",
        JM_28_NOV_2016,
        item=SURVIVOR,
        description=(
            "Take the survivor's four points into the response to the needs assessment: trust "
            "in, and continuity of, the investigating officer; a lead who understands and puts "
            "survivors' health and wellbeing first; support through the investigation, with "
            "advisers working alongside investigators; and long-term specialist support for "
            "non-recent child sexual abuse."
        ),
        action_by="MOPAC",
        owner="samantha_cunningham",
        status="open",
        due_in_days=4,
    ),
    commitment(
        "JM-0003",
        "JM",
        JM_28_NOV_2016,
        item=JM_NEEDS_ASSESSMENT,
        description=(
            "Continue to discuss and develop, with partners, actions to respond to the Sexual "
            "Violence Needs Assessment."
        ),
        action_by="MOPAC",
        co_agencies=["NHS England"],
        owner="samantha_cunningham",
        status="ongoing",
        due_in_days=None,
        updates=[{"on": "2016-11-28", "by": "samantha_cunningham", "status": "ongoing"}],
    ),
    commitment(
        "JM-0004",
        "JM",
        JM_28_NOV_2016,
        item=JM_PUBLIC_QUESTIONS,
        description=(
            "Take Stay Safe East's question, on disabled women's equal access to justice and "
            "to support, to the multi-agency oversight group on rape investigation that the MPS "
            "chairs."
        ),
        action_by="Metropolitan Police Service",
        owner="stuart_cundy",
        status="open",
        due_in_days=7,
    ),
    commitment(
        "JM-0005",
        "JM",
        JM_28_NOV_2016,
        item=JM_DISCUSSION_ONE,
        description=(
            "Explain the time from offence to completion at court for rape (269 days in the "
            "magistrates' courts, 602 days in the Crown Court), what the courts will do to bring "
            "sexual violence cases to trial sooner, and why courts differ on where an ISVA may "
            "be involved. (The Court Service sent apologies.)"
        ),
        action_by="Court Service",
        co_agencies=["MOPAC"],
        owner=None,
        status="open",
        due_in_days=-33,
    ),
    commitment(
        "JM-0006",
        "JM",
        JM_28_NOV_2016,
        line=403,
        item=JM_DISCUSSION_ONE,
        description=(
            "Take up outside the meeting, with the police, the CPS and the courts, getting "
            "victims and survivors through the courts as quickly and effectively as possible, "
            "and report back to the Violence Against Women and Girls Board."
        ),
        action_by="MOPAC",
        co_agencies=["CPS London", "MPS", "Court Service", "VAWG Board"],
        owner="graeme_gordon",
        status="in_progress",
        due_in_days=-10,
        updates=[
            {
                "on": "2016-11-28",
                "by": "graeme_gordon",
                "status": "in_progress",
                "note": (
                    "CPS London reported faster pre-charge advice and early investigative "
                    "advice; the courts were not there to answer."
                ),
            }
        ],
    ),
    commitment(
        "JM-0007",
        "JM",
        JM_28_NOV_2016,
        item=JM_DISCUSSION_ONE,
        description=(
            "Close the gaps in health raised in the discussion: engaging GPs and pharmacists "
            "with MARACs and MASHs, and interpreter services for survivors from marginalised "
            "communities."
        ),
        action_by="NHS England",
        owner="lucy_botting",
        status="in_progress",
        due_in_days=3,
        updates=[
            {
                "on": "2016-11-28",
                "by": "lucy_botting",
                "status": "in_progress",
                "note": (
                    "Looking at models that bring adult and child safeguarding together, and at "
                    "mental health transformation."
                ),
            }
        ],
    ),
    commitment(
        "JM-0008",
        "JM",
        JM_28_NOV_2016,
        item=JM_DISCUSSION_ONE,
        description=(
            "Consider, in commissioning, the uneven access to Independent Sexual Violence "
            "Advisors across London and the lack of BAME-specific sexual violence services."
        ),
        action_by="MOPAC",
        owner=None,
        status="open",
        due_in_days=6,
    ),
    commitment(
        "JM-0009",
        "JM",
        JM_28_NOV_2016,
        line=455,
        item=JM_MOPAC_RESPONSE,
        description=(
            "Publish the draft Police and Crime Plan for consultation, with the protection of "
            "vulnerable people, including children, as a critical element, and outcomes on harm "
            "and vulnerability in place of the previous Mayor's crime reduction targets."
        ),
        action_by="MOPAC",
        owner="rebecca_lawrence",
        status="closed",
        due_text="Out for consultation 1st December",
        due_on="2016-12-01",
        updates=[
            {
                "on": "2016-12-01",
                "by": "rebecca_lawrence",
                "status": "completed",
                "note": "The draft Police and Crime Plan is out for consultation.",
            },
            {"on": "2016-12-01", "by": "sophie_linden", "status": "closed"},
        ],
    ),
    commitment(
        "JM-0010",
        "JM",
        JM_28_NOV_2016,
        item=JM_MOPAC_RESPONSE,
        description=(
            "Establish a new independent group of experts, inviting the College of Policing and "
            "the National Police Chiefs' Council, to support the oversight of the MPS response "
            "to the HMIC inspection into child protection."
        ),
        action_by="MOPAC",
        owner="sophie_linden",
        status="in_progress",
        due_in_days=0,
        updates=[{"on": "2016-11-28", "by": "sophie_linden", "status": "in_progress"}],
    ),
    commitment(
        "JM-0011",
        "JM",
        JM_28_NOV_2016,
        line=459,
        item=JM_MOPAC_RESPONSE,
        description=(
            "Oversee the MPS response to the inspection through regular formal meetings between "
            "the Deputy Mayor and the Commissioner, and the Mayor and the Commissioner."
        ),
        action_by="MOPAC",
        owner="sophie_linden",
        status="ongoing",
        due_in_days=None,
        updates=[{"on": "2016-11-28", "by": "sophie_linden", "status": "ongoing"}],
    ),
    commitment(
        "JM-0012",
        "JM",
        JM_28_NOV_2016,
        item=JM_MOPAC_RESPONSE,
        description=(
            "Publish the sexual violence and child sexual exploitation needs assessments, and "
            "work with partners and local authorities so that their key findings are addressed."
        ),
        action_by="MOPAC",
        co_agencies=["NHS England"],
        owner="samantha_cunningham",
        status="in_progress",
        due_in_days=1,
        updates=[{"on": "2016-11-28", "by": "samantha_cunningham", "status": "in_progress"}],
    ),
    commitment(
        "JM-0013",
        "JM",
        JM_28_NOV_2016,
        item=JM_MPS_RESPONSE,
        description=(
            "Deliver the Gold Group's improvement plan in response to the HMIC inspection, and "
            "show HMIC the progress made when it returns."
        ),
        action_by="MPS",
        owner="martin_hewitt",
        status="in_progress",
        due_text="HMIC back for the first time probably in January",
        due_in_days=0,
        updates=[
            {
                "on": "2016-11-28",
                "by": "martin_hewitt",
                "status": "in_progress",
                "note": (
                    "Training in the custody environment and elsewhere began in October; HMIC "
                    "will come back at quarterly intervals."
                ),
            }
        ],
    ),
    commitment(
        "JM-0014",
        "JM",
        JM_28_NOV_2016,
        line=513,
        item=JM_MPS_RESPONSE,
        description=(
            "Roll out the first bespoke course on dealing with missing people, particularly "
            "missing young people, and the judgement of risk when a child goes missing."
        ),
        action_by="MPS",
        owner=None,
        status="open",
        due_in_days=-20,
    ),
    commitment(
        "JM-0015",
        "JM",
        JM_28_NOV_2016,
        item=JM_MPS_RESPONSE,
        description=(
            "Audit child protection investigations through the continuous improvement team, "
            "and make sure that their supervision and sign-off work."
        ),
        action_by="MPS",
        owner=None,
        status="open",
        due_in_days=None,
    ),
    commitment(
        "JM-0016",
        "JM",
        JM_28_NOV_2016,
        line=647,
        item=JM_DISCUSSION_TWO,
        description=(
            "Consider who should represent the MPS on the London Safeguarding Adolescent "
            "Steering Group: someone with oversight of child protection, beside the gangs, CSE "
            "and missing representatives."
        ),
        action_by="MPS",
        co_agencies=["MsUnderstood"],
        owner="martin_hewitt",
        status="open",
        due_in_days=-5,
    ),
    commitment(
        "JM-0017",
        "JM",
        JM_28_NOV_2016,
        item=JM_DISCUSSION_TWO,
        description=(
            "Bring the Steering Group's supplementary chapter on safeguarding adolescents, for "
            "the London Child Protection Procedures, into the response to the HMIC report so "
            "that efforts are not duplicated."
        ),
        action_by="Misunderstood Partnership",
        co_agencies=["MOPAC", "MPS"],
        owner="carlene_firmin",
        status="in_progress",
        due_in_days=6,
        updates=[{"on": "2016-11-28", "by": "carlene_firmin", "status": "in_progress"}],
    ),
    commitment(
        "JM-0018",
        "JM",
        JM_28_NOV_2016,
        item=JM_DISCUSSION_TWO,
        description=(
            "Explore commissioning, at a London-wide or sub-regional level, suitable "
            "accommodation (including levels of supervision short of secure) so that charged "
            "children do not stay in police cells."
        ),
        action_by="Association of London Directors of Children Services",
        co_agencies=["MPS"],
        owner="martin_pratt",
        status="open",
        due_in_days=2,
    ),
    commitment(
        "JM-0019",
        "JM",
        JM_28_NOV_2016,
        item=JM_DISCUSSION_TWO,
        description=(
            "Work with local authorities and the police on school nursing's part in spotting, "
            "at the trigger point, children who go missing or whose wellbeing is slipping."
        ),
        action_by="NHS England",
        co_agencies=["ALDCS", "MPS"],
        owner=None,
        status="open",
        due_in_days=None,
    ),
    commitment(
        "JM-0020",
        "JM",
        JM_28_NOV_2016,
        line=685,
        item=JM_DISCUSSION_TWO,
        description=(
            "Discuss with London Councils and the London boroughs the leadership needed on "
            "information sharing, consistent MASHs and the lessons on missing children already "
            "learnt elsewhere."
        ),
        action_by="MOPAC",
        co_agencies=["ALDCS"],
        owner=None,
        status="open",
        due_in_days=-1,
    ),
]
