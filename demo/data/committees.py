"""Demo committees drawn from the seed documents (../shared/seeds): hosts, member agencies,
chairs and secretariat, as AGENCIES short names and PEOPLE keys."""

COMMITTEES: list[dict] = [
    {
        "name": "Police and Crime Committee",
        "short_name": "PCC",
        "host": "GLA",
        # It meets in public (its agenda pack: "open to the public, except for where exempt
        # information is being discussed as noted on the agenda").
        "is_public": True,
        "member_agencies": [
            "GLA",
            "MOPAC",
            "MPS",
            "SOECA",
            "WFSCB",
            "MSU",
            "UOB",
            "NOMS",
            "YJB",
            "FELTHAM",
            "BRIGHTON-BS",
            "ST-GILES",
            "WORKING-LINKS",
            "NACRO",
        ],
        "chairs": ["joanne_mccartney"],
        "secretariat": ["joanna_brown", "teresa_young"],
        "description": (
            "The London Assembly committee that holds MOPAC and the Met to account and "
            "investigates policing and crime in London."
        ),
    },
    {
        "name": "MOPAC Challenge",
        "short_name": "MOPAC-CH",
        "host": "MOPAC",
        "member_agencies": [
            "MOPAC",
            "MPS",
            "SOECA",
            "SAFER-LONDON",
            "MSU",
            "UOB",
            "LSCB",
            "NHSE",
            "LB-CROYDON",
        ],
        "chairs": ["stephen_greenhalgh"],
        "secretariat": ["marie_snelling"],
        "description": (
            "MOPAC's public hearing, chaired by the Deputy Mayor for Policing and Crime, that "
            "challenges the Met and partner agencies on a theme such as child sexual exploitation."
        ),
    },
    {
        "name": "Justice Matters",
        "short_name": "JM",
        "host": "MOPAC",
        "member_agencies": [
            "MOPAC",
            "IMKAAN",
            "VAWGB",
            "NHSE",
            "LCRC",
            "MPS",
            "SOECA",
            "TST",
            "UOB",
            "MSU",
            "WGN",
            "CPS",
            "SAFER-LONDON",
            "ALDCS",
            "HMCTS",
        ],
        "chairs": ["sophie_linden", "marai_larsi"],
        "secretariat": ["samantha_cunningham"],
        "description": (
            "MOPAC's co-chaired partnership hearing on tackling sexual violence and keeping "
            "young vulnerable people safe."
        ),
    },
]
