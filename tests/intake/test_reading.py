"""Reading spreadsheets: encodings with and without a BOM, XLSX, formulas kept as text."""

from __future__ import annotations

import codecs
import datetime
import io

import pytest
from openpyxl import Workbook

from intake.reading import MAX_ROWS, FileRefused, read_table

ROWS = "Ref,Action,Action by\n1,Write to the Mayor\u2019s Office about £5m café,MPS\n"


def xlsx(rows: list[list]) -> bytes:
    """A workbook built in the test, as Excel saves one."""
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        ROWS.encode("utf-8"),
        codecs.BOM_UTF8 + ROWS.encode("utf-8"),
        ROWS.encode("cp1252"),
        ROWS.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8-sig", "cp1252", "utf-16"],
)
def test_csv_in_any_common_encoding_reads_the_same(data: bytes) -> None:
    table = read_table(data, "log.csv")
    assert table.headers == ["Ref", "Action", "Action by"]
    assert table.rows == [["1", "Write to the Mayor\u2019s Office about £5m café", "MPS"]]


def test_semicolon_csv_is_read() -> None:
    table = read_table(b"Ref;Action\n1;Call back\n", "log.csv")
    assert table.rows == [["1", "Call back"]]


def test_xlsx_cells_keep_their_types_and_a_formula_stays_text() -> None:
    data = xlsx(
        [
            ["Ref", "Action", "Deadline"],
            [1, '=HYPERLINK("http://evil.example","x")', datetime.datetime(2015, 1, 31)],
        ]
    )
    table = read_table(data, "log.xlsx")
    assert table.headers == ["Ref", "Action", "Deadline"]
    assert table.rows[0][1] == '=HYPERLINK("http://evil.example","x")'
    assert table.rows[0][2] == datetime.datetime(2015, 1, 31)


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (b"", "log.csv", "empty"),
        (b"\x00\x01\x02garbage\xff\xfe\x00", "log.csv", "not a CSV or XLSX"),
        (b"PK\x03\x04not really a zip", "log.xlsx", "not a readable XLSX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel", "log.xls", "old Excel"),
        (b"plain text", "log.xlsx", "not a readable XLSX"),
        (b"\n\n,,\n", "log.csv", "no header row"),
        (b"x" * (3 * 1024 * 1024), "log.csv", "smaller than"),
    ],
)
def test_bad_files_are_refused_with_a_reason(data: bytes, name: str, says: str) -> None:
    with pytest.raises(FileRefused, match=says):
        read_table(data, name)


def test_too_many_rows_are_refused() -> None:
    data = ("Action\n" + "x\n" * (MAX_ROWS + 1)).encode()
    with pytest.raises(FileRefused, match="more than"):
        read_table(data, "log.csv")


def test_a_workbook_that_unpacks_too_large_is_refused() -> None:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("xl/sharedStrings.xml", b"x" * (60 * 1024 * 1024))
    with pytest.raises(FileRefused, match="too large once unpacked"):
        read_table(out.getvalue(), "log.xlsx")


def test_a_nul_character_in_decoded_text_is_refused() -> None:
    with pytest.raises(FileRefused, match="not a CSV"):
        read_table("Action\nA\x00B\n".encode("utf-16"), "log.csv")
