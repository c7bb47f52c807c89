"""Link secrets never reach a log (issue 19, item 2).

Django logs the path of every 4xx answer (django.request: "Not Found: /t/<token>/"), of a
refused CSRF check (django.security.csrf) and, under runserver, of every request
(django.server). Several addresses carry their key in the path itself: a tovholder's link
(/t/), a phone's join link (/d/), the wall link (/v/), the staff-room board (/tavle/), the
reminders' stop link (/handleplaner/paamindelser/stop/) and Django's password-reset link
(/adgangskode/nulstil/<uid>/<token>/). `MaskTokens` replaces that segment with `MASK` in a
record's message, its arguments, its request (path, full path, META) and its formatted
traceback, before any handler writes it. settings.LOGGING puts it on every handler, and
deploy/nginx/trivsel.conf masks the same paths in nginx's access log.
"""

from __future__ import annotations

import logging
import re

MASK = "***"

# the secret segments; a path counts from a start, a space, a quote or a bracket, or from a
# host ("https://host/t/…"), so /handleplaner/enheder/3/tavle/link/ is left as it is
_LEAD = r"(?P<lead>^|[\s\"'(<=,]|//[^/\s\"'<>]+)"
_SEGMENT = r"[^/?#\s\"'<>]+"
_SECRET_PATHS = re.compile(
    _LEAD
    + r"(?P<path>/(?:t|d|v|tavle|handleplaner/paamindelser/stop)/)"
    + _SEGMENT
    + r"|"
    + r"(?P<lead2>^|[\s\"'(<=,]|//[^/\s\"'<>]+)"
    + r"(?P<reset>/adgangskode/nulstil/)(?!sendt/|faerdig/)"
    + _SEGMENT
    + "/"
    + _SEGMENT
)


def _replace(match: re.Match) -> str:
    if match["path"]:
        return f"{match['lead']}{match['path']}{MASK}"
    return f"{match['lead2']}{match['reset']}{MASK}/{MASK}"


def mask(text: str) -> str:
    """`text` with the secret segment of every link address in it replaced by MASK."""
    return _SECRET_PATHS.sub(_replace, text) if "/" in text else text


def _masked(value):
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, bytes):
        return mask(value.decode("utf-8", "replace"))
    return value


class MaskedRequest:
    """A request as a log handler may show it: the path and every header that repeats it
    (the Referer of a page reached from a link page too) masked; the rest as it is."""

    _META_KEYS = ("PATH_INFO", "REQUEST_URI", "RAW_URI", "HTTP_REFERER", "SCRIPT_URL")

    def __init__(self, request):
        self._request = request

    def __getattr__(self, name):
        return getattr(self._request, name)

    @property
    def path(self) -> str:
        return mask(self._request.path)

    @property
    def path_info(self) -> str:
        return mask(self._request.path_info)

    @property
    def META(self) -> dict:
        meta = dict(self._request.META)
        for key in self._META_KEYS:
            if key in meta:
                meta[key] = _masked(meta[key])
        return meta

    def get_full_path(self, *args, **kwargs) -> str:
        return mask(self._request.get_full_path(*args, **kwargs))

    def build_absolute_uri(self, *args, **kwargs) -> str:
        return mask(self._request.build_absolute_uri(*args, **kwargs))

    def __repr__(self) -> str:
        return mask(repr(self._request))

    __str__ = __repr__


class MaskTokens(logging.Filter):
    """Mask link secrets in a record (settings.LOGGING puts it on every handler)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = mask(record.msg)
        if isinstance(record.args, dict):
            record.args = {key: _masked(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(_masked(value) for value in record.args)
        request = getattr(record, "request", None)
        if hasattr(request, "path") and not isinstance(request, MaskedRequest):
            record.request = MaskedRequest(request)
        if record.exc_info and not record.exc_text:
            record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True


class RefusalWithoutTraceback(logging.Filter):
    """An expected refusal (PermissionDenied → 403, Http404 → 404) is one line in the log, not
    a traceback: a phone or a wall refused keeps no stack for every answer it gets.
    django.request logs every 4xx with the exception that made it; a 4xx is the answer meant
    for the request, so its traceback is dropped. Errors (5xx) keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
