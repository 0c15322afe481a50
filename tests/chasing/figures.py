"""The figures issue #21 asks for, per fault: emails expected, sent, lost and duplicated."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from email.message import Message

REFERENCE = re.compile(r"\bMC-\d{4}\b")


def _text(message: Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            return payload.decode() if isinstance(payload, bytes) else str(payload)
    return ""


@dataclass
class Figures:
    """What the SMTP server accepted against what each person should have been told once."""

    fault: str
    expected: int
    sent: int
    lost: int
    duplicated: int
    unexpected: int

    def line(self) -> str:
        """One line for the test's output (pytest -s) and the engineer's report."""
        return (
            f"FAULT {self.fault}: emails expected {self.expected}, sent {self.sent}, "
            f"lost {self.lost}, duplicated {self.duplicated}, to someone unexpected "
            f"{self.unexpected}"
        )


def tally(fault: str, accepted: list[Message], expected: dict[str, list[set[str]]]) -> Figures:
    """`expected` maps each address to the emails it should get, each as the set of action
    references it names. An email is lost when no accepted one matches it, duplicated for
    every extra match; anything else accepted went to someone it should not have."""
    got: Counter = Counter((m["To"], frozenset(REFERENCE.findall(_text(m)))) for m in accepted)
    wanted = Counter(
        (address, frozenset(refs)) for address, emails in expected.items() for refs in emails
    )
    lost = sum(max(n - got[key], 0) for key, n in wanted.items())
    duplicated = sum(max(got[key] - n, 0) for key, n in wanted.items())
    unexpected = sum(n for key, n in got.items() if key not in wanted)
    figures = Figures(fault, sum(wanted.values()), len(accepted), lost, duplicated, unexpected)
    print(figures.line())
    return figures
