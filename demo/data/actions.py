"""Demo actions drawn from the seed documents in /work/shared/seeds, as plain data.

Seed files, abbreviated in the comments:
  PCC pack   police-and-crime-committee-2015-01-08-agenda-pack.txt (its Summary List of Actions,
             from line 1262, and the three letters appended to it)
  KLCS       keeping-londons-children-safe-2014-07-report.txt (its eight recommendations)
  MOPAC CSE  mopac-challenge-cse-2015-06-10-transcript.txt
  JM         justice-matters-2016-11-28-transcript.txt and justice-matters-2016-11-28-slides.md

Each action:
  reference     stable, so that a second load matches it and changes nothing
  committee     COMMITTEES short name in agencies/demo_data.py
  meeting       the seed meeting it came from (its start, London time), or None
  item          the agenda item it came from, as the path of titles from the top of the agenda
  source        where it came from when that is not a demo meeting (an earlier meeting's minute,
                a report's recommendation); the text before the first comma heads its group in
                the Summary of actions, as the seed's headings do
  created_on    when it was promised (the meeting, the report)
  description   the action as the document words it
  action_by     the agency as the document names it, matched to a demo agency by its name,
                short name or aliases (or, for GLA officers, ACTION_BY_OFFICERS)
  co_agencies   other agencies sharing it, named the same way
  owner         PEOPLE key of the person it is assigned to, or None: unassigned, for the
                agency's lead to assign
  status        as the document prints it, or as the transcript leaves it
  due_text      the deadline as promised ("n/a" where the seed's Deadline column says so)
  due_in_days   outstanding actions only: see actions.demo.demo_due_date
  due_on        done actions only: the historic due date, when the document gives one
  updates       dated progress notes in order: "on", "by" (PEOPLE key), "note", "status" (the
                status it moves to) and "evidence" (a file in actions/demo_evidence, shown under
                "evidence_name")

The survivor who spoke at Justice Matters is never named; the actions of that item follow its
restriction (granted to MOPAC only).
"""

from __future__ import annotations

# Who records each committee's actions (a member of its secretariat).
RECORDED_BY: dict[str, str] = {
    "PCC": "joanna_brown",
    "MOPAC-CH": "marie_snelling",
    "JM": "samantha_cunningham",
}

# The Summary List names two GLA officers, not agencies, in its "Action by" column.
ACTION_BY_OFFICERS: dict[str, str] = {
    "Monitoring Officer": "GLA",
    "Executive Director of Secretariat": "GLA",
}

PCC_4_DEC_2014 = "2014-12-04T10:00"
MOPAC_CSE = "2015-06-10T16:00"
JM_28_NOV_2016 = "2016-11-28T10:30"

JM_PART_ONE = "Part One: Supporting survivors of sexual violence"
JM_PART_TWO = "Part Two: Targeted prevention - Keeping children safe"

DMPC_QA = (
    "Question and Answer Session with the Deputy Mayor for Policing and Crime and the "
    "Metropolitan Police Service"
)
SUMMARY_LIST = "the Summary List of Actions for the meeting of 8 January 2015"
KLCS = "Keeping London's children safe"
COMPLAINTS = (
    "Complaints about the Mayor's Office for Policing and Crime and the Deputy Mayor for "
    "Policing and Crime (DMPC)"
)
NO_DISCLOSURES = "No disclosures to report for the period 4 December 2014 to 17 December 2014."

# --- The PCC pack's Summary List of Actions, row by row. A row with two "Action by" agencies
# (minute 8 of 9 October 2014) is two actions. Only the meeting of 4 December 2014 is a demo
# meeting; the earlier rows name their meeting in "source".
PCC_SUMMARY_LIST: list[dict] = [
    {
        "reference": "PCC-0001",
        "committee": "PCC",
        "meeting": PCC_4_DEC_2014,
        "item": ["Safeguarding and Child Sexual Exploitation in London"],
        "source": "",
        "created_on": "2014-12-04",
        "description": (
            "Safeguarding and Child Sexual Exploitation in London\n\n"
            "During the discussion Assistant Commissioner Dick undertook to provide information "
            "on existing law relating to emotional abuse and what charges could be brought "
            "against someone accused of emotional abuse."
        ),
        "action_by": "Metropolitan Police Service (MPS)",
        "co_agencies": [],
        "owner": "cressida_dick",
        "status": "in_progress",
        "due_text": "n/a",
        "due_in_days": None,
        "updates": [
            {
                "on": "2014-12-23",
                "by": "joanna_brown",
                "status": "in_progress",
                "note": f"In progress, as reported in {SUMMARY_LIST}.",
            }
        ],
    },
    # The pack lost this row's start at a page break, with its meeting heading, minute number,
    # status, "Action by" and deadline. It stands between the meetings of 4 December and
    # 9 October 2014; the meeting before 4 December was that of 13 November 2014 (whose minutes
    # were signed on 4 December), and "he" and the MPS databases make it the MPS's. Nothing
    # recorded its status, so it is open; nobody is named, so it is unassigned.
    {
        "reference": "PCC-0002",
        "committee": "PCC",
        "meeting": None,
        "item": None,
        "source": "Meeting of 13 November 2014 (inferred; the pack lost the minute number)",
        "created_on": "2014-11-13",
        "description": (
            "(The start of this row is lost at a page break of the agenda pack; it resumes: "
            '"...were not; and what further work was needed.")\n\n'
            "- To make enquiries to Channel 4 about a recent allegation concerning a document "
            "which alleged that police officers in a borough were required to make a certain "
            "number of arrests per month - and write to the Chair about the outcome;\n"
            "- To write to the Chair about the retention of data on the MPS's National Domestic "
            "Extremist database and to provide the information on the Management of Police "
            "Information (MOPI) criteria that allowed the MPS to retain data on its databases. "
            "He also undertook to inform the Committee, subject to the information being in the "
            "public domain, whether the Security Services had any input into the database;\n"
            "- To write to the Chair concerning allegations that in or around 2004 MPS officers "
            "had met with persons in the private sector to exchange information about "
            "individuals' political beliefs or activities in relation to blacklisting; and\n"
            "- To write to Jenny Jones AM to inform her whether her file had now been deleted "
            "from the National Domestic Extremist database."
        ),
        "action_by": "MPS",
        "co_agencies": [],
        "owner": None,
        "status": "open",
        "due_text": "",
        "due_in_days": None,
        "updates": [],
    },
    {
        "reference": "PCC-0003",
        "committee": "PCC",
        "meeting": None,
        "item": None,
        "source": "Meeting of 9 October 2014, minute 5",
        "created_on": "2014-10-09",
        "description": (
            "Question and Answer Session on the Probation Service\n\n"
            "During the course of the discussion, Lucy Bogue agreed to provide the Committee "
            "with confirmation of when the payment by results part of the contracts for "
            "probation and offender management services, which would be monitored by the "
            "National Offender Management Service (NOMS), would come into effect."
        ),
        "action_by": "NOMS",
        "co_agencies": [],
        "owner": "lucy_bogue",
        "status": "in_progress",
        "due_text": "n/a",
        "due_in_days": None,
        "updates": [
            {
                "on": "2014-12-23",
                "by": "joanna_brown",
                "status": "in_progress",
                "note": f"In progress, as reported in {SUMMARY_LIST}.",
            }
        ],
    },
    {
        "reference": "PCC-0004",
        "committee": "PCC",
        "meeting": None,
        "item": None,
        "source": "Meeting of 9 October 2014, minute 8",
        "created_on": "2014-10-09",
        "description": (
            f"{DMPC_QA}\n\n"
            "The Deputy Commissioner, MPS, agreed to provide the Committee with further details "
            "of how the review of the Local Policing Model by Assistant Commissioner Helen King "
            "had been undertaken."
        ),
        "action_by": "MPS",
        "co_agencies": [],
        "owner": "craig_mackey",
        "status": "completed",
        "due_text": "n/a",
        "due_on": None,
        "updates": [
            {
                "on": "2014-12-15",
                "by": "craig_mackey",
                "status": "completed",
                "note": (
                    "Letter to the Chair dated 15 December 2014, responding to the request for "
                    "information about the Local Policing Model (Appendix 1 to the Summary List "
                    "of Actions)."
                ),
                "evidence": "mps-letter-2014-12-15-local-policing-model.txt",
                "evidence_name": (
                    "Appendix 1 - Letter from Craig Mackey QPM, 15 December 2014, "
                    "Local Policing Model.txt"
                ),
            }
        ],
    },
    {
        "reference": "PCC-0005",
        "committee": "PCC",
        "meeting": None,
        "item": None,
        "source": "Meeting of 9 October 2014, minute 8",
        "created_on": "2014-10-09",
        "description": (
            f"{DMPC_QA}\n\n"
            "The Deputy Mayor for Policing and Crime agreed to provide the Committee with a copy "
            "of the Local Policing Model Review once it was available."
        ),
        "action_by": "MOPAC",
        "co_agencies": [],
        # The Deputy Mayor for Policing and Crime in October 2014.
        "owner": "stephen_greenhalgh",
        "status": "ongoing",
        "due_text": "n/a",
        "due_in_days": None,
        "updates": [
            {
                "on": "2014-12-23",
                "by": "joanna_brown",
                "status": "ongoing",
                "note": f"Ongoing, as reported in {SUMMARY_LIST}.",
            }
        ],
    },
    {
        "reference": "PCC-0006",
        "committee": "PCC",
        "meeting": None,
        "item": None,
        "source": "Meeting of 4 September 2014, minute 4",
        "created_on": "2014-09-04",
        "description": (
            f"{DMPC_QA}\n\n"
            "The Assistant Commissioner, MPS to provide the Committee with:\n"
            "- Any recommendations that the Independent Oversight Groups for Taser had made; and\n"
            "- A summary of prosecutions under Operation Tiberius."
        ),
        "action_by": "MPS",
        "co_agencies": [],
        "owner": "cressida_dick",
        "status": "completed",
        "due_text": "n/a",
        "due_on": None,
        "updates": [
            {
                "on": "2014-12-05",
                "by": "cressida_dick",
                "status": "completed",
                "note": (
                    "Letter to the Chair dated 5 December 2014 regarding issues arising from the "
                    "meeting of 4 September 2014 (Appendix 2 to the Summary List of Actions)."
                ),
                "evidence": "mps-letter-2014-12-05-taser-and-tiberius.txt",
                "evidence_name": (
                    "Appendix 2 - Letter from Cressida Dick, 5 December 2014, "
                    "Taser and Operation Tiberius.txt"
                ),
            }
        ],
    },
    # "Additional correspondence": the letter answers the Committee's request for a response on
    # the topics the meeting of 9 October 2014 did not reach.
    {
        "reference": "PCC-0007",
        "committee": "PCC",
        "meeting": None,
        "item": None,
        "source": "Additional correspondence",
        "created_on": "2014-10-09",
        "description": (
            "A response to topics not covered at the meeting of the Committee on 9 October 2014: "
            "ASB and 'The Community Trigger', and sexual offences in prisons."
        ),
        "action_by": "MPS",
        "co_agencies": [],
        "owner": "craig_mackey",
        "status": "completed",
        "due_text": "",
        "due_on": None,
        "updates": [
            {
                "on": "2014-12-15",
                "by": "craig_mackey",
                "status": "completed",
                "note": (
                    "Letter to the Chair dated 15 December 2014, responding to a request for a "
                    "response to topics not covered at the meeting of the Committee on "
                    "9 October 2014 (Appendix 3 to the Summary List of Actions)."
                ),
                "evidence": "mps-letter-2014-12-15-topics-not-covered.txt",
                "evidence_name": (
                    "Appendix 3 - Letter from Craig Mackey QPM, 15 December 2014, "
                    "topics not covered on 9 October 2014.txt"
                ),
            }
        ],
    },
    # Standing arrangements reported to every meeting: ongoing by nature.
    {
        "reference": "PCC-0008",
        "committee": "PCC",
        "meeting": None,
        "item": None,
        "source": f"{COMPLAINTS}, minute 5",
        "created_on": None,
        "description": (
            f"{COMPLAINTS}\n\n"
            "The Committee agreed, inter alia, to delegate to the Monitoring Officer (MO) all of "
            "the powers and functions conferred on it by the Elected Local Policing Bodies "
            "(Complaints and Misconduct) Regulations, with the exception of the functions set "
            "out at Part 4 of the Regulations which may not be delegated; and guidance on the "
            "handling of complaints which requires the Monitoring Officer to report, on a regular "
            "basis, the summary details (such as can be reported in public), on the exercise of "
            "any and all of these functions to the Committee for monitoring purposes."
        ),
        "action_by": "Monitoring Officer",
        "co_agencies": [],
        # No Monitoring Officer among the demo people: the GLA's lead assigns it.
        "owner": None,
        "status": "ongoing",
        "due_text": "n/a",
        "due_in_days": None,
        "updates": [
            {"on": "2014-12-17", "by": "joanna_brown", "status": "ongoing", "note": NO_DISCLOSURES}
        ],
    },
    {
        "reference": "PCC-0009",
        "committee": "PCC",
        "meeting": None,
        "item": None,
        "source": f"{COMPLAINTS}, minute 6",
        "created_on": None,
        "description": (
            "Transparency Procedure\n\n"
            "The Committee agreed Members disclose to the Executive Director of Secretariat or "
            "his nominated representative (within 28 days of the contact) details of any "
            "significant contact with the MPS and/or MOPAC which they consider to be relevant to "
            "the work of the Committee; and such disclosures be reported to the next meeting of "
            "the Committee."
        ),
        "action_by": "Executive Director of Secretariat",
        "co_agencies": [],
        "owner": "mark_roberts",
        "status": "ongoing",
        "due_text": "n/a",
        "due_in_days": None,
        "updates": [
            {"on": "2014-12-17", "by": "mark_roberts", "status": "ongoing", "note": NO_DISCLOSURES}
        ],
    },
]

# --- KLCS: the Police and Crime Committee's report of July 2014, Appendix 1 (Summary of
# recommendations). The MPS's response was circulated to Members on 2 December 2014 and MOPAC's
# was noted on 4 December 2014 (PCC pack, minutes of 4 December 2014, item 5).
MPS_RESPONDED = (
    "The MPS's response to the Committee's report was circulated to Members of the Committee on "
    "2 December 2014."
)
MOPAC_RESPONDED = (
    "The Committee noted MOPAC's response to the recommendations of its report on 4 December 2014."
)


def _recommendation(number: int, **fields) -> dict:
    """A KLCS recommendation as a PCC action (the report is dated July 2014)."""
    return {
        "reference": f"PCC-{9 + number:04d}",
        "committee": "PCC",
        "meeting": None,
        "item": None,
        "source": f"{KLCS}, recommendation {number}",
        "created_on": "2014-07-01",
        "co_agencies": [],
        "due_text": "",
        "updates": [],
        **fields,
    }


KLCS_RECOMMENDATIONS: list[dict] = [
    _recommendation(
        1,
        description=(
            "As part of its response to this investigation, the Met should publish its strategic "
            "review of demand and staffing levels. It should increase the number of officers in "
            "order to meet current demand, including an option to overstaff to help fulfil the "
            "immediate challenges facing the command.\n\n"
            "The Committee recommends that MOPAC, as an oversight body, monitors these staffing "
            "issues closely and considers a long-term plan of action to ensure SOECA is "
            "comprehensively staffed, with proper levels of supervision and robust management "
            "structures now, and in the future."
        ),
        action_by="the Met",
        co_agencies=["MOPAC"],
        owner="mark_rowley",
        status="in_progress",
        due_text="As part of its response to this investigation",
        due_in_days=5,
        updates=[
            {
                "on": "2014-12-02",
                "by": "mark_rowley",
                "status": "in_progress",
                "note": MPS_RESPONDED,
            }
        ],
    ),
    _recommendation(
        2,
        description=(
            "MOPAC should monitor and hold the Met to account on Serious Case Reviews, "
            "identifying a mechanism to measure impact and improvement."
        ),
        action_by="MOPAC",
        owner="helen_bailey",
        status="ongoing",
        due_in_days=None,
        updates=[
            {"on": "2014-12-04", "by": "helen_bailey", "status": "ongoing", "note": MOPAC_RESPONDED}
        ],
    ),
    _recommendation(
        3,
        description=(
            "The Met should include a robust evaluation of how child protection and safeguarding "
            "services have been affected by the changes to intelligence services in its formal "
            "review and impact assessment of the new intelligence model.\n\n"
            "By January 2015, the Met should provide the Committee with a report on the impact "
            "of the new intelligence model on child protection and safeguarding services."
        ),
        action_by="the Met",
        owner=None,
        status="open",
        due_text="By January 2015",
        due_in_days=-40,
        updates=[{"on": "2014-12-02", "by": "joanna_brown", "note": MPS_RESPONDED}],
    ),
    _recommendation(
        4,
        description=(
            "The Met should work with partner agencies to explore opportunities to increase its "
            "investment in multi-agency training, in particular, MACIE training."
        ),
        action_by="the Met",
        owner="keith_niven",
        status="ongoing",
        due_in_days=None,
        updates=[
            {"on": "2014-12-02", "by": "keith_niven", "status": "ongoing", "note": MPS_RESPONDED}
        ],
    ),
    _recommendation(
        5,
        description=(
            "We recommend that the Met determine how it can bring the CAITs and MASH closer "
            "together to ensure a better working relationship and efficiencies across commands, "
            "including the possibility of the CAITs sitting within each MASH.\n\n"
            "The importance of the MASH for the police should be reflected by the appointment of "
            "a more senior police officer with the authority to be able to direct resources and "
            "secure the confidence of the CAITs in the MASH."
        ),
        action_by="the Met",
        owner="keith_niven",
        status="in_progress",
        due_in_days=-2,
        updates=[
            {
                "on": "2014-12-02",
                "by": "keith_niven",
                "status": "in_progress",
                "note": MPS_RESPONDED,
            }
        ],
    ),
    _recommendation(
        6,
        description=(
            "The Met should, within 12 months, review the evidence and impact of the CSE "
            "Protocol on reporting and identification of CSE in London and the level of resource "
            "dedicated to tackling CSE. The Committee would welcome regular updates on progress."
        ),
        action_by="the Met",
        owner=None,
        status="open",
        due_text="Within 12 months",
        due_in_days=-12,
    ),
    _recommendation(
        7,
        description=(
            "MOPAC and the Met should conduct a mapping exercise to understand the nature of FGM "
            "within different communities in London, to identify which children are at risk, and "
            "to establish the extent to which FGM is practised in the capital in order to target "
            "resources."
        ),
        action_by="MOPAC",
        co_agencies=["the Met"],
        owner=None,
        status="open",
        due_in_days=2,
    ),
    _recommendation(
        8,
        description=(
            "MOPAC should set out a clear performance monitoring framework for holding the Met to "
            "account on their safeguarding children duties. As part of this, MOPAC should hold a "
            "challenge meeting, within the next 12 months, to hold the Met to account on its "
            "safeguarding children and child protection responsibilities."
        ),
        action_by="MOPAC",
        owner="helen_bailey",
        status="completed",
        due_text="Within the next 12 months",
        due_on=None,
        updates=[
            {"on": "2014-12-04", "by": "helen_bailey", "note": MOPAC_RESPONDED},
            {
                "on": "2015-06-10",
                "by": "helen_bailey",
                "status": "completed",
                "note": (
                    "MOPAC held a MOPAC Challenge on child sexual exploitation on 10 June 2015, "
                    "with the Metropolitan Police Service among those held to account."
                ),
            },
        ],
    ),
]


def _commitment(reference: str, committee: str, meeting: str, **fields) -> dict:
    """A commitment made at a hearing, from the agenda item it was made under."""
    return {
        "reference": reference,
        "committee": committee,
        "meeting": meeting,
        "source": "",
        "created_on": meeting[:10],
        "co_agencies": [],
        "due_text": "",
        "updates": [],
        **fields,
    }


# --- MOPAC CSE: commitments made, or asked for, at the MOPAC Challenge of 10 June 2015.
MOPAC_CHALLENGE: list[dict] = [
    _commitment(
        "MOPAC-CH-0001",
        "MOPAC-CH",
        MOPAC_CSE,
        item=["The London response: the London Safeguarding Children Board"],
        description=(
            "Put child sexual exploitation at the top of the agenda of the London board's "
            "refreshed work programme, with particular actions drawn from the inspection reports "
            "and this hearing, starting with a strong focus on data collection."
        ),
        action_by="London Safeguarding Children's Board",
        owner="mike_cooke",
        status="in_progress",
        due_in_days=2,
        updates=[
            {
                "on": "2015-06-10",
                "by": "mike_cooke",
                "status": "in_progress",
                "note": "The new chair is refreshing the board's work programme and priorities.",
            }
        ],
    ),
    _commitment(
        "MOPAC-CH-0002",
        "MOPAC-CH",
        MOPAC_CSE,
        item=["The London response: the London Safeguarding Children Board"],
        description="Take Operation Make Safe forward and embed it across the partnership.",
        action_by="London Safeguarding Children Board",
        owner=None,
        status="open",
        due_in_days=None,
    ),
    _commitment(
        "MOPAC-CH-0003",
        "MOPAC-CH",
        MOPAC_CSE,
        item=["Chair's summary"],
        description=(
            "Strengthen the London data on child sexual exploitation: a standard data set, "
            "presented the same way and shared across boroughs, as the starting point of the "
            "London response."
        ),
        action_by="The Mayor's Office",
        co_agencies=["LSCB", "Met"],
        owner=None,
        status="open",
        due_in_days=-25,
    ),
    _commitment(
        "MOPAC-CH-0004",
        "MOPAC-CH",
        MOPAC_CSE,
        item=["Chair's summary"],
        description=(
            "Draw up a MOPAC CSE ambition for London, with all key partners signing up to it "
            "and its governance reaching the local safeguarding children and adults boards."
        ),
        action_by="MOPAC",
        co_agencies=["NHS England, London Region"],
        owner=None,
        status="open",
        due_in_days=-15,
    ),
    _commitment(
        "MOPAC-CH-0005",
        "MOPAC-CH",
        MOPAC_CSE,
        item=["The Metropolitan Police Service response"],
        description=(
            "Hold seminars on perpetrators' behaviours and their early warning signs, and launch "
            "the further 'Can You See It?' video for professionals."
        ),
        action_by="SOECA Command",
        owner="terry_sharpe",
        status="in_progress",
        due_text="Later this year",
        due_in_days=7,
        updates=[
            {
                "on": "2015-06-10",
                "by": "terry_sharpe",
                "status": "in_progress",
                "note": (
                    "The first video for professionals is on YouTube and on the Barnardo's and "
                    "MPS websites."
                ),
            }
        ],
    ),
    _commitment(
        "MOPAC-CH-0006",
        "MOPAC-CH",
        MOPAC_CSE,
        item=["The Metropolitan Police Service response"],
        description=(
            "Harvest the intelligence that arises from gangs enforcement and use it to make "
            "girls at risk of peer-on-peer sexual exploitation safer."
        ),
        action_by="Metropolitan Police",
        owner=None,
        status="open",
        due_in_days=-9,
    ),
    _commitment(
        "MOPAC-CH-0007",
        "MOPAC-CH",
        MOPAC_CSE,
        item=["The Metropolitan Police Service response"],
        description=(
            "Make sure return interviews take place when children who went missing come back, "
            "and that their product (where did you go, who were you with) reaches the police."
        ),
        action_by="LB Croydon",
        co_agencies=["Met Police"],
        owner="gavin_swann",
        status="open",
        due_in_days=1,
    ),
    _commitment(
        "MOPAC-CH-0008",
        "MOPAC-CH",
        MOPAC_CSE,
        item=["The local authority response: Croydon"],
        description=(
            "Base a Safer London worker in Croydon's sexual health clinic, to bring more "
            "referrals of young people at risk of sexual exploitation."
        ),
        action_by="Safer London Foundation",
        co_agencies=["Croydon"],
        owner="claire_hubberstey",
        status="in_progress",
        due_in_days=None,
        updates=[
            {
                "on": "2015-06-10",
                "by": "claire_hubberstey",
                "status": "in_progress",
                "note": "A new project starting with LB Croydon.",
            }
        ],
    ),
    _commitment(
        "MOPAC-CH-0009",
        "MOPAC-CH",
        MOPAC_CSE,
        item=["The health response"],
        description=(
            "Raise awareness of child sexual exploitation, and bring it into business-as-usual "
            "training, in A&E departments, urgent care and walk-in centres and GP practices, "
            "where referrals to the police are lowest; join up with the MPS to get the message "
            "out."
        ),
        action_by="NHS England, London Region",
        co_agencies=["MPS"],
        owner="lucy_botting",
        status="in_progress",
        due_in_days=-5,
        updates=[
            {
                "on": "2015-06-10",
                "by": "lucy_botting",
                "status": "in_progress",
                "note": (
                    "The Department of Health's CSE toolkit has gone to school nurses; A&E, "
                    "urgent care and GP practices are next."
                ),
            }
        ],
    ),
    _commitment(
        "MOPAC-CH-0010",
        "MOPAC-CH",
        MOPAC_CSE,
        item=["Peer-on-peer exploitation and a contextual response"],
        description=(
            "Set out a pan-London approach to safeguarding adolescents, with contextual data "
            "(schools, peer networks, parks, transport hubs), peer group mapping and risk "
            "assessment of public spaces."
        ),
        action_by="MsUnderstood Programme",
        owner="carlene_firmin",
        status="ongoing",
        due_in_days=None,
        updates=[{"on": "2015-06-10", "by": "carlene_firmin", "status": "ongoing"}],
    ),
    _commitment(
        "MOPAC-CH-0011",
        "MOPAC-CH",
        MOPAC_CSE,
        item=["The local authority response: Croydon"],
        description=(
            "Agree how boroughs are notified, and safety plans made, when a young person at risk "
            "of sexual exploitation is relocated to another borough, so that relocation is not "
            "the end point of the safeguarding response."
        ),
        action_by="London Safeguarding Board",
        co_agencies=["LB Croydon"],
        owner=None,
        status="open",
        due_in_days=None,
    ),
    _commitment(
        "MOPAC-CH-0012",
        "MOPAC-CH",
        MOPAC_CSE,
        item=["Services for victims and prevention in schools"],
        description=(
            "Agree a standard multi-agency CSE risk assessment, with one language across "
            "London's multi-agency safeguarding hubs, so that referrals are categorised on a "
            "shared understanding of risk."
        ),
        action_by="London Safeguarding Children Board",
        co_agencies=["Safer London", "the Met"],
        owner="mike_cooke",
        status="open",
        due_in_days=-22,
    ),
]

# --- JM: commitments made at Justice Matters on 28 November 2016. The Court Service (HMCTS)
# sent apologies, so what was asked of it is owned by an absent agency with nobody to assign.
SURVIVOR = [JM_PART_ONE, "Survivor's testimony"]
JM_NEEDS_ASSESSMENT = [JM_PART_ONE, "MOPAC response - the needs assessment and next steps"]
JM_PUBLIC_QUESTIONS = [JM_PART_ONE, "Public questions"]
JM_DISCUSSION_ONE = [JM_PART_ONE, "Open discussion"]
JM_MOPAC_RESPONSE = [JM_PART_TWO, "MOPAC response"]
JM_MPS_RESPONSE = [JM_PART_TWO, "Metropolitan Police Service response to the HMIC inspection"]
JM_DISCUSSION_TWO = [JM_PART_TWO, "Open discussion"]

JUSTICE_MATTERS: list[dict] = [
    # Restricted with the testimony (MOPAC only): hidden from every other partner.
    _commitment(
        "JM-0001",
        "JM",
        JM_28_NOV_2016,
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
    _commitment(
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
    _commitment(
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
    _commitment(
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
    _commitment(
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
    _commitment(
        "JM-0006",
        "JM",
        JM_28_NOV_2016,
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
    _commitment(
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
    _commitment(
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
    _commitment(
        "JM-0009",
        "JM",
        JM_28_NOV_2016,
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
    _commitment(
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
    _commitment(
        "JM-0011",
        "JM",
        JM_28_NOV_2016,
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
    _commitment(
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
    _commitment(
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
    _commitment(
        "JM-0014",
        "JM",
        JM_28_NOV_2016,
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
    _commitment(
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
    _commitment(
        "JM-0016",
        "JM",
        JM_28_NOV_2016,
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
    _commitment(
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
    _commitment(
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
    _commitment(
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
    _commitment(
        "JM-0020",
        "JM",
        JM_28_NOV_2016,
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

ACTIONS: list[dict] = [
    *PCC_SUMMARY_LIST,
    *KLCS_RECOMMENDATIONS,
    *MOPAC_CHALLENGE,
    *JUSTICE_MATTERS,
]
