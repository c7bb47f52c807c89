"""The group work reads a fixed number of queries, however full the boards are: the console,
the wall and a group's phone at 20 and at 200 post-its in 5 groups, in each group tool
(tools/groupwork.py: the round's groups, members, post-its and headings; a phone its group,
its post-its and headings)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from workshops.models import Note, Theme

from .group_helpers import go_to, nyborg_workshop, phones, seat
from .live_helpers import screen_queries

TOOLS = ["group_examples", "group_sort", "group_plenum"]


def fill(groups, total):
    """`total` post-its over the groups, under headings, some marked."""
    notes = []
    for g, group in enumerate(groups):
        headings = [
            Theme.objects.create(workshop=group.workshop, group=group, title=f"G{g} H{h}")
            for h in range(3)
        ]
        for i in range(total // len(groups)):
            kind = ("point", "action")[i % 2]
            notes.append(
                Note(
                    workshop=group.workshop,
                    group=group,
                    colour="yellow",
                    kind=kind,
                    text=f"Gruppe {g} post-it {i}",
                    theme=headings[i % 3] if i % 4 else None,
                    priority=(i // 2 + 1) if i < 4 else None,
                )
            )
    Note.objects.bulk_create(notes)


def phone_queries(phone) -> int:
    url = reverse("participant:sync", args=[phone.workshop.join_token])
    with CaptureQueriesContext(connection) as queries:
        response = phone.client.get(url, {"since": "0.0"})
    assert response.status_code == 200
    return len(queries)


def counts(world, total, tool):
    workshop = nyborg_workshop(world.unit)
    room = phones(workshop, 15)
    groups = seat(workshop, [room[i : i + 3] for i in range(0, 15, 3)])
    fill(groups, total)
    go_to(workshop, tool)
    workshop.refresh_from_db()
    assert Note.objects.filter(workshop=workshop).count() == total
    return {**screen_queries(workshop, world.leader), "phone": phone_queries(room[0])}


@pytest.mark.parametrize("tool", TOOLS)
def test_screens_and_phones_read_as_many_queries_at_200_post_its_as_at_20(world, tool):
    few = counts(world, 20, tool)
    many = counts(world, 200, tool)
    assert few == many, (few, many)
    # the phone: its table (workshops/groups.py) and its group's board (tools/groupwork.py)
    assert few == {"facilitator": 11, "wall": 8, "phone": 6}


def test_a_phones_post_it_reads_its_group_once_and_not_the_workshop_again(world):
    """The phone's route finds its group, and the answer's screen (the phone's new region)
    shows the same group: one read of it, without the workshop's row or a sort."""
    workshop = nyborg_workshop(world.unit)
    room = phones(workshop, 6)
    seat(workshop, [room[:3], room[3:]])
    go_to(workshop, "group_examples")
    with CaptureQueriesContext(connection) as queries:
        response = room[4].write("Vi hjælper hinanden", kind="point")
    assert response.status_code == 200
    assert "Vi hjælper hinanden" in response.json()["regions"]
    group_reads = [q["sql"] for q in queries if 'FROM "workshops_group" INNER JOIN' in q["sql"]]
    assert len(group_reads) == 1, group_reads
    assert "workshops_workshop" not in group_reads[0]
