"""An MPS member, whose agency has no grant to the restricted item, through a whole meeting:
the agenda email, the meeting page and its pack, the calendar entry, the circulated minutes (page
and PDF), the register, the summary of actions (page and PDF) and every email they were sent.
The item is a placeholder everywhere; its title, paper, minute and action are nowhere. The
clerk, who may see it, is sent it: the checks can fail."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page, expect

from actions import services as actions
from meetings import services as meetings
from minutes import services as minutes
from tests.agenda_fixtures import at, day_from_today
from tests.meetings.test_exports import pdf_text

from .conftest import sign_in, text_of, whole
from .personas import ITEM, SECRET, meeting_with_secret, next_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEETING_DAY = day_from_today(7)
KESTREL = "Kestrel"  # in the restricted item's title, paper, minute and action
OPEN_PAPER = "Referral figures by borough"
SECRET_PAPER = "Kestrel case review"
OPEN_MINUTE = "The MPS presented the referral figures."
SECRET_MINUTE = "The panel heard the Kestrel testimony in private."
OPEN_ACTION = "Write to the Committee with the referral figures"
SECRET_ACTION = "Arrange ISVA support for the Kestrel survivor"


def _paper(item, title: str) -> None:
    upload = SimpleUploadedFile(f"{title}.txt", f"{title}\n".encode(), content_type="text/plain")
    meetings.paper_add(item=item, upload=upload, title=title)


def _download(page: Page, link_name: str) -> bytes:
    """What the link on the page serves, fetched with the person's own session."""
    href = page.get_by_role("link", name=link_name).first.get_attribute("href")
    response = page.request.get(href)
    assert response.ok, (link_name, response.status)
    return response.body()


def _to_meeting(page: Page, committee: str, title: str) -> None:
    page.get_by_role("link", name="Committees", exact=True).first.click()
    page.locator("main").get_by_role("link", name=committee).click()
    page.locator("main").get_by_role("link", name=title, exact=True).first.click()
    expect(page.locator("h1")).to_have_text(title)


def _no_kestrel(text: str, where: str) -> None:
    assert KESTREL not in text, f"the restricted item leaks in {where}"


def test_member_without_grants_sees_placeholders_only(world, page, mailroom):
    meeting = meeting_with_secret(world, MEETING_DAY, publish=False)
    following = next_meeting(world.committee, day_from_today(35))
    item = meeting.items.get(title=ITEM)
    secret = meeting.items.get(title=SECRET)
    _paper(item, OPEN_PAPER)
    _paper(secret, SECRET_PAPER)
    meetings.agenda_publish(meeting=meeting, by=world.clerk)
    meeting.refresh_from_db()
    member_notice = mailroom.wait(world.member.email, "Agenda published")
    clerk_notice = mailroom.wait(world.clerk.email, "Agenda published")
    assert SECRET in whole(clerk_notice)
    assert ITEM in text_of(member_notice)
    _no_kestrel(whole(member_notice), "the agenda email")

    # After the meeting: its minutes circulated, an action on each item.
    with mailroom.clock(at(MEETING_DAY, "14:00")):
        meetings.meeting_mark_held(meeting=meeting, expected_revision=None)
        for on, narrative in ((item, OPEN_MINUTE), (secret, SECRET_MINUTE)):
            minutes.minute_save(
                item=on, by=world.clerk, narrative=narrative, resolutions=[], expected_revision=None
            )
        due = datetime.date.fromisoformat(MEETING_DAY) + datetime.timedelta(days=21)
        made = {}
        for on, what, agency in (
            (item, OPEN_ACTION, world.mps),
            (secret, SECRET_ACTION, world.mopac),
        ):
            made[what], _ = actions.action_create(
                by=world.clerk,
                committee=world.committee,
                description=what,
                owning_agency=agency,
                agenda_item=on,
                due_date=due,
            )
        minutes.minutes_circulate(meeting=meeting, by=world.clerk)

        circulated = mailroom.wait(world.member.email, "Draft minutes for comment")
        _no_kestrel(whole(circulated), "the email asking for comments")

        sign_in(page, world.member.email)
        # The meeting page: a placeholder where item 4 stands, the open paper only.
        _to_meeting(page, world.committee.name, meeting.title)
        agenda = page.locator("#agenda")
        expect(agenda).to_contain_text(ITEM)
        expect(agenda).to_contain_text("Restricted item 4")
        _no_kestrel(page.locator("main").inner_text(), "the meeting page")
        expect(page.locator("main")).to_contain_text(OPEN_PAPER)

        pack = pdf_text(_download(page, "Download the agenda pack (PDF)"))
        assert ITEM in pack
        _no_kestrel(pack, "the agenda pack")
        ics = _download(page, "Add to calendar").decode()
        _no_kestrel(ics, "the calendar entry")

        # The circulated minutes, page and PDF.
        page.get_by_role("link", name="Read the minutes").click()
        expect(page.locator("#minutes")).to_contain_text(OPEN_MINUTE)
        expect(page.locator("#minutes")).to_contain_text("Restricted item 4")
        _no_kestrel(page.locator("main").inner_text(), "the minutes")
        minutes_pdf = pdf_text(_download(page, "Download the minutes (PDF)"))
        assert "referral figures" in minutes_pdf
        _no_kestrel(minutes_pdf, "the minutes PDF")

        # The register and the summary of actions, page and PDF.
        page.get_by_role("link", name="Actions", exact=True).first.click()
        page.get_by_role("link", name="All actions I can see").click()
        expect(page.locator("#register")).to_contain_text(OPEN_ACTION)
        _no_kestrel(page.locator("main").inner_text(), "the register")
        csv = _download(page, "Download these actions as CSV").decode()
        assert OPEN_ACTION in csv
        _no_kestrel(csv, "the register's CSV")
        # The next meeting's summary carries this meeting's actions.
        _to_meeting(page, world.committee.name, following.title)
        page.get_by_role("link", name="Summary of actions", exact=True).click()
        expect(page.locator("main")).to_contain_text(OPEN_ACTION)
        _no_kestrel(page.locator("main").inner_text(), "the summary of actions")
        summary_pdf = pdf_text(_download(page, "Download the summary (PDF)"))
        assert "referral figures" in summary_pdf
        _no_kestrel(summary_pdf, "the summary PDF")

        # Its own address answers as if it did not exist.
        assert page.goto(made[SECRET_ACTION].get_absolute_url()).status == 404

    # Every email the member was sent, and none about the restricted action.
    mailroom.settle()
    for message in mailroom.to(world.member.email):
        _no_kestrel(whole(message), f"the email {message['Subject']!r}")
