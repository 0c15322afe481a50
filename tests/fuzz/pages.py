"""Every page with a form, and every list filter, that the property suite drives: where each is
shown, in which scene, and what a browser must have done before (a preview in its session, a
reset link followed, an authenticator set up)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from api.tokens import token_create

from .scenes import Scene

GOOD_LOG = b"Ref,Action,Action by,Deadline\n1,Report on stop and search,MPS,Jan 2015\n"


@dataclass(frozen=True)
class Page:
    """A page whose forms are driven: `url` shows them, in `scene`; `prime` readies a browser
    (as `role`) first; `public` pages answer a visitor who is not signed in."""

    scene: str
    url: Callable[[Scene], str]
    prime: Callable[[Client, Scene, str], object] | None = None
    public: bool = False
    # The forms are those of the answer to `prime` (a preview), not of a GET of `url`.
    from_prime: bool = False


def _upload_log(client: Client, s: Scene, role: str) -> object:
    url = reverse("intake:actions", args=[s.world.committee.short_name])
    return client.post(url, {"upload": SimpleUploadedFile("log.csv", GOOD_LOG)})


def _reset_link(s: Scene) -> str:
    user = s.world.member
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(user)])


def _follow_reset_link(client: Client, s: Scene, role: str) -> object:
    return client.get(_reset_link(s), follow=True)


def _authenticator(client: Client, s: Scene, role: str) -> object:
    """The person has an authenticator app set up, and has not entered its code yet."""
    user = getattr(s.world, role, None)
    if user is not None:
        TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    return None


def _mfa_step(client: Client, s: Scene, role: str) -> object:
    _authenticator(client, s, role)
    return client.get(reverse("mfa:verify"))


def _qr_code(client: Client, s: Scene, role: str) -> object:
    """The set-up page was shown (its QR code's secret is kept until confirmed)."""
    return client.get(reverse("mfa:setup"))


def _a_token(client: Client, s: Scene, role: str) -> object:
    """The person has an API token, so the page shows its revoke form too."""
    user = getattr(s.world, role, None)
    if user is not None:
        token_create(user=user, name="Reports script")
    return None


def _set_password(s: Scene) -> str:
    user = s.world.member
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("password_reset_confirm", args=[uid, "set-password"])


def _pk(s: Scene) -> int:
    return s.meeting.pk


def _meets_in_public(client: Client, s: Scene, role: str) -> object:
    """The scene's committee meets in public and its meeting's agenda is out (#17)."""
    from meetings.models import AgendaItem, AgendaVersion, Committee

    Committee.objects.filter(pk=s.meeting.committee_id).update(is_public=True)
    AgendaItem.objects.filter(meeting=s.meeting, restricted=True).update(exempt_paragraph=7)
    if not AgendaVersion.objects.filter(meeting=s.meeting).exists():
        AgendaVersion.objects.create(meeting=s.meeting, number=1, snapshot=[])
    return None


def _a_question_waits(client: Client, s: Scene, role: str) -> object:
    """A question from the public waits for the clerk's decision."""
    from meetings.models import PublicQuestion

    _meets_in_public(client, s, role)
    PublicQuestion.objects.create(
        meeting=s.meeting, status="pending", question="How many officers?", asked_by="Pat"
    )
    return None


PAGES: dict[str, Page] = {
    # Planning a meeting (a fortnight ahead).
    "new action": Page(
        "future", lambda s: reverse("actions:create") + f"?meeting={_pk(s)}&item={s.item.pk}"
    ),
    "action": Page("future", lambda s: s.action.get_absolute_url()),
    "action edit": Page("future", lambda s: reverse("actions:edit", args=[s.action.pk])),
    "new meeting": Page(
        "future", lambda s: reverse("meetings:meeting_create", args=[s.world.committee.short_name])
    ),
    "meeting": Page("future", lambda s: reverse("meetings:meeting_edit", args=[_pk(s)])),
    "agenda": Page("future", lambda s: reverse("meetings:editor", args=[_pk(s)])),
    "meeting cancel": Page("future", lambda s: reverse("meetings:cancel", args=[_pk(s)])),
    "item": Page("future", lambda s: reverse("meetings:item_edit", args=[s.item.pk])),
    "item access": Page("future", lambda s: reverse("meetings:item_access", args=[s.item.pk])),
    "item delete": Page("future", lambda s: reverse("meetings:item_delete", args=[s.item.pk])),
    "paper delete": Page("future", lambda s: reverse("meetings:paper_delete", args=[s.paper.pk])),
    "attendance": Page("future", lambda s: reverse("attendance:meeting", args=[_pk(s)])),
    "invite": Page("future", lambda s: reverse("attendance:invite", args=[_pk(s)])),
    "declarations": Page("future", lambda s: reverse("attendance:declarations", args=[_pk(s)])),
    "quorum": Page(
        "future",
        lambda s: reverse("attendance:quorum_rule", args=[s.world.committee.short_name]),
    ),
    "minute before the meeting": Page(
        "future", lambda s: reverse("minutes:edit", args=[s.item.pk])
    ),
    "calendar": Page("future", lambda s: reverse("meetings:calendar")),
    "public question": Page(
        "future", lambda s: reverse("public:ask", args=[_pk(s)]), _meets_in_public, public=True
    ),
    "question queue": Page(
        "future", lambda s: reverse("meetings:questions", args=[_pk(s)]), _a_question_waits
    ),
    "import": Page(
        "future", lambda s: reverse("intake:actions", args=[s.world.committee.short_name])
    ),
    "import preview": Page(
        "future",
        lambda s: reverse("intake:actions", args=[s.world.committee.short_name]),
        prime=_upload_log,
        from_prime=True,
    ),
    "transcript review": Page("future", lambda s: reverse("transcripts:review", args=[_pk(s)])),
    "api tokens": Page("future", lambda s: reverse("api:tokens"), prime=_a_token),
    "messages": Page("future", lambda s: reverse("inbox:list")),
    "home": Page("future", lambda s: reverse("home")),
    # Signing in, resetting a password, the second factor.
    "sign in": Page("future", lambda s: reverse("login"), public=True),
    "password reset": Page("future", lambda s: reverse("password_reset"), public=True),
    "new password": Page("future", _set_password, prime=_follow_reset_link, public=True),
    "second factor set-up": Page("future", lambda s: reverse("mfa:setup"), prime=_qr_code),
    "second factor code": Page("future", lambda s: reverse("mfa:verify"), prime=_mfa_step),
    "second factor removal": Page("future", lambda s: reverse("mfa:remove"), prime=_authenticator),
    "backup codes": Page("future", lambda s: reverse("mfa:backup_codes"), prime=_authenticator),
    # Recording a meeting: the day after, minutes drafted; another one begun, not marked held.
    "attendance after": Page("held", lambda s: reverse("attendance:meeting", args=[_pk(s)])),
    "minutes draft": Page("held", lambda s: reverse("minutes:document", args=[_pk(s)])),
    "minute": Page("held", lambda s: reverse("minutes:edit", args=[s.item.pk])),
    "mark held": Page("held", lambda s: reverse("meetings:editor", args=[s.begun.pk])),
    # Minutes circulated for comment; then approved and locked.
    "minutes circulated": Page("circulated", lambda s: reverse("minutes:document", args=[_pk(s)])),
    "approve earlier minutes": Page(
        "circulated", lambda s: reverse("minutes:document", args=[s.extra["later"].pk])
    ),
    "amend": Page("approved", lambda s: reverse("minutes:amend", args=[s.item.pk])),
}

# GET filters: (scene, URL, the query names a person may add by hand besides the form's).
FILTERS: dict[str, tuple[str, Callable[[Scene], str], list[str]]] = {
    "register": ("future", lambda s: reverse("actions:register"), ["page", "scope", "committee"]),
    "register csv": ("future", lambda s: reverse("actions:csv"), ["scope", "committee", "sort"]),
    "statistics": ("held", lambda s: reverse("attendance:statistics"), ["committee", "page"]),
    "statistics csv": ("held", lambda s: reverse("attendance:statistics_csv"), ["committee"]),
    "read log": ("future", lambda s: reverse("audit:log"), ["page"]),
    "disclosure log": ("future", lambda s: reverse("audit:disclosures"), ["page"]),
    "disclosure log csv": ("future", lambda s: reverse("audit:disclosures_csv"), ["page"]),
    "dashboard": ("future", lambda s: reverse("actions:dashboard"), ["agency"]),
    "messages": ("future", lambda s: reverse("inbox:list"), ["page"]),
    "search": ("future", lambda s: reverse("search:results"), ["q", "kind", "page"]),
}
