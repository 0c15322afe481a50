"""What the security tests check a response, an email or the database for, and how they send
requests (one client per persona, each request in a savepoint that is rolled back)."""

from __future__ import annotations

from contextlib import contextmanager

from django.core import mail
from django.db import transaction
from django.test import Client, TestCase

from actions.models import Action, ActionUpdate, Delivery
from attendance.models import Declaration, Invitation, QuorumRule
from meetings.models import (
    AgendaItem,
    AgendaItemGroupObjectPermission,
    AgendaItemUserObjectPermission,
    AgendaVersion,
    Meeting,
    Paper,
    PublicQuestion,
)
from minutes.models import Minute, MinuteAmendment, Minutes, MinutesComment, Resolution

from .matrix import Req, found
from .world import PERSONAS, READERS, SECRETS, SecurityWorld

BACKEND = "django.contrib.auth.backends.ModelBackend"


def clients(w: SecurityWorld) -> dict[str, Client]:
    """A signed-in client per persona (and one that is not signed in)."""
    out = {"anonymous": Client()}
    for name in PERSONAS:
        if name != "anonymous":
            out[name] = Client()
            # One request handler for all: each new one loads the middleware (and WhiteNoise
            # scans the static files) again.
            out[name].handler = out["anonymous"].handler
            out[name].force_login(w.users[name], backend=BACKEND)
    return out


def secrets_of(w: SecurityWorld) -> dict[str, str]:
    """The secret words, and the references of the restricted actions (which no page may show
    to a person without access; reminders to the agency chased do carry them)."""
    return {**SECRETS, "ref_action": w.action.reference, "ref_action_mps": w.action_mps.reference}


def allowed_in_email(w: SecurityWorld) -> dict[str, set[str]]:
    """Which secrets each recipient may be emailed: all for those granted every restricted
    item (the officers, the superuser, SL's people), the main item's for the MPS officer granted
    it by name, none for anyone else."""
    everything = set(SECRETS)
    allowed = {w.users[p].email: everything for p in READERS}
    allowed[w.sl_lead.email] = allowed[w.adviser.email] = everything
    allowed[w.mps_granted.email] = everything - {"sub_item", "late_item"}
    return allowed


def email_leaks(w: SecurityWorld) -> list[str]:
    """Secrets in the emails sent so far, by recipient who may not read them."""
    allowed = allowed_in_email(w)
    leaks = []
    for message in mail.outbox:
        text = "\n".join(
            [message.subject, message.body, *(alt[0] for alt in message.alternatives)]
        ).lower()
        for recipient in message.to:
            bad = [k for k in found(text, SECRETS) if k not in allowed.get(recipient, set())]
            if bad:
                leaks.append(f"email {message.subject!r} to {recipient}: {bad}")
    return leaks


def state(w: SecurityWorld) -> dict:
    """Everything a POST could change about the restricted objects, and the meetings."""
    restricted = [i.pk for i in w.restricted_items]
    return {
        "meetings": list(
            Meeting.objects.order_by("pk").values_list("pk", "title", "status", "agenda_revision")
        ),
        "items": list(
            AgendaItem.objects.order_by("pk").values_list(
                "pk", "title", "description", "restricted", "parent_id", "position", "lead_agency"
            )
        ),
        "presenters": list(
            AgendaItem.presenters.through.objects.order_by("pk").values_list("pk", "user_id")
        ),
        "grants": [
            list(model.objects.order_by("pk").values_list("pk", "content_object_id"))
            for model in (AgendaItemGroupObjectPermission, AgendaItemUserObjectPermission)
        ],
        "papers": list(Paper.objects.order_by("pk").values_list("pk", "item_id", "title")),
        # Questions on the agenda; one sent from the public pages is anyone's to send.
        "questions": list(
            PublicQuestion.objects.filter(item__isnull=False)
            .order_by("pk")
            .values_list("pk", "item_id", "answered_by")
        ),
        "quorum": list(QuorumRule.objects.order_by("pk").values_list("pk", "min_members_present")),
        "versions": AgendaVersion.objects.count(),
        "minutes": list(Minutes.objects.order_by("pk").values_list("pk", "stage")),
        "minute": list(
            Minute.objects.order_by("pk").values_list("pk", "item_id", "narrative", "revision")
        ),
        "resolutions": list(Resolution.objects.order_by("pk").values_list("pk", "text")),
        "amendments": MinuteAmendment.objects.count(),
        "comments": list(MinutesComment.objects.order_by("pk").values_list("pk", "item_id")),
        "actions": list(
            Action.objects.order_by("pk").values_list("pk", "description", "status", "owner_id")
        ),
        "updates": ActionUpdate.objects.count(),
        "invitations": list(
            Invitation.objects.filter(agenda_item__in=restricted)
            .order_by("pk")
            .values_list("pk", "status", "revision")
        ),
        "invited": list(
            Invitation.objects.order_by("pk").values_list("pk", "meeting_id", "agenda_item_id")
        ),
        "declarations": list(Declaration.objects.order_by("pk").values_list("pk", "agenda_item")),
        "deliveries": list(Delivery.objects.order_by("pk").values_list("pk", "state")),
    }


@contextmanager
def rolled_back():
    """Run a request in a savepoint, with its after-commit tasks (emails) run, then undo it."""
    with transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            yield
        transaction.set_rollback(True)


def send(client: Client, req: Req):
    """Make one request of the matrix; its messages are read from the response (see
    matrix.haystack), not carried to the next request."""
    post = req.method == "post"
    response = client.post(req.path, req.payload()) if post else client.get(req.path)
    client.cookies.pop("messages", None)
    return response
