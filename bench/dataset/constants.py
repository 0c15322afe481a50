"""Fixed names, sizes and word lists of the generated partnership."""

from __future__ import annotations

import zoneinfo

from actions.models import Action
from agencies.models import Agency
from meetings.models import AgendaItem

LONDON = zoneinfo.ZoneInfo("Europe/London")
PASSWORD = "bench-partnership"
BATCH = 2000
MEASURED_ITEMS = 60
MEETING_EVERY_DAYS = 28

# Fixed people and places the runner measures with; found again by these keys.
EMAILS = {
    "member": "bench.member@mps.bench.example",
    "lead": "bench.lead@mps.bench.example",
    "manager": "bench.manager@mps.bench.example",
    "small_lead": "bench.lead@small.bench.example",
    "small_manager": "bench.manager@small.bench.example",
}
BIG_AGENCY = "MPS"
SMALL_AGENCY = "BENCH-SMALL"
# A word only the small variants' rows carry (bench/dataset/agendas.py, small_variants).
SMALL_SEARCH = "kestrel"
HOST_AGENCY = "MOPAC"
MEASURED_COMMITTEE = "police-and-crime"

S = Action.Status
K = AgendaItem.Kind
STANDING = [K.APOLOGIES, K.DECLARATIONS, K.MINUTES, K.ACTIONS]
TAIL = [K.AOB, K.NEXT_MEETING]
STANDING_TITLES = {
    K.APOLOGIES: "Apologies for absence and Chair's announcements",
    K.DECLARATIONS: "Declarations of interests",
    K.MINUTES: "Minutes of the previous meeting",
    K.ACTIONS: "Summary list of actions",
    K.AOB: "Any other business the Chair considers urgent",
    K.NEXT_MEETING: "Date of the next meeting",
    K.PUBLIC_QUESTIONS: "Questions from the public",
}
TOPICS = [
    "Child sexual exploitation: progress on the MASH review",
    "Knife crime: quarterly performance",
    "Domestic abuse: perpetrator programmes",
    "Youth offending: remand and resettlement",
    "Victims' services commissioning",
    "Gangs matrix: the independent review",
    "Missing children: return home interviews",
    "Stop and search: community monitoring",
    "Rape review: case attrition",
    "Court backlogs and witness care",
    "Female offenders: the whole-system approach",
    "Hate crime reporting",
    "Neighbourhood policing: the local model",
    "Mental health and policing: section 136 detentions",
    "Safeguarding adolescents in custody",
    "Violence against women and girls: the strategy refresh",
    "Probation caseloads after unification",
    "Budget monitoring and the police precept",
]
SUBTOPICS = ["Performance report", "Partner update", "Case study", "Recommendations", "Data"]
VERBS = ["write to the Committee on", "report back on", "share the data on", "review", "publish"]
BOROUGHS = [
    "Barnet", "Bexley", "Brent", "Bromley", "Ealing", "Enfield", "Hackney", "Haringey",
    "Harrow", "Hillingdon", "Hounslow", "Islington", "Lambeth", "Lewisham", "Newham",
    "Redbridge", "Southwark", "Sutton", "Tower Hamlets", "Waltham Forest", "Wandsworth",
    "Westminster", "Kingston", "Richmond", "Barking and Dagenham", "Havering", "Camden",
]  # fmt: skip
SERVICES = [
    ("Children's Services", Agency.Kind.LOCAL_AUTHORITY),
    ("Community Safety Partnership", Agency.Kind.LOCAL_AUTHORITY),
    ("Youth Offending Service", Agency.Kind.JUSTICE),
    ("Clinical Commissioning Group", Agency.Kind.HEALTH),
    ("Safeguarding Children Board", Agency.Kind.OVERSIGHT),
    ("Police Basic Command Unit", Agency.Kind.POLICE),
    ("Women's Aid", Agency.Kind.VOLUNTARY),
    ("Victim Support", Agency.Kind.VOLUNTARY),
    ("Probation Delivery Unit", Agency.Kind.JUSTICE),
    ("Mental Health Trust", Agency.Kind.HEALTH),
    ("Housing Service", Agency.Kind.LOCAL_AUTHORITY),
    ("Schools Partnership", Agency.Kind.OTHER),
]
COMMITTEE_NAMES = [
    "Police and Crime Committee",
    "MOPAC Challenge",
    "Justice Matters",
    "London Crime Reduction Board",
    "Violence Against Women and Girls Board",
    "London Safeguarding Children Board",
    "Criminal Justice Board",
    "Victims Board",
    "Gangs and Serious Youth Violence Panel",
    "Missing Children Panel",
]
FIRST = ["Amina", "Ben", "Chloe", "Daniel", "Ella", "Farid", "Grace", "Hassan", "Isla", "James",
         "Kemi", "Liam", "Maya", "Noah", "Olu", "Priya", "Rosa", "Sam", "Tariq", "Zoe"]  # fmt: skip
LAST = ["Adeyemi", "Brown", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal",
        "Jones", "Khan", "Lewis", "Murphy", "Nolan", "Okafor", "Patel", "Quinn", "Roberts",
        "Singh", "Taylor", "Walker", "Young"]  # fmt: skip
