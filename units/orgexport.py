"""The current organisation in the import's own format (docs/organisation-import.md), so HR
can download it, change it in Excel and import it again: open units and current roles of the
subtrees the user is HR for."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from actionplans.exports.rows import looks_like_formula

from . import permissions
from .models import Membership, Unit
from .orgimport import PEOPLE_COLUMNS, PEOPLE_SHEET, UNIT_COLUMNS, UNITS_SHEET

KIND_WORDS = {
    Unit.Kind.ORGANISATION: "organisation",
    Unit.Kind.DEPARTMENT: "afdeling",
    Unit.Kind.WORKPLACE: "arbejdsplads",
    Unit.Kind.TEAM: "team",
}


def unit_rows(user) -> Iterator[list[str]]:
    units = permissions.hr_units(user).open().order_by("path")
    codes = dict(units.values_list("pk", "code"))
    for code, name, parent_id, kind in units.values_list("code", "name", "parent_id", "kind"):
        yield [code, name, codes.get(parent_id, ""), KIND_WORDS[kind]]


def people_rows(user) -> Iterator[list[str]]:
    memberships = (
        Membership.objects.filter(unit__in=permissions.hr_units(user).open())
        .order_by("unit__path", "role", "user__email")
        .values_list("user__email", "user__first_name", "user__last_name", "unit__code", "role")
    )
    for email, first, last, code, role in memberships:
        yield [email, f"{first} {last}".strip(), code, role]


def xlsx(user) -> bytes:
    book = Workbook(write_only=True)
    for title, header, rows in (
        (UNITS_SHEET, UNIT_COLUMNS, unit_rows(user)),
        (PEOPLE_SHEET, PEOPLE_COLUMNS, people_rows(user)),
    ):
        sheet = book.create_sheet(title)
        sheet.append(header)
        for row in rows:
            sheet.append([_text_cell(sheet, value) for value in row])
    target = io.BytesIO()
    book.save(target)
    return target.getvalue()


def _text_cell(sheet, value: str):
    """Always a text cell: a name starting with "=" stays a name, never a formula."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    if looks_like_formula(value):
        cell.quotePrefix = True
    return cell


def csv_text(user, sheet: str) -> str:
    """One of the two CSV files as Danish Excel saves it (BOM, semicolons); a text a
    spreadsheet could take for a formula gets an apostrophe, which the import takes off."""
    header, rows = (
        (UNIT_COLUMNS, unit_rows(user))
        if sheet == UNITS_SHEET
        else (PEOPLE_COLUMNS, people_rows(user))
    )
    target = io.StringIO()
    writer = csv.writer(target, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["'" + value if looks_like_formula(value) else value for value in row])
    return "\ufeff" + target.getvalue()
