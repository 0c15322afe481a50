"""Bad or odd input to the search page: a clear message, a 4xx where it cannot be searched,
never a 500; and highlighted snippets that never let stored HTML through."""

from __future__ import annotations

import pytest

from meetings import services
from search.forms import MAX_QUERY
from search.highlight import Markers, plain_highlight
from tests.agenda_fixtures import add

pytestmark = pytest.mark.django_db


def test_an_empty_search_asks_for_words(world, signed_in):
    response = signed_in(world.member).get("/search/", {"q": "   "})
    assert response.status_code == 200
    assert "Enter one or more words to search for" in response.content.decode()


def test_a_search_longer_than_the_limit_is_refused_with_the_limit(world, signed_in):
    response = signed_in(world.member).get("/search/", {"q": "a" * (MAX_QUERY + 1)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and f"{MAX_QUERY:,} characters or fewer" in page


@pytest.mark.parametrize("q", ["a\x07b", "private\ue000use", "tab\x1bescape"])
def test_characters_that_cannot_be_searched_are_refused(world, signed_in, q):
    response = signed_in(world.member).get("/search/", {"q": q})
    assert response.status_code == 400
    page = response.content.decode()
    assert "cannot be searched for" in page and 'id="id_q"' in page


def test_nul_is_refused_before_the_search(world, signed_in):
    # The product's middleware answers a NUL anywhere in a request with its 400 page.
    assert signed_in(world.member).get("/search/", {"q": "bad\x00word"}).status_code == 400


def test_an_unknown_kind_is_refused(world, signed_in):
    response = signed_in(world.member).get("/search/", {"q": "patrols", "kind": "secrets"})
    assert response.status_code == 400
    assert "Choose a kind of result from the list" in response.content.decode()


@pytest.mark.parametrize(
    "q",
    [
        "the",  # only a stop word: an empty query for PostgreSQL
        '"unclosed phrase',
        "-",
        "!!! & | :* ()",
        "\u202eetirw\u200d",  # bidirectional override and a zero-width joiner
        "Zürich 東京 🚓",
        "' OR 1=1 --",
        "a:*",
    ],
)
def test_odd_searches_answer_without_error(world, meeting, signed_in, q):
    response = signed_in(world.member).get("/search/", {"q": q, "page": "x"})
    assert response.status_code == 200


def test_a_page_past_the_end_shows_the_last(world, meeting, signed_in):
    response = signed_in(world.member).get("/search/", {"q": "business", "page": "999"})
    assert response.status_code == 200
    assert "Any other <mark>business</mark>" in response.content.decode()


def test_stored_html_is_escaped_in_headings_and_snippets(world, meeting, signed_in):
    add(
        meeting,
        "<script>alert(1)</script> Tollgate",
        description="<b>Tollgate</b> <mark>fake</mark> & more",
    )
    page = signed_in(world.member).get("/search/", {"q": "Tollgate"}).content.decode()
    assert "<script>alert(1)</script>" not in page and "<b>" not in page
    assert "&lt;script&gt;" in page and "<mark>Tollgate</mark>" in page
    # PostgreSQL's headline drops the tags of a snippet, the fallback escapes them: either way
    # the stored <mark> is not one of ours.
    assert "<mark>fake" not in page


def test_markers_typed_into_stored_text_are_not_markup():
    markers = Markers.fresh()
    html = markers.to_html(f"<i>x</i> {markers.start}word{markers.stop} {markers.stop}")
    assert html == "&lt;i&gt;x&lt;/i&gt; <mark>word</mark> "
    assert Markers.fresh().start != markers.start


def test_the_fallback_snippet_escapes_and_marks():
    html = plain_highlight("a <b>Word</b> here", ["word"])
    assert html == "a &lt;b&gt;<mark>Word</mark>&lt;/b&gt; here"


def test_the_header_box_is_on_signed_in_pages_and_works_without_javascript(world, signed_in):
    page = signed_in(world.member).get("/").content.decode()
    assert 'id="header-search"' in page and 'action="/search/"' in page
    assert '<label class="govuk-label app-header-search__label" for="header-search-q">' in page


def test_the_search_keeps_the_query_in_the_header_box(world, meeting, signed_in):
    page = signed_in(world.member).get("/search/", {"q": "a<b"}).content.decode()
    assert 'value="a&lt;b"' in page


def test_an_item_renamed_is_found_by_its_new_title(world, meeting, signed_in):
    item = add(meeting, "Original wording")
    services.item_update(item=item, expected_revision=None, title="Renamed Kittiwake")
    page = signed_in(world.member).get("/search/", {"q": "kittiwake"}).content.decode()
    assert "<mark>Kittiwake</mark>" in page
