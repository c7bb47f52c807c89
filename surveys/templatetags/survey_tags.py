from django import template
from django.template.defaultfilters import floatformat

from units import permissions

from ..models import SurveyReport

register = template.Library()


@register.inclusion_tag("surveys/_unit_summary.html")
def unit_report_summary(unit, user):
    """The unit's latest survey report in brief, for the unit page."""
    if not permissions.can(user, "view", unit):
        return {"visible": False}
    report = (
        SurveyReport.objects.with_visibility()
        .filter(unit=unit)
        .select_related("round")
        .latest_first()
        .first()
    )
    return {"visible": True, "unit": unit, "report": report, "is_hr": permissions.is_hr(user)}


@register.filter
def signed(value):
    """A difference with its sign, localised: +2,4 / -7,6 / 0,0."""
    if value is None:
        return ""
    text = floatformat(value, 1)
    return f"+{text}" if value > 0 else text
