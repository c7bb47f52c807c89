"""The group work's forms: a phone's (limited to its own group's post-its and headings: a
post-it of another group is "not found", never changed) and the leader's. Danish errors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from trivsel.idfields import BoundedModelChoiceField, IdField

from .. import kinds
from ..models import NOTE_MAX_LENGTH, Group, Note, Theme
from .forms import TEXT_ERRORS, LiveForm

LEADER_NOTES_MAX = 5000
HEADING_MAX = Theme._meta.get_field("title").max_length
DIVERGENCE_MAX = Theme._meta.get_field("divergence").max_length

GROUP_NOTE_ERRORS = {
    "required": _("Vælg en af gruppens post-its."),
    "invalid_choice": _("Den post-it er ikke på din gruppes tavle."),
    "invalid_pk_value": _("Den post-it er ikke på din gruppes tavle."),
}
GROUP_THEME_ERRORS = {
    "required": _("Vælg en af gruppens overskrifter."),
    "invalid_choice": _("Den overskrift er ikke på din gruppes tavle."),
    "invalid_pk_value": _("Den overskrift er ikke på din gruppes tavle."),
}


class GroupForm(LiveForm):
    """A phone's action on its group's board: choices limited to that group's own."""

    def __init__(self, *args, group: Group | None = None, **kwargs):
        self.group = group
        super().__init__(*args, **kwargs)

    def note_field(self, name="note"):
        self.fields[name] = BoundedModelChoiceField(
            queryset=Note.objects.kept().filter(group=self.group), error_messages=GROUP_NOTE_ERRORS
        )

    def theme_field(self, name="theme", required=True):
        self.fields[name] = BoundedModelChoiceField(
            queryset=Theme.objects.filter(group=self.group),
            required=required,
            error_messages=GROUP_THEME_ERRORS,
        )


class GroupNoteForm(GroupForm):
    kind = forms.ChoiceField(
        label=_("Hvad er det?"),
        choices=(),  # the workshop's kinds (workshops/kinds.py), set below
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Én pointe eller handling pr. post-it"),
        max_length=NOTE_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea,
        error_messages=TEXT_ERRORS,
    )
    client_key = forms.UUIDField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.group is not None:
            kinds.offer(self.fields["kind"], self.group.workshop)


class HeadingForm(GroupForm):
    title = forms.CharField(
        label=_("Overskrift"),
        max_length=HEADING_MAX,
        strip=True,
        error_messages={
            "required": _("Skriv en overskrift."),
            "max_length": _("En overskrift kan højst have %(limit_value)d tegn."),
        },
    )


class PlaceNoteForm(GroupForm):
    """A post-it under a heading; no heading: out of the headings."""

    version = IdField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.note_field()
        self.theme_field(required=False)


class DivergenceForm(GroupForm):
    version = IdField(required=False)
    divergence = forms.CharField(
        label=_("Peger noget i forskellige retninger?"),
        max_length=DIVERGENCE_MAX,
        required=False,
        strip=True,
        widget=forms.Textarea,
        error_messages={"max_length": _("Højst %(limit_value)d tegn.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.theme_field()


class MarkForm(GroupForm):
    version = IdField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.note_field()


# The leader --------------------------------------------------------------------------------


class PlenumGroupForm(LiveForm):
    """The group the wall shows in the plenum: one of this workshop's groups."""

    group = BoundedModelChoiceField(
        queryset=Group.objects.none(),
        error_messages={
            "required": _("Vælg en gruppe."),
            "invalid_choice": _("Den gruppe findes ikke."),
            "invalid_pk_value": _("Den gruppe findes ikke."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Group.objects.filter(workshop=self.workshop)


class LeaderNotesForm(LiveForm):
    leader_notes = forms.CharField(
        label=_("Mine noter"),
        max_length=LEADER_NOTES_MAX,
        required=False,
        strip=True,
        widget=forms.Textarea,
        error_messages={
            "max_length": _("Noterne kan højst have %(limit_value)d tegn (de har %(show_value)d).")
        },
    )
