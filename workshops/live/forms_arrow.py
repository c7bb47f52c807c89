"""The arrow's and the closing's forms: the facilitator's and note-taker's (theme, question,
an answer, an activity, a suggestion taken or set aside) and the phone's (a suggestion, the
closing's two answers). Danish errors; choices limited to the workshop's own."""

from django import forms
from django.utils.translation import gettext_lazy as _

from actionplans.models import ANSWER_LENGTH, Level
from trivsel.dates import DanishDateField
from trivsel.idfields import BoundedModelChoiceField, IdField

from ..models import Theme
from .arrow import CLOSING_MAX, GO_STEP, SUGGESTION_MAX
from .forms import LiveForm

ID_ERRORS = {"required": _("Noget mangler i formularen."), "invalid": _("Ugyldig værdi.")}


class PickThemeForm(LiveForm):
    theme = BoundedModelChoiceField(
        queryset=Theme.objects.none(),
        error_messages={
            "required": _("Vælg et tema."),
            "invalid_choice": _("Vælg et af de temaer, der er gået videre til pilen."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(workshop=self.workshop).on_arrow()


class StepForm(LiveForm):
    step = forms.IntegerField(
        min_value=1,
        max_value=GO_STEP,
        error_messages={
            "required": _("Vælg et spørgsmål."),
            "invalid": _("Vælg et spørgsmål."),
            "min_value": _("Vælg et spørgsmål."),
            "max_value": _("Vælg et spørgsmål."),
        },
    )


class AnswerForm(LiveForm):
    """One answer as the note-taker types it: the plan, the field, the text and the plan's
    version the console showed."""

    plan = IdField(error_messages=ID_ERRORS)
    field = forms.CharField(max_length=40, error_messages=ID_ERRORS)
    # the model and arrow.save_answer hold the limits: a long answer is refused in words,
    # never cut
    text = forms.CharField(
        required=False,
        strip=False,
        max_length=ANSWER_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "max_length": _(
                "Svaret er %(show_value)d tegn. Der er plads til %(limit_value)d – gør det kortere."
            )
        },
    )
    version = IdField(error_messages=ID_ERRORS)


class ActivityForm(LiveForm):
    plan = IdField(error_messages=ID_ERRORS)
    what = forms.CharField(
        label=_("Hvad skal der gøres?"),
        max_length=1000,
        widget=forms.Textarea,
        error_messages={
            "required": _("Skriv, hvad der skal gøres."),
            "max_length": _("Aktiviteten kan højst have %(limit_value)d tegn – gør den kortere."),
        },
    )
    level = forms.ChoiceField(
        label=_("IGLO-niveau"),
        choices=Level.choices,
        error_messages={
            "required": _("Vælg et IGLO-niveau."),
            "invalid_choice": _("Vælg et IGLO-niveau."),
        },
    )
    tovholder = forms.CharField(label=_("Tovholder"), max_length=200, required=False)
    deadline = DanishDateField(
        label=_("Deadline"),
        required=False,
        error_messages={"invalid": _("Skriv deadline som en dato, fx 30-06-2026.")},
    )


class ActivityRefForm(LiveForm):
    activity = IdField(error_messages=ID_ERRORS)


class SettleSuggestionForm(LiveForm):
    suggestion = IdField(error_messages=ID_ERRORS)
    action = forms.ChoiceField(choices=[("accept", "accept"), ("dismiss", "dismiss")])
    version = IdField(required=False)


# The phones --------------------------------------------------------------------------------


class SuggestionForm(LiveForm):
    text = forms.CharField(
        label=_("Dit forslag"),
        max_length=SUGGESTION_MAX,
        widget=forms.Textarea,
        error_messages={
            "required": _("Skriv dit forslag."),
            "max_length": _(
                "Et forslag kan højst have %(limit_value)d tegn (det har %(show_value)d) – "
                "gør det kortere."
            ),
        },
    )


CLOSING_TOO_LONG = _("Et svar kan højst have %(limit_value)d tegn – gør det kortere.")


class ClosingAnswerForm(LiveForm):
    good = forms.CharField(
        max_length=CLOSING_MAX,
        required=False,
        widget=forms.Textarea,
        error_messages={"max_length": CLOSING_TOO_LONG},
    )
    adjust = forms.CharField(
        max_length=CLOSING_MAX,
        required=False,
        widget=forms.Textarea,
        error_messages={"max_length": CLOSING_TOO_LONG},
    )
