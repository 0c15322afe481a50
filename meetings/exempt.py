"""Exempt items of committees that meet in public (Local Government Act 1972, Schedule 12A)."""

from __future__ import annotations

from collections.abc import Iterable


def exclusion_resolution(paragraphs: Iterable[int]) -> str:
    """The resolution that excludes the press and public before the first exempt item."""
    numbers = sorted(set(paragraphs))
    if not numbers:
        cited = "Part 1"
    elif len(numbers) == 1:
        cited = f"paragraph {numbers[0]} of Part 1"
    else:
        listed = ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"
        cited = f"paragraphs {listed} of Part 1"
    return (
        "That the press and public be excluded from the meeting for the following item(s) of "
        "business on the grounds that they involve the likely disclosure of exempt information "
        f"as defined in {cited} of Schedule 12A to the Local Government Act 1972."
    )
