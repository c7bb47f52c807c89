"""The change table: every live change and every preparation change a live screen shows
moves exactly the screens that show it, and no other.

The expected audience of each change is written out here, in the table, from what the
screens show (not read from workshops/live/changes.py, which would make the test agree with
whatever the code says):
- the wall and the facilitator's console show everything: their revision always moves;
- every phone shows the phase, the timer, the status, the settings and the agenda: the
  phones' revision moves for those, and only for those;
- a phone shows its own post-its: exactly the writers' revisions move, nobody else's.
"""

import uuid
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from actionplans import editing
from workshops import groups, live, preparation
from workshops.forms import PinkNoteForm, WorkshopForm
from workshops.live import actions, arrow, board, changes
from workshops.live import vote as votes
from workshops.live.changes import CHANGES, OutsideTransaction, record
from workshops.models import Note, Participant, Theme, Workshop

from . import factory
from .live_helpers import go_to


@dataclass(frozen=True)
class Row:
    """One change: what the user does, the change it records, and who must see it.
    `prepare(room)` sets the scene (not measured) and returns the change to run."""

    label: str
    change: str
    prepare: object
    phones: bool = False
    authors: list[str] = field(default_factory=list)


def phone_of(participant) -> Client:
    """The participant's phone: a client holding its cookie."""
    phone = Client()
    phone.cookies[f"tp{participant.workshop_id}"] = participant.token
    return phone


def fresh(room) -> Workshop:
    return Workshop.objects.get(pk=room.workshop.pk)


def phase(room, tool):
    return room.workshop.phases.get(tool=tool)


def _in_presentation(room):
    go_to(room.workshop, "presentation")


def _reveal_karens_pair_then(run):
    def prepare(room):
        _in_presentation(room)
        live.reveal_next_pair(room.workshop.pk, room.karen.pk)
        return run(room)

    return prepare


def _deleted_then_restored(room):
    note = room.karens_good
    live.delete_note(note.pk, version=note.version)
    return lambda: live.restore_note(note.pk)


def _timer_started_then_paused(room):
    live.timer(room.workshop.pk, "start")
    return lambda: live.timer(room.workshop.pk, "pause")


def _wall_link_open_then_revoked(room):
    live.open_wall_link(room.workshop.pk)
    return lambda: live.revoke_wall_link(room.workshop.pk)


def _closed_with_a_wall_link(room):
    live.open_wall_link(room.workshop.pk)
    return lambda: live.set_status(room.workshop.pk, Workshop.Status.CLOSED)


def _reopened(room):
    live.set_status(room.workshop.pk, Workshop.Status.CLOSED)
    return lambda: live.set_status(room.workshop.pk, Workshop.Status.LIVE)


def _grouped(room):
    """The grouping phase after the presentation round: Karen's and Ali's good post-its
    in a theme "Kolleger", Ali's less good one alone."""
    go_to(room.workshop, "presentation")
    live.reveal_next_pair(room.workshop.pk, room.karen.pk)
    live.reveal_next_pair(room.workshop.pk, room.ali.pk)
    go_to(room.workshop, "grouping")
    board.move_note(room.workshop.pk, room.karens_good.pk, "new")
    alis_good = Note.objects.get(text="Alis gode")
    board.move_note(room.workshop.pk, alis_good.pk, room.karens_good_theme().pk)
    return Note.objects.get(text="Alis mindre gode")


def _board_then(run):
    def prepare(room):
        alone = _grouped(room)
        return run(room, alone)

    return prepare


def _in_the_vote(room, *, open_it=True, marks=()):
    """The vote phase over three themes; open, with Karen's marks on the places named."""
    themes = [
        Theme.objects.create(workshop=room.workshop, title=title, order=i, column="change")
        for i, title in enumerate(("Arbejdsro", "Møder", "Kaffe"), start=1)
    ]
    go_to(room.workshop, "vote")
    if open_it:
        votes.open_new_vote(room.workshop.pk, [t.pk for t in themes])
    karen = Participant.objects.select_related("workshop").get(pk=room.karen.pk)
    for place in marks:
        votes.add_mark(karen, themes[place].pk, uuid.uuid4())
    return themes, karen


def _vote_then(run, **scene):
    def prepare(room):
        themes, karen = _in_the_vote(room, **scene)
        return run(room, themes, karen)

    return prepare


def _closed_vote_then(run):
    def prepare(room):
        themes, karen = _in_the_vote(room, marks=[0, 1])
        votes.close_vote(room.workshop.pk)
        return run(room, themes, karen)

    return prepare


def _on_the_arrow(room):
    """The arrow phase with a chosen theme taken up: its plan made."""
    theme = Theme.objects.create(workshop=room.workshop, title="Støj", chosen=True)
    go_to(room.workshop, "arrow")
    arrow.pick_theme(room.workshop.pk, theme.pk)
    return theme.plan


def _arrow_then(run):
    def prepare(room):
        return run(room, _on_the_arrow(room))

    return prepare


def _suggested_then(run):
    def prepare(room):
        plan = _on_the_arrow(room)
        arrow.suggest(Participant.objects.select_related("workshop").get(pk=room.ali.pk), "Idé")
        return run(room, plan, plan.suggestions.get())

    return prepare


def _pink_form(workshop, instance=None, text="Ny pink"):
    form = PinkNoteForm(
        {"text": text, "kind": "change", "factor": ""}, instance=instance, workshop=workshop
    )
    assert form.is_valid(), form.errors
    return form


def _details_form(room):
    workshop = fresh(room)
    form = WorkshopForm(
        {"title": "Ny titel", "method": workshop.method_id, "planned_minutes": 120},
        instance=workshop,
        unit=workshop.unit,
    )
    assert form.is_valid(), form.errors
    return form


TABLE = [
    # The live session ----------------------------------------------------------------------
    Row("a phone joins", "join", lambda r: lambda: live.join(r.workshop, display_name="Ny")),
    Row(
        "a participant writes a post-it",
        "note_written",
        lambda r: (
            lambda: live.add_note(r.ali, client_key=uuid.uuid4(), kind="good", text="Alis nye")
        ),
        authors=["ali"],
    ),
    Row(
        "the facilitator writes for a participant without a phone",
        "note_written",
        lambda r: (
            lambda: live.add_note_on_behalf(
                r.workshop.pk, name="Bent", kind="change", text="For Bent"
            )
        ),
        authors=["bent"],
    ),
    Row(
        "a participant edits a post-it",
        "note_edited",
        lambda r: (
            lambda: live.edit_note(
                r.karens_good.pk, version=r.karens_good.version, text="Rettet", kind="good"
            )
        ),
        authors=["karen"],
    ),
    Row(
        "a participant deletes a post-it",
        "note_deleted",
        lambda r: lambda: live.delete_note(r.karens_good.pk, version=r.karens_good.version),
        authors=["karen"],
    ),
    Row(
        "a participant restores a deleted post-it",
        "note_restored",
        _deleted_then_restored,
        authors=["karen"],
    ),
    Row(
        "the facilitator reveals a participant's pair",
        "revealed",
        lambda r: _in_presentation(r) or (lambda: live.reveal_next_pair(r.workshop.pk, r.ali.pk)),
        authors=["ali"],
    ),
    Row(
        "the facilitator reveals the next pair from the room",
        "revealed",
        # Karen's are shown already: the room's next pair can only be Ali's
        _reveal_karens_pair_then(lambda r: lambda: live.reveal_next_pair(r.workshop.pk)),
        authors=["ali"],
    ),
    Row(
        "the facilitator reveals the trio's pink post-its",
        "revealed",
        lambda r: _in_presentation(r) or (lambda: live.reveal_pink(r.workshop.pk)),
    ),
    Row(
        "the facilitator undoes a reveal",
        "reveal_undone",
        _reveal_karens_pair_then(lambda r: lambda: live.undo_reveal(r.workshop.pk)),
        authors=["karen"],
    ),
    Row(
        "the facilitator goes to a phase",
        "phase",
        lambda r: lambda: live.set_phase(r.workshop.pk, phase(r, "presentation")),
        phones=True,
    ),
    Row(
        "the facilitator goes back to the welcome",
        "phase",
        lambda r: lambda: live.set_phase(r.workshop.pk, None),
        phones=True,
    ),
    Row(
        "the facilitator steps to the next phase",
        "phase",
        lambda r: lambda: live.step_phase(fresh(r), 1),
        phones=True,
    ),
    Row(
        "the facilitator sets a phase to start its timer (only the console shows it)",
        "timer_setting",
        lambda r: (
            lambda: live.set_timer_autostart(r.workshop.pk, phase(r, "presentation").pk, True)
        ),
        phones=False,
    ),
    Row(
        "timer start",
        "timer",
        lambda r: lambda: live.timer(r.workshop.pk, "start"),
        phones=True,
    ),
    Row("timer pause", "timer", _timer_started_then_paused, phones=True),
    Row(
        "timer add",
        "timer",
        lambda r: lambda: live.timer(r.workshop.pk, "add", 5),
        phones=True,
    ),
    Row(
        "timer reset",
        "timer",
        lambda r: lambda: live.timer(r.workshop.pk, "reset"),
        phones=True,
    ),
    Row(
        "the facilitator closes the workshop",
        "status",
        lambda r: lambda: live.set_status(r.workshop.pk, Workshop.Status.CLOSED),
        phones=True,
    ),
    Row("closing with a wall link open", "status", _closed_with_a_wall_link, phones=True),
    Row("the facilitator reopens the workshop", "status", _reopened, phones=True),
    Row(
        "the facilitator sets the limits of post-its",
        "settings",
        lambda r: lambda: live.update_settings(r.workshop.pk, min_notes=1, max_notes=5),
        phones=True,
    ),
    Row(
        "the facilitator opens a wall link",
        "wall_link",
        lambda r: lambda: live.open_wall_link(r.workshop.pk),
    ),
    Row("the facilitator revokes the wall link", "wall_link", _wall_link_open_then_revoked),
    # The preparation, as far as a live screen shows it -------------------------------------
    Row(
        "the trio adds a break",
        "agenda",
        lambda r: lambda: preparation.add_break(fresh(r), after=phase(r, "reflection")),
        phones=True,
    ),
    Row(
        "the trio moves a phase",
        "agenda",
        lambda r: lambda: preparation.move_phase(phase(r, "presentation"), "down"),
        phones=True,
    ),
    Row(
        "the trio changes a phase's minutes",
        "agenda",
        lambda r: lambda: preparation.set_phase_minutes(phase(r, "reflection"), 25),
        phones=True,
    ),
    Row(
        "the trio removes another phase",
        "agenda",
        lambda r: lambda: preparation.remove_phase(phase(r, "matrix")),
        phones=True,
    ),
    Row(
        "the trio removes the current phase",
        "agenda",
        lambda r: lambda: preparation.remove_phase(fresh(r).current_phase),
        phones=True,
    ),
    # The board -----------------------------------------------------------------------------
    Row(
        "the facilitator moves a post-it into a new theme",
        "board",
        _board_then(lambda r, alone: lambda: board.move_note(r.workshop.pk, alone.pk, "new")),
    ),
    Row(
        "the facilitator drops a post-it on another",
        "board",
        _board_then(
            lambda r, alone: lambda: board.move_onto(r.workshop.pk, alone.pk, r.karens_good.pk)
        ),
    ),
    Row(
        "the facilitator renames a theme",
        "board",
        _board_then(
            lambda r, alone: (
                lambda: board.rename_theme(r.workshop.pk, r.karens_good_theme().pk, "Ny")
            )
        ),
    ),
    Row(
        "the facilitator sorts a theme",
        "board",
        _board_then(
            lambda r, alone: (
                lambda: board.sort_theme(r.workshop.pk, r.karens_good_theme().pk, "keep")
            )
        ),
    ),
    Row(
        "the facilitator places a theme in the matrix",
        "board",
        _board_then(
            lambda r, alone: (
                lambda: board.place_theme(r.workshop.pk, r.karens_good_theme().pk, 0.8, 0.2)
            )
        ),
    ),
    Row(
        "the facilitator sends a theme on to the arrow",
        "board",
        _board_then(
            lambda r, alone: (
                lambda: board.choose_theme(r.workshop.pk, r.karens_good_theme().pk, True)
            )
        ),
    ),
    Row(
        "the facilitator undoes the last board action",
        "board",
        _board_then(lambda r, alone: lambda: board.undo_last(r.workshop.pk)),
    ),
    # The vote -------------------------------------------------------------------------------
    Row(
        "the facilitator changes the vote's settings",
        "vote",
        _vote_then(
            lambda r, themes, karen: (
                lambda: votes.update_settings(
                    r.workshop.pk, marks=3, several_on_one=True, live_tally=True
                )
            ),
            open_it=False,
        ),
        phones=True,
    ),
    Row(
        "the facilitator opens a vote",
        "vote",
        _vote_then(
            lambda r, themes, karen: (
                lambda: votes.open_new_vote(r.workshop.pk, [t.pk for t in themes])
            ),
            open_it=False,
        ),
        phones=True,
    ),
    Row(
        "a participant sets a mark",
        "vote_mark",
        _vote_then(
            lambda r, themes, karen: lambda: votes.add_mark(karen, themes[2].pk, uuid.uuid4())
        ),
        authors=["karen"],
    ),
    Row(
        "a participant takes a mark back",
        "vote_mark",
        _vote_then(lambda r, themes, karen: lambda: votes.remove_mark(karen, 1), marks=[0]),
        authors=["karen"],
    ),
    Row(
        "the facilitator marks for a participant without a phone",
        "vote_mark",
        _vote_then(
            lambda r, themes, karen: (
                lambda: votes.mark_on_behalf(r.workshop.pk, r.bent.pk, themes[0].pk, remove=False)
            )
        ),
        authors=["bent"],
    ),
    Row(
        "the facilitator closes the vote",
        "vote",
        _vote_then(lambda r, themes, karen: lambda: votes.close_vote(r.workshop.pk), marks=[0]),
        phones=True,
    ),
    Row(
        "the facilitator sends the vote's result on to the arrow",
        "vote",
        _closed_vote_then(
            lambda r, themes, karen: (
                lambda: votes.apply_result(r.workshop.pk, 3, {t.pk for t in themes})
            )
        ),
        phones=True,
    ),
    Row(
        "the facilitator undoes the close of a vote (the phones' ballot opens again)",
        "vote",
        _closed_vote_then(lambda r, themes, karen: lambda: board.undo_last(r.workshop.pk)),
        phones=True,
    ),
    # The arrow and the closing -------------------------------------------------------------
    Row(
        "the facilitator takes up a theme on the arrow",
        "arrow",
        lambda r: (
            lambda: arrow.pick_theme(
                r.workshop.pk,
                Theme.objects.create(workshop=r.workshop, title="Møder", chosen=True).pk,
            )
        ),
        phones=True,
    ),
    Row(
        "the facilitator goes to the arrow's next question",
        "arrow",
        _arrow_then(lambda r, plan: lambda: arrow.set_step(r.workshop.pk, 2)),
        phones=True,
    ),
    Row(
        "the note-taker types an answer",
        "plan",
        _arrow_then(
            lambda r, plan: (
                lambda: arrow.save_answer(r.workshop.pk, plan.pk, "change", "Ro", version=1)
            )
        ),
    ),
    Row(
        "the note-taker adds an activity",
        "plan",
        _arrow_then(
            lambda r, plan: (
                lambda: arrow.add_activity(r.workshop.pk, plan.pk, what="Gør noget", level="gruppe")
            )
        ),
    ),
    Row(
        "the note-taker removes an activity",
        "plan",
        _arrow_then(
            lambda r, plan: (
                lambda: arrow.remove_activity(
                    r.workshop.pk,
                    arrow.add_activity(r.workshop.pk, plan.pk, what="Væk", level="individ").pk,
                )
            )
        ),
    ),
    Row(
        "a participant sends a suggestion (the note-taker's console shows it)",
        "suggestion",
        _arrow_then(
            lambda r, plan: (
                lambda: arrow.suggest(
                    Participant.objects.select_related("workshop").get(pk=r.karen.pk), "Idé"
                )
            )
        ),
    ),
    Row(
        "the note-taker takes a suggestion into the answer",
        "plan",
        _suggested_then(
            lambda r, plan, s: lambda: arrow.settle_suggestion(r.workshop.pk, s.pk, accept=True)
        ),
    ),
    Row(
        "the note-taker sets a suggestion aside",
        "plan",
        _suggested_then(
            lambda r, plan, s: lambda: arrow.settle_suggestion(r.workshop.pk, s.pk, accept=False)
        ),
    ),
    Row(
        "a participant answers the closing's questions",
        "closing_answer",
        lambda r: (
            go_to(r.workshop, "closing")
            and (
                lambda: arrow.answer_closing(
                    Participant.objects.select_related("workshop").get(pk=r.ali.pk),
                    good="Godt",
                    adjust="",
                )
            )
        ),
        authors=["ali"],
    ),
    Row(
        "the trio adds a pink post-it",
        "pink",
        lambda r: (
            lambda: preparation.add_pink_note(fresh(r), author=r.leader, form=_pink_form(fresh(r)))
        ),
    ),
    Row(
        "the trio changes a pink post-it",
        "pink",
        lambda r: (
            lambda: preparation.change_pink_note(
                r.pink, form=_pink_form(r.pink.workshop, instance=r.pink, text="Ændret pink")
            )
        ),
    ),
    Row(
        "the trio deletes a pink post-it",
        "pink",
        lambda r: lambda: preparation.delete_pink_note(r.pink),
    ),
    Row(
        "the facilitator forms round 1's tables from those present",
        "groups",
        lambda r: lambda: groups.form_round(fresh(r), 1),
        phones=True,
    ),
    Row(
        "the facilitator moves Karen to Ali's table: only those two tables' phones move",
        "group_members",
        lambda r: (
            lambda tables: lambda: groups.move(fresh(r), _seat(tables[0], r.karen), tables[1].pk)
        )(_three_tables(r)),
        authors=["karen", "ali"],
    ),
    Row(
        "a late arrival is seated at the smallest table: that table's phones move",
        "group_members",
        lambda r: (lambda tables: lambda: live.join(fresh(r), display_name="Dorte"))(
            _two_tables(r)
        ),
        authors=["bent"],
    ),
    Row(
        "a group's board changes: that group's phones move, no other phone",
        "group_board",
        lambda r: (lambda tables: lambda: _group_board_changed(r, tables[0]))(_two_tables(r)),
        authors=["karen", "ali"],
    ),
    Row(
        "the trio edits the ground rules in the welcome phase",
        "ground_rules",
        lambda r: (
            go_to(r.workshop, "intro")
            and (
                lambda: preparation.change_ground_rules(
                    fresh(r), rules=["Én taler ad gangen"], expectations="Mere ro"
                )
            )
        ),
    ),
    Row(
        "the trio changes the workshop's details",
        "details",
        lambda r: lambda: preparation.change_details(fresh(r), form=_details_form(r)),
        phones=True,
    ),
]


def _three_tables(room):
    """Round 1 at three tables: Karen, Ali and Bent each alone."""
    return factory.tables(fresh(room), 1, [[room.karen], [room.ali], [room.bent]])


def _two_tables(room):
    """Round 1 at two tables: Karen and Ali, and Bent alone."""
    return factory.tables(fresh(room), 1, [[room.karen, room.ali], [room.bent]])


def _seat(group, participant):
    return group.members.get(participant=participant).pk


def _group_board_changed(room, group):
    """What a group tool does (the group day's post-its, headings, 2 + 2)."""
    with transaction.atomic():
        changes.record(fresh(room), "group_board", group=group)


@pytest.fixture
def room(world):
    """A workshop in its writing phase with three participants: Karen and Ali have written
    post-its of both kinds, Bent (without a phone, written for by the facilitator) none yet;
    the trio has a pink post-it."""
    workshop = factory.live_workshop(world.unit)
    go_to(workshop, "reflection")
    karen = live.join(workshop, display_name="Karen")
    ali = live.join(workshop, display_name="Ali")
    bent = live.join(workshop, display_name="Bent", on_behalf=True)
    karens_good = factory.yellow_note(karen, "Karens gode", "good")
    factory.yellow_note(karen, "Karens mindre gode", "change")
    factory.yellow_note(ali, "Alis gode", "good")
    factory.yellow_note(ali, "Alis mindre gode", "change")
    pink = factory.pink_note(workshop, "Trioens pink")
    return SimpleNamespace(
        workshop=workshop,
        karen=karen,
        ali=ali,
        bent=bent,
        karens_good=karens_good,
        pink=pink,
        leader=world.leader,
        karens_good_theme=lambda: Note.objects.get(pk=karens_good.pk).theme,
    )


def counters(workshop):
    """What the screens compare: the wall's and console's revision, the phones' revision and
    each participant's own."""
    revision, phone_revision = Workshop.objects.values_list("revision", "phone_revision").get(
        pk=workshop.pk
    )
    own = dict(Participant.objects.filter(workshop=workshop).values_list("pk", "revision"))
    return revision, phone_revision, own


@pytest.fixture
def recorded(monkeypatch):
    """The names of the changes recorded while a row runs (the row's own claim checked)."""
    seen = []

    def spy(workshop, change, **kwargs):
        seen.append(change)
        return record(workshop, change, **kwargs)

    monkeypatch.setattr(actions, "record", spy)
    monkeypatch.setattr(preparation, "record", spy)
    monkeypatch.setattr(board, "record", spy)
    monkeypatch.setattr(votes, "record", spy)
    monkeypatch.setattr(arrow, "record", spy)
    monkeypatch.setattr(changes, "record", spy)  # workshops/groups.py reads it when it records
    monkeypatch.setattr(editing, "record", spy)
    return seen


@pytest.mark.parametrize("row", TABLE, ids=[row.label for row in TABLE])
def test_every_change_moves_exactly_the_screens_that_show_it(room, recorded, row):
    run = row.prepare(room)
    before_revision, before_phones, before_own = counters(room.workshop)
    recorded.clear()

    run()

    after_revision, after_phones, after_own = counters(room.workshop)
    assert row.change in recorded, f"{row.label} did not record {row.change!r}: {recorded}"
    assert after_revision > before_revision, "the wall and the console must move"
    if row.phones:
        assert after_phones > before_phones, "every phone must move"
    else:
        assert after_phones == before_phones, "no phone may move"
    moved = {pk for pk, revision in before_own.items() if after_own[pk] != revision}
    expected = {getattr(room, name).pk for name in row.authors}
    names = {p.pk: p.display_name for p in Participant.objects.filter(pk__in=moved | expected)}
    assert moved == expected, (
        f"moved {sorted(names[pk] for pk in moved)}, expected {sorted(row.authors)}"
    )


def test_every_change_the_screens_know_is_in_the_table():
    """A new change cannot skip the table: each name in CHANGES is run by a row."""
    assert {row.change for row in TABLE} == set(CHANGES)


def test_removing_the_current_phase_moves_every_phone_to_the_welcome(room):
    """The deleted phase must not linger on the phones: they show the welcome state."""
    workshop = room.workshop
    phone = phone_of(room.karen)
    sync = reverse("participant:sync", args=[workshop.join_token])
    seen = fresh(room).phone_revision_for(Participant.objects.get(pk=room.karen.pk))
    assert phone.get(sync, {"since": seen}).status_code == 204
    current = fresh(room).current_phase
    assert current.tool == "reflection"

    preparation.remove_phase(current)

    assert fresh(room).current_phase_id is None
    response = phone.get(sync, {"since": seen})
    html = response.content.decode()
    assert response.status_code == 200
    assert current.name not in html
    assert 'data-task="wait"' in html and 'data-task="write"' not in html
    assert "Velkommen" in html


def test_revealing_when_nothing_is_left_changes_nothing(room):
    """Not who presents, not a counter: the facilitator is told, and the room sees nothing."""
    workshop = room.workshop
    go_to(workshop, "presentation")
    live.reveal_next_pair(workshop.pk, room.karen.pk)
    live.reveal_next_pair(workshop.pk, room.ali.pk)
    live.reveal_pink(workshop.pk)
    Workshop.objects.filter(pk=workshop.pk).update(presenting=room.ali)
    before = counters(workshop)

    for reveal in (
        lambda: live.reveal_next_pair(workshop.pk),
        lambda: live.reveal_next_pair(workshop.pk, room.karen.pk),
        lambda: live.reveal_next_pair(workshop.pk, room.bent.pk),
        lambda: live.reveal_pink(workshop.pk),
    ):
        with pytest.raises(live.LiveError):
            reveal()

    assert fresh(room).presenting_id == room.ali.pk
    assert counters(workshop) == before
    assert Note.objects.filter(workshop=workshop, revealed_at__isnull=True).count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_change_recorded_outside_its_transaction_is_refused(world):
    """A screen could see the counter move before the change is there."""
    workshop = factory.live_workshop(world.unit)
    before = counters(workshop)
    with pytest.raises(OutsideTransaction):
        record(workshop, "phase")
    assert counters(workshop) == before
    with transaction.atomic():
        record(workshop, "phase")
    assert counters(workshop)[:2] == (before[0] + 1, before[1] + 1)
