"""Demo people and sign-in personas drawn from the seed documents (../shared/seeds).

Each person's "source" abbreviates the seed file, as in agencies.py; aliases hold the other
spellings the documents really use, so that an importer can match them.
"""

from .people_gla import GLA_PEOPLE
from .people_justice import JUSTICE_PEOPLE
from .people_partners import PARTNER_PEOPLE

PEOPLE: list[dict] = [*GLA_PEOPLE, *JUSTICE_PEOPLE, *PARTNER_PEOPLE]

PERSONAS: list[dict] = [
    {"person": "joanne_mccartney", "role_label": "Chair, Police and Crime Committee"},
    {"person": "joanna_brown", "role_label": "Clerk, Police and Crime Committee"},
    {"person": "sophie_linden", "role_label": "Co-Chair, Justice Matters; MOPAC manager"},
    {"person": "rebecca_lawrence", "role_label": "Agency lead, MOPAC"},
    {"person": "martin_hewitt", "role_label": "Agency lead, Metropolitan Police Service"},
    {"person": "craig_mackey", "role_label": "Manager, Metropolitan Police Service"},
    {"person": "lucy_botting", "role_label": "Agency lead, NHS England"},
    {"person": "george_curtis", "role_label": "Member, MsUnderstood Partnership"},
]
