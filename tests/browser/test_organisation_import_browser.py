"""An HR consultant imports the organisation in the browser (issue 23): chooses the payroll
export, sees the preview of what is created, moved and closed, imports it, invites one of
the imported leaders (who sets a password from the mail and logs in), and then finds the
three new units that have no action plan yet from the overview's headline."""

import datetime
import io
import re

import openpyxl
import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from tests import factory
from units.models import Membership, Role, Unit

from .conftest import log_in

TODAY = datetime.date.today()
UNITS = [
    ("AK", "Albertslund Kommune", "", "organisation"),
    ("BU", "Børn og Unge", "AK", "afdeling"),
    ("BU-01", "Børnehaven Spiren", "BU", "arbejdsplads"),
    ("BU-02", "Dagplejen Vest", "BU", "arbejdsplads"),
    ("BU-03", "Fritidshjemmet Lærken", "BU", "arbejdsplads"),
    ("VP", "Vej og Park", "AK", "afdeling"),
    ("VP-01", "Materielgården", "VP", "arbejdsplads"),
]
PEOPLE = [
    ("hanne@ak.example", "Hanne Rasmussen", "AK", "hr"),
    ("lise@ak.example", "Lise Bech", "BU-01", "leder"),
    ("tobias@ak.example", "Tobias Riis", "BU-01", "tr"),
    ("dorte@ak.example", "Dorte Vang", "BU-02", "leder"),
    ("lars@ak.example", "Lars Friis", "BU-03", "leder"),
    ("peter@ak.example", "Peter Holt", "VP-01", "leder"),
    ("peter@ak.example", "Peter Holt", "VP", "med"),
]
WITHOUT_PLAN = ["Dagplejen Vest", "Fritidshjemmet Lærken", "Materielgården"]


@pytest.fixture
def municipality(transactional_db):
    """Albertslund as the admin left it: the organisation, one department with Børnehaven
    Spiren (which has its plan) and Ungdomsklubben, which has been shut down; HR Hanne."""
    call_command("load_methods", verbosity=0)
    org = factory.unit("Albertslund Kommune", code="AK")
    department = factory.unit("Børn og Unge", parent=org, kind=Unit.Kind.DEPARTMENT, code="BU")
    spiren = factory.unit("Børnehaven Spiren", parent=department, code="BU-01")
    factory.unit("Ungdomsklubben", parent=department, code="BU-09")
    round_ = factory.survey_round(
        org,
        name="Trivselsmåling og APV 2026",
        survey_opens=TODAY - datetime.timedelta(days=60),
        action_plan_deadline=TODAY + datetime.timedelta(days=9),
    )
    factory.action_plan(spiren, round=round_, title="Støj i frokoststuen")
    factory.user(
        "hanne",
        role=Role.HR,
        unit=org,
        first_name="Hanne",
        last_name="Rasmussen",
        email="hanne@ak.example",
    )
    return round_


def payroll_export(tmp_path):
    book = openpyxl.Workbook()
    units = book.active
    units.title = "Enheder"
    units.append(["enhedskode", "navn", "overordnet enhedskode", "type"])
    for row in UNITS:
        units.append(list(row))
    people = book.create_sheet("Personer")
    people.append(["e-mail", "navn", "enhedskode", "rolle"])
    for row in PEOPLE:
        people.append(list(row))
    path = tmp_path / "organisation-2026.xlsx"
    target = io.BytesIO()
    book.save(target)
    path.write_bytes(target.getvalue())
    return path


def test_hr_imports_the_organisation_and_finds_the_units_without_a_plan(
    live_server, municipality, new_page, screenshot, tmp_path
):
    page = new_page("laptop")
    log_in(page, live_server, "hanne", factory.PASSWORD)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Organisation"
    ).click()
    expect(page.get_by_role("heading", name="Organisation", level=1)).to_be_visible()

    page.get_by_label("Organisationsfil").set_input_files(payroll_export(tmp_path))
    page.get_by_role("button", name="Kontrollér filen").click()
    preview = page.locator("#import-result")
    expect(preview.get_by_role("heading", name="Forhåndsvisning")).to_be_visible()
    expect(preview).to_contain_text("4 nye enheder")
    expect(preview).to_contain_text("1 lukkes")
    expect(preview).to_contain_text("Ungdomsklubben (BU-09)")
    expect(preview).to_contain_text("Materielgården")
    assert not Unit.objects.filter(code="VP-01").exists()  # nothing saved before confirming
    screenshot(page, "organisation-import-preview-laptop")
    page.set_viewport_size({"width": 390, "height": 844})
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    screenshot(page, "organisation-import-preview-phone")
    page.set_viewport_size({"width": 1366, "height": 768})

    page.get_by_role("button", name="Importér organisationen").click()
    expect(page.get_by_role("status")).to_contain_text("4 enheder oprettet")
    assert Unit.objects.get(code="BU-09").closed_on == TODAY
    assert Membership.objects.filter(user__email="peter@ak.example").count() == 2
    screenshot(page, "organisation-import-done")

    # The imported leader of Dagplejen Vest gets an invitation and logs in.
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Personer").click()
    page.get_by_label("Søg").first.fill("Dorte")
    page.get_by_role("button", name="Søg").click()
    page.get_by_role("link", name="Dorte Vang").click()
    expect(page.get_by_role("heading", name="Dorte Vang")).to_be_visible()
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text("Invitationen er sendt til dorte@ak.example")).to_be_visible()
    (message,) = mail.outbox
    assert message.to == ["dorte@ak.example"]
    link = re.search(r"https?://\S+/invitation/\S+/", message.body).group(0)
    leader = new_page("phone")
    leader.goto(live_server.url + "/" + link.split("/", 3)[3])
    leader.get_by_label(re.compile(r"^Ny adgangskode")).fill("Solsikke-Havtorn-42")
    leader.get_by_label("Bekræftelse af ny adgangskode").fill("Solsikke-Havtorn-42")
    leader.get_by_role("button", name="Gem adgangskode").click()
    expect(leader.get_by_text("Din adgangskode er gemt")).to_be_visible()
    log_in(leader, live_server, "dorte@ak.example", "Solsikke-Havtorn-42")
    expect(leader.get_by_role("link", name="Dagplejen Vest").first).to_be_visible()

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Overblik").click()
    headline = page.locator(".overview-headline")
    expect(headline).to_contain_text("3 enheder uden handleplan")
    headline.get_by_role("link", name="enheder uden handleplan").click()
    expect(page.get_by_role("status").filter(has_text="vises")).to_contain_text("3 enheder af 4")
    table = page.locator(".overview-table").first
    for name in WITHOUT_PLAN:
        expect(table).to_contain_text(name)
    expect(table).not_to_contain_text("Børnehaven Spiren")
    expect(table).not_to_contain_text("Ungdomsklubben")
    screenshot(page, "organisation-import-overview-without-plan")
