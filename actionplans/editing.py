"""The trio's edits after the session: activities (with their tovholder and what is raised
to MED/HR), the survey themes a plan addresses, its follow-up dates, a plan made by hand.
Each is one plain function with keyword arguments; the views only validate and call."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from workshops.live.changes import record

from .actions import add_activity, change_activity, held_on, save_answers
from .models import ActionPlan, Activity, Tovholder

ACTIVITY_FIELDS = ("what", "level", "participants", "deadline", "how", "communication")


def tovholder_for(unit, *, user=None, name: str = "", email: str = "") -> Tovholder | None:
    """The unit's tovholder for a member (`user`) or a free-text name, made the first time;
    an e-mail given is kept (a member's own address is the default)."""
    if user is not None:
        name = user.get_full_name() or user.get_username()
        email = email or user.email
    name = " ".join(name.split())
    if not name:
        return None
    tovholder, created = Tovholder.objects.get_or_create(
        unit=unit, name=name, defaults={"user": user, "email": email}
    )
    changed = []
    if email and tovholder.email != email:
        tovholder.email = email
        changed.append("email")
    if user is not None and tovholder.user_id is None:
        tovholder.user = user
        changed.append("user")
    if changed:
        tovholder.save(update_fields=changed)
    return tovholder


def save_activity(
    plan: ActionPlan, activity: Activity | None = None, *, tovholder=None, **fields
) -> Activity:
    """Add an activity to the plan, or change one, and keep its raised item in step with its
    IGLO level."""
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValueError(f"Not an activity field: {sorted(unknown)}")
    with transaction.atomic():
        if activity is None:
            activity = add_activity(plan, tovholder=tovholder, **fields)
        else:
            activity = change_activity(activity, tovholder=tovholder, **fields)
        touch(plan)
        tell_the_room(plan)
    return activity


def answer(plan: ActionPlan, *, version: int, **answers) -> ActionPlan:
    """The arrow's answers typed on the plan page (PlanConflict when `version` is stale)."""
    with transaction.atomic():
        plan = save_answers(plan.pk, version=version, **answers)
        tell_the_room(plan)
    return plan


def tell_the_room(plan: ActionPlan) -> None:
    """A workshop's plan is on its arrow's wall and console (answers, activities): a change
    made on the plan page while the workshop runs moves them (workshops/live/changes.py).
    Call inside the change's transaction."""
    if plan.workshop_id:
        record(plan.workshop, "plan")


def plan_delete_refusal(plan: ActionPlan) -> str:
    """Why a plan may not be deleted, or "": a theme with a krænkelse post-it always keeps
    its plan (seed 000: some work-environment problems always require action)."""
    from django.utils.translation import gettext as _

    if plan.theme_id and plan.theme.notes.kraenkelse().exists():
        return _(
            "Planen hører til et tema med en krænkelse. Et sådant tema skal altid have en "
            "handleplan, så den kan ikke slettes – ret den i stedet."
        )
    return ""


def delete_plan(plan: ActionPlan) -> None:
    """Remove a plan with its activities and their history; raised items already answered
    stay as a record (their activity link is cleared)."""
    from .models import RaisedItem

    with transaction.atomic():
        RaisedItem.objects.filter(activity__plan=plan, status=RaisedItem.Status.ANSWERED).update(
            activity=None
        )
        tell_the_room(plan)
        plan.delete()


def delete_activity(activity: Activity) -> None:
    """Remove an activity with its history; an answered raised item stays as a record."""
    from .models import RaisedItem

    with transaction.atomic():
        RaisedItem.objects.filter(activity=activity, status=RaisedItem.Status.ANSWERED).update(
            activity=None
        )
        plan = activity.plan
        activity.delete()
        touch(plan)
        tell_the_room(plan)


def touch(plan: ActionPlan) -> None:
    """A change to the plan's activities is a change of the plan (the board's signature)."""
    ActionPlan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())


def set_survey_themes(plan: ActionPlan, themes: list[str]) -> None:
    """Tag the plan with the round's survey themes it addresses, in the round's order."""
    known = list(plan.round.themes) if plan.round else []
    plan.survey_themes = [theme for theme in known if theme in themes]
    plan.save(update_fields=["survey_themes", "updated_at"])


def set_follow_ups(
    plan: ActionPlan, *, first: datetime.date | None, second: datetime.date | None
) -> None:
    plan.follow_up_first, plan.follow_up_second = first, second
    ActionPlan.objects.filter(pk=plan.pk).update(
        follow_up_first=first,
        follow_up_second=second,
        updated_at=timezone.now(),
    )


def create_plan(unit, *, title: str, round_=None, workshop=None) -> ActionPlan:
    """A plan the trio makes by hand (a theme from the P-plads, something from a staff
    meeting); follow-ups 3 and 6 months after the day the workshop was held, or today."""
    plan = ActionPlan(unit=unit, title=title, round=round_, workshop=workshop)
    plan.set_default_follow_ups(held_on(workshop) if workshop else timezone.localdate())
    plan.save()
    return plan
