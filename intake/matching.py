"""Agencies and people named as partnerships name them: by name, short name or alias first,
then by a close spelling (rapidfuzz), refusing a spelling close to more than one agency."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process, utils

from agencies.models import Agency, Membership, User

from .values import CellError, squash

# A spelling this close (out of 100) is taken as the agency; two agencies within MARGIN of
# the best are ambiguous. Below SUGGEST, a name is not offered as "did you mean".
CLOSE = 85
MARGIN = 5
SUGGEST = 60
# "Metropolitan Police Service (MPS)": a name followed by its short name in brackets.
BRACKETED = re.compile(r"^(?P<name>.+?)\s*\((?P<short>[^()]+)\)$")


class AgencyMatcher:
    """Every agency loaded once (one query), then matched cell by cell without queries."""

    def __init__(self, agencies: Iterable[Agency] | None = None) -> None:
        self.agencies = list(agencies if agencies is not None else Agency.objects.all())
        self.exact: dict[str, set[int]] = {}
        self.spellings: dict[str, int] = {}
        self.by_id = {a.pk: a for a in self.agencies}
        for agency in self.agencies:
            for name in (agency.name, agency.short_name, *(agency.aliases or [])):
                if isinstance(name, str) and squash(name):
                    self.exact.setdefault(squash(name), set()).add(agency.pk)
                    self.spellings[utils.default_process(name)] = agency.pk

    def _names(self, ids: Iterable[int]) -> str:
        return " and ".join(
            sorted(f"{self.by_id[i].name} ({self.by_id[i].short_name})" for i in ids)
        )

    def _exact(self, typed: str) -> Agency | None:
        ids = self.exact.get(squash(typed), set())
        if len(ids) > 1:
            raise CellError(
                f"“{typed}” could be {self._names(ids)}: write the agency's short name."
            )
        return self.by_id[next(iter(ids))] if ids else None

    def match(self, typed: str) -> Agency:
        """The agency this cell names, or CellError saying why none (or more than one)."""
        typed = " ".join(typed.split())
        if not typed:
            raise CellError("Say which agency: the column is empty.")
        candidates = [typed]
        if bracketed := BRACKETED.match(typed):
            candidates += [bracketed["short"], bracketed["name"]]
        for candidate in candidates:
            found = self._exact(candidate)
            if found is not None:
                return found
        best: dict[int, float] = {}
        for spelling, score, _ in process.extract(
            utils.default_process(typed), list(self.spellings), scorer=fuzz.ratio, limit=20
        ):
            agency_id = self.spellings[spelling]
            best[agency_id] = max(best.get(agency_id, 0), score)
        ranked = sorted(best.items(), key=lambda pair: -pair[1])
        if ranked and ranked[0][1] >= CLOSE and len(squash(typed)) >= 4:
            close = [pk for pk, score in ranked if score >= ranked[0][1] - MARGIN]
            if len(close) > 1:
                raise CellError(
                    f"“{typed}” is close to {self._names(close)}: write the agency's short name."
                )
            return self.by_id[ranked[0][0]]
        near = [pk for pk, score in ranked[:3] if score >= SUGGEST]
        hint = f" Did you mean {self._names(near)}?" if near else ""
        raise CellError(
            f"No agency is called “{typed}”.{hint} Correct the cell, or add the name to the "
            "agency's aliases."
        )


class PersonMatcher:
    """The people of the agencies concerned, loaded in one query, matched by email or name."""

    def __init__(self, agency_ids: Iterable[int]) -> None:
        self.members: dict[int, list[User]] = {}
        rows = Membership.objects.filter(agency_id__in=set(agency_ids)).select_related("user")
        for membership in rows:
            self.members.setdefault(membership.agency_id, []).append(membership.user)

    def match(self, typed: str, agency: Agency) -> User | None:
        """The person of this agency the cell names (None when empty), or CellError."""
        typed = " ".join(typed.split())
        if not typed:
            return None
        wanted = typed.casefold()
        people = self.members.get(agency.pk, [])
        found = [p for p in people if wanted in (p.email.casefold(), p.full_name.casefold())]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise CellError(
                f"More than one person in {agency.short_name} is called “{typed}”: "
                "write their email address."
            )
        raise CellError(
            f"“{typed}” is not a person of {agency.name} ({agency.short_name}): write the name "
            "or email of one of its people, or leave the owner empty."
        )
