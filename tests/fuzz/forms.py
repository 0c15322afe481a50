"""The forms a page shows, read from its HTML, and hypothesis strategies for their fields.

Reading the rendered forms (not the form classes) drives what a person can actually send: the
fields, hidden ones included, with their names, kinds and offered choices.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
NOT_FUZZED = {"csrfmiddlewaretoken"}


@dataclass
class Field:
    """One named control of a form."""

    name: str
    kind: str  # text, textarea, select, hidden, date, number, file, checkbox, radio, ...
    value: str = ""
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    """A <form> of a page: its method, where it posts, and its controls by name."""

    method: str
    action: str
    multipart: bool
    fields: dict[str, Field] = field(default_factory=dict)


class _Reader(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self.select: Field | None = None
        self.textarea: Field | None = None

    def _add(self, control: Field) -> None:
        if not self.forms or control.name in NOT_FUZZED:
            return
        known = self.forms[-1].fields.get(control.name)
        if known is not None and control.kind in ("radio", "checkbox"):
            known.options.extend(control.options)
            return
        self.forms[-1].fields[control.name] = control

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            action = a.get("action") or self.page_url
            multipart = a.get("enctype") == "multipart/form-data"
            self.forms.append(Form(a.get("method", "get").lower(), action, multipart))
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            options = [a.get("value", "on")] if kind in ("radio", "checkbox") else []
            self._add(Field(a["name"], kind, a.get("value", ""), options))
        elif tag == "textarea" and a.get("name"):
            self.textarea = Field(a["name"], "textarea")
            self._add(self.textarea)
        elif tag == "select" and a.get("name"):
            self.select = Field(a["name"], "select")
            self._add(self.select)
        elif tag == "option" and self.select is not None:
            self.select.options.append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea.value += data


def forms_on(html: str, page_url: str) -> list[Form]:
    """Every form of the page, in order."""
    reader = _Reader(page_url)
    reader.feed(html)
    return reader.forms


# --- what people type -------------------------------------------------------------------------

# Any character a browser can send (no lone surrogates), weighted towards awkward ones.
ANY_CHAR = st.characters(exclude_categories=("Cs",))
AWKWARD = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "\r\n",
        "²",
        "٣",
        "\u202e",
        "../",
        "<script>",
        "'; --",
        "=1+1",
        "\U0001d518",
        "\t",
    ]
)
# The awkward inputs first: hypothesis tries earlier branches more, and shrinks towards them.
TEXT = st.one_of(
    AWKWARD,
    st.text(ANY_CHAR, max_size=60),
    st.builds(
        lambda c, n: c * n,
        st.sampled_from(["a", "é", "\u202e", " ", "x\n"]),
        st.integers(0, 300_000),
    ),
)
NUMBER = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    TEXT,
)
DATE = st.one_of(
    st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)).map(datetime.date.isoformat),
    st.sampled_from(["0000-00-00", "2026-02-30", "01/02/2026", "-1-01-01", "99999-01-01"]),
    TEXT,
)
TIME = st.one_of(
    st.times().map(lambda t: t.strftime("%H:%M")), st.sampled_from(["24:00", "25:61", "9"]), TEXT
)
FILE_NAME = st.one_of(
    st.text(ANY_CHAR, min_size=1, max_size=300),
    st.sampled_from(["../../etc/passwd", "report\u202efdp.exe", "a" * 250 + ".pdf", "con.pdf"]),
)
FILE_BODY = st.one_of(st.just(PDF), st.binary(max_size=2000), st.just(b"hello\x00world"))


def value_for(field_: Field) -> st.SearchStrategy:
    """Arbitrary input for one control: its offered values sometimes, anything at all often."""
    kind = field_.kind
    if kind == "file":
        return st.builds(
            lambda name, body: SimpleUploadedFile(name, body),
            FILE_NAME,
            FILE_BODY,
        )
    offered = [v for v in ([field_.value] if field_.value else []) + field_.options]
    if kind == "date":
        anything = DATE
    elif kind == "time":
        anything = TIME
    elif kind in ("number", "hidden"):
        anything = NUMBER
    else:
        anything = TEXT
    if offered:
        return st.one_of(st.sampled_from(offered), anything)
    return anything


def values_for(form: Form) -> st.SearchStrategy[dict]:
    """A whole submission: each control given something (or left out)."""
    return st.fixed_dictionaries(
        {},
        optional={name: value_for(control) for name, control in form.fields.items()},
    )


def typed_texts(form: Form, data: dict) -> dict[str, str]:
    """The free texts a person typed in this submission (visible text boxes), by name."""
    return {
        name: value
        for name, value in data.items()
        if isinstance(value, str)
        and name in form.fields
        and form.fields[name].kind in ("text", "textarea", "email", "search")
    }
