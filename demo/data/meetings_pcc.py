"""The demo meetings of the Police and Crime Committee, from the PCC pack (see meetings.py)."""

PCC_LOCATION = "Chamber, City Hall, The Queen's Walk, London, SE1 2AA"

SECRETARIAT_REPORT = "Report of the Executive Director of Secretariat"

PCC_MEETINGS: list[dict] = [
    # --- Police and Crime Committee, 4 December 2014: as its minutes in the PCC pack record.
    {
        "committee": "PCC",
        "title": "Safeguarding and child sexual exploitation in London",
        "starts_at": "2014-12-04T10:00",
        # "The meeting ended at 1.11pm."
        "ends_at": "2014-12-04T13:11",
        "location": PCC_LOCATION,
        "chairs": ["joanne_mccartney"],
        # Its minutes went to the meeting of 8 January 2015 to be signed as a correct record.
        "status": "minutes_approved",
        "published_on": None,
        "source": "PCC pack (minutes of 4 December 2014)",
        "items": [
            {
                "title": "Apologies for Absence and Chair's Announcements",
                "kind": "apologies",
                "description": (
                    "Apologies for absence were received from Roger Evans AM, for whom James "
                    "Cleverly AM substituted, and from Jennette Arnold OBE AM."
                ),
            },
            {
                "title": "Declarations of Interests",
                "kind": "declarations",
                "recommendation": (
                    "That the list of offices held by Assembly Members, as set out in the table "
                    "at Agenda Item 2, be noted as disclosable pecuniary interests."
                ),
            },
            {
                "title": "Minutes",
                "kind": "minutes",
                "recommendation": (
                    "That the minutes of the Police and Crime Committee meeting held on "
                    "13 November 2014 be signed by the Chair as a correct record."
                ),
            },
            {
                "title": (
                    "Summary List of Actions and Action Taken by the Chair under Delegated "
                    "Authority"
                ),
                "kind": "actions",
                "description": f"{SECRETARIAT_REPORT}.",
                "recommendation": (
                    "(a) That the outstanding and completed actions arising from previous "
                    "meetings of the Committee, and the additional correspondence as listed in "
                    "the report, be noted; and\n"
                    "(b) That the action taken by the Chair under delegated authority, namely to "
                    "evaluate the results of the initial scoping research for the Online Crime "
                    "scrutiny investigation, in consultation with the party Group lead Members, "
                    "and following that evaluation to decide to not commission any further "
                    "research, be noted."
                ),
            },
            {
                "title": "Safeguarding and Child Sexual Exploitation in London",
                "kind": "substantive",
                "description": (
                    f"{SECRETARIAT_REPORT}, as background to putting questions to the invited "
                    "guests on safeguarding children and child exploitation in London, in two "
                    "parts."
                ),
                "recommendation": (
                    "(a) That the report and answers given by the invited guests for the "
                    "question and answer session on safeguarding and child sexual exploitation "
                    "in London, be noted.\n"
                    "(b) That MOPAC's response to the recommendations set out in the "
                    "Committee's report Keeping London's children safe, and as appended to the "
                    "agenda, be noted; and\n"
                    "(c) That the response of the MPS to the Committee's report Keeping "
                    "London's children safe, which was circulated to Members of the Committee "
                    "on 2 December 2014 (and would be reported formally to the Committee's "
                    "meeting on 18 December 2014), be noted."
                ),
                "children": [
                    {
                        "title": "Part A: Safeguarding children in London",
                        "kind": "substantive",
                        "description": (
                            "Guests: Helen Bailey, Chief Operating Officer, MOPAC; Assistant "
                            "Commissioner Cressida Dick, MPS; Temporary Commander Keith Niven, "
                            "MPS."
                        ),
                        "presenters": ["helen_bailey", "cressida_dick", "keith_niven"],
                    },
                    {
                        "title": "Part B: Child sexual exploitation in London",
                        "kind": "substantive",
                        "description": (
                            "Guests: Suzanne Elwick, Waltham Forest Safeguarding Children Board "
                            "Business Manager; George Curtis, Pan-London Programme Manager, The "
                            "MsUnderstood Partnership. Assistant Commissioner Cressida Dick and "
                            "Temporary Commander Keith Niven, MPS, remained for this part."
                        ),
                        "presenters": [
                            "suzanne_elwick",
                            "george_curtis",
                            "cressida_dick",
                            "keith_niven",
                        ],
                        # Exempt: the pack marks Part B and names no paragraph; the part is
                        # about the investigation of child sexual exploitation, so paragraph 7
                        # (prevention, investigation or prosecution of crime).
                        "restricted_to": ["MPS", "MOPAC", "WFSCB", "MSU"],
                        "exempt_paragraph": 7,
                    },
                ],
            },
            {
                "title": (
                    "Policing in Austerity - an Update from the Budget and Performance Committee"
                ),
                "kind": "substantive",
                "description": f"{SECRETARIAT_REPORT}.",
                "recommendation": (
                    "That the report and the supporting information, attached at Appendix 1 to "
                    "the report, be noted."
                ),
            },
            {
                "title": "Police and Crime Committee Work Programme",
                "kind": "substantive",
                "description": f"{SECRETARIAT_REPORT}.",
                "recommendation": (
                    "That the work programme, as set out at paragraph 4.1 of the report, be noted."
                ),
            },
            {
                "title": "Date of Next Meeting",
                "kind": "next_meeting",
                # The minutes print "18 December 2015"; item 5 of the same minutes shows the
                # next meeting was on 18 December 2014.
                "description": (
                    "The next meeting of the Committee was scheduled for 10am on Thursday "
                    "18 December 2014 in the Chamber, City Hall."
                ),
            },
            {
                "title": "Any Other Business the Chair Considers Urgent",
                "kind": "aob",
                "description": "There was no other business the Chair considered urgent.",
            },
        ],
    },
    # --- Police and Crime Committee, 8 January 2015: the agenda of the PCC pack.
    {
        "committee": "PCC",
        "title": "Thematic meeting: youth reoffending and re-settlement",
        "starts_at": "2015-01-08T10:00",
        # The pack gives no finishing time; 1pm allows for the two one-hour panels and the
        # business after them (the meeting of 4 December 2014 ended at 1.11pm).
        "ends_at": "2015-01-08T13:00",
        "location": PCC_LOCATION,
        "chairs": ["joanne_mccartney"],
        "status": "held",
        # "Mark Roberts, Executive Director of Secretariat, Tuesday 23 December 2014"
        "published_on": "2014-12-23",
        "source": "PCC pack (agenda of 8 January 2015 and the report cover sheets)",
        "items": [
            {
                "title": "Apologies for Absence and Chair's Announcements",
                "kind": "apologies",
                "description": (
                    "To receive any apologies for absence and any announcements from the Chair."
                ),
            },
            {
                "title": "Declaration of Interests",
                "kind": "declarations",
                "description": f"{SECRETARIAT_REPORT} (pages 1 - 4).",
                "presenters": ["joanna_brown", "teresa_young"],
                "recommendation": (
                    "That the list of offices held by Assembly Members, as set out in the table "
                    "below, be noted as disclosable pecuniary interests;\n"
                    "That the declaration by any Member(s) of any disclosable pecuniary "
                    "interests in specific items listed on the agenda and the necessary action "
                    "taken by the Member(s) regarding withdrawal following such declaration(s) "
                    "be noted; and\n"
                    "That the declaration by any Member(s) of any other interests deemed to be "
                    "relevant (including any interests arising from gifts and hospitality "
                    "received which are not at the time of the meeting reflected on the "
                    "Authority's register of gifts and hospitality, and noting also the advice "
                    "from the GLA's Monitoring Officer set out at below) and any necessary "
                    "action taken by the Member(s) following such declaration(s) be noted."
                ),
            },
            {
                "title": "Minutes",
                "kind": "minutes",
                "description": (
                    "Minutes of the meeting of 4 December 2014 (pages 5 - 62). The appendices "
                    "to the minutes (pages 11 to 61) are attached for Members and officers only."
                ),
                "presenters": ["joanna_brown", "teresa_young"],
                # No cover sheet: the agenda's own wording.
                "recommendation": (
                    "The Committee is recommended to confirm the minutes of the meeting of the "
                    "Police and Crime Committee held on 4 December 2014 to be signed by the "
                    "Chair as a correct record."
                ),
            },
            {
                "title": "Summary List of Actions",
                "kind": "actions",
                "description": (
                    f"{SECRETARIAT_REPORT} (pages 63 - 74), with letters from the MPS attached "
                    "as Appendices 1 to 3."
                ),
                "presenters": ["joanna_brown", "teresa_young"],
                "recommendation": (
                    "That the Committee notes the outstanding and completed actions arising "
                    "from previous meetings of the Committee and additional correspondence, as "
                    "listed in the report."
                ),
            },
            {
                "title": "Youth Re-offending and Resettlement",
                "kind": "substantive",
                "description": (
                    f"{SECRETARIAT_REPORT} (pages 75 - 78): background for the first meeting "
                    "of the Committee's investigation into youth reoffending and re-settlement "
                    "in London, with invited guests in two panels."
                ),
                "presenters": ["becky_short"],
                "planned_minutes": 120,
                "recommendation": (
                    "That the Committee notes the report and puts questions to the invited "
                    "guests on youth reoffending and re-settlement."
                ),
                "children": [
                    {
                        "title": "Panel 1",
                        "kind": "substantive",
                        "description": (
                            "Panel 1 (10.00am): Dr Tim Bateman, Reader in Youth Justice, "
                            "University of Bedfordshire; Dr Alex Newbury, Senior Lecturer, "
                            "Brighton Business School; Graham Robb, Youth Justice and Education "
                            "consultant; and Lisa Harvey-Messina, Head of London Business Area, "
                            "Youth Justice Board."
                        ),
                        "presenters": [
                            "tim_bateman",
                            "alex_newbury",
                            "graham_robb",
                            "lisa_harvey_messina",
                        ],
                        "planned_minutes": 60,
                    },
                    {
                        "title": "Panel 2",
                        "kind": "substantive",
                        "description": (
                            "Panel 2 (11.00am): Glen Knight, Governor, Feltham YOI; Evan Jones, "
                            "Head of Community Services, St Giles Trust; Loretta Albertini, "
                            "Switch Direction Performance Manager, Working Links; and Helen "
                            "Dyson, Operations Manager, Nacro."
                        ),
                        "presenters": [
                            "glen_knight",
                            "evan_jones",
                            "loretta_albertini",
                            "helen_dyson",
                        ],
                        "planned_minutes": 60,
                    },
                ],
            },
            {
                "title": "The Diversity of the Met's Frontline",
                "kind": "substantive",
                "description": (
                    f"{SECRETARIAT_REPORT} (pages 79 - 120). The report for agreement is "
                    "attached as Appendix 1 for Members and officers only; the Committee "
                    "requests a response to each of its ten recommendations by March 2015."
                ),
                "presenters": ["matt_bailey"],
                "recommendation": (
                    "That the Committee agrees its report The diversity of the Met's frontline."
                ),
            },
            {
                "title": "Police and Crime Committee Work Programme",
                "kind": "substantive",
                "description": f"{SECRETARIAT_REPORT} (pages 121 - 122).",
                "presenters": ["becky_short"],
                "recommendation": (
                    "That the Committee notes the work programme, as set out at paragraph 4.1 "
                    "of this report."
                ),
            },
            {
                "title": "Date of Next Meeting",
                "kind": "next_meeting",
                "description": (
                    "The next meeting of the Committee is scheduled for 10.00am on Thursday "
                    "29 January 2015 in the Chamber, City Hall."
                ),
            },
            {
                "title": "Any Other Business the Chair Considers Urgent",
                "kind": "aob",
            },
        ],
    },
]
