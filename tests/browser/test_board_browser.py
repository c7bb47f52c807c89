"""The board in a real browser (issue 10): a facilitator groups the revealed post-its with
the mouse and with the keyboard only, sorts the themes, places them in the matrix by drag
and by keys, and the wall on a 1920×1080 projector that nobody scrolls shows every theme in
each phase, at a real room's volume (40 post-its in 10 themes) and beyond (200 in 40)."""

import pytest
from playwright.sync_api import expect

from workshops import live
from workshops.live import board
from workshops.models import Note, Theme

from .. import factory
from .conftest import log_in
from .test_live_room_browser import build_room, open_wall, reveal_all_but, smallest_text_px

FLOOR_PX = 20

THEME_NAMES = [
    "Samarbejde i teamet",
    "Afbrydelser og ro",
    "Forberedelsestid",
    "Ledelse og opbakning",
    "Roller ved sygdom",
    "Støj i fællesrummet",
    "Humor og fællesskab",
    "Vagtplanen",
    "Faglig sparring",
    "Introduktion af nye kolleger",
]


def revealed_room(unit, notes: int):
    """The presentation round over: every post-it shown (with the trio's four pink ones),
    the room in the grouping phase."""
    workshop, people = build_room(unit, notes)
    reveal_all_but(workshop, people)
    live.reveal_pink(workshop.pk)
    live.set_phase(workshop.pk, workshop.phases.get(tool="grouping"))
    return workshop


def grouped(workshop, themes: int, *, leave_loose: int = 0):
    """The revealed post-its dealt into `themes` themes (named as a room would), all but
    `leave_loose` of them."""
    notes = list(Note.objects.filter(workshop=workshop, revealed_at__isnull=False).order_by("pk"))
    made = []
    for i, note in enumerate(notes[: len(notes) - leave_loose]):
        if len(made) < themes:
            board.move_note(workshop.pk, note.pk, "new")
            theme = Note.objects.get(pk=note.pk).theme
            board.rename_theme(
                workshop.pk,
                theme.pk,
                THEME_NAMES[len(made) % 10] + (f" {len(made) // 10 + 1}" if themes > 10 else ""),
            )
            made.append(theme.pk)
        else:
            board.move_note(workshop.pk, note.pk, made[i % themes])
    return made


def open_console(new_page, live_server, workshop, size="laptop"):
    console = new_page(size)
    log_in(console, live_server, "leder", factory.PASSWORD)
    console.goto(f"{live_server.url}/workshops/{workshop.pk}/live/")
    return console


def cards_outside_the_screen(page, selector) -> list[str]:
    return page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector))
          .filter(el => { const r = el.getBoundingClientRect();
            return r.top < 0 || r.left < 0 || r.bottom > innerHeight + 0.5
                   || r.right > innerWidth + 0.5 || r.height < 8; })
          .map(el => el.textContent.trim().slice(0, 40))""",
        selector,
    )


def to_phase(workshop, tool):
    live.set_phase(workshop.pk, workshop.phases.get(tool=tool))


@pytest.mark.parametrize(("notes", "themes"), [(40, 10), (80, 10), (200, 40)])
def test_the_wall_shows_every_theme_in_each_board_phase(
    live_server, trio, new_page, screenshot, notes, themes
):
    workshop = revealed_room(trio, notes)
    ids = grouped(workshop, themes, leave_loose=4)
    wall = open_wall(new_page, live_server, workshop)
    label = f"{notes}-{themes}"

    # grouping: every theme card (and the post-its without a theme) on the screen
    expect(wall.locator(".theme-card")).to_have_count(themes + 1)
    wall.wait_for_timeout(300)
    assert cards_outside_the_screen(wall, ".theme-card") == []
    assert smallest_text_px(wall, ".theme-card__title") >= FLOOR_PX
    screenshot(wall, f"board-wall-grouping-{label}-projector")

    # sorting: the method's columns
    to_phase(workshop, "sorting")
    for i, pk in enumerate(ids):
        board.sort_theme(workshop.pk, pk, ("keep", "change", "parking")[i % 3] if i % 7 else "")
    wall.reload()
    expect(wall.locator(".sort-column")).to_have_count(4)
    wall.wait_for_timeout(300)
    screenshot(wall, f"board-wall-sorting-{label}-projector")
    assert cards_outside_the_screen(wall, ".theme-card") == []
    assert smallest_text_px(wall, ".theme-card__title") >= FLOOR_PX

    # the matrix: the themes to work on, with readable labels in the legend
    to_phase(workshop, "matrix")
    for i, pk in enumerate(ids):
        board.sort_theme(workshop.pk, pk, "change")
        if i % 5:
            board.place_theme(workshop.pk, pk, ((i * 37) % 100) / 100, ((i * 61) % 100) / 100)
    wall.reload()
    expect(wall.locator(".matrix-legend__item")).to_have_count(themes)
    wall.wait_for_timeout(300)
    screenshot(wall, f"board-wall-matrix-{label}-projector")
    assert cards_outside_the_screen(wall, ".matrix-legend__item, .matrix__marker") == []
    assert smallest_text_px(wall, ".matrix-legend__item") >= FLOOR_PX
    if notes == 40:
        console = open_console(new_page, live_server, workshop)
        screenshot(console, "board-console-matrix-laptop")
        phone = new_page("phone")
        phone.goto(f"{live_server.url}/workshops/{workshop.pk}/live/")
        screenshot(console, "board-console-matrix-laptop")


def test_a_facilitator_groups_with_the_keyboard_only(live_server, trio, new_page, screenshot):
    workshop = revealed_room(trio, 12)
    console = open_console(new_page, live_server, workshop)
    clicks = []
    console.evaluate(
        "() => document.addEventListener('mousedown', () => window.__mouse = true, true)"
    )
    first, second = Note.objects.filter(workshop=workshop, colour="yellow").order_by("pk")[:2]

    # "Flyt til …" on the first post-it, then "Nyt tema": all by keys
    console.locator(f"#move-{first.pk}").focus()
    console.keyboard.press("Enter")
    dialog = console.locator("#move-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Nyt tema").focus()
    console.keyboard.press("Enter")
    expect(console.locator("[data-live-message]")).to_contain_text("flyttet til")
    expect(console.locator(f"#move-{first.pk}")).to_be_focused()
    theme = Theme.objects.get()

    # the second into that theme
    console.locator(f"#move-{second.pk}").focus()
    console.keyboard.press("Enter")
    target = dialog.locator(f"[data-target-theme='{theme.pk}']")
    target.focus()
    console.keyboard.press("Enter")
    expect(console.locator("[data-live-message]")).to_contain_text(f"flyttet til »{theme.title}«")
    expect(console.locator(f"#move-{second.pk}")).to_be_focused()
    expect(console.locator(f"#theme-{theme.pk} [data-note]")).to_have_count(2)
    assert sorted(Theme.objects.get().notes.values_list("pk", flat=True)) == [first.pk, second.pk]

    # rename by keys in the theme's menu, and undo
    console.locator(f"#theme-menu-{theme.pk} summary").focus()
    console.keyboard.press("Enter")
    console.locator(f"#rename-{theme.pk}").fill("Samarbejde")
    console.keyboard.press("Enter")
    expect(console.locator(f"#theme-title-{theme.pk}")).to_contain_text("Samarbejde")
    console.locator("#board-undo").focus()
    console.keyboard.press("Enter")
    expect(console.locator(f"#theme-title-{theme.pk}")).not_to_contain_text("Samarbejde")
    assert console.evaluate("() => window.__mouse === true") is False
    assert clicks == []
    screenshot(console, "board-console-grouping-keyboard-laptop")


def test_a_facilitator_groups_with_the_mouse_and_the_wall_follows(
    live_server, trio, new_page, screenshot
):
    workshop = revealed_room(trio, 12)
    # a laptop on the projector's resolution: source and target on one screen (a drag does
    # not scroll the page; Sortable scrolls only when the pointer nears the edge)
    console = open_console(new_page, live_server, workshop, size="projector")
    wall = open_wall(new_page, live_server, workshop)
    first, second, third = Note.objects.filter(workshop=workshop, colour="yellow").order_by("pk")[
        :3
    ]
    # one post-it dropped on another: a theme of the two
    console.locator(f"[data-note='{second.pk}'] .postit__text").drag_to(
        console.locator(f"ul[data-drop-onto='{first.pk}']")
    )
    expect(console.locator(".group:not(.group--loose):not(.group--new)")).to_have_count(1)
    theme = Theme.objects.get()
    assert theme.notes.count() == 2
    # the third into the theme by its menu, with the mouse
    console.locator(f"#move-{third.pk}").click()
    console.locator(f"#move-dialog [data-target-theme='{theme.pk}']").click()
    expect(console.locator(f"#theme-{theme.pk} [data-note]")).to_have_count(3)
    expect(wall.locator(".theme-card").first).to_contain_text("3 post-its")
    # a fourth dragged into the theme's own list (onto its first post-it: a drop target on
    # the screen, as a drag does not scroll the page)
    fourth = Note.objects.filter(workshop=workshop, colour="yellow", theme=None).order_by("pk")[0]
    console.locator(f"[data-note='{fourth.pk}'] .postit__text").drag_to(
        console.locator(f"ul[data-drop='{theme.pk}'] [data-note]").first
    )
    expect(console.locator(f"#theme-{theme.pk} [data-note]")).to_have_count(4)
    expect(wall.locator(".theme-card").first).to_contain_text("4 post-its")
    assert Note.objects.get(pk=fourth.pk).theme_id == theme.pk
    screenshot(console, "board-console-grouping-mouse-laptop")
    screenshot(wall, "board-wall-grouping-small-projector")


def test_sorting_and_the_matrix_by_drag_and_by_keys(live_server, trio, new_page, screenshot):
    workshop = revealed_room(trio, 40)
    ids = grouped(workshop, 10)
    to_phase(workshop, "sorting")
    console = open_console(new_page, live_server, workshop)
    # drag a theme into "Forandre"
    console.locator(f"#sort-theme-{ids[0]} .sort-theme__title").drag_to(
        console.locator("[data-drop-column='change']")
    )
    expect(console.locator(f"[data-drop-column='change'] #sort-theme-{ids[0]}")).to_have_count(1)
    # and one by its button
    console.locator(f"#sort-{ids[1]}-change").click()
    expect(console.locator(f"[data-drop-column='change'] #sort-theme-{ids[1]}")).to_have_count(1)
    screenshot(console, "board-console-sorting-laptop")
    # the phase card is a strip: the board starts in the upper part of the first screen
    assert console.locator(".console__workspace").bounding_box()["y"] < 768 * 0.6
    assert Theme.objects.get(pk=ids[0]).column == "change"

    to_phase(workshop, "matrix")
    expect(console.locator(".matrix-table tbody tr")).to_have_count(2)
    # by the list: quadrant, then by keys on the marker
    console.locator(f"#quadrant-{ids[0]}").select_option("top_right")
    console.locator(f"#place-{ids[0]}").click()
    marker = console.locator(f"#marker-{ids[0]}")
    expect(marker).to_be_visible()
    before = Theme.objects.get(pk=ids[0])
    marker.focus()
    console.keyboard.press("ArrowUp")
    console.keyboard.press("ArrowUp")
    expect(marker).not_to_have_attribute("data-version", str(before.version))
    expect(marker).to_be_focused()
    after = Theme.objects.get(pk=ids[0])
    assert after.version > before.version
    assert after.influence == before.influence  # only up
    # by drag on the plane
    box = console.locator(".matrix__plane").bounding_box()
    marker.hover()
    console.mouse.down()
    console.mouse.move(box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.3, steps=5)
    console.mouse.up()
    expect(console.locator(f"#matrix-row-{ids[0]}")).to_contain_text("Løftes videre")
    theme = Theme.objects.get(pk=ids[0])
    assert theme.influence < 0.5 and theme.impact > 0.5
    screenshot(console, "board-console-matrix-laptop")
