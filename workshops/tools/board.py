"""Phases whose board tool is not built yet (free text) show the post-its shown so far on
the wall, and the phase's instructions on the console: the room works on them by talking, as
on the paper poster. A break shows when the room meets again."""

from django.utils import timezone

from ..agenda import build_agenda
from ..methods.schema import Integer, PhaseConfig
from . import LiveTool, boards, register

for name in ("free_text",):
    register(LiveTool(name=name, template="board", board=boards.revealed_notes))


def resume_at(workshop):
    """The clock time the room meets again: the break's timer's end while it runs, else the
    end of the break in the day's programme (None without a start time)."""
    if workshop.timer_ends_at:
        return timezone.localtime(workshop.timer_ends_at).time()
    if workshop.start_time is None or workshop.current_phase is None:
        return None
    agenda = build_agenda(
        workshop.phases.order_by("order", "pk"), workshop.start_time, workshop.planned_minutes
    )
    return next((r.ends for r in agenda.rows if r.phase.pk == workshop.current_phase_id), None)


def break_board(workshop) -> dict:
    # a paused timer's "Tid (på pause)" says nothing in a break: the wall shows it only running
    return {
        **boards.revealed_notes(workshop),
        "resume_at": resume_at(workshop),
        "hide_timer": workshop.timer_ends_at is None,
    }


class BreakConfig(PhaseConfig):
    """A break before new tables says the round whose tables the phones are told."""

    next_groups = Integer(min_value=1, max_value=9)


def break_phone(workshop, participant) -> dict:
    """A break before new groups (seed 004, Bilag 5: "Lav nye grupper i pausen"; the phase's
    config `"next_groups": N`) tells each phone its group in round N."""
    from ..groups import group_of

    phase = workshop.current_phase
    round_number = (phase.config or {}).get("next_groups") if phase is not None else None
    return {"next_group": group_of(participant, round_number) if round_number else None}


for name in ("break",):
    register(
        LiveTool(
            name=name,
            template="message",
            board=break_board,
            phone_board=break_phone,
            table_plan=True,
            config=BreakConfig,
        )
    )
