"""The trio prepares a workshop end to end in a real browser: create it, plan the agenda
(a break, minutes, reorder by keyboard), ground rules, a pink post-it, tick the checklist,
and read the invitation; then the same pages on a phone."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from units.demo import DEMO_PASSWORD

from .conftest import log_in


@pytest.fixture
def demo(transactional_db):
    call_command("demo")


def no_sideways_scroll(page):
    return not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def overflowing(page):
    """The elements wider than the viewport, to say what overflows."""
    return page.evaluate(
        """[...document.querySelectorAll('main *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5).map(e => e.tagName + '.' + e.className)"""
    )


def test_leader_prepares_a_workshop_end_to_end(live_server, demo, new_page, screenshot):
    page = new_page("laptop")
    log_in(page, live_server, "leder", DEMO_PASSWORD)
    page.get_by_role("link", name="Børnehaven Spiren").first.click()
    page.get_by_role("link", name="Ny trivselsdialog").click()

    page.get_by_label("Titel").fill("Trivselsdialog efterår")
    page.get_by_label("Dato").fill("2026-09-15")
    page.get_by_label("Starttidspunkt").fill("09:00")
    page.get_by_label("Sted").fill("Mødelokale 2")
    page.get_by_label("Tidsstyrer").fill("Tobias Riis")
    page.get_by_label("… eller en lånt facilitator (navn)").fill("Frida fra Myretuen")
    screenshot(page, "prepare-create-laptop")
    page.get_by_role("button", name="Opret trivselsdialog").click()

    expect(page.get_by_text("Trivselsdialogen er oprettet")).to_be_visible()
    expect(page.get_by_text("09.00–11.30").first).to_be_visible()
    workshop_url = page.url

    # agenda: a break, then the plan is too long and says so in words
    page.get_by_role("link", name="Ret dagsordenen").click()
    page.get_by_label("Indsæt pause efter").select_option(
        label="Vores hverdag – bevare eller forandre"
    )
    page.get_by_role("button", name="Indsæt pause").click()
    expect(page.get_by_role("rowheader", name="Pause")).to_be_visible()
    warning = page.locator(".agenda-warning")
    expect(warning).to_contain_text("⚠ Planen er 15 minutter for lang.")

    # shorten the arrow phase: the warning goes away and clock times follow
    arrow_minutes = page.get_by_label("Minutter til Hvad skal vi gøre? (pilen)")
    arrow_minutes.fill("45")
    arrow_minutes.press("Enter")
    expect(warning).to_have_count(0)
    expect(page.get_by_text("Fra kl. 09.00 til kl. 11.30")).to_be_visible()

    # reorder with the keyboard: focus stays on the button that was used (once the page that
    # the minutes' Enter loaded has its scripts: before that, Enter is a plain form post)
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.htmx !== undefined")
    up = page.get_by_role("button", name=re.compile(r"^Op\W+Pause$"))
    up.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#agenda-status")).to_contain_text("Pause er flyttet op.")
    names = page.locator(".agenda-table__name").all_inner_texts()
    pause_at = [i for i, n in enumerate(names) if "Pause" in n][0]
    assert "bevare eller forandre" in names[pause_at + 1]
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("move-up-")
    screenshot(page, "prepare-agenda-laptop")

    # ground rules: add one of our own
    page.get_by_role("link", name="Spilleregler").click()
    page.get_by_label("Spilleregel 6").fill("Telefonen ligger i tasken")
    page.get_by_label("Forventninger til udbyttet").fill("Tre konkrete aftaler")
    page.get_by_role("button", name="Gem spilleregler og forventninger").click()
    expect(page.get_by_text("Telefonen ligger i tasken")).to_be_visible()

    # a pink post-it with the harassment flag
    page.get_by_role("navigation", name="Forberedelse").get_by_role(
        "link", name="Pink post-its"
    ).click()
    page.get_by_label("Emne (ét emne pr. post-it)").fill("Uløste krænkelser i huset")
    page.get_by_label("Fungerer mindre godt").check()
    page.get_by_label("Præsenteres af").fill("Amira")
    page.get_by_label("Krænkelse – kræver handling").check()
    page.get_by_role("button", name="Tilføj post-it").click()
    note = page.locator(".postit").filter(has_text="Uløste krænkelser i huset")
    expect(note).to_contain_text("Krænkelse – kræver handling")
    expect(note).to_contain_text("Præsenteres af Amira")
    screenshot(page, "prepare-pink-laptop")

    # tick the checklist on the overview (htmx), progress follows
    page.goto(workshop_url)
    item = page.get_by_role("button", name="Lokale er booket")
    expect(item).to_have_attribute("aria-pressed", "false")
    item.click()
    expect(page.get_by_text("1 af 7 punkter klaret")).to_be_visible()
    expect(page.get_by_role("button", name="Lokale er booket")).to_have_attribute(
        "aria-pressed", "true"
    )
    screenshot(page, "prepare-overview-laptop")

    # invitation with time, place and programme; printable
    page.get_by_role("link", name="Se invitationen").click()
    invitation = page.get_by_role("article", name="Invitationen")
    expect(invitation).to_contain_text("tirsdag den 15. september 2026 kl. 09.00–11.30")
    expect(invitation).to_contain_text("Mødelokale 2")
    expect(invitation).to_contain_text("Læs resultatrapporten")
    screenshot(page, "prepare-invitation-laptop")
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Udskriv")).to_be_hidden()
    screenshot(page, "prepare-invitation-print")

    # the unit page shows progress
    page.emulate_media(media="screen")
    page.get_by_role("link", name="Børnehaven Spiren").click()
    section = page.locator("#workshops")
    expect(section).to_contain_text("Trivselsdialog efterår")
    expect(section).to_contain_text(re.compile(r"Tjekliste: 1 af 7 klaret"))
    screenshot(page, "prepare-unit-laptop")


def test_the_prepared_demo_workshop_reads_well_on_a_phone(live_server, demo, new_page, screenshot):
    page = new_page("phone")
    log_in(page, live_server, "leder", DEMO_PASSWORD)
    page.get_by_role("link", name="Børnehaven Spiren").first.click()
    assert no_sideways_scroll(page)
    page.locator("#workshops").get_by_role("link", name=re.compile(r"Trivselsdialog \d{4}")).click()
    expect(page.get_by_text("3 af 7 punkter klaret")).to_be_visible()
    screenshot(page, "prepare-overview-phone")
    assert no_sideways_scroll(page), overflowing(page)
    page.get_by_role("link", name="Ret dagsordenen").click()
    screenshot(page, "prepare-agenda-phone")
    assert no_sideways_scroll(page), overflowing(page)
    page.get_by_role("navigation", name="Forberedelse").get_by_role(
        "link", name="Pink post-its"
    ).click()
    expect(page.get_by_text("Krænkelse – kræver handling").first).to_be_visible()
    screenshot(page, "prepare-pink-phone")
    assert no_sideways_scroll(page), overflowing(page)


def test_med_reads_the_plan_on_a_laptop_without_edit_controls(
    live_server, demo, new_page, screenshot
):
    page = new_page("laptop")
    log_in(page, live_server, "med", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Børnehaven Spiren").first.click()
    page.locator("#workshops").get_by_role("link", name=re.compile(r"Trivselsdialog \d{4}")).click()
    expect(page.get_by_text("Du kan læse planen, men ikke ændre den.")).to_be_visible()
    expect(page.get_by_role("button", name="Lokale er booket")).to_have_count(0)
    page.get_by_role("link", name="Se dagsordenen").click()
    expect(page.get_by_role("button", name=re.compile("^Op"))).to_have_count(0)
    screenshot(page, "prepare-agenda-med-laptop")
