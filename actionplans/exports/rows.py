"""One row per activity, as the vendors' action-plan modules (Enalyzer, Defgo) hold them: the
columns of the Excel files and the CSV, in one place. docs/exports.md documents them; a test
holds the two together.

A plan with no activity yet is a row of its own with the activity's columns empty (but for
the plan's participants), so HR sees that the plan exists."""

from __future__ import annotations

import datetime
import heapq
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import ActionPlan, Level, Stage
from ..queries import activity_rows, plans_without_activities


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int  # in Excel's character widths


COLUMNS = (
    Column("unit", _("Enhed"), 28),
    Column("unit_code", _("Enhedskode"), 12),
    Column("theme", _("Tema"), 30),
    Column("problem", _("Problem – hvad vil vi ændre"), 40),
    Column("goal", _("Mål – hvad vil vi opnå"), 40),
    Column("activity", _("Aktivitet"), 50),
    Column("level", _("IGLO-niveau"), 14),
    Column("tovholder", _("Tovholder"), 22),
    Column("participants", _("Deltagere"), 24),
    Column("deadline", _("Deadline"), 12),
    Column("status", _("Status"), 14),
    Column("last_update", _("Senest opdateret"), 17),
    Column("follow_up_first", _("Første opfølgning"), 12),
    Column("follow_up_second", _("Anden opfølgning"), 12),
    Column("effect", _("Hvordan vurderes effekten"), 40),
)
KEYS = tuple(column.key for column in COLUMNS)
STATUS_LABELS = tuple(str(label) for label in Stage.labels)
LEVEL_LABELS = tuple(str(label) for label in Level.labels)
_STAGE_LABEL = dict(Stage.choices)
_LEVEL_LABEL = dict(Level.choices)


def headers() -> list[str]:
    return [str(column.header) for column in COLUMNS]


def local(moment: datetime.datetime | None) -> datetime.datetime | None:
    """Danish wall-clock time without a zone: what a spreadsheet cell can hold."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


# What each row reads, as flat values (no model instances: 20,000 rows build in a third of
# the time); the first five are the sort key shared with the plans without activities.
_ORDER = ("plan__unit__path", "plan__created_at", "plan_id", "order", "pk")
_PLAN = (
    "unit__name",
    "unit__code",
    "title",
    "change",
    "goal",
    "follow_up_first",
    "follow_up_second",
    "effect_evaluation",
    # what the live arrow asks instead of the last two columns (issue 18, item 6): who is in
    # the work (question 5), how we see or feel the goal (2) and when we follow up (5)
    "success_signs",
    "follow_up_text",
    "participants",
)
_ACTIVITY = (
    "what",
    "level",
    "tovholder__name",
    "participants",
    "deadline",
    "stage",
    "last_update",
    "updated_at",
)
_PLAN_WIDTH = len(_PLAN)


def effect(evaluation: str, success_signs: str, follow_up_text: str) -> str:
    """ "Hvordan vurderes effekten": the plan's own answer, or else the arrow's answers that
    say it: how we will see or feel it, and when we follow up."""
    if evaluation:
        return evaluation
    return "\n".join(text for text in (success_signs, follow_up_text) if text)


def _row(plan: tuple, activity: tuple, last) -> tuple:
    """COLUMNS' order: the plan's first five (unit … goal), the activity's six, the last
    update, the follow-ups and the effect."""
    first, second, evaluation, signs, follow_up, _participants = plan[5:]
    return (
        *plan[:5],
        *activity,
        local(last),
        first,
        second,
        effect(evaluation, signs, follow_up),
    )


def _activity_row(values: tuple) -> tuple:
    plan = values[5 : 5 + _PLAN_WIDTH]
    what, level, holder, participants, deadline, stage, last_update, updated = values[
        5 + _PLAN_WIDTH :
    ]
    activity = (
        what,
        str(_LEVEL_LABEL.get(level, level)),
        holder or "",
        participants or plan[-1],  # the activity's own, or who is in the plan's work
        deadline,
        str(_STAGE_LABEL.get(stage, stage)),
    )
    return _row(plan, activity, max(filter(None, (last_update, updated)), default=None))


def _empty_plan_row(values: tuple) -> tuple:
    plan = values[3 : 3 + _PLAN_WIDTH]
    return _row(plan, (None, None, None, plan[-1], None, None), values[3 + _PLAN_WIDTH])


def rows(plans: QuerySet[ActionPlan]) -> Iterator[tuple]:
    """The rows of the given plans in the order of the unit tree, each plan's activities in
    their order; streamed from the database (memory stays flat for 20,000 activities)."""
    activity_values = activity_rows(plans).values_list(
        *_ORDER, *(f"plan__{name}" for name in _PLAN), *_ACTIVITY
    )
    with_activities = (
        (values[:5], _activity_row(values)) for values in activity_values.iterator(2000)
    )
    empty_values = plans_without_activities(plans).values_list(
        "unit__path", "created_at", "pk", *_PLAN, "updated_at"
    )
    empty = (
        ((*values[:3], -1, 0), _empty_plan_row(values)) for values in empty_values.iterator(2000)
    )
    for _key, row in heapq.merge(with_activities, empty, key=lambda pair: pair[0]):
        yield row


# A cell that a spreadsheet could take for a formula (OWASP's "CSV injection" list): the xlsx
# writes it as text with Excel's quote prefix, the CSV puts an apostrophe before it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)
