"""The workbook's rows are written as XML beside openpyxl (for speed, actionplans/exports/
xlsx.py): every cell must read back exactly as openpyxl's own writer would have made it."""

import datetime
import io

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from actionplans.exports import rows as row_definition
from actionplans.exports.xlsx import write_workbook

WIDTH = len(row_definition.COLUMNS)


def row(*values):
    return tuple(values) + (None,) * (WIDTH - len(values))


ROWS = [
    row("Børnehaven Ærø", "AK-1", "Støj", '=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)"),
    row(" indrykket ", "\tfaneblad", "\rretur", "<script>alert(1)</script>", "a & b", "x" * 500),
    row("_x0041_ er ikke et A", "kontrol\x07tegn", "", None, "ÆØÅ æøå"),
    row(
        "datoer",
        datetime.date(2027, 3, 1),
        datetime.datetime(2026, 11, 24, 13, 45, 10),
        datetime.date(1999, 12, 31),
    ),
    row(),
]


def reference(rows) -> bytes:
    """What openpyxl's own write-only writer makes of the same rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("x")
    sheet.append(row_definition.headers())
    for values in rows:
        cells = []
        for value in values:
            if isinstance(value, str):
                value = value.replace("\x07", "")
                if row_definition.looks_like_formula(value):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"
                    cell.quotePrefix = True
                    value = cell
            cells.append(value)
        sheet.append(cells)
    target = io.BytesIO()
    workbook.save(target)
    return target.getvalue()


def cells(data: bytes):
    sheet = load_workbook(io.BytesIO(data)).active
    return [
        [
            # an empty text is no cell at all in ours, an empty text cell in openpyxl's
            (c.value, c.value is not None and c.data_type, c.is_date and c.number_format[:10])
            + (bool(c.quotePrefix),)
            for c in line
        ]
        for line in sheet.iter_rows(min_row=2, max_col=WIDTH)
    ]


def same_line_ends(lines):
    # openpyxl's own writer keeps a bare CR only with lxml installed; ours always keeps it
    return [
        [(v.replace("\r", "\n") if isinstance(v, str) else v, *rest) for v, *rest in line]
        for line in lines
    ]


def test_every_cell_reads_back_as_openpyxls_own_writer_makes_it():
    ours = io.BytesIO()
    write_workbook(ROWS, ours, title="Handleplaner")
    assert same_line_ends(cells(ours.getvalue())) == same_line_ends(cells(reference(ROWS)))
    assert load_workbook(io.BytesIO(ours.getvalue())).active["C3"].value == "\rretur"


def test_texts_stay_texts_with_their_spaces_and_the_filter_covers_every_row():
    ours = io.BytesIO()
    write_workbook(ROWS, ours, title="Handleplaner")
    sheet = load_workbook(io.BytesIO(ours.getvalue())).active
    assert sheet["D2"].value == '=HYPERLINK("http://x")' and sheet["D2"].data_type == "s"
    assert sheet["A3"].value == " indrykket "
    assert sheet["F3"].value == "x" * 500
    assert sheet.auto_filter.ref == f"A1:O{len(ROWS) + 1}"
    assert sheet.freeze_panes == "A2"
