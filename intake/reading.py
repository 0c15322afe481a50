"""Reading a spreadsheet as partnerships send it: CSV in any common encoding (with or without a
byte order mark) or XLSX, header in row 1, cells kept as typed (a formula is text, never run)."""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import zipfile
from dataclasses import dataclass

import charset_normalizer
from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
MAX_COLUMNS = 40
# An XLSX is a zip: refuse one that would unpack to more than this (a decompression bomb).
MAX_UNPACKED = 50 * 1024 * 1024
# Encodings a spreadsheet exported on Windows, a Mac or by an old system comes in, tried after
# UTF-8 (charset-normalizer picks among them by what the text looks like).
SINGLE_BYTE = ["cp1252", "iso8859_15", "mac_roman", "cp850"]
BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

Cell = str | datetime.date | datetime.datetime | int | float | bool | None


class FileRefused(ValueError):
    """The whole file cannot be read; the message says why, for the person who sent it."""


@dataclass
class Table:
    """The header row and the rows below it, as typed (row 2 is the first of `rows`)."""

    headers: list[str]
    rows: list[list[Cell]]

    @staticmethod
    def column_letter(index: int) -> str:
        """The spreadsheet's letter for a column (0 is A)."""
        return get_column_letter(index + 1)


def decode(data: bytes) -> str:
    """The text of a CSV file, whichever common encoding it was saved in."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise FileRefused("The file's characters cannot be read.") from error
    if b"\x00" in data:
        raise FileRefused("The file is not a CSV or XLSX spreadsheet.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=SINGLE_BYTE).best()
    if best is None:
        raise FileRefused("The file's characters cannot be read: save it as CSV (UTF-8).")
    return str(best)


def _csv_rows(text: str) -> list[list[Cell]]:
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[Cell]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), dialect):
            rows.append(list(row[:MAX_COLUMNS]))
            if len(rows) > MAX_ROWS + 1:
                break
    except csv.Error as error:
        raise FileRefused(f"The file is not a readable CSV ({error}).") from error
    return rows


def _xlsx_rows(data: bytes) -> list[list[Cell]]:
    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileRefused("The file is not a readable XLSX workbook.") from error
    if unpacked > MAX_UNPACKED:
        raise FileRefused("The workbook is too large once unpacked: save it as CSV.")
    try:
        # read_only streams the sheet; data_only=False keeps a formula as its text.
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise FileRefused("The file is not a readable XLSX workbook.") from error
    try:
        sheet = book.worksheets[0]
        rows: list[list[Cell]] = []
        for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 1:
                break
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, IndexError) as error:
        raise FileRefused("The file is not a readable XLSX workbook.") from error
    finally:
        book.close()
    return rows


def _blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def read_table(data: bytes, name: str) -> Table:
    """The table in a CSV or XLSX file (chosen by its content, not its name), or FileRefused."""
    if not data:
        raise FileRefused("The file is empty.")
    if len(data) > MAX_BYTES:
        raise FileRefused(f"The file must be smaller than {MAX_BYTES // (1024 * 1024)} MB.")
    if data.startswith(b"PK\x03\x04"):
        rows = _xlsx_rows(data)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRefused("This is an old Excel (.xls) file: save it as XLSX or CSV.")
    elif name.lower().endswith((".xlsx", ".xlsm")):
        raise FileRefused("The file is not a readable XLSX workbook.")
    else:
        text = decode(data)
        if "\x00" in text:
            raise FileRefused("The file is not a CSV or XLSX spreadsheet.")
        rows = _csv_rows(text)
    while rows and all(_blank(c) for c in rows[-1]):
        rows.pop()
    if not rows or all(_blank(c) for c in rows[0]):
        raise FileRefused("The file has no header row: put the column names in row 1.")
    if len(rows) - 1 > MAX_ROWS:
        raise FileRefused(f"The file has more than {MAX_ROWS:,} rows: split it into smaller files.")
    headers = ["" if c is None else str(c).strip() for c in rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    body = [(row + [None] * width)[:width] for row in rows[1:]]
    return Table(headers=headers, rows=body)
