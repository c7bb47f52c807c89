"""What changes a plan: small functions the live arrow, the plan pages and the tovholder's
link all call, so every path keeps the same rules (versions, the status arrow's history, the
krænkelse rule)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import STAGES_NEEDING_REASON, ActionPlan, Activity, Stage, StatusUpdate

# the plan's own text fields: the arrow's answers and what the APV rules ask of a plan
ANSWER_FIELDS = (
    "title",
    "change",
    "why",
    "goal",
    "success_signs",
    "barriers",
    "actions_text",
    "follow_up_text",
    "responsible",
    "participants",
    "communication",
    "effect_evaluation",
)


class PlanConflict(Exception):
    """An edit was made on an older version than the one stored: the caller shows the fresh
    state instead of overwriting what someone else typed."""

    def __init__(self, current):
        super().__init__(_("Planen er ændret et andet sted. Se den nye udgave og ret igen."))
        self.current = current


class StageRefused(ValueError):
    pass


def held_on(workshop) -> datetime.date:
    """The day a workshop was held: the day it was closed, today while it runs (a plan is
    made in the room), else its planned date. A plan's follow-ups count from this day, not
    from the planned date: a workshop held later than planned must not make its plans
    overdue on the day they are made."""
    if workshop.closed_at is not None:
        return timezone.localdate(workshop.closed_at)
    if workshop.status == workshop.Status.LIVE or workshop.date is None:
        return timezone.localdate()
    return workshop.date


def plan_for_theme(theme) -> ActionPlan:
    """The chosen theme's plan, made the first time it is asked for (the arrow reaches the
    theme), with the workshop's unit and round (the unit's current round when the workshop
    names none) and follow-ups 3 and 6 months after the day it is held."""
    from workshops.preparation import plans_round_id

    workshop = theme.workshop
    with transaction.atomic():
        plan, created = ActionPlan.objects.get_or_create(
            theme=theme,
            defaults={
                "unit_id": workshop.unit_id,
                "round_id": plans_round_id(workshop),
                "workshop": workshop,
                "title": theme.title,
            },
        )
        if created:
            plan.set_default_follow_ups(held_on(workshop))
            plan.save(update_fields=["follow_up_first", "follow_up_second"])
    return plan


def save_answers(plan_id: int, *, version: int, **answers) -> ActionPlan:
    """Store some of the plan's answers if `version` is still the stored one; else raise
    PlanConflict with the stored plan."""
    unknown = set(answers) - set(ANSWER_FIELDS)
    if unknown:
        raise ValueError(f"Not a plan answer: {sorted(unknown)}")
    with transaction.atomic():
        changed = ActionPlan.objects.filter(pk=plan_id, version=version).update(
            version=F("version") + 1, updated_at=timezone.now(), **answers
        )
        plan = ActionPlan.objects.get(pk=plan_id)
    if not changed:
        raise PlanConflict(plan)
    return plan


def add_activity(plan: ActionPlan, **fields) -> Activity:
    """A new activity, raised to MED/HR at once when its IGLO level says so (every path:
    the live arrow, the plan page, the demo)."""
    last = plan.activities.order_by("-order").values_list("order", flat=True).first()
    with transaction.atomic():
        activity = Activity.objects.create(plan=plan, order=(last or 0) + 1, **fields)
        raise_or_unraise(activity)
    return activity


def change_activity(activity: Activity, **fields) -> Activity:
    """Change an activity's fields, raised or un-raised by the same rule as a new one."""
    with transaction.atomic():
        for name, value in fields.items():
            setattr(activity, name, value)
        activity.version += 1
        activity.save()
        raise_or_unraise(activity)
    return activity


def raise_or_unraise(activity: Activity):
    """The one rule for what an activity raises to MED/HR (actionplans/raised.py): every
    path that creates or changes an activity ends here."""
    from . import raised

    return raised.sync_activity(activity)


def move_stage(
    activity: Activity, stage: str, *, comment: str = "", by_user=None, by_name: str = ""
) -> StatusUpdate:
    """Move the status arrow (or only comment, when the stage stays) and keep the move in the
    activity's history. Justeret and opgivet need a reason, which is the comment."""
    if stage not in Stage.values:
        raise StageRefused(_("Ukendt status."))
    comment = comment.strip()
    if stage in STAGES_NEEDING_REASON and not comment:
        raise StageRefused(_("Skriv en begrundelse, når en aktivitet justeres eller opgives."))
    if stage == activity.stage and not comment:
        raise StageRefused(_("Vælg en ny status eller skriv en kommentar."))
    if by_user is not None and not by_name:
        by_name = by_user.get_full_name() or by_user.get_username()
    with transaction.atomic():
        update = StatusUpdate.objects.create(
            activity=activity,
            previous_stage=activity.stage,
            stage=stage,
            comment=comment,
            by_user=by_user,
            by_name=by_name,
        )
        if stage != activity.stage:
            activity.stage = stage
            activity.stage_reason = comment if stage in STAGES_NEEDING_REASON else ""
            activity.stage_changed_at = update.created_at
            activity.version += 1
            activity.save(
                update_fields=["stage", "stage_reason", "stage_changed_at", "version", "updated_at"]
            )
    return update


def harassment_themes_without_plan(workshop):
    """Themes that carry a krænkelse post-it but have no made plan (seed 000: some
    work-environment problems always require action). The workshop cannot close while any
    is left."""
    from .progress import is_made

    themes = workshop.themes.kraenkelse().prefetch_related("plan__activities")
    missing = []
    for theme in themes:
        plan = getattr(theme, "plan", None)
        if plan is None or not is_made(plan.activities.all()):
            missing.append(theme)
    return missing
