"""(B) Sorting and priorities (seed 004): the group sorts its own post-its under headings it
writes, notes where they point in different directions, and marks its 2 most important points
and 2 most important actions — on any phone of the group, every phone of the group in step:
a change made on a stale screen is a conflict, and two phones marking at once never make
three (the database holds the 2 + 2, on SQLite and PostgreSQL)."""

import threading
import time

import pytest
from django.db import IntegrityError, OperationalError, connection, transaction

from workshops.live import groupwork
from workshops.live.actions import LiveError
from workshops.models import Group, Note, Theme, Workshop

from .group_helpers import go_to, nyborg_workshop, phones, seat


def note(group, text, kind="point", **fields):
    return Note.objects.create(
        workshop=group.workshop, group=group, colour="yellow", kind=kind, text=text, **fields
    )


@pytest.fixture
def day(world):
    workshop = nyborg_workshop(world.unit)
    room = phones(workshop, 7)
    groups = seat(workshop, [room[:4], room[4:]])
    go_to(workshop, "group_sort")
    notes = [note(groups[0], f"Pointe {i}") for i in range(1, 5)]
    notes += [note(groups[0], f"Handling {i}", kind="action") for i in range(1, 4)]
    return workshop, room, groups, notes


def test_the_group_writes_a_heading_and_sorts_its_post_its_under_it(day):
    workshop, room, groups, notes = day
    assert room[0].act("overskrift", title="Hjælpsomhed").status_code == 200
    heading = Theme.objects.get(group=groups[0])
    assert heading.title == "Hjælpsomhed" and heading.workshop == workshop
    placed = room[1].act("placer", note=notes[0].pk, theme=heading.pk, version=notes[0].version)
    assert placed.status_code == 200, placed.content
    notes[0].refresh_from_db()
    assert notes[0].theme == heading and notes[0].version == 2
    page = room[3].page()  # another phone of the group shows it under the heading
    assert page.index("Hjælpsomhed") < page.index("Pointe 1") < page.index("Uden overskrift")
    assert "Hjælpsomhed" not in room[5].page()  # not on the other group's phones


def test_the_group_notes_where_it_points_in_different_directions(day):
    workshop, room, groups, notes = day
    heading = Theme.objects.create(workshop=workshop, group=groups[0], title="Møder")
    sent = room[2].act(
        "retninger", theme=heading.pk, version=1, divergence="Nogle vil have flere, andre færre"
    )
    assert sent.status_code == 200
    heading.refresh_from_db()
    assert heading.divergence == "Nogle vil have flere, andre færre" and heading.version == 2
    stale = room[3].act("retninger", theme=heading.pk, version=1, divergence="Overskriver")
    assert stale.status_code == 409 and "regions" in stale.json()
    heading.refresh_from_db()
    assert heading.divergence == "Nogle vil have flere, andre færre"


def test_two_points_and_two_actions_are_marked_and_a_third_is_refused(day):
    workshop, room, groups, notes = day
    for phone, marked in zip(room, (notes[0], notes[1], notes[4], notes[5]), strict=False):
        assert phone.act("marker", note=marked.pk, version=1).status_code == 200
    third = room[0].act("marker", note=notes[2].pk, version=1)
    assert third.status_code == 400
    assert "allerede valgt sine 2 vigtigste" in third.json()["error"]
    third_action = room[1].act("marker", note=notes[6].pk, version=1)
    assert third_action.status_code == 400
    marked = Note.objects.filter(priority__isnull=False).order_by("kind", "priority")
    assert [(n.kind, n.priority) for n in marked] == [
        ("action", 1),
        ("action", 2),
        ("point", 1),
        ("point", 2),
    ]
    # every phone of the group shows the progress; unmarking frees a place
    assert "<strong>2/2</strong> vigtige pointer" in room[3].page()
    notes[0].refresh_from_db()
    assert (
        room[2].act("fjern-markering", note=notes[0].pk, version=notes[0].version).status_code
        == 200
    )
    assert room[0].act("marker", note=notes[2].pk, version=1).status_code == 200


def test_a_stale_phone_gets_a_conflict_and_the_fresh_board(day):
    workshop, room, groups, notes = day
    assert room[0].act("marker", note=notes[0].pk, version=1).status_code == 200
    stale = room[1].act("fjern-markering", note=notes[0].pk, version=1)
    assert stale.status_code == 409
    assert "En anden i gruppen har lige ændret" in stale.json()["error"]
    assert "Fjern ★" in stale.json()["regions"]  # the phone now shows it marked
    notes[0].refresh_from_db()
    assert notes[0].priority == 1


def test_a_phone_cannot_touch_another_groups_board(day):
    workshop, room, groups, notes = day
    theirs = note(groups[1], "Den anden gruppes pointe")
    other_heading = Theme.objects.create(workshop=workshop, group=groups[1], title="Deres")
    refused = room[0].act("marker", note=theirs.pk, version=1)
    assert refused.status_code == 400
    assert refused.json()["error"] == "Den post-it er ikke på din gruppes tavle."
    refused = room[0].act("placer", note=notes[0].pk, theme=other_heading.pk, version=1)
    assert refused.json()["error"] == "Den overskrift er ikke på din gruppes tavle."
    assert (
        room[5]
        .act(
            "retninger",
            theme=Theme.objects.create(workshop=workshop, group=groups[0], title="Vores").pk,
            divergence="x",
        )
        .status_code
        == 400
    )
    theirs.refresh_from_db()
    assert theirs.priority is None


def test_sorting_actions_are_refused_outside_the_sorting(day):
    workshop, room, groups, notes = day
    go_to(workshop, "group_examples")
    assert room[0].act("marker", note=notes[0].pk, version=1).json()["error"] == (
        "Det er ikke tid til det nu."
    )
    assert room[0].act("overskrift", title="For tidligt").status_code == 400


def test_the_database_refuses_a_third_mark_of_a_kind_in_a_group(day):
    workshop, room, groups, notes = day
    Note.objects.filter(pk=notes[0].pk).update(priority=1)
    Note.objects.filter(pk=notes[1].pk).update(priority=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Note.objects.filter(pk=notes[2].pk).update(priority=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Note.objects.filter(pk=notes[2].pk).update(priority=3)
    Note.objects.filter(pk=notes[4].pk).update(priority=1)  # an action: its own two


# Marks at once: real threads, each with its own connection and transaction -------------------


def waiting(call):
    deadline = time.monotonic() + 20
    while True:
        try:
            return call()
        except OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def at_once(calls):
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = waiting(call)
        except LiveError as refusal:
            results[i] = refusal
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_phones_marking_at_once_never_make_more_than_two(world):
    workshop = nyborg_workshop(world.unit)
    room = phones(workshop, 4)
    (group,) = seat(workshop, [room])
    go_to(workshop, "group_sort")
    notes = [note(group, f"Pointe {i}") for i in range(1, 7)]

    def mark(marked):
        fresh_workshop = Workshop.objects.get(pk=workshop.pk)
        return groupwork.mark(fresh_workshop, Group.objects.get(pk=group.pk), marked, 1)

    results = at_once([lambda marked=marked: mark(marked) for marked in notes])
    made = [r for r in results if isinstance(r, Note)]
    refused = [r for r in results if isinstance(r, LiveError)]
    assert len(made) == 2 and len(refused) == 4, results
    assert sorted(n.priority for n in Note.objects.filter(priority__isnull=False)) == [1, 2]
