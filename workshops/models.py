"""Workshops, their methods and phases, participants and post-its.

A method is data: an ordered list of phases, each naming the *tool* it uses. Views and
templates branch on the tool, never on the method's name, so a new method (Nyborg TalSammen,
Cabi) is configuration plus templates, not a fork of the views.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Tool(models.TextChoices):
    INTRO = "intro", _("Velkomst og introduktion")
    REFLECTION = "reflection", _("Individuel refleksion (post-its)")
    PRESENTATION = "presentation", _("Præsentation af post-its")
    GROUPING = "grouping", _("Gruppering i temaer")
    SORTING = "sorting", _("Bevare / forandre / P-plads")
    MATRIX = "matrix", _("Mulighedsrummet (matrix)")
    VOTE = "vote", _("Afstemning")
    ARROW = "arrow", _("Pilen – hvad skal vi gøre?")
    FREE_TEXT = "free_text", _("Fri tekst")
    BREAK = "break", _("Pause")
    CLOSING = "closing", _("Afrunding")
    # a method's group work (seed 004): examples, sorting and the plenum at tables of 3–4
    GROUP_EXAMPLES = "group_examples", _("Gruppernes eksempler (post-its)")
    GROUP_SORT = "group_sort", _("Gruppernes sortering og prioritering")
    GROUP_PLENUM = "group_plenum", _("Plenum: gruppernes 2 + 2")


class Factor(models.TextChoices):
    """The postcard's six factors ("seks guldkorn", seed 003)."""

    DEMANDS = "krav", _("Krav")
    INFLUENCE = "indflydelse", _("Indflydelse")
    MEANING = "mening", _("Mening")
    SUPPORT = "social_stoette", _("Social støtte")
    PREDICTABILITY = "forudsigelighed", _("Forudsigelighed")
    REWARD = "beloenning", _("Belønning")


class Method(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    source = models.CharField(_("kilde"), max_length=300, blank=True)
    is_default = models.BooleanField(_("standardmetode"), default=False)
    default_ground_rules = models.JSONField(_("spilleregler"), default=list, blank=True)
    default_checklist = models.JSONField(_("tjekliste"), default=list, blank=True)
    # the themes employees choose from before the day and the follow-up timeline's steps, as
    # the method file says them (workshops/methods/__init__.py); empty when the method has none
    topics = models.JSONField(_("temaer at vælge imellem"), default=list, blank=True)
    timeline = models.JSONField(_("tidsplan"), default=list, blank=True)
    # the method file's version and the checksum of its content as loaded: a file changed
    # without a new version is refused (workshops/methods/__init__.py); 0 = loaded before
    # methods had versions
    version = models.PositiveIntegerField(_("version"), default=0)
    checksum = models.CharField(_("kontrolsum"), max_length=64, blank=True)
    # the method's post-it kinds: [{"key", "label", "short", "sign", "colour"}] (workshops/kinds)
    note_kinds = models.JSONField(_("slags post-its"), default=list, blank=True)

    class Meta:
        verbose_name = _("metode")
        verbose_name_plural = _("metoder")
        ordering = ["-is_default", "name"]

    def __str__(self):
        return self.name


class MethodPhase(models.Model):
    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(_("navn"), max_length=200)
    minutes = models.PositiveSmallIntegerField(_("minutter"))
    tool = models.CharField(_("værktøj"), max_length=20, choices=Tool.choices)
    instructions = models.TextField(_("instruktion til facilitator"), blank=True)
    participant_prompt = models.TextField(_("tekst til deltagerne"), blank=True)
    materials = models.CharField(_("materialer"), max_length=300, blank=True)
    # the paragraph of the method's document the phase implements
    source = models.CharField(_("kilde"), max_length=300, blank=True)
    # the tool's words for this method: sort columns, matrix axes and quadrant guidance, vote
    # defaults (workshops/methods/words.py); what it leaves out is the tool's own default
    config = models.JSONField(_("værktøjets ord"), default=dict, blank=True)

    class Meta:
        ordering = ["method", "order"]
        constraints = [
            models.UniqueConstraint(fields=["method", "order"], name="unique_method_phase_order")
        ]

    def __str__(self):
        return self.name


def new_join_token():
    return secrets.token_urlsafe(24)  # 192 bits


JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_join_code():
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(6))


class Workshop(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Under forberedelse")
        LIVE = "live", _("I gang")
        CLOSED = "closed", _("Afsluttet")

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("enhed"), on_delete=models.CASCADE, related_name="workshops"
    )
    round = models.ForeignKey(
        "surveys.Round",
        verbose_name=_("måling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workshops",
    )
    method = models.ForeignKey(Method, verbose_name=_("metode"), on_delete=models.PROTECT)
    # the method's version the phases and words were copied from (None: before versions)
    method_version = models.PositiveIntegerField(_("metodens version"), null=True, blank=True)
    title = models.CharField(_("titel"), max_length=200, default="Trivselsdialog")
    date = models.DateField(_("dato"), null=True, blank=True)
    start_time = models.TimeField(_("starttidspunkt"), null=True, blank=True)
    place = models.CharField(_("sted"), max_length=200, blank=True)
    planned_minutes = models.PositiveSmallIntegerField(
        _("planlagt varighed (minutter)"), default=150
    )
    expected_participants = models.PositiveSmallIntegerField(
        _("forventet antal deltagere"), null=True, blank=True
    )

    # Roles (seed 000: "Rollefordeling"): a member of the unit, or a free-text name for a
    # facilitator borrowed from another unit.
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    facilitator_name = models.CharField(_("facilitator (navn)"), max_length=200, blank=True)
    timekeeper_name = models.CharField(_("tidsstyrer"), max_length=200, blank=True)
    note_taker_name = models.CharField(_("opsamler/referent"), max_length=200, blank=True)

    ground_rules = models.JSONField(_("spilleregler"), default=list, blank=True)
    # the themes a method's group rounds talk about, chosen before the day (seed 004: one
    # trivselstema and one ledelsestema): {"trivsel": {"title": …, "description": …}, …},
    # keyed as the phases' config names them; empty when the method has none
    topics = models.JSONField(_("temaer til dialogen"), default=dict, blank=True)
    # the method's themes copied in when the workshop is made (the list the answer cards offer,
    # workshops/topic_choice.py) and the planning group's follow-up timeline: the method's steps,
    # each a day offset from the workshop's date or a date the group set
    topic_choices = models.JSONField(_("temaer at vælge imellem"), default=list, blank=True)
    timeline = models.JSONField(_("tidsplan"), default=list, blank=True)
    # the post-it kinds, copied from the method when the workshop is made (workshops/kinds)
    note_kinds = models.JSONField(_("slags post-its"), default=list, blank=True)
    expectations = models.TextField(_("forventninger til udbyttet"), blank=True)
    invitation_text = models.TextField(_("invitation"), blank=True)

    # Live session settings
    anonymous = models.BooleanField(
        _("anonym tilstand"),
        default=False,
        help_text=_("Ingen – heller ikke facilitator – kan se, hvem der har skrevet en post-it."),
    )
    min_notes_per_person = models.PositiveSmallIntegerField(
        _("minimum post-its pr. deltager"), null=True, blank=True
    )
    max_notes_per_person = models.PositiveSmallIntegerField(
        _("maksimum post-its pr. deltager"), null=True, blank=True
    )
    # the vote's settings (seed 000: two marks each); fixed while a vote is open
    vote_marks = models.PositiveSmallIntegerField(_("streger pr. deltager"), default=2)
    vote_several_on_one = models.BooleanField(_("flere streger på samme tema"), default=False)
    vote_live_tally = models.BooleanField(_("vis stemmerne undervejs"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    # when it was closed: a slip can be taken back the same day; after that it is a record
    closed_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    join_code = models.CharField(max_length=8, unique=True, default=new_join_code)
    join_token = models.CharField(max_length=64, unique=True, default=new_join_token)
    # A wall-only link for a projector PC that is not the leader's: shows what the room sees
    # and nothing else. None = no link; revoking or closing the workshop clears it.
    wall_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    current_phase = models.ForeignKey(
        "WorkshopPhase", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    presenting = models.ForeignKey(
        "Participant", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # the arrow (seed 000, "Hvad skal vi gøre?"): the chosen theme the room works on and the
    # question it has reached (1..5; 6 = "Sæt i gang", the plan as a whole)
    arrow_theme = models.ForeignKey(
        "Theme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    arrow_step = models.PositiveSmallIntegerField(default=1)
    # the plenum (seed 004, C): the group whose 2 + 2 the wall shows now (None: the first)
    plenum_group = models.ForeignKey(
        "Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # the leader's own notes while listening (seed 004, Bilag 5): on the console only, never
    # on the wall or a phone
    leader_notes = models.TextField(_("lederens noter"), blank=True)
    timer_ends_at = models.DateTimeField(null=True, blank=True)
    timer_remaining_seconds = models.PositiveIntegerField(null=True, blank=True)
    # Bumped in the same transaction as every change a live screen shows; screens ask
    # "anything newer than N?" with one indexed read.
    revision = models.PositiveBigIntegerField(default=0)
    # Phones show only the phase, the timer and their own post-its. They compare this
    # counter (phase/timer/status/settings) plus their participant's own counter, so a phone
    # is not re-rendered every time someone else in the room writes a post-it.
    phone_revision = models.PositiveBigIntegerField(default=0)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("trivselsdialog")
        verbose_name_plural = _("trivselsdialoger")
        ordering = ["-date", "-created_at"]

    def __str__(self):
        return f"{self.title} · {self.unit}"

    def phone_revision_for(self, participant) -> str:
        """The revision a participant's phone shows: "<workshop phones>.<own post-its>"."""
        return f"{self.phone_revision}.{participant.revision}"


class WorkshopPhase(models.Model):
    """A phase of this workshop's agenda, copied from its method so the trio can reorder,
    retime and add breaks without touching the method."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(_("navn"), max_length=200)
    minutes = models.PositiveSmallIntegerField(_("minutter"))
    tool = models.CharField(_("værktøj"), max_length=20, choices=Tool.choices)
    instructions = models.TextField(_("instruktion til facilitator"), blank=True)
    participant_prompt = models.TextField(_("tekst til deltagerne"), blank=True)
    materials = models.CharField(_("materialer"), max_length=300, blank=True)
    timer_autostart = models.BooleanField(
        _("start tiden, når fasen starter"),
        default=False,
        help_text=_("Ellers står tiden på pause, til facilitator starter den."),
    )
    config = models.JSONField(_("værktøjets ord"), default=dict, blank=True)

    class Meta:
        ordering = ["workshop", "order"]

    def __str__(self):
        return self.name


class PrepItem(models.Model):
    """The trio's lists (seed 000): things we solve ourselves and only announce, and
    physical work-environment items that go to their own track."""

    class Kind(models.TextChoices):
        SOLVE_OURSELVES = "solve", _("Det løser vi selv")
        PHYSICAL = "physical", _("Fysisk arbejdsmiljø (eget spor)")

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="prep_items")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(_("tekst"), max_length=500)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "order", "pk"]

    def __str__(self):
        return self.text


class ChecklistItem(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="checklist")
    label = models.CharField(_("punkt"), max_length=300)
    done = models.BooleanField(_("klaret"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.label


class Participant(models.Model):
    """A pseudonymous participant bound to one workshop; no account. The phone holds the
    token in a cookie scoped to the workshop's join path."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="participants")
    token = models.CharField(max_length=64, unique=True, default=new_join_token)
    # 1, 2, 3 … in the order people join this workshop: "Deltager 3" in a room of 12, not
    # the database id.
    number = models.PositiveIntegerField(null=True)
    display_name = models.CharField(_("navn"), max_length=60, blank=True)
    on_behalf = models.BooleanField(
        default=False, help_text="Created by the facilitator for someone without a phone."
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    revision = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "number"], name="unique_participant_number")
        ]

    def __str__(self):
        return participant_label(self.number, self.display_name)

    # per kind, post-its not shown yet: set by workshops.live.visibility.participant_counts
    left: tuple[tuple[str, int], ...] = ()

    def left_of(self, key: str) -> int:
        return dict(self.left).get(key, 0)

    @property
    def left_total(self) -> int:
        return sum(n for _, n in self.left)


def participant_label(number: int | None, display_name: str) -> str:
    return display_name or gettext("Deltager %(number)s") % {"number": number or "?"}


NOTE_MAX_LENGTH = 280


class NoteQuerySet(models.QuerySet):
    """The workshop's rules about post-its, written once (who sees which post-it is decided
    in workshops/live/visibility.py, from these)."""

    def kept(self):
        """Not deleted by its writer."""
        return self.filter(deleted=False)

    def revealed(self):
        """Shown on the wall (and not deleted)."""
        return self.kept().filter(revealed_at__isnull=False)

    def unrevealed(self):
        return self.kept().filter(revealed_at__isnull=True)

    def pink(self):
        """The trio's post-its from the survey report (not deleted)."""
        return self.kept().filter(colour=Note.Colour.PINK)

    def kraenkelse(self):
        """Post-its about krænkelser (not deleted): their theme always leads to action
        (seed 000: some work-environment problems always require action)."""
        return self.kept().filter(harassment=True)


class ThemeQuerySet(models.QuerySet):
    def _kraenkelse_note(self):
        return Exists(Note.objects.kraenkelse().filter(theme=OuterRef("pk")))

    def with_kraenkelse(self):
        """Each theme with `is_kraenkelse`: it carries a post-it about krænkelser."""
        return self.annotate(is_kraenkelse=self._kraenkelse_note())

    def kraenkelse(self):
        """Themes with a post-it about krænkelser: always on the arrow, never parked."""
        return self.filter(self._kraenkelse_note())

    def without_kraenkelse(self):
        return self.exclude(self._kraenkelse_note())

    def on_arrow(self):
        """The themes the arrow takes: those chosen (after the matrix or by the vote) and,
        whatever was chosen, every theme with a post-it about krænkelser."""
        return self.filter(Q(chosen=True) | self._kraenkelse_note())


class Note(models.Model):
    """A post-it. Yellow ones are written by participants in the session; pink ones by the
    trio beforehand from the survey report. Hidden from participants and the wall until
    revealed; see workshops.live.visibility for the one query that decides who sees what."""

    class Colour(models.TextChoices):
        YELLOW = "yellow", _("Gul")
        PINK = "pink", _("Pink")

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="notes")
    colour = models.CharField(max_length=10, choices=Colour.choices)
    # one of the workshop's kinds (workshops/kinds.py; the forms check it): Albertslund's
    # "good"/"change", Nyborg's "point"/"action", …
    kind = models.CharField(_("slags"), max_length=20)
    text = models.CharField(_("tekst"), max_length=NOTE_MAX_LENGTH)
    factor = models.CharField(_("faktor"), max_length=20, choices=Factor.choices, blank=True)
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    presenter_name = models.CharField(_("præsenteres af"), max_length=200, blank=True)
    harassment = models.BooleanField(
        _("krænkelse – kræver handling"),
        default=False,
        help_text=_("Uløste krænkelser får altid en pink post-it og fører altid til handling."),
    )
    revealed_at = models.DateTimeField(null=True, blank=True)
    theme = models.ForeignKey(
        "Theme", null=True, blank=True, on_delete=models.SET_NULL, related_name="notes"
    )
    # written to a group's own board (a phase run in groups); None: the room's board
    group = models.ForeignKey(
        "Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="notes"
    )
    # one of its group's two most important of its kind (seed 004, B: 2 points, 2 actions)
    priority = models.PositiveSmallIntegerField(null=True, blank=True)
    reveal_order = models.PositiveIntegerField(null=True, blank=True)
    client_key = models.UUIDField(default=uuid.uuid4)
    version = models.PositiveIntegerField(default=1)
    deleted = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "client_key"], name="unique_note_client_key"
            ),
            # a group marks at most two of each kind: the marks take slots 1 and 2
            models.UniqueConstraint(
                fields=["group", "kind", "priority"],
                condition=Q(priority__isnull=False),
                name="two_priorities_per_group_and_kind",
            ),
            models.CheckConstraint(
                condition=Q(priority__isnull=True) | Q(priority__in=(1, 2)),
                name="note_priority_one_or_two",
            ),
        ]
        indexes = [models.Index(fields=["workshop", "revealed_at"])]

    def __str__(self):
        return self.text

    @property
    def is_revealed(self) -> bool:
        return self.revealed_at is not None


class JoinAttempt(models.Model):
    """A failed short-code guess, kept for an hour to rate-limit guessing per address.
    In the database (not process memory) so every app server sees the same count."""

    ip = models.GenericIPAddressField()
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["ip", "at"])]

    def __str__(self):
        return f"{self.ip} {self.at:%H:%M:%S}"


# The board: themes, the vote, and the facilitator's undo --------------------------------


class Theme(models.Model):
    """A group of revealed post-its that are about the same thing (seed 000, "udforsk og
    gruppér"), then sorted into the method's columns, placed in the matrix and voted on.

    `version` goes up on every change: a console that edits with an older one gets a
    conflict with the fresh state, never a silent overwrite."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="themes")
    title = models.CharField(_("navn"), max_length=120)
    order = models.PositiveIntegerField(default=0)
    # the key of one of the sort tool's columns (the method's words); "" = not sorted yet
    column = models.CharField(_("kolonne"), max_length=30, blank=True)
    # the matrix: 0..1 on each axis (vertical: importance, horizontal: our influence); None =
    # not placed
    impact = models.FloatField(null=True, blank=True)
    influence = models.FloatField(null=True, blank=True)
    # goes on to the arrow (chosen after the matrix or by the vote)
    chosen = models.BooleanField(default=False)
    # a heading a group wrote on its own board (seed 004, "Hvad går igen?"); None: the room's
    group = models.ForeignKey(
        "Group", null=True, blank=True, on_delete=models.CASCADE, related_name="themes"
    )
    # where the group's post-its under this heading point in different directions (seed 004)
    divergence = models.CharField(_("peger i forskellige retninger"), max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    @property
    def placed(self) -> bool:
        return self.impact is not None and self.influence is not None


class Placement(models.Model):
    """Where a theme stood in one phase of a tool that a method may run twice (Cabi, seed
    003: "kan påvirkes / kan ikke påvirkes", then "vigtigt / haster"): the sort's column, the
    matrix's position and "chosen". The Theme's own fields are the working copy of the
    current (or latest) such phase; live/placements.py keeps each phase's here when the
    room leaves it and puts it back when the room comes back."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="placements")
    phase = models.ForeignKey(WorkshopPhase, on_delete=models.CASCADE, related_name="placements")
    column = models.CharField(_("kolonne"), max_length=30, blank=True)
    impact = models.FloatField(null=True, blank=True)
    influence = models.FloatField(null=True, blank=True)
    chosen = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["theme", "phase"], name="unique_placement")]
        indexes = [models.Index(fields=["phase", "theme"])]

    def __str__(self):
        return f"{self.theme} @ {self.phase}"


class Group(models.Model):
    """A table of a few people in the phases a method runs in groups (seed 004: groups of 3–4,
    new groups for round 2). `round_number` is the method's group round (1, 2, …), `number`
    the table within it."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="groups")
    round_number = models.PositiveSmallIntegerField(_("runde"), default=1)
    number = models.PositiveSmallIntegerField(_("gruppe"))

    class Meta:
        verbose_name = _("gruppe")
        verbose_name_plural = _("grupper")
        ordering = ["workshop", "round_number", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "round_number", "number"], name="unique_group_number"
            )
        ]

    def __str__(self):
        return gettext("Gruppe %(number)s") % {"number": self.number}


class GroupMember(models.Model):
    """A seat in a group: a participant on the day, or a name when groups are formed ahead
    (seed 004, step 7) before anyone has joined. `round_number` repeats the group's so the
    rule "one group per person per round" holds in the database."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    round_number = models.PositiveSmallIntegerField()
    participant = models.ForeignKey(
        Participant,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="group_memberships",
    )
    name = models.CharField(_("navn"), max_length=60, blank=True)

    class Meta:
        ordering = ["group", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "round_number"],
                condition=models.Q(participant__isnull=False),
                name="one_group_per_participant_per_round",
            )
        ]

    def __str__(self):
        return str(self.participant) if self.participant_id else self.name


class Vote(models.Model):
    """A dot vote over some themes (seed 000: "hver deltager sætter en streg ved de 2
    emner"). Its settings are fixed while it is open. Marks are secret: a mark carries a
    ballot key derived from the participant with the server's secret, never the participant."""

    class Status(models.TextChoices):
        OPEN = "open", _("Åben")
        CLOSED = "closed", _("Lukket")

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="votes")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    themes = models.ManyToManyField(Theme, related_name="votes")
    marks_per_person = models.PositiveSmallIntegerField(default=2)
    several_on_one = models.BooleanField(default=False)
    live_tally = models.BooleanField(default=False)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # the themes sent on to the arrow when the result was applied (None: not yet)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop"],
                condition=models.Q(status="open"),
                name="one_open_vote_per_workshop",
            )
        ]

    def __str__(self):
        return f"{self.workshop_id} {self.opened_at:%H:%M}"


class VoteMark(models.Model):
    """One mark ("en streg"). The limit holds in the database, under concurrency, on SQLite
    and PostgreSQL alike: a ballot's marks take slots 1..N (unique), so two marks sent at
    once cannot both take the last slot; `distinct_key` is the theme when a ballot may put
    only one mark on a theme (else the slot), so that rule holds the same way. A retried
    mark carries the same client key and is counted once."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="marks")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="marks")
    ballot = models.CharField(max_length=64)
    slot = models.PositiveSmallIntegerField()
    distinct_key = models.PositiveBigIntegerField()
    client_key = models.UUIDField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vote", "ballot", "slot"], name="vote_mark_slot"),
            models.UniqueConstraint(
                fields=["vote", "ballot", "distinct_key"], name="vote_mark_distinct"
            ),
            models.UniqueConstraint(
                fields=["vote", "ballot", "client_key"], name="vote_mark_client_key"
            ),
        ]
        indexes = [models.Index(fields=["vote", "theme"])]

    def __str__(self):
        return f"{self.vote_id}:{self.theme_id}"


class BoardAction(models.Model):
    """One of the facilitator's board actions, with what it changed as it was before, so the
    last ones can be undone in order (`before`: the themes' and post-its' earlier state)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="board_actions")
    label = models.CharField(max_length=400)
    before = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    undone = models.BooleanField(default=False)

    class Meta:
        ordering = ["-pk"]
        indexes = [models.Index(fields=["workshop", "undone", "-id"])]

    def __str__(self):
        return self.label


class ClosingAnswer(models.Model):
    """A phone's answer to the closing's two questions about the dialogue itself (seed 000,
    point 6). Never linked to the participant: it carries a key derived from the participant
    under the server's secret (as a vote's ballot), so a phone finds and corrects its own
    answer while nobody can tell whose it is, in anonymous mode or not."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="closing_answers")
    respondent = models.CharField(max_length=64)
    good = models.TextField(_("Hvad har været særligt godt?"), blank=True)
    adjust = models.TextField(_("Er der noget, vi skal justere næste gang?"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "respondent"], name="one_closing_answer_per_phone"
            )
        ]

    def __str__(self):
        return f"{self.workshop_id}: {self.good[:40]}"


TOPIC_REASON_LENGTH = 1000
TOPIC_OWN_LENGTH = 120
TOPIC_KEY_LENGTH = 40


class TopicBallot(models.Model):
    """One answer card (seed 004, Bilag 2): a random token printed as a QR code and handed to
    one employee. It names nobody and records only whether it has been used; the answer it
    gave is stored apart (TopicAnswer) with no link back, so nobody can tell which card, let
    alone which person, wrote which answer."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="topic_ballots")
    token = models.CharField(max_length=64, unique=True, default=new_join_token)
    used = models.BooleanField(default=False)

    class Meta:
        ordering = ["workshop", "pk"]

    def __str__(self):
        return f"{self.workshop_id}: {'brugt' if self.used else 'ubrugt'}"


class TopicAnswer(models.Model):
    """An employee's choice of one trivselstema and one ledelsestema, each with why it matters
    and how it helps the core task (seed 004, step 3 and Bilag 2). Not linked to a card or a
    person; no time of day is kept (the date only), so the order cards were used in cannot be
    matched to the answers either."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="topic_answers")
    trivsel = models.CharField(_("trivselstema"), max_length=TOPIC_KEY_LENGTH)
    trivsel_own = models.CharField(_("eget trivselstema"), max_length=TOPIC_OWN_LENGTH, blank=True)
    trivsel_why = models.TextField(
        _("hvorfor trivselstemaet er vigtigt"), max_length=TOPIC_REASON_LENGTH
    )
    trivsel_core = models.TextField(
        _("hvordan trivselstemaet udvikler samarbejdet om kerneopgaven"),
        max_length=TOPIC_REASON_LENGTH,
        blank=True,
    )
    ledelse = models.CharField(_("ledelsestema"), max_length=TOPIC_KEY_LENGTH)
    ledelse_own = models.CharField(_("eget ledelsestema"), max_length=TOPIC_OWN_LENGTH, blank=True)
    ledelse_why = models.TextField(
        _("hvorfor ledelsestemaet er vigtigt"), max_length=TOPIC_REASON_LENGTH
    )
    ledelse_core = models.TextField(
        _("hvordan ledelsestemaet udvikler samarbejdet om kerneopgaven"),
        max_length=TOPIC_REASON_LENGTH,
        blank=True,
    )
    answered_on = models.DateField(auto_now_add=True)

    class Meta:
        ordering = ["workshop", "pk"]

    def __str__(self):
        return f"{self.workshop_id}: {self.trivsel} / {self.ledelse}"
