"""The vote in a real browser: the facilitator opens it from the console, a phone at
390×844 sets and moves its marks, the wall at 1920×1080 says how many have voted and then
shows the result, which the facilitator sends on to the arrow in one click."""

import uuid

from playwright.sync_api import expect

from workshops import live
from workshops.live import vote as votes
from workshops.models import Theme, VoteMark

from .. import factory
from .conftest import log_in
from .test_live_room_browser import open_wall, smallest_text_px

FLOOR_PX = 20
TITLES = [
    "Arbejdsro og færre afbrydelser",
    "Vagtplanen i god tid",
    "Introduktion af nye kolleger",
    "Støj i fællesrummet",
    "Tid til forberedelse",
    "Faglig sparring",
    "Hvem gør hvad ved sygdom",
]
# eleven other people's marks, by the themes' places: Arbejdsro leads, a clear top three
OTHERS = [[0, 1], [0, 1], [0, 2], [0, 3], [1, 2], [0, 4], [1, 5], [2, 6]]


def vote_room(unit):
    workshop = factory.live_workshop(unit, title="Trivselsdialog 2026")
    people = [live.join(workshop, display_name=f"Kollega {i + 1}") for i in range(11)]
    themes = [
        Theme.objects.create(workshop=workshop, title=title, order=i, column="change")
        for i, title in enumerate(TITLES, start=1)
    ]
    live.set_phase(workshop.pk, workshop.phases.get(tool="vote"))
    return workshop, people, themes


def join(page, live_server, code, name):
    page.goto(f"{live_server.url}/d/")
    page.get_by_label("Kode").fill(code.lower())
    page.get_by_role("button", name="Deltag").click()
    page.get_by_label("Dit navn (valgfrit)").fill(name)
    page.get_by_role("button", name="Deltag").click()
    expect(page.get_by_role("heading", name="Afstemning")).to_be_visible()


def outside_the_screen(page, selector) -> list[str]:
    return page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector))
          .filter(el => { const r = el.getBoundingClientRect();
            return r.top < 0 || r.left < 0 || r.bottom > innerHeight + 0.5
                   || r.right > innerWidth + 0.5; })
          .map(el => el.textContent.trim().slice(0, 40))""",
        selector,
    )


def test_a_vote_from_the_console_to_the_phone_to_the_wall(
    live_server,
    trio,  # noqa: F811 - the fixture
    new_page,
    screenshot,
):
    workshop, people, themes = vote_room(trio)
    console = new_page("laptop")
    log_in(console, live_server, "leder", factory.PASSWORD)
    console.goto(f"{live_server.url}/workshops/{workshop.pk}/live/")
    wall = open_wall(new_page, live_server, workshop)
    phone = new_page("phone")
    join(phone, live_server, workshop.join_code, "Karen")
    expect(phone.get_by_text("Afstemningen er ikke åbnet endnu")).to_be_visible()

    # The facilitator opens the vote over the themes being worked on (all ticked).
    console.locator("#vote-open").click()
    expect(console.locator(".console__lead")).to_contain_text("har stemt")
    expect(wall.locator(".vote-wall__big")).to_contain_text("0 af 12 har stemt")

    # The phone: the ballot comes without a reload; two marks, then the limit in words.
    expect(phone.locator("#vote-left")).to_have_text("Du har 2 streger tilbage")
    phone.get_by_role("button", name="Sæt streg på »Arbejdsro og færre afbrydelser«").click()
    expect(phone.locator("#vote-left")).to_have_text("Du har 1 streg tilbage")
    phone.get_by_role("button", name="Sæt streg på »Faglig sparring«").click()
    expect(phone.locator("#vote-left")).to_have_text("Du har 0 streger tilbage")
    phone.get_by_role("button", name="Sæt streg på »Støj i fællesrummet«").click()
    expect(phone.locator("[data-toast]")).to_contain_text("Du har brugt dine 2 streger")
    # … and moves one: take it back, set it elsewhere
    phone.get_by_role("button", name="Fjern streg fra »Faglig sparring«").click()
    expect(phone.locator("#vote-left")).to_have_text("Du har 1 streg tilbage")
    phone.get_by_role("button", name="Sæt streg på »Vagtplanen i god tid«").click()
    expect(phone.locator("#vote-left")).to_have_text("Du har 0 streger tilbage")
    marked = phone.locator(".vote-ballot__theme.is-marked")
    expect(marked).to_have_count(2)
    expect(marked.first).to_contain_text("Din streg er her")
    phone.locator(".vote-ballot").scroll_into_view_if_needed()
    screenshot(phone, "vote-phone-voting")
    tap = phone.locator(".vote-ballot__button").first.bounding_box()
    assert tap["height"] >= 44 and tap["width"] >= 44  # a touch target (WCAG 2.5.5)

    # Eight more vote on their phones (here through the server), one through the console.
    for person, places in zip(people, OTHERS, strict=False):
        for place in places:
            votes.add_mark(person, themes[place].pk, uuid.uuid4())
    expect(wall.locator(".vote-wall__big")).to_contain_text("9 af 12 har stemt")
    assert "streger</span>" not in wall.content()  # no tally before the close
    screenshot(wall, "vote-wall-open-projector")

    # The close: the tally on every screen; the top three go on in one click.
    console.locator("#vote-close").click()
    expect(wall.locator(".vote-result__row")).to_have_count(len(TITLES))
    expect(phone.get_by_text("Afstemningen er lukket.")).to_be_visible()
    expect(console.locator("#vote-apply")).to_be_visible()
    console.locator("#vote-apply").click()
    expect(wall.locator(".vote-result__row.is-chosen")).to_have_count(3)
    expect(wall.locator(".vote-result__row").first).to_contain_text("Videre til pilen")
    expect(wall.locator(".vote-result__row").first).to_contain_text("6 streger")
    screenshot(wall, "vote-wall-result-projector")
    assert outside_the_screen(wall, ".vote-result__row") == []
    assert not wall.evaluate("document.scrollingElement.scrollHeight > innerHeight")
    assert smallest_text_px(wall, ".vote-result__row span") >= FLOOR_PX
    chosen = set(Theme.objects.filter(chosen=True).values_list("title", flat=True))
    assert chosen == {TITLES[0], TITLES[1], TITLES[2]}
    assert set(Theme.objects.filter(chosen=False).values_list("column", flat=True)) == {"parking"}
    screenshot(console, "vote-console-applied-laptop")


def test_a_long_ballot_fits_the_projector_above_the_floor(
    live_server,
    trio,  # noqa: F811 - the fixture
    new_page,
    screenshot,
):
    """Twenty-four themes with long titles (more than a room makes): the result, every row
    on the screen, no text under 20 px."""
    workshop = factory.live_workshop(trio, title="Trivselsdialog 2026")
    people = [live.join(workshop, display_name=f"Kollega {i + 1}") for i in range(12)]
    themes = [
        Theme.objects.create(
            workshop=workshop, title=f"{TITLES[i % len(TITLES)]} – del {i + 1}", order=i, column=""
        )
        for i in range(24)
    ]
    live.set_phase(workshop.pk, workshop.phases.get(tool="vote"))
    votes.open_new_vote(workshop.pk, [t.pk for t in themes])
    for i, person in enumerate(people):
        for place in (i % 24, (i * 7 + 3) % 24):
            votes.add_mark(person, themes[place].pk, uuid.uuid4())
    wall = open_wall(new_page, live_server, workshop)
    expect(wall.locator(".vote-wall__big")).to_contain_text("12 af 12 har stemt")
    assert outside_the_screen(wall, ".vote-wall__themes li") == []
    votes.close_vote(workshop.pk)
    expect(wall.locator(".vote-result__row")).to_have_count(24)
    screenshot(wall, "vote-wall-result-24-projector")
    assert outside_the_screen(wall, ".vote-result__row") == []
    assert not wall.evaluate("document.scrollingElement.scrollHeight > innerHeight")
    assert smallest_text_px(wall, ".vote-result__row span") >= FLOOR_PX


def test_three_phones_vote_one_drops_out_and_comes_back_and_nothing_is_lost(
    live_server,
    trio,  # noqa: F811 - the fixture
    new_page,
    screenshot,
):
    """Three phones vote; Bo's phone loses the connection while he sets his second mark.
    The mark waits on the phone and is sent when the connection is back; it counts once;
    the close sends the top three on to the arrow."""
    workshop = factory.live_workshop(trio, title="Trivselsdialog 2026")
    themes = [
        Theme.objects.create(workshop=workshop, title=title, order=i, column="change")
        for i, title in enumerate(TITLES[:4], start=1)
    ]
    live.set_phase(workshop.pk, workshop.phases.get(tool="vote"))
    phones = {}
    for name in ("Aya", "Bo", "Cecilie"):
        phones[name] = new_page("phone")
        join(phones[name], live_server, workshop.join_code, name)
    wall = open_wall(new_page, live_server, workshop)
    votes.open_new_vote(workshop.pk, [t.pk for t in themes])
    expect(wall.locator(".vote-wall__big")).to_contain_text("0 af 3 har stemt")

    def mark(phone, title):
        phone.get_by_role("button", name=f"Sæt streg på »{title}«").click()

    for phone in phones.values():
        expect(phone.locator("#vote-left")).to_have_text("Du har 2 streger tilbage")
    mark(phones["Aya"], TITLES[0])
    mark(phones["Aya"], TITLES[1])
    mark(phones["Cecilie"], TITLES[0])
    mark(phones["Cecilie"], TITLES[2])
    bo = phones["Bo"]
    mark(bo, TITLES[0])
    expect(bo.locator("#vote-left")).to_have_text("Du har 1 streg tilbage")

    bo.context.set_offline(True)
    mark(bo, TITLES[1])
    expect(bo.locator("[data-toast]")).to_contain_text("sendes, når forbindelsen er tilbage")
    expect(bo.locator(".connection--lost")).to_be_visible()
    assert VoteMark.objects.count() == 5  # Bo's second mark waits on his phone

    bo.context.set_offline(False)
    expect(bo.locator("#vote-left")).to_have_text("Du har 0 streger tilbage", timeout=15_000)
    expect(bo.locator(".connection--lost")).to_have_count(0)
    expect(bo.locator("[data-toast]")).to_contain_text("det er sendt")
    assert VoteMark.objects.count() == 6
    screenshot(bo, "vote-phone-back-online")

    votes.close_vote(workshop.pk)
    expect(wall.locator(".vote-result__row")).to_have_count(4)
    counts = wall.locator(".vote-result__count").all_inner_texts()
    assert counts == ["3 streger", "2 streger", "1 streg", "0 streger"]
    for phone in phones.values():
        expect(phone.get_by_text("Afstemningen er lukket.")).to_be_visible()
    votes.apply_result(workshop.pk, 3, {themes[0].pk, themes[1].pk, themes[2].pk})
    expect(wall.locator(".vote-result__row.is-chosen")).to_have_count(3)
    chosen = set(Theme.objects.filter(chosen=True).values_list("title", flat=True))
    assert chosen == set(TITLES[:3])
