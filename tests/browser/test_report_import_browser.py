"""HR imports the vendor's file in the browser (upload → preview → confirm), and the trio reads
their report on a phone, a laptop and a projector."""

from pathlib import Path

import pytest

from surveys import demo as surveys_demo
from surveys.models import Round, SurveyReport
from units import demo as units_demo
from units.demo import DEMO_PASSWORD

from .conftest import log_in

EXAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "report-import-example.xlsx"


@pytest.fixture
def demo_reports(transactional_db):
    """The demo organisation and its imported round (only this app's demo data)."""
    units_demo.create()
    return surveys_demo.create()


@pytest.fixture
def demo(demo_reports):
    SurveyReport.objects.all().delete()  # start from a round without reports
    return Round.objects.get(pk=demo_reports.pk)


def test_hr_uploads_previews_and_confirms_then_opens_a_report(
    live_server, demo, new_page, screenshot
):
    page = new_page("laptop")
    log_in(page, live_server, "hr", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/rapporter/")
    page.get_by_role("link", name=f"Importér rapporter {demo.name}").click()
    page.get_by_label("Rapportfil (Excel .xlsx eller .csv)").set_input_files(str(EXAMPLE))
    page.get_by_role("button", name="Kontrollér filen").click()
    heading = page.get_by_role("heading", name="2. Forhåndsvisning – tjek og bekræft")
    heading.wait_for()
    assert page.evaluate("document.activeElement.id") == "import-result-heading"
    assert SurveyReport.objects.count() == 0  # nothing saved before confirming
    screenshot(page, "report-import-preview-laptop")
    page.get_by_role("button", name="Importér 17 rapporter").click()
    page.get_by_text("17 rapporter er importeret").wait_for()
    assert SurveyReport.objects.count() == 17
    screenshot(page, "report-round-laptop")
    page.get_by_role("link", name="Børnehaven Spiren").click()
    page.get_by_role("heading", name="Resultatrapport: Børnehaven Spiren").wait_for()
    assert page.get_by_role("heading", name="Krænkende adfærd skal følges op").is_visible()


def test_bad_file_shows_the_problems_and_saves_nothing(live_server, demo, new_page, tmp_path):
    bad = tmp_path / "rapport.csv"
    csv = (EXAMPLE.parent / "report-import-example.csv").read_bytes()
    bad.write_bytes(csv.replace(b"BK-BF-02;", b"BK-XX-99;").replace(b";19;2;", b";19;to;"))
    page = new_page("laptop")
    log_in(page, live_server, "hr", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/rapporter/maalinger/{demo.pk}/import/")
    page.get_by_label("Rapportfil (Excel .xlsx eller .csv)").set_input_files(str(bad))
    page.get_by_role("button", name="Kontrollér filen").click()
    page.get_by_role("heading", name="Filen kan ikke importeres – intet er gemt").wait_for()
    text = page.locator("#import-result").inner_text()
    assert "Ukendt enhedskode »BK-XX-99«" in text and "»to« er ikke et helt tal" in text
    assert SurveyReport.objects.count() == 0


@pytest.mark.parametrize("size", ["phone", "laptop", "projector"])
def test_trio_reads_their_report_on_every_screen(
    live_server, demo_reports, new_page, screenshot, size
):
    spiren = SurveyReport.objects.get(unit__code="BK-BF-01-B")
    page = new_page(size)
    log_in(page, live_server, "leder", DEMO_PASSWORD)
    page.get_by_role("link", name="Børnehaven Spiren").click()
    page.get_by_role("link", name="Se rapporten for Børnehaven Spiren").click()
    page.wait_for_url(f"{live_server.url}/rapporter/{spiren.pk}/")
    assert page.get_by_text("Opfølgning sammen med afdelingschefen").first.is_visible()
    assert page.get_by_role("link", name="Forbered trivselsdialog").first.is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow
    screenshot(page, f"report-spiren-{size}")


def test_med_sees_why_a_small_unit_has_no_report(live_server, demo_reports, new_page, screenshot):
    ppr = SurveyReport.objects.get(unit__code="BK-BF-03")
    page = new_page("phone")
    log_in(page, live_server, "med", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/rapporter/{ppr.pk}/")
    assert page.get_by_role("heading", name="Ingen resultater – for få besvarelser").is_visible()
    assert page.locator("svg.bar").count() == 0
    screenshot(page, "report-below-threshold-phone")
