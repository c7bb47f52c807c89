"""The first screens, in a real browser: the leader's unit page draws its progress arrow at
its size (its stylesheet is loaded), the facilitator's home page leads to the workshops they
run, and the plan page reads well on a phone and a laptop. Screenshots in test-artifacts/."""

import datetime

import pytest
from playwright.sync_api import expect

from units.models import Role

from .. import factory
from .conftest import log_in
from .test_plans_browser import full_unit


@pytest.fixture
def unit(transactional_db):
    organisation = factory.unit("Testkommune", code="TK")
    unit = factory.unit("Børnehaven Solsikken", parent=organisation)
    factory.user("leder", role=Role.LEADER, unit=unit, first_name="Lise", last_name="Bech")
    return unit


@pytest.mark.parametrize("size", ["laptop", "phone"])
def test_the_unit_pages_progress_arrow_is_drawn_small_with_its_words(
    live_server, new_page, screenshot, unit, size
):
    full_unit(unit, plans=3)
    page = new_page(size)
    log_in(page, live_server, "leder", factory.PASSWORD)
    page.goto(f"{live_server.url}/enheder/{unit.pk}/")
    arrow = page.locator("#plans .progress-arrow__svg")
    expect(arrow).to_be_visible()
    box = arrow.bounding_box()
    screenshot(page, f"first-screens-unit-page-{size}")
    assert box["height"] < 120 and box["width"] <= 300, box
    expect(page.locator("#plans .progress-arrow__text")).to_contain_text("%")


def test_the_facilitator_finds_the_workshop_on_the_home_page_and_opens_it(
    live_server, new_page, screenshot, unit
):
    frida = factory.user(
        "frida", role=Role.FACILITATOR, unit=unit.parent, first_name="Frida", last_name="Lund"
    )
    factory.live_workshop(
        unit, title="Trivselsdialog 2026", facilitator=frida, date=datetime.date(2026, 12, 10)
    )
    for size in ("phone", "laptop"):
        page = new_page(size)
        log_in(page, live_server, "frida", factory.PASSWORD)
        expect(page.get_by_role("heading", name="Trivselsdialoger, du faciliterer")).to_be_visible()
        expect(page.get_by_text("Du har endnu ingen enheder")).to_have_count(0)
        screenshot(page, f"first-screens-facilitator-home-{size}")
    page.get_by_role("link", name="Trivselsdialog 2026 · Børnehaven Solsikken").click()
    expect(page.get_by_role("heading", name="Trivselsdialog 2026")).to_be_visible()
    expect(page.get_by_role("link", name="Kør workshoppen")).to_be_visible()
    screenshot(page, "first-screens-facilitator-workshop-laptop")


def test_the_plan_page_on_a_phone_and_a_laptop(live_server, new_page, screenshot, unit):
    plan = full_unit(unit, plans=1)[0]
    for size in ("phone", "laptop"):
        page = new_page(size)
        log_in(page, live_server, "leder", factory.PASSWORD)
        page.goto(f"{live_server.url}/handleplaner/{plan.pk}/")
        expect(page.get_by_role("heading", name=plan.title)).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        screenshot(page, f"first-screens-plan-{size}")
        assert width <= page.viewport_size["width"], width


def test_the_trio_chooses_the_round_and_named_or_anonymous_when_planning(
    live_server, new_page, screenshot, unit
):
    from workshops.methods import load_all

    load_all()  # a flushed test database has lost what the data migration loaded
    today = datetime.date.today()
    factory.survey_round(
        unit.parent,
        name="Trivselsmåling 2026",
        survey_opens=today - datetime.timedelta(days=30),
        action_plan_deadline=today + datetime.timedelta(days=90),
    )
    page = new_page("laptop")
    log_in(page, live_server, "leder", factory.PASSWORD)
    page.goto(f"{live_server.url}/workshops/enhed/{unit.pk}/ny/")
    expect(page.get_by_label("Måling")).to_have_value(str(unit.parent.rounds.get().pk))
    page.get_by_label("Anonymt – ingen, heller ikke facilitator").check()
    screenshot(page, "first-screens-new-workshop-laptop")
    page.get_by_label("Titel").fill("Trivselsdialog 2026")
    page.get_by_role("button", name="Opret trivselsdialog").click()
    expect(page.get_by_text("Anonymt – ingen kan se, hvem der har skrevet hvad")).to_be_visible()
