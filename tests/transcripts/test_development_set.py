"""Recall and precision of the draft actions on the labelled development set (Justice Matters)."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.factories import AgencyFactory
from transcripts.drafting import draft_actions
from transcripts.matching import SpeakerMatcher
from transcripts.reading import text_lines

DATA = Path(__file__).parent / "data"
TRANSCRIPT = DATA / "justice-matters-2016-11-28-transcript.txt"
# The development set, and two more hearings labelled the same way to check the rules carry over
# (LABELLING.md says how each was made).
SETS = {
    "development": "justice-matters-2016-11-28",
    "validation": "mopac-challenge-cse-2015-06-10",
    "committee": "police-and-crime-committee-2014-12-04",
}


def _score(drafts: list[dict], labels: list[dict]) -> tuple[float, float, list[tuple[dict, dict]]]:
    """(recall, precision, matched pairs): a draft matches a label when it starts on one of the
    label's lines; each label is matched once, so a second draft of it is a false positive."""
    matched: list[tuple[dict, dict]] = []
    used: set[int] = set()
    for draft in drafts:
        for index, label in enumerate(labels):
            if index not in used and draft["line"] in label["lines"]:
                used.add(index)
                matched.append((draft, label))
                break
    recall = len(used) / len(labels)
    precision = len(matched) / len(drafts) if drafts else 0.0
    return recall, precision, matched


@pytest.fixture
def directory(db) -> None:
    """The agencies the hearings' speakers belong to, as an agency directory would hold them:
    names and short names only, so a label must be matched through them."""
    AgencyFactory(name="Mayor's Office for Policing and Crime", short_name="MOPAC")
    AgencyFactory(name="Metropolitan Police Service", short_name="MPS", aliases=["the Met"])
    AgencyFactory(name="Crown Prosecution Service", short_name="CPS")
    AgencyFactory(name="NHS England", short_name="NHSE")
    AgencyFactory(name="London Safeguarding Children Board", short_name="LSCB")
    AgencyFactory(name="London Borough of Croydon", short_name="LB-CROYDON")
    AgencyFactory(name="Safer London", short_name="SAFER-LONDON")
    AgencyFactory(name="Greater London Authority", short_name="GLA", aliases=["London Assembly"])


@pytest.mark.parametrize("name", SETS)
def test_recall_precision_speaker_and_agency_on_the_labelled_sets(directory, name) -> None:
    stem = SETS[name]
    labels = json.loads((DATA / f"{stem}-commitments.json").read_text())
    out = io.StringIO()
    call_command("draft_actions", str(DATA / f"{stem}-transcript.txt"), "--json", stdout=out)
    drafts = json.loads(out.getvalue())
    recall, precision, matched = _score(drafts, labels)
    speaker_right = sum(d["speaker"] == label["speaker"] for d, label in matched) / len(matched)
    agency_right = sum(d["agency"] == label["agency"] for d, label in matched) / len(matched)
    print(
        f"\n{name} set: {len(labels)} labels, {len(drafts)} drafts, recall {recall:.2f}, "
        f"precision {precision:.2f}, speaker {speaker_right:.2f}, agency {agency_right:.2f}"
    )
    assert recall >= 0.85
    assert precision >= 0.70
    assert speaker_right >= 0.90
    assert agency_right >= 0.80


@pytest.mark.parametrize(
    ("label", "agency"),
    [
        ("Assistant Commissioner Cressida Dick (MPS)", "MPS"),
        ("Keith Niven (Temporary Commander, SOECA, MPS)", "MPS"),
        ("Jenny Jones AM", "GLA"),
        ("Joanne McCartney AM (Chair)", "GLA"),
        ("Stephen Greenhalgh (Deputy Mayor for Policing and Crime) (Chair)", "MOPAC"),
        ("Sophie Linden (Deputy Mayor of London for Policing and Crime) (Co-Chair)", "MOPAC"),
        ("Gavin Swann (Head of Service for Children's Safeguarding, LB Croydon)", "LB-CROYDON"),
        ("Mike Cooke (London Safeguarding Children's Board)", "LSCB"),
        ("Lucy Botting, (Head of Quality and Regional lead, NHS England)", "NHSE"),
        ("Claire Hubberstey (Chief Executive, Safer London Foundation)", "SAFER-LONDON"),
        ("Carlene Firmin (MsUnderstood Programme)", "MsUnderstood Programme"),
    ],
)
def test_titles_and_organisations_in_labels_reach_the_directory(directory, label, agency) -> None:
    assert SpeakerMatcher().match(label).agency_label == agency


def test_each_draft_quotes_the_file_exactly_at_its_line(directory) -> None:
    lines = TRANSCRIPT.read_text().splitlines()
    drafts = draft_actions(lines, SpeakerMatcher())
    assert drafts
    for draft in drafts:
        row = draft.as_json()
        assert 0 < len(str(row["quote"])) <= 300
        assert str(row["quote"]) in lines[int(str(row["line"])) - 1]
        assert 0 <= float(str(row["confidence"])) <= 1
        assert row["action"] and str(row["action"])[0].isupper()


def test_a_thousand_line_transcript_is_drafted_well_within_a_minute(directory) -> None:
    lines = [
        line
        for stem in SETS.values()
        for line in (DATA / f"{stem}-transcript.txt").read_text().splitlines()
    ]
    longer = lines[:1000]
    assert len(longer) == 1000
    started = time.perf_counter()
    draft_actions(longer, SpeakerMatcher())
    assert time.perf_counter() - started < 60


def test_the_same_file_as_word_captions_and_text_gives_the_same_speakers(directory) -> None:
    from docx import Document

    document = Document()
    for line in TRANSCRIPT.read_text().splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    from_word = text_lines("hearing.docx", buffer.getvalue())
    assert from_word == TRANSCRIPT.read_text().splitlines()
