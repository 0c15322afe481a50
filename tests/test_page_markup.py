"""The main pages, as the demo's clerk, chair, agency lead and member: no `id` twice on a
page, every ARIA reference, label and in-page link points at an element that exists, and the
tab title is the page's name, an en dash and the product's name."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from actions.models import Action
from agencies.models import Agency, User
from demo.data.people import PEOPLE
from meetings.models import AgendaItem, Committee, Meeting

pytestmark = pytest.mark.django_db

SEPARATOR = " \u2013 "  # an en dash between spaces
# Demo personas by role (demo/data/people.py PERSONAS).
PERSONAS = {
    "clerk": "joanna_brown",
    "chair": "joanne_mccartney",
    "lead": "martin_hewitt",
    "member": "george_curtis",
}
REFERENCE_ATTRS = ("aria-describedby", "aria-labelledby", "aria-controls")


class Markup(HTMLParser):
    """The ids, the id references and the title of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: Counter[str] = Counter()
        self.references: list[tuple[str, str]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note the element's id and the ids it refers to."""
        for name, value in attrs:
            if name == "id" and value:
                self.ids[value] += 1
            elif name in REFERENCE_ATTRS and value:
                self.references += [(name, ref) for ref in value.split()]
            elif tag == "label" and name == "for" and value:
                self.references.append(("label for", value))
            elif tag == "a" and name == "href" and value and value.startswith("#") and value != "#":
                self.references.append(("link", value[1:]))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        """Close the title."""
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        """Collect the title's text."""
        if self._in_title:
            self.title += data


def problems_of(html: str) -> list[str]:
    """What is wrong with one page's markup, in words."""
    page = Markup()
    page.feed(html)
    found = [f"id {i!r} appears {n} times" for i, n in page.ids.items() if n > 1]
    found += [
        f"{attr}={ref!r} points at nothing" for attr, ref in page.references if ref not in page.ids
    ]
    title = " ".join(page.title.split())
    name, separator, product = title.rpartition(SEPARATOR)
    if not (name and separator and product == "Partnership meetings"):
        found.append(f"title {title!r} is not '<page> \u2013 Partnership meetings'")
    return found


def _email(key: str) -> str:
    return next(row["email"] for row in PEOPLE if row["key"] == key)


def _main_pages() -> list[str]:
    """The pages a person moves between, for every demo committee and meeting."""
    urls = [
        reverse("home"),
        reverse("meetings:committees"),
        reverse("actions:register"),
        reverse("actions:register") + "?overdue=on",
        reverse("actions:dashboard"),
        reverse("actions:create"),
        reverse("attendance:statistics"),
        reverse("agencies:list"),
        reverse("meetings:calendar"),
        reverse("audit:log"),
        Agency.objects.get(short_name="MPS").get_absolute_url(),
        reverse("search:results"),
        reverse("search:results") + "?q=sexual+exploitation",
        reverse("search:results") + "?q=" + "x" * 201,  # the form with its error
        reverse("intake:actions", args=["pcc"]),
        reverse("api:tokens"),
    ]
    urls += [c.get_absolute_url() for c in Committee.objects.order_by("pk")]
    for meeting in Meeting.objects.order_by("pk"):
        urls += [
            reverse(name, kwargs={"pk": meeting.pk})
            for name in (
                "meetings:meeting",
                "meetings:editor",
                "meetings:meeting_edit",
                "actions:summary",
                "attendance:meeting",
                "attendance:declarations",
                "attendance:history",
                "minutes:document",
            )
        ]
        for item in AgendaItem.objects.filter(meeting=meeting).order_by("pk")[:3]:
            urls += [
                reverse(name, kwargs={"pk": item.pk})
                for name in ("meetings:item_edit", "meetings:item_access", "minutes:edit")
            ]
    urls += [a.get_absolute_url() for a in Action.objects.order_by("pk")[:5]]
    return urls


@pytest.fixture
def demo() -> None:
    """The demo data: the seed committees, meetings, minutes, attendance and actions."""
    call_command("load_demo", password="markup-demo", stdout=StringIO())


def test_main_pages_as_each_persona(demo):
    urls = _main_pages()
    report, checked = [], Counter()
    for role, key in PERSONAS.items():
        client = Client()
        client.force_login(
            User.objects.get(email=_email(key)),
            backend="django.contrib.auth.backends.ModelBackend",
        )
        for url in urls:
            response = client.get(url)
            is_html = response.get("Content-Type", "").startswith("text/html")
            if not is_html or 300 <= response.status_code < 400:
                continue
            checked[response.status_code] += 1
            report += [f"{role} {url}: {p}" for p in problems_of(response.content.decode())]
    assert checked[200] > 100, checked
    assert not report, "\n".join(report)


def test_pages_showing_errors(demo):
    clerk = User.objects.get(email=_email(PERSONAS["clerk"]))
    meeting = Meeting.objects.filter(committee__secretariat=clerk).order_by("pk").first()
    item = AgendaItem.objects.filter(meeting=meeting).order_by("pk").first()
    client = Client()
    client.force_login(clerk, backend="django.contrib.auth.backends.ModelBackend")
    responses = {
        "meeting": client.post(
            reverse("meetings:meeting_edit", kwargs={"pk": meeting.pk}),
            {"revision": meeting.agenda_revision, "title": "", "date": "31/02/2027"},
        ),
        "item": client.post(
            reverse("meetings:item_edit", kwargs={"pk": item.pk}),
            {"revision": meeting.agenda_revision, "title": ""},
        ),
        "paper": client.post(reverse("meetings:paper_add", kwargs={"pk": item.pk}), {"title": ""}),
        "question": client.post(
            reverse("meetings:question_add", kwargs={"pk": item.pk}), {"question": ""}
        ),
        "register": client.get(reverse("actions:register") + "?due_after=soon"),
        "import": client.post(reverse("intake:actions", args=[meeting.committee.short_name])),
        "token": client.post(reverse("api:tokens"), {"name": ""}),
        "import preview": client.post(
            reverse("intake:actions", args=[meeting.committee.short_name]),
            {"upload": SimpleUploadedFile("log.csv", b"Action,Action by\nx,MPS\ny,Nobody\n")},
        ),
    }
    for name, response in responses.items():
        assert response.status_code in (200, 400), name
        assert b"govuk-error-summary" in response.content, name
        assert problems_of(response.content.decode()) == [], name


def test_the_token_page_with_a_new_token_and_the_list(demo):
    client = Client()
    client.force_login(
        User.objects.get(email=_email(PERSONAS["member"])),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    made = client.post(reverse("api:tokens"), {"name": "Report"})
    assert made.status_code == 200 and b'id="token-secret"' in made.content
    listed = client.get(reverse("api:tokens"))
    for response in (made, listed):
        assert problems_of(response.content.decode()) == []


def test_sign_in_and_password_reset_pages(client):
    for url in (reverse("login"), reverse("password_reset")):
        response = client.get(url)
        assert response.status_code == 200
        assert problems_of(response.content.decode()) == [], url


def test_the_checker_sees_what_it_must():
    html = (
        "<title>Sign inPartnership meetings</title>"
        '<input id="id_title" aria-describedby="id_title-hint"><input id="id_title">'
    )
    assert problems_of(html) == [
        "id 'id_title' appears 2 times",
        "aria-describedby='id_title-hint' points at nothing",
        "title 'Sign inPartnership meetings' is not '<page> \u2013 Partnership meetings'",
    ]
