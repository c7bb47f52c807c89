"""The units' one form: the search on the home page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from trivsel.validators import CheckedTextForm


class UnitSearchForm(CheckedTextForm, forms.Form):
    q = forms.CharField(
        label=_("Søg efter enhed (navn eller kode)"), required=False, max_length=200
    )
