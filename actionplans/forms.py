"""Forms for the plans after the session: the arrow's answers, tags, follow-ups, activities,
the status arrow, tovholdere and what is raised to MED/HR. Danish labels and messages."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from trivsel.dates import DanishDateField
from trivsel.idfields import BoundedModelChoiceField, IdField
from trivsel.validators import CheckedTextForm

from .actions import ANSWER_FIELDS
from .models import (
    ACTIVITY_LENGTH,
    ACTIVITY_TEXT_LENGTH,
    ANSWER_LENGTH,
    COMMENT_LENGTH,
    LEVEL_HELP,
    RAISED_ANSWER_LENGTH,
    STAGES_NEEDING_REASON,
    ActionPlan,
    Activity,
    Level,
    Stage,
)


class PlanAnswersForm(CheckedTextForm, forms.ModelForm):
    """The arrow's five questions and what the APV rules ask of a plan. `version` is the
    version the form was opened on: a save on an older one is a conflict, not an overwrite."""

    version = IdField(widget=forms.HiddenInput)

    class Meta:
        model = ActionPlan
        fields = list(ANSWER_FIELDS)
        error_messages = {"title": {"required": _("Planen skal have et tema.")}}
        widgets = {
            name: forms.Textarea(attrs={"rows": 3, "data-max-length": ANSWER_LENGTH})
            for name in ANSWER_FIELDS
            if name not in ("title", "responsible")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        if self.instance.pk:  # the questions' words as the room saw them on the wall
            from .answers import answer_sections

            for section in answer_sections(self.instance):
                for answer in section["answers"]:
                    if answer["name"] in self.fields:
                        self.fields[answer["name"]].label = answer["label"]

    def answers(self) -> dict:
        return {name: self.cleaned_data[name] for name in ANSWER_FIELDS}


class NewPlanForm(CheckedTextForm, forms.Form):
    title = forms.CharField(
        label=_("Tema"),
        max_length=200,
        error_messages={"required": _("Skriv hvad planen handler om.")},
    )


class SurveyThemesForm(CheckedTextForm, forms.Form):
    themes = forms.MultipleChoiceField(
        label=_("Målingens temaer, planen tager fat på"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Så kan næste måling vise, om scoren har flyttet sig."),
    )

    def __init__(self, *args, round_themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = [(theme, theme) for theme in round_themes]


class FollowUpForm(CheckedTextForm, forms.Form):
    first = DanishDateField(
        label=_("Første opfølgning"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    second = DanishDateField(
        label=_("Anden opfølgning"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        data = super().clean()
        first, second = data.get("first"), data.get("second")
        if first and second and second < first:
            self.add_error("second", _("Anden opfølgning skal ligge efter den første."))
        return data


class LevelSelect(forms.RadioSelect):
    """IGLO as radios, each with its one-line explanation (seed 004)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["help"] = LEVEL_HELP.get(value, "")
        return option


class ActivityForm(CheckedTextForm, forms.ModelForm):
    """An activity: what, IGLO level, tovholder (a member of the unit or a free-text name),
    who takes part, deadline, how, and what is communicated to whom and when."""

    tovholder_member = BoundedModelChoiceField(
        label=_("Tovholder fra enheden"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("(vælg en person)"),
    )
    tovholder_name = forms.CharField(
        label=_("… eller skriv tovholderens navn"),
        max_length=200,
        required=False,
        help_text=_("Fx en medarbejder uden login. Udfyld kun ét af de to felter."),
    )
    tovholder_email = forms.EmailField(
        label=_("Tovholderens e-mail (valgfri)"),
        required=False,
        help_text=_("Så kan tovholderen få sit personlige link på e-mail."),
        error_messages={"invalid": _("Skriv en gyldig e-mailadresse.")},
    )

    class Meta:
        model = Activity
        fields = ["what", "level", "participants", "deadline", "how", "communication"]
        field_classes = {"deadline": DanishDateField}
        labels = {
            "participants": _("Hvem deltager?"),
            "how": _("Hvordan?"),
            "communication": _("Hvad kommunikeres til hvem og hvornår?"),
        }
        widgets = {
            "what": forms.Textarea(attrs={"rows": 2, "data-max-length": ACTIVITY_LENGTH}),
            "level": LevelSelect,
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "how": forms.Textarea(attrs={"rows": 2, "data-max-length": ACTIVITY_TEXT_LENGTH}),
            "communication": forms.Textarea(
                attrs={"rows": 2, "data-max-length": ACTIVITY_TEXT_LENGTH}
            ),
        }
        error_messages = {
            "what": {"required": _("Skriv hvad der skal gøres.")},
            "level": {"required": _("Vælg et IGLO-niveau.")},
        }

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        member = self.fields["tovholder_member"]
        member.queryset = (
            get_user_model()
            # a join sees ended roles too (Membership.objects does not apply to it)
            .objects.filter(memberships__unit=unit, memberships__ended_on=None, is_active=True)
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
        member.label_from_instance = lambda person: person.get_full_name() or person.username
        self.fields["level"].choices = list(Level.choices)
        holder = self.instance.tovholder if self.instance.pk else None
        if holder is not None and not self.is_bound:
            if holder.user_id and member.queryset.filter(pk=holder.user_id).exists():
                self.initial["tovholder_member"] = holder.user_id
            else:
                self.initial["tovholder_name"] = holder.name
            self.initial["tovholder_email"] = holder.email

    def clean_what(self):
        return self.cleaned_data["what"].strip()

    def clean(self):
        data = super().clean()
        if data.get("tovholder_member") and (data.get("tovholder_name") or "").strip():
            self.add_error(
                "tovholder_name",
                _("Vælg en person fra enheden eller skriv et navn – ikke begge."),
            )
        return data

    def activity_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def tovholder_choice(self) -> dict:
        return {
            "user": self.cleaned_data.get("tovholder_member"),
            "name": self.cleaned_data.get("tovholder_name") or "",
            "email": self.cleaned_data.get("tovholder_email") or "",
        }


class StageForm(CheckedTextForm, forms.Form):
    """One move of the status arrow, or a comment: "Hvor langt er vi?"."""

    stage = forms.ChoiceField(
        label=_("Hvor langt er vi?"),
        choices=Stage.choices,
        error_messages={
            "required": _("Vælg hvor langt I er."),
            "invalid_choice": _("Ukendt status."),
        },
    )
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "data-max-length": COMMENT_LENGTH}),
        help_text=_("Skriv en begrundelse, hvis aktiviteten justeres eller opgives."),
        error_messages={"max_length": _("Skriv højst %(limit_value)d tegn.")},
    )

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current

    def clean(self):
        data = super().clean()
        stage, comment = data.get("stage"), (data.get("comment") or "").strip()
        if stage in STAGES_NEEDING_REASON and not comment:
            self.add_error(
                "comment", _("Skriv en begrundelse, når en aktivitet justeres eller opgives.")
            )
        elif stage and stage == self.current and not comment:
            self.add_error("comment", _("Vælg en ny status eller skriv en kommentar."))
        return data


class TovholderEmailForm(CheckedTextForm, forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Skriv en gyldig e-mailadresse.")},
    )


class RaiseThemesForm(CheckedTextForm, forms.Form):
    themes = forms.MultipleChoiceField(
        label=_("Temaer, der sendes videre"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Vælg mindst ét tema at sende videre.")},
    )

    def __init__(self, *args, themes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.themes = {str(theme.pk): theme for theme in themes}
        self.fields["themes"].choices = [(pk, theme.title) for pk, theme in self.themes.items()]

    def chosen(self) -> list:
        return [self.themes[pk] for pk in self.cleaned_data["themes"]]


class RaisedAnswerForm(CheckedTextForm, forms.Form):
    answer = forms.CharField(
        label=_("Svar til enheden"),
        max_length=RAISED_ANSWER_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "data-max-length": RAISED_ANSWER_LENGTH}),
        error_messages={
            "required": _("Skriv et svar til enheden."),
            "max_length": _("Skriv højst %(limit_value)d tegn."),
        },
    )
