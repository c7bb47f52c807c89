"""The vote's forms: the facilitator's (settings, open, close, the result, a mark for someone
without a phone) and the phone's mark. Danish errors; choices limited to the workshop's own."""

from django import forms
from django.utils.translation import gettext_lazy as _

from trivsel.idfields import BoundedModelChoiceField, BoundedModelMultipleChoiceField

from ..models import Participant, Theme
from .forms import LiveForm

MARKS_MIN, MARKS_MAX = 1, 10  # marks per participant in a vote

MARKS_ERRORS = {
    "required": _("Skriv hvor mange streger hver deltager har (1–10)."),
    "invalid": _("Antal streger skal være et helt tal mellem 1 og 10."),
    "min_value": _("Antal streger skal være et helt tal mellem 1 og 10."),
    "max_value": _("Antal streger skal være et helt tal mellem 1 og 10."),
}
THEME_ERRORS = {
    "required": _("Vælg et tema."),
    "invalid_choice": _("Det tema findes ikke (længere)."),
    "invalid_pk_value": _("Det tema findes ikke (længere)."),
}
THEMES_ERRORS = {
    "required": _("Vælg mindst to temaer at stemme om."),
    "invalid_choice": _("Et af temaerne findes ikke (længere)."),
    "invalid_pk_value": _("Et af temaerne findes ikke (længere)."),
    "invalid_list": _("Vælg temaerne på listen."),
}


class VoteSettingsForm(LiveForm):
    marks = forms.IntegerField(
        label=_("Streger pr. deltager"),
        min_value=MARKS_MIN,
        max_value=MARKS_MAX,
        error_messages=MARKS_ERRORS,
    )
    several_on_one = forms.BooleanField(
        label=_("Flere streger må sættes på samme tema"), required=False
    )
    live_tally = forms.BooleanField(
        label=_("Vis stemmerne undervejs (ellers først, når afstemningen lukkes)"),
        required=False,
    )


class _WorkshopThemes:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.filter(workshop=self.workshop)


class OpenVoteForm(_WorkshopThemes, LiveForm):
    themes = BoundedModelMultipleChoiceField(
        queryset=Theme.objects.none(), error_messages=THEMES_ERRORS
    )

    def clean_themes(self):
        themes = self.cleaned_data["themes"]
        if len(themes) < 2:
            raise forms.ValidationError(_("Vælg mindst to temaer at stemme om."))
        return themes


class ApplyResultForm(_WorkshopThemes, LiveForm):
    top = forms.IntegerField(
        min_value=1,
        max_value=20,
        error_messages={
            "required": _("Vælg hvor mange temaer, der går videre."),
            "invalid": _("Vælg hvor mange temaer, der går videre."),
            "min_value": _("Vælg hvor mange temaer, der går videre."),
            "max_value": _("Vælg hvor mange temaer, der går videre."),
        },
    )
    themes = BoundedModelMultipleChoiceField(
        queryset=Theme.objects.none(),
        required=False,
        error_messages={**THEMES_ERRORS, "required": _("Vælg de temaer, der går videre.")},
    )


class MarkForMeForm(LiveForm):
    """The facilitator sets or takes back a mark for a participant without a phone."""

    NEW = "new"

    participant = forms.ChoiceField(
        label=_("Deltager uden telefon"),
        error_messages={
            "required": _("Vælg deltageren."),
            "invalid_choice": _("Vælg en deltager uden telefon fra listen."),
        },
    )
    name = forms.CharField(label=_("Navn (valgfrit)"), max_length=60, required=False)
    theme = BoundedModelChoiceField(
        label=_("Tema"), queryset=Theme.objects.none(), error_messages=THEME_ERRORS
    )
    action = forms.ChoiceField(
        choices=[("add", "add"), ("remove", "remove")],
        error_messages={"invalid_choice": _("Ukendt handling."), "required": _("Ukendt handling.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(workshop=self.workshop)
        self.fields["participant"].choices = [
            (self.NEW, _("Ny deltager uden telefon")),
            *(
                (str(p.pk), str(p))
                for p in Participant.objects.filter(workshop=self.workshop, on_behalf=True)
            ),
        ]


# The phone -----------------------------------------------------------------------------------


class MarkForm(LiveForm):
    """A phone sets a mark on a theme (with a client key: a retry counts once) or takes back
    the mark in one of its slots."""

    change = forms.ChoiceField(
        choices=[("add", "add"), ("remove", "remove")],
        error_messages={"invalid_choice": _("Ukendt handling."), "required": _("Ukendt handling.")},
    )
    theme = BoundedModelChoiceField(
        queryset=Theme.objects.none(), required=False, error_messages=THEME_ERRORS
    )
    slot = forms.IntegerField(
        min_value=1,
        max_value=MARKS_MAX,
        required=False,
        error_messages={
            "invalid": _("Ukendt streg."),
            "min_value": _("Ukendt streg."),
            "max_value": _("Ukendt streg."),
        },
    )
    client_key = forms.UUIDField(
        required=False, error_messages={"invalid": _("Stregen kunne ikke sendes. Prøv igen.")}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(workshop=self.workshop)

    def clean(self):
        data = super().clean()
        if data.get("change") == "add" and not data.get("theme"):
            raise forms.ValidationError(_("Vælg et tema."))
        if data.get("change") == "remove" and not data.get("slot"):
            raise forms.ValidationError(_("Vælg den streg, du vil fjerne."))
        return data
