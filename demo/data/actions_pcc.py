"""Demo actions of the PCC pack's Summary List of Actions, row by row (see actions.py)."""

PCC_4_DEC_2014 = "2014-12-04T10:00"
DMPC_QA = (
    "Question and Answer Session with the Deputy Mayor for Policing and Crime and the "
    "Metropolitan Police Service"
)
SUMMARY_LIST = "the Summary List of Actions for the meeting of 8 January 2015"
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
