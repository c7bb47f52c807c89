"""Dates as a Danish user types them (issue 19, item 7): the hint says "fx 30-06-2026", so
that is accepted, as are 30.06.2026, 30/06/2026, the short year (30-06-26) and the date
picker's ISO 2026-06-30. Django's Danish locale alone accepts only 30.06.2026 and ISO."""

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_INPUT_FORMATS = (
    "%Y-%m-%d",  # the date picker (<input type="date">)
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d/%m/%Y",
    "%d-%m-%y",
    "%d.%m.%y",
    "%d/%m/%y",
)


class DanishDateField(forms.DateField):
    """A date field that takes the Danish ways of writing a date, with a Danish message
    naming one of them."""

    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {"invalid": _("Skriv datoen som dag-måned-år, fx 30-06-2026.")}
