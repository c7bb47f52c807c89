"""How long a login lasts on a shared municipal PC (docs/decisions.md, "Sessions").

A login ends after SESSION_IDLE_TIMEOUT seconds without a request that looks at the user, and
SESSION_COOKIE_AGE seconds after it began however busy it is (the session's own expiry slides
with every save, so it cannot be the cap). The check runs when a request first asks for
`request.user`: the live session's screens and phones (their `…/sync/` checks, everything under
/d/) never do, so they never read or write the session. The last-seen time is written at
most once a minute, not on every request.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import user_logged_out
from django.contrib.auth.middleware import get_user
from django.contrib.auth.models import AnonymousUser
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

STARTED = "login_started"
LAST_SEEN = "login_last_seen"
ENDED = "session_ended"  # set on the request whose session the policy ended
TOUCH_EVERY = 60  # seconds: how stale the last-seen time may get before it is written


def start(request) -> None:
    """Start a login's clocks (on user_logged_in)."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[STARTED] = request.session[LAST_SEEN] = now


def _checked_user(request):
    user = get_user(request)
    if not user.is_authenticated:
        return user
    session, now = request.session, int(time.time())
    started = session.setdefault(STARTED, now)  # a session from before this policy
    last_seen = session.get(LAST_SEEN, now)
    if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
        reason = _("Du er logget ud, fordi du ikke har brugt siden i %(minutes)d minutter.") % {
            "minutes": settings.SESSION_IDLE_TIMEOUT // 60
        }
    elif now - started > settings.SESSION_COOKIE_AGE:
        reason = _("Du er logget ud, fordi du har været logget ind i %(hours)d timer.") % {
            "hours": settings.SESSION_COOKIE_AGE // 3600
        }
    else:
        if now - last_seen >= TOUCH_EVERY:
            session[LAST_SEEN] = now
        return user
    # auth.logout() would ask for request.user, which is being worked out right here
    setattr(request, ENDED, True)
    user_logged_out.send(sender=user.__class__, request=request, user=user)
    session.flush()
    request._cached_user = AnonymousUser()
    messages.info(request, reason + " " + _("Log ind igen."), fail_silently=True)
    return request._cached_user


class SessionTimeoutMiddleware:
    """After AuthenticationMiddleware: the same lazy `request.user`, checked against the
    session policy when it is first asked for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user = SimpleLazyObject(lambda: _checked_user(request))
        return self.get_response(request)
