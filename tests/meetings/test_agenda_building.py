"""Agenda building: insert after an item, move to a position in one step, new items before any
other business, and the moved item's control keeps the keyboard focus after the reload."""

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import AgendaItem, Meeting
from tests.agenda_fixtures import SECRET, add

pytestmark = pytest.mark.django_db


def _titles(meeting: Meeting, parent: AgendaItem | None = None) -> list[str]:
    return list(
        meeting.items.filter(parent=parent).order_by("position").values_list("title", flat=True)
    )


def create(meeting: Meeting, title: str, **fields) -> AgendaItem:
    """Add an item as the editor does (no placement asked for)."""
    meeting.refresh_from_db()
    return services.item_create(meeting=meeting, expected_revision=None, title=title, **fields)


def test_a_new_item_lands_before_any_other_business(meeting):
    create(meeting, "Police update")
    assert _titles(meeting) == [
        "Apologies for absence",
        "Minutes of the last meeting",
        SECRET,
        "Police update",
        "Any other business",
    ]


def test_closing_business_itself_still_goes_last(meeting):
    create(meeting, "Date of next meeting", kind=AgendaItem.Kind.NEXT_MEETING)
    create(meeting, "Police update")
    assert _titles(meeting)[-3:] == ["Police update", "Any other business", "Date of next meeting"]


def test_insert_after_puts_the_item_right_after_the_chosen_one(meeting):
    minutes = meeting.items.get(kind=AgendaItem.Kind.MINUTES)
    item = add(meeting, "Matters arising", after=minutes)
    assert _titles(meeting)[:3] == [
        "Apologies for absence",
        "Minutes of the last meeting",
        "Matters arising",
    ]
    assert item.parent_id is None
    positions = list(meeting.items.filter(parent=None).values_list("position", flat=True))
    assert sorted(positions) == list(range(5))


def test_insert_after_a_sub_item_makes_a_sibling_under_the_same_parent(meeting):
    part = create(meeting, "Part B", kind=AgendaItem.Kind.PART)
    first = add(meeting, "First", parent=part)
    add(meeting, "Third", parent=part)
    add(meeting, "Second", after=first)
    assert _titles(meeting, part) == ["First", "Second", "Third"]


def test_insert_after_an_item_of_another_meeting_is_refused(meeting, world):
    other = services.meeting_create(
        committee=world.committee,
        title="Other",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        use_template=False,
    )
    stranger = add(other, "Elsewhere")
    with pytest.raises(Exception, match="another meeting"):
        add(meeting, "Nope", after=stranger)


def test_move_to_a_position_in_one_step(meeting):
    aob = meeting.items.get(kind=AgendaItem.Kind.AOB)
    services.item_move(item=aob, expected_revision=None, direction="to", position=0)
    assert _titles(meeting)[0] == "Any other business"
    assert _titles(meeting)[1] == "Apologies for absence"
    services.item_move(item=aob, expected_revision=None, direction="to", position=3)
    assert _titles(meeting)[3] == "Any other business"


@pytest.mark.parametrize("position", [-1, 4, None])
def test_move_to_a_position_outside_the_agenda_is_refused(meeting, position):
    aob = meeting.items.get(kind=AgendaItem.Kind.AOB)
    with pytest.raises(Exception, match="from 1 to 4"):
        services.item_move(item=aob, expected_revision=None, direction="to", position=position)
    assert _titles(meeting)[-1] == "Any other business"


def test_editor_offers_insert_after_and_preselects_it(world, meeting, signed_in):
    client = signed_in(world.clerk)
    minutes = meeting.items.get(kind=AgendaItem.Kind.MINUTES)
    url = reverse("meetings:editor", args=[meeting.pk])
    body = client.get(url).content.decode()
    assert f'href="?after={minutes.pk}#add-item"' in body
    body = client.get(f"{url}?after={minutes.pk}").content.decode()
    assert f'<option value="{minutes.pk}" selected>2. Minutes of the last meeting</option>' in body
    # A bad or foreign value is ignored, not a 500.
    assert client.get(f"{url}?after=abc&moved=x&via=<script>").status_code == 200


def test_adding_after_an_item_through_the_page(world, meeting, signed_in):
    client = signed_in(world.clerk)
    minutes = meeting.items.get(kind=AgendaItem.Kind.MINUTES)
    meeting.refresh_from_db()
    response = client.post(
        reverse("meetings:item_add", args=[meeting.pk]),
        {
            "revision": meeting.agenda_revision,
            "title": "Matters arising",
            "kind": "substantive",
            "after": minutes.pk,
        },
    )
    new = meeting.items.get(title="Matters arising")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#item-{new.pk}")
    assert _titles(meeting)[2] == "Matters arising"


def test_moving_through_the_page_returns_focus_to_the_moved_item(world, meeting, signed_in):
    client = signed_in(world.clerk)
    aob = meeting.items.get(kind=AgendaItem.Kind.AOB)
    meeting.refresh_from_db()
    response = client.post(
        reverse("meetings:item_move", args=[aob.pk]),
        {"revision": meeting.agenda_revision, "direction": "to", "position": "2"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"?moved={aob.pk}&via=to")
    assert _titles(meeting)[1] == "Any other business"
    body = client.get(response["Location"]).content.decode()
    assert f'id="position-{aob.pk}" name="position" type="text" inputmode="numeric"' in body
    focused = body.split(f'id="position-{aob.pk}"', 1)[1].split(">", 1)[0]
    assert "autofocus" in focused
    assert body.count("autofocus") == 1


@pytest.mark.parametrize("position", ["", "0", "abc", "99"])
def test_a_bad_position_is_a_400_and_changes_nothing(world, meeting, signed_in, position):
    client = signed_in(world.clerk)
    aob = meeting.items.get(kind=AgendaItem.Kind.AOB)
    before = _titles(meeting)
    meeting.refresh_from_db()
    response = client.post(
        reverse("meetings:item_move", args=[aob.pk]),
        {"revision": meeting.agenda_revision, "direction": "to", "position": position},
    )
    assert response.status_code == 400
    assert _titles(meeting) == before
    # What was typed is shown again in the item's position box.
    box = response.content.decode().split(f'id="position-{aob.pk}"', 1)[1].split(">", 1)[0]
    assert f'value="{position}"' in box


def test_members_cannot_move_items(world, meeting, signed_in):
    aob = meeting.items.get(kind=AgendaItem.Kind.AOB)
    meeting.refresh_from_db()
    response = signed_in(world.member).post(
        reverse("meetings:item_move", args=[aob.pk]),
        {"revision": meeting.agenda_revision, "direction": "to", "position": "1"},
    )
    assert response.status_code == 403
    assert _titles(meeting)[-1] == "Any other business"
