"""Forms for the themes chosen before the day and the follow-up timeline (seed 004, steps
1–7): the employee's answer card, the planning group's pick, the number of cards to print
and the timeline's rows. Labels and errors are Danish; limits match the models."""

from django import forms
from django.utils.translation import gettext_lazy as _

from trivsel.dates import DanishDateField
from trivsel.validators import CheckedTextForm

from . import topic_choice
from .models import TOPIC_OWN_LENGTH, TOPIC_REASON_LENGTH

TIMELINE_TITLE_LENGTH = 200
TIMELINE_WHO_LENGTH = 100

QUESTIONS = {
    "trivsel": (
        _("Jeg synes, det vigtigste trivselstema, vi skal drøfte, er"),
        _("Vælg ét trivselstema."),
    ),
    "ledelse": (
        _("Jeg synes, det vigtigste ledelsestema, vi skal drøfte, er"),
        _("Vælg ét ledelsestema."),
    ),
}
OWN_MISSING = _("Skriv dit eget tema, når du vælger “Valgfrit tema”.")
PICK_OWN_MISSING = _("Skriv temaets titel, når I vælger “Valgfrit tema”.")


def _choices(workshop, kind):
    return [(t["key"], t["title"]) for t in topic_choice.topics_of(workshop, kind)]


def _own_keys(workshop):
    return {t["key"] for t in workshop.topic_choices if t.get("own_text")}


class TopicAnswerForm(CheckedTextForm, forms.Form):
    """One employee's answer card (Bilag 2): a theme of each kind with its reasons."""

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.workshop = workshop
        for kind, (question, missing) in QUESTIONS.items():
            self.fields[kind] = forms.ChoiceField(
                label=question,
                choices=_choices(workshop, kind),
                widget=forms.RadioSelect,
                error_messages={
                    "required": missing,
                    "invalid_choice": _("Vælg et af temaerne på listen."),
                },
            )
            self.fields[f"{kind}_own"] = forms.CharField(
                label=_("Mit eget tema"),
                max_length=TOPIC_OWN_LENGTH,
                required=False,
                help_text=_("Kun når du vælger “Valgfrit tema”."),
            )
            self.fields[f"{kind}_why"] = forms.CharField(
                label=_("For mig er dette tema vigtigt, fordi …"),
                max_length=TOPIC_REASON_LENGTH,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"required": _("Skriv kort, hvorfor temaet er vigtigt for dig.")},
            )
            self.fields[f"{kind}_core"] = forms.CharField(
                label=_(
                    "Temaet er vigtigt for at udvikle vores samarbejde om kerneopgaven, fordi …"
                ),
                max_length=TOPIC_REASON_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def clean(self):
        data = super().clean()
        own = _own_keys(self.workshop)
        for kind in QUESTIONS:
            if data.get(kind) in own:
                if not data.get(f"{kind}_own", "").strip():
                    self.add_error(f"{kind}_own", OWN_MISSING)
            elif f"{kind}_own" in data:
                data[f"{kind}_own"] = ""  # words typed before another theme was chosen
        return data

    def kinds(self):
        """The form's fields per kind, for the template."""
        return [
            {
                "kind": kind,
                "label": topic_choice.KINDS[kind],
                "choice": self[kind],
                "topics": topic_choice.topics_of(self.workshop, kind),
                "own": self[f"{kind}_own"],
                "why": self[f"{kind}_why"],
                "core": self[f"{kind}_core"],
            }
            for kind in QUESTIONS
        ]


class BallotCountForm(CheckedTextForm, forms.Form):
    count = forms.IntegerField(
        label=_("Antal svarkort"),
        min_value=1,
        max_value=topic_choice.MAX_BALLOTS,
        help_text=_("Ét kort til hver medarbejder, der inviteres."),
        error_messages={
            "required": _("Skriv, hvor mange svarkort I skal bruge."),
            "invalid": _("Skriv et helt tal."),
            "min_value": _("Lav mindst ét svarkort."),
            "max_value": _("Højst %(limit_value)s svarkort."),
        },
    )


class TopicPickForm(CheckedTextForm, forms.Form):
    """The planning group picks one theme of each kind (seed 004, step 4)."""

    def __init__(self, *args, workshop, counts=None, **kwargs):
        """`counts`: {theme key: how many chose it}, shown with each theme."""
        super().__init__(*args, **kwargs)
        self.workshop = workshop
        counts = counts or {}
        for kind, label in topic_choice.KINDS.items():
            choices = [
                (key, f"{title} ({counts[key]})" if counts.get(key) else title)
                for key, title in _choices(workshop, kind)
            ]
            self.fields[kind] = forms.ChoiceField(
                label=label,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": QUESTIONS[kind][1],
                    "invalid_choice": _("Vælg et af temaerne på listen."),
                },
            )
            self.fields[f"{kind}_own"] = forms.CharField(
                label=_("Titel på det valgfrie tema"),
                max_length=TOPIC_OWN_LENGTH,
                required=False,
                help_text=_("Kun når I vælger “Valgfrit tema”."),
            )

    def clean(self):
        data = super().clean()
        own = _own_keys(self.workshop)
        for kind in topic_choice.KINDS:
            if data.get(kind) in own and not data.get(f"{kind}_own", "").strip():
                self.add_error(f"{kind}_own", PICK_OWN_MISSING)
        return data

    def chosen(self) -> dict[str, tuple[str, str]]:
        return {
            kind: (self.cleaned_data[kind], self.cleaned_data.get(f"{kind}_own", "").strip())
            for kind in topic_choice.KINDS
        }


class TimelineStepForm(CheckedTextForm, forms.Form):
    title = forms.CharField(label=_("Trin"), max_length=TIMELINE_TITLE_LENGTH, required=False)
    who = forms.CharField(label=_("Hvem"), max_length=TIMELINE_WHO_LENGTH, required=False)
    date = DanishDateField(
        label=_("Dato"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


TimelineFormSet = forms.formset_factory(
    TimelineStepForm, extra=1, max_num=topic_choice.MAX_TIMELINE_STEPS, validate_max=True
)
