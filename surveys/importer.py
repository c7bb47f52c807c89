"""Import of the survey vendor's report export (xlsx or csv), all or nothing.

Three steps, each usable on its own:

1. `read_table(data, filename)` turns the uploaded bytes into a header and rows of strings
   (xlsx through openpyxl; csv as Danish Excel saves it: semicolon, decimal comma, cp1252 or
   UTF-8 with BOM). Anything unreadable becomes a `Problem`, never an exception.
2. `plan_import(round_, table)` checks every cell against the round and the organisation and
   returns a `Plan`: the reports that would be created or replaced, or the list of problems.
3. `apply_plan(plan, user=...)` writes a problem-free plan in one transaction, replacing the
   round's reports.

The layout is documented in docs/report-import.md; fixtures/report-import-example.* follow it.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from units.models import Unit

from . import anonymity, rules
from .models import Colour, Round, SurveyReport, ThemeScore, Track

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_UNZIPPED_BYTES = 20 * 1024 * 1024  # an xlsx that unpacks to more is refused (zip bomb)
MAX_PART_BYTES = 2 * 1024 * 1024  # each part of an xlsx openpyxl reads whole (all but sheets)
MAX_ROWS = 5000
MAX_COLUMNS = 60
MAX_PROBLEMS = 100

CODE, INVITED, RESPONDENTS, HARASSMENT = "enhedskode", "inviterede", "besvarelser", "krænkelser"
FIXED_COLUMNS = [CODE, INVITED, RESPONDENTS, HARASSMENT]
SCORE_MIN, SCORE_MAX = Decimal(0), Decimal(100)


@dataclass(frozen=True)
class Limits:
    """What a reader accepts. The report import's limits are the defaults; the organisation
    import (units/orgimport.py) reads with larger ones and its own words."""

    upload_bytes: int = MAX_UPLOAD_BYTES
    unzipped_bytes: int = MAX_UNZIPPED_BYTES
    part_bytes: int = MAX_PART_BYTES
    rows: int = MAX_ROWS
    columns: int = MAX_COLUMNS
    normal_size: str = ""  # what such a file normally weighs, said after "too large"
    empty_body: str = ""  # said when the file has a header and no rows

    def normal(self) -> str:
        return self.normal_size or _("En rapportfil fylder normalt under 1 MB.")

    def empty(self) -> str:
        return self.empty_body or _("Filen har kun en overskrift og ingen rækker med enheder.")


REPORT_LIMITS = Limits()


@dataclass(frozen=True)
class Problem:
    message: str
    row: int | None = None  # 1-based, as Excel shows it; the header is row 1
    column: str | None = None  # the column's name as written in the file
    sheet: str | None = None  # the sheet (or file) of a two-part import

    def __str__(self):
        where = []
        if self.sheet:
            where.append(_("ark »%(sheet)s«") % {"sheet": self.sheet})
        if self.row:
            where.append(_("række %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("kolonne »%(column)s«") % {"column": self.column})
        if not where:
            return self.message
        where_text = ", ".join(where)
        return f"{where_text[0].upper()}{where_text[1:]}: {self.message}"


class ImportRejected(Exception):
    """The file cannot be imported; `problems` says why, in Danish."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number in the file, cells)
    header_row: int = 1
    # rows of units below the anonymity threshold, emptied of all but the counts (see
    # `without_hidden`): planning again accepts their empty cells, and refuses them if the
    # round would now show them
    hidden_rows: frozenset[int] = frozenset()

    def to_data(self):
        return {
            "header": self.header,
            "rows": self.rows,
            "header_row": self.header_row,
            "hidden_rows": sorted(self.hidden_rows),
        }

    @classmethod
    def from_data(cls, data) -> Table:
        return cls(
            header=[str(cell) for cell in data["header"]],
            rows=[(int(n), [str(cell) for cell in cells]) for n, cells in data["rows"]],
            header_row=int(data.get("header_row", 1)),
            hidden_rows=frozenset(int(n) for n in data.get("hidden_rows", ())),
        )

    def without_hidden(self, plan: Plan) -> Table:
        """The table with only the unit code and the counts left in the rows the plan will
        not show (below the anonymity threshold): what the preview sends to the browser,
        signed but readable, holds nothing the import would not store."""
        hidden = {report.row for report in plan.reports if not report.reportable}
        kept = {
            index
            for index, title in enumerate(self.header)
            if normalise(title) in (CODE, INVITED, RESPONDENTS)
        }
        rows = [
            (n, [cell if n not in hidden or i in kept else "" for i, cell in enumerate(cells)])
            for n, cells in self.rows
        ]
        return Table(self.header, rows, self.header_row, frozenset(hidden) | self.hidden_rows)


@dataclass
class PlannedReport:
    row: int
    unit: Unit
    invited: int
    respondents: int
    harassment_count: int
    scores: dict[str, Decimal | None]
    replaces: bool = False
    reportable: bool = True
    colour: str = ""
    track: str = ""
    average: Decimal | None = None
    org_average: Decimal | None = None
    org_scores: dict[str, Decimal | None] = field(default_factory=dict)
    hidden_because: str | None = None  # anonymity.TOO_FEW or PROTECTS_SMALLER when hidden

    @property
    def colour_label(self):
        return Colour(self.colour).label if self.colour else ""

    @property
    def track_label(self):
        return Track(self.track).label if self.track else ""


@dataclass
class Plan:
    round: Round
    reports: list[PlannedReport] = field(default_factory=list)
    removed: list[SurveyReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.reports)

    @property
    def created_count(self):
        return sum(1 for report in self.reports if not report.replaces)

    @property
    def replaced_count(self):
        return sum(1 for report in self.reports if report.replaces)

    @property
    def hidden_count(self):
        return sum(1 for report in self.reports if report.hidden_because == anonymity.TOO_FEW)

    @property
    def protecting_count(self):
        """Reports hidden so that no subtraction isolates a smaller group."""
        return sum(
            1 for report in self.reports if report.hidden_because == anonymity.PROTECTS_SMALLER
        )


# --- 1. bytes → table ------------------------------------------------------------------


def read_table(
    data: bytes, filename: str, *, limits: Limits = REPORT_LIMITS, sheet: str | None = None
) -> Table:
    """Read an uploaded file into strings. Raises ImportRejected with Danish problems.
    `sheet`: the name of the xlsx sheet to read (any case); the first sheet when None."""
    name = (filename or "").lower()
    if len(data) > limits.upload_bytes:
        raise ImportRejected([too_large_problem(limits)])
    if not data.strip():
        raise ImportRejected([Problem(_("Filen er tom."))])
    if name.endswith(".xlsx"):
        if not data.startswith(b"PK"):
            raise ImportRejected([Problem(_("Filen hedder .xlsx, men er ikke en Excel-fil."))])
        rows = _xlsx_rows(data, limits, sheet)
    elif name.endswith((".csv", ".txt")):
        if data.startswith(b"PK") or data.startswith(b"\xd0\xcf\x11\xe0"):
            raise ImportRejected([Problem(_("Filen hedder .csv, men er en Excel-fil."))])
        rows = _csv_rows(data, limits)
    elif name.endswith(".xls"):
        raise ImportRejected(
            [Problem(_("Det gamle Excel-format (.xls) kan ikke læses. Gem filen som .xlsx."))]
        )
    else:
        raise ImportRejected(
            [Problem(_("Forkert filtype. Vælg en Excel-fil (.xlsx) eller en CSV-fil (.csv)."))]
        )
    return _to_table(rows, limits)


def too_large_problem(limits: Limits = REPORT_LIMITS) -> Problem:
    return _too_large(_("Filen er for stor (over %(mb)s MB)."), limits.upload_bytes, limits)


def _too_large(message: str, limit: int, limits: Limits = REPORT_LIMITS, **values) -> Problem:
    """`message` with `limit` in MB, and what such a file normally weighs."""
    return Problem(f"{message % {'mb': limit // (1024 * 1024), **values}} {limits.normal()}")


def _unreadable_xlsx() -> ImportRejected:
    return ImportRejected([Problem(_("Excel-filen kunne ikke læses. Er den beskadiget?"))])


def _xlsx_rows(
    data: bytes, limits: Limits = REPORT_LIMITS, sheet_name: str | None = None
) -> list[tuple[int, list[str]]]:
    """The first sheet's rows as text. A formula cell reads as the value Excel saved with it;
    a program that writes formulas without values saves none, and such a cell is refused
    rather than read as empty. The saved values are a second reading of the file, made only
    when the first found formulas."""
    _check_unpacked_size(data, limits)
    formulas: dict[int, list[int]] = {}  # row number → indexes of its formula cells
    try:
        with _first_sheet(data, data_only=False, name=sheet_name, columns=limits.columns) as sheet:
            rows = _with_content(_cell_texts(sheet, formulas), limits)
        if not formulas:
            return rows
        with _first_sheet(data, data_only=True, name=sheet_name, columns=limits.columns) as sheet:
            missing = _saved_values(sheet, formulas, dict(rows))
    except ImportRejected:
        raise
    except Exception:  # noqa: BLE001 - any failure of a third-party parser on bad bytes
        raise _unreadable_xlsx() from None
    if missing:
        raise ImportRejected(missing)
    return rows


def _check_unpacked_size(data: bytes, limits: Limits = REPORT_LIMITS) -> None:
    """Refuse a zip bomb before openpyxl opens it. The sizes are the zip directory's; zipfile
    never unpacks more of a member than its stated size (it stops there and checks the CRC),
    so they bound what openpyxl can read. openpyxl streams the sheets but reads every other
    part whole, the shared strings (all of the workbook's text, found by their content type,
    as openpyxl finds them) above all, so those are held to a far smaller limit."""
    from openpyxl.packaging.manifest import Manifest
    from openpyxl.xml.constants import ARC_CONTENT_TYPES, SHARED_STRINGS
    from openpyxl.xml.functions import fromstring

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sizes = {info.filename: info.file_size for info in archive.infolist()}
            if sum(info.file_size for info in archive.infolist()) > limits.unzipped_bytes:
                message = _("Excel-filen er for stor udpakket (over %(mb)s MB).")
                raise ImportRejected([_too_large(message, limits.unzipped_bytes, limits)])
            if sizes.get(ARC_CONTENT_TYPES, 0) > limits.part_bytes:
                raise ImportRejected([_part_too_large(ARC_CONTENT_TYPES, limits)])
            manifest = Manifest.from_tree(fromstring(archive.read(ARC_CONTENT_TYPES)))
    except ImportRejected:
        raise
    except Exception:  # noqa: BLE001 - not a zip, or no readable list of parts
        raise _unreadable_xlsx() from None
    strings = manifest.find(SHARED_STRINGS)
    if strings is not None and sizes.get(strings.PartName[1:], 0) > limits.part_bytes:
        message = _("Excel-filen indeholder for meget tekst (over %(mb)s MB udpakket).")
        raise ImportRejected([_too_large(message, limits.part_bytes, limits)])
    for name, size in sizes.items():
        sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
        if size > limits.part_bytes and not sheet:
            raise ImportRejected([_part_too_large(name, limits)])


def _part_too_large(name: str, limits: Limits = REPORT_LIMITS) -> Problem:
    message = _("En del af Excel-filen (%(part)s) er for stor udpakket (over %(mb)s MB).")
    return _too_large(message, limits.part_bytes, limits, part=name)


@contextmanager
def _first_sheet(
    data: bytes, *, data_only: bool, name: str | None = None, columns: int = MAX_COLUMNS
):
    """The values of the workbook's first sheet (or the sheet called `name`, any case), row by
    row, cut to the columns the importer takes (formulas as written, or with `data_only` their
    saved values). openpyxl's read-only mode streams the sheet."""
    import openpyxl

    workbook = openpyxl.load_workbook(
        io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False
    )
    try:
        sheet = workbook.worksheets[0]
        if name is not None:
            sheet = _named_sheet(workbook, name)
        sheet.reset_dimensions()  # a wrong <dimension> in the file must not cut rows off
        yield sheet.iter_rows(max_col=columns + 1, values_only=True)
    finally:
        workbook.close()


def _named_sheet(workbook, name: str):
    by_name = {
        normalise(title): sheet
        for title, sheet in zip(workbook.sheetnames, workbook.worksheets, strict=True)
    }
    if normalise(name) not in by_name:
        message = _("Excel-filen har intet ark, der hedder »%(name)s«. Arkene hedder: %(names)s.")
        names = ", ".join(workbook.sheetnames)
        raise ImportRejected([Problem(message % {"name": name, "names": names})])
    return by_name[normalise(name)]


def _cell_texts(rows, formulas):
    """(row number, texts) of the rows with values; a formula's text is the formula until
    `_saved_values` puts the saved value in its place, and its place goes into `formulas`.
    (A text that merely starts with "=" looks the same here; its saved value is itself.)"""
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    for number, values in enumerate(rows, start=1):
        if values.count(None) == len(values):
            continue  # an empty row (fast: a sheet's gaps are such rows)
        for index, value in enumerate(values):
            if isinstance(value, ArrayFormula | DataTableFormula) or (
                isinstance(value, str) and value.startswith("=")
            ):
                formulas.setdefault(number, []).append(index)
        yield number, [_cell_text(value) for value in values]


def _saved_values(rows, formulas, texts) -> list[Problem]:
    """Put the saved values of the formula cells into `texts` (row number → its texts, as
    `_with_content` kept them); the cells without one are the problems."""
    missing = []
    last = max(formulas)
    for number, values in enumerate(rows, start=1):
        for index in formulas.get(number, ()):
            if values[index] is not None:
                texts[number][index] = _cell_text(values[index]).strip()
            elif len(missing) < MAX_PROBLEMS:
                message = _("Cellen er en formel uden gemt værdi – gem filen i Excel og prøv igen.")
                missing.append(Problem(message, number, _column_letter(index)))
        if number >= last:
            break
    return missing


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            encoding = "cp1252"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ImportRejected(
            [Problem(_("Filen kunne ikke læses som tekst. Gem den som CSV (UTF-8 eller Windows)."))]
        ) from None


def _csv_rows(data: bytes, limits: Limits = REPORT_LIMITS) -> list[tuple[int, list[str]]]:
    text = _decode(data)
    if "\x00" in text:
        raise ImportRejected([Problem(_("Filen er ikke en tekstfil (CSV)."))])
    first_line = text.lstrip().split("\n", 1)[0]
    # Danish Excel separates with semicolons (comma is the decimal sign); others use commas.
    delimiter = max([";", ",", "\t"], key=first_line.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return _with_content(enumerate(reader, start=1), limits)
    except csv.Error:
        raise ImportRejected([Problem(_("CSV-filen har et ugyldigt format."))]) from None


def _with_content(rows, limits: Limits = REPORT_LIMITS) -> list[tuple[int, list[str]]]:
    """The numbered rows that hold anything, stripped, without empty cells at the end and cut
    to MAX_COLUMNS + 1 cells. Reading stops at one row more than the importer takes, counting
    only such rows: counting blank ones too would lose a file's last units without a word."""
    kept = []
    for number, cells in rows:
        cells = [cell.strip() for cell in cells[: limits.columns + 1]]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            kept.append((number, cells))
            if len(kept) > limits.rows + 1:
                break
    return kept


def _to_table(numbered: list[tuple[int, list[str]]], limits: Limits = REPORT_LIMITS) -> Table:
    if not numbered:
        raise ImportRejected([Problem(_("Filen er tom."))])
    (header_row, header), body = numbered[0], numbered[1:]
    problems = []
    if len(header) > limits.columns:
        problems.append(
            Problem(_("Filen har for mange kolonner (højst %(n)s).") % {"n": limits.columns})
        )
    if len(body) > limits.rows:
        problems.append(
            Problem(_("Filen har for mange rækker (højst %(n)s).") % {"n": limits.rows})
        )
    if not body:
        problems.append(Problem(limits.empty()))
    if problems:
        raise ImportRejected(problems)
    return Table(header=header, rows=body, header_row=header_row)


# --- 2. table → plan -------------------------------------------------------------------


def normalise(name: str) -> str:
    """Header matching forgives case, spacing and the kind of dash Excel users type."""
    name = re.sub(r"[\u2012\u2013\u2014\u2212-]", "-", name)
    return re.sub(r"\s+", " ", name).strip().casefold()


def plan_import(round_: Round, table: Table) -> Plan:
    plan = Plan(round=round_)
    problems = plan.problems
    columns = _columns(round_, table, problems)
    if problems:
        return plan

    units = {unit.code.casefold(): unit for unit in Unit.objects.subtree_of([round_.organisation])}
    existing = {report.unit_id: report for report in round_.reports.select_related("unit")}
    seen: dict[str, int] = {}
    org_report = None
    for row, cells in table.rows:
        if len(problems) >= MAX_PROBLEMS:
            break
        if len(cells) > len(table.header) and any(cells[len(table.header) :]):
            problems.append(
                Problem(_("Rækken har flere udfyldte celler end der er overskrifter."), row)
            )
            continue
        cells = cells + [""] * (len(table.header) - len(cells))
        hidden = row in table.hidden_rows
        planned = _parse_row(round_, row, cells, columns, units, seen, problems, hidden=hidden)
        if planned is None:
            continue
        planned.replaces = planned.unit.pk in existing
        if planned.unit.pk == round_.organisation_id:
            org_report = planned
        plan.reports.append(planned)

    if not problems and org_report is None:
        problems.append(
            Problem(
                _(
                    "Filen mangler organisationens egen række (enhedskode %(code)s) med "
                    "gennemsnittet for hele organisationen."
                )
                % {"code": round_.organisation.code}
            )
        )
    if problems:
        plan.reports = []
        return plan

    # The organisation's row first: below the threshold its scores are no average either.
    _derive(round_, org_report, org_report.scores)
    for planned in plan.reports:
        if planned is not org_report:
            _derive(round_, planned, org_report.scores)
    _protect_smaller_groups(round_, plan.reports)
    for planned in plan.reports:
        if planned.reportable and planned.row in table.hidden_rows:
            problems.append(
                Problem(
                    _(
                        "Målingens anonymitetsgrænse er ændret efter forhåndsvisningen, så "
                        "enheden skal nu vises med sine tal. Upload filen igen."
                    ),
                    planned.row,
                )
            )
    if problems:
        plan.reports = []
        return plan
    planned_units = {planned.unit.pk for planned in plan.reports}
    plan.removed = [r for unit_id, r in existing.items() if unit_id not in planned_units]
    return plan


def _columns(round_, table, problems) -> dict[str, int]:
    """Map each expected column (fixed ones and the round's themes) to its index."""
    header, row = table.header, table.header_row
    expected = {normalise(name): name for name in FIXED_COLUMNS + list(round_.themes)}
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        key = normalise(title)
        if not key:
            problems.append(
                Problem(_("Kolonnen har ingen overskrift."), row, _column_letter(index))
            )
        elif key not in expected:
            problems.append(
                Problem(
                    _(
                        "Ukendt kolonne. Forventet er: %(expected)s. Er det et tema, skal det "
                        "først tilføjes målingen."
                    )
                    % {"expected": ", ".join(expected.values())},
                    row,
                    title,
                )
            )
        elif expected[key] in found:
            problems.append(Problem(_("Kolonnen står der to gange."), row, title))
        else:
            found[expected[key]] = index
    for name in expected.values():
        if name not in found:
            problems.append(Problem(_("Kolonnen mangler i filen."), row, name))
    return found


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _parse_row(
    round_, row, cells, columns, units, seen, problems, *, hidden=False
) -> PlannedReport | None:
    """One unit's row; `hidden`: a row the preview emptied (`Table.without_hidden`)."""
    before = len(problems)
    code = cells[columns[CODE]]
    unit = None
    if not code:
        problems.append(Problem(_("Enhedskoden mangler."), row, CODE))
    elif code.casefold() in seen:
        problems.append(
            Problem(
                _("Enheden %(code)s står også i række %(other)s.")
                % {"code": code, "other": seen[code.casefold()]},
                row,
                CODE,
            )
        )
    else:
        seen[code.casefold()] = row
        unit = units.get(code.casefold())
        if unit is None:
            problems.append(
                Problem(
                    _("Ukendt enhedskode »%(code)s« i %(org)s.")
                    % {"code": code, "org": round_.organisation.name},
                    row,
                    CODE,
                )
            )

    invited = _integer(cells[columns[INVITED]], row, INVITED, problems)
    respondents = _integer(cells[columns[RESPONDENTS]], row, RESPONDENTS, problems)
    harassment = None
    if not (hidden and not cells[columns[HARASSMENT]]):
        harassment = _integer(cells[columns[HARASSMENT]], row, HARASSMENT, problems)
    if invited is not None and respondents is not None and respondents > invited:
        problems.append(Problem(_("Der er flere besvarelser end inviterede."), row, RESPONDENTS))
    if harassment is not None and respondents is not None and harassment > respondents:
        problems.append(Problem(_("Der er flere krænkelser end besvarelser."), row, HARASSMENT))
    scores = {}
    for theme in round_.themes:
        scores[theme] = _score(cells[columns[theme]], row, theme, problems)
    if len(problems) > before:
        return None
    return PlannedReport(
        row=row,
        unit=unit,
        invited=invited,
        respondents=respondents,
        harassment_count=harassment,
        scores=scores,
    )


_INTEGER = re.compile(r"^\d{1,9}$|^\d{1,3}(\.\d{3}){1,2}$")  # "1200" or Danish "1.200"
_DECIMAL = re.compile(r"^-?\d{1,9}([.,]\d+)?$")


def _integer(text, row, column, problems) -> int | None:
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        problems.append(Problem(_("Feltet er tomt; skriv et helt tal."), row, column))
        return None
    if not _INTEGER.match(cleaned):
        problems.append(
            Problem(
                _("»%(value)s« er ikke et helt tal (0 eller mere).") % {"value": text[:40]},
                row,
                column,
            )
        )
        return None
    return int(cleaned.replace(".", ""))


def _score(text, row, column, problems) -> Decimal | None:
    """A score 0–100 with decimal comma or point; an empty cell means "not reported"."""
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None
    if not _DECIMAL.match(cleaned):
        problems.append(
            Problem(_("»%(value)s« er ikke et tal.") % {"value": text[:40]}, row, column)
        )
        return None
    try:
        value = Decimal(cleaned.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern already guarantees a number
        problems.append(
            Problem(_("»%(value)s« er ikke et tal.") % {"value": text[:40]}, row, column)
        )
        return None
    if not SCORE_MIN <= value <= SCORE_MAX:
        problems.append(
            Problem(
                _("Scoren %(value)s ligger ikke mellem 0 og 100.") % {"value": text[:40]},
                row,
                column,
            )
        )
        return None
    return rules.one_decimal(value)


def _derive(round_, planned: PlannedReport, org_scores) -> None:
    """Colour, average and follow-up track, or nothing at all below the anonymity threshold:
    scores of a report that may not be shown are never stored (data minimisation)."""
    planned.reportable = rules.is_reportable(
        planned.respondents, threshold=round_.anonymity_threshold, anonymous=round_.anonymous
    )
    if not planned.reportable:
        _strip(planned)
        return
    planned.average = rules.mean(planned.scores.values())
    org_average = rules.mean(org_scores.values())
    if planned.average is None:
        planned.track = Track.NO_REPORT
        return
    planned.colour = colour_of(round_, planned.average)
    planned.track = rules.track_for(planned.colour, planned.average, org_average)
    planned.org_scores = org_scores
    planned.org_average = org_average


def _strip(planned: PlannedReport) -> None:
    planned.reportable = False
    planned.scores = dict.fromkeys(planned.scores)
    planned.harassment_count = None
    planned.track = Track.NO_REPORT
    planned.average = planned.org_average = None
    planned.colour = ""
    planned.org_scores = {}


def _protect_smaller_groups(round_, reports: list[PlannedReport]) -> None:
    """Complementary suppression over the file's rows (`anonymity.suppression`): a report
    whose answers, subtracted from its parent's, would give away a group smaller than the
    threshold is stored without answers too, like a report below the threshold, and its row
    travels in the preview emptied."""
    hidden = anonymity.suppression(
        anonymity.groups_of((p.row, p.unit.path, p.respondents) for p in reports),
        threshold=round_.anonymity_threshold,
        anonymous=round_.anonymous,
    )
    for planned in reports:
        planned.hidden_because = hidden.get(planned.row)
        if planned.hidden_because is not None:
            _strip(planned)


def colour_of(round_, score):
    return rules.colour_for(score, green_from=round_.green_from, yellow_from=round_.yellow_from)


# --- 3. plan → database ----------------------------------------------------------------


@transaction.atomic
def apply_plan(plan: Plan, *, user=None) -> list[SurveyReport]:
    """Replace the round's reports with the plan's, all or nothing. Reports of units that are
    in the file keep their id (links to them stay valid); the others are deleted."""
    if not plan.ok:
        raise ImportRejected(plan.problems or [Problem(_("Der er intet at importere."))])
    round_ = Round.objects.select_for_update().get(pk=plan.round.pk)
    round_.reports.exclude(unit__in=[planned.unit for planned in plan.reports]).delete()
    saved = []
    for planned in plan.reports:
        report, _created = SurveyReport.objects.update_or_create(
            round=round_,
            unit=planned.unit,
            defaults={
                "invited": planned.invited,
                "respondents": planned.respondents,
                "harassment_count": planned.harassment_count,
                "average": planned.average,
                "org_average": planned.org_average,
                "colour": planned.colour,
                "track": planned.track,
                "imported_by": user,
            },
        )
        report.scores.all().delete()
        if planned.reportable:
            ThemeScore.objects.bulk_create(
                ThemeScore(
                    report=report,
                    order=order,
                    theme=theme,
                    score=score,
                    org_average=planned.org_scores.get(theme),
                    colour=colour_of(round_, score),
                )
                for order, (theme, score) in enumerate(planned.scores.items())
                if score is not None
            )
        saved.append(report)
    return saved


def import_file(round_: Round, data: bytes, filename: str, *, user=None) -> list[SurveyReport]:
    """Read, check and save in one go (the management command and the demo use this)."""
    plan = plan_import(round_, read_table(data, filename))
    if not plan.ok:
        raise ImportRejected(plan.problems)
    return apply_plan(plan, user=user)
