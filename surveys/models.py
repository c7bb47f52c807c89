"""Survey rounds, the units' survey reports and their per-theme scores.

Anonymity is decided in one place, `anonymity.suppression()`: below the threshold
(`reportable_q()` as a filter, `rules.is_reportable` in Python) and whatever else must be hidden
so that no subtraction isolates a smaller group. Every view, tag and export reads scores
through `SurveyReport.objects.with_visibility()` / `ThemeScore.objects.visible()`.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.db.models.query import ModelIterable
from django.utils.translation import gettext_lazy as _

DEFAULT_THEMES_2026 = [
    "Min enhed – psykologisk tryghed",
    "Mit arbejde – krav og balance",
    "Mit arbejde – motivation og tilfredshed",
    "Krænkende adfærd",
    "Sygefravær",
    "Fysisk arbejdsmiljø",
]

# The theme whose low score asks for extra care when the dialogue is framed (seed 001).
PSYCHOLOGICAL_SAFETY_THEME = "Min enhed – psykologisk tryghed"


def default_themes():
    return list(DEFAULT_THEMES_2026)


class Colour(models.TextChoices):
    GREEN = "green", _("Grøn")
    YELLOW = "yellow", _("Gul")
    RED = "red", _("Rød")


class Track(models.TextChoices):
    """Who follows up on a report (seed 002, "Opfølgning på grønne, gule og røde enheder")."""

    UNIT = "unit", _("Enheden følger selv op")
    WITH_HEAD = "with_head", _("Opfølgning sammen med afdelingschefen")
    WITH_HEAD_AND_HR = "with_head_and_hr", _("Opfølgning sammen med afdelingschef og HR")
    NO_REPORT = "no_report", _("Ingen rapport – for få besvarelser")


class RoundQuerySet(models.QuerySet):
    def for_unit(self, unit):
        """The rounds of the unit's organisation (a round belongs to a unit above it)."""
        return self.filter(organisation_id__in=unit.ancestor_ids())

    def current_for(self, unit, day):
        """The round a unit works in on `day`: the newest one whose period covers the day
        (from the survey's opening to the deadline for plans, or the end of the workshops,
        or the survey's close, whichever it has), else the newest one opened by then. None
        before the unit's first round opens. (docs/decisions.md, "Current round")"""
        opened = self.for_unit(unit).filter(Q(survey_opens__lte=day) | Q(survey_opens=None))
        newest = (F("survey_opens").desc(nulls_last=True), "-pk")
        ends = Coalesce("action_plan_deadline", "workshops_until", "survey_closes")
        covering = opened.annotate(ends=ends).filter(Q(ends__gte=day) | Q(ends=None))
        return covering.order_by(*newest).first() or opened.order_by(*newest).first()


class Round(models.Model):
    """One survey round, e.g. "Trivselsmåling og APV 2026" (seed 001's timeline)."""

    name = models.CharField(_("navn"), max_length=200)
    organisation = models.ForeignKey(
        "units.Unit",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="rounds",
    )
    survey_opens = models.DateField(_("spørgeskemaet åbner"), null=True, blank=True)
    survey_closes = models.DateField(_("spørgeskemaet lukker"), null=True, blank=True)
    reports_released = models.DateField(_("rapporter frigives"), null=True, blank=True)
    workshops_from = models.DateField(_("trivselsdialoger fra"), null=True, blank=True)
    workshops_until = models.DateField(_("trivselsdialoger til"), null=True, blank=True)
    action_plan_deadline = models.DateField(_("deadline for handleplaner"), null=True, blank=True)
    anonymity_threshold = models.PositiveSmallIntegerField(
        _("anonymitetsgrænse"),
        default=5,
        help_text=_(
            "Færre besvarelser end dette: ingen rapport (medmindre målingen er navngiven)."
        ),
    )
    anonymous = models.BooleanField(_("anonym måling"), default=True)
    themes = models.JSONField(_("temaer"), default=default_themes)
    green_from = models.DecimalField(
        _("grøn fra score"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("75.0"),
        help_text=_("Scorer (0–100) på eller over denne grænse er grønne."),
    )
    yellow_from = models.DecimalField(
        _("gul fra score"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("60.0"),
        help_text=_("Scorer på eller over denne grænse (og under grøn) er gule; lavere er røde."),
    )

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("måling")
        verbose_name_plural = _("målinger")
        ordering = ["-survey_opens", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if (
            self.yellow_from is not None
            and self.green_from is not None
            and self.yellow_from >= self.green_from
        ):
            raise ValidationError(
                {"yellow_from": _("Grænsen for gul skal være lavere end grænsen for grøn.")}
            )
        if not isinstance(self.themes, list) or not all(
            isinstance(theme, str) and theme.strip() for theme in self.themes
        ):
            raise ValidationError({"themes": _("Temaerne skal være en liste af navne.")})


def reportable_q(prefix: str = "") -> Q:
    """THE anonymity rule as a filter: a report may show scores when the round is named
    (non-anonymous) or at least `anonymity_threshold` people answered (seed 001)."""
    return Q(**{f"{prefix}round__anonymous": False}) | Q(
        **{f"{prefix}respondents__gte": F(f"{prefix}round__anonymity_threshold")}
    )


class _MarkedIterable(ModelIterable):
    """Reports marked by `anonymity.mark` once the query's rows are read."""

    def __iter__(self):
        from .anonymity import mark

        yield from mark(super().__iter__())


class SurveyReportQuerySet(models.QuerySet):
    def with_visibility(self):
        """Reports with `scores_visible` and `hidden_because` (see `anonymity.mark`);
        templates show scores, colour, track, averages and harassment counts only when
        `scores_visible` is true, and say why when it is not."""
        clone = self._chain()
        clone._iterable_class = _MarkedIterable
        return clone

    def reportable(self):
        from .anonymity import hidden_report_ids

        return self.filter(reportable_q()).exclude(pk__in=hidden_report_ids())

    def latest_first(self):
        return self.order_by(F("round__survey_opens").desc(nulls_last=True), "-round_id")


class SurveyReport(models.Model):
    """One unit's result in one round, as the survey vendor reported it."""

    round = models.ForeignKey(
        Round, verbose_name=_("måling"), on_delete=models.CASCADE, related_name="reports"
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("enhed"),
        on_delete=models.CASCADE,
        related_name="survey_reports",
    )
    invited = models.PositiveIntegerField(_("inviterede"))
    respondents = models.PositiveIntegerField(_("besvarelser"))
    harassment_count = models.PositiveIntegerField(
        _("oplevede krænkelser, ikke løst"),
        null=True,
        blank=True,
        help_text=_("Antal svarpersoner, der har oplevet krænkende adfærd, som ikke er løst."),
    )
    average = models.DecimalField(
        _("samlet gennemsnit"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    org_average = models.DecimalField(
        _("organisationens gennemsnit"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    colour = models.CharField(_("samlet farve"), max_length=10, choices=Colour.choices, blank=True)
    track = models.CharField(
        _("opfølgningsspor"), max_length=20, choices=Track.choices, db_index=True
    )
    imported_at = models.DateTimeField(_("importeret"), auto_now=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("importeret af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SurveyReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("resultatrapport")
        verbose_name_plural = _("resultatrapporter")
        ordering = ["round", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="one_report_per_unit_and_round")
        ]

    def __str__(self):
        return f"{self.unit} · {self.round}"

    @property
    def response_rate(self) -> int | None:
        """Whole percent, or None when nobody was invited."""
        if not self.invited:
            return None
        return round(100 * self.respondents / self.invited)

    def visible_scores(self):
        """This report's theme scores, empty when anonymity hides them (decided afresh)."""
        from .anonymity import mark

        mark([self])
        if not self.scores_visible:
            return ThemeScore.objects.none()
        return self.scores.order_by("order")


class ThemeScoreQuerySet(models.QuerySet):
    def visible(self):
        from .anonymity import hidden_report_ids

        return self.filter(reportable_q("report__")).exclude(report__in=hidden_report_ids())


class ThemeScore(models.Model):
    report = models.ForeignKey(
        SurveyReport, verbose_name=_("rapport"), on_delete=models.CASCADE, related_name="scores"
    )
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    theme = models.CharField(_("tema"), max_length=200)
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=1)
    org_average = models.DecimalField(
        _("organisationens gennemsnit"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    colour = models.CharField(_("farve"), max_length=10, choices=Colour.choices)

    objects = ThemeScoreQuerySet.as_manager()

    class Meta:
        verbose_name = _("temascore")
        verbose_name_plural = _("temascorer")
        ordering = ["report", "order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "theme"], name="one_score_per_theme")
        ]

    def __str__(self):
        return f"{self.theme}: {self.score}"

    @property
    def gap(self) -> Decimal | None:
        """Score minus the organisation's average (negative: below the organisation)."""
        if self.org_average is None:
            return None
        return self.score - self.org_average
