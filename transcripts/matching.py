"""Speaker labels to people and agencies, through the people directory and agency names and
aliases; an unknown speaker stays a label, never an invented person."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from agencies.models import Agency, Membership, User

from .reading import label_organisation, label_parts, speaker_name

# Words that say nothing about which organisation is meant.
FILLER = {
    "of",
    "for",
    "and",
    "the",
    "in",
    "at",
    "on",
    "to",
    "&",
    "s",
    "london",
    "service",
    "services",
}
# Share of an agency name's telling words a label must contain to name it.
COVERAGE = 0.7
# A name this close (out of 100) to one person in the directory is that person.
CLOSE_NAME = 90


@dataclass
class Speaker:
    """Who a label names, as far as the directory knows: person and agency may be None."""

    name: str
    agency_text: str
    person: User | None = None
    agency: Agency | None = None

    @property
    def agency_label(self) -> str:
        """The agency's short name when matched, else the organisation as the label gives it."""
        return self.agency.short_name if self.agency is not None else self.agency_text


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.casefold())


# Abbreviations of local government in labels: "LB Croydon" is the London Borough of Croydon.
SHORT_FORMS = {"lb": "london borough", "rb": "royal borough", "cc": "county council"}


def _words(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.casefold().replace("'s", "").replace("\u2019s", ""))
    words = " ".join(SHORT_FORMS.get(w, w) for w in words).split()
    return {w for w in words if w not in FILLER}


class SpeakerMatcher:
    """Agencies and people loaded once (the committee's first), then matched label by label."""

    def __init__(
        self, agencies: Iterable[Agency] | None = None, preferred: Iterable[int] = ()
    ) -> None:
        self.agencies = list(agencies if agencies is not None else Agency.objects.all())
        self.preferred = set(preferred)
        self.exact: dict[str, list[Agency]] = {}
        for agency in self.agencies:
            for name in (agency.name, agency.short_name, *(agency.aliases or [])):
                if isinstance(name, str) and _squash(name):
                    self.exact.setdefault(_squash(name), []).append(agency)
        self.people: dict[int, tuple[User, list[int]]] = {}
        rows = Membership.objects.filter(user__is_active=True).select_related("user")
        for membership in rows.order_by("pk"):
            _, agency_ids = self.people.setdefault(membership.user_id, (membership.user, []))
            agency_ids.append(membership.agency_id)
        self.by_id = {a.pk: a for a in self.agencies}
        self._cache: dict[str, Speaker] = {}

    def _pick(self, found: list[Agency]) -> Agency | None:
        """One agency from candidates: the only one, or the only one of the committee's."""
        unique = list({a.pk: a for a in found}.values())
        if len(unique) == 1:
            return unique[0]
        mine = [a for a in unique if a.pk in self.preferred]
        return mine[0] if len(mine) == 1 else None

    def agency_for(self, text: str) -> Agency | None:
        """The agency a piece of label text names: exactly, by an acronym in it, or by its words."""
        if not text.strip():
            return None
        exact = self.exact.get(_squash(text))
        if exact:
            return self._pick(exact)
        for token in re.findall(r"\b[A-Z][A-Z&]{1,9}\b", text):
            if found := self.exact.get(_squash(token)):
                return self._pick(found)
        have = _words(text)
        scored: list[tuple[float, Agency]] = []
        for agency in self.agencies:
            wanted = _words(agency.name)
            if wanted:
                share = len(wanted & have) / len(wanted)
                if share >= COVERAGE:
                    scored.append((share, agency))
        if not scored:
            return None
        best = max(score for score, _ in scored)
        return self._pick([a for score, a in scored if score == best])

    def person_for(self, name: str) -> tuple[User | None, list[int]]:
        """The one directory person with this name (spelling slips allowed), or None."""
        wanted = " ".join(name.casefold().split())
        if len(wanted) < 3:
            return None, []
        close = [
            (user, ids)
            for user, ids in self.people.values()
            if fuzz.ratio(wanted, user.full_name.casefold()) >= CLOSE_NAME
        ]
        return close[0] if len(close) == 1 else (None, [])

    def match(self, label: str) -> Speaker:
        """Person and agency for a speaker label (remembered per label)."""
        if label in self._cache:
            return self._cache[label]
        parts = label_parts(label)[1:]
        name = speaker_name(label)
        agency_text = _organisation_text(label)
        agency = None
        # Last, what the label implies: "Jenny Jones AM" sits on the London Assembly.
        for part in [*reversed(parts), label, label_organisation(label)]:
            agency = self.agency_for(part)
            if agency is not None:
                break
        person, agency_ids = self.person_for(name)
        if person is not None and (agency is None or agency.pk not in agency_ids):
            # The directory knows where this person works; the label may name a role only.
            theirs = [self.by_id[i] for i in agency_ids if i in self.by_id]
            agency = agency if agency is not None and not theirs else self._pick(theirs) or agency
        speaker = Speaker(name=name, agency_text=agency_text, person=person, agency=agency)
        self._cache[label] = speaker
        return speaker


def _organisation_text(label: str) -> str:
    """The organisation as a label writes it: an acronym if there is one, else the last part."""
    organisation = label_organisation(label)
    acronyms = re.findall(r"\b[A-Z][A-Z&]{1,9}\b", organisation)
    acronyms = [a for a in acronyms if a not in {"AM", "MP", "CEO", "OBE", "MBE", "CBE", "DAC"}]
    if acronyms:
        return acronyms[-1]
    return organisation.split(", ")[-1] if organisation else ""
