"""The plans as CSV the way Danish Excel opens it: UTF-8 with a byte-order mark, semicolons,
dates as dd-mm-åååå, CRLF line ends. A text a spreadsheet could take for a formula gets an
apostrophe in front (Excel shows it as text; the apostrophe is visible in other programs, the
price of never running a formula from a post-it). Streamed row by row."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable, Iterator

from . import rows as row_definition

BOM = "\ufeff"
DATE_FORMAT = "%d-%m-%Y"
DATETIME_FORMAT = "%d-%m-%Y %H:%M"


class _Line:
    """A file-like object that hands back what csv.writer writes to it."""

    def write(self, text: str) -> str:
        return text


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime(DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    value = str(value)
    if row_definition.looks_like_formula(value):
        return "'" + value
    return value


def csv_lines(rows: Iterable[tuple], columns=None) -> Iterator[str]:
    """The header and one line per row, the first line starting with the BOM. `columns`:
    the rows' columns (rows.Column), the plans' (rows.COLUMNS) unless said."""
    writer = csv.writer(_Line(), delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    columns = columns or row_definition.COLUMNS
    yield BOM + writer.writerow([str(column.header) for column in columns])
    for row in rows:
        yield writer.writerow([_text(value) for value in row])
