"""The demo's imports: the ten recommendations of the PCC's diversity report, brought in as a
partnership would bring in its action log (through intake, from a CSV kept in demo/data)."""

from __future__ import annotations

from pathlib import Path

from agencies.models import User
from intake.action_rows import plan_actions
from intake.reading import read_table
from intake.services import Result, actions_import
from meetings.models import Committee

RECOMMENDATIONS = (
    Path(__file__).resolve().parent / "data" / "imports" / "pcc-diversity-recommendations.csv"
)
CLERK = "joanna.brown@gla.example"


def load_recommendations() -> Result:
    """Import the diversity report's recommendations as PCC actions; again, it adds nothing."""
    committee = Committee.objects.get(short_name="pcc")
    clerk = User.objects.get(email=CLERK)
    table = read_table(RECOMMENDATIONS.read_bytes(), RECOMMENDATIONS.name)
    plan = plan_actions(table, committee=committee, by=clerk)
    return actions_import(plan=plan, committee=committee, by=clerk, file_name=RECOMMENDATIONS.name)
