"""The demo hearings: the MOPAC Challenge and Justice Matters (see meetings.py)."""

CITY_HALL_CHAMBER = "The Chamber, City Hall"

HEARINGS: list[dict] = [
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
