"""Cells as partnerships write them: headers, UK dates, deadlines in words, statuses."""

from __future__ import annotations

import datetime

import pytest

from actions.models import Action
from intake.action_rows import COLUMNS, status_of
from intake.values import CellError, date_cell, deadline, header_fields

D = datetime.date
S = Action.Status


def test_headers_are_mapped_as_people_write_them() -> None:
    headers = [" REF. ", "Action:", "Action By", "owner", "Due date", "STATUS", "Progress update",
               "Date of meeting", "Agenda item", "RAG colour", ""]  # fmt: skip
    fields, unused = header_fields(headers, COLUMNS)
    assert fields == {
        "reference": 0, "description": 1, "action_by": 2, "owner": 3, "deadline": 4,
        "status": 5, "update": 6, "meeting_date": 7, "item": 8,
    }  # fmt: skip
    assert unused == ["RAG colour"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("04/12/2014", D(2014, 12, 4)),
        ("4/12/14", D(2014, 12, 4)),
        ("9 October 2014", D(2014, 10, 9)),
        ("9th Oct 2014", D(2014, 10, 9)),
        ("2014-10-09", D(2014, 10, 9)),
        (datetime.datetime(2014, 10, 9), D(2014, 10, 9)),
        ("", None),
    ],
)
def test_uk_dates(cell, expected) -> None:
    assert date_cell(cell) == expected


@pytest.mark.parametrize("cell", ["31/02/2015", "2015-13-01", "soon", "01/01/1850"])
def test_impossible_or_wordy_dates_are_refused(cell: str) -> None:
    with pytest.raises(CellError):
        date_cell(cell)


MEETING = D(2014, 10, 9)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Jan 2015", (D(2015, 1, 31), "Jan 2015")),
        ("By January 2015", (D(2015, 1, 31), "By January 2015")),
        ("end of March 2015", (D(2015, 3, 31), "end of March 2015")),
        ("February 2016", (D(2016, 2, 29), "February 2016")),
        ("within 12 months", (D(2015, 10, 9), "within 12 months")),
        ("Within 6 weeks", (D(2014, 11, 20), "Within 6 weeks")),
        ("by 31/03/2015", (D(2015, 3, 31), "by 31/03/2015")),
        ("31/03/2015", (D(2015, 3, 31), "")),
        ("Ongoing", (None, "Ongoing")),
        ("Next meeting", (None, "Next meeting")),
        ("", (None, "")),
    ],
)
def test_deadlines_keep_their_wording_with_a_date_when_one_follows(cell, expected) -> None:
    assert deadline(cell, MEETING) == expected


def test_within_without_a_meeting_date_keeps_only_the_wording() -> None:
    assert deadline("within 12 months", None) == (None, "within 12 months")


def test_an_impossible_deadline_date_is_refused() -> None:
    with pytest.raises(CellError, match="not a real date"):
        deadline("31/02/2015", MEETING)


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("Complete", S.COMPLETED),
        ("Done", S.COMPLETED),
        ("Completed. The letter from the MPS is attached.", S.COMPLETED),
        ("Closed", S.CLOSED),
        ("Ongoing", S.ONGOING),
        ("In progress", S.IN_PROGRESS),
        ("in-progress", S.IN_PROGRESS),
        ("Open", S.OPEN),
        ("Not started", S.OPEN),
        ("", S.OPEN),
        ("Dropped", S.DROPPED),
    ],
)
def test_status_words(word: str, status: str) -> None:
    assert status_of(word) == status


def test_an_unknown_status_is_refused_naming_the_choices() -> None:
    with pytest.raises(CellError, match="Open, In progress"):
        status_of("Purple")
