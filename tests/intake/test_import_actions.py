"""`import_actions`: bad rows named by row and column, dry run, skipping, idempotency, one
transaction, the audit entry, and agencies matched by alias or close spelling."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from actions.models import Action, ActionUpdate
from audit.models import ImportRecord
from intake.models import ImportedAction
from tests.factories import AgencyFactory

from .test_reading import xlsx

# fmt: off
GOOD = """Ref,Action,Action by,Owner,Deadline,Status,Update,Meeting date,Notes
1,Send the Committee the MPS response on CSE,Met Police,lead@met.example,Jan 2015,Open,,09/10/2014,x
2,Publish the Police and Crime Plan refresh,Mayors Office for Policing and Crime,,within 12 months,Complete,Published in May,09/10/2014,
3,Write to the Home Office,MOPAC,,end of March 2015,In progress,,09/10/2014,
"""  # noqa: E501
# fmt: on


def run(path, *args, committee: str = "mopac-challenge") -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_actions", str(path), "--committee", committee, *args, stdout=out, stderr=err
    )
    return out.getvalue(), err.getvalue()


@pytest.fixture
def met(world):
    world.mps.aliases = ["Met Police", "the Met"]
    world.mps.save()
    return world


def test_a_good_file_creates_its_actions_through_the_services(met, csv_file) -> None:
    out, _ = run(csv_file(GOOD), "--by", met.clerk.email)
    assert "3 actions created" in out
    assert "Columns not used: “Notes”" in out
    first = Action.objects.get(reference="MOPAC-CHALLENGE-1")
    assert first.owning_agency == met.mps and first.owner == met.lead
    assert (first.due_date, first.due_text) == (datetime.date(2015, 1, 31), "Jan 2015")
    assert first.created_by == met.clerk
    second = Action.objects.get(reference="MOPAC-CHALLENGE-2")
    assert second.owning_agency == met.mopac
    assert second.due_date == datetime.date(2015, 10, 9)
    assert second.status == Action.Status.COMPLETED
    update = ActionUpdate.objects.get(action=second)
    assert (update.note, update.status_to) == ("Published in May", Action.Status.COMPLETED)
    assert Action.objects.get(reference="MOPAC-CHALLENGE-3").status == Action.Status.IN_PROGRESS


def test_importing_the_same_file_twice_adds_nothing(met, csv_file) -> None:
    path = csv_file(GOOD)
    run(path)
    out, _ = run(path)
    assert "0 actions created, 3 already there" in out
    assert Action.objects.count() == 3 == ImportedAction.objects.count()


def test_rows_without_a_reference_are_keyed_by_meeting_date_and_wording(met, csv_file) -> None:
    text = (
        "Action,Action by,Meeting date\n"
        "Call the CPS,MOPAC,9/10/2014\n"
        "Call the CPS,MOPAC,10/10/2014\n"
    )
    path = csv_file(text)
    run(path)
    run(path)
    assert Action.objects.count() == 2
    assert Action.objects.first().reference.startswith("MOPAC-CHALLENGE-")


BAD = """Ref,Action,Action by,Deadline
1,Good row,MPS,Jan 2015
2,,MPS,
3,Unknown agency,Ministry of Magic,
4,Impossible date,MPS,31/02/2015
"""


def test_bad_rows_refuse_the_whole_file_naming_row_and_column(met, csv_file) -> None:
    out = io.StringIO()
    err = io.StringIO()
    with pytest.raises(CommandError, match="3 rows refused"):
        call_command(
            "import_actions", str(csv_file(BAD)), "--committee", "mopac-challenge",
            stdout=out, stderr=err,
        )  # fmt: skip
    lines = err.getvalue()
    assert "Row 3, column B (Action): The action is empty" in lines
    assert "Row 4, column C (Action by): No agency is called “Ministry of Magic”" in lines
    assert "Row 5, column D (Deadline): “31/02/2015” is not a real date." in lines
    assert Action.objects.count() == 0
    assert ImportRecord.objects.count() == 0


def test_skip_invalid_writes_the_good_rows_and_reports_the_bad(met, csv_file) -> None:
    out, err = run(csv_file(BAD), "--skip-invalid")
    assert "1 actions created, 0 already there, 3 rows refused" in out
    assert "Row 4, column C" in err
    assert list(Action.objects.values_list("description", flat=True)) == ["Good row"]
    record = ImportRecord.objects.get()
    assert (record.created, record.unchanged, record.refused) == (1, 0, 3)


def test_dry_run_writes_nothing_and_says_what_would_happen(met, csv_file) -> None:
    out, _ = run(csv_file(GOOD), "--dry-run")
    assert "3 actions would be created" in out
    assert Action.objects.count() == 0 == ImportRecord.objects.count()
    with pytest.raises(CommandError, match="would be refused"):
        run(csv_file(BAD), "--dry-run")


def test_the_audit_entry_names_who_which_file_and_the_counts(met, csv_file) -> None:
    run(csv_file(GOOD, name="october-log.csv"), "--by", met.chair.email)
    record = ImportRecord.objects.get()
    assert record.imported_by == met.chair
    assert record.file_name == "october-log.csv"
    assert record.committee == met.committee
    assert (record.kind, record.created, record.refused) == ("actions", 3, 0)


def test_a_failure_while_writing_leaves_nothing_half_saved(met, csv_file) -> None:
    # The owner is not in the agency only once checked by the service: the plan matched him in
    # the MPS, then he left it. Row 2 fails in the write, after row 1 was created.
    text = "Ref,Action,Action by,Owner\n1,First,MPS,\n2,Second,MPS,lead@met.example\n"
    path = csv_file(text)
    from intake.action_rows import plan_actions
    from intake.reading import read_table
    from intake.services import ImportRefused, actions_import

    plan = plan_actions(
        read_table(path.read_bytes(), "x.csv"), committee=met.committee, by=met.clerk
    )
    met.lead.memberships.all().delete()
    with pytest.raises(ImportRefused):
        actions_import(plan=plan, committee=met.committee, by=met.clerk, file_name="x.csv")
    assert Action.objects.count() == 0 == ImportedAction.objects.count()


def test_only_officers_import(met, csv_file) -> None:
    with pytest.raises(CommandError, match="is not a chair or clerk"):
        run(csv_file(GOOD), "--by", met.lead.email)
    with pytest.raises(CommandError, match="is not a chair or clerk"):
        run(csv_file(GOOD), "--by", met.lead.email, "--dry-run")
    assert Action.objects.count() == 0


def test_a_formula_is_stored_as_typed(met, csv_file) -> None:
    run(csv_file('Action,Action by\n"=HYPERLINK(""http://x.example"")",MPS\n'))
    assert Action.objects.get().description == '=HYPERLINK("http://x.example")'


def test_xlsx_with_date_cells(met, tmp_path) -> None:
    path = tmp_path / "log.xlsx"
    path.write_bytes(
        xlsx(
            [
                ["Action", "Action by", "Deadline", "Meeting date"],
                [
                    "Report back",
                    "the Met",
                    datetime.datetime(2015, 2, 1),
                    datetime.datetime(2014, 10, 9),
                ],
            ]
        )
    )
    run(path)
    action = Action.objects.get()
    assert action.due_date == datetime.date(2015, 2, 1) and action.owning_agency == met.mps


def test_a_too_long_cell_is_a_row_error(met, csv_file) -> None:
    with pytest.raises(CommandError):
        run(csv_file(f"Action,Action by,Deadline\nx,MPS,{'y' * 101}\n"))
    _, err = run(csv_file(f"Action,Action by,Deadline\nx,MPS,{'y' * 101}\n"), "--skip-invalid")
    assert "Row 2, column C (Deadline): This cell has 101 characters; the limit is 100." in err


@pytest.mark.parametrize(
    ("typed", "short"),
    [
        ("Metropolitan Police Service (MPS)", "MPS"),
        ("Metropolitan Police Servce", "MPS"),
        ("Mayors Office for Policing and Crime", "MOPAC"),
        ("mps", "MPS"),
    ],
)
def test_agencies_by_name_short_name_alias_or_close_spelling(met, csv_file, typed, short) -> None:
    run(csv_file(f'Action,Action by\nx,"{typed}"\n'))
    assert Action.objects.get().owning_agency.short_name == short


def test_an_ambiguous_agency_is_refused_naming_the_candidates(met, csv_file) -> None:
    AgencyFactory(name="London Borough of Barnet", short_name="LBB")
    AgencyFactory(name="London Borough of Brent", short_name="LBBR")
    _, err = run(csv_file("Action,Action by\nx,London Borough of Barnt\ny,London Borough of Bre\n"),
                 "--skip-invalid")  # fmt: skip
    assert "London Borough of Barnet (LBB) and London Borough of Brent (LBBR)" in err


def test_missing_required_columns_are_named(met, csv_file) -> None:
    with pytest.raises(CommandError, match="no column for Action by"):
        run(csv_file("Action,Who knows\nx,y\n"))


def test_a_bad_file_is_a_clear_error(met, tmp_path) -> None:
    path = tmp_path / "log.csv"
    path.write_bytes(b"\x00\xff\x00garbage")
    with pytest.raises(CommandError, match="not a CSV or XLSX"):
        run(path)


def test_aliases_are_typed_one_per_line_in_the_admin(world, client) -> None:
    from tests.factories import UserFactory

    admin_user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin_user, backend="django.contrib.auth.backends.ModelBackend")
    url = f"/admin/agencies/agency/{world.mps.pk}/change/"
    assert "the Met" in client.get(url).content.decode()
    data = {
        "name": world.mps.name, "short_name": "MPS", "kind": world.mps.kind,
        "aliases": "Met Police\n  the   Met \n\nMet Police\n",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    world.mps.refresh_from_db()
    assert world.mps.aliases == ["Met Police", "the Met"]


def test_a_restricted_items_action_only_for_an_agency_granted_it(world, meeting, csv_file) -> None:
    from tests.agenda_fixtures import MEETING_DAY, SECRET

    text = f"Action,Action by,Meeting date,Item\nHear it,MPS,{MEETING_DAY},{SECRET}\n"
    _, err = run(csv_file(text), "--skip-invalid")
    assert "Row 2, column D (Item): Metropolitan Police Service may not see this restricted" in err
    assert Action.objects.count() == 0
    run(csv_file(text.replace("MPS", "MOPAC")))
    action = Action.objects.get()
    assert action.agenda_item.title == SECRET and action.restricted
    assert "-R" in action.reference  # no place in the public sequence gives it away
