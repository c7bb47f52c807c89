"""What the screens show of the groups (seed 004): a phone in a group phase says "Du er i
gruppe N" with the people at its table and the round's theme, derived from the server on
every load, so a phone that sleeps, reloads or reconnects always comes back to its own table;
the wall shows the table plan in the welcome and the break; the plan prints as a page; the
console lists the tables with a menu beside each name."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from workshops import groups, live, preparation
from workshops.models import GroupMember

from .group_helpers import TOPICS, group_workshop
from .live_helpers import go_to, phone_joins, phone_page

NAMES = ["Anne", "Bo", "Camilla", "Dennis", "Eva", "Frank", "Gitte", "Hans"]


@pytest.fixture
def day(world):
    """Eight names planned ahead at two tables a round; everyone joins by their name."""
    workshop = group_workshop(world.unit)
    groups.form_ahead(workshop, NAMES)
    phones = {name: phone_joins(workshop, name) for name in NAMES}
    return workshop, phones


def table_of(workshop, name, round_number):
    return GroupMember.objects.get(
        group__workshop=workshop, round_number=round_number, participant__display_name=name
    ).group


def said_group(page) -> int | None:
    found = re.search(r"Du er i gruppe (\d+)", page)
    return int(found.group(1)) if found else None


def test_a_phone_shows_its_table_its_people_and_the_theme(day):
    workshop, phones = day
    go_to(workshop, "reflection")  # round 1

    page = phone_page(phones["Anne"], workshop)

    table = table_of(workshop, "Anne", 1)
    assert said_group(page) == table.number
    for member in table.members.all():
        assert str(member) in page
    assert TOPICS["trivsel"]["title"] in page
    others = [n for n in NAMES if table_of(workshop, n, 1) != table]
    assert not any(f"<bdi>{name}</bdi>" in page for name in others)


def test_a_phone_that_reloads_comes_back_to_its_own_table_after_a_move(day, client, world):
    workshop, phones = day
    go_to(workshop, "reflection")
    assert said_group(phone_page(phones["Bo"], workshop)) == table_of(workshop, "Bo", 1).number
    seat = GroupMember.objects.get(participant__display_name="Bo", round_number=1)
    target = next(g for g in groups.Group.objects.filter(workshop=workshop, round_number=1)
                  if g.pk != seat.group_id)  # fmt: skip
    groups.move(workshop, seat.pk, target.pk)

    # a reload, and a phone that slept (a fresh client with the same cookie)
    assert said_group(phone_page(phones["Bo"], workshop)) == target.number
    woken = Client()
    woken.cookies = phones["Bo"].cookies
    assert said_group(phone_page(woken, workshop)) == target.number


def test_round_two_shows_the_new_table_and_the_second_theme(day):
    workshop, phones = day
    go_to(workshop, "presentation")  # round 2

    page = phone_page(phones["Camilla"], workshop)

    assert said_group(page) == table_of(workshop, "Camilla", 2).number
    assert TOPICS["ledelse"]["title"] in page


def test_a_phone_outside_a_group_phase_shows_no_table(day):
    workshop, phones = day
    go_to(workshop, "grouping")
    assert said_group(phone_page(phones["Anne"], workshop)) is None


def test_a_phone_without_a_table_is_told_it_gets_one(world):
    workshop = group_workshop(world.unit)
    phone = phone_joins(workshop, "Anne")
    go_to(workshop, "reflection")
    assert "Du har ikke fået en gruppe endnu" in phone_page(phone, workshop)


def test_the_wall_shows_the_new_tables_in_the_break_between_the_rounds(day, client, world):
    workshop, _ = day
    reflection = workshop.phases.get(tool="reflection")
    pause = preparation.add_break(workshop, after=reflection, minutes=10)
    live.set_phase(workshop.pk, pause)
    client.force_login(world.leader)

    page = client.get(reverse("workshops:wall", args=[workshop.pk])).content.decode()

    assert "Runde 2" in page and "Runde 1" not in page
    for name in NAMES:
        assert name in page
    for table in groups.Group.objects.filter(workshop=workshop, round_number=2):
        assert f'id="table-{table.pk}-w"' in page
    assert "Flyt" not in page  # the wall shows, never moves


def test_the_welcome_wall_shows_round_ones_tables(day, client, world):
    workshop, _ = day
    go_to(workshop, "intro")
    client.force_login(world.leader)
    page = client.get(reverse("workshops:wall", args=[workshop.pk])).content.decode()
    assert "Runde 1" in page and "Runde 2" not in page


def test_the_wall_shows_no_table_plan_while_the_room_writes(day, client, world):
    workshop, _ = day
    go_to(workshop, "grouping")
    client.force_login(world.leader)
    page = client.get(reverse("workshops:wall", args=[workshop.pk])).content.decode()
    assert "Runde 1" not in page


def test_the_table_plan_prints_as_a_page(day, client, world):
    workshop, _ = day
    client.force_login(world.med)  # reads the plan

    response = client.get(reverse("workshops:groups_print", args=[workshop.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "print-page" in page and "Bordplan" in page and "data-print" in page
    for name in NAMES:
        assert name in page
    assert "<select" not in page


def test_the_console_lists_the_tables_with_a_menu_beside_each_name(day, client, world):
    workshop, _ = day
    go_to(workshop, "reflection")
    client.force_login(world.leader)

    page = client.get(reverse("workshops:live", args=[workshop.pk])).content.decode()

    assert 'id="drawer-groups" open' in page
    assert page.count('name="member"') == 2 * len(NAMES)  # every seat of both rounds
    assert reverse("workshops:groups_move", args=[workshop.pk]) in page
    assert "groups.js" in page


def test_a_console_move_answers_with_the_fresh_tables(day, client, world):
    workshop, _ = day
    client.force_login(world.leader)
    seat = GroupMember.objects.get(participant__display_name="Eva", round_number=1)
    target = groups.Group.objects.filter(workshop=workshop, round_number=1).exclude(
        pk=seat.group_id
    )[0]

    response = client.post(
        reverse("workshops:groups_move", args=[workshop.pk]),
        {"member": seat.pk, "group": target.pk, "back": "console"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert 'id="region-groups"' in response.content.decode()
    assert "Eva sidder nu i gruppe" in response["HX-Trigger"]


def test_the_console_forms_a_round_from_those_present(world, client):
    workshop = group_workshop(world.unit)
    for name in NAMES[:7]:
        phone_joins(workshop, name)
    client.force_login(world.leader)

    response = client.post(
        reverse("workshops:groups_form_round", args=[workshop.pk]),
        {"round": 1},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    sizes = sorted(g.members.count() for g in groups.Group.objects.filter(workshop=workshop))
    assert sizes == [3, 4]
