"""HR imports the survey vendor's export: all or nothing, with a Danish list of problems."""

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys import importer
from surveys.importer import ImportRejected
from surveys.models import Colour, SurveyReport, ThemeScore, Track
from units import demo as units_demo
from units.models import Unit

from . import factory

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXAMPLE_CSV = FIXTURES / "report-import-example.csv"
EXAMPLE_XLSX = FIXTURES / "report-import-example.xlsx"


@pytest.fixture
def bk_round(db):
    units_demo.create()
    return factory.survey_round(Unit.objects.get(code="BK"), name="Trivselsmåling og APV 2026")


@pytest.fixture
def small_round(world):
    """A round for the test world with two themes, to keep hand-written files short."""
    return factory.survey_round(world.organisation, themes=["Tryghed", "Krav"])


def csv_bytes(lines, encoding="utf-8-sig", newline="\r\n"):
    return (newline.join(lines) + newline).encode(encoding)


def good_lines(world, unit_line=None):
    return [
        "enhedskode;inviterede;besvarelser;krænkelser;Tryghed;Krav",
        f"{world.organisation.code};100;80;1;70,0;65,0",
        unit_line or f"{world.unit.code};20;12;1;62,5;58,0",
    ]


def test_the_example_file_imports_every_demo_unit_with_varied_colours(bk_round):
    reports = importer.import_file(bk_round, EXAMPLE_CSV.read_bytes(), EXAMPLE_CSV.name)
    assert len(reports) == 17
    by_code = {report.unit.code: report for report in SurveyReport.objects.select_related("unit")}
    spiren = by_code["BK-BF-01-B"]
    assert (spiren.colour, spiren.track, spiren.harassment_count) == (
        Colour.YELLOW,
        Track.WITH_HEAD,
        2,
    )
    assert spiren.average == Decimal("66.8") and spiren.org_average == Decimal("71.9")
    assert by_code["BK-BF-02"].track == Track.WITH_HEAD_AND_HR
    assert by_code["BK-BF-01-A"].colour == Colour.GREEN
    assert by_code["BK-BM-01"].track == Track.UNIT  # yellow above the organisation's average
    ppr = by_code["BK-BF-03"]
    assert (ppr.respondents, ppr.track, ppr.colour, ppr.scores.count()) == (
        4,
        Track.NO_REPORT,
        "",
        0,
    )
    score = spiren.scores.get(theme="Mit arbejde – krav og balance")
    assert (score.score, score.org_average, score.colour) == (
        Decimal("58.2"),
        Decimal("64.1"),
        Colour.RED,
    )


def test_the_xlsx_example_gives_the_same_reports_as_the_csv(bk_round):
    importer.import_file(bk_round, EXAMPLE_CSV.read_bytes(), EXAMPLE_CSV.name)
    from_csv = set(ThemeScore.objects.values_list("report__unit__code", "theme", "score"))
    importer.import_file(bk_round, EXAMPLE_XLSX.read_bytes(), EXAMPLE_XLSX.name)
    from_xlsx = set(ThemeScore.objects.values_list("report__unit__code", "theme", "score"))
    # 17 units: one below the threshold (BK-BF-03, 4 answers), and one hidden to protect
    # the 4 people who belong to Ahornhaven directly (BK-SS-01: 78 = 44 + 30 + 4)
    assert from_csv == from_xlsx and len(from_csv) == 15 * 6


@pytest.mark.parametrize(
    "encoding,delimiter,decimal",
    [
        ("utf-8-sig", ";", ","),  # Excel "CSV UTF-8"
        ("cp1252", ";", ","),  # Danish Excel's plain "CSV (semikolonsepareret)"
        ("utf-8", ",", "."),  # an English export
        ("utf-8", "\t", ","),
    ],
)
def test_csv_as_excel_saves_it_is_understood(small_round, world, encoding, delimiter, decimal):
    lines = [line.replace(",", decimal).replace(";", delimiter) for line in good_lines(world)]
    data = csv_bytes(lines, encoding=encoding)
    importer.import_file(small_round, data, "rapport.csv")
    report = SurveyReport.objects.get(unit=world.unit)
    assert report.harassment_count == 1
    assert report.scores.get(theme="Tryghed").score == Decimal("62.5")
    assert report.average == Decimal("60.3")  # (62.5 + 58.0) / 2, half up


def test_headers_forgive_case_spaces_and_dashes(small_round, world):
    small_round.themes = ["Mit arbejde – krav og balance"]
    small_round.save()
    data = csv_bytes(
        [
            " Enhedskode ;INVITEREDE;Besvarelser;Krænkelser;mit  arbejde - krav og balance",
            f"{world.organisation.code};100;80;0;70",
            f"{world.unit.code.lower()};1.200;12;0;61",
        ]
    )
    importer.import_file(small_round, data, "rapport.CSV")
    assert SurveyReport.objects.get(unit=world.unit).invited == 1200


def test_reimport_replaces_the_rounds_reports_and_keeps_links_to_them(small_round, world):
    importer.import_file(small_round, csv_bytes(good_lines(world)), "a.csv")
    first = SurveyReport.objects.get(unit=world.unit)
    lines = good_lines(world, f"{world.other_unit.code};10;9;0;80;80")
    lines.insert(2, f"{world.unit.code};20;15;0;77,0;76,0")
    plan = importer.plan_import(small_round, importer.read_table(csv_bytes(lines), "b.csv"))
    assert (plan.created_count, plan.replaced_count, plan.removed) == (1, 2, [])
    importer.apply_plan(plan)
    again = SurveyReport.objects.get(unit=world.unit)
    assert again.pk == first.pk and again.respondents == 15 and again.colour == Colour.GREEN
    # a unit missing from the new file loses its old report
    importer.import_file(small_round, csv_bytes(good_lines(world)[:2]), "c.csv")
    assert list(SurveyReport.objects.values_list("unit", flat=True)) == [world.organisation.pk]


def test_below_the_threshold_no_score_is_even_stored(small_round, world):
    importer.import_file(
        small_round, csv_bytes(good_lines(world, f"{world.unit.code};9;4;1;90;90")), "x.csv"
    )
    report = SurveyReport.objects.get(unit=world.unit)
    assert report.scores.count() == 0
    assert (report.average, report.colour, report.harassment_count) == (None, "", None)
    assert report.track == Track.NO_REPORT


def test_five_answers_are_enough_and_a_named_round_shows_four(small_round, world):
    importer.import_file(
        small_round, csv_bytes(good_lines(world, f"{world.unit.code};9;5;0;90;90")), "x.csv"
    )
    assert SurveyReport.objects.get(unit=world.unit).scores.count() == 2
    small_round.anonymous = False
    small_round.save()
    importer.import_file(
        small_round, csv_bytes(good_lines(world, f"{world.unit.code};9;2;0;90;90")), "x.csv"
    )
    assert SurveyReport.objects.get(unit=world.unit).scores.count() == 2


def xlsx_bytes(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def bad_files(world):
    org, unit = world.organisation.code, world.unit.code
    header = "enhedskode;inviterede;besvarelser;krænkelser;Tryghed;Krav"
    org_line = f"{org};100;80;1;70;65"
    return {
        "unknown unit": (
            [header, org_line, "NOPE-1;20;12;0;60;60"],
            "Ukendt enhedskode »NOPE-1«",
            3,
            "enhedskode",
        ),
        "unit of another organisation": (
            [header, org_line, f"{factory.unit(code='ANDEN').code};20;12;0;60;60"],
            "Ukendt enhedskode",
            3,
            "enhedskode",
        ),
        "bad number": (
            [header, org_line, f"{unit};20;tolv;0;60;60"],
            "»tolv« er ikke et helt tal",
            3,
            "besvarelser",
        ),
        "bad score": ([header, org_line, f"{unit};20;12;0;6O;60"], "er ikke et tal", 3, "Tryghed"),
        "score out of range": (
            [header, org_line, f"{unit};20;12;0;101;60"],
            "ikke mellem 0 og 100",
            3,
            "Tryghed",
        ),
        "negative count": (
            [header, org_line, f"{unit};20;12;-1;60;60"],
            "ikke et helt tal",
            3,
            "krænkelser",
        ),
        "more answers than invited": (
            [header, org_line, f"{unit};10;12;0;60;60"],
            "flere besvarelser end inviterede",
            3,
            "besvarelser",
        ),
        "duplicate row": (
            [header, org_line, f"{unit};20;12;0;60;60", f"{unit};20;12;0;60;60"],
            "står også i række 3",
            4,
            "enhedskode",
        ),
        "missing column": (
            ["enhedskode;inviterede;besvarelser;Tryghed;Krav", f"{org};100;80;70;65"],
            "Kolonnen mangler",
            1,
            "krænkelser",
        ),
        "unknown column": (
            [header + ";Ledelse", org_line + ";50"],
            "Ukendt kolonne",
            1,
            "Ledelse",
        ),
        "too many cells": ([header, org_line + ";99"], "flere udfyldte celler", 2, None),
        "no organisation row": (
            [header, f"{unit};20;12;0;60;60"],
            "organisationens egen række",
            None,
            None,
        ),
        "only a header": ([header], "kun en overskrift", None, None),
    }


BAD_FILE_KINDS = [
    "unknown unit",
    "unit of another organisation",
    "bad number",
    "bad score",
    "score out of range",
    "negative count",
    "more answers than invited",
    "duplicate row",
    "missing column",
    "unknown column",
    "too many cells",
    "no organisation row",
    "only a header",
]


def problems_of(round_, data, filename):
    try:
        plan = importer.plan_import(round_, importer.read_table(data, filename))
    except ImportRejected as rejected:
        return rejected.problems
    assert not plan.ok
    return plan.problems


@pytest.mark.parametrize("kind", BAD_FILE_KINDS)
def test_each_kind_of_bad_file_is_rejected_with_row_and_column_and_nothing_saved(
    small_round, world, kind
):
    importer.import_file(small_round, csv_bytes(good_lines(world)), "before.csv")
    before = list(SurveyReport.objects.values_list("pk", "respondents"))
    lines, message, row, column = bad_files(world)[kind]
    problems = problems_of(small_round, csv_bytes(lines), "rapport.csv")
    assert any(message in problem.message for problem in problems), problems
    assert any(p.row == row and p.column == column for p in problems), problems
    with pytest.raises(ImportRejected):
        importer.import_file(small_round, csv_bytes(lines), "rapport.csv")
    assert list(SurveyReport.objects.values_list("pk", "respondents")) == before


@pytest.mark.parametrize(
    "data,filename,message",
    [
        (b"", "tom.csv", "Filen er tom"),
        (b"\r\n;;;\r\n", "tom.csv", "Filen er tom"),
        (b"%PDF-1.7 ...", "rapport.pdf", "Forkert filtype"),
        (b"\xd0\xcf\x11\xe0 old excel", "rapport.xls", ".xls"),
        (b"enhedskode;inviterede\r\n", "rapport.xlsx", "ikke en Excel-fil"),
        (b"PK\x03\x04 not really a zip", "rapport.xlsx", "kunne ikke læses"),
        (b"PK\x03\x04 an excel file", "rapport.csv", "er en Excel-fil"),
        (b"a;b\x00;c\r\n1;2;3", "rapport.csv", "ikke en tekstfil"),
        (b"x" * (importer.MAX_UPLOAD_BYTES + 1), "stor.csv", "for stor"),
    ],
)
def test_unreadable_files_are_explained_in_danish(small_round, data, filename, message):
    problems = problems_of(small_round, data, filename)
    assert any(message in str(problem) for problem in problems), problems
    assert SurveyReport.objects.count() == 0


def test_a_broken_xlsx_gets_the_same_checks_as_csv(small_round, world):
    data = xlsx_bytes(
        [
            ["enhedskode", "inviterede", "besvarelser", "krænkelser", "Tryghed", "Krav"],
            [world.organisation.code, 100, 80, 1, 70.0, 65],
            [world.unit.code, 20, 12.5, 0, "høj", 60],
        ]
    )
    problems = problems_of(small_round, data, "rapport.xlsx")
    assert {(p.row, p.column) for p in problems} == {(3, "besvarelser"), (3, "Tryghed")}
    assert "Række 3, kolonne »besvarelser«" in str(problems[0])


def test_too_many_rows_is_refused(small_round):
    lines = ["enhedskode;inviterede;besvarelser;krænkelser;Tryghed;Krav"]
    lines += [f"X{n};1;1;0;1;1" for n in range(importer.MAX_ROWS + 5)]
    assert "for mange rækker" in str(problems_of(small_round, csv_bytes(lines), "a.csv")[0])


def test_the_problem_list_is_capped(small_round):
    lines = ["enhedskode;inviterede;besvarelser;krænkelser;Tryghed;Krav"]
    lines += [f"X{n};a;b;c;d;e" for n in range(500)]
    problems = problems_of(small_round, csv_bytes(lines), "a.csv")
    assert importer.MAX_PROBLEMS <= len(problems) < importer.MAX_PROBLEMS + 10


CELLS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "12", "1.200", "70,5", "-1", "101", "TK", "T-1", "NaN", "1e3", ";"]),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    header=st.lists(
        st.sampled_from(
            ["enhedskode", "inviterede", "besvarelser", "krænkelser", "Tryghed", "Krav", "", "x"]
        ),
        max_size=8,
    ),
    rows=st.lists(st.lists(CELLS, max_size=9), max_size=6),
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_malformed_csv_never_crashes_the_importer(small_round, header, rows, delimiter, encoding):
    text = "\n".join(delimiter.join(cells) for cells in [header, *rows])
    data = text.encode(encoding, errors="replace")
    assert_clean_outcome(small_round, data, "fuzz.csv")


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=600), filename=st.sampled_from(["a.csv", "a.xlsx", "a.txt", "a"]))
def test_random_bytes_never_crash_the_importer(small_round, data, filename):
    assert_clean_outcome(small_round, data, filename)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.lists(
            st.one_of(
                st.none(),
                st.integers(-5, 10**12),
                st.floats(allow_nan=True),
                st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=8),
            ),
            max_size=7,
        ),
        max_size=5,
    )
)
def test_malformed_xlsx_never_crashes_the_importer(small_round, rows):
    header = ["enhedskode", "inviterede", "besvarelser", "krænkelser", "Tryghed", "Krav"]
    assert_clean_outcome(small_round, xlsx_bytes([header, *rows]), "fuzz.xlsx")


def assert_clean_outcome(round_, data, filename):
    before = SurveyReport.objects.count()
    try:
        plan = importer.plan_import(round_, importer.read_table(data, filename))
    except ImportRejected as rejected:
        assert rejected.problems and all(str(p) for p in rejected.problems)
        return
    if plan.ok:
        importer.apply_plan(plan)  # a valid file by chance: it must also save cleanly
    else:
        assert all(str(problem) for problem in plan.problems)
        assert SurveyReport.objects.count() == before


def test_the_command_imports_the_example_and_rejects_bad_files(bk_round, tmp_path, capsys):
    call_command("import_reports", str(EXAMPLE_XLSX), "--round", bk_round.name, "--dry-run")
    assert SurveyReport.objects.count() == 0
    call_command("import_reports", str(EXAMPLE_CSV), "--round", str(bk_round.pk))
    assert SurveyReport.objects.filter(round=bk_round).count() == 17
    assert "17 nye" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(EXAMPLE_CSV.read_bytes().replace(b"BK-BF-02;", b"BK-XX-99;"))
    with pytest.raises(CommandError, match="Intet er importeret"):
        call_command("import_reports", str(bad), "--round", bk_round.name)
    assert "Ukendt enhedskode »BK-XX-99«" in capsys.readouterr().err
    assert SurveyReport.objects.filter(unit__code="BK-BF-02").exists()


def test_demo_round_is_imported_idempotently(db):
    from django.core.management import call_command as run

    run("demo")
    first = sorted(SurveyReport.objects.values_list("pk", "unit__code", "colour"))
    run("demo")
    assert sorted(SurveyReport.objects.values_list("pk", "unit__code", "colour")) == first
    assert len(first) == 17
    assert SurveyReport.objects.get(unit__code="BK-BF-03").respondents == 4
    assert SurveyReport.objects.filter(harassment_count__gt=0, unit__kind="team").count() == 1
