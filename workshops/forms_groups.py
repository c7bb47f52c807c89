"""The forms of the groups and the table plan (workshops/groups.py): every POST validated
here, with a Danish message."""

from django import forms
from django.utils.translation import gettext_lazy as _

from trivsel.idfields import BoundedModelChoiceField

from .groups import clean_names
from .live.forms import LiveForm
from .models import Group, GroupMember

MAX_NAMES = 200
NAMES_MAX_LENGTH = MAX_NAMES * 61


class NamesForm(forms.Form):
    """The planning group's list of who is coming (seed 004, step 7): one name a line."""

    names = forms.CharField(
        label=_("Deltagere (ét navn pr. linje)"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=NAMES_MAX_LENGTH,
        error_messages={
            "required": _("Skriv navnene på dem, der deltager – ét pr. linje."),
            "max_length": _("Listen er for lang: højst %(limit_value)d tegn."),
        },
    )

    def clean_names(self):
        names = clean_names(self.cleaned_data["names"])
        if len(names) < 2:
            raise forms.ValidationError(_("Skriv mindst to navne for at danne grupper."))
        if len(names) > MAX_NAMES:
            raise forms.ValidationError(_("Højst %(n)d navne ad gangen.") % {"n": MAX_NAMES})
        return names


class MoveForm(LiveForm):
    """Seat a person at another table of the same round (the console's menu and drag, and
    the planning page)."""

    member = BoundedModelChoiceField(
        queryset=GroupMember.objects.none(),
        error_messages={
            "required": _("Vælg hvem der skal flyttes."),
            "invalid_choice": _("Personen findes ikke i grupperne."),
        },
    )
    group = BoundedModelChoiceField(
        queryset=Group.objects.none(),
        error_messages={
            "required": _("Vælg en gruppe."),
            "invalid_choice": _("Gruppen findes ikke."),
        },
    )
    back = forms.ChoiceField(choices=[("console", "console"), ("plan", "plan")], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = GroupMember.objects.filter(group__workshop=self.workshop)
        self.fields["group"].queryset = Group.objects.filter(workshop=self.workshop)

    def clean(self):
        data = super().clean()
        member, group = data.get("member"), data.get("group")
        if member and group and member.round_number != group.round_number:
            raise forms.ValidationError(_("Man kan kun flytte til en gruppe i samme runde."))
        return data


class RoundForm(LiveForm):
    """Form a round's tables on the day from the participants present."""

    round = forms.IntegerField(
        min_value=1,
        max_value=9,
        error_messages={"required": _("Vælg en runde."), "invalid": _("Vælg en runde.")},
    )
