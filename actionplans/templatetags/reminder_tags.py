from django import template

from ..models import SentReminder

register = template.Library()

SHOWN_ON_UNIT_PAGE = 10


@register.inclusion_tag("actionplans/_unit_reminders.html")
def unit_reminders(unit):
    """The newest reminders sent about `unit` (the page has checked the right to view it)."""
    return {"unit": unit, "sent": list(SentReminder.objects.filter(unit=unit)[:SHOWN_ON_UNIT_PAGE])}
