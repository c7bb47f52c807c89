"""A Nyborg workshop in a real browser: the phone's composer offers the method's kinds
(vigtig pointe / ønsket handling, sign and word), and the wall shows a column per kind."""

import pytest
from playwright.sync_api import expect

from workshops import live
from workshops.models import Participant

from .. import factory
from ..test_note_kinds import nyborg_workshop
from .conftest import log_in
from .test_live_browser import join, write


@pytest.fixture
def nyborg(trio):
    factory.live_workshop(trio)  # the methods loaded after the transactional flush
    return nyborg_workshop(trio, title="TalSammen 2026")


def test_a_nyborg_phone_writes_points_and_actions_and_the_wall_shows_them_by_kind(
    live_server, nyborg, new_page, screenshot
):
    workshop = nyborg
    phone = new_page("phone")
    join(phone, live_server, workshop.join_code, "Karen")
    live.set_phase(workshop.pk, workshop.phases.get(tool="reflection"))
    composer = phone.locator("[data-composer]")
    expect(composer).to_be_visible()
    radios = composer.locator("input[name=kind]")
    expect(radios).to_have_count(2)
    expect(composer.get_by_label("Vigtig pointe")).to_be_visible()
    expect(composer.get_by_label("Ønsket handling")).to_be_visible()
    assert "Fungerer" not in composer.inner_text()

    write(phone, "Eksemplet om vagtplanen viser, at vi mangler overblik", "Vigtig pointe")
    expect(phone.locator("[data-own-notes] > .postit")).to_have_count(1)
    write(phone, "Faste møder om prioritering hver anden uge", "Ønsket handling")
    expect(phone.locator("[data-own-notes] > .postit")).to_have_count(2)
    expect(phone.locator("[data-own-notes]")).to_contain_text("Ønsket handling")
    composer.get_by_label("Vigtig pointe").check()
    phone.get_by_label("Én ting pr. post-it").fill("Vi er gode til at hjælpe nye")
    screenshot(phone, "kinds-nyborg-phone-composer")

    karen = Participant.objects.get(workshop=workshop, display_name="Karen")
    live.set_phase(workshop.pk, workshop.phases.get(tool="presentation"))
    live.reveal_next_pair(workshop.pk, karen.pk)
    wall = new_page("projector")
    log_in(wall, live_server, "leder", factory.PASSWORD)
    wall.goto(f"{live_server.url}/workshops/{workshop.pk}/live/vaeg/")
    board = wall.locator(".board")
    expect(board.locator(".board__heading")).to_have_count(2)
    expect(board.locator(".board__heading").nth(0)).to_contain_text("Vigtig pointe")
    expect(board.locator(".board__heading").nth(1)).to_contain_text("Ønsket handling")
    expect(board.locator(".board__column").nth(0)).to_contain_text("Eksemplet om vagtplanen")
    expect(board.locator(".board__column").nth(1)).to_contain_text("Faste møder")
    assert "Fungerer" not in board.inner_text()
    screenshot(wall, "kinds-nyborg-wall-projector")
