from django import template
from django.db.models import Count, Q

from units import permissions

from ..models import Workshop

register = template.Library()


@register.inclusion_tag("workshops/_unit_workshops.html")
def unit_workshops(unit, user):
    """The unit's workshops this user may see, with checklist progress, for the unit page."""
    workshops = (
        permissions.filter_for(user, Workshop.objects.filter(unit=unit))
        .annotate(
            checks_total=Count("checklist", distinct=True),
            checks_done=Count("checklist", filter=Q(checklist__done=True), distinct=True),
            pink_total=Count(
                "notes",
                filter=Q(notes__colour="pink", notes__deleted=False),
                distinct=True,
            ),
        )
        .order_by("-date", "-created_at")
    )
    return {
        "unit": unit,
        "workshops": workshops,
        "may_change": permissions.can(user, "change", unit),
    }


@register.filter
def minutes_seconds(seconds) -> str:
    """10:00 for 600, as the timer's script shows it, so a re-rendered timer never flashes
    raw seconds before the script's next tick."""
    if seconds is None or seconds == "":
        return ""
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


@register.filter
def runs_in_groups(workshop) -> bool:
    """Whether a workshop has a group phase or a table plan (its preparation links to
    "Grupper og bordplan")."""
    from ..groups import rounds_of
    from ..models import Group

    return bool(rounds_of(workshop)) or Group.objects.filter(workshop=workshop).exists()
