from django import template
from django.template.loader import render_to_string
from django.utils import timezone

from units import permissions

from .. import queries
from ..answers import answer_sections
from ..models import ARROW_STAGES, LEVEL_HELP, Stage
from ..progress import unit_percent

register = template.Library()


@register.filter
def stage_index(stage: str) -> int:
    """How far along the arrow a stage is (0–4); beside the arrow (justeret, opgivet): -1."""
    try:
        return ARROW_STAGES.index(Stage(stage))
    except ValueError:
        return -1


@register.filter
def level_help(level: str) -> str:
    """IGLO's one-line explanation of a level (seed 004)."""
    return LEVEL_HELP.get(level, "")


@register.simple_tag
def arrow_answers(plan) -> list[dict]:
    """The plan's answers under the arrow's questions, worded as on the wall (answers.py)."""
    return answer_sections(plan)


@register.simple_tag
def unit_downloads(unit) -> str:
    """The unit's plans as files (PDF, Excel), offered once there is a plan to put in them:
    before that the card promised files that hold nothing (issue 23)."""
    if not queries.unit_plans(unit).exists():
        return ""
    return render_to_string("actionplans/_unit_downloads.html", {"unit": unit})


@register.inclusion_tag("actionplans/_unit_section.html")
def unit_plans(unit, user):
    """The unit's plans on the unit page: progress, upcoming follow-ups, a link to them."""
    if not permissions.can(user, "view", unit):
        return {"shown": False}
    plans = list(queries.unit_plans(unit))
    today = timezone.localdate()
    return {
        "shown": True,
        "unit": unit,
        "plan_count": len(plans),
        "unit_percent": unit_percent([plan.activities.all() for plan in plans]),
        "follow_ups": queries.upcoming_follow_ups(unit, today, limit=3),
        "today": today,
        "may_change": permissions.can(user, "change", unit),
    }
