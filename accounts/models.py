from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One login, failed login or logout: who, what, when and from which client address
    (trivsel/clientip.py). Written by the auth signals (signals.py), never edited."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Logget ind")
        LOGIN_FAILED = "login_failed", _("Forkert brugernavn eller adgangskode")
        LOCKED_OUT = "locked_out", _("Afvist: for mange forkerte forsøg")
        LOGOUT = "logout", _("Logget ud")
        EXPIRED = "expired", _("Logget ud af systemet (inaktiv eller arbejdsdagen omme)")

    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    kind = models.CharField(_("hændelse"), max_length=20, choices=Kind)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("brugernavn"), max_length=150, blank=True)
    ip = models.GenericIPAddressField(_("adresse"), null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("hændelse i loggen")
        verbose_name_plural = _("log over log ind og log ud")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_kind_display()}"
