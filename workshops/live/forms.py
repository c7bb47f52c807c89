"""Every POST of the live session is validated by one of these forms: a bad value gets a
clear Danish error (answered as 400), never a 500. Limits match the models."""

from django import forms
from django.utils.translation import gettext_lazy as _

from trivsel.idfields import BoundedModelChoiceField, IdField
from trivsel.validators import CheckedTextForm

from .. import kinds
from ..methods.words import QUADRANT_CENTRES, QUADRANTS, sort_columns
from ..models import NOTE_MAX_LENGTH, Factor, Note, Participant, Theme, Workshop, WorkshopPhase

TEXT_ERRORS = {
    "required": _("Skriv noget på din post-it."),
    "max_length": _(
        "En post-it kan højst have %(limit_value)d tegn (den har %(show_value)d) – gør den kortere."
    ),
}
FACTOR_CHOICES = [("", _("Ingen faktor")), *Factor.choices]


class LiveForm(CheckedTextForm, forms.Form):
    """A live form knows its workshop, so a choice of a phase, a participant or a post-it is
    limited to the workshop's own."""

    def __init__(self, *args, workshop: Workshop, **kwargs):
        self.workshop = workshop
        super().__init__(*args, **kwargs)

    def first_error(self) -> str:
        for errors in self.errors.values():
            return str(errors[0])
        return ""


class NoteFields(LiveForm):
    """A post-it's fields; its kind is one of the workshop's (workshops/kinds.py)."""

    kind = forms.ChoiceField(label=_("Hvad handler den om?"), widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Én ting pr. post-it"),
        max_length=NOTE_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea,  # lines are allowed (trivsel/validators.py)
        error_messages=TEXT_ERRORS,
    )
    factor = forms.ChoiceField(label=_("Faktor"), choices=FACTOR_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds.offer(self.fields["kind"], self.workshop)


# The facilitator -------------------------------------------------------------------------


class PhaseForm(LiveForm):
    action = forms.ChoiceField(choices=[("next", "next"), ("prev", "prev"), ("goto", "goto")])
    phase = BoundedModelChoiceField(queryset=WorkshopPhase.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = self.workshop.phases.all()

    def clean(self):
        data = super().clean()
        if data.get("action") == "goto" and not data.get("phase"):
            raise forms.ValidationError(_("Vælg en fase på dagsordenen."))
        return data


class TimerForm(LiveForm):
    action = forms.ChoiceField(
        choices=[("start", "start"), ("pause", "pause"), ("add", "add"), ("reset", "reset")],
        error_messages={"invalid_choice": _("Ukendt handling for tiden.")},
    )
    minutes = forms.IntegerField(min_value=-60, max_value=120, required=False)


class AutostartForm(LiveForm):
    phase = BoundedModelChoiceField(queryset=WorkshopPhase.objects.none())
    timer_autostart = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = self.workshop.phases.all()


class StatusForm(LiveForm):
    status = forms.ChoiceField(
        choices=Workshop.Status.choices, error_messages={"invalid_choice": _("Ukendt status.")}
    )
    # sent by a close button the console showed as refused (no confirm asked): if the
    # reason went away meanwhile, nothing is closed unasked
    expect_refusal = forms.BooleanField(required=False)


NUMBER_ERRORS = {
    "invalid": _("Antal post-its skal være et helt tal mellem 1 og 50."),
    "min_value": _("Antal post-its skal være et helt tal mellem 1 og 50."),
    "max_value": _("Antal post-its skal være et helt tal mellem 1 og 50."),
}


class SettingsForm(LiveForm):
    # named or anonymous post-its is chosen in the preparation (workshops.forms.WorkshopForm)
    min_notes = forms.IntegerField(
        min_value=1, max_value=50, required=False, error_messages=NUMBER_ERRORS
    )
    max_notes = forms.IntegerField(
        min_value=1, max_value=50, required=False, error_messages=NUMBER_ERRORS
    )


class OnBehalfForm(NoteFields):
    name = forms.CharField(label=_("Deltagerens navn (valgfrit)"), max_length=60, required=False)


class WallLinkForm(LiveForm):
    action = forms.ChoiceField(choices=[("open", "open"), ("revoke", "revoke")])


# Tools' actions (workshops/tools/) ---------------------------------------------------------


class RevealPairForm(LiveForm):
    participant = BoundedModelChoiceField(
        queryset=Participant.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Ukendt deltager.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = self.workshop.participants.all()


class RevealPinkForm(LiveForm):
    note = BoundedModelChoiceField(
        queryset=Note.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Ukendt pink post-it.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].queryset = self.workshop.notes.filter(colour=Note.Colour.PINK)


class EmptyForm(LiveForm):
    """An action with nothing to choose; still a form, so every POST goes through one."""


# The board -----------------------------------------------------------------------------------

THEME_ERRORS = {
    "required": _("Vælg et tema."),
    "invalid_choice": _("Det tema findes ikke længere – en anden har måske lagt det sammen."),
}
NOTE_ERRORS = {
    "required": _("Vælg en post-it."),
    "invalid_choice": _("Den post-it er ikke vist på væggen."),
}


class BoardForm(LiveForm):
    """A board action on a theme or a post-it of this workshop. `version` is the one the
    console showed: a stale one is a conflict (board.py), never an overwrite."""

    version = IdField(required=False)

    def theme_field(self, name="theme"):
        self.fields[name] = BoundedModelChoiceField(
            queryset=Theme.objects.filter(workshop=self.workshop), error_messages=THEME_ERRORS
        )

    def note_field(self, name="note"):
        self.fields[name] = BoundedModelChoiceField(
            queryset=Note.objects.revealed().filter(workshop=self.workshop),
            error_messages=NOTE_ERRORS,
        )


class MoveNoteForm(BoardForm):
    """ "Flyt til …": a theme's id, "new" (a new theme) or "none" (out of its theme)."""

    target = forms.CharField(max_length=20, error_messages={"required": _("Vælg hvorhen.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.note_field()

    def clean_target(self):
        target = self.cleaned_data["target"]
        if target in ("new", "none"):
            return None if target == "none" else "new"
        if not target.isdigit() or not self.workshop.themes.filter(pk=int(target)).exists():
            raise forms.ValidationError(THEME_ERRORS["invalid_choice"])
        return int(target)


class MoveOntoForm(BoardForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.note_field()
        self.note_field("onto")


class RenameThemeForm(BoardForm):
    title = forms.CharField(
        max_length=Theme._meta.get_field("title").max_length,
        strip=True,
        error_messages={
            "required": _("Giv temaet et navn."),
            "max_length": _("Et tema kan højst have %(limit_value)d tegn i navnet."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.theme_field()


class MergeThemeForm(BoardForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.theme_field()
        self.theme_field("into")


class SortThemeForm(BoardForm):
    column = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.theme_field()
        self.fields["column"].choices = [("", "")] + [
            (c["key"], c["label"]) for c in sort_columns(self.workshop)
        ]
        self.fields["column"].error_messages["invalid_choice"] = _(
            "Den kolonne findes ikke i denne metode."
        )


class PlaceThemeForm(BoardForm):
    """A place in the matrix by a drag (both positions, 0–100), by the menu (a quadrant,
    fine-tuned by the two positions) or off the matrix again (`remove`)."""

    quadrant = forms.ChoiceField(choices=[("", ""), *QUADRANTS], required=False)
    impact = forms.IntegerField(min_value=0, max_value=100, required=False)
    influence = forms.IntegerField(min_value=0, max_value=100, required=False)
    remove = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.theme_field()
        for name in ("impact", "influence"):
            self.fields[name].error_messages.update(
                invalid=_("En placering er et tal fra 0 til 100."),
                min_value=_("En placering er et tal fra 0 til 100."),
                max_value=_("En placering er et tal fra 0 til 100."),
            )

    def clean(self):
        data = super().clean()
        if data.get("remove"):
            data["position"] = (None, None)
            return data
        impact, influence = data.get("impact"), data.get("influence")
        quadrant = data.get("quadrant")
        if quadrant:
            centre_impact, centre_influence = QUADRANT_CENTRES[quadrant]
            top, right = quadrant.startswith("top"), quadrant.endswith("right")
            # a fine position within the chosen quadrant; else its centre
            impact = _within(impact, top, centre_impact)
            influence = _within(influence, right, centre_influence)
        elif impact is None or influence is None:
            raise forms.ValidationError(_("Vælg, hvor i matrixen temaet skal stå."))
        else:
            impact, influence = impact / 100, influence / 100
        data["position"] = (impact, influence)
        return data


def _within(value, upper: bool, centre: float) -> float:
    if value is None:
        return centre
    value = value / 100
    if upper and value < 0.5 or not upper and value > 0.5:
        return centre
    return value


class ChooseThemeForm(BoardForm):
    chosen = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.theme_field()


# Phones --------------------------------------------------------------------------------------


class JoinCodeForm(CheckedTextForm, forms.Form):
    code = forms.CharField(
        label=_("Kode"),
        max_length=12,
        error_messages={
            "required": _("Skriv koden, der står på skærmen."),
            "max_length": _("Koden er for lang. Tjek koden på skærmen, og prøv igen."),
        },
    )


class JoinForm(LiveForm):
    display_name = forms.CharField(label=_("Dit navn (valgfrit)"), max_length=60, required=False)


class NoteForm(NoteFields):
    client_key = forms.UUIDField(required=False)
    rev = forms.CharField(required=False, max_length=40)


class NoteChangeForm(LiveForm):
    action = forms.ChoiceField(
        choices=[("edit", "edit"), ("delete", "delete"), ("restore", "restore")],
        required=False,
    )
    version = IdField(min_value=0, required=False, error_messages={"invalid": _("Ugyldig udgave.")})

    def note_fields(self, data) -> NoteFields:
        return NoteFields(data, workshop=self.workshop)
