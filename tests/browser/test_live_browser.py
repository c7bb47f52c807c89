"""A live session in a real browser: a facilitator, the wall and three phones."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from workshops import live
from workshops.models import Note, Participant, Workshop

from .. import factory
from .conftest import log_in


@pytest.fixture
def session(transactional_db):
    organisation = factory.unit("Testkommune", code="TK")
    unit = factory.unit("Børnehaven Solsikken", parent=organisation)
    leader = factory.user("leder", role="leader", unit=unit, first_name="Lise")
    workshop = factory.live_workshop(unit, title="Trivselsdialog 2026")
    factory.pink_note(workshop, "Krav og balance scorer lavt", presenter_name="Lise")
    return workshop, leader


def join(page, live_server, code, name):
    page.goto(f"{live_server.url}/d/")
    page.get_by_label("Kode").fill(code.lower())
    page.get_by_role("button", name="Deltag").click()
    page.get_by_label("Dit navn (valgfrit)").fill(name)
    page.get_by_role("button", name="Deltag").click()
    expect(page.get_by_role("heading", name="Velkommen")).to_be_visible()


def write(page, text, kind):
    page.get_by_label(kind).check()
    page.get_by_label("Én ting pr. post-it").fill(text)
    page.get_by_role("button", name="Sæt post-it op").click()


def test_a_live_session_from_join_to_presentation(live_server, session, new_page, screenshot):
    workshop, leader = session
    assert get_user_model().objects.filter(username="leder").exists()
    facilitator = new_page("laptop")
    log_in(facilitator, live_server, "leder", factory.PASSWORD)
    facilitator.goto(f"{live_server.url}/workshops/{workshop.pk}/live/")
    wall = new_page("projector")
    log_in(wall, live_server, "leder", factory.PASSWORD)
    wall.goto(f"{live_server.url}/workshops/{workshop.pk}/live/vaeg/")
    expect(wall.get_by_text(workshop.join_code, exact=True)).to_be_visible()

    phones = {name: new_page("phone") for name in ("Karen", "Jonas", "Ida")}
    for name, phone in phones.items():
        join(phone, live_server, workshop.join_code, name)
    expect(wall.locator(".wall__stats")).to_contain_text("3 deltagere")
    # Up to date again, the wall's checks are "nothing new" (204), not a re-render each time.
    statuses = []
    wall.on("response", lambda r: statuses.append(r.status) if "/sync/" in r.url else None)
    wall.wait_for_timeout(3500)
    assert statuses and set(statuses) == {204}, statuses

    # The facilitator starts the reflection; every phone shows the composer without reload.
    facilitator.get_by_role("button", name="Start første fase").click()
    facilitator.get_by_role("button", name="Næste fase").click()
    for phone in phones.values():
        expect(phone.get_by_role("heading", name="Individuel refleksion")).to_be_visible()
    expect(wall.get_by_role("heading", name="Individuel refleksion")).to_be_visible()

    karen, jonas, ida = phones["Karen"], phones["Jonas"], phones["Ida"]
    # An up-to-date phone gets back just its new post-it and adds it to its list.
    workshop.refresh_from_db()
    karens_rev = workshop.phone_revision_for(Participant.objects.get(display_name="Karen"))
    expect(karen.locator("#region-phone")).to_have_attribute("data-rev", karens_rev)
    with karen.expect_response(lambda r: r.url.endswith("/postit/")) as answer:
        write(karen, "Vi hjælper hinanden, når det brænder på", "Fungerer godt")
    assert "own_note" in answer.value.json()
    expect(karen.get_by_role("heading", name="Din post-it (1)")).to_be_visible()
    expect(karen.locator("[data-own-empty]")).to_be_hidden()
    write(karen, "For mange afbrydelser i løbet af dagen", "Fungerer mindre godt")
    expect(karen.locator("[data-own-notes] > .postit")).to_have_count(2)
    expect(karen.get_by_role("heading", name="Dine post-its (2)")).to_be_visible()
    write(jonas, "<script>document.title='hacked'</script>", "Fungerer godt")
    write(jonas, '"><img src=x onerror="document.title=\'hacked\'">', "Fungerer mindre godt")
    expect(jonas.locator("[data-own-notes]")).to_contain_text("<script>document.title=")
    expect(jonas.locator("[data-own-notes]")).to_contain_text("onerror=")
    assert jonas.locator("[data-own-notes] img").count() == 0 and jonas.title() != "hacked"

    # Ida loses the connection while writing; her post-it waits and arrives once.
    ida.context.set_offline(True)
    write(ida, "Gode pauser sammen", "Fungerer godt")
    expect(ida.locator("[data-connection]")).to_contain_text("Ingen forbindelse")
    expect(ida.locator(".postit--pending")).to_contain_text("Gode pauser sammen")
    ida.get_by_label("Én ting pr. post-it").fill("En kladde jeg ikke har sendt")
    ida.context.set_offline(False)
    expect(ida.locator(".postit--pending")).to_have_count(0, timeout=15_000)
    expect(ida.locator(".phone__mine")).to_contain_text("Gode pauser sammen")
    assert Note.objects.filter(text="Gode pauser sammen").count() == 1
    # ... and the unsent draft survived the sync that followed (never wiped while typing)
    expect(ida.get_by_label("Én ting pr. post-it")).to_have_value("En kladde jeg ikke har sendt")
    ida.reload()
    expect(ida.get_by_label("Én ting pr. post-it")).to_have_value("En kladde jeg ikke har sendt")

    # Before the reveal the facilitator and the wall see counts, never text.
    expect(facilitator.locator("#region-participants")).to_contain_text("Karen")
    assert "Vi hjælper hinanden" not in facilitator.content()
    assert "Vi hjælper hinanden" not in wall.content()
    assert "Krav og balance scorer lavt" not in wall.content()
    for phone in phones.values():
        assert "Krav og balance scorer lavt" not in phone.content()
    screenshot(facilitator, "live-facilitator-reflection-laptop")
    screenshot(wall, "live-wall-reflection-projector")
    screenshot(karen, "live-phone-reflection")

    # Presentation: two at a time, one of each kind; the wall shows them and who presents.
    facilitator.get_by_role("button", name="Næste fase").click()
    expect(wall.get_by_role("heading", name=re.compile("præsentation"))).to_be_visible()
    facilitator.get_by_role("button", name="Vis to fra Karen").click()
    expect(wall.locator(".board")).to_contain_text("Vi hjælper hinanden")
    expect(wall.locator(".board")).to_contain_text("For mange afbrydelser")
    expect(wall.locator(".wall__status")).to_contain_text("Karen præsenterer")
    expect(wall.locator(".wall__status")).to_contain_text("3 post-its tilbage")

    # Jonas shows his own from the phone; the hostile text is shown as text and runs nothing.
    jonas.get_by_role("button", name="Vis mine næste to på væggen").click()
    expect(wall.locator(".board")).to_contain_text("<script>document.title='hacked'</script>")
    expect(wall.locator(".board")).to_contain_text("onerror=")
    assert wall.title() != "hacked" and facilitator.title() != "hacked"
    assert wall.locator(".board img").count() == 0

    # Then the trio's pink post-its.
    facilitator.get_by_role("button", name="Vis trioens sidste pink post-it").click()
    expect(wall.locator(".board .postit--pink")).to_contain_text("Krav og balance scorer lavt")
    screenshot(facilitator, "live-facilitator-presentation-laptop")
    screenshot(wall, "live-wall-presentation-projector")
    screenshot(jonas, "live-phone-presentation")

    # The facilitator may jump to any phase from the agenda; every screen follows. The opened
    # agenda stays open while the board refreshes around it.
    facilitator.get_by_text("Hele dagsordenen").click()
    rev = facilitator.locator("#region-console").get_attribute("data-rev")
    live.timer(workshop.pk, "add", 1)
    expect(facilitator.locator("#region-console")).not_to_have_attribute("data-rev", rev)
    expect(facilitator.locator("#agenda-list")).to_have_attribute("open", "")
    facilitator.get_by_role("button", name="Afstemning").click()
    expect(wall.get_by_role("heading", name="Afstemning")).to_be_visible()
    expect(facilitator.locator("[data-agenda-phase].is-current")).to_contain_text("Afstemning")
    expect(facilitator.locator("[aria-current=step]")).to_have_count(1)
    expect(karen.get_by_role("heading", name="Afstemning")).to_be_visible()


def test_the_wall_is_readable_from_the_back_of_the_room(live_server, session, new_page):
    workshop, _ = session
    wall = new_page("projector")
    log_in(wall, live_server, "leder", factory.PASSWORD)
    wall.goto(f"{live_server.url}/workshops/{workshop.pk}/live/vaeg/")
    size = wall.evaluate("parseFloat(getComputedStyle(document.querySelector('.wall')).fontSize)")
    assert size >= 28
    assert not wall.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_a_refused_post_it_comes_back_into_the_composer_and_is_not_sent_again(
    live_server, session, new_page
):
    """Karen writes offline just before the facilitator closes the workshop. When she is
    back, the server refuses the post-it: she is told why, it leaves the outbox (no retry
    for ever), and what she wrote is back in the composer with the draft she had begun."""
    workshop, _ = session
    karen = new_page("phone")
    join(karen, live_server, workshop.join_code, "Karen")
    live.set_phase(workshop.pk, workshop.phases.get(tool="reflection"))
    expect(karen.get_by_role("heading", name="Individuel refleksion")).to_be_visible()
    karen.context.set_offline(True)
    write(karen, "Skrevet lige før lukketid", "Fungerer godt")
    expect(karen.locator(".postit--pending")).to_contain_text("Skrevet lige før lukketid")
    karen.get_by_label("Én ting pr. post-it").fill("En kladde")
    live.set_status(workshop.pk, Workshop.Status.CLOSED)
    answers = []
    karen.on("response", lambda r: answers.append(r.status) if r.url.endswith("/postit/") else None)

    karen.context.set_offline(False)

    expect(karen.locator("[data-toast]")).to_contain_text(
        "Workshoppen er afsluttet – der kan ikke skrives flere post-its."
    )
    expect(karen.locator(".postit--pending")).to_have_count(0)
    expect(karen.locator("#note-text")).to_have_value("Skrevet lige før lukketid\n\nEn kladde")
    karen.wait_for_timeout(4000)  # longer than the outbox's 3 s retry
    assert answers == [400]
    storage = f"trivsel-outbox:{workshop.join_token}"
    assert karen.evaluate(f"localStorage.getItem('{storage}')") == "[]"
    draft = karen.evaluate(f"localStorage.getItem('trivsel-draft:{workshop.join_token}')")
    assert "Skrevet lige før lukketid" in draft  # kept across a reload too
    assert not Note.objects.filter(colour=Note.Colour.YELLOW).exists()
