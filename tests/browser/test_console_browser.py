"""The facilitator's console on a 1366×768 laptop (issue 18, item 7), by mouse and by
keyboard, at a real room's volume (40 post-its, 10 themes): grouping never needs the page
scrolled while a post-it is held; the keyboard reaches the pile, a post-it's "Flyt til …" and
the themes in a few Tabs; focus lands on the merged theme; a theme is dragged from the
matrix's list onto the matrix; a close that would be refused says why without a confirm; a
closed console leads on. Screenshots of the boards at 1366×768 and 1920×1080."""

import pytest
from playwright.sync_api import expect

from workshops.live import board
from workshops.models import Note, Theme, Workshop

from .conftest import ARTIFACTS
from .test_board_browser import grouped, open_console, revealed_room, to_phase

THEMES = ".group:not(.group--loose):not(.group--new)"
IN_VIEW = """(selector) => { const r = document.querySelector(selector).getBoundingClientRect();
  return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth
         && r.height > 8; }"""


def first_screen(page, name):
    """What the facilitator sees without scrolling."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def scroll_y(page) -> float:
    return page.evaluate("() => window.scrollY")


def loose_notes(workshop) -> list[int]:
    return list(
        Note.objects.filter(workshop=workshop, revealed_at__isnull=False, theme=None)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def test_grouping_40_post_its_by_mouse_never_scrolls_the_page_during_a_drag(
    live_server,
    trio,  # noqa: F811
    new_page,
    screenshot,
):
    workshop = revealed_room(trio, 40)
    themes = grouped(workshop, 10, leave_loose=30)
    console = open_console(new_page, live_server, workshop)
    expect(console.locator(THEMES)).to_have_count(10)
    screenshot(console, "console-grouping-40-laptop")
    loose = loose_notes(workshop)
    # from the top, the bottom and the middle of the pile onto the themes far apart, the
    # last theme and "Nyt tema"
    drags = [
        (loose[0], str(themes[-1])),
        (loose[-1], "new"),
        (loose[-2], str(themes[0])),
        (loose[len(loose) // 2], str(themes[-1])),
        (loose[5], str(themes[4])),
        (loose[-3], str(themes[8])),
    ]
    for note, target in drags:
        source = console.locator(f"[data-note='{note}'] .postit__text")
        # within the pile, before the post-it is taken
        source.evaluate("el => el.scrollIntoView({block: 'nearest'})")
        drop = f"ul[data-drop='{target}']"
        before = scroll_y(console)
        pile_before = console.evaluate("() => document.querySelector('.groups__pile').scrollTop")
        # at the drag's start the target is on the screen: no scrolling needed to reach it
        assert console.evaluate(IN_VIEW, drop), (note, target)
        assert console.evaluate(IN_VIEW, f"[data-note='{note}'] .postit__text"), note
        source.drag_to(console.locator(drop))
        if target == "new":
            expect(console.locator(THEMES)).to_have_count(11)
        else:
            expect(console.locator(f"{drop} [data-note='{note}']")).to_have_count(1)
        # the server's answer is in (the drag itself moved the post-it in the page already)
        expect(console.locator(f"li.pile[data-drop-onto='{note}']")).to_have_count(0)
        assert scroll_y(console) == before, (note, target)
        # and the pile stays where it was scrolled to, across the update the drop brings
        pile_after = console.evaluate("() => document.querySelector('.groups__pile').scrollTop")
        assert (pile_after > 0) == (pile_before > 0), (pile_before, pile_after)
    # a theme's name is a drop target too, not only its list of post-its
    note = loose[1]
    source = console.locator(f"[data-note='{note}'] .postit__text")
    source.evaluate("el => el.scrollIntoView({block: 'nearest'})")
    assert console.evaluate(IN_VIEW, f"#theme-title-{themes[6]}")
    source.drag_to(console.locator(f"#theme-title-{themes[6]}"))
    expect(console.locator(f"ul[data-drop='{themes[6]}'] [data-note='{note}']")).to_have_count(1)
    assert Note.objects.get(pk=note).theme_id == themes[6]
    assert Note.objects.get(pk=loose[0]).theme_id == themes[-1]
    assert Note.objects.get(pk=loose[-2]).theme_id == themes[0]
    assert Theme.objects.filter(workshop=workshop).count() == 11
    screenshot(console, "console-grouping-40-laptop-after-drags")


def test_the_keyboard_reaches_the_pile_a_post_its_menu_and_the_themes_in_a_few_tabs(
    live_server,
    trio,  # noqa: F811
    new_page,
):
    workshop = revealed_room(trio, 40)
    themes = grouped(workshop, 10, leave_loose=30)
    console = open_console(new_page, live_server, workshop)
    expect(console.locator(".groups")).to_be_visible()

    def focused() -> str:
        return console.evaluate(
            "() => (document.activeElement.id || '') + '|' + document.activeElement.textContent"
        )

    def tab_to(text: str, limit: int) -> int:
        for presses in range(1, limit + 1):
            console.keyboard.press("Tab")
            if text in focused():
                return presses
        raise AssertionError(f"{text!r} not reached in {limit} Tabs (at {focused()!r})")

    # from the top of the page: the board's shortcuts come right after the console's bar
    tabs = tab_to("Til post-its uden tema", 10)
    first_screen(console, "console-grouping-shortcuts-laptop")
    console.keyboard.press("Enter")
    assert scroll_y(console) == 0  # the board was on the screen: the page stays put
    console.keyboard.press("Tab")
    tabs += 1
    assert tabs <= 10
    loose = loose_notes(workshop)
    expect(console.locator(f"#move-{loose[0]}")).to_be_focused()
    # within the pile the arrow keys go from post-it to post-it: the last is one key away
    console.keyboard.press("End")
    expect(console.locator(f"#move-{loose[-1]}")).to_be_focused()
    console.keyboard.press("ArrowUp")
    expect(console.locator(f"#move-{loose[-2]}")).to_be_focused()
    first_screen(console, "console-grouping-keyboard-laptop")
    # … and its "Flyt til …" moves it into a theme
    console.keyboard.press("Enter")
    dialog = console.locator("#move-dialog")
    expect(dialog).to_be_visible()
    dialog.locator(f"[data-target-theme='{themes[3]}']").focus()
    console.keyboard.press("Enter")
    expect(console.locator(f"ul[data-drop='{themes[3]}'] [data-note='{loose[-2]}']")).to_have_count(
        1
    )
    expect(console.locator(f"#move-{loose[-2]}")).to_be_focused()

    # the themes: one Tab past the pile (a list is one Tab stop), or by their shortcut
    console.locator(f"#move-{loose[0]}").focus()
    console.keyboard.press("Tab")
    expect(console.locator(f"#theme-menu-button-{themes[0]}")).to_be_focused()
    console.keyboard.press("Shift+Tab")
    console.keyboard.press("Shift+Tab")
    assert "Ret tema" not in focused()
    console.locator("#main").focus()
    tabs = tab_to("Til temaerne", 10)
    console.keyboard.press("Enter")
    console.keyboard.press("Tab")
    assert tabs + 1 <= 10
    expect(console.locator(f"#theme-menu-button-{themes[0]}")).to_be_focused()


def test_after_a_keyboard_merge_focus_is_on_the_merged_theme_and_it_is_announced(
    live_server,
    trio,  # noqa: F811
    new_page,
):
    workshop = revealed_room(trio, 40)
    themes = grouped(workshop, 10, leave_loose=30)
    console = open_console(new_page, live_server, workshop)
    # a theme's menu in the bottom row opens upwards: its buttons are on the screen
    last = console.locator(f"#theme-menu-button-{themes[9]}")
    last.click()
    expect(console.locator(f"#merge-save-{themes[9]}")).to_be_visible()
    assert console.evaluate(IN_VIEW, f"#merge-save-{themes[9]}")
    last.click()
    gone, into = themes[2], themes[6]
    console.locator(f"#theme-menu-button-{gone}").focus()
    console.keyboard.press("Enter")
    console.locator(f"#merge-{gone}").focus()
    console.locator(f"#merge-{gone}").select_option(str(into))
    console.locator(f"#merge-save-{gone}").focus()
    console.keyboard.press("Enter")
    expect(console.locator(f"#theme-{gone}")).to_have_count(0)
    expect(console.locator(f"#theme-title-{into}")).to_be_focused()
    assert console.evaluate("() => document.activeElement !== document.body")
    expect(console.locator("[data-live-message]")).to_contain_text("lagt sammen med")
    assert Theme.objects.filter(pk=gone).count() == 0


def test_a_theme_not_yet_in_the_matrix_is_dragged_from_the_list_onto_it(
    live_server,
    trio,  # noqa: F811
    new_page,
    screenshot,
):
    workshop = revealed_room(trio, 40)
    themes = grouped(workshop, 10)
    to_phase(workshop, "sorting")
    for pk in themes:
        board.sort_theme(workshop.pk, pk, "change")
    to_phase(workshop, "matrix")
    console = open_console(new_page, live_server, workshop)
    # the theme's name in the list is taken and let go on the plane
    handle = console.locator(f"#matrix-row-{themes[7]} th bdi")
    plane = console.locator(".matrix__plane")
    expect(handle).to_be_visible()
    before = scroll_y(console)
    assert console.evaluate(IN_VIEW, ".matrix__plane")
    handle.evaluate("el => el.scrollIntoView({block: 'nearest'})")
    start = handle.bounding_box()
    box = plane.bounding_box()
    console.mouse.move(start["x"] + 8, start["y"] + start["height"] / 2)
    console.mouse.down()
    console.mouse.move(box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.2, steps=8)
    console.mouse.up()
    expect(console.locator(f"#marker-{themes[7]}")).to_be_visible()
    theme = Theme.objects.get(pk=themes[7])
    assert theme.influence > 0.6 and theme.impact > 0.6  # the top right, where it was let go
    assert scroll_y(console) == before
    # the menu path stays: the quadrant choice in the list
    console.locator(f"#quadrant-{themes[1]}").select_option("bottom_left")
    console.locator(f"#place-{themes[1]}").click()
    expect(console.locator(f"#marker-{themes[1]}")).to_be_visible()
    screenshot(console, "console-matrix-drag-laptop")


def harassment_theme_room(unit):
    """Grouped, the krænkelse post-it in a theme that has no plan: the room cannot close."""
    workshop = revealed_room(unit, 12)
    grouped(workshop, 4)
    theme = Note.objects.get(workshop=workshop, harassment=True).theme
    return workshop, theme


def test_a_close_that_would_be_refused_says_why_without_asking_to_confirm(
    live_server,
    trio,  # noqa: F811
    new_page,
):
    workshop, theme = harassment_theme_room(trio)
    to_phase(workshop, "closing")
    console = open_console(new_page, live_server, workshop)
    dialogs = []
    console.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    expect(console.locator("#closing-refusal")).to_contain_text(theme.title)
    console.locator("#closing-close").click()
    expect(console.locator("[data-toast]")).to_contain_text(theme.title)
    first_screen(console, "console-closing-refused-laptop")
    # the drawer's button likewise
    console.locator("#drawer-status summary").click()
    expect(console.locator("#status-refusal")).to_contain_text(theme.title)
    console.locator("#status-close").click()
    expect(console.locator("[data-toast]")).to_contain_text("kan ikke afsluttes")
    assert dialogs == []
    assert Workshop.objects.get(pk=workshop.pk).status == Workshop.Status.LIVE


def test_a_closed_console_leads_to_the_summary_and_the_plans_and_has_no_timer(
    live_server,
    trio,  # noqa: F811
    new_page,
    screenshot,
):
    workshop = revealed_room(trio, 12)
    Note.objects.filter(workshop=workshop, harassment=True).update(deleted=True)
    to_phase(workshop, "closing")
    console = open_console(new_page, live_server, workshop)
    dialogs = []
    console.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    expect(console.locator("#timer-toggle")).to_have_text("Start tiden")
    console.locator("#closing-close").click()
    expect(console.locator("#after-summary")).to_be_visible()
    assert len(dialogs) == 1  # a close that can happen is confirmed
    assert Workshop.objects.get(pk=workshop.pk).status == Workshop.Status.CLOSED
    for gone in ("#timer-toggle", "#timer-add1", "#timer-add5", "#timer-reset"):
        expect(console.locator(gone)).to_have_count(0)
    screenshot(console, "console-closed-laptop")
    expect(console.locator("#after-plans")).to_contain_text("Handleplaner for")
    console.locator("#after-summary").click()
    expect(console.locator("#closing-evaluation")).to_be_visible()
    console.go_back()
    console.locator("#after-plans").click()
    expect(console.locator("h1")).to_contain_text("Handleplaner")


@pytest.mark.parametrize("notes", [40, 80])
@pytest.mark.parametrize("size", ["laptop", "projector"])
def test_the_boards_on_a_laptop_and_a_large_screen(
    live_server,
    trio,  # noqa: F811
    new_page,
    screenshot,
    notes,
    size,
):
    """Screenshots to look at: grouping (a quarter still in the pile), sorting, the matrix,
    10 themes; every theme's drop target and the pile on the first screen."""
    workshop = revealed_room(trio, notes)
    themes = grouped(workshop, 10, leave_loose=notes // 4)
    console = open_console(new_page, live_server, workshop, size=size)
    del screenshot
    expect(console.locator(THEMES)).to_have_count(10)
    console.wait_for_timeout(300)
    for target in [*themes, "new"]:
        assert console.evaluate(IN_VIEW, f"ul[data-drop='{target}']"), target
    assert console.evaluate(IN_VIEW, ".groups__pile")
    first_screen(console, f"console-grouping-{notes}-{size}")
    to_phase(workshop, "sorting")
    for i, pk in enumerate(themes):
        if i % 4:
            board.sort_theme(workshop.pk, pk, ("keep", "change", "parking")[i % 3])
    console.reload()
    expect(console.locator(".sort-theme")).to_have_count(10)
    first_screen(console, f"console-sorting-{notes}-{size}")
    to_phase(workshop, "matrix")
    for i, pk in enumerate(themes):
        board.sort_theme(workshop.pk, pk, "change")
        if i % 3:
            board.place_theme(workshop.pk, pk, ((i * 37) % 100) / 100, ((i * 61) % 100) / 100)
    console.reload()
    expect(console.locator(".matrix-table tbody tr")).to_have_count(10)
    first_screen(console, f"console-matrix-{notes}-{size}")
