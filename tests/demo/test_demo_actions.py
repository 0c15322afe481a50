"""load_demo's actions: the seed's Summary List of Actions, the hearings' commitments and the
report's recommendations, with due dates shifted to the load day, restricted where their item
is, and idempotent."""

from datetime import UTC, date, datetime, timedelta
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.http import Http404
from django.utils import timezone

from actions import selectors
from actions.models import Action, ActionUpdate
from actions.visibility import access_action, visible_actions
from agencies.models import Agency, Membership, User
from demo.actions import EVIDENCE_DIR, demo_due_date, match_agency
from demo.agencies import load_people
from demo.data.actions import ACTIONS

pytestmark = pytest.mark.django_db

S = Action.Status
# 23:30 in UTC on the night the clocks go forward is already 31 March in London: due dates
# count from the London day, not the UTC one.
LOADED_AT = datetime(2031, 3, 30, 23, 30, tzinfo=UTC)
LOAD_DAY = date(2031, 3, 31)
KLCS = "Keeping London's children safe"

MPS_LEAD = "martin.hewitt@met.police.example"
MPS_MANAGER = "craig.mackey@met.police.example"
MOPAC_LEAD = "rebecca.lawrence@mopac.example"
MOPAC_MANAGER = "sophie.linden@mopac.example"
MSU_MEMBER = "george.curtis@msunderstood.example"


@pytest.fixture
def demo():
    """The demo loaded at LOADED_AT, with the clock held there for the test."""
    with time_machine.travel(LOADED_AT, tick=False):
        call_command("load_demo", password="x", stdout=StringIO())
        yield


def _action(reference: str) -> Action:
    return Action.objects.select_related("owning_agency", "owner", "meeting").get(
        reference=reference
    )


def _person(email: str) -> User:
    return User.objects.get(email=email)


# (reference, status, action by, owner, source) as the Summary List of 8 January 2015 has them.
SUMMARY_LIST = [
    ("PCC-0001", S.IN_PROGRESS, "MPS", "cressida.dick@met.police.example", ""),
    (
        "PCC-0002",
        S.OPEN,
        "MPS",
        None,
        "Meeting of 13 November 2014 (inferred; the pack lost the minute number)",
    ),
    (
        "PCC-0003",
        S.IN_PROGRESS,
        "NOMS",
        "lucy.bogue@noms.example",
        "Meeting of 9 October 2014, minute 5",
    ),
    ("PCC-0004", S.COMPLETED, "MPS", MPS_MANAGER, "Meeting of 9 October 2014, minute 8"),
    (
        "PCC-0005",
        S.ONGOING,
        "MOPAC",
        "stephen.greenhalgh@mopac.example",
        "Meeting of 9 October 2014, minute 8",
    ),
    (
        "PCC-0006",
        S.COMPLETED,
        "MPS",
        "cressida.dick@met.police.example",
        "Meeting of 4 September 2014, minute 4",
    ),
    ("PCC-0007", S.COMPLETED, "MPS", MPS_MANAGER, "Additional correspondence"),
]


def test_the_summary_list_rows_load_as_printed(demo):
    for reference, status, agency, owner, source in SUMMARY_LIST:
        action = _action(reference)
        assert action.committee.short_name == "pcc", reference
        assert action.status == status, reference
        assert action.owning_agency.short_name == agency, reference
        assert (action.owner.email if action.owner else None) == owner, reference
        assert action.source == source, reference
        assert action.due_date is None, reference
        assert action.due_text in {"n/a", ""}, reference


def test_the_row_of_4_december_2014_hangs_on_its_minute_item(demo):
    action = _action("PCC-0001")
    assert timezone.localtime(action.meeting.starts_at).date() == date(2014, 12, 4)
    assert action.agenda_item.title == "Safeguarding and Child Sexual Exploitation in London"
    assert "emotional abuse" in action.description
    assert timezone.localtime(action.created_at).date() == date(2014, 12, 4)


def test_the_standing_rows_are_the_glas_officers(demo):
    complaints, transparency = _action("PCC-0008"), _action("PCC-0009")
    assert complaints.owning_agency.short_name == transparency.owning_agency.short_name == "GLA"
    assert complaints.owner is None
    assert transparency.owner.full_name == "Mark Roberts"
    for action in (complaints, transparency):
        assert action.status == S.ONGOING
        assert action.source.startswith("Complaints about the Mayor's Office")
        assert action.updates.get().note == (
            "No disclosures to report for the period 4 December 2014 to 17 December 2014."
        )


LETTERS = [
    (
        "PCC-0004",
        "mps-letter-2014-12-15-local-policing-model.txt",
        date(2014, 12, 15),
        "How has the Neighbourhood Review been undertaken?",
    ),
    (
        "PCC-0006",
        "mps-letter-2014-12-05-taser-and-tiberius.txt",
        date(2014, 12, 5),
        "A summary of prosecutions under Operation Tiberius",
    ),
    (
        "PCC-0007",
        "mps-letter-2014-12-15-topics-not-covered.txt",
        date(2014, 12, 15),
        "ASB and 'The Community Trigger'",
    ),
]


def test_the_answering_letters_are_the_evidence(demo):
    for reference, letter, dated, phrase in LETTERS:
        update = _action(reference).updates.exclude(evidence="").get()
        assert (update.status_from, update.status_to) == (S.OPEN, S.COMPLETED)
        assert update.evidence_name.startswith("Appendix ")
        assert update.evidence_name.endswith(".txt")
        with update.evidence.open("rb") as stored:
            content = stored.read()
        assert content == Path(EVIDENCE_DIR, letter).read_bytes()
        assert phrase in content.decode()
        assert timezone.localtime(update.created_at).date() == dated


def test_the_reports_eight_recommendations(demo):
    actions = Action.objects.filter(source__startswith=KLCS).order_by("reference")
    assert [a.source for a in actions] == [f"{KLCS}, recommendation {n}" for n in range(1, 9)]
    assert all(a.committee.short_name == "pcc" and a.meeting is None for a in actions)
    owners = [a.owning_agency.short_name for a in actions]
    assert owners == ["MPS", "MOPAC", "MPS", "MPS", "MPS", "MPS", "MOPAC", "MOPAC"]
    due_texts = {a.source[-1]: a.due_text for a in actions if a.due_text}
    assert due_texts["3"] == "By January 2015"
    assert due_texts["6"] == "Within 12 months"
    assert due_texts["8"] == "Within the next 12 months"
    first = actions[0]
    assert list(first.co_agencies.values_list("short_name", flat=True)) == ["MOPAC"]
    assert "By January 2015, the Met should provide the Committee" in actions[2].description


def test_hearing_commitments_come_from_their_items(demo):
    for action in Action.objects.filter(committee__short_name__in=["jm", "mopac-ch"]):
        assert action.agenda_item is not None, action.reference
        assert action.agenda_item.meeting_id == action.meeting_id
        assert action.meeting.committee_id == action.committee_id
        owners = action.owning_agency.memberships.values_list("user_id", flat=True)
        assert action.owner_id is None or action.owner_id in owners


def test_some_commitments_are_unassigned_or_owned_by_an_absent_agency(demo):
    unassigned = Action.objects.filter(
        committee__short_name__in=["jm", "mopac-ch"], owner__isnull=True
    )
    assert unassigned.filter(committee__short_name="jm").count() >= 3
    assert unassigned.filter(committee__short_name="mopac-ch").count() >= 3
    # The Court Service sent apologies to Justice Matters; nobody of it is there to assign.
    courts = _action("JM-0005")
    assert courts.owning_agency.short_name == "HMCTS"
    assert courts.owner is None
    people = Membership.objects.filter(agency=courts.owning_agency).select_related("user")
    assert not [m.user for m in people if m.user.has_usable_password()]
    assert courts.status in Action.OUTSTANDING


def _band(action: Action) -> str:
    late = (LOAD_DAY - action.due_date).days
    if late < 0:
        return "due within a week" if late >= -7 else "due later"
    if late == 0:
        return "due today"
    if late <= 7:
        return "1-7 days late"
    return "8-28 days late" if late <= 28 else "29+ days late"


def test_due_dates_put_outstanding_actions_in_every_band(demo):
    assert timezone.localdate() == LOAD_DAY
    outstanding = Action.objects.filter(
        status__in=Action.OUTSTANDING, due_date__isnull=False, imported_as__isnull=True
    )
    bands: dict[str, list[str]] = {}
    for action in outstanding:
        bands.setdefault(_band(action), []).append(action.reference)
    assert set(bands) == {
        "due within a week",
        "due today",
        "1-7 days late",
        "8-28 days late",
        "29+ days late",
    }
    assert len(bands["due within a week"]) >= 3
    assert len(bands["8-28 days late"]) >= 3
    assert sorted(bands["29+ days late"]) == ["JM-0005", "PCC-0012"]


def test_shifted_dates_keep_the_wording_and_done_actions_keep_their_dates(demo):
    by_january = _action("PCC-0012")
    assert by_january.due_text == "By January 2015"
    assert by_january.due_date == LOAD_DAY - timedelta(days=40)
    closed = _action("JM-0009")
    assert closed.status == S.CLOSED
    assert closed.due_date == date(2016, 12, 1)
    done = Action.objects.exclude(status__in=Action.OUTSTANDING)
    assert all(a.due_date is None or a.due_date.year < 2020 for a in done)
    rows = {row["reference"]: row for row in ACTIONS}
    for action in Action.objects.filter(status__in=Action.OUTSTANDING, imported_as__isnull=True):
        assert action.due_date == demo_due_date(rows[action.reference], LOAD_DAY)


def test_the_mps_lead_has_unassigned_actions_to_assign(demo):
    lead = _person(MPS_LEAD)
    unassigned = selectors.agency_actions(lead).filter(owner__isnull=True)
    assert unassigned.filter(owning_agency__short_name="MPS").count() >= 4
    first = selectors.agency_actions(lead).first()
    assert first.owner is None


def test_the_mopac_lead_has_unassigned_actions_including_the_restricted_one(demo):
    unassigned = selectors.agency_actions(_person(MOPAC_LEAD)).filter(owner__isnull=True)
    assert unassigned.filter(owning_agency__short_name="MOPAC").count() >= 4
    assert unassigned.filter(reference="JM-0001").exists()


def test_managers_see_their_agencys_actions_overdue_past_a_week(demo):
    for email, agency in [(MPS_MANAGER, "MPS"), (MOPAC_MANAGER, "MOPAC")]:
        manager = _person(email)
        assert manager.memberships.get(agency__short_name=agency).role == Membership.Role.MANAGER
        late = selectors.overdue(selectors.agency_actions(manager)).filter(
            owning_agency__short_name=agency
        )
        assert late.filter(due_date__lt=LOAD_DAY - timedelta(days=7)).count() >= 2, email


def test_the_nhs_lead_has_her_own_actions_falling_due(demo):
    lucy = _person("lucy.botting@nhs-england.example")
    mine = selectors.my_actions(lucy).filter(status__in=Action.OUTSTANDING)
    assert mine.filter(due_date__gte=LOAD_DAY).exists()
    assert selectors.agency_actions(lucy).filter(owner__isnull=True).exists()


def test_the_testimonys_actions_are_restricted_with_it(demo):
    restricted = Action.objects.filter(agenda_item__restricted=True)
    assert sorted(restricted.values_list("reference", flat=True)) == ["JM-0001", "JM-0002"]
    assert {a.agenda_item.title for a in restricted} == {"Survivor's testimony"}
    assert {a.owning_agency.short_name for a in restricted} == {"MOPAC"}


def test_mopac_and_the_co_chairs_see_the_restricted_action(demo):
    action = _action("JM-0001")
    for email in [MOPAC_LEAD, MOPAC_MANAGER, "marai.larsi@imkaan.example"]:
        person = _person(email)
        assert visible_actions(person).filter(pk=action.pk).exists(), email
        assert access_action(person, action.pk) == action


def test_partners_without_the_grant_do_not_see_the_restricted_actions(demo):
    jm = Action.objects.filter(committee__short_name="jm")
    for email in [MPS_LEAD, MSU_MEMBER]:
        person = _person(email)
        seen = visible_actions(person).filter(committee__short_name="jm")
        # They are partners of Justice Matters and see everything else of it.
        assert seen.count() == jm.count() - 2, email
        assert not seen.filter(reference__in=["JM-0001", "JM-0002"]).exists()
        with pytest.raises(Http404):
            access_action(person, _action("JM-0001").pk)


def test_the_survivor_is_never_named(demo):
    texts = [*Action.objects.values_list("description", flat=True)]
    texts += ActionUpdate.objects.values_list("note", flat=True)
    assert not any("Chris" in text for text in texts)


def _snapshot() -> dict:
    return {
        "actions": list(
            Action.objects.order_by("id").values_list(
                "id",
                "reference",
                "status",
                "owner",
                "owning_agency",
                "due_date",
                "due_text",
                "created_at",
                "updated_at",
            )
        ),
        "co_agencies": list(
            Action.co_agencies.through.objects.order_by("id").values_list(
                "id", "action_id", "agency_id"
            )
        ),
        "updates": list(
            ActionUpdate.objects.order_by("id").values_list(
                "id", "action", "created_at", "note", "status_to", "evidence"
            )
        ),
    }


def test_loading_again_even_days_later_changes_nothing(demo):
    first = _snapshot()
    # The demo's actions, and the diversity report's ten recommendations imported from a CSV.
    assert len(first["actions"]) == len(ACTIONS) + 10
    assert len({row["reference"] for row in ACTIONS}) == len(ACTIONS)
    out = StringIO()
    with time_machine.travel(LOADED_AT + timedelta(days=10), tick=False):
        call_command("load_demo", password="x", stdout=out)
    assert _snapshot() == first
    assert f"Loaded {len(ACTIONS)} actions." in out.getvalue()


def test_documents_names_match_demo_agencies():
    load_people(password="x")
    names = {
        "Metropolitan Police Service (MPS)": "MPS",
        "the Met": "MPS",
        "Court Service": "HMCTS",
        "Misunderstood Partnership": "MSU",
        "Monitoring Officer": "GLA",
    }
    for name, short_name in names.items():
        assert match_agency(name) == Agency.objects.get(short_name=short_name), name
    with pytest.raises(ValueError, match="No demo agency"):
        match_agency("Ministry of Magic")


def test_the_diversity_reports_recommendations_are_imported_in_their_own_words(demo):
    imported = Action.objects.filter(imported_as__isnull=False).order_by("reference")
    assert [a.reference for a in imported] == [f"PCC-DIV-{n:02d}" for n in range(1, 11)]
    third = imported.get(reference="PCC-DIV-03")
    assert third.owning_agency.short_name == "MOPAC"
    assert third.description.startswith("MOPAC should open up a dialogue with Government")
    assert (third.due_date, third.due_text) == (date(2015, 3, 31), "By March 2015")
    assert third.agenda_item.title == "The Diversity of the Met's Frontline"
    assert {a.owning_agency.short_name for a in imported} == {"MPS", "MOPAC"}
