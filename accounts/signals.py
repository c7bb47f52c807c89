"""The audit log from Django's auth signals, and the start of a login's session clock."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from trivsel.clientip import client_ip

from . import sessions
from .models import AuditEvent


def _log(kind, request, user=None, username=""):
    AuditEvent.objects.create(
        kind=kind,
        user=user,
        username=(user.get_username() if user else username)[:150],
        ip=client_ip(request) if request is not None else None,
    )


@receiver(user_logged_in, dispatch_uid="accounts.logged_in")
def logged_in(sender, request, user, **kwargs):
    sessions.start(request)
    _log(AuditEvent.Kind.LOGIN, request, user)


@receiver(user_login_failed, dispatch_uid="accounts.login_failed")
def login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))
    # axes' receiver runs first ("axes" is earlier in INSTALLED_APPS) and marks a try that
    # reached or hit the lockout
    locked = getattr(request, "axes_locked_out", False)
    kind = AuditEvent.Kind.LOCKED_OUT if locked else AuditEvent.Kind.LOGIN_FAILED
    user = get_user_model().objects.filter(username=username).first() if username else None
    _log(kind, request, user, username)


@receiver(user_logged_out, dispatch_uid="accounts.logged_out")
def logged_out(sender, request, user, **kwargs):
    if user is None:  # a logout without a login
        return
    ended = getattr(request, sessions.ENDED, False)
    _log(AuditEvent.Kind.EXPIRED if ended else AuditEvent.Kind.LOGOUT, request, user)
