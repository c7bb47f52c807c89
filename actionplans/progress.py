"""How far a plan and a unit have come, derived from the activities' status arrows.

Called where progress is shown (pages, the staff-room board, the overview, exports) with
activities already loaded, so it costs no queries of its own. Decidim's idea: each status
has a default progress and the parent's is rolled up from its children; here the roll-up is
an explicit function, not a save callback.
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import Stage

STAGE_PERCENT = {
    Stage.NOT_STARTED: 0,
    Stage.PLANNED: 25,
    Stage.UNDER_WAY: 50,
    Stage.NEARLY_DONE: 75,
    Stage.DONE: 100,
    # adjusted: changed on the way and still going, so counted as under way
    Stage.ADJUSTED: 50,
}
# A dropped activity will not be done: it leaves the average instead of pulling it to 0.


def activity_percent(stage: str) -> int | None:
    """0–100 for the status arrow's stage; None for a dropped activity."""
    return STAGE_PERCENT.get(stage)


def average(values: Iterable[int | float | None]) -> int | None:
    counted = [value for value in values if value is not None]
    if not counted:
        return None
    return round(sum(counted) / len(counted))


def plan_percent(activities) -> int | None:
    """A plan's progress: the mean of its activities' (dropped ones left out); None when
    nothing is left to measure."""
    return average(activity_percent(activity.stage) for activity in activities)


def unit_percent(plans_activities) -> int | None:
    """A unit's progress: the mean of its plans' progress. `plans_activities` holds one list
    of activities per plan."""
    return average(plan_percent(activities) for activities in plans_activities)


def is_made(activities) -> bool:
    """A plan counts as made when at least one activity has a tovholder and a deadline."""
    return any(a.tovholder_id and a.deadline for a in activities if a.stage != Stage.DROPPED)
