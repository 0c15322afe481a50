"""Security headers on every kind of response: pages, PDFs, CSVs, calendar files, static files;
and templates that need no inline script or style (the policy allows none)."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def _policy(response) -> dict[str, list[str]]:
    header = response.get("Content-Security-Policy", "")
    directives = [d.split() for d in header.split(";") if d.strip()]
    return {d[0]: d[1:] for d in directives}


def assert_secure_headers(response) -> None:
    """The response carries the whole set of security headers and the strict policy."""
    for name, value in EXPECTED.items():
        assert response.get(name) == value, (name, response.get(name))
    assert "camera=()" in response.get("Permissions-Policy", "")
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_headers_on_a_page_and_each_download(world, meeting, signed_in):
    client = signed_in(world.clerk)
    answers = {
        "page": client.get(meeting.get_absolute_url()),
        "pdf": client.get(reverse("meetings:agenda_pdf", args=[meeting.pk])),
        "csv": client.get(reverse("actions:csv")),
        "ics": client.get(reverse("meetings:meeting_ics", args=[meeting.pk])),
    }
    kinds = {
        "page": "text/html",
        "pdf": "application/pdf",
        "csv": "text/csv",
        "ics": "text/calendar",
    }
    for name, response in answers.items():
        assert response.status_code == 200, name
        assert response["Content-Type"].startswith(kinds[name]), name
        assert_secure_headers(response)


def test_static_files_are_not_sniffed_and_carry_the_policy(client):
    # WhiteNoise answers before the frame-options middleware; frame-ancestors covers framing.
    response = client.get("/assets/css/app.css")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert _policy(response)["frame-ancestors"] == ["'none'"]


def test_headers_when_signed_out_and_on_errors():
    client = Client()
    for response in (client.get(reverse("login")), client.get("/no-such-page/")):
        assert_secure_headers(response)


def test_hsts_in_production_settings(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "only-to-read-the-settings")
    monkeypatch.setenv("DATABASE_URL", "postgres://nobody@127.0.0.1:5432/none")
    monkeypatch.delitem(sys.modules, "config.settings.production", raising=False)
    production = importlib.import_module("config.settings.production")

    assert production.SECURE_HSTS_SECONDS >= 31536000
    assert production.SECURE_HSTS_INCLUDE_SUBDOMAINS is True


INLINE = {
    "inline script": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I),
    "style block": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "event handler attribute": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


def inline_code(text: str) -> list[str]:
    """The kinds of inline script or style in a template's text."""
    return [kind for kind, pattern in INLINE.items() if pattern.search(text)]


def test_the_checker_finds_each_kind():
    assert inline_code('<script src="/a.js"></script><p class="x">') == []
    assert inline_code("<script>alert(1)</script>") == ["inline script"]
    assert inline_code('<script nonce="">x</script>') == ["inline script"]
    assert inline_code("<style>p {}</style>") == ["style block"]
    assert inline_code('<p style="color: red">') == ["style attribute"]
    assert inline_code('<button onclick="go()">') == ["event handler attribute"]
    assert inline_code('<a href="javascript:go()">') == ["javascript: URL"]


def test_no_template_has_inline_script_or_style():
    # Emails are not served under the policy, and mail programs need their styles inline.
    pages = [p for p in TEMPLATES.rglob("*.html") if "email" not in p.relative_to(TEMPLATES).parts]
    assert len(pages) > 50
    found = {
        str(p.relative_to(TEMPLATES)): kinds for p in pages if (kinds := inline_code(p.read_text()))
    }
    assert found == {}


def test_the_api_docs_page_loads_its_script_from_a_file():
    client = Client()
    page = client.get("/api/docs/")
    assert page.status_code == 200 and inline_code(page.content.decode()) == []
    assert_secure_headers(page)
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content
