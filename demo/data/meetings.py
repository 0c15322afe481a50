"""Demo meetings drawn from the seed documents in /work/shared/seeds, as plain data.

Seed files, abbreviated in each meeting's "source":
  PCC pack   police-and-crime-committee-2015-01-08-agenda-pack.txt
  MOPAC CSE  mopac-challenge-cse-2015-06-10-transcript.txt
  JM         justice-matters-2016-11-28-transcript.txt and justice-matters-2016-11-28-slides.md

People are PEOPLE keys and agencies AGENCIES short names from agencies/demo_data.py. Times are
wall-clock times in Europe/London. Where a document gives no timing, "planned_minutes" is None,
or, where marked "estimate", is shared out in proportion to how long the transcript spends on
each item so that the items add up to the documented start and finish times.

Each item: "title", "kind", and optionally "description", "recommendation", "presenters",
"lead_agency", "planned_minutes", "restricted_to" (agencies granted a restricted item),
"questions" (public questions) and "children" (sub-items).
"""

from __future__ import annotations

PCC_LOCATION = "Chamber, City Hall, The Queen's Walk, London, SE1 2AA"
CITY_HALL_CHAMBER = "The Chamber, City Hall"

STANDING_AGENDAS: dict[str, list[dict]] = {
    # The standard items of every Police and Crime Committee agenda in the PCC pack (the
    # agenda of 8 January 2015 and the minutes of 4 December 2014); the thematic business goes
    # between the Summary List of Actions and the Work Programme.
    "PCC": [
        {
            "title": "Apologies for Absence and Chair's Announcements",
            "kind": "apologies",
            "planned_minutes": None,
            "children": [],
        },
        {
            "title": "Declarations of Interests",
            "kind": "declarations",
            "planned_minutes": None,
            "children": [],
        },
        {"title": "Minutes", "kind": "minutes", "planned_minutes": None, "children": []},
        {
            "title": "Summary List of Actions",
            "kind": "actions",
            "planned_minutes": None,
            "children": [],
        },
        {
            "title": "Police and Crime Committee Work Programme",
            "kind": "substantive",
            "planned_minutes": None,
            "children": [],
        },
        {
            "title": "Date of Next Meeting",
            "kind": "next_meeting",
            "planned_minutes": None,
            "children": [],
        },
        {
            "title": "Any Other Business the Chair Considers Urgent",
            "kind": "aob",
            "planned_minutes": None,
            "children": [],
        },
    ],
    # A MOPAC Challenge hearing (MOPAC CSE): a short data presentation, themed sections each
    # opened by a guest agency and questioned by a Challenge member, and the chair's summary.
    "MOPAC-CH": [
        {
            "title": "Presentation: the data",
            "kind": "presentation",
            "planned_minutes": 10,
            "children": [],
        },
        {
            "title": "Themed section",
            "kind": "substantive",
            "planned_minutes": 15,
            "children": [],
        },
        {"title": "Chair's summary", "kind": "substantive", "planned_minutes": 5, "children": []},
    ],
    # Justice Matters (JM slides): welcome, two parts each with a presentation and an open
    # discussion (public questions in the first), and a summary.
    "JM": [
        {
            "title": "Welcome, aim and introductions",
            "kind": "substantive",
            "planned_minutes": 5,
            "children": [],
        },
        {
            "title": "Part One",
            "kind": "part",
            "planned_minutes": None,
            "children": [
                {
                    "title": "Presentation",
                    "kind": "presentation",
                    "planned_minutes": 10,
                    "children": [],
                },
                {
                    "title": "Public questions",
                    "kind": "public_questions",
                    "planned_minutes": 10,
                    "children": [],
                },
                {
                    "title": "Open discussion",
                    "kind": "substantive",
                    "planned_minutes": 20,
                    "children": [],
                },
            ],
        },
        {
            "title": "Part Two",
            "kind": "part",
            "planned_minutes": None,
            "children": [
                {
                    "title": "Presentation",
                    "kind": "presentation",
                    "planned_minutes": 10,
                    "children": [],
                },
                {
                    "title": "Open discussion",
                    "kind": "substantive",
                    "planned_minutes": 20,
                    "children": [],
                },
            ],
        },
        {"title": "Summary", "kind": "substantive", "planned_minutes": 5, "children": []},
    ],
}

SECRETARIAT_REPORT = "Report of the Executive Director of Secretariat"

MEETINGS: list[dict] = [
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
    # --- MOPAC Challenge, child sexual exploitation, 10 June 2015 (MOPAC CSE). Minutes per
    # item are estimates in proportion to the transcript, filling 4pm to 5.30pm.
    {
        "committee": "MOPAC-CH",
        "title": "Child Sexual Exploitation",
        "starts_at": "2015-06-10T16:00",
        "ends_at": "2015-06-10T17:30",
        "location": CITY_HALL_CHAMBER,
        "chairs": ["stephen_greenhalgh"],
        "status": "held",
        "published_on": None,
        "source": "MOPAC CSE",
        "items": [
            {
                "title": "Child sexual exploitation in London: the data",
                "kind": "presentation",
                "description": (
                    "A short presentation, mostly of Metropolitan Police Service data, on the "
                    "scale of CSE in London: flagged offences by risk category, online "
                    "allegations, geography of reports and victims, how reports reach the "
                    "police, and victims and suspects."
                ),
                "presenters": ["marie_snelling"],
                "lead_agency": "MOPAC",
                "planned_minutes": 10,
            },
            {
                "title": "Peer-on-peer exploitation and a contextual response",
                "kind": "substantive",
                "description": (
                    "Carlene Firmin, MsUnderstood Partnership, University of Bedfordshire: "
                    "data on context, a safeguarding response to young people who perpetrate, "
                    "and a pan-London approach to safeguarding adolescents. Lead questioner: "
                    "Keith Prince."
                ),
                "presenters": ["carlene_firmin"],
                "lead_agency": "MSU",
                "planned_minutes": 10,
            },
            {
                "title": "Services for victims and prevention in schools",
                "kind": "substantive",
                "description": (
                    "Claire Hubberstey, Chief Executive, Safer London: one-to-one support for "
                    "victims of sexual exploitation, the education programme in schools, and "
                    "peer-on-peer abuse in the pan-London CSE protocol. Lead questioner: "
                    "Steve O'Connell."
                ),
                "presenters": ["claire_hubberstey"],
                "lead_agency": "SAFER-LONDON",
                "planned_minutes": 12,
            },
            {
                "title": "The London response: the London Safeguarding Children Board",
                "kind": "substantive",
                "description": (
                    "Mike Cooke, Chair, London Safeguarding Children Board: what the London "
                    "board does and does not do, Ofsted inspections and peer reviews, and the "
                    "London data set. Lead questioner: Jonathan Glanz."
                ),
                "presenters": ["mike_cooke"],
                "lead_agency": "LSCB",
                "planned_minutes": 14,
            },
            {
                "title": "The Metropolitan Police Service response",
                "kind": "substantive",
                "description": (
                    "Deputy Assistant Commissioner Steve Rodhouse and Detective Superintendent "
                    "Terry Sharpe: CSE as a national policing priority, referrals and charges, "
                    "and disruption of perpetrators. Questions from the Chair."
                ),
                "presenters": ["steve_rodhouse", "terry_sharpe"],
                "lead_agency": "MPS",
                "planned_minutes": 18,
            },
            {
                "title": "The health response",
                "kind": "substantive",
                "description": (
                    "Lucy Botting, NHS England (London Region): the NHS's role as assurer of "
                    "health safeguarding across London and the low number of referrals from "
                    "health to the police. Lead questioner: Steve O'Connell."
                ),
                "presenters": ["lucy_botting"],
                "lead_agency": "NHSE",
                "planned_minutes": 12,
            },
            {
                "title": "The local authority response: Croydon",
                "kind": "substantive",
                "description": (
                    "Gavin Swann, Head of Service for Children's Safeguarding and Quality "
                    "Assurance, LB Croydon: mapping and profiling of exploitation, engaging "
                    "young people, and relocation across borough boundaries."
                ),
                "presenters": ["gavin_swann"],
                "lead_agency": "LB-CROYDON",
                "planned_minutes": 12,
            },
            {
                "title": "Chair's summary",
                "kind": "substantive",
                "description": (
                    "Data as the starting point, a pan-London and multi-agency response, and a "
                    "MOPAC CSE ambition."
                ),
                "presenters": ["stephen_greenhalgh"],
                "planned_minutes": 2,
            },
        ],
    },
    # --- Justice Matters, 28 November 2016 (JM). The agenda follows the slides; the survivor's
    # five minutes are from the transcript, the other minutes are estimates in proportion to
    # the transcript, filling 10.30am to 12.05pm. The survivor is never named.
    {
        "committee": "JM",
        "title": "Tackling sexual violence and supporting young vulnerable people",
        "starts_at": "2016-11-28T10:30",
        "ends_at": "2016-11-28T12:05",
        "location": CITY_HALL_CHAMBER,
        "chairs": ["sophie_linden", "marai_larsi"],
        "status": "held",
        "published_on": None,
        "source": "JM",
        "items": [
            {
                "title": "Welcome, aim and introductions",
                "kind": "substantive",
                "description": (
                    "The Sexual Violence Needs Assessment and the HMIC Child Protection Report "
                    "published last week; the agenda was rearranged to take the report."
                ),
                "presenters": ["sophie_linden", "marai_larsi"],
                "planned_minutes": 5,
            },
            {
                "title": "Part One: Supporting survivors of sexual violence",
                "kind": "part",
                "description": "Co-chaired by Sophie Linden and Marai Larsi.",
                "planned_minutes": 50,
                "children": [
                    {
                        "title": "Survivor's testimony",
                        "kind": "substantive",
                        "description": (
                            "A survivor of sexual violence speaks for about five minutes about "
                            "their experience: trust and continuity in the investigation, a "
                            "lead who understands, support through the investigation, and long "
                            "term specialist support."
                        ),
                        "planned_minutes": 5,
                        "restricted_to": ["MOPAC"],
                    },
                    {
                        "title": "MOPAC response - the needs assessment and next steps",
                        "kind": "presentation",
                        "description": (
                            "The London sexual violence needs assessment 2016, commissioned "
                            "jointly by MOPAC and NHS England: prevalence and scale, "
                            "vulnerability and support, and the gaps identified."
                        ),
                        "presenters": ["samantha_cunningham"],
                        "lead_agency": "MOPAC",
                        "planned_minutes": 10,
                    },
                    {
                        "title": "Public questions",
                        "kind": "public_questions",
                        "description": "Questions submitted to MOPAC before the meeting.",
                        "presenters": ["marai_larsi"],
                        "planned_minutes": 10,
                        "questions": [
                            {
                                "question": (
                                    "Where a woman has experienced sexual or domestic violence "
                                    "from an ex-partner, what can be done to support them "
                                    "better when they are faced with court hearings about "
                                    "Contact Orders for the ex-partner's access to the "
                                    "children? Any contact granted is often manipulated by the "
                                    "perpetrator to pursue harassment and further traumatising "
                                    "of the victim, and the process itself is legally and "
                                    "practically challenging for women to engage with "
                                    "effectively."
                                ),
                                "asked_by": "Royal Borough of Greenwich",
                                "asked_by_agency": "RB-GREENWICH",
                                "answered_by": "sarah_maclaren",
                            },
                            {
                                "question": (
                                    "What is MOPAC's and the London Criminal Justice system "
                                    "strategy for addressing the needs of London's 750,000 "
                                    "disabled women, for ensuring that the Criminal Justice "
                                    "System offers disabled women equal access to justice and "
                                    "to appropriate support."
                                ),
                                "asked_by": "Stay Safe East",
                                "asked_by_agency": "STAY-SAFE-EAST",
                                "answered_by": "stuart_cundy",
                            },
                        ],
                    },
                    {
                        "title": "Open discussion",
                        "kind": "substantive",
                        "description": (
                            "Complexity of survivors' needs, ISVAs and a single point of "
                            "contact, BAME-specific services, and delays in the courts."
                        ),
                        "planned_minutes": 25,
                    },
                ],
            },
            {
                "title": "Part Two: Targeted prevention - Keeping children safe",
                "kind": "part",
                "description": "Chaired by Sophie Linden.",
                "planned_minutes": 35,
                "children": [
                    {
                        "title": "Keeping children safe: the CSE needs assessment and the HMIC "
                        "inspection into child protection",
                        "kind": "presentation",
                        "description": (
                            "The Child Sexual Exploitation Needs Assessment commissioned by "
                            "MOPAC with NHS England, and the findings of the HMIC inspection "
                            "into child protection in the MPS."
                        ),
                        "presenters": ["samantha_cunningham"],
                        "lead_agency": "MOPAC",
                        "planned_minutes": 5,
                    },
                    {
                        "title": "MOPAC response",
                        "kind": "substantive",
                        "description": (
                            "MOPAC's action plan with the MPS: scrapping the crime reduction "
                            "targets, protection of vulnerable people in the Police and Crime "
                            "Plan, an independent group of experts, and formal oversight "
                            "meetings."
                        ),
                        "presenters": ["sophie_linden"],
                        "lead_agency": "MOPAC",
                        "planned_minutes": 5,
                    },
                    {
                        "title": "Metropolitan Police Service response to the HMIC inspection",
                        "kind": "substantive",
                        "description": (
                            "Assistant Commissioner Martin Hewitt on the MPS Gold Group plan, "
                            "training, missing children, custody and information sharing."
                        ),
                        "presenters": ["martin_hewitt"],
                        "lead_agency": "MPS",
                        "planned_minutes": 10,
                    },
                    {
                        "title": "Open discussion",
                        "kind": "substantive",
                        "description": (
                            "Partnership working and information sharing: NHS England, the "
                            "Association of London Directors of Children's Services, the "
                            "University of Bedfordshire, the MPS and Safer London."
                        ),
                        "planned_minutes": 15,
                    },
                ],
            },
            {
                "title": "Summary",
                "kind": "substantive",
                "presenters": ["sophie_linden"],
                "planned_minutes": 5,
            },
        ],
    },
]
