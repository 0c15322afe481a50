"""load_demo: the seed agencies and people, deduplicated, and idempotent."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from agencies.models import Agency, Membership, User
from demo.agencies import person_by_name
from demo.data.people import PERSONAS
from meetings.models import Committee

pytestmark = pytest.mark.django_db

PASSWORD = "demo-pass-for-tests"


def _load() -> str:
    out = StringIO()
    call_command("load_demo", password=PASSWORD, stdout=out)
    return out.getvalue()


def _snapshot() -> dict:
    return {
        "users": list(
            User.objects.order_by("id").values_list("id", "email", "full_name", "password")
        ),
        "agencies": list(Agency.objects.order_by("id").values_list("id", "short_name", "aliases")),
        "memberships": list(
            Membership.objects.order_by("id").values_list("id", "user", "agency", "role")
        ),
        "groups": list(Group.objects.order_by("id").values_list("id", "name")),
        "committees": list(Committee.objects.order_by("id").values_list("id", "name", "host")),
        "chairs": list(Committee.chairs.through.objects.order_by("id").values_list("id")),
    }


def test_running_twice_changes_nothing():
    _load()
    first = _snapshot()
    _load()
    assert _snapshot() == first


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("Fax Maxted", "Fay Maxted"),
        ("Sarah McClaren", "Sarah Maclaren"),
        ("Stephen Greenhouse", "Stephen Greenhalgh"),
    ],
)
def test_one_person_is_one_user_whatever_the_spelling(spelling, canonical):
    _load()
    assert person_by_name(spelling)["full_name"] == canonical
    assert User.objects.filter(full_name=canonical).count() == 1
    assert not User.objects.filter(full_name__iexact=spelling).exists()


def test_agency_name_variants_become_aliases():
    _load()
    safer_london = Agency.objects.get(short_name="SAFER-LONDON")
    assert "Safer London Foundation" in [safer_london.name, *safer_london.aliases]
    assert Agency.objects.filter(name__icontains="Safer London").count() == 1


def test_the_named_agencies_and_committees_are_there():
    _load()
    for short in [
        "MOPAC",
        "MPS",
        "NHSE",
        "CPS",
        "SAFER-LONDON",
        "GLA",
        "LB-CROYDON",
        "NOMS",
        "ALDCS",
        "LSCB",
    ]:
        assert Agency.objects.filter(short_name=short).exists(), short
    assert set(Committee.objects.values_list("name", flat=True)) == {
        "Police and Crime Committee",
        "MOPAC Challenge",
        "Justice Matters",
    }
    pcc = Committee.objects.get(name="Police and Crime Committee")
    assert pcc.chairs.get().full_name == "Joanne McCartney"
    assert pcc.secretariat.exists()


def test_every_agency_has_its_group_and_members_are_in_it():
    _load()
    for membership in Membership.objects.select_related("agency", "user"):
        assert membership.user.groups.filter(pk=membership.agency.group_id).exists()


def test_personas_can_sign_in_and_others_cannot(client):
    output = _load()
    persona_users = set()
    for persona in PERSONAS:
        user = User.objects.get(email=_email_of(persona["person"]))
        persona_users.add(user.pk)
        assert user.email in output
        assert _signs_in(client, user)
    assert (
        not User.objects.exclude(pk__in=persona_users).filter(password__regex=r"^[^!]").exists()
    ), "only the demo personas get a usable password"


def test_personas_cover_the_roles_the_demo_needs():
    _load()
    roles = set()
    for persona in PERSONAS:
        user = User.objects.get(email=_email_of(persona["person"]))
        roles |= {m.role for m in user.memberships.all()}
        roles |= {"chair"} if user.chaired_committees.exists() else set()
        roles |= {"clerk"} if user.clerked_committees.exists() else set()
    assert {"chair", "clerk", "lead", "manager", "member"} <= roles
    leads = Membership.objects.filter(
        role=Membership.Role.LEAD, user__email__in=[_email_of(p["person"]) for p in PERSONAS]
    )
    assert leads.values("agency").distinct().count() >= 3


def _email_of(key: str) -> str:
    from demo.data.people import PEOPLE

    return next(p["email"] for p in PEOPLE if p["key"] == key)


def _signs_in(client, user) -> bool:
    response = client.post("/account/sign-in/", {"username": user.email, "password": PASSWORD})
    client.logout()
    return response.status_code == 302
