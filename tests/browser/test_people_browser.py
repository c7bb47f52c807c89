"""HR invites a leader in the browser (the menu's "Personer" → "Invitér en bruger"), the
leader opens the mail's link on their phone, chooses a password and logs in."""

import re

import pytest
from django.core import mail

from units.models import Role, Unit

from .. import factory
from .conftest import log_in

NEW_PASSWORD = "Solsikke-Havtorn-42"


@pytest.fixture
def organisation(transactional_db):
    kommune = factory.unit("Testkommune", code="TK")
    afdeling = factory.unit("Dagtilbud", parent=kommune, kind=Unit.Kind.DEPARTMENT)
    solsikken = factory.unit("Børnehaven Solsikken", parent=afdeling)
    factory.user("hr", role=Role.HR, unit=kommune, first_name="Hanne", last_name="Rask")
    factory.user("tr", role=Role.TR, unit=solsikken, first_name="Tove")
    return solsikken


@pytest.mark.parametrize("size", ["laptop", "phone"])
def test_hr_invites_a_leader_who_sets_a_password_from_the_mail_and_logs_in(
    live_server, organisation, new_page, screenshot, size
):
    page = new_page(size)
    log_in(page, live_server, "hr", factory.PASSWORD)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Personer").click()
    page.get_by_role("heading", name="Personer").wait_for()
    screenshot(page, f"people-list-{size}")
    page.get_by_role("link", name="Invitér en bruger").click()
    page.get_by_label("E-mail").fill("lis.leder@example.org")
    page.get_by_label("Fornavn").fill("Lis")
    page.get_by_label("Efternavn").fill("Leder")
    page.get_by_label("Enhed").select_option(label="— — Børnehaven Solsikken")
    page.get_by_label("Rolle").select_option(label="Leder")
    screenshot(page, f"people-invite-{size}")
    page.get_by_role("button", name="Send invitation").click()
    page.get_by_role("heading", name="Lis Leder").wait_for()
    assert page.get_by_text("Lis Leder er inviteret").is_visible()
    assert "Inviteret som Leder, Børnehaven Solsikken" in page.inner_text("main")
    screenshot(page, f"people-person-{size}")

    (message,) = mail.outbox
    link = re.search(r"https?://\S+/invitation/\S+/", message.body).group(0)
    path = "/" + link.split("/", 3)[3]

    leader = new_page(size)
    leader.goto(f"{live_server.url}{path}")
    leader.get_by_role("heading", name="Velkommen til Trivselsdialog").wait_for()
    leader.get_by_label(re.compile(r"^Ny adgangskode")).fill(NEW_PASSWORD)
    leader.get_by_label("Bekræftelse af ny adgangskode").fill(NEW_PASSWORD)
    screenshot(leader, f"people-set-password-{size}")
    leader.get_by_role("button", name="Gem adgangskode").click()
    leader.get_by_text("Din adgangskode er gemt").wait_for()
    log_in(leader, live_server, "lis.leder@example.org", NEW_PASSWORD)
    leader.get_by_role("link", name="Børnehaven Solsikken").first.wait_for()
    screenshot(leader, f"people-leader-home-{size}")
