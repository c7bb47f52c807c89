"""The agenda's clock times: a pure function of the start time and each phase's minutes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any


@dataclass(frozen=True)
class AgendaRow:
    phase: Any
    minutes: int
    starts: time | None
    ends: time | None


@dataclass(frozen=True)
class Agenda:
    rows: list[AgendaRow]
    total_minutes: int
    planned_minutes: int
    starts: time | None
    ends: time | None
    planned_ends: time | None

    @property
    def overrun_minutes(self) -> int:
        """Minutes the phases take beyond the planned duration (0 when they fit)."""
        return max(0, self.total_minutes - self.planned_minutes)

    @property
    def overruns(self) -> bool:
        return self.overrun_minutes > 0

    @property
    def spare_minutes(self) -> int:
        return max(0, self.planned_minutes - self.total_minutes)


def _add(start: time, minutes: int) -> time:
    # Clock arithmetic on a fixed day; a plan that crosses midnight wraps like a clock does.
    return (datetime.combine(date(2000, 1, 1), start) + timedelta(minutes=minutes)).time()


def build_agenda(phases: Iterable[Any], start: time | None, planned_minutes: int) -> Agenda:
    """Give each phase (anything with `.minutes`) its start and end time, in the given order.

    Without a start time the rows still carry their minutes but no clock times."""
    rows = []
    elapsed = 0
    for phase in phases:
        minutes = int(phase.minutes)
        rows.append(
            AgendaRow(
                phase=phase,
                minutes=minutes,
                starts=_add(start, elapsed) if start else None,
                ends=_add(start, elapsed + minutes) if start else None,
            )
        )
        elapsed += minutes
    return Agenda(
        rows=rows,
        total_minutes=elapsed,
        planned_minutes=planned_minutes,
        starts=start,
        ends=_add(start, elapsed) if start else None,
        planned_ends=_add(start, planned_minutes) if start else None,
    )
