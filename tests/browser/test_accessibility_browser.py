"""Issue 9 in a real browser: narrow phones never scroll the page sideways, and a table that
is wider than the phone scrolls by keyboard with a visible focus."""

from pathlib import Path

import pytest
from django.core.management import call_command

from surveys.models import Round
from units.demo import DEMO_PASSWORD
from workshops.models import Workshop

from .conftest import log_in

EXAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "report-import-example.xlsx"


@pytest.fixture
def demo(transactional_db):
    call_command("demo")


def narrow(page, width):
    page.set_viewport_size({"width": width, "height": 720})


def fits_its_width(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def sticking_out(page) -> list[str]:
    """The elements that reach past the viewport's right edge, to say what overflows."""
    return page.evaluate(
        """[...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 8).map(e => `${e.tagName}.${e.className} ${e.getBoundingClientRect().right}`)"""
    )


@pytest.mark.parametrize("width", [320, 390])
def test_hr_reads_the_rounds_list_on_a_narrow_phone_without_sideways_scrolling(
    live_server, demo, new_page, screenshot, width
):
    page = new_page("phone")
    narrow(page, width)
    log_in(page, live_server, "hr", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/rapporter/")
    screenshot(page, f"a11y-rounds-{width}")
    assert fits_its_width(page), sticking_out(page)


def test_the_printable_agenda_fits_a_320_px_phone(live_server, demo, new_page, screenshot):
    workshop = Workshop.objects.filter(unit__code="BK-BF-01-B").first()
    page = new_page("phone")
    narrow(page, 320)
    log_in(page, live_server, "leder", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/workshops/{workshop.pk}/dagsorden/udskriv/")
    screenshot(page, "a11y-agenda-print-320")
    assert fits_its_width(page), sticking_out(page)


def test_hr_scrolls_the_import_preview_by_keyboard_on_a_phone(
    live_server, demo, new_page, screenshot
):
    round_ = Round.objects.get()
    page = new_page("phone")
    log_in(page, live_server, "hr", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/rapporter/maalinger/{round_.pk}/import/")
    page.get_by_label("Rapportfil (Excel .xlsx eller .csv)").set_input_files(str(EXAMPLE))
    page.get_by_role("button", name="Kontrollér filen").click()
    region = page.get_by_role("region", name="Rapporter, der importeres")
    region.wait_for()
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")  # wider than the phone
    # from the heading the preview focuses, the next Tab stop is the table
    page.keyboard.press("Tab")
    assert region.evaluate("e => e === document.activeElement")
    assert region.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    # polled with evaluate: wait_for_function evaluates a string, which the CSP forbids
    for _ in range(20):
        if region.evaluate("e => e.scrollLeft > 0"):
            break
        page.wait_for_timeout(100)
    assert region.evaluate("e => e.scrollLeft > 0")
    assert fits_its_width(page), sticking_out(page)
    screenshot(page, "a11y-import-preview-focus-phone")
