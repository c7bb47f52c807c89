"""The demo's story as `leder` reads it on a laptop: three units, one at each stage."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from units.demo import DEMO_PASSWORD

from .conftest import log_in


@pytest.fixture
def demo(transactional_db):
    call_command("demo")


def test_leder_walks_the_story_before_just_after_and_half_a_year_on(
    live_server, demo, new_page, screenshot
):
    page = new_page("laptop")
    log_in(page, live_server, "leder", DEMO_PASSWORD)
    units = page.get_by_role("main")
    for name in ("Børnehaven Spiren", "Vuggestuen Myretuen", "Dagtilbud Lærkereden"):
        expect(units.get_by_role("link", name=name)).to_be_visible()
    screenshot(page, "demo-home-leder-laptop")

    # before: the workshop is being prepared, no plans yet
    page.get_by_role("link", name="Børnehaven Spiren").click()
    workshops = page.locator("#workshops")
    expect(workshops).to_contain_text("Under forberedelse")
    expect(workshops).to_contain_text("4 pink post-its")
    expect(page.get_by_text("Ingen handleplaner endnu")).to_be_visible()
    screenshot(page, "demo-before-spiren-laptop")

    # just after: held and closed, three fresh plans
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Vuggestuen Myretuen").click()
    expect(page.locator("#workshops")).to_contain_text("Afsluttet")
    expect(page.get_by_role("link", name="Se 3 handleplaner")).to_be_visible()
    screenshot(page, "demo-just-after-myretuen-laptop")
    page.get_by_role("link", name="Se 3 handleplaner").click()
    expect(page.get_by_role("heading", name="Løftet videre til MED og HR")).to_be_visible()
    expect(page.get_by_text("Fælles vikarpulje for hele Lærkereden").first).to_be_visible()
    screenshot(page, "demo-just-after-myretuen-plans-laptop")

    # half a year on: progress, and HR's answer to what was raised
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Dagtilbud Lærkereden").click()
    expect(page.locator("#workshops")).to_contain_text("Afsluttet")
    expect(page.get_by_text("anden opfølgning").first).to_be_visible()  # six months on
    screenshot(page, "demo-half-year-laerkereden-laptop")
    page.get_by_role("link", name="Se 3 handleplaner").click()
    expect(page.get_by_text("Svar fra MED/HR")).to_be_visible()
    screenshot(page, "demo-half-year-laerkereden-plans-laptop")


def test_hr_sees_the_story_in_the_overview(live_server, demo, new_page, screenshot):
    page = new_page("laptop")
    log_in(page, live_server, "hr", DEMO_PASSWORD)
    page.get_by_role("link", name="Overblik").first.click()
    rows = page.get_by_role("row")
    expect(rows.filter(has_text="Børnehaven Spiren")).to_contain_text("Planlagt")
    expect(rows.filter(has_text="Vuggestuen Myretuen")).to_contain_text("Afholdt")
    late = rows.filter(has_text="Dagtilbud Lærkereden")
    expect(late).to_contain_text("Afholdt")
    expect(late).to_contain_text("Gennemført")
    screenshot(page, "demo-overview-hr-laptop")
