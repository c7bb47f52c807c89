"""The trio's page of tovholdere and their links on a laptop and a phone (issue 19): which
links work, and for the others why they ended, said in words (not by colour alone)."""

import pytest
from playwright.sync_api import expect

from actionplans import editing, links
from actionplans.models import Stage
from units.models import Membership, Role

from .. import factory
from .conftest import log_in
from .test_plans_browser import full_unit


@pytest.fixture
def unit(transactional_db):
    organisation = factory.unit("Testkommune", code="TK")
    unit = factory.unit("Børnehaven Solsikken", parent=organisation)
    factory.user("leder", role="leader", unit=unit, first_name="Lise", last_name="Bech")
    return unit


@pytest.mark.parametrize("size", ["laptop", "phone"])
def test_the_trio_sees_which_links_work_and_why_the_others_ended(
    live_server, new_page, screenshot, unit, size
):
    plans = full_unit(unit, plans=3)
    for holder in unit.tovholdere.all():
        links.rotate_tovholder_link(holder)
    leaving = factory.user("amr", role=Role.AMR, unit=unit, first_name="Jonas", last_name="Vang")
    member = links.rotate_tovholder_link(editing.tovholder_for(unit, user=leaving))
    factory.activity(plans[0], what="Ny plan for frokostpauser", tovholder=member)
    Membership.objects.filter(user=leaving).delete()
    finished = links.rotate_tovholder_link(editing.tovholder_for(unit, name="Bo Lund"))
    factory.activity(plans[1], what="Indkøb af høreværn", tovholder=finished, stage=Stage.DONE)

    page = new_page(size)
    log_in(page, live_server, "leder", factory.PASSWORD)
    page.goto(f"{live_server.url}/handleplaner/enheder/{unit.pk}/tovholdere/")
    jonas = page.locator(f"#tovholder-{member.pk}")
    expect(jonas).to_contain_text("Virker ikke længere")
    expect(jonas).to_contain_text("ikke længere medlem af enheden")
    expect(page.locator(f"#tovholder-{finished.pk}")).to_contain_text("ingen åbne aktiviteter")
    mette = page.locator(".tovholder").filter(has_text="Mette Holm")
    expect(mette).to_contain_text("Virker")
    expect(mette.get_by_role("button", name="Lav et nyt link")).to_be_visible()
    expect(jonas.get_by_role("button", name="Lav et nyt link")).to_have_count(0)
    jonas.scroll_into_view_if_needed()
    screenshot(page, f"tovholder-links-{size}")
