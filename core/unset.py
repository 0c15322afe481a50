"""`UNSET`, the default of an update's keyword arguments, so that "not given" differs from None."""

from __future__ import annotations

import enum
from typing import Final


class Unset(enum.Enum):
    """The type of UNSET: a keyword argument the caller did not give."""

    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = Unset.UNSET


def given(**values: object) -> dict[str, object]:
    """The keyword arguments that were given, leaving out those still UNSET."""
    return {name: value for name, value in values.items() if value is not UNSET}
