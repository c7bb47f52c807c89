"""The reads that pages, the staff-room board, the overview and the exports share, so a file
and the screen never disagree. Each returns a queryset with what its callers show loaded in a
fixed number of queries; callers narrow it through the permission module first."""

from __future__ import annotations

from django.db.models import Max, Prefetch, QuerySet

from .models import ActionPlan, Activity


def activities_in_order() -> QuerySet[Activity]:
    return Activity.objects.select_related("tovholder").order_by("order", "pk")


def with_activities(plans: QuerySet[ActionPlan]) -> QuerySet[ActionPlan]:
    """Plans with their activities (and each activity's tovholder) in two queries."""
    return plans.select_related("unit", "round", "workshop").prefetch_related(
        Prefetch("activities", queryset=activities_in_order())
    )


def unit_plans(unit, round_=None) -> QuerySet[ActionPlan]:
    """A unit's plans, newest round first, with their activities."""
    plans = ActionPlan.objects.filter(unit=unit)
    if round_ is not None:
        plans = plans.filter(round=round_)
    return with_activities(plans).order_by("-round__survey_opens", "created_at", "pk")


def activity_rows(plans: QuerySet[ActionPlan]) -> QuerySet[Activity]:
    """One row per activity of the given plans, as the vendors' action-plan modules take them
    (the HR workbook, the CSV): the plan, its unit and round, the tovholder, and when the
    activity was last updated."""
    return (
        Activity.objects.filter(plan__in=plans)
        .select_related("plan", "plan__unit", "plan__round", "tovholder")
        .annotate(last_update=Max("updates__created_at"))
        .order_by("plan__unit__path", "plan__created_at", "plan_id", "order", "pk")
    )


# --- after the session: the plan pages, the tovholder's link, what is raised ----------------


def plan_page(plans: QuerySet[ActionPlan]) -> QuerySet[ActionPlan]:
    """One plan as its page shows it: activities, each with its tovholder and its history
    (newest first), in three queries."""
    from .models import StatusUpdate

    return plans.select_related("unit", "round", "workshop", "theme").prefetch_related(
        Prefetch(
            "activities",
            queryset=activities_in_order().prefetch_related(
                Prefetch("updates", queryset=StatusUpdate.objects.order_by("-created_at", "-pk"))
            ),
        )
    )


def upcoming_follow_ups(unit, today, limit: int = 5) -> list[tuple]:
    """The unit's next follow-up dates, soonest first: (date, plan, which), from `today` on
    and the overdue ones of unfinished plans within the last month (shown as overdue)."""
    import datetime

    since = today - datetime.timedelta(days=31)
    rows = []
    for plan in ActionPlan.objects.filter(unit=unit).only(
        "pk", "title", "follow_up_first", "follow_up_second", "unit_id"
    ):
        for which, day in (("first", plan.follow_up_first), ("second", plan.follow_up_second)):
            if day and day >= since:
                rows.append((day, plan, which))
    rows.sort(key=lambda row: (row[0], row[1].pk))
    return rows[:limit]


def tovholder_activities(tovholder) -> QuerySet[Activity]:
    """A tovholder's own activities (their link shows these and nothing else)."""
    from .models import StatusUpdate

    return (
        Activity.objects.filter(tovholder=tovholder)
        .select_related("plan")
        .prefetch_related(
            Prefetch("updates", queryset=StatusUpdate.objects.order_by("-created_at", "-pk"))
        )
        .order_by("deadline", "plan__created_at", "order", "pk")
    )


def raised_items(items):
    """Raised items with their unit, plan and who answered: the new ones first, then the
    acknowledged, then the answered; newest first within each."""
    from django.db.models import Case, IntegerField, Value, When

    from .models import RaisedItem

    waiting = Case(
        When(status=RaisedItem.Status.RAISED, then=Value(0)),
        When(status=RaisedItem.Status.ACKNOWLEDGED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        items.select_related(
            "unit", "activity", "activity__plan", "theme", "answered_by", "acknowledged_by"
        )
        .annotate(waiting=waiting)
        .order_by("waiting", "-created_at", "-pk")
    )
