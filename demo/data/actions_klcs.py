"""Demo actions of the KLCS report's eight recommendations (see actions.py)."""

KLCS = "Keeping London's children safe"

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
