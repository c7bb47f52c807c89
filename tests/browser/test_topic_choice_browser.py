"""Nyborg TalSammen before the day (seed 004): an employee answers an answer card on a phone
without an account, and the planning group sees the tally with the reasons on a laptop,
picks the two themes and reads the invitation that names them."""

import datetime

import pytest
from playwright.sync_api import expect

from workshops import topic_choice
from workshops.methods import load_all
from workshops.models import Method, TopicAnswer
from workshops.preparation import create_workshop

from .. import factory
from .conftest import log_in

FITS = "document.scrollingElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def workshop(transactional_db):
    load_all()
    organisation = factory.unit("Testkommune", code="TK")
    unit = factory.unit("Ahornhaven Dag", parent=organisation)
    factory.user("plejeleder", role="leader", unit=unit, first_name="Jens", last_name="Winther")
    return create_workshop(
        unit=unit,
        method=Method.objects.get(slug="nyborg-talsammen"),
        title="TalSammen Udviklingsdialog",
        date=datetime.date.today() + datetime.timedelta(days=24),
        place="Cafeen",
    )


def test_an_employee_answers_the_card_on_a_phone(live_server, new_page, screenshot, workshop):
    ballot = topic_choice.add_ballots(workshop, 1)[0]
    page = new_page("phone")
    page.goto(f"{live_server.url}/tema/{ballot.token}/")

    expect(page.get_by_role("heading", name="Trivselstema")).to_be_visible()
    assert page.evaluate(FITS)
    page.get_by_text("Læs om temaet").first.click()
    expect(page.get_by_text("Oplevelsen af at føle sig værdsat")).to_be_visible()
    screenshot(page, "topic-ballot-phone")
    page.get_by_role("button", name="Send mit svar").click()
    expect(page.get_by_role("alert")).to_contain_text("Svaret er ikke sendt")
    expect(page.get_by_text("Vælg ét trivselstema.")).to_be_visible()
    screenshot(page, "topic-ballot-phone-errors")

    page.get_by_label("Balance og overskud").check()
    trivsel = page.locator("section").filter(has=page.get_by_role("heading", name="Trivselstema"))
    trivsel.get_by_label("For mig er dette tema vigtigt").fill("Pauserne ryger om morgenen.")
    page.get_by_label("Valgfrit tema").nth(1).check()
    ledelse = page.locator("section").filter(has=page.get_by_role("heading", name="Ledelsestema"))
    ledelse.get_by_label("Mit eget tema").fill("Vagtplanlægning")
    ledelse.get_by_label("For mig er dette tema vigtigt").fill("Vi får vagtplanen for sent.")
    page.get_by_role("button", name="Send mit svar").click()

    expect(page.get_by_role("heading", name="Tak for dit svar")).to_be_visible()
    screenshot(page, "topic-ballot-phone-thanks")
    answer = TopicAnswer.objects.get()
    assert (answer.trivsel, answer.ledelse_own) == ("balance", "Vagtplanlægning")
    page.goto(f"{live_server.url}/tema/{ballot.token}/")
    expect(page.get_by_role("heading", name="Kortet er brugt")).to_be_visible()


def test_the_planning_group_sees_the_tally_and_picks_the_themes(
    live_server, new_page, screenshot, workshop
):
    answers = [("balance", "borgeren"), ("balance", "kommunikation"), ("mening", "borgeren")]
    ballots = topic_choice.add_ballots(workshop, 4)
    for ballot, (trivsel, ledelse) in zip(ballots, answers, strict=False):
        topic_choice.answer(
            ballot,
            {
                "trivsel": trivsel,
                "trivsel_own": "",
                "trivsel_why": f"Begrundelse for {trivsel}",
                "trivsel_core": "Det hjælper beboerne.",
                "ledelse": ledelse,
                "ledelse_own": "",
                "ledelse_why": f"Begrundelse for {ledelse}",
                "ledelse_core": "",
            },
        )
    page = new_page("laptop")
    log_in(page, live_server, "plejeleder", factory.PASSWORD)
    page.goto(f"{live_server.url}/workshops/{workshop.pk}/")
    overview = page.locator("#topics")
    expect(overview).to_contain_text("3 af 4 svarkort er besvaret")
    overview.get_by_role("link", name="Temavalg").click()

    expect(page.get_by_text("3 af 4 svarkort er besvaret")).to_be_visible()
    first = page.locator("#tally-trivsel + ol li").first
    expect(first).to_contain_text("Balance og overskud")
    expect(first).to_contain_text("2 stemmer")
    first.get_by_text("Se 2 begrundelser").click()
    expect(first).to_contain_text("Begrundelse for balance")
    screenshot(page, "topic-tally-laptop")

    pick = page.locator("#pick")
    pick.get_by_role("group", name="Trivselstema").get_by_label("Balance og overskud (2)").check()
    pick.get_by_role("group", name="Ledelsestema").get_by_label("Borgeren i centrum (2)").check()
    pick.get_by_role("button", name="Vælg temaerne").click()
    expect(page.locator("#pick")).to_contain_text("Trivselstema: Balance og overskud")
    page.get_by_role("link", name="Se invitationen med temaerne").click()
    invitation = page.locator(".invitation")
    expect(invitation).to_contain_text("Trivselstema: Balance og overskud")
    expect(invitation).to_contain_text("Ledelsestema: Borgeren i centrum")
    expect(invitation).to_contain_text("hverdagseksempel")
    screenshot(page, "topic-invitation-laptop")

    page.get_by_role("link", name="Tidsplan").click()
    expect(page.get_by_text("Selve Udviklingsdialogen")).to_be_visible()
    screenshot(page, "topic-timeline-laptop")
    page.get_by_role("link", name="Temavalg").click()
    page.get_by_role("link", name="Udskriv de ubrugte svarkort").click()
    expect(page.locator(".topic-slip")).to_have_count(1)
    screenshot(page, "topic-slips-laptop")


def test_the_planning_group_moves_a_timeline_step_on_a_phone(
    live_server, new_page, screenshot, workshop
):
    page = new_page("phone")
    log_in(page, live_server, "plejeleder", factory.PASSWORD)
    page.goto(f"{live_server.url}/workshops/{workshop.pk}/tidsplan/rediger/")
    assert page.evaluate(FITS)
    first = page.locator(".timeline-row").first
    first.get_by_label("Dato").fill("2026-08-03")
    screenshot(page, "topic-timeline-edit-phone")
    page.get_by_role("button", name="Gem tidsplanen").click()

    expect(page.get_by_text("Tidsplanen er gemt.")).to_be_visible()
    assert page.evaluate(FITS)
    expect(page.locator(".timeline-step").first).to_contain_text("3. august 2026")
    expect(page.locator(".timeline-step").first).to_contain_text("sat af planlægningsgruppen")
    screenshot(page, "topic-timeline-phone")
