"""The import page: chairs and clerks only, upload → preview → confirm, bad uploads, the
template, and a preview whose queries do not grow with its rows."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Action
from audit.models import ImportRecord
from tests.factories import CommitteeFactory, person_in

from .test_reading import xlsx

GOOD = b"Ref,Action,Action by,Deadline,Colour\n1,Report on stop and search,MPS,Jan 2015,red\n"
ONE_BAD = GOOD + b"2,Write to the CPS,Ministry of Magic,\n"


def page(w) -> str:
    return reverse("intake:actions", args=[w.committee.short_name])


def confirm(w) -> str:
    return reverse("intake:actions_confirm", args=[w.committee.short_name])


def upload(client, w, content: bytes, name: str = "log.csv"):
    return client.post(page(w), {"upload": SimpleUploadedFile(name, content)})


def token_of(response) -> str:
    return response.context["token"]


@pytest.mark.parametrize("who", ["chair", "clerk"])
def test_officers_preview_then_confirm(world, signed_in, who) -> None:
    client = signed_in(getattr(world, who))
    assert client.get(page(world)).status_code == 200
    preview = upload(client, world, GOOD)
    assert preview.status_code == 200
    body = preview.content.decode()
    assert "1 action will be created" in body and "Columns not used: Colour" in body
    assert Action.objects.count() == 0
    done = client.post(confirm(world), {"token": token_of(preview), "submit_token": _token()})
    assert done.status_code == 302
    assert f"committee={world.committee.short_name}" in done["Location"]
    action = Action.objects.get()
    assert action.description == "Report on stop and search"
    assert ImportRecord.objects.get().via == ImportRecord.Via.PAGE


def _token() -> str:
    from core.once import new_token

    return new_token()


@pytest.mark.parametrize("who", ["member", "lead", "partner_member"])
def test_partners_who_do_not_run_the_committee_are_refused(world, signed_in, who) -> None:
    client = signed_in(getattr(world, who))
    assert client.get(page(world)).status_code == 403
    assert upload(client, world, GOOD).status_code == 403
    assert client.post(confirm(world), {"token": "0" * 32}).status_code == 403
    assert Action.objects.count() == 0


def test_the_lead_of_another_committee_is_not_shown_this_one(world, signed_in) -> None:
    other = CommitteeFactory(host=world.cps)
    lead = person_in(world.cps, email="officer@cps.example")
    other.chairs.add(lead)
    client = signed_in(lead)
    assert client.get(page(world)).status_code == 404
    assert upload(client, world, GOOD).status_code == 404


def test_signed_out_people_are_sent_to_sign_in(world, client) -> None:
    assert client.get(page(world)).status_code == 302


def test_a_bad_row_is_shown_with_its_row_and_column_and_can_be_left_out(world, signed_in) -> None:
    client = signed_in(world.clerk)
    preview = upload(client, world, ONE_BAD)
    body = preview.content.decode()
    assert "Row 3, column C (Action by): No agency is called" in body
    assert "Import the 1 good row, leave out the 1 bad" in body
    client.post(confirm(world), {"token": token_of(preview), "skip_invalid": "on"})
    assert Action.objects.count() == 1
    assert ImportRecord.objects.get().refused == 1


def test_confirm_without_skipping_refuses_a_file_with_bad_rows(world, signed_in) -> None:
    client = signed_in(world.clerk)
    preview = upload(client, world, ONE_BAD)
    refused = client.post(confirm(world), {"token": token_of(preview)})
    assert refused.status_code == 400
    assert Action.objects.count() == 0


def test_confirm_imports_what_was_previewed_not_what_changed_since(world, signed_in) -> None:
    client = signed_in(world.clerk)
    preview = upload(client, world, b"Action,Action by\nCall back,Safer London Fdn\n")
    assert "Create" in preview.content.decode()
    world.safer_london.aliases = []
    world.safer_london.name = "Renamed charity"
    world.safer_london.save()
    changed = client.post(confirm(world), {"token": token_of(preview)})
    assert changed.status_code == 409
    assert "has changed since your preview" in changed.content.decode()
    assert Action.objects.count() == 0


def test_a_token_from_another_session_or_committee_is_refused(world, signed_in) -> None:
    client = signed_in(world.clerk)
    assert client.post(confirm(world), {"token": "a" * 32}).status_code == 400
    assert client.post(confirm(world), {"token": "not-hex"}).status_code == 400
    preview = upload(client, world, GOOD)
    client.post(confirm(world), {"token": token_of(preview)})
    again = client.post(confirm(world), {"token": token_of(preview)})
    assert again.status_code == 400
    assert Action.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "name", "says"),
    [
        (b"", "log.csv", "The file is empty"),
        (b"\x00\x01garbage\xff\x00", "log.csv", "not a CSV or XLSX"),
        (b"%PDF-1.4 not a spreadsheet", "log.xlsx", "not a readable XLSX"),
        (b"Colour,Size\nx,y\n", "log.csv", "no column for Action or Action by"),
        (b"a" * (3 * 1024 * 1024), "log.csv", "smaller than 2 MB"),
    ],
)
def test_bad_uploads_get_a_message_and_a_4xx(world, signed_in, content, name, says) -> None:
    response = upload(signed_in(world.clerk), world, content, name)
    assert response.status_code == 400
    assert says in response.content.decode()


def test_no_file_chosen(world, signed_in) -> None:
    response = signed_in(world.clerk).post(page(world), {})
    assert response.status_code == 400
    assert "Choose a CSV or XLSX file" in response.content.decode()


def test_xlsx_upload(world, signed_in) -> None:
    data = xlsx([["Action", "Action by"], ["Write to the Met", "the Met"]])
    response = upload(signed_in(world.clerk), world, data, "log.xlsx")
    assert "1 action will be created" in response.content.decode()


def test_the_template_is_a_csv_with_the_columns(world, signed_in) -> None:
    response = signed_in(world.member).get(reverse("intake:actions_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().startswith("Ref,Action,Action by,Owner,Deadline")


def test_the_committee_page_and_register_link_to_the_import_for_officers_only(
    world, signed_in
) -> None:
    committee_page = world.committee.get_absolute_url()
    register = reverse("actions:register") + f"?scope=all&committee={world.committee.short_name}"
    for who, shown in ((world.clerk, True), (world.member, False)):
        client = signed_in(who)
        assert (page(world) in client.get(committee_page).content.decode()) is shown
        assert (page(world) in client.get(register).content.decode()) is shown


def _rows(n: int) -> bytes:
    lines = ["Ref,Action,Action by,Owner,Meeting date,Item"]
    lines += [f"{i},Action {i},MPS,lead@met.example,09/10/2014,Item {i}" for i in range(n)]
    return ("\n".join(lines) + "\n").encode()


def test_the_preview_costs_the_same_queries_for_few_or_many_rows(world, signed_in) -> None:
    client = signed_in(world.clerk)
    with CaptureQueriesContext(connection) as few:
        assert upload(client, world, _rows(2)).status_code == 200
    with CaptureQueriesContext(connection) as many:
        assert upload(client, world, _rows(60)).status_code == 200
    assert len(many) == len(few)


def test_uploads_never_confirmed_are_deleted_a_day_later(world, signed_in) -> None:
    import datetime

    import time_machine
    from django.core.files.storage import default_storage

    from intake import previews

    client = signed_in(world.clerk)
    before = (
        set(default_storage.listdir("imports")[1]) if default_storage.exists("imports") else set()
    )
    upload(client, world, GOOD)
    assert len(set(default_storage.listdir("imports")[1]) - before) == 1
    assert previews.sweep() == 0  # not stale yet
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)):
        assert previews.sweep() >= 1
    assert default_storage.listdir("imports")[1] == []
