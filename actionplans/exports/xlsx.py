"""The plans as an Excel workbook: one sheet, one row per activity (rows.COLUMNS), a frozen
header, column widths, drop-down lists for status and IGLO level, dates as dates. A text that
a spreadsheet could take for a formula is written as a text cell with Excel's quote prefix,
never as a formula.

openpyxl (write-only mode) makes the workbook: styles, the header, the frozen pane, widths,
validations, the filter. The data rows are written into its sheet as the same XML openpyxl's
write-only mode writes for them (inline strings, numbers with a date style), because
openpyxl's per-cell writer costs ~10 µs a cell: HR's workbook of 20,000 activities (300,000
cells) took 3.7 s through it against 1.x s this way (docs/performance.md).
tests/test_export_tables.py holds the two to the same cells."""

from __future__ import annotations

import datetime
import io
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation

from trivsel.safe_text import sheet_title

from . import rows as row_definition

# the data-validation lists cover the rows a user may add below the exported ones
VALIDATED_ROWS = 100_000
SHEET = "xl/worksheets/sheet1.xml"


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


def _skeleton(title: str, columns=None, fallback: str = "") -> bytes:
    """The workbook with its header and one sample row (a date, a date and time, a quoted
    text), whose style numbers the data rows reuse; the sample row is replaced."""
    columns = columns or row_definition.COLUMNS
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(title, fallback=fallback or _("Handleplaner")))
    sheet.freeze_panes = "A2"
    letters = {}
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        letters[column.key] = letter
        sheet.column_dimensions[letter].width = column.width
    if "status" in letters:
        sheet.data_validations.append(
            _list_validation(row_definition.STATUS_LABELS, letters["status"], _("Status"))
        )
    if "level" in letters:
        sheet.data_validations.append(
            _list_validation(row_definition.LEVEL_LABELS, letters["level"], _("IGLO-niveau"))
        )
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F0")
    wrap = Alignment(wrap_text=True, vertical="top")
    header = []
    for text in (str(column.header) for column in columns):
        cell = WriteOnlyCell(sheet, value=text)
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
        header.append(cell)
    sheet.append(header)
    quoted = WriteOnlyCell(sheet, value="=")
    quoted.data_type = "s"
    quoted.quotePrefix = True
    sheet.append([datetime.date(2000, 1, 1), datetime.datetime(2000, 1, 1, 1, 1), quoted])
    sheet.auto_filter.ref = "A1:A2"  # set to the real range below
    target = io.BytesIO()
    workbook.save(target)
    return target.getvalue()


def _style(sample: str, ref: str) -> str:
    return re.search(rf'<c r="{ref}" s="(\d+)"', sample).group(1)


def _cell(ref: str, value, styles: dict) -> str:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        style = f' s="{styles["quoted"]}"' if row_definition.looks_like_formula(value) else ""
        space = ' xml:space="preserve"' if value != value.strip() else ""
        text = escape(value, {"\r": "&#13;"})  # a bare CR would be read back as LF
        return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>'
    if isinstance(value, datetime.datetime):
        return f'<c r="{ref}" s="{styles["datetime"]}" t="n"><v>{to_excel(value)}</v></c>'
    if isinstance(value, datetime.date):
        return f'<c r="{ref}" s="{styles["date"]}" t="n"><v>{to_excel(value)}</v></c>'
    return f'<c r="{ref}" t="n"><v>{value}</v></c>'


def write_workbook(
    rows: Iterable[tuple], target, *, title: str, columns=None, fallback: str = ""
) -> None:
    """Write `rows` (in `columns` order: rows.COLUMNS unless said) to `target`, a path or a
    binary file."""
    columns = columns or row_definition.COLUMNS
    skeleton = zipfile.ZipFile(io.BytesIO(_skeleton(title, columns, fallback)))
    sheet_xml = skeleton.read(SHEET).decode()
    sample_start = sheet_xml.index('<row r="2"')
    sample_end = sheet_xml.index("</row>", sample_start) + len("</row>")
    sample = sheet_xml[sample_start:sample_end]
    styles = {
        "date": _style(sample, "A2"),
        "datetime": _style(sample, "B2"),
        "quoted": _style(sample, "C2"),
    }
    letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
    count = 1
    with tempfile.TemporaryFile() as data:
        writer = io.TextIOWrapper(data, encoding="utf-8", newline="")
        for count, row in enumerate(rows, start=2):  # noqa: B007 - the last is the count
            cells = "".join(
                _cell(f"{letter}{count}", value, styles)
                for letter, value in zip(letters, row, strict=True)
                if value is not None and value != ""
            )
            writer.write(f'<row r="{count}">{cells}</row>')
        writer.flush()
        data.seek(0)
        head = sheet_xml[:sample_start]
        tail = re.sub(
            r'<autoFilter ref="A1:A2"\s*/>',
            f'<autoFilter ref="A1:{letters[-1]}{count}"/>',
            sheet_xml[sample_end:],
        )
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as workbook:
            for info in skeleton.infolist():
                if info.filename != SHEET:
                    workbook.writestr(info, skeleton.read(info.filename))
                    continue
                with workbook.open(SHEET, "w", force_zip64=True) as sheet:
                    sheet.write(head.encode())
                    shutil.copyfileobj(data, sheet)
                    sheet.write(tail.encode())
        writer.detach()


def workbook_file(rows: Iterable[tuple], *, title: str, columns=None, fallback: str = ""):
    """The workbook in a temporary file (spooled to disk past 1 MB), rewound for reading."""
    # FileResponse closes it when sent
    target = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115
    write_workbook(rows, target, title=title, columns=columns, fallback=fallback)
    target.seek(0)
    return target
