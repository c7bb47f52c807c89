"""HR downloads every export from the page where it is offered, in a real browser: the
unit's plans (PDF, Excel), the workshop's invitation and summary (PDF), and every unit's
plans of the round (Excel, CSV). Each file is opened and read; the link is busy while the
file is made and says so when it has arrived."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from units.models import Role

from .. import factory
from .conftest import log_in


@pytest.fixture
def plans(transactional_db):
    organisation = factory.unit("Bøgely Kommune", code="BK")
    unit = factory.unit("Børnehaven Ærtebo", parent=organisation, code="BÆ")
    factory.user("hr-bruger", role=Role.HR, unit=organisation)
    survey = factory.survey_round(organisation, name="Trivselsmåling 2026")
    plan = factory.action_plan(unit, round=survey, title="Støj i frokoststuen")
    factory.activity(
        plan,
        what='=HYPERLINK("http://x") <script>alert(1)</script>',
        tovholder=factory.tovholder(unit, name="Åse Øster"),
        deadline=datetime.date(2026, 5, 1),
        stage="under_way",
    )
    workshop = factory.summary_workshop(unit)
    return unit, workshop, survey


def download(page, name):
    link = page.get_by_role("link", name=name)
    with page.expect_download() as info:
        link.click()
    file = info.value
    content = Path(file.path()).read_bytes()
    section = link.locator("xpath=ancestor::section[1]")
    expect(link).not_to_have_attribute("aria-busy", "true")
    expect(section.get_by_role("status")).to_have_text("Filen er hentet.")
    return file.suggested_filename, content


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_hr_downloads_each_export_and_opens_it(live_server, plans, new_page, screenshot):
    unit, workshop, survey = plans
    page = new_page("laptop", accept_downloads=True)
    log_in(page, live_server, "hr-bruger", factory.PASSWORD)

    page.goto(f"{live_server.url}/enheder/{unit.pk}/")
    screenshot(page, "exports-unit-laptop")
    name, content = download(page, "Handleplaner (PDF)")
    assert name.endswith(".pdf") and "Støj i frokoststuen" in pdf_text(content)
    name, content = download(page, "Handleplaner (Excel)")
    sheet = load_workbook(io.BytesIO(content)).active
    cell = sheet["F2"]
    assert cell.value == '=HYPERLINK("http://x") <script>alert(1)</script>'
    assert cell.data_type == "s"

    page.goto(f"{live_server.url}/workshops/{workshop.pk}/")
    name, content = download(page, "Invitation og program (PDF)")
    assert "Program" in pdf_text(content)
    name, content = download(page, "Opsamling: temaer, matrix, afstemning og planer (PDF)")
    assert "Arbejdsro på stuerne" in pdf_text(content)

    page.goto(f"{live_server.url}/rapporter/maalinger/{survey.pk}/")
    name, content = download(page, "Én række pr. aktivitet (Excel)")
    units = {
        row[0]
        for row in load_workbook(io.BytesIO(content)).active.iter_rows(min_row=2, values_only=True)
    }
    assert units == {"Børnehaven Ærtebo"}
    name, content = download(page, "Samme rækker (CSV, semikolon)")
    assert name.endswith(".csv") and content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert lines[1][0] == "Børnehaven Ærtebo"
    assert lines[1][5].startswith("'=HYPERLINK")
    screenshot(page, "exports-round-laptop")


def test_the_download_links_fit_a_phone(live_server, plans, new_page, screenshot):
    unit, workshop, survey = plans
    page = new_page("phone")
    log_in(page, live_server, "hr-bruger", factory.PASSWORD)
    page.goto(f"{live_server.url}/enheder/{unit.pk}/")
    section = page.get_by_role("heading", name="Handleplaner som fil")
    section.scroll_into_view_if_needed()
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    screenshot(page, "exports-unit-phone")


def test_a_pdf_past_its_bound_is_explained_beside_its_link(
    live_server, plans, new_page, screenshot, settings
):
    """Issue 19, item 3: the renderer is stopped at its bound; the page says what happened
    and what to do instead, and the link is free again."""
    settings.PDF_TIME_LIMIT = 0.05
    unit, workshop, survey = plans
    page = new_page("laptop", accept_downloads=True)
    log_in(page, live_server, "hr-bruger", factory.PASSWORD)
    page.goto(f"{live_server.url}/enheder/{unit.pk}/")

    link = page.get_by_role("link", name="Handleplaner (PDF)")
    link.click()

    section = link.locator("xpath=ancestor::section[1]")
    expect(section.get_by_role("status")).to_have_text(
        "PDF’en blev for stor til at blive lavet. Vælg én måling ad gangen, eller hent Excel-filen."
    )
    expect(link).not_to_have_attribute("aria-busy", "true")
    screenshot(page, "exports-pdf-refused-laptop")
