"""Accessibility proven (issue 16 section 5): axe-core finds no WCAG 2.2 A/AA violation on any
page type, as the chair, an agency lead, a manager and a member see it, nor signed out; every
page's ids are unique, its id references resolve and its tab title names it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from attendance import services as attendance_services
from meetings import services as meeting_services
from meetings.models import AgendaItem, Committee, Paper, PublicQuestion
from meetings.services import publishing
from minutes.models import Minutes
from tests.agenda_fixtures import add

from .a11y import new_context, violations
from .conftest import watch_csp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _page_types(world, meeting, action) -> dict[str, str]:
    item = meeting.items.filter(restricted=True, parent=None).get()
    return {
        "home": reverse("home"),
        "committees": reverse("meetings:committees"),
        "committee": world.committee.get_absolute_url(),
        "meeting and agenda": meeting.get_absolute_url(),
        "item": reverse("meetings:item_edit", args=[item.pk]),
        "item access": reverse("meetings:item_access", args=[item.pk]),
        "agenda editor": reverse("meetings:editor", args=[meeting.pk]),
        "meeting form": reverse("meetings:meeting_edit", args=[meeting.pk]),
        "attendance": reverse("attendance:meeting", args=[meeting.pk]),
        "declarations": reverse("attendance:declarations", args=[meeting.pk]),
        "attendance statistics": reverse("attendance:statistics"),
        "minutes": reverse("minutes:document", args=[meeting.pk]),
        "minute form": reverse("minutes:edit", args=[item.pk]),
        "action register": reverse("actions:register"),
        "action register with an error": reverse("actions:register") + "?due_after=soon",
        "action register filtered": reverse("actions:register") + "?status=open&overdue=on",
        "action": action.get_absolute_url(),
        "action edit": reverse("actions:edit", args=[action.pk]),
        "record an action": reverse("actions:create"),
        "summary of actions": reverse("actions:summary", args=[meeting.pk]),
        "questions from the public": reverse("meetings:questions", args=[meeting.pk]),
        "dashboard": reverse("actions:dashboard"),
        "agencies": reverse("agencies:list"),
        "agency": world.mps.get_absolute_url(),
        "calendar": reverse("meetings:calendar"),
        "messages": reverse("inbox:list"),
        "search": reverse("search:results") + "?q=justice",
        "search with an error": reverse("search:results") + "?q=" + "x" * 201,
        "read log": reverse("audit:log"),
        "API tokens": reverse("api:tokens"),
        "import": reverse("intake:actions", args=[world.committee.short_name]),
        "second factor": reverse("mfa:account"),
        "second factor set-up": reverse("mfa:setup"),
        "accessibility statement": reverse("accessibility"),
        "not found": "/meetings/999999/",
    }


def _questions_from_the_public(meeting) -> None:
    """Two questions wait in the clerk's queue, one is accepted onto a public item (the public
    page shows it), one declined (the queue lists it as decided)."""
    public = meeting.items.filter(restricted=False, parent=None).first()
    fields = {"meeting": meeting, "email": "pat@example.org", "consent": True}
    fields["submitted_at"] = timezone.now()
    for n in (1, 2):
        PublicQuestion.objects.create(
            question=f"Public question {n}?", asked_by="Pat Resident", status="pending", **fields
        )
    PublicQuestion.objects.create(
        question="Accepted?", asked_by="Sam (Residents)", status="accepted", item=public, **fields
    )
    PublicQuestion.objects.create(
        question="Declined?", asked_by="Lee", status="declined", reason="Off topic", **fields
    )


@pytest.fixture
def pages(world, meeting) -> dict[str, str]:
    """Every page type, over a meeting with invitations, circulated minutes and an action."""
    attendance_services.invitations_generate(meeting=meeting, by=world.clerk)
    Minutes.objects.create(meeting=meeting, stage=Minutes.Stage.CIRCULATED)
    # The item page with what makes it long: papers, public questions, a sub-item.
    item = meeting.items.filter(restricted=True, parent=None).get()
    for n in (1, 2):
        Paper.objects.create(
            item=item,
            title=f"Paper {n}",
            file=f"papers/{n}.pdf",
            size=10,
            content_type="application/pdf",
        )
        meeting_services.question_add(item=item, question=f"Question {n}?", asked_by="A resident")
    add(meeting, "Sub-item", parent=item, planned_minutes=2)
    _questions_from_the_public(meeting)
    action = Action.objects.create(
        committee=world.committee,
        meeting=meeting,
        reference="MC-0001",
        description="Write to the Home Office about custody suites",
        owning_agency=world.mps,
        owner=world.member,
    )
    return _page_types(world, meeting, action)


def _check(context, paths: dict[str, str]) -> tuple[int, dict[str, list[str]]]:
    refused = watch_csp(context)
    page = context.new_page()
    page.set_default_timeout(15_000)
    checked, report = 0, {}
    for name, path in paths.items():
        response = page.goto(path)
        assert response is not None and response.status < 500, path
        if response.status in (403, 404) and name != "not found":
            continue  # not this persona's page (each role's refusals are tested elsewhere)
        page.wait_for_load_state("load")
        checked += 1
        if found := violations(page):
            report[f"{name} {path}"] = found
    assert refused == [], refused
    return checked, report


@pytest.mark.parametrize("persona", ["chair", "lead", "manager", "member"])
def test_every_page_type_has_no_violation(world, pages, browser, live_server, persona):
    context = new_context(browser, live_server, getattr(world, persona))
    checked, report = _check(context, pages)
    context.close()
    assert checked >= 20, checked
    assert report == {}, "\n".join(f"{p}:\n  " + "\n  ".join(v) for p, v in report.items())


def test_signed_out_pages_have_no_violation(world, meeting, browser, live_server):
    # The committee meets in public (its restricted item exempt): its public pages are shown.
    AgendaItem.objects.filter(meeting=meeting, restricted=True).update(exempt_paragraph=7)
    Committee.objects.filter(pk=world.committee.pk).update(is_public=True)
    publishing.agenda_publish(meeting=meeting, by=world.clerk, invite_committee=False)
    _questions_from_the_public(meeting)
    paths = {
        "public committees": reverse("public:index"),
        "public meeting": reverse("public:meeting", args=[meeting.pk]),
        "public question": reverse("public:ask", args=[meeting.pk]),
        "sign-in": reverse("login"),
        "password reset": reverse("password_reset"),
        "accessibility statement": reverse("accessibility"),
        "not found": "/no-such-page/",
    }
    context = new_context(browser, live_server)
    checked, report = _check(context, paths)
    context.close()
    assert checked == len(paths)
    assert report == {}, "\n".join(f"{p}:\n  " + "\n  ".join(v) for p, v in report.items())


def test_the_question_forms_with_errors_have_no_violation(world, meeting, browser, live_server):
    """The ask page and the clerk's queue as they come back with errors (error summaries,
    fields in error), signed out and as the clerk."""
    Committee.objects.filter(pk=world.committee.pk).update(is_public=True)
    AgendaItem.objects.filter(meeting=meeting, restricted=True).update(exempt_paragraph=7)
    publishing.agenda_publish(meeting=meeting, by=world.clerk, invite_committee=False)
    _questions_from_the_public(meeting)
    report: dict[str, list[str]] = {}
    public = new_context(browser, live_server)
    page = public.new_page()
    page.goto(reverse("public:ask", args=[meeting.pk]))
    page.get_by_label("Your question").fill("x" * 1501)
    page.get_by_role("button", name="Send your question").click()
    page.wait_for_selector(".govuk-error-summary")
    report["ask with errors"] = violations(page)
    public.close()
    clerk = new_context(browser, live_server, world.clerk)
    page = clerk.new_page()
    page.goto(reverse("meetings:questions", args=[meeting.pk]))
    page.locator("section").first.get_by_role("button", name="Save the decision").click()
    page.wait_for_selector(".govuk-error-summary")
    report["queue with errors"] = violations(page)
    clerk.close()
    assert report == {"ask with errors": [], "queue with errors": []}, report


def test_the_checks_find_what_they_look_for(browser, live_server, db):
    context = new_context(browser, live_server)
    page = context.new_page()
    page.goto(reverse("accessibility"))
    assert violations(page) == []
    page.evaluate(
        """() => { const main = document.querySelector('main');
                   main.insertAdjacentHTML('beforeend',
                     '<img src="/assets/images/favicon.ico"><p id="x"></p><p id="x"></p>'); }"""
    )
    found = violations(page)
    context.close()
    assert any(v.startswith("image-alt") for v in found), found
    assert "id x x2" in found
