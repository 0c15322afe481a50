"""Every CSV the product serves goes through core.csv, and free text comes out of it as text,
never as a spreadsheet formula (OWASP CSV injection)."""

from __future__ import annotations

import ast
import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from actions import services as action_services
from agencies.models import Agency
from attendance import services as attendance_services
from audit.models import Disclosure
from core.csv import FORMULA_STARTS, FormulaSafeCSV, safe_cell
from core.marking import official, sensitive
from tests.agenda_fixtures import MEETING_DATE, month_of
from tests.factories import person_in
from tests.urlwalk import all_urls

HYPERLINK = '=HYPERLINK("http://x","y")'
NAMES = ["=SUM(1+1)", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)"]
FIRST, LAST = month_of(MEETING_DATE)
# Each CSV URL, with a query that gives rows. A new CSV URL fails the walk until it is listed.
QUERIES = {
    "actions:csv": {"scope": "all"},
    "attendance:statistics_csv": {"start": FIRST.isoformat(), "end": LAST.isoformat()},
    # The import template: no stored text in it, but written by the same response.
    "intake:actions_template": {},
    # The disclosure log, read by a records officer: names as they were disclosed to.
    # (Its period is the days around the test's run: see _disclosed_to_tricky_names.)
    "audit:disclosures_csv": {},
}


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_text_that_would_start_a_formula_is_quoted(start):
    assert safe_cell(f"{start}1") == f"'{start}1"


@pytest.mark.parametrize("value", ["Safer London", "", "a=b", 3, -3, None, 1.5])
def test_other_values_are_left_alone(value):
    assert safe_cell(value) == value


def test_the_response_writes_every_row_through_safe_cell():
    response = FormulaSafeCSV("x.csv", ["=Header"], marking=official())
    response.writerow([HYPERLINK, 7, "ok"])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [["'=Header"], [f"'{HYPERLINK}", "7", "ok"]]


def test_a_csv_of_restricted_content_starts_with_its_marking():
    response = FormulaSafeCSV("x.csv", ["Header"], marking=sensitive(["=Panel only"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [["OFFICIAL-SENSITIVE. =Panel only."], ["Header"]]
    with pytest.raises(TypeError):
        FormulaSafeCSV("x.csv", ["Header"])  # type: ignore[call-arg]


def _csv_urls() -> dict[str, str]:
    return {
        name: path
        for path, name in all_urls()
        if "csv" in name.lower() or path.lower().endswith(".csv")
    }


def test_the_walk_knows_every_csv_url():
    assert set(_csv_urls()) == set(QUERIES)


@pytest.fixture
def tricky(world, meeting):
    """An action whose description is a formula; people and an agency whose names start one."""
    item = meeting.items.get(title="Minutes of the last meeting")
    action_services.action_create(
        by=world.clerk,
        committee=world.committee,
        agenda_item=item,
        description=HYPERLINK,
        owning_agency=world.mps,
    )
    for name in NAMES:
        person = person_in(world.mps, full_name=name)
        attendance_services.invitation_add(
            meeting=meeting, by=world.clerk, person=person, agency=world.mps, capacity="member"
        )
    Agency.objects.filter(pk=world.mps.pk).update(name="@Metropolitan Police Service")


def _disclosed_to_tricky_names(world) -> dict[str, str]:
    """Disclosures to and by people with formula-like names, now; the period around now."""
    world.clerk.is_records_officer = True
    world.clerk.save(update_fields=["is_records_officer"])
    for n in NAMES:
        Disclosure.objects.create(
            committee=world.committee, kind="item", object_id=1, label=n, route="page",
            by_name=n, to_name="@Metropolitan Police Service",
        )  # fmt: skip
    today = timezone.localdate()
    return {"start": f"{today - timedelta(days=1)}", "end": f"{today + timedelta(days=1)}"}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_csv_download_is_formula_safe(world, tricky, signed_in, name):
    query = QUERIES[name]
    if name == "audit:disclosures_csv":
        query = _disclosed_to_tricky_names(world)
    response = signed_in(world.clerk).get(_csv_urls()[name], query)
    assert response.status_code == 200
    assert isinstance(response, FormulaSafeCSV)
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    if name == "intake:actions_template":
        assert "Action by" in rows[0]
        return
    assert len(rows) > 1
    if name == "actions:csv":
        assert f"'{HYPERLINK}" in cells
    else:
        assert {f"'{n}" for n in NAMES} <= set(cells)
        assert "'@Metropolitan Police Service" in cells


def _project_modules() -> list[Path]:
    """Every module of the project's own packages (not the tests, not installed libraries)."""
    root = Path(settings.BASE_DIR)
    packages = [d for d in root.iterdir() if (d / "__init__.py").exists() and d.name != "tests"]
    return [
        path
        for package in packages
        for path in sorted(package.rglob("*.py"))
        if path != root / "core" / "csv.py"
    ]


def test_no_module_but_core_writes_csv():
    # A view building its own csv.writer is how register_csv came to skip the escaping.
    wrong = []
    for path in _project_modules():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in {"writer", "DictWriter"}
                and isinstance(node.value, ast.Name)
                and node.value.id == "csv"
            ):
                wrong.append(f"{path}:{node.lineno}")
    assert wrong == []
