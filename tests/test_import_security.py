"""Security review, issue 13 items 2 and 3: what of a survey file reaches the browser and its
cache, and how much work one uploaded file may cause."""

import io
import json
import re
import time
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core import signing
from django.urls import reverse

from surveys import importer, views
from surveys.importer import ImportRejected
from surveys.models import SurveyReport

from . import factory
from .test_report_import import problems_of, xlsx_bytes
from .test_report_page import upload


@pytest.fixture
def small_round(world):
    return factory.survey_round(world.organisation, themes=["Tryghed", "Krav"])


def confirm(client, round_, payload):
    return client.post(reverse("surveys:import_confirm", args=[round_.pk]), {"payload": payload})


def file_with_a_small_unit(world):
    """The unit has 4 answers (under the threshold of 5) and scores no other row has."""
    return (
        "enhedskode;inviterede;besvarelser;krænkelser;Tryghed;Krav\r\n"
        f"{world.organisation.code};100;80;1;70,0;65,0\r\n"
        f"{world.other_unit.code};20;12;0;62,5;58,0\r\n"
        f"{world.unit.code};9;4;3;93,7;41,3\r\n"
    ).encode("utf-8-sig")


# --- item 2: the preview's payload and the browser's cache ----------------------------------


def test_the_preview_payload_holds_nothing_of_a_unit_below_the_threshold(client, world):
    round_ = factory.survey_round(world.organisation, themes=["Tryghed", "Krav"])
    client.force_login(world.hr)
    response = upload(client, round_, file_with_a_small_unit(world))
    html = response.content.decode()
    field = re.search(r'name="payload" value="([^"]+)"', html).group(1)
    data = signing.loads(field, salt=views.PREVIEW_SALT)  # signed, so anyone can read it
    text = json.dumps(data, ensure_ascii=False)
    assert "93,7" not in text and "41,3" not in text and "93,7" not in html
    rows = {cells[0]: cells for _row, cells in data["table"]["rows"]}
    assert rows[world.unit.code] == [world.unit.code, "9", "4", "", "", ""]
    assert rows[world.other_unit.code][3:] == ["0", "62,5", "58,0"]

    assert confirm(client, round_, field).status_code == 302
    small = SurveyReport.objects.get(unit=world.unit)
    assert (small.respondents, small.harassment_count, small.scores.count()) == (4, None, 0)
    other = SurveyReport.objects.get(unit=world.other_unit)
    assert other.scores.get(theme="Tryghed").score == Decimal("62.5")
    assert other.org_average == Decimal("67.5") and other.harassment_count == 0


def test_a_round_made_named_after_the_preview_is_not_imported_without_the_stripped_scores(
    client, world
):
    round_ = factory.survey_round(world.organisation, themes=["Tryghed", "Krav"])
    client.force_login(world.hr)
    payload = upload(client, round_, file_with_a_small_unit(world)).context["payload"]
    round_.anonymous = False
    round_.save()
    response = confirm(client, round_, payload)
    assert response.status_code == 400
    assert "Upload filen igen" in response.content.decode()
    assert SurveyReport.objects.count() == 0


def test_an_organisation_below_the_threshold_gives_no_averages(small_round, world):
    data = (
        "enhedskode;inviterede;besvarelser;krænkelser;Tryghed;Krav\r\n"
        f"{world.organisation.code};10;4;0;70,0;65,0\r\n"
        f"{world.unit.code};5;5;0;60,0;60,0\r\n"  # inconsistent, but possible
    ).encode()
    plan = importer.plan_import(small_round, importer.read_table(data, "a.csv"))
    assert plan.ok and all(report.org_average is None for report in plan.reports)


def no_store(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def test_pages_with_survey_figures_are_never_stored_by_a_cache(client, world):
    round_ = factory.survey_round(world.organisation, themes=["Tryghed", "Krav"])
    client.force_login(world.hr)
    preview = upload(client, round_, file_with_a_small_unit(world))
    assert "Forhåndsvisning" in preview.content.decode() and no_store(preview)
    refused = confirm(client, round_, "nonsense")
    assert refused.status_code == 400 and no_store(refused)
    done = confirm(client, round_, preview.context["payload"])
    assert done.status_code == 302 and no_store(done)
    report = SurveyReport.objects.get(unit=world.other_unit)
    for url in (
        reverse("surveys:round_list"),
        reverse("surveys:round_detail", args=[round_.pk]),
        reverse("surveys:import_upload", args=[round_.pk]),
        reverse("surveys:report_detail", args=[report.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200 and no_store(response), url


def test_a_page_without_its_own_cache_header_is_private_and_not_stored(rf):
    from django.http import HttpResponse

    from trivsel.middleware import PrivateByDefaultMiddleware

    def answer(**headers):
        return PrivateByDefaultMiddleware(lambda request: HttpResponse(headers=headers))(
            rf.get("/")
        )

    assert no_store(answer())
    kept = "max-age=0, no-cache, no-store, must-revalidate, private"
    assert answer(**{"Cache-Control": kept})["Cache-Control"] == kept


def test_the_unit_page_and_the_preparation_are_not_stored(client, world):
    from tests import factory as make

    workshop = make.prepared_workshop(world.unit)
    client.force_login(world.leader)
    for url in (
        reverse("unit_detail", args=[world.unit.pk]),
        reverse("workshops:workshop_detail", args=[workshop.pk]),
        reverse("workshops:pink_notes", args=[workshop.pk]),
    ):
        assert no_store(client.get(url)), url


# --- item 3: formulas without saved values -----------------------------------------------


def rewrite(data: bytes, name: str, change) -> bytes:
    """The same xlsx with the member `name` replaced by `change(old text)` (compressed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        for member in names:
            text = source.read(member).decode()
            if member == name:
                text, old = change(text), text
                assert text != old, f"{name} is not as the test expects"
            target.writestr(member, text, compress_type=zipfile.ZIP_DEFLATED)
        if name not in names:
            target.writestr(name, change(""), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def good_rows(world):
    return [
        ["enhedskode", "inviterede", "besvarelser", "krænkelser", "Tryghed", "Krav"],
        [world.organisation.code, 100, 80, 1, 70, 65],
        [world.unit.code, 20, 12, 0, 62.5, 58],
    ]


def test_a_score_formula_without_a_saved_value_is_refused_and_keeps_the_old_reports(
    small_round, world
):
    importer.import_file(small_round, xlsx_bytes(good_rows(world)), "før.xlsx")
    before = list(SurveyReport.objects.values_list("pk", "average"))
    rows = good_rows(world)
    rows[2][4] = "=B2"  # openpyxl stores the formula and no value, as some programs do
    problems = problems_of(small_round, xlsx_bytes(rows), "rapport.xlsx")
    assert [str(problem) for problem in problems] == [
        "Række 3, kolonne »E«: Cellen er en formel uden gemt værdi – gem filen i Excel og "
        "prøv igen."
    ]
    with pytest.raises(ImportRejected):
        importer.import_file(small_round, xlsx_bytes(rows), "efter.xlsx")
    assert list(SurveyReport.objects.values_list("pk", "average")) == before


def test_a_row_of_formulas_only_is_refused_not_skipped_as_blank(small_round, world):
    rows = [*good_rows(world), ["=A3", "=B3", "=C3", "=D3", "=E3", "=F3"]]
    problems = problems_of(small_round, xlsx_bytes(rows), "rapport.xlsx")
    assert {(p.row, p.column) for p in problems} == {(4, c) for c in "ABCDEF"}


def test_a_text_that_starts_with_an_equals_sign_is_read_as_text(world):
    workbook = openpyxl.Workbook()
    workbook.active.append(["enhedskode", "note"])
    workbook.active.append([world.unit.code, "x"])
    cell = workbook.active["B2"]
    cell.value, cell.data_type = "=ikke en formel", "s"
    out = io.BytesIO()
    workbook.save(out)
    table = importer.read_table(out.getvalue(), "tekst.xlsx")
    assert table.rows == [(2, [world.unit.code, "=ikke en formel"])]


def test_a_formula_with_its_saved_value_imports_as_excel_saves_it(small_round, world):
    rows = good_rows(world)
    rows[2][4] = "=60+2.5"
    data = rewrite(
        xlsx_bytes(rows),
        "xl/worksheets/sheet1.xml",
        # openpyxl writes the empty value as <v /> or, with lxml installed, <v/>
        lambda xml: re.sub(r"<f>60\+2\.5</f>(<v ?/>|<v></v>)", "<f>60+2.5</f><v>62.5</v>", xml),
    )
    importer.import_file(small_round, data, "excel.xlsx")
    report = SurveyReport.objects.get(unit=world.unit)
    assert report.scores.get(theme="Tryghed").score == Decimal("62.5")


# --- item 3: bounded work -------------------------------------------------------------------

STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def with_shared_strings(data: bytes, text: str, part="xl/sharedStrings.xml") -> bytes:
    """A valid workbook whose first header cell is the shared string `text`."""
    data = rewrite(
        data,
        "[Content_Types].xml",
        lambda xml: xml.replace(
            "</Types>", f'<Override PartName="/{part}" ContentType="{STRINGS_TYPE}" /></Types>'
        ),
    )
    data = rewrite(
        data,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            '<c r="A1" t="inlineStr"><is><t>enhedskode</t></is></c>', '<c r="A1" t="s"><v>0</v></c>'
        ),
    )
    sst = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        f'uniqueCount="1"><si><t>{text}</t></si></sst>'
    )
    return rewrite(data, part, lambda _old: sst)


def test_shared_strings_are_read_as_usual(small_round, world):
    data = with_shared_strings(xlsx_bytes(good_rows(world)), "enhedskode")
    importer.import_file(small_round, data, "delte.xlsx")
    assert SurveyReport.objects.get(unit=world.unit).respondents == 12


@pytest.mark.parametrize("part", ["xl/sharedStrings.xml", "xl/andet-navn.xml"])
def test_a_workbook_of_huge_shared_strings_is_refused_before_it_is_opened(
    small_round, world, monkeypatch, part
):
    data = with_shared_strings(xlsx_bytes(good_rows(world)), "enhedskode" * 300_000, part)
    assert len(data) < 100_000  # 3 MB of text, compressed

    def never(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    start = time.perf_counter()
    problems = problems_of(small_round, data, "rapport.xlsx")
    assert time.perf_counter() - start < 1
    assert [p.message for p in problems] == [
        "Excel-filen indeholder for meget tekst (over 2 MB udpakket). En rapportfil fylder "
        "normalt under 1 MB."
    ]


def test_any_other_part_read_whole_is_held_to_the_same_limit(small_round, world, monkeypatch):
    data = rewrite(
        xlsx_bytes(good_rows(world)),
        "xl/styles.xml",
        lambda xml: xml.replace(
            "</styleSheet>", f"<extLst>{'<ext />' * 400_000}</extLst></styleSheet>"
        ),
    )
    monkeypatch.setattr(openpyxl, "load_workbook", None)
    assert [p.message for p in problems_of(small_round, data, "rapport.xlsx")] == [
        "En del af Excel-filen (xl/styles.xml) er for stor udpakket (over 2 MB). En rapportfil "
        "fylder normalt under 1 MB."
    ]


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_opened(
    small_round, world, monkeypatch
):
    filler = "<row />" * 3_200_000  # 22 MB of empty rows
    data = rewrite(
        xlsx_bytes(good_rows(world)),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace("</sheetData>", f"{filler}</sheetData>"),
    )
    assert len(data) < importer.MAX_UPLOAD_BYTES
    monkeypatch.setattr(openpyxl, "load_workbook", None)
    problems = problems_of(small_round, data, "rapport.xlsx")
    assert [p.message for p in problems] == [
        "Excel-filen er for stor udpakket (over 20 MB). En rapportfil fylder normalt under 1 MB."
    ]


def test_rows_after_many_blank_rows_are_not_lost(small_round, world):
    importer.import_file(small_round, xlsx_bytes(good_rows(world)), "før.xlsx")
    workbook = openpyxl.Workbook()
    for row in good_rows(world)[:2]:
        workbook.active.append(row)
    workbook.active.append([world.other_unit.code, 10, 9, 0, 80, 80])
    for column, value in enumerate(good_rows(world)[2], start=1):
        workbook.active.cell(row=importer.MAX_ROWS + 100, column=column, value=value)
    out = io.BytesIO()
    workbook.save(out)
    importer.import_file(small_round, out.getvalue(), "huller.xlsx")
    assert SurveyReport.objects.get(unit=world.unit).respondents == 12

    lines = ["enhedskode;inviterede;besvarelser;krænkelser;Tryghed;Krav"]
    lines += [f"{world.organisation.code};100;80;1;70;65"] + [";;;;;"] * (importer.MAX_ROWS + 9)
    lines += [f"{world.unit.code};20;15;0;62;58"]
    importer.import_file(small_round, "\r\n".join(lines).encode(), "huller.csv")
    assert SurveyReport.objects.get(unit=world.unit).respondents == 15


def test_rows_past_a_wrong_dimension_are_read(small_round, world):
    data = rewrite(
        xlsx_bytes(good_rows(world)),
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(r'<dimension ref="A1:F3" ?/>', '<dimension ref="A1:F2" />', xml),
    )
    importer.import_file(small_round, data, "dimension.xlsx")
    assert SurveyReport.objects.filter(unit=world.unit).exists()
