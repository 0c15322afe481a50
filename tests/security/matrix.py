"""The authorisation matrix: every URL pattern the project serves, and how each is exercised
against the restricted objects of tests/security/world.py.

`TABLE` maps each URL name to a function giving the requests that exercise it (filling URL
parameters, query strings and forms from the world); `ADMIN_MODELS` says how each model
registered in the admin is exercised. A URL pattern found in the resolver but in neither table
fails the matrix, and so does a table entry the resolver no longer has.
"""

from __future__ import annotations

import base64
import contextlib
import html
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from actions.models import ChasingPolicy
from audit.models import RestrictedRead
from inbox.models import Message

from .world import OFFICERS, PDF_BYTES, READERS, SECRETS, SecurityWorld

# A year around the world's meetings (the statistics refuse more than ten years).
# An action's due date a quarter ahead of whatever day the suite runs.
DUE_DATE = f"{date.today() + timedelta(days=90):%Y-%m-%d}"
STATISTICS_PERIOD = (
    f"start={date.today() - timedelta(days=365):%Y-%m-%d}"
    f"&end={date.today() + timedelta(days=60):%Y-%m-%d}"
)
ALL_ITEM = ("title", "description", "recommendation", "paper", "question")


@dataclass
class Req:
    """One request of the matrix.

    `shows`: secrets that the personas in `to` must find in the response (a direct surface);
    empty for indirect surfaces, where only the absence of secrets is checked. `files` are
    uploads (name → bytes) sent with a POST. `own`: the URL is the restricted object's own (its
    id is in the path), so a signed-in person without access must get a 404.
    """

    method: str
    path: str
    data: dict = field(default_factory=dict)
    shows: tuple[str, ...] = ()
    to: frozenset[str] = READERS
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    own: bool = False

    def payload(self) -> dict:
        """The form data, with fresh uploads (a file can be read once)."""
        data = dict(self.data)
        for name, (filename, content) in self.files.items():
            data[name] = SimpleUploadedFile(filename, content, content_type="application/pdf")
        return data

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.path}"


def get(
    path: str, shows: tuple[str, ...] = (), to: frozenset[str] = READERS, own: bool = False
) -> Req:
    """A GET of the matrix."""
    return Req("get", path, shows=shows, to=to, own=own)


def post(path: str, data: dict | None = None, **kwargs) -> Req:
    """A POST of the matrix."""
    return Req("post", path, data=data or {}, **kwargs)


def u(name: str, *args, query: str = "") -> str:
    """A reversed URL, with a query string."""
    return reverse(name, args=args) + (f"?{query}" if query else "")


def _message(w: SecurityWorld) -> Message:
    """A message to the adviser (the matrix's personas may not mark it read)."""
    return Message.objects.filter(recipient=w.adviser).first() or Message.objects.create(
        event="matrix",
        recipient=w.adviser,
        kind="minutes_approved",
        subject="S",
        body="B",
        link="/",
    )


def _item_form(w: SecurityWorld, **extra) -> dict:
    return {
        "revision": w.meeting.agenda_revision,
        "title": "Changed title",
        "kind": "substantive",
        "description": "",
        "planned_minutes": "10",
        "recommendation": "",
        **extra,
    }


def _record(w: SecurityWorld, invitation, status: str = "absent") -> dict:
    pk = invitation.pk
    return {
        f"status_{pk}": status,
        f"arrived_{pk}": "",
        f"left_{pk}": "",
        f"revision_{pk}": invitation.revision,
    }


def _action_form(w: SecurityWorld, item_id: int | None, agency_id: int | None = None) -> dict:
    return {
        "description": "A new action",
        "agenda_item": item_id or "",
        "source": "",
        "owning_agency": agency_id or w.sl.pk,
        "owner": "",
        "due_date": DUE_DATE,
        "due_text": "",
    }


def _minute_form(w: SecurityWorld, **extra) -> dict:
    return {
        "revision": w.minute.revision,
        "narrative": "Rewritten",
        "resolutions": "That it be rewritten.",
        **extra,
    }


# --- the table: URL name → requests ------------------------------------------------------

Table = dict[str, Callable[[SecurityWorld], list[Req]]]

TABLE: Table = {
    # Sign-in and the home page: nothing restricted, but every persona is checked.
    "home": lambda w: [get("/")],
    "inbox:list": lambda w: [get(u("inbox:list"))],
    "inbox:read": lambda w: [post(u("inbox:read", _message(w).pk))],
    "inbox:read_all": lambda w: [post(u("inbox:read_all"))],
    "login": lambda w: [get(u("login"))],
    "logout": lambda w: [get(u("logout"))],
    "session_extend": lambda w: [post(u("session_extend"))],
    "password_reset": lambda w: [get(u("password_reset"))],
    "password_reset_done": lambda w: [get(u("password_reset_done"))],
    "password_reset_confirm": lambda w: [get(u("password_reset_confirm", "MQ", "x-y"))],
    "password_reset_complete": lambda w: [get(u("password_reset_complete"))],
    "healthz": lambda w: [get(u("healthz"))],
    "accessibility": lambda w: [get(u("accessibility"))],
    "agencies:list": lambda w: [get(u("agencies:list"))],
    "agencies:detail": lambda w: [get(u("agencies:detail", w.sl.short_name))],
    # Meetings and agendas.
    "meetings:committees": lambda w: [get(u("meetings:committees"))],
    "meetings:committee": lambda w: [get(u("meetings:committee", w.committee.short_name))],
    "meetings:meeting_create": lambda w: [
        get(u("meetings:meeting_create", w.committee.short_name)),
    ],
    "meetings:meeting": lambda w: [
        get(u("meetings:meeting", w.meeting.pk), shows=(*ALL_ITEM, "sub_item")),
    ],
    "meetings:meeting_edit": lambda w: [
        get(u("meetings:meeting_edit", w.meeting.pk)),
    ],
    "meetings:editor": lambda w: [
        get(u("meetings:editor", w.meeting.pk), shows=("title", "sub_item"), to=OFFICERS),
    ],
    "meetings:item_add": lambda w: [
        post(u("meetings:item_add", w.meeting.pk), _item_form(w, parent=w.item.pk)),
    ],
    "meetings:publish": lambda w: [post(u("meetings:publish", w.next_meeting.pk))],
    "meetings:mark_held": lambda w: [
        post(u("meetings:mark_held", w.meeting.pk), {"revision": w.meeting.agenda_revision}),
    ],
    "meetings:cancel": lambda w: [
        get(u("meetings:cancel", w.meeting.pk)),
        post(
            u("meetings:cancel", w.meeting.pk),
            {"revision": w.meeting.agenda_revision, "confirm": "yes"},
        ),
    ],
    "meetings:versions": lambda w: [
        get(u("meetings:versions", w.next_meeting.pk)),
    ],
    "meetings:version": lambda w: [
        get(u("meetings:version", w.meeting.pk, 1), shows=("title", "sub_item")),
        get(u("meetings:version", w.next_meeting.pk, 1), shows=("late_item",)),
    ],
    "meetings:item_edit": lambda w: [
        get(u("meetings:item_edit", w.item.pk), shows=ALL_ITEM, to=OFFICERS, own=True),
        post(u("meetings:item_edit", w.item.pk), _item_form(w), own=True),
    ],
    "meetings:item_move": lambda w: [
        post(
            u("meetings:item_move", w.item.pk),
            {"revision": w.meeting.agenda_revision, "direction": "down"},
            own=True,
        ),
    ],
    "meetings:item_delete": lambda w: [
        get(u("meetings:item_delete", w.item.pk), shows=("title",), to=OFFICERS, own=True),
        post(
            u("meetings:item_delete", w.item.pk),
            {"revision": w.meeting.agenda_revision, "confirm": "yes"},
            own=True,
        ),
    ],
    "meetings:item_access": lambda w: [
        get(u("meetings:item_access", w.item.pk), shows=("title",), to=OFFICERS, own=True),
        post(
            u("meetings:item_access", w.item.pk),
            {"revision": w.meeting.agenda_revision, "restricted": "", "agencies": [w.mps.pk]},
            own=True,
        ),
    ],
    "meetings:paper_add": lambda w: [
        post(
            u("meetings:paper_add", w.item.pk),
            {"title": "Another"},
            files={"upload": ("another.pdf", PDF_BYTES)},
            own=True,
        ),
    ],
    "meetings:question_add": lambda w: [
        post(
            u("meetings:question_add", w.item.pk),
            {"question": "Why?", "asked_by": "Me"},
            own=True,
        ),
    ],
    "meetings:paper": lambda w: [
        get(u("meetings:paper", w.paper.pk), shows=("paper",), own=True),
    ],
    "meetings:paper_delete": lambda w: [
        get(u("meetings:paper_delete", w.paper.pk), shows=("paper",), to=OFFICERS, own=True),
        post(u("meetings:paper_delete", w.paper.pk), {"confirm": "yes"}, own=True),
    ],
    "meetings:agenda_pdf": lambda w: [
        get(u("meetings:agenda_pdf", w.meeting.pk), shows=("title", "paper", "sub_item")),
    ],
    "meetings:meeting_ics": lambda w: [get(u("meetings:meeting_ics", w.next_meeting.pk))],
    "meetings:calendar": lambda w: [
        get(u("meetings:calendar")),
    ],
    "meetings:calendar_feed": lambda w: [
        get(u("meetings:calendar_feed", feed.token)) for feed in w.feeds.values()
    ],
    # Actions.
    "actions:register": lambda w: [
        get(u("actions:register", query="scope=all"), shows=("action", "action_mps")),
        get(u("actions:register", query="scope=agency")),
    ],
    "actions:csv": lambda w: [
        get(u("actions:csv", query="scope=all"), shows=("action", "action_mps", "title")),
    ],
    "actions:create": lambda w: [
        get(
            u("actions:create", query=f"meeting={w.meeting.pk}&item={w.item.pk}"),
            shows=("title",),
            to=OFFICERS,
        ),
        post(
            u("actions:create", query=f"meeting={w.meeting.pk}&item={w.item.pk}"),
            _action_form(w, w.item.pk),
        ),
    ],
    "actions:detail": lambda w: [
        get(u("actions:detail", w.action.pk), shows=("action", "note", "evidence"), own=True),
        get(u("actions:detail", w.action_mps.pk), shows=("action_mps",), own=True),
    ],
    "actions:edit": lambda w: [
        get(u("actions:edit", w.action.pk), shows=("action",), to=OFFICERS, own=True),
        post(u("actions:edit", w.action_mps.pk), {"revision": 0, "due_text": "Soon"}, own=True),
    ],
    "actions:assign": lambda w: [
        post(u("actions:assign", a.pk), {"owner": ""}, own=True) for a in (w.action_mps,)
    ],
    "actions:update": lambda w: [
        post(u("actions:update", a.pk), {"note": "Progress", "status": ""}, own=True)
        for a in (w.action_mps,)
    ],
    "actions:evidence": lambda w: [
        get(u("actions:evidence", w.update.pk), shows=("evidence",), own=True)
    ],
    "actions:summary": lambda w: [
        get(u("actions:summary", w.next_meeting.pk), shows=("action", "action_mps")),
    ],
    "actions:summary_pdf": lambda w: [
        get(u("actions:summary_pdf", w.next_meeting.pk), shows=("action", "action_mps")),
    ],
    "actions:dashboard": lambda w: [
        get(u("actions:dashboard")),
    ],
    # Attendance.
    "attendance:meeting": lambda w: [
        get(u("attendance:meeting", w.meeting.pk), shows=("guest",)),
        post(u("attendance:meeting", w.meeting.pk), _record(w, w.guest)),
    ],
    "attendance:substitute_add": lambda w: [
        post(
            u("attendance:substitute_add", w.meeting.pk),
            {"original": w.guest.pk, "person": w.users["member"].pk, "arrived": "", "left": ""},
        ),
    ],
    "attendance:apologies_send": lambda w: [
        post(u("attendance:apologies_send", w.meeting.pk), {"note": "Away"}),
    ],
    "attendance:apologies_withdraw": lambda w: [
        post(u("attendance:apologies_withdraw", w.meeting.pk)),
    ],
    "attendance:invite": lambda w: [
        get(u("attendance:invite", w.meeting.pk), shows=("title",), to=OFFICERS),
        post(
            u("attendance:invite", w.meeting.pk),
            {"pseudonym": "Witness Two", "capacity": "guest", "agenda_item": w.item.pk},
        ),
    ],
    "attendance:invite_committee": lambda w: [
        post(u("attendance:invite_committee", w.meeting.pk)),
    ],
    "attendance:history": lambda w: [
        get(u("attendance:history", w.meeting.pk), shows=("guest",)),
    ],
    "attendance:declarations": lambda w: [
        get(u("attendance:declarations", w.meeting.pk), shows=("declaration",)),
        post(
            u("attendance:declarations", w.meeting.pk),
            {"person": w.users["granted"].pk, "agenda_item": w.item.pk, "nature": "Another"},
        ),
    ],
    "attendance:quorum": lambda w: [get(u("attendance:quorum", w.meeting.pk))],
    "attendance:invitation_remove": lambda w: [
        post(u("attendance:invitation_remove", w.guest.pk), own=True),
    ],
    "attendance:substitute_remove": lambda w: [
        post(u("attendance:substitute_remove", w.guest.pk), own=True),
    ],
    "attendance:declaration_remove": lambda w: [
        post(u("attendance:declaration_remove", w.declaration.pk), own=True),
    ],
    "attendance:quorum_rule": lambda w: [
        get(u("attendance:quorum_rule", w.committee.short_name)),
    ],
    "attendance:statistics": lambda w: [
        get(u("attendance:statistics", query=STATISTICS_PERIOD)),
    ],
    "attendance:statistics_csv": lambda w: [
        get(u("attendance:statistics_csv", query=STATISTICS_PERIOD)),
    ],
    # Minutes.
    "minutes:document": lambda w: [
        get(
            u("minutes:document", w.meeting.pk),
            shows=("title", "minute", "resolution", "comment"),
        ),
    ],
    "minutes:pdf": lambda w: [
        get(u("minutes:pdf", w.meeting.pk), shows=("title", "minute", "resolution")),
    ],
    "minutes:circulate": lambda w: [post(u("minutes:circulate", w.meeting.pk))],
    "minutes:approve": lambda w: [
        post(u("minutes:approve", w.next_meeting.pk), {"minutes": w.minutes.pk}),
    ],
    "minutes:comment": lambda w: [
        post(u("minutes:comment", w.meeting.pk), {"item": w.item.pk, "text": "A comment"}),
    ],
    "minutes:edit": lambda w: [
        get(u("minutes:edit", w.item.pk), shows=("minute", "resolution"), to=OFFICERS, own=True),
        post(u("minutes:edit", w.item.pk), _minute_form(w), own=True),
    ],
    "minutes:amend": lambda w: [
        get(u("minutes:amend", w.item.pk), own=True),
        post(u("minutes:amend", w.item.pk), _minute_form(w, reason="Typo"), own=True),
    ],
    # The audit log: for the chair it names the item; for others, never its title.
    "audit:log": lambda w: [
        get(u("audit:log")),
        get(u("audit:log", query=f"item={w.item.pk}"), shows=("title",), to=OFFICERS),
    ],
    # The admin site's own pages.
    "admin:index": lambda w: [get(u("admin:index"))],
    "admin:login": lambda w: [get(u("admin:login"))],
    "admin:logout": lambda w: [get(u("admin:logout"))],
    "admin:password_change": lambda w: [get(u("admin:password_change"))],
    "admin:password_change_done": lambda w: [get(u("admin:password_change_done"))],
    "admin:jsi18n": lambda w: [get(u("admin:jsi18n"))],
    "admin:autocomplete": lambda w: [
        # Any relation to a guarded model can be searched through the admin's autocomplete.
        get(
            u(
                "admin:autocomplete",
                query=f"app_label=attendance&model_name=invitation&field_name=agenda_item"
                f"&term={SECRETS['title'][:6]}",
            )
        ),
        get(
            u(
                "admin:autocomplete",
                query=f"app_label=actions&model_name=notification&field_name=action"
                f"&term={SECRETS['action'][:6]}",
            )
        ),
    ],
    "admin:view_on_site": lambda w: [
        get(u("admin:view_on_site", ContentType.objects.get_for_model(obj).pk, obj.pk))
        for obj in (w.action,)
    ],
    "admin:app_list": lambda w: [get(u("admin:app_list", label)) for label in ("meetings",)],
    "admin:auth_user_password_change": lambda w: [
        get(u("admin:auth_user_password_change", w.users["granted"].pk)),
    ],
    # The admin's unnamed catch-all (redirects or 404s whatever is asked).
    "admin:<unnamed>admin/(?P<url>.*)$": lambda w: [get(f"/admin/meetings/agendaitem{w.item.pk}")],
}


# --- the admin: registered model → object(s) its pages are asked about ---------------------

# "guarded": the rows are restricted content; the changelist is searched for secrets, the
# change form is posted and the delete confirmed (non-superusers must get nowhere).
ADMIN_MODELS: dict[str, tuple[str, Callable[[SecurityWorld], list]]] = {
    "meetings.agendaitem": ("guarded", lambda w: [w.item]),
    "actions.action": ("guarded", lambda w: [w.action_mps]),
    "actions.delivery": ("guarded", lambda w: [w.delivery]),
    "actions.notification": ("guarded", lambda w: [w.delivery.notification]),
    "audit.restrictedread": ("plain", lambda w: [RestrictedRead.objects.first()]),
    "meetings.committee": ("plain", lambda w: [w.committee]),
    "actions.chasingpolicy": ("plain", lambda w: [ChasingPolicy.objects.first()]),
    "agencies.user": ("plain", lambda w: [w.adviser]),
    "inbox.message": ("plain", lambda w: [_message(w)]),
    "agencies.agency": ("plain", lambda w: [w.sl]),
    "agencies.membership": ("plain", lambda w: [w.users["granted"].memberships.first()]),
    "auth.group": ("plain", lambda w: [w.sl.group]),
    # No sign-in has failed in the world: the pages are asked about an id that does not exist.
    "axes.accessattempt": ("plain", lambda w: [MISSING]),
    "axes.accesslog": ("plain", lambda w: [MISSING]),
    "axes.accessfailurelog": ("plain", lambda w: [MISSING]),
}

MISSING = 999_999

ADMIN_VIEWS = ("changelist", "add", "history", "delete", "change")
ADMIN_NAME = re.compile(r"^admin:(?P<app>[a-z_]+?)_(?P<model>[a-z]+)_(?P<view>[a-z]+)$")
ADMIN_REDIRECT = re.compile(r"^admin:<unnamed>admin/(?P<app>\w+)/(?P<model>\w+)/<path:object_id>/$")


def admin_requests(name: str, w: SecurityWorld) -> list[Req] | None:
    """The requests for an admin URL of a registered model, or None when it is not one."""
    match = ADMIN_NAME.match(name)
    redirect = ADMIN_REDIRECT.match(name)
    if redirect:
        label = f"{redirect['app']}.{redirect['model']}"
        if label not in ADMIN_MODELS:
            return None
        objects = ADMIN_MODELS[label][1](w)
        return [get(f"/admin/{redirect['app']}/{redirect['model']}/{_pk(o)}/") for o in objects]
    if not match or match["view"] not in ADMIN_VIEWS:
        return None
    model = _admin_model_by_name(match["app"], match["model"])
    if model is None:
        return None
    label = model._meta.label_lower
    kind, objects_of = ADMIN_MODELS[label]
    objects = objects_of(w)
    view = match["view"]
    if view == "changelist":
        reqs = [get(u(name))]
        if kind == "guarded":
            # Searched with part of a secret word (a whole one would be echoed in the page).
            term = SECRETS["title" if label == "meetings.agendaitem" else "action"][:6]
            reqs.append(get(u(name, query=f"q={term}")))
            reqs.append(
                post(
                    u(name),
                    {
                        "action": "delete_selected",
                        "_selected_action": [_pk(o) for o in objects],
                        "post": "yes",
                    },
                )
            )
        if label == "meetings.agendaitem":
            reqs[0].shows, reqs[0].to = ("title", "sub_item"), frozenset({"superuser"})
        return reqs
    if view == "add":
        return [get(u(name))]
    reqs = [get(u(name, _pk(o))) for o in objects]
    if kind == "guarded" and view == "change":
        reqs += [post(u(name, _pk(o)), {"title": "Changed", "description": "x"}) for o in objects]
    if kind == "guarded" and view == "delete":
        reqs += [post(u(name, _pk(o)), {"post": "yes"}) for o in objects]
    if label == "meetings.agendaitem" and view == "change":
        reqs[0].shows, reqs[0].to = ("title",), frozenset({"superuser"})
    return reqs


def _pk(obj) -> int:
    return obj if isinstance(obj, int) else obj.pk


def _admin_model_by_name(app: str, model: str) -> type | None:
    for registered in admin.site._registry:
        if registered._meta.app_label == app and registered._meta.model_name == model:
            return registered
    return None


def url_patterns() -> Iterator[str]:
    """The qualified name of every URL pattern; unnamed ones are named by their route."""

    def walk(patterns, namespace: str, prefix: str):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                yield from walk(p.url_patterns, ns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                route = f"{prefix}{p.pattern}"
                yield f"{namespace}{p.name}" if p.name else f"{namespace}<unnamed>{route}"

    yield from walk(get_resolver().url_patterns, "", "")


def requests_for(name: str, w: SecurityWorld) -> list[Req] | None:
    """How one URL pattern is exercised, or None when the matrix does not cover it."""
    if name in TABLE:
        return TABLE[name](w)
    return admin_requests(name, w)


def uncovered() -> list[str]:
    """URL patterns the matrix does not know (a new page must be added to it)."""
    out = []
    for name in url_patterns():
        if name in TABLE:
            continue
        redirect = ADMIN_REDIRECT.match(name)
        if redirect:
            if f"{redirect['app']}.{redirect['model']}" not in ADMIN_MODELS:
                out.append(name)
            continue
        match = ADMIN_NAME.match(name)
        if match and match["view"] in ADMIN_VIEWS:
            model = _admin_model_by_name(match["app"], match["model"])
            if model is None or model._meta.label_lower not in ADMIN_MODELS:
                out.append(name)
            continue
        out.append(name)
    return out


def stale() -> list[str]:
    """Table entries the resolver no longer serves, and admin models no longer registered."""
    names = set(url_patterns())
    registered = {m._meta.label_lower for m in admin.site._registry}
    return [n for n in TABLE if n not in names] + [m for m in ADMIN_MODELS if m not in registered]


# --- what a response says ------------------------------------------------------------------


def pdf_text(content: bytes, raw: bool = True) -> str:
    """The text drawn in a reportlab PDF (its content streams decoded, strings unescaped),
    followed (unless `raw` is False) by the decompressed streams themselves."""
    streams = []
    for raw in re.findall(rb"stream\r?\n(.*?)endstream", content, re.S):
        data = raw.strip()
        if data.endswith(b"~>"):
            with contextlib.suppress(ValueError):
                data = base64.a85decode(data[:-2])
        with contextlib.suppress(zlib.error):
            data = zlib.decompress(data)
        streams.append(data)
    joined = b"\n".join(streams)
    strings = re.findall(rb"\(((?:\\.|[^\\)])*)\)", joined, re.S)

    def unescape(s: bytes) -> str:
        s = re.sub(rb"\\([0-7]{1,3})", lambda m: bytes([int(m.group(1), 8)]), s)
        s = re.sub(rb"\\(.)", rb"\1", s)
        return s.decode("cp1252", errors="replace")

    text = "".join(unescape(s) for s in strings)
    return text + "\n" + joined.decode("latin-1") if raw else text


def body_of(response) -> bytes:
    """The response's body, streamed or not."""
    if getattr(response, "streaming", False):
        # The test client closes the response when its content is used up; closing it here
        # as well would let close_old_connections drop the database connection.
        return b"".join(response.streaming_content)
    return response.content


def flash_messages(response) -> list[str]:
    """The messages a response leaves for the next page (kept in a signed cookie)."""
    morsel = response.cookies.get("messages")
    if morsel is None or not morsel.value:
        return []
    return [str(m) for m in CookieStorage(HttpRequest())._decode(morsel.value) or []]


def haystack(response, content: bytes) -> str:
    """Everything a person receives: headers, messages left for the next page, and the body as
    text (PDF text extracted, HTML entities decoded, iCalendar lines unfolded), in lower
    case."""
    parts = [f"{k}: {v}" for k, v in response.items()] + flash_messages(response)
    if content.startswith(b"%PDF"):
        parts += [pdf_text(content), content.decode("latin-1")]
    else:
        text = content.decode("utf-8", errors="replace")
        parts += [text, html.unescape(text), text.replace("\r\n ", "").replace("\\,", ",")]
    return "\n".join(parts).lower()


def found(hay: str, secrets: dict[str, str]) -> list[str]:
    """Which secrets are in a haystack."""
    return [key for key, value in secrets.items() if value.lower() in hay]


from . import matrix_api  # noqa: E402 (the API's entries, after the table they extend)

TABLE.update(matrix_api.ENTRIES)

from . import matrix_intake  # noqa: E402

TABLE.update(matrix_intake.ENTRIES)
ADMIN_MODELS.update(matrix_intake.ADMIN_MODELS)

from . import matrix_search  # noqa: E402 (extends the table once it is defined)

TABLE.update(matrix_search.ENTRIES)

from . import matrix_mfa  # noqa: E402

TABLE.update(matrix_mfa.ENTRIES)
ADMIN_MODELS.update(matrix_mfa.ADMIN_ENTRIES)

from . import matrix_transcripts  # noqa: E402

TABLE.update(matrix_transcripts.ENTRIES)

from . import matrix_public  # noqa: E402

TABLE.update(matrix_public.ENTRIES)
ADMIN_MODELS.update(matrix_public.ADMIN_ENTRIES)

from . import matrix_disclosures  # noqa: E402

TABLE.update(matrix_disclosures.ENTRIES)
ADMIN_MODELS.update(matrix_disclosures.ADMIN_ENTRIES)
