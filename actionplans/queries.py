"""The reads that pages, the staff-room board, the overview and the exports share, so a file
and the screen never disagree. Each returns a queryset with what its callers show loaded in a
fixed number of queries; callers narrow it through the permission module first."""

from __future__ import annotations

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from .models import ActionPlan, Activity, StatusUpdate


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
    latest_update = StatusUpdate.objects.filter(activity=OuterRef("pk")).order_by(
        "-created_at", "-pk"
    )
    return (
        Activity.objects.filter(plan__in=plans)
        .select_related("plan", "plan__unit", "plan__round", "tovholder")
        # a subquery, not Max() over a join: no GROUP BY over every selected column (20,000
        # rows: 0.8 s against 1.4 s on SQLite, bench/export_bench.py)
        .annotate(last_update=Subquery(latest_update.values("created_at")[:1]))
        .order_by("plan__unit__path", "plan__created_at", "plan_id", "order", "pk")
    )


def plans_in_scope(user, round_) -> QuerySet[ActionPlan]:
    """The round's plans of every unit the user may view (HR: their subtree; MED: their
    unit and below; the trio: their own unit), through the permission module."""
    from units.permissions import filter_for

    return filter_for(user, ActionPlan.objects.for_round(round_))


def plans_without_activities(plans: QuerySet[ActionPlan]) -> QuerySet[ActionPlan]:
    """The given plans that have no activity yet, in the order of `activity_rows`, so an
    export lists a plan that exists before its activities are written."""
    return (
        plans.filter(activities__isnull=True)
        .select_related("unit", "round")
        .order_by("unit__path", "created_at", "pk")
    )
