"""Nyborg's TalSammen day in a real browser (seed 004): 12 people in groups of 3–4, one of
them on a phone at 390×844, the leader's console at 1366×768 and the wall at 1920×1080.
Round 1: the phone writes to its group's board, which the console shows live and the wall
never; the group sorts and marks its 2 + 2 on the phone; the plenum shows each group's 2 + 2
on the wall in turn. Round 2: the phone is in its new group. Screenshots in test-artifacts/."""

import uuid

from playwright.sync_api import expect

from tests.group_helpers import TOPICS, nyborg_workshop
from workshops import live
from workshops.live import groupwork
from workshops.models import Group, GroupMember, Participant

from .. import factory
from .conftest import log_in
from .test_live_room_browser import open_wall

OTHER_NOTES = {
    1: [("point", "Vi hjælper hinanden, når det brænder på"), ("action", "Makkerordning")],
    2: [("point", "Mandage er for travle"), ("action", "Tavlemøde hver mandag")],
    3: [("point", "Vi griner meget sammen"), ("action", "Fælles frokost om fredagen")],
}


def seat(workshop, round_number, tables):
    groups = []
    for number, table in enumerate(tables, start=1):
        group = Group.objects.create(workshop=workshop, round_number=round_number, number=number)
        for person in table:
            GroupMember.objects.create(group=group, round_number=round_number, participant=person)
        groups.append(group)
    return groups


def phase(workshop, tool, round_number):
    return next(
        p
        for p in workshop.phases.filter(tool=tool).order_by("order")
        if p.config["groups"]["round"] == round_number
    )


def test_a_nyborg_day_on_the_wall_the_console_and_a_group_phone(
    live_server,
    trio,  # noqa: F811 - the fixture
    new_page,
    screenshot,
):
    workshop = nyborg_workshop(trio, title="Udviklingsdialog 2026", topics=TOPICS)
    people = [live.join(workshop, display_name=f"Kollega {i + 1}") for i in range(11)]
    live.set_phase(workshop.pk, phase(workshop, "group_examples", 1))

    console = new_page("laptop")
    log_in(console, live_server, "leder", factory.PASSWORD)
    console.goto(f"{live_server.url}/workshops/{workshop.pk}/live/")
    wall = open_wall(new_page, live_server, workshop)

    phone = new_page("phone")
    phone.goto(f"{live_server.url}/d/")
    phone.get_by_label("Kode").fill(workshop.join_code.lower())
    phone.get_by_role("button", name="Deltag").click()
    phone.get_by_label("Dit navn (valgfrit)").fill("Karen")
    phone.get_by_role("button", name="Deltag").click()
    karen = Participant.objects.get(workshop=workshop, display_name="Karen")
    # round 1: three tables of 4 (Karen at table 1); round 2: four new tables of 3
    everyone = [karen, *people]
    round_1 = seat(workshop, 1, [everyone[0:4], everyone[4:8], everyone[8:12]])
    seat(workshop, 2, [everyone[1::4], everyone[2::4], everyone[3::4], everyone[0::4]])
    for group in round_1:
        for kind, text in OTHER_NOTES[group.number]:
            author = group.members.exclude(participant=karen).first().participant
            author.workshop = workshop
            groupwork.add_group_note(author, group, client_key=uuid.uuid4(), kind=kind, text=text)

    # (A) the phone shows its group and the theme, and writes to the group's board
    phone.reload()
    expect(phone.locator("#my-group")).to_have_text("Du sidder i Gruppe 1")
    expect(phone.get_by_role("heading", name="Arbejdsglæde")).to_be_visible()
    expect(phone.get_by_text("Vi hjælper hinanden, når det brænder på")).to_be_visible()
    expect(phone.get_by_text("Mandage er for travle")).to_have_count(0)  # another group's
    phone.locator(".group-composer").get_by_label("Ønsket handling").check()
    phone.get_by_label("Én pointe eller handling pr. post-it").fill("Et fast fredagsmøde")
    phone.locator("#group-note-send").click()
    expect(phone.locator(".group-phone-board")).to_contain_text("Et fast fredagsmøde")
    expect(console.locator(f"#group-board-{round_1[0].pk}")).to_contain_text(
        "Et fast fredagsmøde", timeout=15_000
    )
    expect(console.locator(f"#group-board-{round_1[1].pk}")).to_contain_text(
        "Mandage er for travle"
    )
    console.locator("#leader-notes").fill("Gruppe 2 taler meget om mandage")
    console.locator("#leader-notes-save").click()
    expect(console.locator("[data-live-status], .console").first).to_be_visible()
    expect(wall.locator(".group-wall__topic")).to_have_text("Arbejdsglæde")
    expect(wall.locator(".group-wall__counts")).to_contain_text("Gruppe 1: 3 post-its")
    expect(wall.get_by_text("Et fast fredagsmøde")).to_have_count(0)
    expect(wall.get_by_text("Gruppe 2 taler meget om mandage")).to_have_count(0)
    screenshot(wall, "group-day-wall-examples-1920")
    screenshot(console, "group-day-console-examples-1366")
    screenshot(phone, "group-day-phone-examples-390")

    # (B) the group sorts and marks on the phone
    console.locator("#phase-next").click()
    expect(phone.get_by_role("heading", name="Trivselstema: B. Sorter")).to_be_visible(
        timeout=15_000
    )
    phone.get_by_label("Hvad går igen? Skriv en overskrift").fill("Fællesskab")
    phone.locator("#group-heading-send").click()
    expect(phone.locator(".group-heading__title").first).to_have_text("Fællesskab")
    notes = {n.text: n for n in groupwork.Note.objects.filter(group=round_1[0])}
    for text in ("Vi hjælper hinanden, når det brænder på", "Et fast fredagsmøde", "Makkerordning"):
        phone.locator(f"#mark-{notes[text].pk}").click()
        expect(phone.locator(f"#unmark-{notes[text].pk}")).to_be_visible()
    phone.locator(f"#place-{notes['Makkerordning'].pk}").select_option(label="Fællesskab")
    phone.locator(f"#place-send-{notes['Makkerordning'].pk}").click()
    expect(phone.locator(".group-heading").first).to_contain_text("Makkerordning")
    expect(phone.locator("#group-progress")).to_contain_text("2/2 ønskede handlinger")
    expect(wall.locator(".group-wall__counts")).to_contain_text("1/2 vigtige pointer")
    screenshot(phone, "group-day-phone-sort-390")
    # the console catches up by itself (it asks every 3 s): the 2 + 2 so far, the heading
    expect(console.locator(f"#group-board-{round_1[0].pk} .postit--marked")).to_have_count(
        3, timeout=15_000
    )
    expect(console.locator(f"#group-board-{round_1[0].pk} .group-heading").first).to_contain_text(
        "Makkerordning"
    )
    screenshot(console, "group-day-console-sort-1366")

    # (C) the plenum: the wall shows each group's 2 + 2 in turn
    console.locator("#phase-next").click()
    expect(wall.locator("#plenum-group")).to_contain_text("Gruppe 1", timeout=15_000)
    expect(wall.locator(".plenum")).to_contain_text("Et fast fredagsmøde")
    expect(wall.locator(".plenum")).to_contain_text("Fællesskab")
    expect(wall.get_by_text("Mandage er for travle")).to_have_count(0)
    screenshot(wall, "group-day-wall-plenum-1920")
    console.locator("#plenum-next").click()
    expect(wall.locator("#plenum-group")).to_contain_text("Gruppe 2", timeout=15_000)
    expect(wall.get_by_text("Et fast fredagsmøde")).to_have_count(0)

    # round 2: new groups on the ledelsestema
    live.set_phase(workshop.pk, phase(workshop, "group_examples", 2))
    expect(phone.locator("#my-group")).to_have_text("Du sidder i Gruppe 4", timeout=15_000)
    expect(phone.get_by_role("heading", name="Tydelig retning")).to_be_visible()
    expect(phone.locator(".group-phone-board")).not_to_contain_text("Et fast fredagsmøde")
    expect(wall.locator(".group-wall__topic")).to_have_text("Tydelig retning", timeout=15_000)
    screenshot(phone, "group-day-phone-round2-390")
