"""Demo minutes: the Police and Crime Committee's minutes of 4 December 2014, as the agenda pack
of 8 January 2015 prints them (police-and-crime-committee-2015-01-08-agenda-pack.txt), approved
by the resolution under item 3 of the meeting of 8 January 2015; that meeting's own minutes are
a draft. Running it again changes nothing.

The minutes are written through the services, as a clerk would: the apologies line of item 1 is
not typed but generated from the attendance the attendance demo records, so load that first.
Item 8 of the printed minutes gives the next meeting as "18 December 2015"; item 5 shows it was
18 December 2014. The demo keeps the printed text and corrects it by a recorded amendment after
approval, so the amendments list shows the pack's words as the text before.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from agencies.models import User
from attendance.selectors import minutes_attendance
from demo.data.people import PEOPLE
from meetings.models import AgendaItem, Meeting
from minutes import services
from minutes.attendance_view import snapshot_for
from minutes.models import Minute, MinuteAmendment, Minutes

LONDON = ZoneInfo("Europe/London")
SAFEGUARDING = "Safeguarding and Child Sexual Exploitation in London"
RECEIVED = "The Committee received the report of the Executive Director of Secretariat."

# (item title, or (parent title, sub-item title)) -> paragraphs and resolutions, in order.
DECEMBER_2014: list[dict] = [
    {"item": "Apologies for Absence and Chair's Announcements"},
    {
        "item": "Declarations of Interests",
        "resolutions": [
            "That the list of offices held by Assembly Members, as set out in the table at "
            "Agenda Item 2, be noted as disclosable pecuniary interests."
        ],
    },
    {
        "item": "Minutes",
        # The meeting of 13 November 2014 is not in the demo, so this one is typed.
        "resolutions": [
            "That the minutes of the Police and Crime Committee meeting held on 13 November 2014 "
            "be signed by the Chair as a correct record."
        ],
    },
    {
        "item": ("Summary List of Actions and Action Taken by the Chair under Delegated Authority"),
        "narrative": [RECEIVED],
        "resolutions": [
            "That the outstanding and completed actions arising from previous meetings of the "
            "Committee, and the additional correspondence as listed in the report, be noted; and",
            "That the action taken by the Chair under delegated authority, namely to evaluate "
            "the results of the initial scoping research for the Online Crime scrutiny "
            "investigation, in consultation with the party Group lead Members, and following "
            "that evaluation to decide to not commission any further research, be noted.",
        ],
    },
    {
        "item": SAFEGUARDING,
        "narrative": [
            "The Committee received the report of the Executive Director of Secretariat, as "
            "background to putting questions to the invited guests on safeguarding children and "
            "child exploitation in London."
        ],
        "resolutions": [
            "That the report and answers given by the invited guests for the question and answer "
            "session on safeguarding and child sexual exploitation in London, be noted.",
            "That MOPAC's response to the recommendations set out in the Committee's report "
            "Keeping London's children safe, and as appended to the agenda, be noted; and",
            "That the response of the MPS to the Committee's report Keeping London's children "
            "safe, which was circulated to Members of the Committee on 2 December 2014 (and "
            "would be reported formally to the Committee's meeting on 18 December 2014), be "
            "noted.",
        ],
    },
    {
        "item": (SAFEGUARDING, "Part A: Safeguarding children in London"),
        "narrative": [
            "The Chair welcomed the following guests for the first part of the question and "
            "answer session on safeguarding children in London:\n"
            "- Helen Bailey, Chief Operating Officer, the Mayor's Office for Policing and Crime "
            "(MOPAC);\n"
            "- Assistant Commissioner Cressida Dick, Metropolitan Police Service (MPS); and\n"
            "- Temporary Commander Keith Niven, MPS.",
            "A transcript of the discussion is attached at Appendix 1.",
            "During the discussion Assistant Commissioner Dick undertook to provide information "
            "on existing law relating to emotional abuse and what charges could be brought "
            "against someone accused of emotional abuse.",
            "At the conclusion of the first part of the discussion the Chair thanked the Chief "
            "Operating Officer (MOPAC) for her attendance and very helpful contribution to the "
            "discussion. Assistant Commissioner Cressida Dick, MPS, and Temporary Commander "
            "Keith Niven, MPS, remained for the second part of the question and answer session.",
        ],
    },
    {
        "item": (SAFEGUARDING, "Part B: Child sexual exploitation in London"),
        "narrative": [
            "The Chair welcomed the following guests for the second part of the question and "
            "answer session on child sexual exploitation in London:\n"
            "- Suzanne Elwick, Waltham Forest Safeguarding Children Board Business Manager; and\n"
            "- George Curtis, Pan-London Programme Manager, The MsUnderstood Partnership.",
            "A transcript of the discussion is attached at Appendix 2.",
            "At the conclusion of the discussion the Chair thanked the guests for their "
            "attendance and their very helpful contributions to the discussion. On behalf of the "
            "Committee, the Chair formally placed on record her thanks to Assistant Commissioner "
            "Dick for her contributions to the Committee's work and wished her well in her new "
            "role at the Foreign and Commonwealth Office.",
        ],
    },
    {
        "item": "Policing in Austerity - an Update from the Budget and Performance Committee",
        "narrative": [
            RECEIVED,
            "The Chair, whilst noting that the London Assembly's Budget and Performance "
            "Committee had a duty to monitor the performance and budget of the MPS, stated that "
            "part of the duties of the Police and Crime Committee was also to monitor the "
            "performance and financial provision for policing within the MPS. Hence, there was "
            "a close connection between the scrutiny work of the two Committees.",
        ],
        "resolutions": [
            "That the report and the supporting information, attached at Appendix 1 to the "
            "report, be noted."
        ],
    },
    {
        "item": "Police and Crime Committee Work Programme",
        "narrative": [RECEIVED],
        "resolutions": [
            "That the work programme, as set out at paragraph 4.1 of the report, be noted."
        ],
    },
    {
        "item": "Date of Next Meeting",
        "narrative": [
            "The date of the next meeting of the Committee was scheduled for 18 December 2015 at "
            "10am in the Chamber City Hall."
        ],
    },
    {
        "item": "Any Other Business the Chair Considers Urgent",
        "narrative": ["There was no other business the Chair considered urgent."],
    },
]

NEXT_MEETING_CORRECTION = {
    "item": "Date of Next Meeting",
    "narrative": (
        "The date of the next meeting of the Committee was scheduled for 18 December 2014 at "
        "10am in the Chamber City Hall."
    ),
    "reason": (
        "The year of the next meeting was misprinted as 2015; the meeting was on 18 December "
        "2014, as resolution 5.9(c) of these minutes says."
    ),
    "by": "teresa_young",
    "at": "2015-01-12T09:30",
}

TIMES = {
    "written": "2014-12-05T15:00",
    "circulated": "2014-12-23T12:00",  # the agenda pack of 8 January 2015 was published then
    "approved": "2015-01-08T10:10",
}


def _london(value: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=LONDON)


def _people() -> dict[str, User]:
    emails = {row["key"]: row["email"] for row in PEOPLE}
    users = {u.email: u for u in User.objects.filter(email__in=emails.values())}
    return {key: users[email] for key, email in emails.items() if email in users}


def _pcc_meeting(starts_at: str) -> Meeting | None:
    return Meeting.objects.filter(committee__short_name="pcc", starts_at=_london(starts_at)).first()


def _item(meeting: Meeting, key: str | tuple[str, str]) -> AgendaItem:
    if isinstance(key, tuple):
        parent = AgendaItem.objects.get(meeting=meeting, parent=None, title=key[0])
        return AgendaItem.objects.get(meeting=meeting, parent=parent, title=key[1])
    return AgendaItem.objects.get(meeting=meeting, parent=None, title=key)


def _write(meeting: Meeting, rows: list[dict], clerk: User) -> None:
    for row in rows:
        if not row.get("narrative") and not row.get("resolutions"):
            continue
        services.minute_save(
            item=_item(meeting, row["item"]),
            by=clerk,
            narrative="\n\n".join(row.get("narrative", [])),
            resolutions=row.get("resolutions", []),
            expected_revision=None,
        )


def _backdate(december: Minutes, january: Meeting) -> None:
    """The services stamp today's date; the demo's documents are from 2014 and 2015."""
    written, approved = _london(TIMES["written"]), _london(TIMES["approved"])
    Minutes.objects.filter(pk=december.pk).update(
        created_at=written, circulated_at=_london(TIMES["circulated"]), approved_at=approved
    )
    Minute.objects.filter(record=december).update(updated_at=written)
    Minutes.objects.filter(meeting=january).update(created_at=approved)
    Minute.objects.filter(record__meeting=january).update(updated_at=approved)


def _refreeze_if_attendance_came_later(record: Minutes, clerk: User) -> None:
    """If the minutes were approved before any attendance was loaded (the attendance demo ran
    later), freeze the attendance now, so the minutes show their apologies."""
    snapshot = record.snapshot or {}
    frozen = any(snapshot.get(name) for name in ("present", "apologies", "substitutes"))
    if frozen:
        return
    live = minutes_attendance(clerk, record.meeting)
    if live.present or live.apologies or live.substitutes:
        Minutes.objects.filter(pk=record.pk).update(snapshot=snapshot_for(record.meeting, clerk))


@transaction.atomic
def load_minutes_demo() -> list[Minutes]:
    """Write, circulate and approve the minutes of 4 December 2014 at the meeting of 8 January
    2015, and correct their misprinted date by amendment; a second run changes nothing."""
    december = _pcc_meeting("2014-12-04T10:00")
    january = _pcc_meeting("2015-01-08T10:00")
    if december is None or january is None:
        return []
    people = _people()
    clerk = people["joanna_brown"]
    existing = Minutes.objects.filter(meeting=december).select_related("meeting").first()
    if existing is not None:
        if existing.is_locked:
            _refreeze_if_attendance_came_later(existing, clerk)
        return list(Minutes.objects.filter(meeting__in=[december, january]))

    _write(december, DECEMBER_2014, clerk)
    record = services.minutes_circulate(meeting=december, by=clerk)
    # The chair signs the minutes at the meeting; the clerk records the approval.
    services.minutes_approve(minutes=record, at_meeting=january, by=clerk)
    correction = NEXT_MEETING_CORRECTION
    amendment = services.minute_amend(
        item=_item(december, correction["item"]),
        by=people[correction["by"]],
        reason=correction["reason"],
        narrative=correction["narrative"],
        resolutions=[],
        expected_revision=None,
    )
    MinuteAmendment.objects.filter(pk=amendment.pk).update(made_at=_london(correction["at"]))
    _backdate(record, january)
    return list(Minutes.objects.filter(meeting__in=[december, january]))
