"""The public pages (issue #17): anyone reads a public committee's published agendas, the
papers of its public items and its approved minutes; nothing else, and nothing of an exempt
item but its number and its Schedule 12A paragraph."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Meeting
from minutes.models import Minute, Minutes, Resolution
from tests.agenda_fixtures import add, after_meeting, at

from .conftest import SECRETS, paper

pytestmark = pytest.mark.django_db


def _page(client, scene) -> str:
    response = client.get(reverse("public:meeting", args=[scene.meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _assert_no_secret(text: str) -> None:
    for word in SECRETS:
        assert word not in text, word


def test_anyone_reads_the_published_agenda_of_a_public_meeting(client, scene, world):
    page = _page(client, scene)
    assert "The police and crime plan" in page
    assert world.lead.full_name in page  # its presenter
    assert reverse("public:paper", args=[scene.public_paper.pk]) in page
    assert "Exempt item: not for publication, Schedule 12A paragraph 7" in page
    assert "prevention, investigation or prosecution of crime" in page
    _assert_no_secret(page)


def test_the_index_lists_public_committees_and_their_published_meetings(client, scene, world):
    draft = services.meeting_create(
        committee=world.committee,
        title="Not yet published",
        starts_at=at(after_meeting(30), "10:00"),
        ends_at=at(after_meeting(30), "12:00"),
        use_template=False,
    )
    page = client.get(reverse("public:index")).content.decode()
    assert world.committee.name in page
    assert reverse("public:meeting", args=[scene.meeting.pk]) in page
    assert draft.title not in page


@pytest.mark.parametrize("case", ["draft", "private committee", "unknown"])
def test_what_is_not_published_is_not_found(client, scene, world, case):
    if case == "draft":
        target = services.meeting_create(
            committee=world.committee,
            title="Draft",
            starts_at=at(after_meeting(30), "10:00"),
            ends_at=at(after_meeting(30), "12:00"),
            use_template=False,
        ).pk
    elif case == "private committee":
        world.committee.is_public = False
        world.committee.save()
        target = scene.meeting.pk
    else:
        target = 999_999
    assert client.get(reverse("public:meeting", args=[target])).status_code == 404


def test_papers_of_public_items_only(client, scene, world):
    response = client.get(reverse("public:paper", args=[scene.public_paper.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("public:paper", args=[scene.exempt_paper.pk])).status_code == 404
    world.committee.is_public = False
    world.committee.save()
    assert client.get(reverse("public:paper", args=[scene.public_paper.pk])).status_code == 404


def test_an_item_restricted_since_publication_is_exempt_at_once(client, scene, world):
    services.item_restrict(
        item=scene.public_item,
        expected_revision=None,
        restricted=True,
        agencies=[world.mopac],
        exempt_paragraph=1,
    )
    page = _page(client, scene)
    assert "The police and crime plan" not in page
    assert "Schedule 12A paragraph 1" in page
    assert client.get(reverse("public:paper", args=[scene.public_paper.pk])).status_code == 404


def test_changes_not_yet_published_are_not_shown(client, scene, world):
    add(scene.meeting, "An item added after publishing", planned_minutes=10)
    services.item_update(
        item=scene.public_item, expected_revision=None, title="A title not yet published"
    )
    page = _page(client, scene)
    assert "An item added after publishing" not in page
    assert "A title not yet published" not in page
    assert "The police and crime plan" in page


def _approve(scene, world) -> None:
    record = Minutes.objects.create(meeting=scene.meeting)
    public = Minute.objects.create(
        record=record, item=scene.public_item, narrative="The Committee noted the plan."
    )
    Resolution.objects.create(minute=public, text="That the plan be noted.")
    exempt = Minute.objects.create(
        record=record, item=scene.exempt_item, narrative="Named suspects were discussed."
    )
    Resolution.objects.create(minute=exempt, text="That Operation Kestrel continue.")
    following = Meeting.objects.create(
        committee=world.committee,
        title="Next",
        starts_at=timezone.now(),
        ends_at=timezone.now() + timezone.timedelta(hours=2),
    )
    Minutes.objects.filter(pk=record.pk).update(
        stage=Minutes.Stage.APPROVED, approved_at_meeting=following, approved_at=timezone.now()
    )


def test_minutes_are_public_once_approved_with_the_exclusion_before_the_exempt_item(
    client, scene, world
):
    assert "The Committee noted the plan." not in _page(client, scene)
    _approve(scene, world)
    page = _page(client, scene)
    assert "The Committee noted the plan." in page
    assert "That the plan be noted." in page
    exclusion = page.index("That the press and public be excluded")
    assert exclusion < page.index("Exempt item: not for publication")
    assert "paragraph 7 of Part 1 of Schedule 12A" in page
    _assert_no_secret(page)
    assert "Operation Kestrel continue" not in page


def test_the_public_calendar_of_a_public_committee(client, scene, world):
    response = client.get(reverse("public:calendar", args=[world.committee.short_name]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert "The police and crime plan" in text
    assert reverse("public:meeting", args=[scene.meeting.pk]) in text
    _assert_no_secret(text)
    world.committee.is_public = False
    world.committee.save()
    assert (
        client.get(reverse("public:calendar", args=[world.committee.short_name])).status_code == 404
    )


def test_a_public_committees_item_is_restricted_only_with_its_paragraph(scene, world):
    item = add(scene.meeting, "Another item")
    with pytest.raises(Exception, match="Schedule 12A"):
        services.item_restrict(
            item=item, expected_revision=None, restricted=True, agencies=[world.mopac]
        )
    item.refresh_from_db()
    assert not item.restricted


def test_the_access_form_asks_for_the_paragraph(scene, world, signed_in):
    client = signed_in(world.clerk)
    item = add(scene.meeting, "Another item")
    scene.meeting.refresh_from_db()
    url = reverse("meetings:item_access", args=[item.pk])
    form = {"revision": scene.meeting.agenda_revision, "restricted": "on"}
    response = client.post(url, {**form, "agencies": [world.mopac.pk]})
    assert response.status_code == 400
    assert "Schedule 12A" in response.content.decode()
    item.refresh_from_db()
    assert not item.restricted
    response = client.post(url, {**form, "agencies": [world.mopac.pk], "exempt_paragraph": "2"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.restricted and item.exempt_paragraph == 2


def test_publishing_refuses_an_exempt_item_without_its_paragraph(world, meeting):
    # Restricted before its committee met in public: no paragraph yet.
    world.committee.is_public = True
    world.committee.save()
    with pytest.raises(Exception, match="Schedule 12A"):
        services.agenda_publish(meeting=meeting, by=world.clerk, invite_committee=False)
    assert not meeting.versions.exists()


def test_query_counts_do_not_grow_with_rows(client, scene, world, django_assert_max_num_queries):
    client.get(reverse("public:meeting", args=[scene.meeting.pk]))
    for n in range(8):
        item = add(scene.meeting, f"Item {n}", planned_minutes=5)
        paper(item, f"p{n}.pdf", f"Paper {n}", world.clerk)
    services.agenda_publish(meeting=scene.meeting, by=world.clerk, invite_committee=False)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("public:meeting", args=[scene.meeting.pk])).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("public:index")).status_code == 200


def test_the_minutes_record_the_exclusion_before_the_first_exempt_item(scene, world, signed_in):
    client = signed_in(world.chair)
    page = client.get(reverse("minutes:document", args=[scene.meeting.pk])).content.decode()
    exclusion = page.index('id="exclusion"')
    assert "paragraph 7 of Part 1 of Schedule 12A" in page
    assert exclusion < page.index(f'id="item-{scene.exempt_item.pk}"')
    assert exclusion > page.index(f'id="item-{scene.public_item.pk}"')
    pdf = client.get(reverse("minutes:pdf", args=[scene.meeting.pk]))
    from tests.security.matrix import pdf_text

    assert "press and public be excluded" in " ".join(pdf_text(pdf.content, raw=False).split())
    world.committee.is_public = False
    world.committee.save()
    page = client.get(reverse("minutes:document", args=[scene.meeting.pk])).content.decode()
    assert 'id="exclusion"' not in page


def test_the_public_pages_carry_no_protective_marking(client, scene, settings):
    settings.MARK_OFFICIAL = True
    for url in (reverse("public:index"), reverse("public:meeting", args=[scene.meeting.pk])):
        page = client.get(url).content.decode()
        assert "app-marking" not in page and "OFFICIAL" not in page, url
