"""Forms for the trio's preparation. Labels and errors are Danish; limits match the models."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from surveys.models import Round
from trivsel.dates import DanishDateField
from trivsel.idfields import BoundedModelChoiceField
from trivsel.validators import CONTROL, CheckedTextForm, NoControlCharacters
from units.models import Role

from . import kinds
from .models import NOTE_MAX_LENGTH, ChecklistItem, Factor, Method, Note, PrepItem, Workshop
from .preparation import anonymity_fixed, current_round

MIN_PLANNED, MAX_PLANNED = 120, 180
MAX_GROUND_RULES = 20
GROUND_RULE_LENGTH = 200
# the workshop's long texts (issue 19, item 4: every text has a limit)
EXPECTATIONS_LENGTH = 2000
INVITATION_LENGTH = 10000


class WorkshopForm(CheckedTextForm, forms.ModelForm):
    class Meta:
        model = Workshop
        fields = [
            "title",
            "round",
            "method",
            "date",
            "start_time",
            "place",
            "planned_minutes",
            "expected_participants",
            "facilitator",
            "facilitator_name",
            "timekeeper_name",
            "note_taker_name",
            "anonymous",
        ]
        labels = {
            "facilitator": _("Facilitator fra enheden"),
            "facilitator_name": _("… eller en lånt facilitator (navn)"),
            "timekeeper_name": _("Tidsstyrer"),
            "note_taker_name": _("Opsamler / referent"),
        }
        help_texts = {
            "planned_minutes": _("Sæt 2–3 timer af (120–180 minutter)."),
            "facilitator_name": _(
                "Fx en facilitator, I låner fra en anden enhed. Udfyld kun ét af de to felter."
            ),
            "method": _("Metoden bestemmer dagsordenens faser, spilleregler og tjekliste."),
        }
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        # an id too large for the database is an invalid choice (trivsel/idfields.py)
        field_classes = {
            "date": DanishDateField,
            **dict.fromkeys(("round", "method", "facilitator"), BoundedModelChoiceField),
        }

    anonymous = forms.TypedChoiceField(
        label=_("Skriver deltagerne post-its med navn eller anonymt?"),
        choices=[
            (
                False,
                _(
                    "Med navn – deltagerne skriver deres navn, og alle kan se, hvem der har "
                    "skrevet en post-it, så I kan spørge ind til den"
                ),
            ),
            (
                True,
                _(
                    "Anonymt – ingen, heller ikke facilitator, kan se, hvem der har skrevet "
                    "hvad; post-its vises to ad gangen i tilfældig rækkefølge"
                ),
            ),
        ],
        coerce=lambda value: value in (True, "True"),
        empty_value=False,
        required=False,
        widget=forms.RadioSelect,
        initial=False,
        help_text=_(
            "Vælg anonymt, hvis den psykologiske tryghed i enheden er lav. Udskrifter og filer "
            "viser aldrig, hvem der skrev hvad. Valget ligger fast, når den første post-it er "
            "vist på væggen."
        ),
    )

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        if self.instance.pk and anonymity_fixed(self.instance):
            self.fields["anonymous"].disabled = True
        self.fields["round"].queryset = Round.objects.filter(
            organisation_id__in=unit.ancestor_ids()
        )
        self.fields["round"].empty_label = _("(ingen måling valgt)")
        self.fields["round"].help_text = _(
            "Workshoppens handleplaner tæller med i denne måling. Vælger I ingen, tæller de "
            "med i den måling, der er i gang på workshoppens dato."
        )
        if not self.instance.pk:
            self.fields["round"].initial = current_round(unit)
        # A member of the unit, or a facilitator registered on a unit above it.
        self.fields["facilitator"].queryset = (
            get_user_model()
            .objects.filter(
                # a join sees ended roles too (Membership.objects does not apply to it)
                Q(memberships__unit=unit, memberships__ended_on=None)
                | Q(
                    memberships__unit_id__in=unit.ancestor_ids(),
                    memberships__role=Role.FACILITATOR,
                    memberships__ended_on=None,
                )
                # one HR lent to this workshop from elsewhere (units/people.py) stays choosable
                | Q(pk=self.instance.facilitator_id or 0)
            )
            .distinct()
            .order_by("first_name", "last_name", "username")
        )
        self.fields["facilitator"].label_from_instance = lambda person: (
            person.get_full_name() or person.get_username()
        )
        self.fields["facilitator"].empty_label = _("(ingen valgt)")
        self.fields["planned_minutes"].validators += [
            MinValueValidator(MIN_PLANNED, _("Planlæg mindst 2 timer (120 minutter).")),
            MaxValueValidator(MAX_PLANNED, _("Planlæg højst 3 timer (180 minutter).")),
        ]
        self.fields["expected_participants"].validators += [
            MinValueValidator(1, _("Skriv et antal på mindst 1.")),
            MaxValueValidator(200, _("Skriv et antal på højst 200.")),
        ]
        self.fields["title"].required = True
        if self.instance.pk:
            # The phases were copied when the workshop was created; a new method would not
            # change them, so it is not offered again.
            del self.fields["method"]
        else:
            self.fields["method"].queryset = Method.objects.all()
            self.fields["method"].empty_label = None

    def clean(self):
        data = super().clean()
        if data.get("facilitator") and data.get("facilitator_name", "").strip():
            self.add_error(
                "facilitator_name",
                _("Vælg enten en facilitator fra enheden eller skriv et navn – ikke begge."),
            )
        return data


class PhaseMinutesForm(CheckedTextForm, forms.Form):
    minutes = forms.IntegerField(
        label=_("Minutter"),
        min_value=1,
        max_value=240,
        error_messages={
            "required": _("Skriv et antal minutter."),
            "invalid": _("Skriv et helt antal minutter."),
            "min_value": _("En fase skal vare mindst 1 minut."),
            "max_value": _("En fase kan højst vare 240 minutter."),
        },
    )


class BreakForm(CheckedTextForm, forms.Form):
    after = forms.TypedChoiceField(label=_("Indsæt pause efter"), coerce=int)
    minutes = forms.IntegerField(
        label=_("Pausens længde (minutter)"),
        initial=15,
        min_value=5,
        max_value=60,
        error_messages={
            "required": _("Skriv pausens længde i minutter."),
            "min_value": _("En pause skal vare mindst 5 minutter."),
            "max_value": _("En pause kan højst vare 60 minutter."),
        },
    )

    def __init__(self, *args, phases, **kwargs):
        super().__init__(*args, **kwargs)
        self.phases = {phase.pk: phase for phase in phases}
        self.fields["after"].choices = [(0, _("(før første fase)"))] + [
            (phase.pk, phase.name) for phase in phases
        ]
        if phases:
            self.fields["after"].initial = phases[len(phases) // 2 - 1].pk

    def after_phase(self):
        return self.phases.get(self.cleaned_data["after"])


class GroundRulesForm(CheckedTextForm, forms.Form):
    """Ground rules are a list of lines; the page shows one input per line (`rule`) so lines
    can be edited, cleared (removed) or added without JavaScript."""

    expectations = forms.CharField(
        label=_("Forventninger til udbyttet"),
        required=False,
        max_length=EXPECTATIONS_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4, "data-max-length": EXPECTATIONS_LENGTH}),
        help_text=_("Hvad håber I, at workshoppen giver? Gennemgås ved velkomsten."),
    )

    def __init__(self, data=None, *, rules=None, **kwargs):
        super().__init__(data, **kwargs)
        self.rules = [r.strip() for r in data.getlist("rule")] if data is not None else rules
        self.rule_errors: list[str] = []

    def clean(self):
        data = super().clean()
        rules = [rule for rule in self.rules if rule]
        for rule in rules:
            if len(rule) > GROUND_RULE_LENGTH:
                self.rule_errors.append(
                    _("En spilleregel kan højst være %(n)s tegn: “%(start)s…”")
                    % {"n": GROUND_RULE_LENGTH, "start": rule[:40]}
                )
            try:
                NoControlCharacters()(rule)  # the lines are inputs, not fields of the form
            except forms.ValidationError as error:
                self.rule_errors.append(
                    _("Spillereglen “%(start)s…”: %(error)s")
                    % {"error": error.messages[0], "start": CONTROL.sub("", rule[:40])}
                )
        if len(rules) > MAX_GROUND_RULES:
            self.rule_errors.append(
                _("Højst %(n)s spilleregler – begræns jer til det vigtigste.")
                % {"n": MAX_GROUND_RULES}
            )
        if self.rule_errors:
            raise forms.ValidationError(_("Ret spillereglerne herunder."))
        data["rules"] = rules
        return data


class PinkNoteForm(CheckedTextForm, forms.ModelForm):
    """The trio's pink post-it; its kind is one of the workshop's (workshops/kinds.py)."""

    kind = forms.ChoiceField(label=_("Slags"), widget=forms.RadioSelect)
    factor = forms.ChoiceField(
        label=_("Faktor (valgfri)"),
        required=False,
        choices=[("", _("(ingen)")), *Factor.choices],
    )

    class Meta:
        model = Note
        fields = ["text", "kind", "factor", "presenter_name", "harassment"]
        labels = {
            "text": _("Emne (ét emne pr. post-it)"),
            "presenter_name": _("Præsenteres af"),
            "harassment": _("Krænkelse – kræver handling"),
        }
        help_texts = {
            "text": _("Højst %(n)s tegn.") % {"n": NOTE_MAX_LENGTH},
            "presenter_name": _("Hvem fra trioen fortæller om post-it’en på workshoppen?"),
        }
        # no maxlength: the browser would cut a pasted text silently; app.js counts instead
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "data-max-length": NOTE_MAX_LENGTH})}
        error_messages = {
            "text": {
                "required": _("Skriv emnet på post-it’en."),
                "max_length": _("Højst 280 tegn – ét emne pr. post-it."),
            }
        }

    def __init__(self, *args, workshop: Workshop, **kwargs):
        self.workshop = workshop
        super().__init__(*args, **kwargs)
        # the model's max_length would add maxlength, and the browser would cut a paste
        self.fields["text"].widget.attrs.pop("maxlength", None)
        kinds.offer(self.fields["kind"], workshop)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if data.get("harassment") and kind and kinds.is_positive(self.workshop, kind):
            others = [k.label for k in kinds.kinds_of(self.workshop) if not k.positive]
            self.add_error(
                "kind",
                _("En krænkelse, der kræver handling, skal markeres som “%(label)s”.")
                % {"label": others[0] if others else ""},
            )
        return data


class PrepItemForm(CheckedTextForm, forms.ModelForm):
    class Meta:
        model = PrepItem
        fields = ["text"]
        labels = {"text": _("Nyt punkt")}
        error_messages = {
            "text": {
                "required": _("Skriv punktet."),
                "max_length": _("Højst 500 tegn."),
            }
        }


class InvitationForm(CheckedTextForm, forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["invitation_text"]
        labels = {"invitation_text": _("Invitationens tekst")}
        widgets = {"invitation_text": forms.Textarea(attrs={"rows": 24})}
        error_messages = {"invitation_text": {"required": _("Invitationen må ikke være tom.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invitation_text"].required = True
        self.fields["invitation_text"].max_length = INVITATION_LENGTH
        self.fields["invitation_text"].validators.append(MaxLengthValidator(INVITATION_LENGTH))


class ChecklistItemForm(CheckedTextForm, forms.ModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["label"]
        labels = {"label": _("Nyt punkt på tjeklisten")}
        error_messages = {
            "label": {"required": _("Skriv punktet."), "max_length": _("Højst 300 tegn.")}
        }
