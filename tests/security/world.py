"""One world holding a restricted object of every guarded kind, and the personas who ask for them.

MOPAC hosts "MOPAC Challenge"; the MPS and Safer London (SL) sit on it; the CPS hosts another
committee ("Justice Board") and is not on the first. Item 3 of the past meeting is restricted
to SL (and to one MPS officer by name): it has a paper, a public question and a recommendation,
a minute with a resolution and a comment (minutes circulated, so partners may read them), two
actions (one owned by SL, one by the MPS, which is not granted the item) with a progress note
and evidence, an anonymous guest invited for it and a declaration on it. Item 4.1 is a
restricted sub-item under a public item. The next meeting's item 4 was published open and
restricted afterwards, so its first published version predates the restriction. The chasing
sweep has written notifications and outbox rows for the overdue actions, and two people have
calendar feeds.

Every secret is one made-up word, so it can be found in HTML, CSV, iCalendar and PDF text
whatever the wrapping and escaping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from actions import chasing
from actions import services as action_services
from actions.models import Action, ActionUpdate, ChasingPolicy, Delivery, Notification
from agencies.models import Agency, Membership, User
from attendance import services as attendance_services
from attendance.models import Declaration, Invitation
from audit.services import record_reads
from meetings import services as meeting_services
from meetings.models import (
    AgendaItem,
    AgendaVersion,
    CalendarFeed,
    Committee,
    Meeting,
    Paper,
    PublicQuestion,
)
from meetings.services import agenda_publish
from minutes import services as minutes_services
from minutes.models import Minute, Minutes, MinutesComment
from public_pages.models import RemovableRecord
from tests.factories import (
    AgencyFactory,
    CommitteeFactory,
    UserFactory,
    granted_while,
    person_in,
)

LONDON = ZoneInfo("Europe/London")
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Each restricted thing carries one made-up word; none of them may reach a person without access.
SECRETS = {
    "title": "Kestrelhaven",
    "description": "Quillmoor",
    "recommendation": "Brackenfell",
    "paper": "Nightjarrow",
    "paper_file": "ptarmiganlea",
    "question": "Larkspurton",
    "sub_item": "Wrenthorpe",
    "late_item": "Ospreyfold",
    "minute": "Merlinsgate",
    "resolution": "Curlewbrook",
    "comment": "Dunnockvale",
    "declaration": "Siskinmere",
    "action": "Plovercrest",
    "action_mps": "Shrikewell",
    "note": "Godwitfen",
    "evidence": "redpolldale",
    "guest": "Avocetby",
    "amendment": "Tealbrook",
}

# The kinds of restricted object the world holds (the matrix's third dimension).
OBJECT_KINDS = (
    "agenda item (title, description, recommendation)",
    "restricted sub-item of a public item",
    "item restricted after its agenda was published",
    "paper (title and file name)",
    "public question",
    "minute",
    "resolution",
    "minutes comment",
    "amendment of approved minutes (approved and amended in its own test)",
    "action of the granted agency",
    "action of an agency without the grant",
    "progress note",
    "evidence file",
    "anonymous guest invited for the item",
    "declaration of interest on the item",
    "published agenda version",
    "chasing notification and outbox row",
    "calendar feed",
)

# Personas of the matrix. "granted" is a member of the agency the item is granted to.
PERSONAS = (
    "anonymous",
    "member",
    "lead",
    "granted",
    "chair",
    "clerk",
    "manager",
    "superuser",
    "staff",
    "outsider",
)
# Who may read the restricted content; everybody else must never see a secret.
READERS = frozenset({"granted", "chair", "clerk", "superuser"})
OFFICERS = frozenset({"chair", "clerk", "superuser"})


STAFF_MODELS = (
    "agencies.user",
    "agencies.agency",
    "agencies.membership",
    "auth.group",
    "meetings.committee",
    "actions.chasingpolicy",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
)
STAFF_VIEW_ONLY = ("actions.delivery", "audit.restrictedread")


def staff_permissions() -> list[Permission]:
    """The permissions of the staff persona."""
    wanted = []
    for label in STAFF_MODELS:
        app, model = label.split(".")
        wanted += Permission.objects.filter(content_type__app_label=app, content_type__model=model)
    for label in STAFF_VIEW_ONLY:
        app, model = label.split(".")
        wanted.append(Permission.objects.get(content_type__app_label=app, codename=f"view_{model}"))
    return wanted


def london(day: datetime, hhmm: str) -> datetime:
    """An aware London datetime on a day."""
    hours, minutes = (int(p) for p in hhmm.split(":"))
    return datetime.combine(day.date(), time(hours, minutes), tzinfo=LONDON)


@dataclass
class SecurityWorld:
    """Everything the security tests request, by name."""

    mopac: Agency
    mps: Agency
    sl: Agency
    cps: Agency
    committee: Committee
    other_committee: Committee
    users: dict[str, User]
    mps_granted: User
    sl_lead: User
    adviser: User
    other_chair: User
    meeting: Meeting
    next_meeting: Meeting
    other_meeting: Meeting
    item: AgendaItem
    sub_item: AgendaItem
    public_item: AgendaItem
    late_item: AgendaItem
    other_item: AgendaItem
    paper: Paper
    public_paper: Paper
    minute: Minute
    minutes: Minutes
    other_minutes: Minutes
    comment: MinutesComment
    action: Action
    action_mps: Action
    public_action: Action
    update: ActionUpdate
    guest: Invitation
    other_invitation: Invitation
    declaration: Declaration
    version: AgendaVersion
    late_version: AgendaVersion
    notification: Notification
    delivery: Delivery
    feeds: dict[str, CalendarFeed] = field(default_factory=dict)

    @property
    def restricted_items(self) -> list[AgendaItem]:
        """The restricted items of the world."""
        return [self.item, self.sub_item, self.late_item]


def _add(meeting: Meeting, title: str, **fields) -> AgendaItem:
    meeting.refresh_from_db()
    return meeting_services.item_create(
        meeting=meeting, expected_revision=None, title=title, **fields
    )


def _meeting(committee: Committee, title: str, starts: datetime) -> Meeting:
    meeting = meeting_services.meeting_create(
        committee=committee,
        title=title,
        starts_at=london(starts, "10:00"),
        ends_at=london(starts, "13:00"),
        location="City Hall",
        use_template=False,
    )
    return meeting


def _publish(meeting: Meeting, by: User) -> AgendaVersion:
    version = agenda_publish(meeting=meeting, by=by)
    meeting.refresh_from_db()
    return version


def build_world() -> SecurityWorld:
    """Build the world (through the services, as the product would)."""
    mopac = AgencyFactory(name="Mayor's Office for Policing and Crime", short_name="MOPAC")
    mps = AgencyFactory(name="Metropolitan Police Service", short_name="MPS")
    sl = AgencyFactory(name="Safer London", short_name="SL")
    cps = AgencyFactory(name="Crown Prosecution Service", short_name="CPS")
    committee = CommitteeFactory(name="MOPAC Challenge", short_name="mopac-challenge", host=mopac)
    committee.member_agencies.set([mps, sl])
    other = CommitteeFactory(name="Justice Board", short_name="justice-board", host=cps)

    users = {
        "chair": person_in(mopac, full_name="Chair Person", email="chair@mopac.example"),
        "clerk": UserFactory(full_name="Clerk Person", email="clerk@mopac.example"),
        "member": person_in(mps, full_name="Member Person", email="member@met.example"),
        "lead": person_in(
            mps, Membership.Role.LEAD, full_name="Lead Person", email="lead@met.example"
        ),
        "manager": person_in(
            mps, Membership.Role.MANAGER, full_name="Manager Person", email="manager@met.example"
        ),
        "granted": person_in(sl, full_name="Granted Person", email="member@sl.example"),
        "outsider": person_in(cps, full_name="Outside Person", email="outsider@cps.example"),
        "superuser": UserFactory(
            full_name="Super User", email="super@admin.example", is_staff=True, is_superuser=True
        ),
        "staff": person_in(mps, full_name="Staff Person", email="staff@met.example", is_staff=True),
    }
    # A staff member who runs the directory: every permission on the models that carry no
    # restricted content, the outbox and the audit log to view, none on a guarded model.
    users["staff"].user_permissions.add(*staff_permissions())
    sl_lead = person_in(sl, Membership.Role.LEAD, full_name="SL Lead", email="lead@sl.example")
    mps_granted = person_in(mps, full_name="Granted Officer", email="granted@met.example")
    other_chair = person_in(cps, full_name="Other Chair", email="chair@cps.example")
    committee.chairs.add(users["chair"])
    committee.secretariat.add(users["clerk"])
    other.chairs.add(other_chair)
    chair, clerk = users["chair"], users["clerk"]

    today = timezone.localtime()
    meeting = _meeting(committee, "Violence against women and girls", today - timedelta(days=60))
    _add(meeting, "Apologies for absence", kind=AgendaItem.Kind.APOLOGIES, planned_minutes=5)
    _add(meeting, "Minutes of the last meeting", kind=AgendaItem.Kind.MINUTES, planned_minutes=5)
    item = _add(
        meeting,
        f"Survivor testimony {SECRETS['title']}",
        description=f"The account of Ms X from {SECRETS['description']} estate.",
        recommendation=f"That the panel hears {SECRETS['recommendation']} in private.",
        planned_minutes=30,
        lead_agency=sl,
        presenters=[chair],
    )
    meeting_services.item_restrict(
        item=item, expected_revision=None, restricted=True, agencies=[sl], users=[mps_granted]
    )
    public_item = _add(meeting, "Neighbourhood policing", planned_minutes=20, lead_agency=mps)
    sub_item = _add(meeting, f"Case detail {SECRETS['sub_item']}", parent=public_item)
    meeting_services.item_restrict(
        item=sub_item, expected_revision=None, restricted=True, agencies=[sl]
    )
    _add(meeting, "Any other business", kind=AgendaItem.Kind.AOB, planned_minutes=5)
    paper = meeting_services.paper_add(
        item=item,
        upload=SimpleUploadedFile(
            f"{SECRETS['paper_file']}-statement.pdf", PDF_BYTES, content_type="application/pdf"
        ),
        title=f"Statement {SECRETS['paper']}",
        by=clerk,
    )
    public_paper = meeting_services.paper_add(
        item=public_item,
        upload=SimpleUploadedFile("patrols.pdf", PDF_BYTES, content_type="application/pdf"),
        title="Patrol figures",
        by=clerk,
    )
    meeting_services.question_add(
        item=item, question=f"What happened at {SECRETS['question']}?", asked_by="A resident"
    )
    version = _publish(meeting, chair)

    next_meeting = _meeting(committee, "Autumn session", today + timedelta(days=20))
    _add(next_meeting, "Apologies for absence", kind=AgendaItem.Kind.APOLOGIES)
    _add(next_meeting, "Minutes", kind=AgendaItem.Kind.MINUTES)
    _add(next_meeting, "Summary of actions", kind=AgendaItem.Kind.ACTIONS)
    late_item = _add(next_meeting, f"Disclosure {SECRETS['late_item']}", planned_minutes=15)
    _publish(next_meeting, chair)  # version 1: the item is not restricted yet
    meeting_services.item_restrict(
        item=late_item, expected_revision=None, restricted=True, agencies=[sl]
    )
    late_version = AgendaVersion.objects.get(meeting=next_meeting, number=1)
    # Changes waiting for the next publication: the restricted item renamed, an item added.
    meeting_services.item_update(
        item=late_item,
        expected_revision=None,
        title=f"Disclosure {SECRETS['late_item']} (revised)",
    )
    _add(next_meeting, "Date of next meeting", kind=AgendaItem.Kind.NEXT_MEETING)

    other_meeting = _meeting(other, "Case progression", today + timedelta(days=5))
    other_item = _add(other_meeting, "Case progression figures")
    _publish(other_meeting, other_chair)

    # Attendance: the committee invited, an anonymous guest for the restricted item, present.
    attendance_services.invitations_generate(meeting=meeting, by=clerk)
    guest = attendance_services.invitation_add(
        meeting=meeting,
        by=clerk,
        capacity=Invitation.Capacity.GUEST,
        pseudonym=f"Witness {SECRETS['guest']}",
        agenda_item=item,
    )
    for invitation in Invitation.objects.filter(meeting=meeting):
        attendance_services.attendance_record(
            invitation=invitation, by=clerk, status=Invitation.Status.PRESENT
        )
    guest.refresh_from_db()
    declaration = attendance_services.declaration_add(
        meeting=meeting,
        by=clerk,
        person=users["granted"],
        nature=f"Trustee of the {SECRETS['declaration']} refuge",
        agenda_item=item,
    )
    # An SL adviser granted the sub-item by name after the invitations went out: their
    # deletion in the admin reaches a grant on a restricted item and nothing else.
    adviser = person_in(sl, full_name="Adviser Person", email="adviser@sl.example")
    meeting_services.item_restrict(
        item=sub_item, expected_revision=None, restricted=True, agencies=[sl], users=[adviser]
    )
    attendance_services.invitations_generate(meeting=other_meeting, by=other_chair)
    other_invitation = Invitation.objects.filter(meeting=other_meeting).first()

    # Minutes, circulated so that partners read them item by item.
    minutes_services.minute_save(
        item=item,
        by=chair,
        narrative=f"Ms X described {SECRETS['minute']} and the officers who failed her.",
        resolutions=[f"That the {SECRETS['resolution']} review be referred to the panel."],
        expected_revision=None,
    )
    minutes_services.minute_save(
        item=public_item,
        by=chair,
        narrative="The Committee noted the patrol figures.",
        resolutions=[],
        expected_revision=None,
    )
    minutes = minutes_services.minutes_circulate(meeting=meeting, by=clerk)
    comment = minutes_services.minutes_comment_add(
        meeting=meeting, item=item, author=users["granted"], text=f"Add {SECRETS['comment']}."
    )
    minute = Minute.objects.get(item=item)
    # The other meeting is ahead (its invitees may still send apologies); its minutes are
    # written as they will be, once it has taken place.
    with time_machine.travel(other_meeting.ends_at + timedelta(hours=1), tick=False):
        minutes_services.minute_save(
            item=other_item,
            by=other_chair,
            narrative="Figures noted.",
            resolutions=[],
            expected_revision=None,
        )
        other_minutes = minutes_services.minutes_circulate(meeting=other_meeting, by=other_chair)

    # Actions: two of the restricted item (SL's, and the MPS's although it may not see the
    # item), one of the public item; all overdue long enough to reach the chair's digest.
    due = timezone.localdate() - timedelta(days=40)
    action, _ = action_services.action_create(
        by=clerk,
        committee=committee,
        meeting=meeting,
        agenda_item=item,
        description=f"Review the {SECRETS['action']} referral pathway",
        owning_agency=sl,
        owner=users["granted"],
        due_date=due,
    )
    # Recording it for agencies not granted the item is refused (actions.ownership): it was
    # recorded while they were granted, and their grants were revoked since.
    with granted_while(item, mps, cps):
        action_mps, _ = action_services.action_create(
            by=clerk,
            committee=committee,
            meeting=meeting,
            agenda_item=item,
            description=f"Discipline the officers at {SECRETS['action_mps']}",
            owning_agency=mps,
            co_agencies=[cps],  # an agency outside the committee, not granted the item either
            due_date=due,
        )
    public_action, _ = action_services.action_create(
        by=clerk,
        committee=committee,
        meeting=meeting,
        agenda_item=public_item,
        description="Publish the patrol figures",
        owning_agency=mps,
        due_date=due,
    )
    update = action_services.action_update(
        by=users["granted"],
        action=action,
        note=f"Letter sent about {SECRETS['note']}.",
        evidence=SimpleUploadedFile(
            f"{SECRETS['evidence']}-letter.pdf", PDF_BYTES, content_type="application/pdf"
        ),
    )
    ChasingPolicy.objects.create(committee=committee)
    chasing.sweep()
    notification = Notification.objects.filter(action=action).first()
    delivery = Delivery.objects.filter(notification__action=action).first()
    assert notification is not None and delivery is not None

    # Reads already in the log: an MPS officer granted the item by name, and an SL member.
    record_reads(mps_granted, [item, paper], "meetings:meeting")
    record_reads(users["granted"], [item, action], "actions:detail")

    feeds = {name: CalendarFeed.objects.create(user=users[name]) for name in ("member", "granted")}
    for user in (*users.values(), sl_lead, mps_granted, adviser, other_chair):
        user.refresh_from_db()
    meeting.refresh_from_db()
    next_meeting.refresh_from_db()
    # The committee meets in public (issue #17), so that the public pages face every secret:
    # its restricted items are exempt (Schedule 12A paragraph 7).
    AgendaItem.objects.filter(meeting__committee=committee, restricted=True).update(
        exempt_paragraph=7
    )
    Committee.objects.filter(pk=committee.pk).update(is_public=True)
    committee.is_public = True
    # The retention job has marked the meeting's record and its restricted paper as removable
    # (their officers' page names the paper; the admin does not).
    RemovableRecord.objects.create(meeting=meeting, removable_since=meeting.starts_at.date())
    RemovableRecord.objects.create(paper=paper, removable_since=meeting.starts_at.date())
    # A question from the public waits for the clerk's decision on the next meeting.
    PublicQuestion.objects.create(
        meeting=next_meeting, status="pending", question="How many patrols?", asked_by="Pat"
    )
    return SecurityWorld(
        mopac=mopac,
        mps=mps,
        sl=sl,
        cps=cps,
        committee=committee,
        other_committee=other,
        users=users,
        mps_granted=mps_granted,
        sl_lead=sl_lead,
        adviser=adviser,
        other_chair=other_chair,
        meeting=meeting,
        next_meeting=next_meeting,
        other_meeting=other_meeting,
        item=item,
        sub_item=sub_item,
        public_item=public_item,
        late_item=late_item,
        other_item=other_item,
        paper=paper,
        public_paper=public_paper,
        minute=minute,
        minutes=minutes,
        other_minutes=other_minutes,
        comment=comment,
        action=action,
        action_mps=action_mps,
        public_action=public_action,
        update=update,
        guest=guest,
        other_invitation=other_invitation,
        declaration=declaration,
        version=version,
        late_version=late_version,
        notification=notification,
        delivery=delivery,
        feeds=feeds,
    )
