"""Nyborg's TalSammen day end to end (seed 004, programme and Bilag 5), as the leader steps
through it on the console with 12 phones: welcome, round 1 on the trivselstema at three
tables of 4 (examples, sorting with the 2 + 2, plenum), a break, round 2 on the ledelsestema
at four new tables of 3, and the closing with the evaluation on the phones. On the way: a
group's post-its reach that group's phones and the console and no other group's phones, and
the wall shows only what the method shows (the theme and counts, then each group's 2 + 2)."""

import json

import pytest
from django.urls import reverse

from workshops.methods import METHODS_DIR
from workshops.models import ClosingAnswer, Note, Theme, Workshop

from .group_helpers import console, console_action, console_page, nyborg_workshop, phones, seat
from .group_helpers import wall_page as wall_of

METHOD = json.loads((METHODS_DIR / "nyborg.json").read_text(encoding="utf-8"))


def test_the_method_file_says_where_each_phase_comes_from_and_times_it_as_bilag_5():
    phases = METHOD["phases"]
    assert all(phase.get("source") for phase in phases)
    grouped = [p for p in phases if "groups" in p.get("config", {})]
    assert [(p["tool"], p["minutes"], p["config"]["groups"]["round"]) for p in grouped] == [
        ("group_examples", 30, 1),
        ("group_sort", 15, 1),
        ("group_plenum", 25, 1),
        ("group_examples", 30, 2),
        ("group_sort", 15, 2),
        ("group_plenum", 25, 2),
    ]
    assert all(p["config"]["groups"]["size"] == [3, 4] for p in grouped)
    assert [p["config"]["topic"] for p in grouped] == ["trivsel"] * 3 + ["ledelse"] * 3
    assert all("Konkrete krænkelser drøftes ikke" in p["config"]["beredskab"] for p in grouped)
    assert sum(p["minutes"] for p in phases) == 180  # "Program for Udviklingsdialogen (3 timer)"
    assert phases[0]["tool"] == "intro" and phases[-1]["tool"] == "closing"
    assert "hæftet mig ved" in phases[-1]["instructions"]


class Day:
    def __init__(self, world):
        self.workshop = nyborg_workshop(world.unit)
        self.leader = console(world.leader)
        self.room = phones(self.workshop, 12)
        # tables made ahead (forming them is the preparation's): 3 × 4, then 4 new × 3
        self.tables = {
            1: [self.room[0:4], self.room[4:8], self.room[8:12]],
            2: [self.room[0::4], self.room[1::4], self.room[2::4], self.room[3::4]],
        }
        self.groups = {n: seat(self.workshop, tables, n) for n, tables in self.tables.items()}

    def next_phase(self):
        answer = self.leader.post(
            reverse("workshops:phase", args=[self.workshop.pk]),
            {"action": "next"},
            HTTP_X_REQUESTED_WITH="fetch",
        )
        assert answer.status_code == 200, answer.content
        self.workshop.refresh_from_db()
        return self.workshop.current_phase

    def wall(self):
        return wall_of(self.leader, self.workshop)

    def console(self):
        return console_page(self.leader, self.workshop)


def run_round(day, number, topic_title):
    tables, groups = day.tables[number], day.groups[number]

    # (A) examples: everyone but the teller writes; each group's board is its own
    phase = day.next_phase()
    assert phase.tool == "group_examples" and phase.minutes == 30
    assert day.workshop.timer_remaining_seconds == 30 * 60
    written = {}
    for g, table in enumerate(tables):
        for s, phone in enumerate(table):
            page = phone.page()
            assert f"Du sidder i {groups[g]}" in page and topic_title in page
            for kind in ("point", "action"):
                text = f"R{number} G{g + 1} P{s + 1} {kind}"
                assert phone.write(text, kind=kind).status_code == 200
                written.setdefault(g, []).append(text)
    wall, board = day.wall(), day.console()
    assert topic_title in wall
    for g, table in enumerate(tables):
        for text in written[g]:
            assert text in board  # the leader sees every group's board
            assert text not in wall  # the wall never shows a post-it in (A)
        page = table[-1].page()
        for other, texts in written.items():
            for text in texts:
                assert (text in page) == (other == g), (text, g)

    # (B) sorting: a heading, the post-its under it, the divergence, the 2 + 2
    phase = day.next_phase()
    assert phase.tool == "group_sort" and phase.minutes == 15
    for g, table in enumerate(tables):
        assert table[0].act("overskrift", title=f"R{number} Overskrift {g + 1}").status_code == 200
        heading = Theme.objects.get(group=groups[g])
        notes = list(Note.objects.filter(group=groups[g]).order_by("pk"))
        for i, note in enumerate(notes):
            phone = table[i % len(table)]  # any phone of the group
            assert phone.act("placer", note=note.pk, theme=heading.pk, version=1).status_code == 200
        divergence = f"R{number} uenige {g + 1}"
        sent = table[1].act("retninger", theme=heading.pk, version=1, divergence=divergence)
        assert sent.status_code == 200
        for kind in ("point", "action"):
            for phone, note in zip(table, [n for n in notes if n.kind == kind][:2], strict=False):
                assert phone.act("marker", note=note.pk, version=2).status_code == 200
        third = Note.objects.filter(group=groups[g], kind="point", priority__isnull=True)[0]
        assert table[-1].act("marker", note=third.pk, version=2).status_code == 400
        assert "<strong>2/2</strong> vigtige pointer" in table[-1].page()
    assert f"R{number} uenige 1" in day.console()  # the leader sees where it points apart
    wall = day.wall()
    assert f"R{number} uenige 1" not in wall
    assert "Hvad går igen?" in wall and "2/2 vigtige pointer" in wall
    assert not any(text in wall for texts in written.values() for text in texts)

    # (C) plenum: the wall shows each group's 2 + 2 in turn, with its heading
    phase = day.next_phase()
    assert phase.tool == "group_plenum" and phase.minutes == 25
    for g, group in enumerate(groups):
        if g:
            assert (
                console_action(day.leader, day.workshop, "plenum_group", group=group.pk).status_code
                == 200
            )
        wall = day.wall()
        assert f'id="plenum-group">{group}' in wall
        assert f"R{number} Overskrift {g + 1}" in wall
        marked = Note.objects.filter(group=group, priority__isnull=False)
        unmarked = Note.objects.filter(group=group, priority__isnull=True)
        assert marked.count() == 4
        assert all(n.text in wall for n in marked)
        assert not any(n.text in wall for n in unmarked)
        others = Note.objects.filter(workshop=day.workshop).exclude(group=group)
        assert not any(n.text in wall for n in others)


def test_a_nyborg_day_with_twelve_phones_in_two_rounds_of_groups(world):
    day = Day(world)

    phase = day.next_phase()
    assert phase.tool == "intro"
    wall = day.wall()
    assert "Dagens program" in wall and "Spilleregler" in wall
    assert "store ører og lille mund" in wall  # a ground rule of the method
    assert "Trivselstema: A. Eksempler" in wall  # the programme

    run_round(day, 1, "Arbejdsglæde")

    phase = day.next_phase()
    assert phase.tool == "break"  # "Lav nye grupper i pausen": each phone learns its new group
    for g, table in enumerate(day.tables[2]):
        assert f"Efter pausen sidder du i {day.groups[2][g]}" in table[0].page()

    run_round(day, 2, "Tydelig retning")
    # round 2's tables are new: nobody sits with the same three people
    assert not {frozenset(p.participant.pk for p in t) for t in day.tables[2]} & {
        frozenset(p.participant.pk for p in t) for t in day.tables[1]
    }

    phase = day.next_phase()
    assert phase.tool == "closing" and "hæftet mig ved" in phase.instructions
    assert "Hvad har været særligt godt ved udviklingsdialogen?" in day.room[0].page()
    for phone in day.room[:5]:
        answered = phone.client.post(
            reverse("participant:closing", args=[day.workshop.join_token]),
            {"good": "Gode samtaler", "adjust": "Mere tid til B"},
            HTTP_X_REQUESTED_WITH="fetch",
        )
        assert answered.status_code == 200
    assert ClosingAnswer.objects.filter(workshop=day.workshop).count() == 5
    assert "Gode samtaler" in day.console()
    closed = day.leader.post(
        reverse("workshops:status", args=[day.workshop.pk]),
        {"status": "closed"},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert closed.status_code == 200
    day.workshop.refresh_from_db()
    assert day.workshop.status == Workshop.Status.CLOSED
    assert Note.objects.filter(workshop=day.workshop).count() == 12 * 2 * 2
    assert Note.objects.filter(workshop=day.workshop, priority__isnull=False).count() == 4 * 7


@pytest.mark.parametrize("size", [3, 4])
def test_every_group_phase_renders_for_tables_of_three_and_four(world, size):
    workshop = nyborg_workshop(world.unit)
    room = phones(workshop, size * 2)
    seat(workshop, [room[:size], room[size:]])
    leader = console(world.leader)
    for phase in workshop.phases.filter(tool__startswith="group_", config__groups__round=1):
        from workshops import live

        live.set_phase(workshop.pk, phase)
        assert phase.name in wall_of(leader, workshop)
        assert phase.name in console_page(leader, workshop)
        assert "Du sidder i Gruppe 2" in room[-1].page()
