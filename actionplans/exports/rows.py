"""One row per activity, as the vendors' action-plan modules (Enalyzer, Defgo) hold them: the
columns of the Excel files and the CSV, in one place. docs/exports.md documents them; a test
holds the two together.

A plan with no activity yet is a row of its own with the activity's columns empty, so HR sees
that the plan exists."""

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


def _local(moment: datetime.datetime | None) -> datetime.datetime | None:
    """Danish wall-clock time without a zone: what a spreadsheet cell can hold."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


def _plan_cells(plan: ActionPlan) -> dict:
    unit = plan.unit
    return {
        "unit": unit.name,
        "unit_code": unit.code,
        "theme": plan.title,
        "problem": plan.change,
        "goal": plan.goal,
        "follow_up_first": plan.follow_up_first,
        "follow_up_second": plan.follow_up_second,
        "effect": plan.effect_evaluation,
    }


def _activity_row(activity) -> tuple:
    plan = activity.plan
    last = max(filter(None, (activity.last_update, activity.updated_at)), default=None)
    cells = _plan_cells(plan) | {
        "activity": activity.what,
        "level": str(_LEVEL_LABEL.get(activity.level, activity.level)),
        "tovholder": activity.tovholder.name if activity.tovholder else "",
        "participants": activity.participants,
        "deadline": activity.deadline,
        "status": str(_STAGE_LABEL.get(activity.stage, activity.stage)),
        "last_update": _local(last),
    }
    return tuple(cells.get(key) for key in KEYS)


def _empty_plan_row(plan: ActionPlan) -> tuple:
    cells = _plan_cells(plan) | {"last_update": _local(plan.updated_at)}
    return tuple(cells.get(key) for key in KEYS)


def rows(plans: QuerySet[ActionPlan]) -> Iterator[tuple]:
    """The rows of the given plans in the order of the unit tree, each plan's activities in
    their order; streamed from the database (memory stays flat for 20,000 activities)."""
    with_activities = (
        ((a.plan.unit.path, a.plan.created_at, a.plan_id, a.order, a.pk), _activity_row(a))
        for a in activity_rows(plans).iterator(chunk_size=2000)
    )
    empty = (
        ((p.unit.path, p.created_at, p.pk, -1, 0), _empty_plan_row(p))
        for p in plans_without_activities(plans).iterator(chunk_size=2000)
    )
    for _key, row in heapq.merge(with_activities, empty, key=lambda pair: pair[0]):
        yield row


# A cell that a spreadsheet could take for a formula (OWASP's "CSV injection" list): the xlsx
# writes it as text with Excel's quote prefix, the CSV puts an apostrophe before it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)
