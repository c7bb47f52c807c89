"""The live room at full size: 12 phones, 40 and 80 post-its, the wall on a 1920×1080
projector that nobody scrolls, and a facilitator who runs a whole presentation round from the
console without one full page load."""

import itertools

import pytest
from playwright.sync_api import expect

from workshops import live
from workshops.models import Note

from .. import factory
from .conftest import log_in

FLOOR_PX = 20  # the smallest post-it text on the wall at 1920×1080 (docs/decisions.md)

TEXTS = [
    "Vi hjælper hinanden, når det brænder på",
    "For mange afbrydelser i løbet af dagen – telefonen ringer hele tiden",
    "Gode morgenmøder",
    "Vi mangler tid til forberedelse af aktiviteter med børnene",
    "Lederen er tilgængelig og lytter",
    "Uklart hvem der gør hvad, når nogen er syge",
    "Dejlige kolleger",
    "Støjen i fællesrummet er et problem for både børn og voksne, især om eftermiddagen",
    "Vi griner meget sammen",
    "Vagtplanen kommer for sent, så det er svært at planlægge sit liv uden for arbejdet",
    "Faglig sparring i teamet",
    "Nye kolleger bliver ikke introduceret ordentligt",
]
PINK = [
    ("Krav og balance scorer lavt – især i vuggestuen", False),
    ("Social støtte scorer højt", False),
    ("Uløste krænkelser: 2 har svaret ja til uønsket seksuel opmærksomhed", True),
    ("Forudsigelighed er faldet siden sidste måling", False),
]


def build_room(unit, notes: int, *, phones: int = 12):
    """A workshop in its presentation round: `phones` participants (some without a name)
    and `notes` yellow post-its between them, plus the trio's four pink ones."""
    workshop = factory.live_workshop(unit, title="Trivselsdialog 2026")
    people = [
        live.join(workshop, display_name="" if i % 4 == 3 else f"Kollega {i + 1}")
        for i in range(phones)
    ]
    texts = itertools.cycle(TEXTS)
    for i in range(notes):
        factory.yellow_note(
            people[i % phones], text=next(texts), kind="good" if i % 2 else "change"
        )
    for text, harassment in PINK:
        factory.pink_note(workshop, text, harassment=harassment, presenter_name="Lise")
    live.set_phase(workshop.pk, workshop.phases.get(tool="presentation"))
    return workshop, people


def reveal_all_but(workshop, people, keep: int = 0):
    """Go round the room revealing pairs until `keep` yellow post-its are left."""
    while (
        Note.objects.filter(workshop=workshop, colour="yellow", revealed_at__isnull=True).count()
        > keep
    ):
        for person in people:
            try:
                live.reveal_next_pair(workshop.pk, person.pk)
            except live.LiveError:
                continue


def open_wall(new_page, live_server, workshop):
    wall = new_page("projector")
    log_in(wall, live_server, "leder", factory.PASSWORD)
    wall.goto(f"{live_server.url}/workshops/{workshop.pk}/live/vaeg/")
    return wall


def outside_the_screen(page) -> list[str]:
    """Post-its of the wall's board and spotlight that are not wholly on the screen."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('#region-wall [data-note]'))
          .filter(el => { const r = el.getBoundingClientRect();
            return r.top < 0 || r.left < 0 || r.bottom > innerHeight + 0.5
                   || r.right > innerWidth + 0.5 || r.height < 8; })
          .map(el => el.textContent.trim().slice(0, 40))"""
    )


def smallest_text_px(page, selector) -> float:
    return page.evaluate(
        """(selector) => Math.min(...Array.from(document.querySelectorAll(selector))
          .map(el => parseFloat(getComputedStyle(el).fontSize)))""",
        selector,
    )


@pytest.mark.parametrize("notes", [10, 40, 80])
def test_every_revealed_post_it_is_on_the_projector(live_server, trio, new_page, screenshot, notes):
    workshop, people = build_room(trio, notes)
    reveal_all_but(workshop, people)
    live.reveal_pink(workshop.pk)
    wall = open_wall(new_page, live_server, workshop)
    expect(wall.locator("#region-wall [data-note]")).to_have_count(notes + 4 + 4)  # + spotlight
    screenshot(wall, f"room-wall-{notes}-projector")
    assert outside_the_screen(wall) == []
    assert not wall.evaluate("document.scrollingElement.scrollHeight > innerHeight")
    assert not wall.evaluate("document.scrollingElement.scrollWidth > innerWidth")
    assert smallest_text_px(wall, ".board .postit__text") >= FLOOR_PX
    # the krænkelse stays marked, in words, however dense the board
    expect(wall.locator(".board .postit--harassment .postit__flag")).to_be_visible()


def test_the_pair_just_revealed_is_shown_large_until_the_next(live_server, trio, new_page):
    workshop, people = build_room(trio, 40)
    reveal_all_but(workshop, people, keep=2)
    wall = open_wall(new_page, live_server, workshop)
    shown = Note.objects.filter(workshop=workshop, revealed_at__isnull=False)
    last = list(shown.filter(revealed_at=shown.order_by("-reveal_order").first().revealed_at))
    expect(wall.locator(".spotlight [data-note]")).to_have_count(len(last))
    for note in last:
        expect(wall.locator(f".spotlight [data-note='{note.pk}']")).to_be_visible()
    assert smallest_text_px(wall, ".spotlight .postit__text") >= 36
    big = smallest_text_px(wall, ".spotlight .postit__text")
    assert big > smallest_text_px(wall, ".board .postit__text")
    # the next reveal takes its place
    live.reveal_pink(workshop.pk, Note.objects.filter(colour="pink").first().pk)
    expect(wall.locator(".spotlight [data-note]")).to_have_count(1)
    expect(wall.locator(".spotlight")).to_contain_text("Krav og balance")
    assert outside_the_screen(wall) == []


def test_a_facilitator_runs_the_presentation_round_without_a_page_load(
    live_server, trio, new_page, screenshot
):
    workshop, people = build_room(trio, 40)
    console = new_page("laptop")
    log_in(console, live_server, "leder", factory.PASSWORD)
    console.goto(f"{live_server.url}/workshops/{workshop.pk}/live/")
    wall = open_wall(new_page, live_server, workshop)
    screenshot(console, "room-console-presentation-laptop-start")

    # The phase, its one primary action, the timer and what the room sees: first screen.
    for selector in ("#phase-heading", "#reveal-next", ".console__timer .timer", "#room-heading"):
        box = console.locator(selector).bounding_box()
        assert box and box["y"] + box["height"] <= 768, selector

    loads = []
    console.on("framenavigated", lambda frame: loads.append(frame.url))
    rounds = 0
    while console.locator("#reveal-next").count():
        rev = console.locator("#region-console").get_attribute("data-rev")
        console.locator("#reveal-next").click()
        # the acting screen shows its own change from the answer, not from a later check
        expect(console.locator("#region-console")).not_to_have_attribute("data-rev", rev)
        if console.locator("#reveal-next").count():  # and focus stays on the control used
            expect(console.locator("#reveal-next")).to_be_focused()
        rounds += 1
        assert rounds < 60
    console.locator("#reveal-pink").click()
    expect(console.locator(".console__room")).to_contain_text("Uløste krænkelser")
    expect(wall.locator(".spotlight")).to_contain_text("Uløste krænkelser")
    # A mistaken reveal can be undone.
    console.locator("#undo-reveal").click()
    expect(wall.locator(".spotlight")).not_to_contain_text("Uløste krænkelser")
    assert Note.objects.filter(colour="pink", revealed_at__isnull=True).count() == 4
    console.locator("#reveal-pink").click()
    expect(wall.locator(".board")).to_contain_text("Uløste krænkelser")
    assert loads == [], loads
    assert outside_the_screen(wall) == []
    screenshot(console, "room-console-presentation-laptop-end")
    screenshot(wall, "room-wall-presentation-projector-end")


def test_twelve_phones_write_forty_post_its_and_the_wall_shows_them_all(
    live_server, trio, new_page, screenshot
):
    """The room as it is: twelve phones join with the code and write through the composer;
    the facilitator runs the round from the console; the projector shows every post-it."""
    from .test_live_browser import join, write

    workshop = factory.live_workshop(trio, title="Trivselsdialog 2026")
    for text, harassment in PINK:
        factory.pink_note(workshop, text, harassment=harassment, presenter_name="Lise")
    console = new_page("laptop")
    log_in(console, live_server, "leder", factory.PASSWORD)
    console.goto(f"{live_server.url}/workshops/{workshop.pk}/live/")
    wall = open_wall(new_page, live_server, workshop)
    phones = [new_page("phone") for _ in range(12)]
    for i, phone in enumerate(phones):
        join(phone, live_server, workshop.join_code, f"Kollega {i + 1}" if i % 4 != 3 else "")
    expect(wall.locator(".wall__stats")).to_contain_text("12 deltagere")
    console.locator("#phase-next").click()  # welcome
    expect(console.locator("#phase-heading")).to_have_text("Velkomst og introduktion")
    console.locator("#phase-next").click()  # the reflection
    expect(console.locator("#phase-heading")).to_have_text("Individuel refleksion")
    for phone in phones:
        expect(phone.get_by_role("heading", name="Individuel refleksion")).to_be_visible()
    texts = itertools.cycle(TEXTS)
    written = 0
    for round_ in range(4):
        for i, phone in enumerate(phones):
            if written == 40 or (round_ == 3 and i >= 4):
                break
            kind = "Fungerer godt" if (i + round_) % 2 else "Fungerer mindre godt"
            write(phone, next(texts), kind)
            written += 1
    for phone in phones:
        expect(phone.locator(".postit--pending")).to_have_count(0)
    assert Note.objects.filter(workshop=workshop, colour="yellow").count() == 40
    expect(wall.locator(".wall__stats")).to_contain_text("40 post-its skrevet")
    screenshot(wall, "room-12-phones-wall-reflection-projector")
    screenshot(phones[0], "room-12-phones-phone-reflection")

    console.locator("#phase-next").click()  # the presentation round
    expect(
        wall.get_by_role("heading", name="Vores hverdag – præsentation af post-its")
    ).to_be_visible()
    # the console has the round's primary action before the loop asks whether it is there
    expect(console.locator("#reveal-next")).to_be_visible()
    while console.locator("#reveal-next").count():
        rev = console.locator("#region-console").get_attribute("data-rev")
        console.locator("#reveal-next").click()
        expect(console.locator("#region-console")).not_to_have_attribute("data-rev", rev)
    console.locator("#reveal-pink").click()
    expect(wall.locator("#region-wall [data-note]")).to_have_count(40 + 4 + 4)
    assert outside_the_screen(wall) == []
    assert smallest_text_px(wall, ".board .postit__text") >= FLOOR_PX
    assert smallest_text_px(wall, ".spotlight .postit__text") >= FLOOR_PX
    screenshot(wall, "room-12-phones-wall-presentation-projector")
    screenshot(console, "room-12-phones-console-laptop")
    screenshot(phones[0], "room-12-phones-phone-presentation")


def test_the_connection_status_never_covers_a_post_it(live_server, trio, new_page):
    workshop, people = build_room(trio, 80)
    reveal_all_but(workshop, people)
    wall = open_wall(new_page, live_server, workshop)
    covered = wall.evaluate(
        """() => { const c = document.querySelector('[data-connection]').getBoundingClientRect();
          return Array.from(document.querySelectorAll('[data-note]')).filter(el => {
            const r = el.getBoundingClientRect();
            return r.left < c.right && c.left < r.right && r.top < c.bottom && c.top < r.bottom;
          }).length; }"""
    )
    assert covered == 0
    expect(wall.locator("[data-connection]")).to_contain_text("Forbundet")


@pytest.mark.parametrize("screen", ["console", "wall"])
def test_the_console_and_the_wall_do_not_scroll_sideways_at_320_px(
    live_server, trio, browser, screen
):
    workshop, people = build_room(trio, 12)
    reveal_all_but(workshop, people, keep=4)
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="da-DK")
    page = context.new_page()
    log_in(page, live_server, "leder", factory.PASSWORD)
    path = "live/" if screen == "console" else "live/vaeg/"
    page.goto(f"{live_server.url}/workshops/{workshop.pk}/{path}")
    page.locator("details").evaluate_all("all => all.forEach(d => d.open = true)")
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    context.close()


def test_a_phone_says_how_many_characters_are_left_and_never_cuts(live_server, trio, new_page):
    from .test_live_browser import join

    workshop = factory.live_workshop(trio)
    phone = new_page("phone")
    join(phone, live_server, workshop.join_code, "Karen")
    live.set_phase(workshop.pk, workshop.phases.get(tool="reflection"))
    expect(phone.get_by_role("heading", name="Individuel refleksion")).to_be_visible()
    counter = phone.locator("#note-text-count")
    field = phone.get_by_label("Én ting pr. post-it")
    field.fill("a" * 265)
    expect(counter).to_contain_text("15 tegn tilbage af 280")
    expect(field).to_have_attribute("aria-describedby", "note-text-count")
    field.fill("b" * 290)
    expect(counter).to_contain_text("10 tegn for meget")
    expect(field).to_have_attribute("aria-invalid", "true")
    phone.get_by_label("Fungerer godt").check()
    phone.get_by_role("button", name="Sæt post-it op").click()
    expect(phone.locator("[data-toast]")).to_contain_text("højst 280 tegn")
    expect(field).to_have_value("b" * 290)  # nothing cut, nothing lost
    assert not Note.objects.filter(workshop=workshop).exists()
    field.fill("c" * 280)
    phone.get_by_role("button", name="Sæt post-it op").click()
    expect(phone.locator("[data-own-notes] .postit")).to_have_count(1)
    assert Note.objects.get(workshop=workshop).text == "c" * 280


def test_the_phase_instructions_stay_open_while_the_console_updates(live_server, trio, new_page):
    workshop, people = build_room(trio, 6)
    console = new_page("laptop")
    log_in(console, live_server, "leder", factory.PASSWORD)
    console.goto(f"{live_server.url}/workshops/{workshop.pk}/live/")
    console.get_by_text("Instruktion til fasen").click()
    expect(console.locator("#phase-instructions")).to_have_attribute("open", "")
    rev = console.locator("#region-console").get_attribute("data-rev")
    live.reveal_next_pair(workshop.pk, people[0].pk)  # a change from elsewhere
    expect(console.locator("#region-console")).not_to_have_attribute("data-rev", rev)
    expect(console.locator("#phase-instructions")).to_have_attribute("open", "")
