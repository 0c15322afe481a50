"""Direct object references, and the emails of publishing and chasing.

Every id taken from a URL, a query string or a form goes through the access selectors: asking
with the id of another committee's meeting, item, invitation or minutes, or a form's choice of
an agency or a person from outside the committee, gets a 404 or a 400 and saves nothing. Each
such request is paired with a control, the same request with an id of the person's own
committee, which the chair makes successfully: the foreign id, and nothing else, is what is
refused.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail

from actions import outbox
from actions.models import Delivery
from attendance.models import Invitation
from meetings.models import AgendaItem

from .checks import clients, email_leaks, rolled_back, send, state
from .matrix import DUE_DATE, STATISTICS_PERIOD, Req, get, post, u
from .world import SECRETS, SecurityWorld

pytestmark = pytest.mark.django_db

REFUSED = {400, 403, 404}


@dataclass
class Probe:
    """A request carrying a foreign id, and the same request with an id of one's own."""

    foreign: Req
    control: Req
    # When the probe is sent (None: now); minutes are approved only at a meeting that has begun.
    at: datetime | None = None


def _item_form(w: SecurityWorld, item: AgendaItem, **extra) -> dict:
    return {
        "revision": w.meeting.agenda_revision,
        "title": item.title,
        "kind": item.kind,
        "description": "",
        "planned_minutes": "10",
        "recommendation": "",
        **extra,
    }


def _action(w: SecurityWorld, **extra) -> dict:
    return {
        "description": "Report back",
        "agenda_item": w.public_item.pk,
        "source": "",
        "owning_agency": w.mps.pk,
        "owner": "",
        "due_date": DUE_DATE,
        "due_text": "",
        **extra,
    }


def _attendance(w: SecurityWorld) -> dict:
    """The meeting's whole attendance form as the chair sees it: everybody present."""
    data = {}
    for invitation in Invitation.objects.filter(meeting=w.meeting):
        pk = invitation.pk
        data |= {f"status_{pk}": "present", f"revision_{pk}": invitation.revision}
        data |= {f"arrived_{pk}": "", f"left_{pk}": ""}
    return data


def probes(w: SecurityWorld) -> list[Probe]:
    """The foreign-id requests, each with its control."""
    o = w.other_committee
    a = w.committee
    stats = STATISTICS_PERIOD
    revision = {"revision": w.meeting.agenda_revision}
    return [
        # Ids in the path.
        Probe(
            get(u("meetings:meeting", w.other_meeting.pk)), get(u("meetings:meeting", w.meeting.pk))
        ),
        Probe(
            get(u("meetings:item_edit", w.other_item.pk)),
            get(u("meetings:item_edit", w.public_item.pk)),
        ),
        Probe(
            get(u("meetings:meeting_create", o.short_name)),
            get(u("meetings:meeting_create", a.short_name)),
        ),
        Probe(
            get(u("attendance:meeting", w.other_meeting.pk)),
            get(u("attendance:meeting", w.meeting.pk)),
        ),
        Probe(
            get(u("attendance:quorum_rule", o.short_name)),
            get(u("attendance:quorum_rule", a.short_name)),
        ),
        Probe(
            get(u("minutes:document", w.other_meeting.pk)),
            get(u("minutes:document", w.meeting.pk)),
        ),
        Probe(
            get(u("actions:summary", w.other_meeting.pk)),
            get(u("actions:summary", w.next_meeting.pk)),
        ),
        Probe(
            post(u("attendance:invitation_remove", w.other_invitation.pk)),
            get(u("attendance:meeting", w.meeting.pk)),
        ),
        # Ids in the query string.
        Probe(
            get(u("actions:create", query=f"item={w.other_item.pk}")),
            get(u("actions:create", query=f"item={w.public_item.pk}")),
        ),
        Probe(
            get(u("actions:create", query=f"meeting={w.other_meeting.pk}")),
            get(u("actions:create", query=f"meeting={w.meeting.pk}")),
        ),
        Probe(
            get(u("actions:register", query=f"committee={o.short_name}")),
            get(u("actions:register", query=f"committee={a.short_name}")),
        ),
        Probe(
            get(u("actions:register", query=f"scope=all&meeting={w.other_meeting.pk}")),
            get(u("actions:register", query=f"scope=all&meeting={w.meeting.pk}")),
        ),
        Probe(
            get(u("attendance:statistics", query=f"{stats}&committee={o.short_name}")),
            get(u("attendance:statistics", query=f"{stats}&committee={a.short_name}")),
        ),
        Probe(
            get(u("audit:log", query=f"item={w.other_item.pk}")),
            get(u("audit:log", query=f"item={w.item.pk}")),
        ),
        Probe(
            get(u("audit:log", query=f"committee={o.short_name}")),
            get(u("audit:log", query=f"committee={a.short_name}")),
        ),
        # Ids in forms: another committee's item, agency, person, invitation or minutes.
        Probe(
            post(
                u("actions:create", query=f"meeting={w.meeting.pk}"),
                _action(w, agenda_item=w.other_item.pk),
            ),
            post(u("actions:create", query=f"meeting={w.meeting.pk}"), _action(w)),
        ),
        Probe(
            post(
                u("actions:create", query=f"meeting={w.meeting.pk}"),
                _action(w, owning_agency=w.cps.pk),
            ),
            post(u("actions:create", query=f"meeting={w.meeting.pk}"), _action(w)),
        ),
        Probe(
            post(u("actions:assign", w.action.pk), {"owner": w.other_chair.pk}),
            post(u("actions:assign", w.action.pk), {"owner": w.sl_lead.pk}),
        ),
        Probe(
            post(
                u("attendance:invite", w.meeting.pk),
                {"pseudonym": "Witness Two", "capacity": "guest", "agenda_item": w.other_item.pk},
            ),
            post(
                u("attendance:invite", w.meeting.pk),
                {"pseudonym": "Witness Two", "capacity": "guest", "agenda_item": w.public_item.pk},
            ),
        ),
        Probe(
            post(
                u("attendance:meeting", w.meeting.pk),
                {
                    **_attendance(w),
                    f"status_{w.other_invitation.pk}": "absent",
                    f"revision_{w.other_invitation.pk}": w.other_invitation.revision,
                },
            ),
            post(
                u("attendance:meeting", w.meeting.pk),
                {**_attendance(w), f"status_{w.guest.pk}": "absent"},
            ),
        ),
        Probe(
            post(
                u("attendance:declarations", w.meeting.pk),
                {
                    "person": w.users["granted"].pk,
                    "agenda_item": w.other_item.pk,
                    "nature": "Gift",
                },
            ),
            post(
                u("attendance:declarations", w.meeting.pk),
                {
                    "person": w.users["granted"].pk,
                    "agenda_item": w.public_item.pk,
                    "nature": "Gift",
                },
            ),
        ),
        Probe(
            post(
                u("attendance:quorum_rule", a.short_name),
                {"min_members_present": "2", "required_agencies": [w.cps.pk]},
            ),
            post(
                u("attendance:quorum_rule", a.short_name),
                {"min_members_present": "2", "required_agencies": [w.sl.pk]},
            ),
        ),
        Probe(
            post(u("meetings:item_access", w.item.pk), {**revision, "agencies": [w.cps.pk]}),
            post(u("meetings:item_access", w.item.pk), {**revision, "agencies": [w.sl.pk]}),
        ),
        Probe(
            post(u("meetings:item_access", w.item.pk), {**revision, "users": [w.other_chair.pk]}),
            post(u("meetings:item_access", w.item.pk), {**revision, "users": [w.mps_granted.pk]}),
        ),
        Probe(
            post(
                u("meetings:item_edit", w.public_item.pk),
                _item_form(w, w.public_item, lead_agency=w.cps.pk),
            ),
            post(
                u("meetings:item_edit", w.public_item.pk),
                _item_form(w, w.public_item, lead_agency=w.mps.pk),
            ),
        ),
        Probe(
            post(
                u("meetings:item_edit", w.public_item.pk),
                _item_form(w, w.public_item, presenters=[w.other_chair.pk]),
            ),
            post(
                u("meetings:item_edit", w.public_item.pk),
                _item_form(w, w.public_item, presenters=[w.users["lead"].pk]),
            ),
        ),
        Probe(
            post(
                u("meetings:item_add", w.meeting.pk),
                _item_form(w, w.public_item, parent=w.other_item.pk),
            ),
            post(
                u("meetings:item_add", w.meeting.pk),
                _item_form(w, w.public_item, parent=w.public_item.pk),
            ),
        ),
        Probe(
            post(
                u("meetings:question_add", w.public_item.pk),
                {"question": "Why?", "asked_by": "A resident", "answered_by": w.other_chair.pk},
            ),
            post(
                u("meetings:question_add", w.public_item.pk),
                {"question": "Why?", "asked_by": "A resident", "answered_by": w.users["lead"].pk},
            ),
        ),
        Probe(
            post(u("minutes:approve", w.next_meeting.pk), {"minutes": w.other_minutes.pk}),
            post(u("minutes:approve", w.next_meeting.pk), {"minutes": w.minutes.pk}),
            at=w.next_meeting.starts_at + timedelta(hours=1),
        ),
        Probe(
            post(u("minutes:comment", w.meeting.pk), {"item": w.other_item.pk, "text": "Hm"}),
            post(u("minutes:comment", w.meeting.pk), {"item": w.public_item.pk, "text": "Hm"}),
        ),
    ]


def test_foreign_ids_are_refused_and_nothing_is_saved(sworld):
    w = sworld
    browsers = clients(w)
    before = state(w)
    failures = []
    checked = 0
    # The committee's officers above all (they may write, so only the foreign id stops them),
    # and a lead and a member of an agency on it, and someone not signed in.
    askers = ["chair", "clerk", "lead", "member", "anonymous"]
    for probe in probes(w):
        with ExitStack() as later:
            asked = browsers
            if probe.at is not None:
                later.enter_context(time_machine.travel(probe.at))
                # Signed in again there: the personas' sessions do not last that long.
                asked = clients(w)
            checked += _probe(w, probe, asked, askers, before, failures)
    assert checked > 140
    assert not failures, "\n".join(failures)


def _probe(w, probe: Probe, browsers, askers: list[str], before, failures: list[str]) -> int:
    """Send one probe's foreign request as each asker and its control as the chair."""
    checked = 0
    for persona in askers:
        with rolled_back():
            response = send(browsers[persona], probe.foreign)
            if persona == "anonymous":
                ok = response.status_code == 302 and "/account/sign-in/" in response["Location"]
            else:
                ok = response.status_code in REFUSED
            if not ok:
                failures.append(f"{persona}: {probe.foreign} answered {response.status_code}")
            if state(w) != before:
                failures.append(f"{persona}: {probe.foreign} saved something")
            checked += 1
    with rolled_back():
        response = send(browsers["chair"], probe.control)
        expected = 302 if probe.control.method == "post" else 200
        if response.status_code != expected:
            failures.append(
                f"control {probe.control} answered {response.status_code}, not {expected}"
            )
        elif probe.control.method == "post" and state(w) == before:
            failures.append(f"control {probe.control} saved nothing")
    return checked


# --- emails -------------------------------------------------------------------------------


def test_agenda_notices_name_a_restricted_item_only_to_those_who_may_see_it(sworld):
    """Publishing a new version of the next meeting's agenda (its item restricted since the
    first version, and renamed; another item added) emails every invitee; only those granted
    the item read its name."""
    w = sworld
    chair = clients(w)["chair"]
    mail.outbox = []
    with rolled_back():
        assert chair.post(u("meetings:publish", w.next_meeting.pk)).status_code == 302
    # The notices go after commit: they were sent when the savepoint's callbacks ran.
    to = {r: m for m in mail.outbox for r in m.to}
    leaks = email_leaks(w)
    assert not leaks, leaks
    assert w.users["member"].email in to and w.users["granted"].email in to
    assert SECRETS["late_item"] not in to[w.users["member"].email].body
    assert "Restricted item" in to[w.users["member"].email].body
    assert SECRETS["late_item"] in to[w.users["granted"].email].body


def test_chasing_emails_give_restricted_details_only_to_those_who_may_see_them(sworld):
    """The sweep's reminders and digests: the SL owner reads what the action is; the MPS lead
    and manager, whose agency owns an action of an item the MPS may not see, are told nothing
    of it (not even its reference); the chair, who may see it, is chased for it instead."""
    w = sworld
    with rolled_back():
        mail.outbox = []
        for delivery in Delivery.objects.filter(digest=False, state=Delivery.State.PENDING):
            outbox.deliver(delivery.pk)
        digests = Delivery.objects.filter(digest=True, state=Delivery.State.PENDING)
        for recipient in set(digests.values_list("recipient_id", flat=True)):
            outbox.deliver_digest(recipient)
        sent = [(r, m) for m in mail.outbox for r in m.to]
        leaks = email_leaks(w)
    assert not leaks, leaks
    texts = {}
    for recipient, message in sent:
        texts.setdefault(recipient, "")
        texts[recipient] += message.body + "".join(a[0] for a in message.alternatives)
    assert SECRETS["action"] in texts[w.users["granted"].email]
    for person in ("lead", "manager"):
        text = texts.get(w.users[person].email, "")
        assert w.action_mps.reference not in text and SECRETS["action_mps"] not in text
    assert SECRETS["action"] in texts[w.users["chair"].email]
    assert SECRETS["action_mps"] in texts[w.users["chair"].email]
