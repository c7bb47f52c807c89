from django import forms
from django.utils.translation import gettext_lazy as _

from trivsel.validators import CheckedTextForm


class OrganisationUploadForm(CheckedTextForm, forms.Form):
    """The organisation file: one xlsx with the sheets »enheder« and »personer«, or the units'
    CSV with the people's CSV beside it."""

    file = forms.FileField(
        label=_("Organisationsfil (Excel .xlsx) eller enhederne som .csv"),
        help_text=_("Højst 8 MB. Filen gemmes ikke; den læses kun, mens du importerer."),
        error_messages={
            "required": _("Vælg filen fra løn- eller HR-systemet."),
            "empty": _("Filen er tom."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )
    people_file = forms.FileField(
        label=_("Personerne som .csv (kun når enhederne er en .csv)"),
        required=False,
        error_messages={"empty": _("Filen er tom.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean(self):
        cleaned = super().clean()
        upload, people = cleaned.get("file"), cleaned.get("people_file")
        if upload and upload.name.lower().endswith((".csv", ".txt")) and not people:
            self.add_error(
                "people_file",
                _("Med CSV skal der to filer til: én med enheder og én med personer."),
            )
        return cleaned
