"""Groups (seed 004, step 7: "Dan grupper med 3-4 personer i hver gruppe … en
gruppefordeling til første runde … og en ny gruppefordeling til anden runde"): the app forms
tables of the method's size, round 2 in new tables that repeat as few pairs as possible, a
late arrival joins the smallest table, the planning group forms both rounds ahead from names
and adjusts them, and a person who joins by a planned name takes their planned seat."""

import random
from itertools import combinations

import pytest
from django.urls import reverse

from workshops import groups, live
from workshops.groups import (
    fewest_repeats,
    form_groups,
    new_groups,
    repeated_pairs,
    smallest_group,
    table_sizes,
)
from workshops.models import Group, GroupMember

from . import factory
from .group_helpers import group_workshop
from .live_helpers import phone_joins

NAMES = [
    "Anne", "Bo", "Camilla", "Dennis", "Eva", "Frank", "Gitte", "Hans",
    "Ida", "Jens", "Karen", "Lars",
]  # fmt: skip


# Forming: pure functions, table-tested ---------------------------------------------------------


@pytest.mark.parametrize(
    ("people", "sizes"),
    [
        (3, [3]),
        (4, [4]),
        (5, [5]),  # one table of five, not 3 + 2
        (6, [3, 3]),
        (7, [4, 3]),
        (8, [4, 4]),
        (9, [3, 3, 3]),
        (10, [4, 3, 3]),
        (12, [4, 4, 4]),
        (13, [4, 3, 3, 3]),
        (17, [4, 4, 3, 3, 3]),
        (24, [4, 4, 4, 4, 4, 4]),
    ],
)
def test_tables_are_of_three_or_four_and_as_even_as_can_be(people, sizes):
    assert table_sizes(people) == sizes
    tables = form_groups([f"p{i}" for i in range(people)], seed=1)
    assert [len(t) for t in tables] == sizes
    assert sorted(p for t in tables for p in t) == sorted(f"p{i}" for i in range(people))


@pytest.mark.parametrize("people", range(6, 41))
def test_every_table_has_three_or_four_from_six_people_on(people):
    assert all(3 <= size <= 4 for size in table_sizes(people))


def test_forming_is_the_same_for_the_same_seed_and_mixes_for_another():
    assert form_groups(NAMES, seed=7) == form_groups(NAMES, seed=7)
    assert form_groups(NAMES, seed=7) != form_groups(NAMES, seed=8)


@pytest.mark.parametrize("people", range(7, 25))
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_round_two_repeats_as_few_pairs_as_possible(people, seed):
    """From 13 people on (four tables or more) nobody sits with anyone from round 1; with
    fewer tables the repeats are the fewest any seating could have."""
    everyone = [f"p{i}" for i in range(people)]
    first = form_groups(everyone, seed=seed)
    earlier = {p: n for n, table in enumerate(first) for p in table}
    second = new_groups(everyone, earlier, seed=seed)

    assert sorted(p for t in second for p in t) == sorted(everyone)
    assert [len(t) for t in second] == table_sizes(people)
    best = fewest_repeats(len(second), [len(t) for t in first])
    assert repeated_pairs(second, earlier) == best
    if people >= 13:
        assert best == 0
    assert new_groups(everyone, earlier, seed=seed) == second  # deterministic


@pytest.mark.parametrize("seed", range(12))
def test_round_two_is_as_good_after_an_uneven_round_one(seed):
    """Some of round 1 went home, some came late, tables were moved by hand: round 2 still
    has the fewest repeats any seating could have."""
    rng = random.Random(seed)
    everyone = [f"p{i}" for i in range(rng.randint(7, 24))]
    tables = rng.randint(2, 6)
    earlier = {p: rng.randrange(tables) for p in everyone if rng.random() > 0.15}
    second = new_groups(everyone, earlier, seed=seed)
    sizes = [sum(1 for p in everyone if earlier.get(p) == t) for t in range(tables)]
    assert repeated_pairs(second, earlier) == fewest_repeats(len(second), sizes)


def test_the_lower_bound_spreads_each_earlier_table_evenly():
    assert fewest_repeats(2, [4, 3]) == 2 + 1  # 4 → 2 + 2, 3 → 2 + 1
    assert fewest_repeats(3, [4, 4, 4]) == 3  # 4 → 2 + 1 + 1
    assert fewest_repeats(4, [4, 4, 4, 4]) == 0


def test_repeated_pairs_counts_pairs_who_sat_together_before():
    earlier = {"a": 0, "b": 0, "c": 0, "d": 1}
    assert repeated_pairs([["a", "b", "d"], ["c"]], earlier) == 1
    assert repeated_pairs([["a", "b", "c"]], earlier) == 3
    assert repeated_pairs([["a", "d"], ["b", "new"]], earlier) == 0


def test_a_late_arrival_joins_the_smallest_table_the_first_of_equals():
    assert smallest_group({11: 4, 12: 3, 13: 3}) == 12
    assert smallest_group({11: 4, 12: 4}) == 11
    assert smallest_group({}) is None


# On the day ------------------------------------------------------------------------------------


@pytest.fixture
def room(world):
    workshop = group_workshop(world.unit)
    people = [live.join(workshop, display_name=name) for name in NAMES[:10]]
    return workshop, people


def seats(workshop, round_number):
    return {
        g.number: sorted(str(m) for m in g.members.all())
        for g in Group.objects.filter(workshop=workshop, round_number=round_number)
    }


def test_the_facilitator_forms_round_one_from_those_present_then_new_tables(room):
    workshop, people = room
    groups.form_round(workshop, 1)
    groups.form_round(workshop, 2)

    first, second = seats(workshop, 1), seats(workshop, 2)
    assert sorted(len(t) for t in first.values()) == [3, 3, 4]
    assert sorted(len(t) for t in second.values()) == [3, 3, 4]
    earlier = {name: n for n, table in first.items() for name in table}
    assert repeated_pairs(second.values(), earlier) == 1  # 10 people: the fewest possible
    for person in people:
        assert groups.group_of(person, 1) is not None
        assert groups.group_of(person, 2) is not None


def test_a_late_arrival_is_seated_at_the_smallest_table_of_each_round(room):
    workshop, _ = room
    groups.form_round(workshop, 1)
    groups.form_round(workshop, 2)

    late = live.join(workshop, display_name="Mette")

    for round_number in (1, 2):
        table = groups.group_of(late, round_number)
        assert table.members.count() == 4  # joined a table of three


def test_the_facilitator_moves_a_person_by_the_menu_form(client, world, room):
    workshop, people = room
    tables = groups.form_round(workshop, 1)
    karen = next(p for p in people if p.display_name == "Ida")
    seat = GroupMember.objects.get(participant=karen, round_number=1)
    target = next(t for t in tables if t.pk != seat.group_id)
    client.force_login(world.leader)

    response = client.post(
        reverse("workshops:groups_move", args=[workshop.pk]),
        {"member": seat.pk, "group": target.pk},
    )

    assert response.status_code == 302
    assert groups.group_of(karen, 1) == target


def test_a_move_to_another_rounds_table_or_workshop_is_refused(client, world, room):
    workshop, people = room
    groups.form_round(workshop, 1)
    round_two = groups.form_round(workshop, 2)
    elsewhere = group_workshop(world.unit)
    other_table = groups.form_ahead(elsewhere, NAMES[:6])[1][0]
    seat = GroupMember.objects.filter(round_number=1, group__workshop=workshop).first()
    before = seat.group_id
    client.force_login(world.leader)
    url = reverse("workshops:groups_move", args=[workshop.pk])

    for target in (round_two[0], other_table):
        response = client.post(
            url, {"member": seat.pk, "group": target.pk}, HTTP_X_REQUESTED_WITH="fetch"
        )
        assert response.status_code == 400
        assert response.json()["error"]
    response = client.post(url, {"member": seat.pk, "group": "x"}, HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 400
    seat.refresh_from_db()
    assert seat.group_id == before


def test_moving_needs_the_right_to_run_the_workshop(client, world, room):
    workshop, _ = room
    tables = groups.form_round(workshop, 1)
    seat = GroupMember.objects.filter(group=tables[0]).first()
    client.force_login(world.med)  # reads the plan, never moves anyone

    response = client.post(
        reverse("workshops:groups_move", args=[workshop.pk]),
        {"member": seat.pk, "group": tables[1].pk},
    )

    assert response.status_code == 403
    seat.refresh_from_db()
    assert seat.group_id == tables[0].pk


# Formed ahead ---------------------------------------------------------------------------------


def test_the_planning_group_forms_both_rounds_ahead_from_names(client, world):
    workshop = group_workshop(world.unit)
    client.force_login(world.leader)
    typed = "\n".join([*NAMES, "  anne ", ""])  # a repeat and a blank line are dropped

    response = client.post(
        reverse("workshops:groups_form_ahead", args=[workshop.pk]), {"names": typed}
    )

    assert response.status_code == 302
    first, second = seats(workshop, 1), seats(workshop, 2)
    assert sorted(n for t in first.values() for n in t) == sorted(NAMES)
    assert sorted(len(t) for t in second.values()) == [4, 4, 4]
    earlier = {name: n for n, table in first.items() for name in table}
    assert repeated_pairs(second.values(), earlier) == 3  # 12 at 3 tables: the fewest
    page = client.get(reverse("workshops:groups", args=[workshop.pk])).content.decode()
    assert "Grupper og bordplan" in page and "Runde 2" in page and "Camilla" in page


def test_a_list_of_one_name_or_a_megabyte_is_refused_in_danish(client, world):
    workshop = group_workshop(world.unit)
    client.force_login(world.leader)
    url = reverse("workshops:groups_form_ahead", args=[workshop.pk])

    one = client.post(url, {"names": "Anne"})
    huge = client.post(url, {"names": "x" * 1_000_001})

    assert one.status_code == huge.status_code == 400
    assert "mindst to navne" in one.content.decode()
    assert "for lang" in huge.content.decode()
    assert not Group.objects.filter(workshop=workshop).exists()


def test_the_plan_is_adjusted_on_the_planning_page(client, world):
    workshop = group_workshop(world.unit)
    plan = groups.form_ahead(workshop, NAMES)
    seat = GroupMember.objects.get(group__workshop=workshop, round_number=2, name="Bo")
    target = next(t for t in plan[2] if t.pk != seat.group_id)
    client.force_login(world.leader)

    response = client.post(
        reverse("workshops:groups_move", args=[workshop.pk]),
        {"member": seat.pk, "group": target.pk, "back": "plan"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("workshops:groups", args=[workshop.pk])
    seat.refresh_from_db()
    assert seat.group_id == target.pk


def test_joining_by_a_planned_name_takes_the_planned_seats(world):
    workshop = group_workshop(world.unit)
    plan = groups.form_ahead(workshop, NAMES)
    planned = {
        r: GroupMember.objects.get(group__workshop=workshop, round_number=r, name="Camilla").group
        for r in (1, 2)
    }

    phone_joins(workshop, " camilla ")

    camilla = workshop.participants.get()
    assert groups.group_of(camilla, 1) == planned[1]
    assert groups.group_of(camilla, 2) == planned[2]
    assert GroupMember.objects.filter(participant=camilla).count() == 2
    assert not GroupMember.objects.filter(
        group__workshop=workshop, name="Camilla", participant=None
    )
    assert len(plan[1]) == 3


def test_someone_not_on_the_list_sits_at_the_table_with_fewest_present(world):
    workshop = group_workshop(world.unit)
    groups.form_ahead(workshop, NAMES)
    for name in ("Anne", "Bo", "Camilla", "Dennis"):
        phone_joins(workshop, name)
    present = groups.sizes_present(workshop, 1)

    phone_joins(workshop, "Nikolaj")

    nikolaj = workshop.participants.get(display_name="Nikolaj")
    table = groups.group_of(nikolaj, 1)
    assert present[table.pk] == min(present.values())


def test_formed_groups_pairs_are_real_pairs():
    """The helper the tests lean on counts each pair once."""
    earlier = dict.fromkeys("abcd", 0)
    assert repeated_pairs([list("abcd")], earlier) == len(list(combinations("abcd", 2)))


def test_the_tables_take_the_size_the_rounds_phase_asks_for(client, world):
    workshop = group_workshop(world.unit)
    workshop.phases.filter(tool="reflection").update(
        config={"groups": {"round": 1, "size": [5, 6]}, "topic": "trivsel"}
    )
    client.force_login(world.leader)

    client.post(
        reverse("workshops:groups_form_ahead", args=[workshop.pk]), {"names": "\n".join(NAMES)}
    )

    assert sorted(len(t) for t in seats(workshop, 1).values()) == [6, 6]
    assert sorted(len(t) for t in seats(workshop, 2).values()) == [6, 6]


def test_a_round_whose_tables_have_written_is_not_formed_anew(client, world, room):
    """Forming again would cut a group's post-its loose from their table: move people."""
    workshop, people = room
    tables = groups.form_round(workshop, 1)
    note = factory.yellow_note(people[0], "Vi hjælper hinanden")
    note.group = tables[0]
    note.save(update_fields=["group"])
    client.force_login(world.leader)

    response = client.post(
        reverse("workshops:groups_form_round", args=[workshop.pk]),
        {"round": 1},
        HTTP_X_REQUESTED_WITH="fetch",
    )

    assert response.status_code == 400
    assert "Flyt personer" in response.json()["error"]
    assert Group.objects.filter(pk=tables[0].pk).exists()
    note.refresh_from_db()
    assert note.group_id == tables[0].pk
