"""Demo agencies drawn from the seed documents (../shared/seeds), as plain data."""

# Seed files (../shared/seeds), abbreviated in each person's "source" (people.py):
#   PCC pack   police-and-crime-committee-2015-01-08-agenda-pack.txt
#   KLCS       keeping-londons-children-safe-2014-07-report.txt
#   MOPAC CSE  mopac-challenge-cse-2015-06-10-transcript.txt
#   JM         justice-matters-2016-11-28-transcript.txt and justice-matters-2016-11-28-slides.md
# Aliases hold the other spellings the documents really use, so that an importer can match them.

AGENCIES: list[dict] = [
    # Oversight bodies
    {
        "short_name": "GLA",
        "name": "Greater London Authority",
        "kind": "oversight",
        "parent": None,
        "aliases": ["London Assembly"],
    },
    {
        "short_name": "MOPAC",
        "name": "Mayor's Office for Policing and Crime",
        "kind": "oversight",
        "parent": None,
        "aliases": ["The Mayor's Office"],
    },
    {
        "short_name": "VAWGB",
        "name": "Mayor of London's Violence Against Women and Girls Board",
        "kind": "oversight",
        "parent": "MOPAC",
        "aliases": [
            "VAWG Board",
            "VAWG Panel",
            "Violence Against Women and Girls Board",
            "Violence Against Women and Girls Panel",
        ],
    },
    {
        "short_name": "OCC",
        "name": "Office of the Children's Commissioner",
        "kind": "oversight",
        "parent": None,
        "aliases": ["Children's Commissioner"],
    },
    # Police
    {
        "short_name": "MPS",
        "name": "Metropolitan Police Service",
        "kind": "police",
        "parent": None,
        "aliases": [
            "Met",
            "the Met",
            "Metropolitan Police",
            "Met Police",
            "Metropolitan Police force",
        ],
    },
    {
        "short_name": "SOECA",
        "name": "Sexual Offences, Exploitation and Child Abuse Command",
        "kind": "police",
        "parent": "MPS",
        "aliases": [
            "SOECA Command",
            "Sexual Offences, Exploitation and Child Abuse (SOECA) Command",
        ],
    },
    # Health
    {
        "short_name": "NHSE",
        "name": "NHS England",
        "kind": "health",
        "parent": None,
        "aliases": ["NHS England, London Region", "NHS London"],
    },
    {
        "short_name": "HAVENS",
        "name": "The Havens",
        "kind": "health",
        "parent": None,
        "aliases": ["Havens", "London NHS Sexual Assault Referral Centres"],
    },
    # Justice
    {
        "short_name": "CPS",
        "name": "Crown Prosecution Service",
        "kind": "justice",
        "parent": None,
        "aliases": ["CPS London"],
    },
    {
        "short_name": "HMCTS",
        "name": "HM Courts & Tribunals Service",
        "kind": "justice",
        "parent": None,
        "aliases": ["Court Service"],
    },
    {
        "short_name": "NOMS",
        "name": "National Offender Management Service",
        "kind": "justice",
        "parent": None,
        "aliases": [],
    },
    {
        "short_name": "FELTHAM",
        "name": "Feltham Young Offender Institution",
        "kind": "justice",
        "parent": "NOMS",
        "aliases": ["Feltham YOI"],
    },
    {
        "short_name": "LCRC",
        "name": "London Community Rehabilitation Company",
        "kind": "justice",
        "parent": None,
        "aliases": ["National Rehabilitation Company", "London CLC"],
    },
    {
        "short_name": "YJB",
        "name": "Youth Justice Board",
        "kind": "justice",
        "parent": None,
        "aliases": [],
    },
    # Local authorities
    {
        "short_name": "LONDON-COUNCILS",
        "name": "London Councils",
        "kind": "local_authority",
        "parent": None,
        "aliases": [],
    },
    {
        "short_name": "ALDCS",
        "name": "Association of London Directors of Children's Services",
        "kind": "local_authority",
        "parent": None,
        "aliases": [
            "Association of London Directors of Children Services",
            "Association of London Directors",
            "London AD network",
        ],
    },
    {
        "short_name": "LB-CAMDEN",
        "name": "London Borough of Camden",
        "kind": "local_authority",
        "parent": None,
        "aliases": ["Camden"],
    },
    {
        "short_name": "LB-CROYDON",
        "name": "London Borough of Croydon",
        "kind": "local_authority",
        "parent": None,
        "aliases": ["LB Croydon", "Croydon"],
    },
    {
        "short_name": "LB-MERTON",
        "name": "London Borough of Merton",
        "kind": "local_authority",
        "parent": None,
        "aliases": [],
    },
    {
        "short_name": "LB-HAVERING",
        "name": "London Borough of Havering",
        "kind": "local_authority",
        "parent": None,
        "aliases": [],
    },
    {
        "short_name": "RB-GREENWICH",
        "name": "Royal Borough of Greenwich",
        "kind": "local_authority",
        "parent": None,
        "aliases": ["Greenwich"],
    },
    # Safeguarding partnerships
    {
        "short_name": "LSCB",
        "name": "London Safeguarding Children Board",
        "kind": "other",
        "parent": None,
        "aliases": [
            "London Safeguarding Children's Board",
            "London Safeguarding Board",
            "London Children's Safeguarding Board",
        ],
    },
    {
        "short_name": "WFSCB",
        "name": "Waltham Forest Safeguarding Children Board",
        "kind": "other",
        "parent": None,
        "aliases": [],
    },
    {
        "short_name": "CSCB",
        "name": "Camden Safeguarding Children Board",
        "kind": "other",
        "parent": None,
        "aliases": [],
    },
    {
        "short_name": "MASH-ODG",
        "name": "London MASH Operational Delivery Group",
        "kind": "other",
        "parent": None,
        "aliases": [],
    },
    # Voluntary sector
    {
        "short_name": "SAFER-LONDON",
        "name": "Safer London",
        "kind": "voluntary",
        "parent": None,
        "aliases": ["Safer London Foundation"],
    },
    {
        "short_name": "TST",
        "name": "The Survivors Trust",
        "kind": "voluntary",
        "parent": None,
        "aliases": ["Survivors Trust", "Survivor's Trust"],
    },
    {
        "short_name": "IMKAAN",
        "name": "Imkaan",
        "kind": "voluntary",
        "parent": None,
        "aliases": [],
    },
    {
        "short_name": "WGN",
        "name": "Women and Girls Network",
        "kind": "voluntary",
        "parent": None,
        "aliases": ["Women & Girls Network"],
    },
    {
        "short_name": "STAY-SAFE-EAST",
        "name": "Stay Safe East",
        "kind": "voluntary",
        "parent": None,
        "aliases": [],
    },
    {
        "short_name": "BARNARDOS",
        "name": "Barnardo's",
        "kind": "voluntary",
        "parent": None,
        "aliases": [],
    },
    {
        "short_name": "CHILDREN-ENGLAND",
        "name": "Children England",
        "kind": "voluntary",
        "parent": None,
        "aliases": [],
    },
    {
        "short_name": "ST-GILES",
        "name": "St Giles Trust",
        "kind": "voluntary",
        "parent": None,
        "aliases": [],
    },
    {
        "short_name": "NACRO",
        "name": "Nacro",
        "kind": "voluntary",
        "parent": None,
        "aliases": [],
    },
    # Universities, providers and others
    {
        "short_name": "UOB",
        "name": "University of Bedfordshire",
        "kind": "other",
        "parent": None,
        "aliases": [],
    },
    {
        "short_name": "MSU",
        "name": "MsUnderstood Partnership",
        "kind": "other",
        "parent": "UOB",
        "aliases": [
            "The MsUnderstood Partnership",
            "MsUnderstood Programme",
            "Ms Understood Programme",
            "Misunderstood Partnership",
            "MsUnderstood",
        ],
    },
    {
        "short_name": "BRIGHTON-BS",
        "name": "Brighton Business School",
        "kind": "other",
        "parent": None,
        "aliases": [],
    },
    {
        "short_name": "WORKING-LINKS",
        "name": "Working Links",
        "kind": "other",
        "parent": None,
        "aliases": [],
    },
    {
        "short_name": "PWC",
        "name": "PwC",
        "kind": "other",
        "parent": None,
        "aliases": [],
    },
]
