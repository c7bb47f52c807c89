"""Logging filters. An expected refusal (PermissionDenied → 403, Http404 → 404) is one line in
the log, not a traceback: a phone or a wall refused keeps no stack for every answer it gets."""

import logging


class RefusalWithoutTraceback(logging.Filter):
    """django.request logs every 4xx with the exception that made it; a 4xx is the answer
    meant for the request, so its traceback is dropped. Errors (5xx) keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
