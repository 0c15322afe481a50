"""The attendance fixtures, shared: the committee invited and a guest of the restricted item."""

from tests.attendance.conftest import invited

__all__ = ["invited"]
