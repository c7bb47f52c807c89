"""Action plans: the arrow's answers per chosen theme, their activities with IGLO levels and
the status arrow, the people who hold an activity (tovholdere, often without an account),
the staff-room board link, and what is raised to MED and HR.

A plan's and a unit's progress are derived from the activities' stages by plain functions in
`actionplans.progress`, called where they are shown; nothing is rolled up by save callbacks.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _


def new_link_token() -> str:
    return secrets.token_urlsafe(32)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day (31 Aug + 6 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has a 28th


# Seed 004: follow-up at 3 and 6 months after the workshop.
FOLLOW_UP_MONTHS = (3, 6)

# One limit per kind of text (issue 19, item 4: "Hvordan?" took 1,000,000 characters). The
# model holds it, every ModelForm takes it from there, the other forms name the same
# constant; tests/test_text_limits.py posts an over-long text to every form.
ANSWER_LENGTH = 5000  # one of the arrow's answers, typed in the room or on the plan page
ACTIVITY_LENGTH = 1000  # what an activity does
ACTIVITY_TEXT_LENGTH = 2000  # an activity's "Hvordan?" and "Hvad kommunikeres …"
COMMENT_LENGTH = 1000  # a status comment, the reason for Justeret or Opgivet
SUGGESTION_LENGTH = 500  # a phone's suggestion for an answer
RAISED_ANSWER_LENGTH = 4000  # MED's or HR's answer to what was raised


class Level(models.TextChoices):
    """IGLO (seed 004): at which level an activity is handled."""

    INDIVIDUAL = "individ", _("Individ")
    GROUP = "gruppe", _("Gruppe")
    MANAGEMENT = "ledelse", _("Ledelse")
    ORGANISATION = "organisation", _("Organisation")


LEVEL_HELP = {
    Level.INDIVIDUAL: _("Det, den enkelte selv kan gøre."),
    Level.GROUP: _("Det, vi kan gøre sammen i gruppen eller teamet."),
    Level.MANAGEMENT: _("Det, ledelsen på arbejdspladsen skal tage hånd om."),
    Level.ORGANISATION: _("Det, der skal løftes videre til MED/HR og organisationen."),
}


class Stage(models.TextChoices):
    """The status arrow, "Hvor langt er vi?" (seed 001). ADJUSTED and DROPPED need a reason."""

    NOT_STARTED = "not_started", _("Ikke startet")
    PLANNED = "planned", _("Planlagt")
    UNDER_WAY = "under_way", _("I gang")
    NEARLY_DONE = "nearly_done", _("Næsten i mål")
    DONE = "done", _("Gennemført")
    ADJUSTED = "adjusted", _("Justeret")
    DROPPED = "dropped", _("Opgivet")


# the arrow's forward stages in order; ADJUSTED and DROPPED stand beside it
ARROW_STAGES = (
    Stage.NOT_STARTED,
    Stage.PLANNED,
    Stage.UNDER_WAY,
    Stage.NEARLY_DONE,
    Stage.DONE,
)
STAGES_NEEDING_REASON = frozenset({Stage.ADJUSTED, Stage.DROPPED})
# an activity still to be done: not done, not dropped (queries.OPEN_STAGES is the same)
OPEN_STAGE_VALUES = tuple(s for s in Stage.values if s not in (Stage.DONE, Stage.DROPPED))


class LinkState(models.TextChoices):
    """Whether a tovholder's personal link works, and if not, why (TovholderQuerySet)."""

    LIVE = "live", _("Linket virker")
    NONE = "none", _("Intet link")
    ACCOUNT_DELETED = "account_deleted", _("Brugeren er slettet")
    ACCOUNT_INACTIVE = "account_inactive", _("Brugeren er deaktiveret")
    NOT_MEMBER = "not_member", _("Ikke længere medlem af enheden")
    NOTHING_OPEN = "nothing_open", _("Ingen åbne aktiviteter")


class TovholderQuerySet(models.QuerySet):
    def with_link_state(self):
        """Annotate `link_state` (a LinkState): the one rule for whether a personal link works.

        A link tied to a member (`member_bound`) lives as long as the account is active and
        the person is still a member of the tovholder's unit; a free-text tovholder's link
        lives while one of their activities is open (not done, not dropped). A reason that
        ends the link wins over "no link", so the trio also sees why a new one would not
        work. Computed on every read: nothing has to run when a membership is removed."""
        from units.models import Membership

        membership = Membership.objects.filter(user=OuterRef("user_id"), unit=OuterRef("unit_id"))
        open_activity = Activity.objects.filter(
            tovholder=OuterRef("pk"), stage__in=OPEN_STAGE_VALUES
        )
        return self.annotate(
            link_state=Case(
                When(member_bound=True, user__isnull=True, then=Value(LinkState.ACCOUNT_DELETED)),
                When(
                    member_bound=True, user__is_active=False, then=Value(LinkState.ACCOUNT_INACTIVE)
                ),
                When(Q(member_bound=True) & ~Exists(membership), then=Value(LinkState.NOT_MEMBER)),
                When(
                    Q(member_bound=False) & ~Exists(open_activity),
                    then=Value(LinkState.NOTHING_OPEN),
                ),
                When(token__isnull=True, then=Value(LinkState.NONE)),
                default=Value(LinkState.LIVE),
                output_field=models.CharField(),
            )
        )

    def live_links(self):
        """Tovholdere whose personal link works now (used by the page, the reminders, the list)."""
        return self.with_link_state().filter(link_state=LinkState.LIVE)


class Tovholder(models.Model):
    """The person who holds one or more activities in a unit: a member with an account, or a
    free-text name. Their personal link (`token`) reaches only their own activities; None =
    no link (never made, or revoked). Whether a made link still works is
    `Tovholder.objects.with_link_state()`."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("enhed"), on_delete=models.CASCADE, related_name="tovholdere"
    )
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # True once the tovholder is tied to a member's account; stays True if the account is
    # deleted (user becomes None), so the link does not outlive it as a free-text one
    member_bound = models.BooleanField(default=False, editable=False)
    token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    token_created_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TovholderQuerySet.as_manager()

    class Meta:
        verbose_name = _("tovholder")
        verbose_name_plural = _("tovholdere")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="unique_tovholder_per_unit")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.user_id and not self.member_bound:
            self.member_bound = True
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "member_bound"}
        super().save(*args, **kwargs)

    @property
    def link_state_label(self) -> str:
        """Why the link works or not, in words (needs `with_link_state()`)."""
        return LinkState(self.link_state).label


class ActionPlanQuerySet(models.QuerySet):
    def for_round(self, round_):
        return self.filter(round=round_)


class ActionPlan(models.Model):
    """One chosen theme's plan: the arrow's five questions (seed 000) and what the Danish APV
    rules ask of a written plan (problem, solution, when, who, how and when the effect is
    judged). Linked to its theme, and through it to the post-its (and the pink ones from the
    survey report)."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("enhed"), on_delete=models.CASCADE, related_name="plans"
    )
    round = models.ForeignKey(
        "surveys.Round",
        verbose_name=_("måling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
    )
    workshop = models.ForeignKey(
        "workshops.Workshop",
        verbose_name=_("trivselsdialog"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
    )
    theme = models.OneToOneField(
        "workshops.Theme",
        verbose_name=_("tema"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan",
    )
    title = models.CharField(_("tema"), max_length=200)
    # 1. what do we want to change, and why does it matter
    change = models.TextField(_("Hvad vil vi gerne ændre?"), max_length=ANSWER_LENGTH, blank=True)
    why = models.TextField(_("Hvorfor er det vigtigt?"), max_length=ANSWER_LENGTH, blank=True)
    # 2. what do we want to achieve, and how will we see or feel it
    goal = models.TextField(_("Hvad vil vi gerne opnå?"), max_length=ANSWER_LENGTH, blank=True)
    success_signs = models.TextField(
        _("Hvordan kan vi se eller mærke det?"), max_length=ANSWER_LENGTH, blank=True
    )
    # 3. barriers: simple or demanding, time or money, synergy or conflict with what we do
    barriers = models.TextField(_("Hvilke barrierer er der?"), max_length=ANSWER_LENGTH, blank=True)
    # 4. which actions: the room's words; the activities are the plan's structured actions
    actions_text = models.TextField(_("Hvilke handlinger?"), max_length=ANSWER_LENGTH, blank=True)
    # 5. follow-up, responsibility, who takes part, how the rest of the unit hears the status
    follow_up_text = models.TextField(
        _("Hvornår følger vi op?"), max_length=ANSWER_LENGTH, blank=True
    )
    responsible = models.CharField(_("ansvarlig for opfølgning"), max_length=200, blank=True)
    participants = models.TextField(_("hvem deltager"), max_length=ANSWER_LENGTH, blank=True)
    communication = models.TextField(
        _("hvornår hører resten af enheden om status"),
        max_length=ANSWER_LENGTH,
        blank=True,
        help_text=_("Fx på personalemøder."),
    )
    effect_evaluation = models.TextField(
        _("hvordan og hvornår vurderes effekten"), max_length=ANSWER_LENGTH, blank=True
    )
    follow_up_first = models.DateField(_("første opfølgning"), null=True, blank=True)
    follow_up_second = models.DateField(_("anden opfølgning"), null=True, blank=True)
    # the round's survey themes this plan addresses (names from Round.themes), so a later round
    # can show whether the score moved
    survey_themes = models.JSONField(_("målingens temaer"), default=list, blank=True)
    # bumped on every edit: a stale edit (two laptops typing) gets a conflict, not an overwrite
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("handleplan")
        verbose_name_plural = _("handleplaner")
        ordering = ["unit", "created_at", "pk"]

    def __str__(self):
        return self.title

    def set_default_follow_ups(self, held_on: datetime.date) -> None:
        """Seed 004: follow up 3 and 6 months after the workshop."""
        first, second = FOLLOW_UP_MONTHS
        self.follow_up_first = self.follow_up_first or add_months(held_on, first)
        self.follow_up_second = self.follow_up_second or add_months(held_on, second)


class Activity(models.Model):
    """One thing the unit will do (seed 004's plan columns). The status arrow is `stage`;
    every change of it is kept as a StatusUpdate."""

    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("handleplan"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    order = models.PositiveIntegerField(default=0)
    what = models.TextField(_("Hvad skal der gøres?"), max_length=ACTIVITY_LENGTH)
    level = models.CharField(_("IGLO-niveau"), max_length=20, choices=Level.choices)
    tovholder = models.ForeignKey(
        Tovholder,
        verbose_name=_("tovholder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    participants = models.CharField(_("hvem deltager"), max_length=500, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    how = models.TextField(_("hvordan"), max_length=ACTIVITY_TEXT_LENGTH, blank=True)
    communication = models.TextField(
        _("hvad kommunikeres til hvem og hvornår"), max_length=ACTIVITY_TEXT_LENGTH, blank=True
    )
    stage = models.CharField(
        _("hvor langt er vi?"), max_length=20, choices=Stage.choices, default=Stage.NOT_STARTED
    )
    stage_reason = models.TextField(_("begrundelse"), max_length=COMMENT_LENGTH, blank=True)
    stage_changed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["deadline", "stage"])]

    def __str__(self):
        return self.what[:80]


class StatusUpdate(models.Model):
    """One move of an activity's status arrow, or a comment on it: who, when, what."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="updates")
    previous_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices)
    comment = models.TextField(_("kommentar"), max_length=COMMENT_LENGTH, blank=True)
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # the name shown in the timeline: the user's name, or the tovholder who used their link
    by_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.activity_id}: {self.previous_stage} → {self.stage}"


class StaffRoomLink(models.Model):
    """The read-only staff-room board of a unit (seed 004: "en tavle i personalestuen"),
    reached by an unguessable token the trio can rotate or revoke (token None = revoked)."""

    unit = models.OneToOneField(
        "units.Unit", on_delete=models.CASCADE, related_name="staff_room_link"
    )
    token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    rotated_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.unit}"


class RaisedItem(models.Model):
    """Something the unit cannot settle itself, raised to its MED and HR (seeds 000, 001,
    004): an Organisation-level activity, or a theme the matrix put on the left side
    ("løftes videre"). MED/HR acknowledge and answer; the answer is shown back to the unit."""

    class Status(models.TextChoices):
        RAISED = "raised", _("Sendt videre")
        ACKNOWLEDGED = "acknowledged", _("Modtaget")
        ANSWERED = "answered", _("Besvaret")

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("enhed"), on_delete=models.CASCADE, related_name="raised_items"
    )
    round = models.ForeignKey(
        "surveys.Round", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    workshop = models.ForeignKey(
        "workshops.Workshop", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    theme = models.OneToOneField(
        "workshops.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="raised_item",
    )
    activity = models.OneToOneField(
        Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="raised_item"
    )
    title = models.CharField(_("emne"), max_length=200)
    text = models.TextField(_("beskrivelse"), max_length=ANSWER_LENGTH, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RAISED)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("svar"), max_length=RAISED_ANSWER_LENGTH, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sag løftet videre")
        verbose_name_plural = _("sager løftet videre")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class Suggestion(models.Model):
    """A participant's suggestion for one of the arrow's questions, sent from a phone to the
    note-taker, who takes it into the answer or sets it aside. In anonymous mode it names no
    participant."""

    class Status(models.TextChoices):
        NEW = "new", _("Ny")
        ACCEPTED = "accepted", _("Taget med")
        DISMISSED = "dismissed", _("Lagt til side")

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="suggestions")
    question = models.PositiveSmallIntegerField(_("spørgsmål"))
    text = models.TextField(_("forslag"), max_length=SUGGESTION_LENGTH)
    participant = models.ForeignKey(
        "workshops.Participant",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("forslag")
        verbose_name_plural = _("forslag")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["plan", "status"])]

    def __str__(self):
        return self.text[:80]


# --- reminders (issue 12) ------------------------------------------------------------------


class ReminderKind(models.TextChoices):
    ACTIVITY_SOON = "activity_soon", _("Deadline nærmer sig")
    ACTIVITY_OVERDUE = "activity_overdue", _("Deadline er overskredet")
    FOLLOW_UP = "follow_up", _("Opfølgning på handleplan")
    SUMMARY = "summary", _("Oversigt over handleplaner")


class SentReminder(models.Model):
    """One reminder e-mail that was sent. `key` names the reminder (what, about which thing,
    for which date, to whom); its uniqueness is what keeps a reminder from being sent twice,
    also when two runs of the command overlap. Written in the same transaction as the
    sending: a mail that fails leaves no row, so the next run tries again."""

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(_("slags"), max_length=20, choices=ReminderKind.choices)
    email = models.EmailField(_("sendt til"))
    recipient_name = models.CharField(_("modtager"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sent_reminders",
    )
    plan = models.ForeignKey(
        ActionPlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(_("emne"), max_length=300)
    sent_at = models.DateTimeField(_("sendt"), auto_now_add=True)

    class Meta:
        verbose_name = _("sendt påmindelse")
        verbose_name_plural = _("sendte påmindelser")
        ordering = ["-sent_at", "-pk"]
        indexes = [
            models.Index(fields=["email", "sent_at"]),
            models.Index(fields=["unit", "sent_at"]),
        ]

    def __str__(self):
        return f"{self.email}: {self.subject}"


class ReminderPreference(models.Model):
    """What a user with an account wants to receive; no row means everything."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    activity_deadlines = models.BooleanField(
        _("Påmindelser om mine aktiviteters deadlines"), default=True
    )
    plan_follow_ups = models.BooleanField(
        _("Påmindelser før opfølgning på min enheds handleplaner"), default=True
    )
    monthly_summary = models.BooleanField(
        _("Oversigt over handleplanerne (HR, MED og enhedens leder)"), default=True
    )
    weekly_summary = models.BooleanField(
        _("Oversigten hver uge i stedet for hver måned"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.user}"

    def wants(self, kind: str) -> bool:
        return {
            ReminderKind.ACTIVITY_SOON: self.activity_deadlines,
            ReminderKind.ACTIVITY_OVERDUE: self.activity_deadlines,
            ReminderKind.FOLLOW_UP: self.plan_follow_ups,
            ReminderKind.SUMMARY: self.monthly_summary,
        }[kind]


class ReminderStop(models.Model):
    """An address that asked for no more reminders, through the signed link in every mail
    (how a tovholder without an account stops them). Stored in lower case."""

    email = models.EmailField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.email


class ReminderStopKey(models.Model):
    """The secret in an address's stop link (docs/decisions: a per-address secret, not the
    signed address): made the first time a mail goes to the address, the same in every mail
    after, so the link in an old mail keeps working. It tells nothing about the address and
    can be replaced (`reminders.replace_stop_key`)."""

    email = models.EmailField(unique=True)
    key = models.CharField(max_length=64, unique=True, default=new_link_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.email
