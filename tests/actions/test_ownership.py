"""Issue 14 point 1: a restricted item's action is owned only by agencies (and people) granted the
item. Recording, assigning, editing it (pages, services, admin) for others is refused with a
message saying what to do; a revoke says how many actions it affects; and the granted owner
sees it on every surface while others still do not."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from actions import emails, services
from actions.admin import ActionAdminForm
from actions.editing import action_edit
from actions.models import Action, Delivery, Notification
from actions.selectors import actions_affected_by_revoke
from meetings import services as meeting_services
from tests.factories import granted_while
from tests.meetings.test_exports import flat, pdf_text

pytestmark = pytest.mark.django_db
SECRET = "Arrange ISVA support for the survivor who gave testimony"
REFUSAL = (
    "Grant Metropolitan Police Service sight of this item first, or choose an agency that has it."
)


def _grant(item, *agencies):
    meeting_services.item_restrict(
        item=item, expected_revision=None, restricted=True, agencies=list(agencies)
    )


@pytest.fixture
def granted(world, secret_item):
    """The restricted item granted to MOPAC and the MPS; an MPS action of it, owned by the
    member, overdue."""
    _grant(secret_item, world.mopac, world.mps)
    action, _ = services.action_create(
        by=world.chair,
        committee=world.committee,
        agenda_item=secret_item,
        description=SECRET,
        owning_agency=world.mps,
        owner=world.member,
        due_date=timezone.localdate() - datetime.timedelta(days=4),
    )
    return action


def test_recording_for_an_agency_without_the_grant_is_refused(world, secret_item):
    with pytest.raises(ValidationError) as refused:
        services.action_create(
            by=world.chair,
            committee=world.committee,
            agenda_item=secret_item,
            description=SECRET,
            owning_agency=world.mps,
        )
    assert REFUSAL in refused.value.message_dict["owning_agency"][0]
    assert not Action.objects.exists()


def test_co_owners_without_the_grant_are_refused(world, secret_item):
    with pytest.raises(ValidationError) as refused:
        services.action_create(
            by=world.chair,
            committee=world.committee,
            agenda_item=secret_item,
            description=SECRET,
            owning_agency=world.mopac,
            co_agencies=[world.safer_london],
        )
    assert "Safer London may not see this restricted item" in str(refused.value)
    assert not Action.objects.exists()


def test_the_form_refuses_with_the_message_and_keeps_what_was_typed(
    world, meeting, secret_item, signed_in
):
    url = reverse("actions:create") + f"?meeting={meeting.pk}&item={secret_item.pk}"
    data = {"description": SECRET, "agenda_item": secret_item.pk, "owning_agency": world.mps.pk}
    response = signed_in(world.chair).post(url, data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Grant Metropolitan Police Service sight of this item first" in body
    assert SECRET in body and not Action.objects.exists()


def test_the_same_form_records_for_a_granted_agency(world, meeting, secret_item, signed_in):
    _grant(secret_item, world.mopac, world.mps)
    url = reverse("actions:create") + f"?meeting={meeting.pk}&item={secret_item.pk}"
    data = {
        "description": SECRET,
        "agenda_item": secret_item.pk,
        "owning_agency": world.mps.pk,
        "owner": world.member.pk,
    }
    assert signed_in(world.chair).post(url, data).status_code == 302
    assert Action.objects.get().owning_agency == world.mps


def test_an_unrestricted_item_takes_any_agency(world, meeting):
    item = meeting.items.get(title="Minutes of the last meeting")
    action, _ = services.action_create(
        by=world.chair,
        committee=world.committee,
        agenda_item=item,
        description="x",
        owning_agency=world.safer_london,
    )
    assert action.pk


def test_assigning_to_someone_who_lost_sight_is_refused(world, secret_item, signed_in):
    with granted_while(secret_item, world.mps):
        action, _ = services.action_create(
            by=world.chair,
            committee=world.committee,
            agenda_item=secret_item,
            description=SECRET,
            owning_agency=world.mps,
        )
    with pytest.raises(ValidationError) as refused:
        services.action_assign(by=world.chair, action=action, owner=world.member)
    assert "sight of this item first" in str(refused.value)
    response = signed_in(world.chair).post(
        reverse("actions:assign", args=[action.pk]), {"owner": world.member.pk}
    )
    assert response.status_code == 400
    assert "sight of this item first" in response.content.decode()
    action.refresh_from_db()
    assert action.owner is None


def test_editing_the_agency_to_one_without_the_grant_is_refused(world, granted, signed_in):
    with pytest.raises(ValidationError):
        action_edit(
            by=world.chair,
            action=granted,
            expected_revision=granted.revision,
            owning_agency=world.safer_london,
            owner=None,
        )
    response = signed_in(world.chair).post(
        reverse("actions:edit", args=[granted.pk]),
        {
            "revision": granted.revision,
            "description": SECRET,
            "owning_agency": world.safer_london.pk,
            "owner": "",
        },
    )
    assert response.status_code == 400
    assert "Grant Safer London sight of this item first" in response.content.decode()
    granted.refresh_from_db()
    assert granted.owning_agency == world.mps


def test_the_admin_form_refuses_an_agency_without_the_grant(world, granted):
    data = {
        "committee": world.committee.pk,
        "reference": granted.reference,
        "description": SECRET,
        "owning_agency": world.safer_london.pk,
        "status": "open",
        "revision": 0,
    }
    form = ActionAdminForm(data, instance=granted)
    assert not form.is_valid()
    assert "Grant Safer London sight of this item first" in str(form.errors["owning_agency"])
    data["owning_agency"] = world.mps.pk
    assert ActionAdminForm(data, instance=granted).is_valid()


def test_the_selector_finds_the_outstanding_actions_a_revoke_affects(world, granted, secret_item):
    assert list(actions_affected_by_revoke(item=secret_item, agencies=[world.mps])) == [granted]
    assert not actions_affected_by_revoke(item=secret_item, agencies=[world.mopac]).exists()
    Action.objects.filter(pk=granted.pk).update(status=Action.Status.CLOSED)
    assert not actions_affected_by_revoke(item=secret_item, agencies=[world.mps]).exists()


# --- the granted owner sees it everywhere; the others still do not -------------------------------


def test_page_register_and_csv(world, granted, signed_in):
    for person in (world.lead, world.member, world.manager):
        client = signed_in(person)
        assert SECRET in client.get(granted.get_absolute_url()).content.decode()
        assert granted.reference in client.get("/actions/?scope=all").content.decode()
        csv = client.get(reverse("actions:csv") + "?scope=all").content.decode()
        assert SECRET in csv
    for person in (world.partner_member, world.outsider):
        client = signed_in(person)
        assert client.get(granted.get_absolute_url()).status_code == 404
        assert granted.reference not in client.get("/actions/?scope=all").content.decode()
        csv = client.get(reverse("actions:csv") + "?scope=all").content.decode()
        assert SECRET not in csv and granted.reference not in csv


def test_summary_pdf(world, granted, meeting, signed_in):
    later = meeting_services.meeting_create(
        committee=world.committee,
        title="Next meeting",
        starts_at=meeting.starts_at + datetime.timedelta(days=60),
        ends_at=meeting.ends_at + datetime.timedelta(days=60),
        use_template=False,
    )
    type(later).objects.filter(pk=later.pk).update(status="published")
    url = reverse("actions:summary_pdf", args=[later.pk])
    member_pdf = flat(pdf_text(signed_in(world.member).get(url).content))
    assert "ISVA support" in member_pdf
    partner_pdf = flat(pdf_text(signed_in(world.partner_member).get(url).content))
    assert "ISVA support" not in partner_pdf and granted.reference not in partner_pdf


def _reminder(action, recipient, kind="overdue"):
    notification = Notification.objects.create(
        action=action, kind=kind, level=0, day=timezone.localdate()
    )
    delivery = Delivery.objects.create(notification=notification, recipient=recipient)
    return emails.reminder(delivery)


def test_email_details_go_to_the_granted_owner_only(world, granted, secret_item):
    message = _reminder(granted, world.member)
    assert SECRET in message.body and "4 days overdue" in message.subject
    # Once the MPS grant is revoked, the owner's email no longer carries the details.
    _grant(secret_item, world.mopac)
    message = _reminder(granted, world.member, kind="reminder")
    assert SECRET not in message.body and "restricted item" in message.body


def test_the_admin_form_bounds_the_due_date_and_the_texts(world, granted):
    """As the product's own forms (core.fields): a date from 2000 to 2100, stated limits."""
    data = {
        "committee": world.committee.pk,
        "reference": granted.reference,
        "description": "Write to the Committee",
        "owning_agency": world.mps.pk,
        "status": "open",
    }
    for bad in ({"due_date": "0001-01-01"}, {"due_date": "2101-01-01"}):
        form = ActionAdminForm({**data, **bad}, instance=granted)
        assert not form.is_valid()
        assert "Enter a date between 1 January 2000 and 31 December 2100" in str(form.errors)
    for name, limit in (("description", 2_000), ("source", 200), ("due_text", 100)):
        form = ActionAdminForm({**data, name: "x" * (limit + 1)}, instance=granted)
        assert not form.is_valid()
        assert "Shorten this to" in str(form.errors[name])
    form = ActionAdminForm({**data, "source": "two\nlines"}, instance=granted)
    assert not form.is_valid() and "one line" in str(form.errors["source"])
    assert ActionAdminForm({**data, "due_date": "2030-01-31"}, instance=granted).is_valid()
