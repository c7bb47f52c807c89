"""The projector shows what the room is talking about (issue 18, item 3): a real room's
volume (12 phones, 40 post-its in 10 themes; and 80) on a 1920×1080 projector and a
1366×768 laptop wall that nobody scrolls, in every phase: the post-its being grouped with
their whole text, the sorted themes with theirs, a matrix whose labels never overlap, the
break's clock time, the welcome's programme, the reflection's six factors, and a calm
closing screen after the close."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from workshops import live
from workshops.live import board
from workshops.methods.words import QUADRANT_CENTRES
from workshops.models import Workshop, WorkshopPhase

from .. import factory
from .test_board_browser import grouped, revealed_room, to_phase
from .test_live_room_browser import open_wall

FLOOR_PX = 20


def wall_at(new_page, live_server, workshop, size):
    if size == "projector":
        return open_wall(new_page, live_server, workshop)
    from .conftest import log_in

    wall = new_page(size)
    log_in(wall, live_server, "leder", factory.PASSWORD)
    wall.goto(f"{live_server.url}/workshops/{workshop.pk}/live/vaeg/")
    return wall


def settle(wall):
    wall.wait_for_timeout(400)


def assert_one_screen(wall):
    """The projector is never scrolled, in either direction."""
    assert wall.evaluate("document.scrollingElement.scrollHeight <= innerHeight")
    assert wall.evaluate("document.scrollingElement.scrollWidth <= innerWidth")


def cut_or_off_screen(wall, selector) -> list[str]:
    """Texts (of `selector`) that are cut (overflowing their box, an ellipsis or a line
    clamp) or not wholly on the screen, or smaller than the floor."""
    return wall.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector)).filter(el => {
            const r = el.getBoundingClientRect(), s = getComputedStyle(el);
            const board = el.closest('[data-fit]');
            const b = board ? board.getBoundingClientRect()
                            : {left: 0, right: innerWidth, top: 0, bottom: innerHeight};
            return el.scrollWidth > el.clientWidth + 1
              || el.scrollHeight > el.clientHeight + 1 || s.textOverflow === 'ellipsis'
              || (s.webkitLineClamp && s.webkitLineClamp !== 'none')
              || r.left < Math.max(0, b.left) - 0.5 || r.right > Math.min(innerWidth, b.right) + 0.5
              || r.top < Math.max(0, b.top) - 0.5
              || r.bottom > Math.min(innerHeight, b.bottom) + 0.5
              || r.height < 8 || parseFloat(s.fontSize) < 20 * innerHeight / 1080 - 0.01;
          }).map(el => el.textContent.trim().slice(0, 50))""",
        selector,
    )


def overlapping(wall, selector, others="") -> list[str]:
    """Pairs of `selector` boxes that overlap each other (or one of `others`), and boxes not
    inside the matrix's plane."""
    return wall.evaluate(
        """([selector, others]) => {
          const plane = document.querySelector('#region-wall .matrix__plane')
            .getBoundingClientRect();
          const boxes = Array.from(document.querySelectorAll(selector));
          const fixed = others ? Array.from(document.querySelectorAll(others)) : [];
          const hit = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5
                               && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
          const found = [];
          boxes.forEach((el, i) => {
            const a = el.getBoundingClientRect();
            if (a.left < plane.left - 0.5 || a.right > plane.right + 0.5
                || a.top < plane.top - 0.5 || a.bottom > plane.bottom + 0.5)
              found.push('outside: ' + el.textContent.trim());
            boxes.slice(i + 1).forEach(other => {
              if (hit(a, other.getBoundingClientRect()))
                found.push(el.textContent.trim() + ' / ' + other.textContent.trim());
            });
            fixed.forEach(other => {
              if (hit(a, other.getBoundingClientRect()))
                found.push(el.textContent.trim() + ' / ' + other.textContent.trim().slice(0, 30));
            });
          });
          return found;
        }""",
        [selector, others],
    )


@pytest.mark.parametrize(
    ("notes", "themes", "size"),
    [(40, 10, "projector"), (80, 10, "projector"), (40, 10, "laptop")],
)
def test_grouping_and_sorting_show_every_post_it_whole(
    live_server, trio, new_page, screenshot, notes, themes, size
):
    workshop = revealed_room(trio, notes)
    wall = wall_at(new_page, live_server, workshop, size)
    label = f"{notes}-{size}"

    # before anything is grouped: the whole pile, every post-it readable
    expect(wall.locator(".theme-card__note")).to_have_count(notes + 4)
    settle(wall)
    screenshot(wall, f"wall-grouping-start-{label}")
    assert_one_screen(wall)
    assert cut_or_off_screen(wall, ".theme-card__note") == []

    # the themes as they form, a few post-its still in the pile
    ids = grouped(workshop, themes, leave_loose=6)
    wall.reload()
    expect(wall.locator(".theme-card")).to_have_count(themes + 1)
    expect(wall.locator(".theme-card__note")).to_have_count(notes + 4)
    settle(wall)
    screenshot(wall, f"wall-grouping-{label}")
    assert_one_screen(wall)
    assert cut_or_off_screen(wall, ".theme-card__note, .theme-card__title") == []
    # the krænkelse (still in the pile) stays marked in words
    expect(wall.locator(".theme-card__note--harassment")).to_contain_text("Krænkelse")

    # sorting: the themes in the method's columns, each with its post-its whole
    to_phase(workshop, "sorting")
    for i, pk in enumerate(ids):
        board.sort_theme(workshop.pk, pk, ("keep", "change", "parking")[i % 3] if i % 7 else "")
    wall.reload()
    expect(wall.locator(".sort-column")).to_have_count(4)
    expect(wall.locator(".theme-card__note")).to_have_count(notes + 4 - 6)
    settle(wall)
    screenshot(wall, f"wall-sorting-{label}")
    assert_one_screen(wall)
    assert cut_or_off_screen(wall, ".theme-card__note, .theme-card__title") == []


@pytest.mark.parametrize("size", ["projector", "laptop"])
def test_matrix_labels_never_overlap_nor_leave_the_matrix(
    live_server, trio, new_page, screenshot, size
):
    """ "Placér" with untouched sliders puts every theme of a quadrant on one point: each
    stays visible, its label whole, clear of the others and of the quadrant guidance."""
    workshop = revealed_room(trio, 40)
    ids = grouped(workshop, 10)
    to_phase(workshop, "matrix")
    quadrants = list(QUADRANT_CENTRES)
    for i, pk in enumerate(ids):
        board.sort_theme(workshop.pk, pk, "change")
        if i < 9:  # the console's "Placér" with its sliders untouched: the quadrant's centre
            impact, influence = QUADRANT_CENTRES[quadrants[i % 4]]
            board.place_theme(workshop.pk, pk, impact, influence)
    harassment = workshop.notes.filter(harassment=True).values_list("theme_id", flat=True).first()
    wall = wall_at(new_page, live_server, workshop, size)
    expect(wall.locator("#region-wall .matrix__marker")).to_have_count(9)
    settle(wall)
    screenshot(wall, f"wall-matrix-{size}")
    assert_one_screen(wall)
    assert overlapping(wall, "#region-wall .matrix__marker") == []
    assert (
        overlapping(
            wall,
            "#region-wall .matrix__label",
            "#region-wall .matrix__marker, #region-wall .matrix__quadrant p",
        )
        == []
    )
    labels = wall.locator("#region-wall .matrix__label")
    expect(labels).to_have_count(9)
    assert cut_or_off_screen(wall, "#region-wall .matrix__label") == []
    # the krænkelse theme is marked in the matrix too, in words
    assert harassment in ids[:9]
    expect(wall.locator("#region-wall .matrix__label--harassment")).to_contain_text("Krænkelse")
    expect(wall.locator(".matrix-legend")).to_contain_text("Krænkelse")


def test_the_break_shows_when_the_room_meets_again(live_server, trio, new_page, screenshot):
    workshop = factory.live_workshop(trio, start_time=datetime.time(9, 0))
    pause = WorkshopPhase.objects.create(
        workshop=workshop, order=4, name="Pause", minutes=15, tool="break"
    )
    live.set_phase(workshop.pk, pause)
    live.timer(workshop.pk, "start")
    ends = timezone.localtime(Workshop.objects.get(pk=workshop.pk).timer_ends_at)
    for size in ("projector", "laptop"):
        wall = wall_at(new_page, live_server, workshop, size)
        expect(wall.locator(".wall__resume")).to_have_text(f"Vi ses igen kl. {ends:%H.%M}")
        expect(wall.locator("#region-wall")).not_to_contain_text("på pause")
        screenshot(wall, f"wall-break-{size}")
        assert_one_screen(wall)


def test_the_welcome_shows_the_programme_roles_and_rules(live_server, trio, new_page, screenshot):
    workshop = factory.live_workshop(
        trio,
        start_time=datetime.time(9, 0),
        timekeeper_name="Ole Hansen",
        note_taker_name="Fatima Ali",
        facilitator_name="Lise Lund",
        expectations="At vi går herfra med to konkrete aftaler, vi selv kan føre ud i livet.",
    )
    for i in range(12):
        live.join(workshop, display_name=f"Kollega {i + 1}")
    live.set_phase(workshop.pk, workshop.phases.get(tool="intro"))
    for size in ("projector", "laptop"):
        wall = wall_at(new_page, live_server, workshop, size)
        programme = wall.locator(".welcome-programme__row")
        expect(programme.first).to_contain_text("09.00")
        expect(programme.first).to_contain_text("Velkomst og introduktion")
        expect(wall.locator(".welcome-roles")).to_contain_text("Tidsstyrer")
        expect(wall.locator(".welcome-roles")).to_contain_text("Ole Hansen")
        expect(wall.locator(".welcome-rules")).to_contain_text("Vi er åbne og ærlige")
        expect(wall.locator(".wall__code")).to_be_visible()
        settle(wall)
        screenshot(wall, f"wall-welcome-{size}")
        assert_one_screen(wall)
        assert cut_or_off_screen(wall, ".welcome-programme__row, .welcome-rules li") == []


def test_the_reflection_shows_the_six_factors(live_server, trio, new_page, screenshot):
    workshop = factory.live_workshop(trio)
    people = [live.join(workshop, display_name=f"Kollega {i + 1}") for i in range(12)]
    for i, person in enumerate(people):
        for _ in range(i % 4):
            factory.yellow_note(person)
    live.set_phase(workshop.pk, workshop.phases.get(tool="reflection"))
    for size in ("projector", "laptop"):
        wall = wall_at(new_page, live_server, workshop, size)
        expect(wall.locator(".factor-strip li")).to_have_count(6)
        expect(wall.locator(".factor-strip")).to_contain_text("Forudsigelighed")
        settle(wall)
        screenshot(wall, f"wall-reflection-{size}")
        assert_one_screen(wall)


def test_after_the_close_the_wall_says_thanks_once(live_server, trio, new_page, screenshot):
    workshop = revealed_room(trio, 12)
    to_phase(workshop, "closing")
    wall = open_wall(new_page, live_server, workshop)
    dialogs = []
    wall.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    polls = []
    wall.on("request", lambda r: polls.append(r.url) if "/sync/" in r.url else None)
    expect(wall.locator(".closing-wall")).to_be_visible()
    live.set_status(workshop.pk, Workshop.Status.CLOSED)
    expect(wall.locator(".wall__closed-title")).to_have_text("Tak for i dag")
    expect(wall.locator("[data-connection]")).to_contain_text("Workshoppen er afsluttet")
    asked = len(polls)
    wall.wait_for_timeout(4000)  # more than two polls' time
    assert len(polls) == asked  # it stopped asking
    assert dialogs == []
    screenshot(wall, "wall-closed-projector")
    assert_one_screen(wall)
    # opened after the close (the leader's own wall): the same calm screen
    laptop = wall_at(new_page, live_server, workshop, "laptop")
    expect(laptop.locator(".wall__closed-title")).to_have_text("Tak for i dag")
    screenshot(laptop, "wall-closed-laptop")
    assert_one_screen(laptop)


def test_a_refused_phone_says_so_once_and_stops_asking(live_server, trio, new_page):
    """Item 9: a phone refused for good (its cookie gone) no longer asks every 1.5 s; it says
    so calmly in its status line, never in a popup."""
    workshop = factory.live_workshop(trio)
    phone = new_page("phone")
    phone.goto(f"{live_server.url}/d/")
    phone.get_by_label("Kode").fill(workshop.join_code.lower())
    phone.get_by_role("button", name="Deltag").click()
    phone.get_by_role("button", name="Deltag").click()
    expect(phone.locator("[data-connection]")).to_contain_text("Forbundet")
    dialogs, polls = [], []
    phone.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    phone.on("response", lambda r: polls.append(r.status) if "/sync/" in r.url else None)
    phone.context.clear_cookies()
    live.set_phase(workshop.pk, workshop.phases.get(tool="intro"))  # something new to ask for
    expect(phone.locator("[data-connection]")).to_contain_text("ikke længere forbundet")
    asked = len(polls)
    phone.wait_for_timeout(4000)
    assert polls[-1] == 403 and len(polls) == asked
    assert dialogs == []
    expect(phone.locator("[data-toast]")).to_be_hidden()
