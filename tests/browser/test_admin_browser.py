"""A department's HR consultant in the admin, in a real browser: the admin says its name in
Danish, lists the department's units and people (not the department next door), and HR
changes a leader's e-mail; the change is in the log."""

import re

import pytest
from playwright.sync_api import expect

from units.models import Role, Unit

from .. import factory
from .conftest import log_in


@pytest.fixture
def organisation(transactional_db):
    root = factory.unit("Bøgely Kommune", code="BK")
    department = factory.unit("Dagtilbud", parent=root, kind=Unit.Kind.DEPARTMENT)
    next_door = factory.unit("Ældreplejen", parent=root, kind=Unit.Kind.DEPARTMENT)
    for n in range(12):
        unit = factory.unit(f"Børnehaven Nr. {n + 1}", parent=department)
        factory.user(
            f"leder{n}",
            role=Role.LEADER,
            unit=unit,
            last_name="Leder",
            email=f"leder{n}@boegely.dk",
        )
    factory.user("pleje", role=Role.LEADER, unit=factory.unit("Plejehjemmet", parent=next_door))
    factory.user("hr-dagtilbud", role=Role.HR, unit=department, is_staff=True)
    return department


def test_a_departments_hr_changes_a_leaders_email_in_danish(
    live_server, organisation, new_page, screenshot
):
    page = new_page("laptop")
    log_in(page, live_server, "hr-dagtilbud", factory.PASSWORD)
    page.goto(f"{live_server.url}/admin/")
    expect(page).to_have_title(re.compile("^Trivselsdialog – administration"))
    expect(
        page.get_by_role("heading", name="Trivselsdialog – administration").first
    ).to_be_visible()
    screenshot(page, "admin-index-laptop")

    page.get_by_role("link", name="Enheder").first.click()
    expect(page.get_by_text("Børnehaven Nr. 12")).to_be_visible()
    expect(page.get_by_text("Plejehjemmet")).to_have_count(0)
    screenshot(page, "admin-units-laptop")
    page.get_by_role("link", name="Børnehaven Nr. 3").click()
    expect(page.get_by_text("leder2 · Leder · Børnehaven Nr. 3")).to_be_visible()
    screenshot(page, "admin-unit-laptop")

    page.goto(f"{live_server.url}/admin/auth/user/")
    expect(page.get_by_text("leder3@boegely.dk")).to_be_visible()
    expect(page.get_by_role("link", name="pleje", exact=True)).to_have_count(0)
    screenshot(page, "admin-people-laptop")
    page.get_by_role("link", name="leder3", exact=True).click()
    page.get_by_label("E-mail-adresse").fill("ny.leder@boegely.dk")
    screenshot(page, "admin-person-laptop")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("leder3")

    phone = new_page("phone")
    log_in(phone, live_server, "hr-dagtilbud", factory.PASSWORD)
    phone.goto(f"{live_server.url}/admin/admin/logentry/")
    expect(phone.get_by_text("leder3").first).to_be_visible()
    screenshot(phone, "admin-log-phone")


def test_hr_reads_the_methods_their_versions_and_who_ran_them(
    live_server, organisation, new_page, screenshot
):
    from workshops.models import Method
    from workshops.preparation import create_workshop

    albertslund = Method.objects.get(is_default=True)  # loaded again after the flush
    create_workshop(unit=organisation.children.get(name="Børnehaven Nr. 3"), method=albertslund)
    page = new_page("laptop")
    log_in(page, live_server, "hr-dagtilbud", factory.PASSWORD)
    page.goto(f"{live_server.url}/admin/workshops/method/")
    expect(
        page.get_by_role("link", name="TalSammen Udviklingsdialog (Nyborg-metoden)")
    ).to_be_visible()
    screenshot(page, "admin-methods-laptop")
    page.get_by_role("link", name="Trivselsdialog (Albertslund-metoden)").click()
    expect(page.get_by_text("Børnehaven Nr. 3: Trivselsdialog")).to_be_visible()
    expect(page.get_by_text("Dagsordenspunkt 4: Find mulighedsrummet")).to_be_visible()
    expect(page.get_by_role("button", name="Gem")).to_have_count(0)
    screenshot(page, "admin-method-laptop")
