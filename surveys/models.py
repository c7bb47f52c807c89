from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_THEMES_2026 = [
    "Min enhed – psykologisk tryghed",
    "Mit arbejde – krav og balance",
    "Mit arbejde – motivation og tilfredshed",
    "Krænkende adfærd",
    "Sygefravær",
    "Fysisk arbejdsmiljø",
]


def default_themes():
    return list(DEFAULT_THEMES_2026)


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

    class Meta:
        verbose_name = _("måling")
        verbose_name_plural = _("målinger")
        ordering = ["-survey_opens", "name"]

    def __str__(self):
        return self.name
