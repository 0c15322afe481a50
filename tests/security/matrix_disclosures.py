"""Matrix entries for the disclosure log (issue 16, section 3): its page and CSV, a good and a
bad period, and its read-only admin (no disclosure exists in the world: an id that does not)."""

from __future__ import annotations

from django.urls import reverse

from .matrix import get

MISSING = 999_999
PERIOD = "start=2000-01-01&end=2100-12-31"

ENTRIES = {
    "audit:disclosures": lambda w: [
        get(reverse("audit:disclosures")),
        get(f"{reverse('audit:disclosures')}?{PERIOD}"),
        get(f"{reverse('audit:disclosures')}?start=2026-02-30&end=x"),
    ],
    "audit:disclosures_csv": lambda w: [
        get(f"{reverse('audit:disclosures_csv')}?{PERIOD}"),
        get(f"{reverse('audit:disclosures_csv')}?start=2027-01-02&end=2027-01-01"),
    ],
}

ADMIN_ENTRIES = {"audit.disclosure": ("plain", lambda w: [MISSING])}
