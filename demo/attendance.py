"""Demo attendance of the seed meetings, as their documents record it; running it again changes
nothing (an invitation already there is left as it is).

Sources (in ../shared/seeds):
  PCC pack   the minutes of 4 December 2014 (Present; item 1, apologies; item 5, guests by part)
             and the agenda of 8 January 2015 (members of the Committee, contact officers,
             report 5 §4.3, the two panels, and item 2's table of offices held by Members)
  MOPAC CSE  the transcript's list of members and guests, 10 June 2015
  JM         the transcript's members and guests, 28 November 2016: "we have had apologies from
             the Court Service"; Martin Hewitt arrives at the end of the introductions ("That is
             perfect timing") and "Helga is just arriving" just after
People are PEOPLE keys of demo/data/people.py; agencies are AGENCIES short names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict
from zoneinfo import ZoneInfo

from django.db import transaction

from agencies import services as agency_services
from agencies.models import Agency, Membership, User
from attendance import services
from attendance.models import Declaration, Invitation, QuorumRule
from demo.data.people import PEOPLE
from meetings.models import AgendaItem, Committee, Meeting

LONDON = ZoneInfo("Europe/London")
Status = Invitation.Status

# Not named in the JM transcript, which records only "apologies from the Court Service".
COURT_SERVICE = {
    "key": "court_service",
    "email": "court.service@hmcts.example",
    "full_name": "Court Service representative",
    "job_title": "HM Courts & Tribunals Service (not named in the transcript)",
    "agency": "HMCTS",
}
ESTIMATED = "Arrived during the introductions (time estimated from the transcript)."


# The seeds state no quorum. These rules are illustrative, so that the demo shows the quorum
# panel; a chair or clerk can change them.
class _QuorumRule(TypedDict):
    min_members_present: int
    required_agencies: list[str]


QUORUM_RULES: dict[str, _QuorumRule] = {
    "pcc": {"min_members_present": 3, "required_agencies": []},
    "mopac-ch": {"min_members_present": 2, "required_agencies": ["MOPAC"]},
    "jm": {"min_members_present": 2, "required_agencies": ["MOPAC"]},
}

PCC_MEMBERS = [
    "joanne_mccartney",
    "caroline_pidgeon",
    "jenny_jones",
    "tony_arbour",
    "jennette_arnold",
    "john_biggs",
    "victoria_borwick",
    "len_duvall",
    "roger_evans",
]


@dataclass(frozen=True)
class Row:
    """One person expected at a demo meeting and what happened."""

    person: str
    capacity: str
    agency: str | None
    status: str = Status.EXPECTED
    item: str | None = None  # the title of the item or part a guest was invited for
    arrived: str | None = None  # "HH:MM", London
    note: str = ""
    substitute: str | None = None  # who substituted (then the person sent apologies)
    pseudonym: str = ""


def _member(key: str, status: str = Status.PRESENT, **kw) -> Row:
    return Row(key, "member", "GLA", status, **kw)


DEC_2014_GUESTS_ITEM = "Safeguarding and Child Sexual Exploitation in London"
PART_A = "Part A: Safeguarding children in London"
PART_B = "Part B: Child sexual exploitation in London"
JAN_2015_ITEM = "Youth Re-offending and Resettlement"

ATTENDANCE: list[dict] = [
    {
        "committee": "pcc",
        "starts_at": "2014-12-04T10:00",
        "rows": [
            *[_member(k) for k in PCC_MEMBERS if k not in ("jennette_arnold", "roger_evans")],
            _member("roger_evans", Status.APOLOGIES, substitute="james_cleverly"),
            _member("jennette_arnold", Status.APOLOGIES),
            # Cressida Dick and Keith Niven "remained for the second part": the whole item.
            Row("cressida_dick", "guest", "MPS", Status.PRESENT, item=DEC_2014_GUESTS_ITEM),
            Row("keith_niven", "guest", "MPS", Status.PRESENT, item=DEC_2014_GUESTS_ITEM),
            Row("helen_bailey", "guest", "MOPAC", Status.PRESENT, item=PART_A),
            Row("suzanne_elwick", "guest", "WFSCB", Status.PRESENT, item=PART_B),
            Row("george_curtis", "guest", "MSU", Status.PRESENT, item=PART_B),
        ],
        "declarations": [],
    },
    {
        # An agenda, not minutes: who came is not recorded, so everyone is still expected.
        "committee": "pcc",
        "starts_at": "2015-01-08T10:00",
        "rows": [
            *[_member(k, Status.EXPECTED) for k in PCC_MEMBERS],
            Row("joanna_brown", "officer", "GLA"),
            Row("teresa_young", "officer", "GLA"),
            Row("tim_bateman", "guest", "UOB", item="Panel 1"),
            Row("alex_newbury", "guest", "BRIGHTON-BS", item="Panel 1"),
            Row("graham_robb", "guest", None, item="Panel 1"),
            Row("lisa_harvey_messina", "guest", "YJB", item="Panel 1"),
            Row("glen_knight", "guest", "FELTHAM", item="Panel 2"),
            Row("evan_jones", "guest", "ST-GILES", item="Panel 2"),
            Row("loretta_albertini", "guest", "WORKING-LINKS", item="Panel 2"),
            Row("helen_dyson", "guest", "NACRO", item="Panel 2"),
        ],
        # Item 2's table of offices held by Assembly Members, for the Committee's members.
        "declarations": [
            ("tony_arbour", "Declaration of Interests", "Member, LFEPA; Member, LB Richmond"),
            ("jennette_arnold", "Declaration of Interests", "Committee of the Regions"),
            (
                "victoria_borwick",
                "Declaration of Interests",
                "Member, Royal Borough of Kensington & Chelsea; Deputy Mayor",
            ),
            (
                "roger_evans",
                "Declaration of Interests",
                "Committee of the Regions; Trust for London (Trustee)",
            ),
            ("jenny_jones", "Declaration of Interests", "Member, House of Lords"),
        ],
    },
    {
        "committee": "mopac-ch",
        "starts_at": "2015-06-10T16:00",
        "rows": [
            Row("stephen_greenhalgh", "member", "MOPAC", Status.PRESENT),
            Row("faith_boardman", "member", "MOPAC", Status.PRESENT),
            Row("jonathan_glanz", "member", "MOPAC", Status.PRESENT),
            Row("steve_oconnell", "member", "MOPAC", Status.PRESENT),
            Row("keith_prince", "member", "MOPAC", Status.PRESENT),
            Row("helen_bailey", "officer", "MOPAC", Status.PRESENT),
            Row("marie_snelling", "officer", "MOPAC", Status.PRESENT),
            Row(
                "carlene_firmin",
                "guest",
                "MSU",
                Status.PRESENT,
                item="Peer-on-peer exploitation and a contextual response",
            ),
            Row(
                "claire_hubberstey",
                "guest",
                "SAFER-LONDON",
                Status.PRESENT,
                item="Services for victims and prevention in schools",
            ),
            Row(
                "mike_cooke",
                "guest",
                "LSCB",
                Status.PRESENT,
                item="The London response: the London Safeguarding Children Board",
            ),
            Row(
                "lucy_botting",
                "guest",
                "NHSE",
                Status.PRESENT,
                item="The health response",
            ),
            Row(
                "gavin_swann",
                "guest",
                "LB-CROYDON",
                Status.PRESENT,
                item="The local authority response: Croydon",
            ),
            Row(
                "steve_rodhouse",
                "guest",
                "MPS",
                Status.PRESENT,
                item="The Metropolitan Police Service response",
            ),
            Row(
                "terry_sharpe",
                "guest",
                "MPS",
                Status.PRESENT,
                item="The Metropolitan Police Service response",
            ),
        ],
        "declarations": [],
    },
    {
        "committee": "jm",
        "starts_at": "2016-11-28T10:30",
        "rows": [
            Row("sophie_linden", "member", "MOPAC", Status.PRESENT),
            Row("marai_larsi", "member", "IMKAAN", Status.PRESENT),
            Row("rebecca_lawrence", "member", "MOPAC", Status.PRESENT),
            Row("graeme_gordon", "member", "MOPAC", Status.PRESENT),
            Row("samantha_cunningham", "officer", "MOPAC", Status.PRESENT),
            Row("joan_smith", "guest", "VAWGB", Status.PRESENT),
            Row("lucy_botting", "guest", "NHSE", Status.PRESENT),
            Row(
                "helga_swidenbank",
                "guest",
                "LCRC",
                Status.PRESENT,
                arrived="10:36",
                note=ESTIMATED,
            ),
            Row("robert_clarke", "guest", "LCRC", Status.PRESENT),
            Row(
                "martin_hewitt",
                "guest",
                "MPS",
                Status.PRESENT,
                arrived="10:34",
                note=ESTIMATED,
            ),
            Row("stuart_cundy", "guest", "MPS", Status.PRESENT),
            Row(
                "",
                "guest",
                None,
                Status.PRESENT,
                item="Survivor's testimony",
                pseudonym="Chris",
                note="A survivor of sexual violence; never named.",
            ),
            Row("fay_maxted", "guest", "TST", Status.PRESENT),
            Row("carlene_firmin", "guest", "UOB", Status.PRESENT),
            Row("akima_thomas", "guest", "WGN", Status.PRESENT),
            Row("sarah_maclaren", "guest", "CPS", Status.PRESENT),
            Row("claire_hubberstey", "guest", "SAFER-LONDON", Status.PRESENT),
            Row("martin_pratt", "guest", "ALDCS", Status.PRESENT),
            Row("court_service", "guest", "HMCTS", Status.APOLOGIES),
        ],
        "declarations": [],
    },
]


def _people() -> dict[str, User]:
    emails = {row["key"]: row["email"].lower() for row in PEOPLE}
    by_email = {u.email: u for u in User.objects.filter(email__in=emails.values())}
    people = {key: by_email[email] for key, email in emails.items() if email in by_email}
    people[COURT_SERVICE["key"]] = _court_service()
    return people


def _court_service() -> User:
    """The Court Service's unnamed representative: a person who never signs in."""
    user = User.objects.filter(email__iexact=COURT_SERVICE["email"]).first()
    if user is None:
        user = agency_services.user_create(
            email=COURT_SERVICE["email"],
            full_name=COURT_SERVICE["full_name"],
            job_title=COURT_SERVICE["job_title"],
        )
    agency = Agency.objects.get(short_name=COURT_SERVICE["agency"])
    if not Membership.objects.filter(user=user, agency=agency).exists():
        agency_services.membership_set(user=user, agency=agency)
    return user


def _clerk(committee: Committee) -> User:
    clerk = committee.secretariat.order_by("id").first() or committee.chairs.order_by("id").first()
    if clerk is None:
        raise ValueError(f"{committee} has no secretariat or chair to record its attendance")
    return clerk


def _at(meeting: Meeting, hhmm: str) -> datetime:
    day = meeting.starts_at.astimezone(LONDON).date()
    return datetime.fromisoformat(f"{day}T{hhmm}").replace(tzinfo=LONDON)


def _load_meeting(spec: dict, people: dict[str, User], agencies: dict[str, Agency]) -> int:
    committee = Committee.objects.get(short_name=spec["committee"])
    starts_at = datetime.fromisoformat(spec["starts_at"]).replace(tzinfo=LONDON)
    meeting = Meeting.objects.filter(committee=committee, starts_at=starts_at).first()
    if meeting is None:
        return 0
    clerk = _clerk(committee)
    items = {item.title: item for item in AgendaItem.objects.filter(meeting=meeting)}
    taken = set(meeting.invitations.values_list("person_id", "pseudonym"))
    added = 0
    for row in spec["rows"]:
        person = people[row.person] if row.person else None
        if (person.id if person else None, row.pseudonym) in taken:
            continue
        invitation = services.invitation_add(
            meeting=meeting,
            by=clerk,
            capacity=row.capacity,
            person=person,
            pseudonym=row.pseudonym,
            agency=agencies[row.agency] if row.agency else None,
            agenda_item=items[row.item] if row.item else None,
            note=row.note,
            send_agenda=False,  # the seed meetings' agendas are recorded as sent (demo.meetings)
        )
        added += 1
        if row.substitute:
            services.substitute_record(original=invitation, by=clerk, person=people[row.substitute])
        elif row.status != Status.EXPECTED:
            services.attendance_record(
                invitation=invitation,
                by=clerk,
                status=row.status,
                arrived_at=_at(meeting, row.arrived) if row.arrived else None,
            )
    for key, item_title, nature in spec["declarations"]:
        person, item = people[key], items[item_title]
        if not Declaration.objects.filter(
            meeting=meeting, person=person, agenda_item=item
        ).exists():
            services.declaration_add(
                meeting=meeting, by=clerk, person=person, nature=nature, agenda_item=item
            )
    return added


def _load_quorum_rules(agencies: dict[str, Agency]) -> None:
    for short_name, rule in QUORUM_RULES.items():
        committee = Committee.objects.filter(short_name=short_name).first()
        if committee is None or QuorumRule.objects.filter(committee=committee).exists():
            continue
        services.quorum_rule_set(
            committee=committee,
            by=_clerk(committee),
            min_members_present=rule["min_members_present"],
            required_agencies=[agencies[s] for s in rule["required_agencies"]],
        )


@transaction.atomic
def load_attendance_demo() -> int:
    """Invite and record the seed meetings' attendance, guests and declarations; returns how
    many invitations were added (none on a second run)."""
    people = _people()
    agencies = {a.short_name: a for a in Agency.objects.all()}
    _load_quorum_rules(agencies)
    return sum(_load_meeting(spec, people, agencies) for spec in ATTENDANCE)
