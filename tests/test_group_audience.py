"""A group's change reaches that group's phones (seed 004: "all of the group's phones in
step"), the wall and the console, and no other group's phone: the change table's GROUP
audience (`record(workshop, change, group=…)`, workshops/live/changes.py), carried through
the performance layer: the counters' bump, its plain-SQL read of a group's phones (held equal
to its ORM definition, `visibility.group_phones`), and the fast path's snapshot."""

import pytest
from django.db import transaction

from workshops import groups, live
from workshops.live import visibility
from workshops.live.changes import record
from workshops.models import Participant, Workshop
from workshops.sync import revisions

from .group_helpers import group_workshop
from .live_helpers import go_to
from .test_live_fastpath import call

NAMES = ["Anne", "Bo", "Camilla", "Dennis", "Eva", "Frank", "Gitte", "Hans", "Ida", "Jens"]


@pytest.fixture
def room(world):
    """Ten phones at three tables of round 1 (4 + 3 + 3), in round 1's phase."""
    workshop = group_workshop(world.unit)
    for name in NAMES:
        live.join(workshop, display_name=name)
    tables = groups.form_round(workshop, 1)
    groups.form_round(workshop, 2)
    go_to(workshop, "reflection")
    return workshop, tables


def phones(workshop):
    """Each phone's revision as it compares it: "<workshop phones>.<own>"."""
    fresh = Workshop.objects.get(pk=workshop.pk)
    return {
        p.pk: fresh.phone_revision_for(p) for p in Participant.objects.filter(workshop=workshop)
    }


def seated(table):
    return {m.participant_id for m in table.members.all()}


def group_board_changed(workshop, table):
    with transaction.atomic():
        return record(Workshop.objects.get(pk=workshop.pk), "group_board", group=table)


def test_a_group_change_moves_that_groups_phones_and_the_screens_only(room):
    workshop, tables = room
    before, screens_before = phones(workshop), Workshop.objects.get(pk=workshop.pk).revision

    answered = group_board_changed(workshop, tables[0])

    after = phones(workshop)
    moved = {pk for pk in before if after[pk] != before[pk]}
    assert moved == seated(tables[0])
    assert set(answered) == seated(tables[0])  # the write's answer: their new revisions
    assert Workshop.objects.get(pk=workshop.pk).revision > screens_before


def test_a_phone_of_another_group_gets_nothing_new_over_http(room, client):
    workshop, tables = room
    mine = tables[0].members.first().participant
    other = tables[1].members.first().participant
    seen = phones(workshop)

    group_board_changed(workshop, tables[0])

    def check(participant):
        client.cookies[f"tp{workshop.pk}"] = participant.token
        return client.get(
            f"/d/{workshop.join_token}/sync/", {"since": seen[participant.pk]}
        ).status_code

    assert check(mine) == 200
    assert check(other) == 204


def test_moving_a_person_moves_both_tables_and_no_third(room):
    workshop, tables = room
    person = tables[0].members.first()
    before = phones(workshop)

    groups.move(workshop, person.pk, tables[1].pk)

    after = phones(workshop)
    moved = {pk for pk in before if after[pk] != before[pk]}
    assert moved == seated(tables[0]) | seated(tables[1])
    assert person.participant_id in moved
    assert not moved & seated(tables[2])


def test_several_groups_in_one_change(room):
    workshop, tables = room
    before = phones(workshop)
    with transaction.atomic():
        record(Workshop.objects.get(pk=workshop.pk), "group_board", group=[tables[0], tables[2]])
    after = phones(workshop)
    assert {pk for pk in before if after[pk] != before[pk]} == seated(tables[0]) | seated(tables[2])


def test_the_plain_sql_read_of_a_groups_phones_equals_its_orm_definition(room):
    """On SQLite and PostgreSQL alike (run the suite with DATABASE_URL for the latter)."""
    workshop, tables = room
    # a planned seat nobody has claimed is no phone
    groups.GroupMember.objects.create(group=tables[1], round_number=1, name="Ikke kommet")
    round_two = list(groups.Group.objects.filter(workshop=workshop, round_number=2))
    for chosen in ([tables[0]], [tables[1]], tables, [tables[0], round_two[0]], []):
        ids = [t.pk for t in chosen]
        orm = sorted(visibility.group_phones(chosen).values_list("pk", flat=True))
        assert revisions.group_phone_ids(ids) == orm
        if chosen:
            assert orm  # a real comparison, not two empty lists


def test_the_bump_moves_authors_and_a_group_in_one_statement(room, django_assert_num_queries):
    workshop, tables = room
    outsider = tables[2].members.first().participant_id
    with transaction.atomic(), django_assert_num_queries(2):
        _, moved = revisions.bump(
            workshop.pk, phones=False, participant_ids=[outsider], group_ids=[tables[0].pk]
        )
    assert set(moved) == seated(tables[0]) | {outsider}


def test_the_fast_paths_snapshot_sends_only_that_groups_phones_to_django(room, settings):
    from workshops.sync.snapshot import SNAPSHOT

    workshop, tables = room
    seen = phones(workshop)
    mine = tables[0].members.first().participant
    other = tables[1].members.first().participant
    SNAPSHOT.max_age, SNAPSHOT.taken = 60, None
    try:
        group_board_changed(workshop, tables[0])

        def check(participant):
            cookie = f"tp{workshop.pk}={participant.token}"
            query = f"since={seen[participant.pk]}"
            return call(f"/d/{workshop.join_token}/sync/", query, cookie)[0]

        assert check(other) == 204
        assert check(mine) == 200
    finally:
        SNAPSHOT.max_age = 0
        SNAPSHOT.clear()
