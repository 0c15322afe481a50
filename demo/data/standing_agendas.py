"""The standing agendas of the demo committees: the items every meeting of each starts from."""

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
