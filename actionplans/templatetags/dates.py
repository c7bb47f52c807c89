"""Dates beyond Django's named formats (trivsel/formats/da/formats.py holds the rule)."""

import datetime

from django import template
from django.utils import formats, timezone

from trivsel.formats.da.formats import WEEKDAY_DATE_FORMAT

register = template.Library()


@register.filter
def weekday_date(day) -> str:
    """A meeting's own day: "fredag den 4. december 2026"."""
    if not day:
        return ""
    return formats.date_format(day, WEEKDAY_DATE_FORMAT)


@register.filter
def html_datetime(moment) -> str:
    """The machine-readable value of <time datetime>: whole seconds and the offset
    ("2026-12-04T17:40:43+01:00"); HTML allows at most three decimals, Python writes six."""
    if isinstance(moment, datetime.datetime):
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.replace(microsecond=0).isoformat()
    if isinstance(moment, datetime.date):
        return moment.isoformat()
    return ""
