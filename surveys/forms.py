from django import forms
from django.utils.translation import gettext_lazy as _

from trivsel.validators import CheckedTextForm


class UploadForm(CheckedTextForm, forms.Form):
    file = forms.FileField(
        label=_("Rapportfil (Excel .xlsx eller .csv)"),
        help_text=_("Højst 2 MB. Filen gemmes ikke; den læses kun, mens du importerer."),
        error_messages={
            "required": _("Vælg den fil, du har fået fra målingsleverandøren."),
            "empty": _("Filen er tom."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )
