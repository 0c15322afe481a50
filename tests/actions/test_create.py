"""Recording an action in the browser: officers only, prefilled from a meeting's item, bad input
answered with a message and a 4xx, nothing half-saved, nothing typed lost."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Action

pytestmark = pytest.mark.django_db

DESCRIPTION = "Write to the Committee with the number of CSE referrals by borough"


def _item(meeting, title="Minutes of the last meeting"):
    return meeting.items.get(title=title)


def _url(**params) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("actions:create") + (f"?{query}" if query else "")


def _data(world, **overrides) -> dict:
    data = {
        "description": DESCRIPTION,
        "owning_agency": world.mps.pk,
        "owner": world.member.pk,
        "co_agencies": [world.safer_london.pk],
        "due_date": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        "due_text": "By the next meeting",
        "source": "",
    }
    data.update(overrides)
    return data


def test_officer_records_an_action_from_an_agenda_item(world, meeting, signed_in):
    item = _item(meeting)
    client = signed_in(world.clerk)
    back = f"/meetings/{meeting.pk}/%23item-{item.pk}"
    url = _url(meeting=meeting.pk, item=item.pk, next=back)

    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert f'<option value="{item.pk}" selected>2. Minutes of the last meeting</option>' in body
    # Placeholder rows are never offered; an officer sees every item, parts are not items.
    assert "Restricted item" not in body

    data = _data(world, agenda_item=item.pk)
    response = client.post(url, data, follow=True)
    action = Action.objects.get()
    assert response.redirect_chain[0] == (f"/meetings/{meeting.pk}/#item-{item.pk}", 302)
    assert f"Action {action.reference} recorded." in response.content.decode()
    assert (action.meeting, action.agenda_item, action.committee) == (
        meeting,
        item,
        world.committee,
    )
    assert (action.owning_agency, action.owner, action.created_by) == (
        world.mps,
        world.member,
        world.clerk,
    )
    assert list(action.co_agencies.all()) == [world.safer_london]
    assert action.due_text == "By the next meeting" and action.status == Action.Status.OPEN


def test_an_unsafe_next_is_ignored_for_the_action_page(world, meeting, signed_in):
    client = signed_in(world.chair)
    url = _url(meeting=meeting.pk, next="https://evil.example/steal")
    response = client.post(url, _data(world, owner=""))
    action = Action.objects.get()
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    assert action.owner is None and action.agenda_item is None and action.meeting == meeting


def test_a_past_due_date_asks_first_then_is_saved_with_a_warning(world, meeting, signed_in):
    client = signed_in(world.chair)
    past = (timezone.localdate() - datetime.timedelta(days=3)).isoformat()
    typed = _data(world, due_date=past)
    asked = client.post(_url(meeting=meeting.pk), typed)
    body = asked.content.decode()
    assert asked.status_code == 200
    assert "is in the past: the action will be overdue at once" in body
    assert 'name="past_confirmed" value="True"' in body
    assert f'value="{past}"' in body
    assert not Action.objects.exists()
    response = client.post(
        _url(meeting=meeting.pk), {**typed, "past_confirmed": "True"}, follow=True
    )
    assert response.status_code == 200
    assert Action.objects.get().due_date.isoformat() == past
    assert "The due date is in the past, so the action is already overdue." in (
        response.content.decode()
    )


@pytest.mark.parametrize("agency", ["outsider", "unknown"])
def test_an_agency_not_on_the_committee_is_refused(world, meeting, signed_in, agency):
    agency_id = world.cps.pk if agency == "outsider" else 987654
    response = signed_in(world.chair).post(
        _url(meeting=meeting.pk), _data(world, owning_agency=agency_id, owner="")
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body
    assert "Choose an agency of this committee from the list" in body
    assert DESCRIPTION in body and "By the next meeting" in body  # nothing typed is lost
    assert not Action.objects.exists()


def test_the_owner_must_be_in_the_owning_agency(world, meeting, signed_in):
    response = signed_in(world.chair).post(
        _url(meeting=meeting.pk), _data(world, owner=world.partner_member.pk)
    )
    assert response.status_code == 400
    assert "is not in Metropolitan Police Service" in response.content.decode()
    assert not Action.objects.exists()


def test_an_owner_from_outside_the_committee_is_not_a_choice(world, meeting, signed_in):
    response = signed_in(world.chair).post(
        _url(meeting=meeting.pk), _data(world, owner=world.outsider.pk)
    )
    assert response.status_code == 400
    assert "Choose a person from the list" in response.content.decode()
    assert not Action.objects.exists()


def test_missing_description_and_a_bad_date_are_400_with_messages(world, meeting, signed_in):
    response = signed_in(world.chair).post(
        _url(meeting=meeting.pk), _data(world, description="", due_date="2027-02-31")
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Enter what was agreed" in body and "Enter a real date" in body
    assert "<title>Error: Record an action" in body
    assert not Action.objects.exists()


def test_an_item_of_another_meeting_is_not_a_choice(world, meeting, signed_in):
    from meetings import services as meeting_services
    from tests.agenda_fixtures import add, after_meeting, at

    other = meeting_services.meeting_create(
        committee=world.committee,
        title="Another",
        starts_at=at(after_meeting(12), "10:00"),
        ends_at=at(after_meeting(12), "11:00"),
        use_template=False,
    )
    stray = add(other, "Elsewhere")
    client = signed_in(world.chair)
    response = client.post(_url(meeting=meeting.pk), _data(world, agenda_item=stray.pk))
    assert response.status_code == 400
    assert "Choose an item of this meeting" in response.content.decode()
    assert client.get(_url(meeting=meeting.pk, item=stray.pk)).status_code == 404
    assert not Action.objects.exists()


def test_only_officers_may_record_actions(world, meeting, signed_in):
    url = _url(meeting=meeting.pk, item=_item(meeting).pk)
    for person in (world.lead, world.member, world.manager, world.partner_member):
        client = signed_in(person)
        assert client.get(url).status_code == 403
        assert client.post(url, _data(world)).status_code == 403
        assert client.get(_url()).status_code == 403
        assert client.get(_url(committee=world.committee.short_name)).status_code == 403
    assert not Action.objects.exists()


def test_meetings_and_items_you_may_not_see_are_404(world, meeting, secret_item, signed_in):
    # The outsider's committees do not include this one: the meeting does not exist for them.
    outsider = signed_in(world.outsider)
    assert outsider.get(_url(meeting=meeting.pk)).status_code == 404
    assert outsider.get(_url(committee=world.committee.short_name)).status_code == 404
    # A member may see the meeting but not the restricted item.
    member = signed_in(world.member)
    assert member.get(_url(meeting=meeting.pk, item=secret_item.pk)).status_code == 404
    # Not an id at all is a bad request with a message, not a missing page (issue 20).
    assert member.get(_url(meeting="abc")).status_code == 400
    assert member.get(_url(meeting=999999)).status_code == 404


def test_officers_record_actions_from_a_restricted_item(world, meeting, secret_item, signed_in):
    client = signed_in(world.chair)
    url = _url(meeting=meeting.pk, item=secret_item.pk)
    assert client.get(url).status_code == 200
    data = _data(
        world, agenda_item=secret_item.pk, owning_agency=world.mopac.pk, owner="", co_agencies=[]
    )
    assert client.post(url, data).status_code == 302
    assert Action.objects.get().agenda_item == secret_item


def test_an_action_from_a_report_has_no_meeting(world, signed_in):
    client = signed_in(world.clerk)  # clerks one committee: no need to choose
    page = client.get(_url())
    assert page.status_code == 200 and world.committee.name in page.content.decode()
    source = "Keeping London's Children Safe, recommendation 3"
    response = client.post(_url(), _data(world, source=source, due_date="", owner=""))
    action = Action.objects.get()
    assert response["Location"] == action.get_absolute_url()
    assert action.meeting is None and action.source == source and action.due_date is None


def test_someone_running_two_committees_chooses_one_first(world, signed_in):
    from tests.factories import CommitteeFactory

    other = CommitteeFactory(name="Justice Matters", short_name="justice-matters", host=world.mps)
    other.chairs.add(world.chair)
    client = signed_in(world.chair)
    body = client.get(_url()).content.decode()
    assert "Which committee is the action for?" in body
    assert f"?committee={other.short_name}" in body
    form = client.get(_url(committee=other.short_name)).content.decode()
    # Only the chosen committee's agencies own its actions: here MPS hosts with no members.
    agencies = re.findall(r'name="owning_agency".*?</select>', form, re.S)[0]
    assert "Metropolitan Police Service" in agencies and "Safer London" not in agencies


def test_meeting_page_links(world, meeting, secret_item, signed_in):
    chair_page = signed_in(world.chair).get(meeting.get_absolute_url()).content.decode()
    assert reverse("actions:summary", args=[meeting.pk]) in chair_page
    assert chair_page.count("Record an action") == 5  # four items and the meeting
    assert f"item={secret_item.pk}" in chair_page
    member_page = signed_in(world.member).get(meeting.get_absolute_url()).content.decode()
    assert reverse("actions:summary", args=[meeting.pk]) in member_page
    assert "Record an action" not in member_page and f"item={secret_item.pk}" not in member_page


def test_from_a_minute_the_item_alone_gives_the_meeting(world, meeting, signed_in):
    """The minutes app links with the item and its own page as `next`."""
    item = _item(meeting)
    back = f"/minutes/{meeting.pk}/%23minute-{item.pk}"
    client = signed_in(world.clerk)
    url = _url(item=item.pk, next=back)
    assert meeting.title in client.get(url).content.decode()
    response = client.post(url, _data(world, agenda_item=item.pk))
    assert response["Location"] == f"/minutes/{meeting.pk}/#minute-{item.pk}"
    action = Action.objects.get()
    assert (action.meeting, action.agenda_item) == (meeting, item)


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "javascript:x"])
def test_off_site_next_urls_are_not_followed(world, meeting, signed_in, target):
    from urllib.parse import quote

    url = _url(meeting=meeting.pk, next=quote(target, safe=""))
    response = signed_in(world.chair).post(url, _data(world, owner=""))
    assert response["Location"] == Action.objects.get().get_absolute_url()
