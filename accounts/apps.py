from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Logins and sessions: the audit log of logins and logouts, and the session policy
    (how long a login lasts on a shared PC)."""

    name = "accounts"
    verbose_name = _("Log ind og log ud")

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
