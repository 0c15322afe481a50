"""Loads the seed committees; running it again changes nothing."""

from __future__ import annotations

from django.db import transaction

from agencies.demo_data import COMMITTEES
from agencies.models import Agency, User

from .models import Committee


@transaction.atomic
def load_committees(*, people: dict[str, User]) -> dict[str, Committee]:
    """Create or update the three seed committees with their chairs, clerks and agencies."""
    agencies = {a.short_name: a for a in Agency.objects.all()}
    committees = {}
    for row in COMMITTEES:
        committee, _ = Committee.objects.update_or_create(
            short_name=row["short_name"].lower(),
            defaults={
                "name": row["name"],
                "description": row["description"],
                "host": agencies[row["host"]],
            },
        )
        committee.member_agencies.set([agencies[s] for s in row["member_agencies"]])
        committee.chairs.set([people[k] for k in row["chairs"]])
        committee.secretariat.set([people[k] for k in row["secretariat"]])
        committees[row["short_name"]] = committee
    return committees
