"""What a unit raises to its MED and HR (seeds 000, 001, 004: O-items are sent on):
Organisation-level activities, kept in step with the activity as it is saved, and the themes
the matrix put on the side the method raises ("løftes videre"), sent on by the trio.

MED and HR over the unit acknowledge and answer (units.permissions.can_answer_raised); the
answer is shown back on the unit's plans page."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from workshops.methods import words
from workshops.tools.boards import quadrant_of

from .models import Activity, Level, RaisedItem


def sync_activity(activity: Activity) -> RaisedItem | None:
    """An Organisation-level activity has a raised item that follows its text; one that
    leaves the level takes its item back, unless MED/HR already answered it (the answer is
    part of the record and stays)."""
    plan = activity.plan
    if activity.level == Level.ORGANISATION:
        item, _ = RaisedItem.objects.update_or_create(
            activity=activity,
            defaults={
                "unit_id": plan.unit_id,
                "round_id": plan.round_id,
                "workshop_id": plan.workshop_id,
                "title": activity.what[:200],
                "text": activity.how,
            },
        )
        return item
    RaisedItem.objects.filter(activity=activity).exclude(status=RaisedItem.Status.ANSWERED).delete()
    return None


def themes_to_raise(workshop) -> list:
    """The workshop's themes placed on the matrix's raise side (Albertslund: the left,
    "betyder meget, men vi har ikke indflydelse") that are not sent on yet."""
    side = words.words(workshop, "matrix").get("raise_side")
    if not side:
        return []
    themes = workshop.themes.filter(impact__isnull=False, influence__isnull=False).filter(
        raised_item__isnull=True
    )
    return [theme for theme in themes if (quadrant_of(theme) or "").endswith("_" + side)]


def raise_themes(workshop, themes) -> list[RaisedItem]:
    """Send these themes on to MED/HR (the trio's button); a theme already sent is kept."""
    made = []
    with transaction.atomic():
        for theme in themes:
            item, created = RaisedItem.objects.get_or_create(
                theme=theme,
                defaults={
                    "unit_id": workshop.unit_id,
                    "round_id": workshop.round_id,
                    "workshop": workshop,
                    "title": theme.title[:200],
                    "text": "\n".join(theme.notes.revealed().values_list("text", flat=True)),
                },
            )
            if created:
                made.append(item)
    return made


def acknowledge(item: RaisedItem, *, user) -> RaisedItem:
    if item.status == RaisedItem.Status.RAISED:
        item.status = RaisedItem.Status.ACKNOWLEDGED
        item.acknowledged_by = user
        item.acknowledged_at = timezone.now()
        item.save(update_fields=["status", "acknowledged_by", "acknowledged_at"])
    return item


def answer(item: RaisedItem, text: str, *, user) -> RaisedItem:
    now = timezone.now()
    if item.acknowledged_at is None:
        item.acknowledged_by, item.acknowledged_at = user, now
    item.status = RaisedItem.Status.ANSWERED
    item.answer = text.strip()
    item.answered_by = user
    item.answered_at = now
    item.save(
        update_fields=[
            "status",
            "answer",
            "answered_by",
            "answered_at",
            "acknowledged_by",
            "acknowledged_at",
        ]
    )
    return item
