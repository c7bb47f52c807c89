"""Groups in the browser (seed 004): twelve people planned ahead at three tables a round;
a phone joins by its name and shows its table; the facilitator moves a person by dragging
on the console and another by the menu beside the name; the moved phone follows, and after a
reload still shows its own table; the wall shows the table plan in the break. Screenshots at
390×844 (phone), 1366×768 (console) and 1920×1080 (wall)."""

from playwright.sync_api import expect

from tests.group_helpers import group_workshop
from workshops import groups, live, preparation
from workshops.models import Group, GroupMember

from .. import factory
from .conftest import log_in
from .test_board_browser import open_console, to_phase
from .test_live_room_browser import open_wall

NAMES = [
    "Karen", "Ali", "Bente", "Dennis", "Eva", "Frank", "Gitte", "Hans", "Ida", "Jens",
    "Lars", "Mona",
]  # fmt: skip


def seat(workshop, name, round_number=1):
    return GroupMember.objects.select_related("group").get(
        group__workshop=workshop, round_number=round_number, participant__display_name=name
    )


def join_by_name(page, live_server, workshop, name):
    page.goto(f"{live_server.url}/d/{workshop.join_token}/")
    page.get_by_label("Dit navn (valgfrit)").fill(name)
    page.get_by_role("button", name="Deltag").click()


def test_tables_move_by_drag_and_menu_and_the_phone_follows(
    live_server, trio, new_page, screenshot
):
    workshop = group_workshop(trio, title="TalSammen – Udviklingsdialog")
    groups.form_ahead(workshop, NAMES)
    for name in NAMES[1:]:
        live.join(workshop, display_name=name)
    to_phase(workshop, "reflection")  # round 1 on the trivselstema

    phone = new_page("phone")
    join_by_name(phone, live_server, workshop, "Karen")
    karen = seat(workshop, "Karen")
    expect(
        phone.get_by_role("heading", name=f"Du er i gruppe {karen.group.number}")
    ).to_be_visible()
    expect(phone.get_by_text("Arbejdsglæde")).to_be_visible()
    screenshot(phone, "groups-phone-390")

    console = open_console(new_page, live_server, workshop)
    drawer = console.locator("#drawer-groups")
    expect(drawer).to_have_attribute("open", "")
    expect(drawer.locator("[data-member-id]")).to_have_count(2 * len(NAMES))
    screenshot(console, "groups-console-1366")

    # drag Karen to another table of round 1
    target = Group.objects.filter(workshop=workshop, round_number=1).exclude(pk=karen.group_id)[0]
    person = drawer.locator(f'[data-member-id="{karen.pk}"] > bdi')
    person.drag_to(drawer.locator(f'[data-group-id="{target.pk}"]'))
    expect(console.locator("[data-live-message]")).to_contain_text("Karen sidder nu i gruppe")
    assert seat(workshop, "Karen").group_id == target.pk

    # the phone follows by itself, and after a reload it is still at its new table
    heading = phone.get_by_role("heading", name=f"Du er i gruppe {target.number}")
    expect(heading).to_be_visible()
    phone.reload()
    expect(heading).to_be_visible()

    # the menu path: Ali to another table, by the select and the button
    ali = seat(workshop, "Ali")
    other = Group.objects.filter(workshop=workshop, round_number=1).exclude(pk=ali.group_id)[0]
    menu = drawer.locator(f"#move-{ali.pk}-c")
    menu.select_option(str(other.pk))
    drawer.locator(f"#move-button-{ali.pk}-c").press("Enter")
    expect(console.locator("[data-live-message]")).to_contain_text("Ali sidder nu i gruppe")
    assert seat(workshop, "Ali").group_id == other.pk

    # the break before round 2: the wall shows the table plan
    pause = preparation.add_break(workshop, after=workshop.phases.get(tool="reflection"))
    live.set_phase(workshop.pk, pause)
    wall = open_wall(new_page, live_server, workshop)
    expect(wall.locator(".wall__table-plan .table-plan__table")).to_have_count(3)  # round 2
    expect(wall.get_by_role("heading", name="Runde 2")).to_be_visible()
    screenshot(wall, "groups-wall-break-1920")
    assert wall.evaluate("() => document.documentElement.scrollHeight <= innerHeight + 1")

    # round 2: the phone shows its new table
    to_phase(workshop, "presentation")
    second = seat(workshop, "Karen", 2)
    expect(
        phone.get_by_role("heading", name=f"Du er i gruppe {second.group.number}")
    ).to_be_visible()
    expect(phone.get_by_text("Tydelig retning")).to_be_visible()
    screenshot(phone, "groups-phone-round2-390")


def test_the_planning_page_forms_and_prints_the_table_plan(live_server, trio, new_page, screenshot):
    workshop = group_workshop(trio, title="TalSammen – Udviklingsdialog")
    page = new_page("laptop")
    log_in(page, live_server, "leder", factory.PASSWORD)
    page.goto(f"{live_server.url}/workshops/{workshop.pk}/grupper/")
    page.get_by_label("Deltagere (ét navn pr. linje)").fill("\n".join(NAMES))
    page.get_by_role("button", name="Dan grupper til begge runder").click()
    expect(page.locator(".table-plan__table")).to_have_count(6)
    screenshot(page, "groups-planning-1366")

    bo = GroupMember.objects.get(group__workshop=workshop, round_number=1, name="Karen")
    target = Group.objects.filter(workshop=workshop, round_number=1).exclude(pk=bo.group_id)[0]
    page.locator(f'[data-member-id="{bo.pk}"] > bdi').drag_to(
        page.locator(f'[data-group-id="{target.pk}"]')
    )
    expect(page.get_by_text("Karen sidder nu i gruppe")).to_be_visible()
    bo.refresh_from_db()
    assert bo.group_id == target.pk

    page.goto(f"{live_server.url}/workshops/{workshop.pk}/grupper/udskriv/")
    page.emulate_media(media="print")
    screenshot(page, "groups-print")
    expect(page.get_by_role("heading", name="Runde 2")).to_be_visible()


def test_the_welcome_wall_shows_the_first_tables_within_the_screen(
    live_server, trio, new_page, screenshot
):
    """Seed 004's welcome: the room finds its table for round 1 on the wall; everything on
    one 1920×1080 screen, never scrolled, with 24 people at 6 tables a round."""
    workshop = group_workshop(trio, title="TalSammen – Udviklingsdialog")
    everyone = NAMES + [f"{name} B." for name in NAMES]
    groups.form_ahead(workshop, everyone)
    to_phase(workshop, "intro")
    wall = open_wall(new_page, live_server, workshop)
    expect(wall.locator(".wall__table-plan .table-plan__table")).to_have_count(6)  # round 1
    expect(wall.get_by_text(workshop.join_code)).to_be_visible()
    screenshot(wall, "groups-wall-welcome-1920")
    assert wall.evaluate("() => document.documentElement.scrollHeight <= innerHeight + 1")
