"""(C) Plenum (seed 004): "Leder spørger grupperne på skift" — the wall shows one group's
2 + 2 at a time with their headings, the facilitator steps through the groups, and only what
a group marked reaches the wall."""

import pytest

from workshops.models import Group, Note, Theme

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


def board(group, heading, marked, unmarked):
    theme = Theme.objects.create(workshop=group.workshop, group=group, title=heading)
    taken = {"point": 0, "action": 0}
    for kind, text in marked:
        taken[kind] += 1
        Note.objects.create(
            workshop=group.workshop,
            group=group,
            colour="yellow",
            kind=kind,
            text=text,
            theme=theme,
            priority=taken[kind],
        )
    Note.objects.create(
        workshop=group.workshop, group=group, colour="yellow", kind="point", text=unmarked
    )


@pytest.fixture
def day(world):
    workshop = nyborg_workshop(world.unit)
    room = phones(workshop, 7)
    groups = seat(workshop, [room[:4], room[4:]])
    board(
        groups[0],
        "Hjælpsomhed",
        [
            ("point", "Vi hjælper hinanden"),
            ("point", "Nye bliver taget godt imod"),
            ("action", "Makkerordning for nye"),
            ("action", "Fælles frokost om fredagen"),
        ],
        unmarked="Kaffen er god",
    )
    board(
        groups[1],
        "Travlhed",
        [
            ("point", "Mandage er for travle"),
            ("point", "Vi mister overblikket"),
            ("action", "Tavlemøde hver mandag"),
            ("action", "Én fælles opgaveliste"),
        ],
        unmarked="Printeren driller",
    )
    go_to(workshop, "group_plenum")
    return workshop, room, groups


def test_the_wall_shows_the_first_groups_two_and_two_with_their_headings(day, world):
    workshop, room, groups = day
    wall = wall_page(console(world.leader), workshop)
    assert 'id="plenum-group">Gruppe 1' in wall
    for text in ("Vi hjælper hinanden", "Nye bliver taget godt imod", "Makkerordning for nye"):
        assert text in wall
    assert "Hjælpsomhed" in wall and "Vigtige pointer" in wall and "Ønskede handlinger" in wall
    assert "Kaffen er god" not in wall  # not marked: stays on the group's board
    assert "Mandage er for travle" not in wall  # the next group's turn has not come


def test_the_facilitator_steps_through_the_groups(day, world):
    workshop, room, groups = day
    leader = console(world.leader)
    assert 'id="plenum-next"' in console_page(leader, workshop)
    answer = console_action(leader, workshop, "plenum_group", group=groups[1].pk)
    assert answer.status_code == 200
    workshop.refresh_from_db()
    assert workshop.plenum_group == groups[1]
    wall = wall_page(leader, workshop)
    assert 'id="plenum-group">Gruppe 2' in wall
    assert "Tavlemøde hver mandag" in wall and "Travlhed" in wall
    assert "Vi hjælper hinanden" not in wall
    assert 'id="plenum-prev"' in console_page(leader, workshop)


def test_only_this_workshops_groups_can_be_shown(day, world):
    workshop, room, groups = day
    other = nyborg_workshop(world.unit)
    foreign = Group.objects.create(workshop=other, round_number=1, number=1)
    refused = console_action(console(world.leader), workshop, "plenum_group", group=foreign.pk)
    assert refused.status_code == 400 and refused.json()["error"] == "Den gruppe findes ikke."
    stranger = console_action(console(world.stranger), workshop, "plenum_group", group=groups[1].pk)
    assert stranger.status_code in (403, 404)
    workshop.refresh_from_db()
    assert workshop.plenum_group is None


def test_a_phone_shows_its_own_groups_two_and_two(day):
    workshop, room, groups = day
    page = room[5].page()
    assert "Tavlemøde hver mandag" in page and "Gruppe 2s 2 + 2" in page
    assert "Makkerordning for nye" not in page


def test_round_two_shows_round_two_groups_only(day, world):
    workshop, room, groups = day
    second = seat(workshop, [room[::2], room[1::2]], round_number=2)
    board(
        second[0],
        "Retning",
        [("point", "Vi kender målet"), ("action", "Målet på tavlen")],
        unmarked="-",
    )
    go_to(workshop, "group_plenum", round_number=2)
    wall = wall_page(console(world.leader), workshop)
    assert "Vi kender målet" in wall and "Tydelig retning" in wall
    assert "Vi hjælper hinanden" not in wall
