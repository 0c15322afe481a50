"""Rows rendered by Jinja2 (core/rows.py): escaped as Django escapes, with Django's filters, and
the agenda and home pages that use them still escape what people typed."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

from django.urls import reverse

from core.rows import environment, render_rows
from meetings import services
from tests.meetings.test_exports import make_meeting


def _render(source: str, **context) -> str:
    return environment().from_string(source).render(**context)


def test_everything_printed_is_escaped():
    row = SimpleNamespace(title="<script>alert('x')</script> & more")
    html = render_rows("home/_committee_row.jinja", [], {}) + _render("{{ r.title }}", r=row)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "&amp; more" in html


def test_django_filters_read_as_on_the_django_pages():
    assert _render("{{ t|linebreaksbr }}", t="a <b>\nc") == "a &lt;b&gt;<br>c"
    assert _render("{{ n|pluralize }}", n=2) == "s" and _render("{{ n|pluralize }}", n=1) == ""
    assert _render("{{ t|truncatechars(5) }}", t="abcdefgh") == "abcd…"
    assert _render('{{ d|date("j F Y") }}', d=date(2026, 3, 4)) == "4 March 2026"
    # A datetime is shown in London time, as Django's date filter shows it.
    summer = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)
    assert _render('{{ d|date("j F Y H:i") }}', d=summer) == "2 July 2026 00:30"
    assert _render("{{ url('meetings:paper', 7) }}") == reverse("meetings:paper", args=[7])


def test_the_agenda_page_escapes_titles_and_descriptions(world, signed_in):
    meeting = make_meeting(world)
    services.item_create(
        meeting=meeting,
        expected_revision=None,
        title="<img src=x onerror=alert(1)>",
        description="line one\n<script>two</script>",
        planned_minutes=5,
    )
    body = signed_in(world.member).get(meeting.get_absolute_url()).content.decode()
    assert "<img src=x" not in body and "<script>two" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "line one<br>&lt;script&gt;two&lt;/script&gt;" in body
