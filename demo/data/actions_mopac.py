"""Demo actions committed to at the MOPAC Challenge of 10 June 2015 (see actions.py)."""

from .commitments import commitment

MOPAC_CSE = "2015-06-10T16:00"

# --- MOPAC CSE: commitments made, or asked for, at the MOPAC Challenge of 10 June 2015.
MOPAC_CHALLENGE: list[dict] = [
    commitment(
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
    commitment(
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
    commitment(
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
    commitment(
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
    commitment(
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
    commitment(
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
    commitment(
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
    commitment(
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
    commitment(
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
    commitment(
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
    commitment(
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
    commitment(
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
