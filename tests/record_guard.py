"""The record guard: in every test, a row a live screen shows (workshops/live/shown.py) that
the app saves or deletes for a live workshop, in a transaction without a `record()` for that
workshop, fails the test — the wall would stay stale.

How it sees things, in tests only (production has no receivers and no patches):
- saves: a `post_save` receiver (with `update_fields`, a save of hidden fields only is
  no change a screen shows);
- deletes, cascades and many-to-many removals: `Collector.delete`, which every delete goes
  through (a `post_delete` receiver would turn Django's fast deletes into a SELECT and a
  signal per row, and change the query counts the tests hold);
- `QuerySet.update` and `bulk_create` (many-to-many additions too), which send no signals;
- `record()`: the `recorded` signal workshops/live/changes.py sends.

A transaction is the app's outermost atomic block inside the test's own (pytest-django's
blocks are marked `_from_testcase`); the check runs when it commits (a rolled-back block
forgets its writes and records). A write outside any block of the app cannot have a record
(record refuses to run there) and is checked at once.

Only the app's writes count: a write whose nearest caller outside Django is a test file
(factories, a scene set by hand) is the test's own setup.

Lookups the guard makes (a row's workshop, whether it is live) bypass the query log, so
`django_assert_num_queries` counts the app's queries only.
"""

from __future__ import annotations

import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import QuerySet
from django.db.models.deletion import Collector
from django.db.models.signals import post_save

from workshops.live import changes
from workshops.live.shown import shown

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
HERE = str(Path(__file__).resolve())


@dataclass
class Write:
    depth: int
    label: str
    workshop_ids: frozenset
    what: str  # "save", "update", "delete", "bulk_create"
    fields: tuple
    where: str  # the app's line that made it


@dataclass
class Record:
    depth: int
    workshop_id: int
    change: str


def _caller(tests_too=False) -> str | None:
    """The app's file:line that made a write, or None when it is a test's own setup (or
    comes from a library)."""
    frame = sys._getframe(2)
    while frame is not None:
        filename = frame.f_code.co_filename
        path = Path(filename)
        if filename != HERE and ROOT in path.parents and ".venv" not in path.parts:
            if TESTS in path.parents and not tests_too:
                return None
            return f"{path.relative_to(ROOT)}:{frame.f_lineno}"
        frame = frame.f_back
    return None


@contextmanager
def _quiet(using="default"):
    """The guard's own lookups, left out of the query log and the execute wrappers."""
    connection = connections[using]
    debug, wrappers = connection.force_debug_cursor, connection.execute_wrappers
    connection.force_debug_cursor, connection.execute_wrappers = False, []
    try:
        yield
    finally:
        connection.force_debug_cursor, connection.execute_wrappers = debug, wrappers


def _app_depth(using="default") -> int:
    blocks = connections[using].atomic_blocks
    return sum(1 for block in blocks if not getattr(block, "_from_testcase", False))


def _instance_workshop(instance, path: str):
    if path == "pk":
        return instance.pk
    *through, last = path.split("__")
    obj = instance
    with _quiet(instance._state.db or "default"):
        for name in through:
            obj = getattr(obj, name, None)
            if obj is None:
                return None
        return getattr(obj, f"{last}_id", None)


def _queryset_workshops(queryset: QuerySet, path: str) -> frozenset:
    with _quiet(queryset.db):
        return frozenset(
            pk
            for pk in queryset.order_by().values_list(path, flat=True).distinct()
            if pk is not None
        )


class Guard:
    """Writes and records are kept per thread (each thread has its own connection and its own
    transactions: tests/test_vote_concurrency.py); failures are gathered for the test."""

    def __init__(self):
        self._thread = threading.local()
        self.failures: list[str] = []
        self.tests_are_the_app = False

    @contextmanager
    def as_the_app(self):
        """The test's own writes count as the app's (tests/test_record_guard.py)."""
        self.tests_are_the_app = True
        try:
            yield self
        finally:
            self.tests_are_the_app = False

    @property
    def writes(self) -> list[Write]:
        return self._thread.__dict__.setdefault("writes", [])

    @writes.setter
    def writes(self, value):
        self._thread.writes = value

    @property
    def records(self) -> list[Record]:
        return self._thread.__dict__.setdefault("records", [])

    @records.setter
    def records(self, value):
        self._thread.records = value

    # what the app does ------------------------------------------------------------------

    def wrote(self, model, what, *, instances=(), queryset=None, fields=()):
        declared = shown(model._meta.label)
        if declared is None:
            return
        if fields and set(fields) <= declared.hidden_fields:
            return
        where = _caller(self.tests_are_the_app)
        if where is None:
            return
        if queryset is not None:
            ids = _queryset_workshops(queryset, declared.workshop)
        else:
            ids = frozenset(
                pk
                for pk in (_instance_workshop(i, declared.workshop) for i in instances)
                if pk is not None
            )
        if not ids:
            return
        write = Write(_app_depth(), model._meta.label, ids, what, tuple(fields), where)
        if write.depth == 0:
            self._check([write], recorded=set())
        else:
            self.writes.append(write)

    def recorded(self, workshop_id, change):
        self.records.append(Record(_app_depth(), workshop_id, change))

    def block_exited(self, depth: int, rolled_back: bool):
        """An app block at `depth` (1 = the outermost) ended."""
        if rolled_back:
            self.writes = [w for w in self.writes if w.depth < depth]
            self.records = [r for r in self.records if r.depth < depth]
            return
        for item in (*self.writes, *self.records):
            if item.depth >= depth:
                item.depth = depth - 1
        if depth == 1:
            writes, recorded = self.writes, {r.workshop_id for r in self.records}
            self.writes, self.records = [], []
            self._check(writes, recorded=recorded)

    # the check ----------------------------------------------------------------------------

    def _check(self, writes: list[Write], *, recorded: set):
        from workshops.models import Workshop

        unrecorded = {pk for w in writes for pk in w.workshop_ids} - recorded
        if not unrecorded:
            return
        with _quiet():
            live = set(
                Workshop.objects.filter(pk__in=unrecorded, status=Workshop.Status.LIVE)
                .order_by()
                .values_list("pk", flat=True)
            )
        for write in writes:
            stale = sorted(write.workshop_ids & live)
            if stale:
                fields = f" ({', '.join(write.fields)})" if write.fields else ""
                self.failures.append(
                    f"{write.where}: {write.what} of {write.label}{fields} in live workshop "
                    f"{stale} without record() in the same transaction — the wall stays stale"
                )


@contextmanager
def guarding():
    """Install the guard for one test; yields it. The caller fails the test on its
    `failures`."""
    guard = Guard()

    def on_save(sender, instance, update_fields=None, raw=False, **kwargs):
        if not raw:
            guard.wrote(sender, "save", instances=[instance], fields=tuple(update_fields or ()))

    def on_record(sender, workshop_id, change, **kwargs):
        guard.recorded(workshop_id, change)

    original_update = QuerySet.update
    original_bulk_create = QuerySet.bulk_create
    original_collector_delete = Collector.delete
    original_exit = transaction.Atomic.__exit__

    def update(self, **kwargs):
        guard.wrote(self.model, "update", queryset=self, fields=tuple(kwargs))
        return original_update(self, **kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        created = original_bulk_create(self, objs, *args, **kwargs)
        guard.wrote(self.model, "bulk_create", instances=created)
        return created

    def collector_delete(self):
        for model, instances in self.data.items():
            guard.wrote(model, "delete", instances=list(instances))
        for queryset in self.fast_deletes:
            guard.wrote(queryset.model, "delete", queryset=queryset)
        return original_collector_delete(self)

    def atomic_exit(self, exc_type, exc_value, traceback):
        if getattr(self, "_from_testcase", False):
            return original_exit(self, exc_type, exc_value, traceback)
        using = self.using or DEFAULT_DB_ALIAS
        connection = transaction.get_connection(using)
        depth = _app_depth(using)
        rolled_back = exc_type is not None or connection.needs_rollback
        try:
            return original_exit(self, exc_type, exc_value, traceback)
        finally:
            guard.block_exited(depth, rolled_back)

    post_save.connect(on_save, weak=False, dispatch_uid="record_guard_save")
    changes.recorded.connect(on_record, weak=False, dispatch_uid="record_guard_record")
    QuerySet.update = update
    QuerySet.bulk_create = bulk_create
    Collector.delete = collector_delete
    transaction.Atomic.__exit__ = atomic_exit
    try:
        yield guard
    finally:
        transaction.Atomic.__exit__ = original_exit
        Collector.delete = original_collector_delete
        QuerySet.bulk_create = original_bulk_create
        QuerySet.update = original_update
        changes.recorded.disconnect(dispatch_uid="record_guard_record")
        post_save.disconnect(dispatch_uid="record_guard_save")
