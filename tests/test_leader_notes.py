"""The leader listens ("store ører og lille mund", seed 004) and keeps private notes while
the groups talk: on the console only, never on the wall (by login or by link) or a phone, in
any phase of the day."""

import pytest
from django.test import Client
from django.urls import reverse

from workshops import live
from workshops.live.forms_group import LEADER_NOTES_MAX
from workshops.permissions import screen_key

from .group_helpers import (
    console,
    console_action,
    console_page,
    go_to,
    nyborg_workshop,
    phones,
    seat,
    wall_page,
)

SECRET = "Mette virker presset – tag en snak bagefter"


@pytest.fixture
def day(world):
    workshop = nyborg_workshop(world.unit)
    room = phones(workshop, 4)
    seat(workshop, [room[:2], room[2:]])
    seat(workshop, [room[::2], room[1::2]], round_number=2)
    go_to(workshop, "group_examples")
    return workshop, room


def test_the_leader_writes_notes_on_the_console_and_finds_them_again(day, world):
    workshop, room = day
    leader = console(world.leader)
    answer = console_action(leader, workshop, "leader_notes", leader_notes=SECRET)
    assert answer.status_code == 200
    workshop.refresh_from_db()
    assert workshop.leader_notes == SECRET
    page = console_page(leader, workshop)
    assert SECRET in page and 'id="leader-notes"' in page
    assert "aldrig på væggen eller telefonerne" in page


def test_the_notes_are_never_on_the_wall_or_a_phone_in_any_phase(day, world):
    workshop, room = day
    leader = console(world.leader)
    console_action(leader, workshop, "leader_notes", leader_notes=SECRET)
    live.open_wall_link(workshop.pk)
    workshop.refresh_from_db()
    by_link = Client()
    for phase in workshop.phases.order_by("order"):
        live.set_phase(workshop.pk, phase)
        assert SECRET not in wall_page(leader, workshop), phase.name
        sync = leader.get(
            reverse("workshops:screen_sync", args=[workshop.pk, "wall"]),
            {"since": 0},
            HTTP_X_SCREEN_KEY=screen_key(workshop, world.leader),
        )
        assert SECRET not in sync.content.decode(), phase.name
        linked = by_link.get(reverse("wall_link", args=[workshop.wall_token]))
        assert SECRET not in linked.content.decode(), phase.name
        for phone in room:
            assert SECRET not in phone.page(), phase.name
            synced = phone.client.get(reverse("participant:sync", args=[workshop.join_token]))
            assert SECRET not in synced.content.decode(), phase.name


def test_notes_have_a_limit_and_only_the_leaders_console_saves_them(day, world):
    workshop, room = day
    too_long = console_action(
        console(world.leader), workshop, "leader_notes", leader_notes="x" * (LEADER_NOTES_MAX + 1)
    )
    assert too_long.status_code == 400 and "højst have 5000 tegn" in too_long.json()["error"]
    stranger = console_action(console(world.stranger), workshop, "leader_notes", leader_notes="x")
    assert stranger.status_code in (403, 404)
    phone_try = room[0].act("leader_notes", leader_notes="x")
    assert phone_try.status_code == 400
    workshop.refresh_from_db()
    assert workshop.leader_notes == ""


def test_the_closing_console_gives_the_leader_the_notes_back_for_the_acknowledgement(day, world):
    """Seed 004's closing: "Hvad har jeg særligt hæftet mig ved?" — the notes on the console."""
    workshop, room = day
    leader = console(world.leader)
    console_action(leader, workshop, "leader_notes", leader_notes=SECRET)
    live.set_phase(workshop.pk, workshop.phases.get(tool="closing"))
    page = console_page(leader, workshop)
    assert 'id="closing-leader-notes"' in page and SECRET in page
    assert SECRET not in wall_page(leader, workshop)
