"""A WSGI fast path for the one request every live screen sends every 1.5 s.

Most of the time the answer to "anything newer than N?" is "no". Through Django's full
request cycle (eleven middleware, URL resolving, the view) that "no" costs about twice a bare
Django view. Here it is a look-up in the per-process snapshot of live revisions (snapshot.py,
at most 0.25 s old), or one indexed read when the snapshot does not know the screen, and a
204. The fast path only ever answers 204, after the same credential check as the view (the
phone's participant cookie, or the screen's signed key), and only for a screen that has
everything the snapshot or the database knows. Everything else — a change, a bad credential,
an error — falls through to Django untouched, so permissions, rendering and error handling
stay in the views. See docs/decisions.md and docs/performance.md.
"""

import re
from urllib.parse import parse_qs

from django.db import DatabaseError, connection
from django.http.cookie import parse_cookie

from . import revisions
from .permissions import screen_key_valid
from .snapshot import SNAPSHOT, UNKNOWN, UP_TO_DATE

PHONE_SYNC = re.compile(r"^/d/(?P<join_token>[A-Za-z0-9_-]{1,64})/sync/$")
SCREEN_SYNC = re.compile(r"^/workshops/(?P<workshop_id>\d{1,18})/live/sync/(facilitator|wall)/$")
NO_CONTENT_HEADERS = [
    ("Cache-Control", "max-age=0, no-cache, no-store, must-revalidate, private"),
    ("Vary", "Cookie"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
    ("Content-Length", "0"),
]


def nothing_new(environ) -> bool:
    """True when the request is a live check whose screen is up to date."""
    if environ.get("REQUEST_METHOD") != "GET":
        return False
    path = environ.get("PATH_INFO", "")
    if "/sync/" not in path:  # phones: /d/<token>/sync/; screens: …/live/sync/<screen>/
        return False
    query = parse_qs(environ.get("QUERY_STRING", ""))
    since = query.get("since", [None])[0]
    if since is None:
        return False
    phone = PHONE_SYNC.match(path)
    if phone:
        # Django's own cookie parser, so the fast path reads the cookies as request.COOKIES does
        tokens = revisions.cookie_tokens(parse_cookie(environ.get("HTTP_COOKIE", "")))
        known = SNAPSHOT.phone(phone["join_token"], tokens, since)
        if known != UNKNOWN:
            return known == UP_TO_DATE
        return revisions.phone_revision(phone["join_token"], tokens) == since
    screen = SCREEN_SYNC.match(path)
    if screen:
        workshop_id = int(screen["workshop_id"])
        if not screen_key_valid(query.get("key", [""])[0], workshop_id):
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
            start_response("204 No Content", NO_CONTENT_HEADERS)
            return [b""]
        return application(environ, start_response)

    return app
