"""A WSGI fast path for the one request every live screen sends every 1.5 s.

Most of the time the answer to "anything newer than N?" is "no". Through Django's full
request cycle (eleven middleware, URL resolving, the view) that "no" costs about twice a bare
Django view. Here it is a look-up in the per-process snapshot of live revisions (snapshot.py,
at most 0.25 s old), or one indexed read when the snapshot does not know the screen, and a
204. The fast path only ever answers 204, after the same credential check as the view (the
phone's participant cookie, or the screen's signed key), and only for a screen that has
everything the snapshot or the database knows. Everything else — a change, a bad credential,
an error — falls through to Django untouched, so permissions, rendering and error handling
stay in the views. See README.md in this folder, docs/decisions.md and docs/performance.md.

Its two routes are read from the URLconf (the sync views' own patterns) and its headers from
the settings that Django's middleware reads, so neither can drift from Django's answer.
"""

import re
from functools import cache
from urllib.parse import parse_qs

from django.conf import settings
from django.db import DatabaseError, connection
from django.http.cookie import parse_cookie
from django.urls import reverse
from django.utils.http import http_date

from trivsel.middleware import policy_headers

from ..converters import TOKEN
from ..permissions import screen_key_valid
from . import revisions
from .snapshot import SNAPSHOT, UNKNOWN, UP_TO_DATE

SCREENS = ("facilitator", "wall")  # the screens whose check carries a signed key


def _route(name: str, groups: dict[str, tuple[str, str]]) -> re.Pattern:
    """The URL of a named route as a regex: reverse it with a marker per argument (one its
    converter accepts), then turn each marker back into a named group."""
    pattern = re.escape(reverse(name, kwargs={key: marker for key, (marker, _) in groups.items()}))
    for key, (marker, group) in groups.items():
        pattern = pattern.replace(re.escape(marker), f"(?P<{key}>{group})", 1)
    return re.compile(f"^{pattern}$")


@cache
def routes() -> tuple[re.Pattern, re.Pattern]:
    phone = _route("participant:sync", {"join_token": ("zzJOINzz", TOKEN)})
    screen = _route(
        "workshops:screen_sync",
        {
            "workshop_id": ("987654321987", r"\d{1,18}"),
            "screen": ("zzSCREENzz", "|".join(SCREENS)),
        },
    )
    return phone, screen


def no_content_headers(environ=None) -> list[tuple[str, str]]:
    """What Django's never_cache view and its security middleware put on the same 204
    (tests/test_live_fastpath.py compares the two)."""
    headers = [*_fixed_headers(), ("Expires", http_date())]  # never_cache: expired now
    if settings.SECURE_HSTS_SECONDS and environ is not None and _is_secure(environ):
        hsts = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            hsts += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            hsts += "; preload"
        headers.append(("Strict-Transport-Security", hsts))
    return headers


def _is_secure(environ) -> bool:
    """As HttpRequest.is_secure(): the proxy's header when one is configured, else the scheme."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, value = settings.SECURE_PROXY_SSL_HEADER
        if header in environ:
            return environ[header].split(",")[0].strip() == value
    return environ.get("wsgi.url_scheme") == "https"


@cache
def _fixed_headers() -> list[tuple[str, str]]:
    headers = [
        ("Content-Type", f"text/html; charset={settings.DEFAULT_CHARSET}"),
        ("Cache-Control", "max-age=0, no-cache, no-store, must-revalidate, private"),
    ]
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers.append(("X-Content-Type-Options", "nosniff"))
    if settings.SECURE_REFERRER_POLICY:
        headers.append(("Referrer-Policy", settings.SECURE_REFERRER_POLICY))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    headers.append(("X-Frame-Options", settings.X_FRAME_OPTIONS))
    headers.extend(policy_headers())  # the CSP and Permissions-Policy of every Django answer
    headers.append(("Content-Length", "0"))
    return headers


def nothing_new(environ) -> bool:
    """True when the request is a live check whose screen is up to date."""
    if environ.get("REQUEST_METHOD") != "GET":
        return False
    path = environ.get("PATH_INFO", "")
    if "/sync/" not in path:  # cheap first test: every sync route has it
        return False
    query = parse_qs(environ.get("QUERY_STRING", ""))
    since = query.get("since", [None])[0]
    if since is None:
        return False
    phone_route, screen_route = routes()
    phone = phone_route.match(path)
    if phone:
        # Django's own cookie parser, so the fast path reads the cookies as request.COOKIES does
        tokens = revisions.cookie_tokens(parse_cookie(environ.get("HTTP_COOKIE", "")))
        known = SNAPSHOT.phone(phone["join_token"], tokens, since)
        if known != UNKNOWN:
            return known == UP_TO_DATE
        return revisions.phone_revision(phone["join_token"], tokens) == since
    screen = screen_route.match(path)
    if screen:
        workshop_id = int(screen["workshop_id"])
        if not screen_key_valid(environ.get("HTTP_X_SCREEN_KEY", ""), workshop_id):
            return False
        known = SNAPSHOT.screen(workshop_id, since)
        if known != UNKNOWN:
            return known == UP_TO_DATE
        return revisions.screen_revision(workshop_id) == since
    return False


def with_fast_path(application):
    def app(environ, start_response):
        try:
            up_to_date = nothing_new(environ)
        except DatabaseError:
            # a broken persistent connection: drop it and let Django reconnect and answer
            connection.close()
            up_to_date = False
        if up_to_date:
            start_response("204 No Content", no_content_headers(environ))
            return [b""]
        return application(environ, start_response)

    return app
