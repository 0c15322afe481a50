"""Smoke tests of the benchmark at its smallest scale: the generator writes a consistent
partnership, the floor views and the query-count header work, and none of it is reachable from
the product's own URLs."""

from __future__ import annotations

import datetime
import json
from io import BytesIO

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve
from django.utils import timezone
from pypdf import PdfReader

from actions.models import Action, Delivery
from actions.visibility import visible_actions
from agencies.models import Agency, User
from audit.models import RestrictedRead
from bench import run
from bench.dataset.papers import write_paper_files
from bench.generate import MEASURED_ITEMS, SMALL_AGENCY, Sizes, generate, personas
from bench.middleware import HEADER
from bench.runner import loading
from meetings.models import AgendaItem, AgendaItemGroupObjectPermission, Meeting, Paper


@pytest.fixture
def dataset(db):
    """The smallest dataset the generator makes, and who the runner measures with."""
    built = generate(scale=0)
    return built, personas()


def test_sizes_at_scale_one_are_the_issues_partnership():
    sizes = Sizes.at(1)
    assert sizes.agencies >= 300
    assert sizes.users == 3000
    assert sizes.committees == 40
    assert sizes.meetings == 5000
    assert sizes.items == 60_000
    assert sizes.actions == 100_000
    assert sizes.due == 10_000


def test_generator_writes_a_consistent_partnership(dataset):
    built, found = dataset
    sizes = built.sizes
    assert Agency.objects.count() == sizes.agencies
    assert Meeting.objects.count() == sizes.meetings
    assert AgendaItem.objects.count() == sizes.items
    assert Action.objects.count() == sizes.actions
    assert AgendaItem.objects.filter(meeting_id=found.measured_meeting).count() == MEASURED_ITEMS
    restricted = AgendaItem.objects.filter(restricted=True)
    assert restricted.count() == pytest.approx(sizes.items / 10, abs=5)
    # Every restricted item is granted to some agency, and sub-items follow their parents.
    granted = set(AgendaItemGroupObjectPermission.objects.values_list("content_object", flat=True))
    assert set(restricted.values_list("id", flat=True)) <= granted
    assert not AgendaItem.objects.filter(parent__restricted=True, restricted=False).exists()
    # Action.restricted mirrors its item, as Action.save and item_restrict keep it.
    assert not Action.objects.exclude(restricted=False).filter(agenda_item__isnull=True).exists()
    mismatched = Action.objects.filter(agenda_item__isnull=False).exclude(
        restricted=F("agenda_item__restricted")
    )
    assert not mismatched.exists()
    assert Action.objects.filter(restricted=True, owning_agency__short_name=SMALL_AGENCY).exists()
    horizon = timezone.localdate() + datetime.timedelta(days=7)
    due = Action.objects.filter(status__in=Action.OUTSTANDING, due_date__lte=horizon)
    assert due.count() == sizes.due + 5  # the small charity's five are due or overdue too
    # History only for actions already done, so the first sweep finds every step to write.
    assert not Delivery.objects.filter(notification__action__status__in=Action.OUTSTANDING).exists()


@pytest.mark.urls("bench.urls")
def test_floor_views_return_the_rows_of_their_pages(dataset, signed_in):
    _, found = dataset
    member = signed_in(User.objects.get(pk=found.member))
    agenda = member.get(f"/meetings/{found.measured_meeting}/").content.decode()
    floor = member.get(f"/bench/floor/agenda/{found.measured_meeting}/")
    assert floor.status_code == 200
    assert run.count_rows("agenda", agenda) == len(floor.json()["rows"]) == MEASURED_ITEMS
    # The page hides what the member may not see; the floor has no access logic at all.
    assert "Restricted item" in agenda
    register = member.get(f"/bench/floor/register/?agency={found.big_agency}")
    assert len(register.json()["rows"]) == 50
    summary = member.get(f"/bench/floor/summary/{found.measured_meeting}/").json()
    assert summary["rows"]
    dashboard = member.get(f"/bench/floor/dashboard/{found.big_agency}/").json()
    overdue = Action.objects.filter(
        owning_agency_id=found.big_agency,
        status__in=Action.OUTSTANDING,
        due_date__lt=timezone.localdate(),
    )
    assert len(dashboard["rows"]) == min(overdue.count(), 10) > 0
    assert (
        sum(dashboard["counts"].values())
        == Action.objects.filter(owning_agency_id=found.big_agency).count()
    )
    lead = signed_in(User.objects.get(pk=found.lead))
    home_page = lead.get("/").content.decode()
    home = lead.get(f"/bench/floor/home/{found.lead}/").json()
    assert home["rows"] and home["counts"]["agency"] > 0
    # The page lists the same actions as its floor (the floor ignores access; the lead's
    # agency's actions in this dataset are ones the lead may see).
    assert 0 < run.count_rows("home", home_page) <= len({row["id"] for row in home["rows"]})


@pytest.mark.urls("bench.urls")
def test_the_header_counts_every_query_of_the_request(dataset, signed_in, settings):
    settings.MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *settings.MIDDLEWARE]
    _, found = dataset
    client = signed_in(User.objects.get(pk=found.lead))
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/actions/?scope=agency")
    assert response.status_code == 200
    assert int(response[HEADER]) == len(queries.captured_queries) > 0
    lead = User.objects.get(pk=found.lead)
    visible = visible_actions(lead).filter(owning_agency_id=found.big_agency).count()
    assert run.count_rows("register", response.content.decode()) == min(visible, 50) > 0


def test_floor_views_are_not_in_the_products_urls():
    with pytest.raises(Resolver404):
        resolve("/bench/floor/register/")


def test_count_rows_reads_json_and_pages():
    assert run.count_rows("register", json.dumps({"rows": [1, 2, 3]})) == 3
    page = '<a href="/actions/4/">A4</a> <a href="/actions/4/">again</a> <a href="/actions/9/">'
    assert run.count_rows("summary", page) == 2


def test_the_runner_refuses_to_recreate_a_shared_database():
    with pytest.raises(SystemExit):
        run._admin_url("postgres://postgres@127.0.0.1:5432/postgres")
    assert run._admin_url("postgres://postgres@127.0.0.1:5432/bench") == (
        "postgres://postgres@127.0.0.1:5432/postgres",
        "bench",
    )


def test_rounds_alternate_page_and_floor_and_pool_their_responses(monkeypatch):
    calls = []

    def fake_load(base, path, sessions, users, duration):
        calls.append((path, duration))
        ms = 100.0 if path == "/page/" else 50.0
        return run.Run([(10.0, ms, 7.0), (11.0, ms + 20, 7.0)], 0)

    monkeypatch.setattr(loading, "load", fake_load)  # where measure looks it up
    page = run.Page("p", "a page", "/page/", "/floor/", "/page/?small", 1, 1)
    page.sessions = ["s"]
    run.measure("http://127.0.0.1:1", page, 8, 20.0, 4)
    assert [path for path, _ in calls] == ["/page/", "/floor/", "/floor/", "/page/"] * 2
    assert {duration for _, duration in calls} == {5.0}
    pooled = page.results[("page", 8)]
    assert pooled.requests == 8 and pooled.median_ms == 110.0 and pooled.queries == 7.0
    assert page.results[("floor", 8)].median_ms == 60.0


def test_small_variants_show_a_restricted_item_as_their_pages_do(dataset, signed_in):
    """Each page and its small variant both write the read log, so that their query counts
    compare rows with rows (restricted reads cost a fixed few queries)."""
    _, found = dataset
    member = signed_in(User.objects.get(pk=found.member))
    by_name = {page.name: page for page in loading.pages(found)}
    # The common word's first page holds restricted items at scale 10, not always at scale 0.
    shown = {"agenda": ("path", "small_path"), "pack": ("path", "small_path")}
    for name, paths in {**shown, "search": ("small_path",)}.items():
        page = by_name[name]
        assert page.small_user == page.user == found.member
        for path in (getattr(page, attribute) for attribute in paths):
            before = RestrictedRead.objects.filter(reader_id=found.member).count()
            response = member.get(path)
            assert response.status_code == 200, path
            after = RestrictedRead.objects.filter(reader_id=found.member).count()
            assert after > before, f"{path} showed no restricted item"
    small = member.get(by_name["search"].small_path).content.decode()
    big = member.get(by_name["search"].path).content.decode()
    assert 0 < run.count_rows("search", small) < run.count_rows("search", big)
    assert found.small_meeting != found.measured_meeting


@pytest.mark.urls("bench.urls")
def test_the_measured_packs_merge_their_papers_once_they_have_files(
    dataset, signed_in, settings, tmp_path, caplog
):
    """The generator writes no paper files; the runner writes the measured meetings' (once),
    so that the pack and its floor merge papers as a real pack does."""
    settings.MEDIA_ROOT = tmp_path
    _, found = dataset
    meetings = [found.measured_meeting, found.small_meeting]
    papers = Paper.objects.filter(item__meeting_id__in=meetings)
    # Each pack merges a restricted item's paper, whose read it logs.
    for meeting in meetings:
        assert papers.filter(item__meeting_id=meeting, item__restricted=True).exists()
    pack = next(page for page in loading.pages(found) if page.name == "pack")
    member = signed_in(User.objects.get(pk=found.member))
    assert member.get(pack.path).status_code == 200
    assert "not merged" in caplog.text
    caplog.clear()
    assert write_paper_files(meetings) == papers.count()
    assert write_paper_files(meetings) == 0
    for view in (pack.path, pack.floor):
        response = member.get(view)
        assert response.status_code == 200
        pages = PdfReader(BytesIO(response.content))
        assert any("Benchmark paper" in page.extract_text() for page in pages.pages), view
    assert "not merged" not in caplog.text
