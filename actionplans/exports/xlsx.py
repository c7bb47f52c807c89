"""The plans as an Excel workbook (openpyxl, write-only with lxml): one sheet, one row per
activity (rows.COLUMNS), a frozen header, column widths, drop-down lists for status and IGLO
level, dates as dates. A text that a spreadsheet could take for a formula is written as a
text cell with Excel's quote prefix, never as a formula."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from . import rows as row_definition

# the data-validation lists cover the rows a user may add below the exported ones
VALIDATED_ROWS = 100_000


def _list_validation(labels: Iterable[str], column: str, title: str) -> DataValidation:
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(labels) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title,
        error=_("Vælg en værdi fra listen."),
    )
    validation.add(f"{column}2:{column}{VALIDATED_ROWS}")
    return validation


def write_workbook(rows: Iterable[tuple], target, *, title: str) -> None:
    """Write `rows` (in rows.COLUMNS order) to `target`, a path or a binary file."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "Handleplaner")
    sheet.freeze_panes = "A2"
    letters = {}
    for index, column in enumerate(row_definition.COLUMNS, start=1):
        letter = get_column_letter(index)
        letters[column.key] = letter
        sheet.column_dimensions[letter].width = column.width
    sheet.data_validations.append(
        _list_validation(row_definition.STATUS_LABELS, letters["status"], _("Status"))
    )
    sheet.data_validations.append(
        _list_validation(row_definition.LEVEL_LABELS, letters["level"], _("IGLO-niveau"))
    )

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F0")
    wrap = Alignment(wrap_text=True, vertical="top")
    header = []
    for text in row_definition.headers():
        cell = WriteOnlyCell(sheet, value=text)
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        sheet.append([_value(sheet, value) for value in row])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(row_definition.COLUMNS))}{count + 1}"
    workbook.save(target)


def _value(sheet, value):
    """Plain values as they are: openpyxl's write-only sheet binds them into one cell per row
    (dates get its ISO formats, yyyy-mm-dd and yyyy-mm-dd h:mm:ss). Handing it a styled cell
    per value cost three times as much (20,000 rows: 7 s against 2 s), so only a text that a
    spreadsheet could take for a formula becomes a cell of its own: text, quote prefix."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if row_definition.looks_like_formula(value):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # openpyxl would make "=…" a formula
            cell.quotePrefix = True  # Excel keeps it text when the cell is edited
            return cell
    return value


def workbook_file(rows: Iterable[tuple], *, title: str):
    """The workbook in a temporary file (spooled to disk past 1 MB), rewound for reading."""
    # FileResponse closes it when sent
    target = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115
    write_workbook(rows, target, title=title)
    target.seek(0)
    return target
