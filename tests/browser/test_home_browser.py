"""A trio member logs in on a phone and a laptop and finds their unit."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from units.demo import DEMO_PASSWORD

from .conftest import log_in


@pytest.fixture
def demo(transactional_db):
    call_command("demo")


@pytest.mark.parametrize("size", ["phone", "laptop", "projector"])
def test_leader_logs_in_and_sees_their_unit(live_server, demo, new_page, screenshot, size):
    page = new_page(size)
    log_in(page, live_server, "leder", DEMO_PASSWORD)
    assert page.get_by_role("heading", name="Velkommen, Lise").is_visible()
    assert page.get_by_role("link", name="Børnehaven Spiren").is_visible()
    # nothing overflows sideways on a phone
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow
    screenshot(page, f"home-leader-{size}")


def test_hr_sees_the_whole_organisation_and_keyboard_focus_is_visible(
    live_server, demo, new_page, screenshot
):
    page = new_page("laptop")
    log_in(page, live_server, "hr", DEMO_PASSWORD)
    assert page.get_by_role("heading", name="Organisationen").is_visible()
    assert page.get_by_role("link", name="Materielgården").is_visible()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Gå til indhold"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    screenshot(page, "home-hr-laptop")


def test_wrong_password_is_explained_in_danish(live_server, demo, new_page):
    page = new_page("phone")
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill("leder")
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_role("button", name="Log ind").click()
    # wait for the answer (is_visible() does not wait, and raced the page load)
    expect(page.get_by_role("alert")).to_contain_text("korrekt brugernavn")
