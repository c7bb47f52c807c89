"""The forms of the HR and MED overview and of the reminder settings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from surveys.models import Colour, Track
from trivsel.validators import CheckedTextForm

from .models import ReminderPreference

SORT_CHOICES = [
    ("afdeling", _("Afdeling")),
    ("navn", _("Enhedens navn")),
    ("farve", _("Farve (rød først)")),
    ("mangler", _("Manglende handleplan først")),
    ("forsinket", _("Flest forsinkede aktiviteter")),
    ("aktiviteter", _("Flest aktiviteter")),
    ("workshop", _("Trivselsdialogens dato")),
]
HIDDEN = "hidden"
# the values of the krænkelse filter ("on" as when it was a checkbox, so old links still work)
HARASSMENT = "on"
HARASSMENT_WITHOUT_PLAN = "uden-plan"


class OverviewFilterForm(CheckedTextForm, forms.Form):
    """The overview's filters, read from the query string. A value that is not valid is
    reported and left out; the others still apply."""

    q = forms.CharField(label=_("Enhed (navn eller kode)"), required=False, max_length=200)
    afdeling = forms.TypedChoiceField(
        label=_("Afdeling"), required=False, coerce=int, empty_value=None
    )
    farve = forms.ChoiceField(
        label=_("Rapportens farve"),
        required=False,
        choices=[("", _("Alle")), *Colour.choices, (HIDDEN, _("Ingen rapport eller skjult"))],
    )
    spor = forms.ChoiceField(
        label=_("Opfølgningsspor"),
        required=False,
        choices=[("", _("Alle")), *[c for c in Track.choices if c[0] != Track.NO_REPORT]],
    )
    mangler = forms.BooleanField(label=_("Kun enheder uden handleplan"), required=False)
    forsinket = forms.BooleanField(
        label=_("Kun enheder med forsinkede aktiviteter"), required=False
    )
    kraenkelse = forms.ChoiceField(
        label=_("Krænkelser"),
        required=False,
        choices=[
            ("", _("Alle")),
            (HARASSMENT, _("Meldt")),
            (HARASSMENT_WITHOUT_PLAN, _("Meldt, uden handleplan")),
        ],
    )
    sorter = forms.ChoiceField(
        label=_("Sortér efter"),
        required=False,
        choices=[*SORT_CHOICES, *[(f"-{value}", label) for value, label in SORT_CHOICES]],
    )

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["afdeling"].choices = [("", _("Alle")), *departments]
        # the reversed orders are reached by the column headings, not offered in the list
        self.fields["sorter"].widget.choices = SORT_CHOICES

    def filters(self) -> dict:
        """The valid filters as keyword arguments for `queries.filter_rows`."""
        data = self.cleaned_data if self.is_bound and self._validated() else {}
        return {
            "department": data.get("afdeling"),
            "colour": data.get("farve") or "",
            "track": data.get("spor") or "",
            "missing": bool(data.get("mangler")),
            "overdue": bool(data.get("forsinket")),
            "harassment": bool(data.get("kraenkelse")),
            "harassment_without_plan": data.get("kraenkelse") == HARASSMENT_WITHOUT_PLAN,
            "search": data.get("q") or "",
        }

    def order(self) -> str:
        data = self.cleaned_data if self.is_bound and self._validated() else {}
        return data.get("sorter") or "afdeling"

    def _validated(self) -> bool:
        self.is_valid()  # fills cleaned_data with the fields that are valid
        return True


class ReminderPreferenceForm(CheckedTextForm, forms.ModelForm):
    class Meta:
        model = ReminderPreference
        fields = ["activity_deadlines", "plan_follow_ups", "monthly_summary", "weekly_summary"]


class ReminderStopForm(forms.Form):
    """Stop or start again: the signed address is in the URL, the choice is the button."""

    action = forms.ChoiceField(choices=[("stop", "stop"), ("start", "start")])
