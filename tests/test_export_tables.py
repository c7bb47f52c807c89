"""The plans as Excel and CSV: opened and read back (openpyxl, Python's csv), the same rows in
both, nothing a spreadsheet would run as a formula, and HR's and MED's workbooks holding
exactly the units each may see."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from actionplans.exports import rows

from . import factory

HYPERLINK = '=HYPERLINK("http://x")'
SCRIPT = "<script>alert(1)</script>"
LONG = "Vi " + "gennemgår arbejdsgangene " * 20


@pytest.fixture
def survey(world):
    survey = factory.survey_round(world.organisation, name="Trivselsmåling 2026")
    plan = factory.action_plan(
        world.unit,
        round=survey,
        title="Støj i frokoststuen",
        change="For meget larm",
        goal="Ro ved bordene",
        effect_evaluation="Vi spørger på personalemødet i august",
        follow_up_first=datetime.date(2026, 9, 1),
        follow_up_second=datetime.date(2026, 12, 1),
    )
    holder = factory.tovholder(world.unit, name="Åse Øster")
    factory.activity(
        plan,
        what="Vi indkøber lydabsorbenter",
        tovholder=holder,
        participants="Alle på stuen",
        deadline=datetime.date(2026, 5, 1),
        stage="under_way",
    )
    factory.activity(plan, what=LONG, level="ledelse")
    factory.activity(plan, what=HYPERLINK, level="organisation")
    factory.activity(plan, what=SCRIPT)
    factory.activity(plan, what="+45 kr. pr. barn", stage="done")
    factory.activity(plan, what="@alle: husk mødet")
    factory.action_plan(world.unit, round=survey, title="Plan uden aktiviteter endnu")
    other_plan = factory.action_plan(world.other_unit, round=survey, title="Vagtplanen")
    factory.activity(other_plan, what="Ny vagtplan", stage="planned")
    # a unit in another department: neither MED's nor the trio's
    elsewhere = factory.unit("Skolen i Ærøskøbing", parent=world.organisation, code="SK1")
    factory.activity(
        factory.action_plan(elsewhere, round=survey, title="Skolegården"), what="Nye bænke"
    )
    return survey


def workbook(response):
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def by_header(sheet):
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_the_units_workbook_has_one_row_per_activity_with_the_vendors_columns(
    client, world, survey
):
    client.force_login(world.leader)
    sheet = workbook(client.get(reverse("actionplans:unit_plans_xlsx", args=[world.unit.pk])))
    assert [c.value for c in sheet[1]] == rows.headers()
    table = by_header(sheet)
    assert len(table) == 7  # six activities and the plan without any
    first = table[0]
    assert first["Enhed"] == "Egen enhed" and first["Enhedskode"] == world.unit.code
    assert first["Tema"] == "Støj i frokoststuen"
    assert first["Aktivitet"] == "Vi indkøber lydabsorbenter"
    assert first["IGLO-niveau"] == "Gruppe" and first["Status"] == "I gang"
    assert first["Tovholder"] == "Åse Øster" and first["Deltagere"] == "Alle på stuen"
    assert first["Deadline"] == datetime.datetime(2026, 5, 1)
    assert first["Problem – hvad vil vi ændre"] == "For meget larm"
    assert first["Mål – hvad vil vi opnå"] == "Ro ved bordene"
    assert first["Første opfølgning"] == datetime.datetime(2026, 9, 1)
    assert first["Anden opfølgning"] == datetime.datetime(2026, 12, 1)
    assert first["Hvordan vurderes effekten"] == "Vi spørger på personalemødet i august"
    assert isinstance(first["Senest opdateret"], datetime.datetime)
    assert table[1]["Aktivitet"] == LONG and len(LONG) >= 500
    assert table[3]["Aktivitet"] == SCRIPT
    assert table[6]["Tema"] == "Plan uden aktiviteter endnu" and table[6]["Aktivitet"] is None


def test_a_text_that_looks_like_a_formula_is_written_as_text(client, world, survey):
    client.force_login(world.leader)
    sheet = workbook(client.get(reverse("actionplans:unit_plans_xlsx", args=[world.unit.pk])))
    cells = {row[5].value: row[5] for row in sheet.iter_rows(min_row=2) if row[5].value}
    for text in (HYPERLINK, "+45 kr. pr. barn", "@alle: husk mødet"):
        assert cells[text].data_type == "s", text
        assert cells[text].quotePrefix, text
    assert not cells["Vi indkøber lydabsorbenter"].quotePrefix


def test_the_workbook_has_a_frozen_header_widths_and_lists_for_status_and_level(
    client, world, survey
):
    client.force_login(world.leader)
    sheet = workbook(client.get(reverse("actionplans:unit_plans_xlsx", args=[world.unit.pk])))
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["F"].width == 50
    lists = {
        str(dv.sqref).split(":")[0]: dv.formula1 for dv in sheet.data_validations.dataValidation
    }
    status, level = lists["K2"], lists["G2"]
    assert "Ikke startet" in status and "Næsten i mål" in status and "Opgivet" in status
    assert level == '"Individ,Gruppe,Ledelse,Organisation"'


def test_hr_gets_every_unit_in_the_round_and_med_only_its_department(client, world, survey):
    url = reverse("actionplans:round_workbook_xlsx", args=[survey.pk])
    client.force_login(world.hr)
    units = {row["Enhed"] for row in by_header(workbook(client.get(url)))}
    assert units == {"Egen enhed", "Anden enhed", "Skolen i Ærøskøbing"}
    client.force_login(world.med)
    units = {row["Enhed"] for row in by_header(workbook(client.get(url)))}
    assert units == {"Egen enhed", "Anden enhed"}


def test_a_round_of_another_organisation_is_not_found(client, world, survey):
    elsewhere = factory.unit("Nabokommune", code="NK")
    their_round = factory.survey_round(elsewhere)
    client.force_login(world.med)
    url = reverse("actionplans:round_workbook_xlsx", args=[their_round.pk])
    assert client.get(url).status_code == 404


def test_the_csv_is_utf8_with_bom_and_semicolons_with_the_workbooks_rows(client, world, survey):
    client.force_login(world.hr)
    response = client.get(reverse("actionplans:round_rows_csv", args=[survey.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith(".csv")
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbfEnhed;Enhedskode;Tema;")
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert lines[0] == rows.headers()
    body = [dict(zip(lines[0], line, strict=True)) for line in lines[1:]]
    assert body[0]["Deadline"] == "01-05-2026" and body[0]["Status"] == "I gang"
    activities = [row["Aktivitet"] for row in body]
    assert LONG in activities and SCRIPT in activities
    assert "'" + HYPERLINK in activities and HYPERLINK not in activities
    assert "'+45 kr. pr. barn" in activities and "'@alle: husk mødet" in activities

    sheet = workbook(client.get(reverse("actionplans:round_workbook_xlsx", args=[survey.pk])))
    in_workbook = [row["Aktivitet"] or "" for row in by_header(sheet)]
    assert [a.removeprefix("'") for a in activities] == in_workbook


def test_the_csv_marks_tab_and_carriage_return_starts_too():
    from actionplans.exports.csv_export import csv_lines

    row = tuple("\tx" if i == 5 else ("\r=1" if i == 6 else "") for i in range(len(rows.KEYS)))
    line = list(csv_lines([row]))[1]
    assert "'\tx" in line and "'\r=1" in line


def test_the_hr_workbook_reads_in_a_fixed_number_of_queries(
    client, world, survey, django_assert_max_num_queries
):
    url = reverse("actionplans:round_workbook_xlsx", args=[survey.pk])
    client.force_login(world.hr)
    client.get(url)  # the session and the login's own queries, once
    for index in range(30):
        plan = factory.action_plan(world.other_unit, round=survey, title=f"Plan {index}")
        factory.activity(
            plan,
            what=f"Aktivitet {index}",
            tovholder=factory.tovholder(world.other_unit, name=f"T {index}"),
        )
    # session, user, scope, round, reach, the rows, the plans without activities
    with django_assert_max_num_queries(7):
        response = client.get(url)
        b"".join(response.streaming_content)
