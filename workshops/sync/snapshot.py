"""A per-process snapshot of every live workshop's revisions, read by the WSGI fast path.

Why: every screen asks "anything new?" every 1.5 s, about 1,000 checks a second at 100
workshops. Even as one indexed read, each check cost the server a database round trip: on
PostgreSQL 0.3–0.4 ms of its CPU (psycopg, the socket, the context switches), more than
everything else a check does. Here one statement, at most every `max_age` seconds, reads the
counters of all live workshops and their participants, and a check is answered from memory.

Why it is correct: revisions only ever grow, and a screen's revision comes from a state the
server rendered or acknowledged. A screen whose revision is at or past the snapshot's has
everything the snapshot knows (204). A screen behind it has missed something (on to Django,
which renders the change). A screen the snapshot does not know (a new participant, a workshop
that is not live, a token for another workshop) gets the exact check as before. What changed
after the snapshot was read shows on the first check after the next read, so a change reaches
a screen at most `max_age` later than with the exact check (docs/performance.md,
docs/decisions.md).
"""

import threading
import time

from django.conf import settings

from ..models import Workshop
from .revisions import PARTICIPANTS, WORKSHOPS
from .rows import fetch

SNAPSHOT_SQL = (
    f"SELECT w.id, w.join_token, w.revision, w.phone_revision, p.token, p.revision "  # noqa: S608
    f"FROM {WORKSHOPS} w LEFT JOIN {PARTICIPANTS} p ON p.workshop_id = w.id "
    "WHERE w.status = %s"
)

UP_TO_DATE, BEHIND, UNKNOWN = "up to date", "behind", "unknown"


def _numbers(since: str, parts: int) -> tuple[int, ...] | None:
    try:
        numbers = tuple(int(part) for part in since.split("."))
    except (AttributeError, ValueError):
        return None
    return numbers if len(numbers) == parts else None


class Snapshot:
    def __init__(self, max_age: float, clock=time.monotonic):
        self.max_age = max_age
        self.clock = clock
        self._lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        self.taken: float | None = None
        self.screens: dict[int, int] = {}  # workshop id -> revision
        self.phones: dict[str, tuple[str, int, int]] = {}  # token -> (join token, phone, own)

    def _usable(self) -> bool:
        """Read anew when older than max_age. False while another thread reads a stale one:
        that check takes the exact path meanwhile instead of waiting."""
        if self.max_age <= 0:
            return False
        started = self.clock()  # the age counts from before the read: never younger than it is
        if self.taken is not None and started - self.taken < self.max_age:
            return True
        if not self._lock.acquire(blocking=False):
            return False
        try:
            screens, phones = {}, {}
            for workshop_id, join_token, revision, phone_revision, token, own in fetch(
                SNAPSHOT_SQL, [Workshop.Status.LIVE.value]
            ):
                screens[workshop_id] = revision
                if token is not None:
                    phones[token] = (join_token, phone_revision, own)
            self.screens, self.phones, self.taken = screens, phones, started
            return True
        finally:
            self._lock.release()

    def phone(self, join_token: str, tokens: list[str], since: str) -> str:
        seen = _numbers(since, 2)
        if seen is None or not tokens or not self._usable():
            return UNKNOWN
        for token in tokens:
            known = self.phones.get(token)
            if known is not None and known[0] == join_token:
                up_to_date = seen[0] >= known[1] and seen[1] >= known[2]
                return UP_TO_DATE if up_to_date else BEHIND
        return UNKNOWN

    def screen(self, workshop_id: int, since: str) -> str:
        seen = _numbers(since, 1)
        if seen is None or not self._usable():
            return UNKNOWN
        known = self.screens.get(workshop_id)
        if known is None:
            return UNKNOWN
        return UP_TO_DATE if seen[0] >= known else BEHIND


SNAPSHOT = Snapshot(max_age=settings.LIVE_SNAPSHOT_SECONDS)
