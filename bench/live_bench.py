#!/usr/bin/env python
"""Load benchmark of the live session: N workshops x (14 phones + 1 wall) on a real gunicorn.

Not a test. Run from the repository root with the project's venv, e.g.

    .venv/bin/python bench/live_bench.py --db sqlite --workshops 100 --duration 60
    .venv/bin/python bench/live_bench.py --db postgres --find-max

What it does (see bench/README.md):
1. a fresh database (SQLite file in a temp dir, or a PostgreSQL database it creates and drops),
   migrated once and copied per run; N workshops in the reflection phase with 15 participants
   each, created through the ORM and workshops.live (so revisions bump as in real use);
2. a real gunicorn (DEBUG=false, generated SECRET_KEY) pinned to core 0 with `taskset -c 0`;
3. this process pinned to core 1 as the load generator: per workshop 14 phones poll
   `GET /d/<join_token>/sync/?since=<rev>` and one wall (projector) polls
   `GET /workshops/<id>/live/sync/wall/?since=<rev>` (its key in `X-Screen-Key`), every
   1.5 s (skipping a tick while one is in flight, like static/js/live.js); each phone posts a
   post-it every 15 s with a fresh client_key. A post-it is "on screen" when the wall shows it;
   phones show only their own post-its, which they have at the acknowledgement;
4. prints throughput, latency percentiles, change-to-screen delay, errors, the lost/duplicate
   count check against the database, the bare-Django-view baseline and the query count of the
   204 path.

With `--facilitator --board` the workshops are in the grouping phase with 20 revealed post-its
each: the phones only poll, and the facilitator's console moves a post-it on the board every
3 s (`POST /workshops/<id>/live/handling/move/`); the moves' answer time and the time until
the wall shows them are reported instead of the writes'.

With `--facilitator --vote` (or `--vote` alone: 14 phones and the wall) the workshops are in
the vote phase: the 20 revealed post-its grouped into 7 themes on the board and a vote open
over them. Every phone fetches its whole screen at the start, all at once (`since=0`), then
casts its marks (`--marks`, default 2, each on another theme; `POST /d/<token>/stem/`,
change=add, theme, a fresh client_key) at random moments within 20 s; 5 % of the marks are
sent a second time with the same client_key within 0.3 s (a retry: it must count once). The
screens only poll. Reported: the full screen's, the marks' and the checks' latencies, the
time until the wall has a mark's revision, and the marks against the database (every ballot
holds exactly its marks, none lost or doubled, every screen's "N af M har stemt" names every
phone).
"""

import argparse
import asyncio
import bisect
import json
import os
import random
import re
import secrets
import shutil
import socket
import string
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
CLIENTS_PER_WORKSHOP = 15
WRITERS_PER_WORKSHOP = 14
POLL_S = 1.5
WRITE_S = 15.0
REQUEST_TIMEOUT_S = 30.0
PG_ADMIN_URL = "postgres://trivsel:trivsel@127.0.0.1:5432/postgres"
PG_BENCH_DB = "trivsel_bench"
PG_PID_FILE = "/var/lib/postgresql/15/main/postmaster.pid"

ACTION_S = 30.0  # the facilitator clicks a console button every 30 s (with --facilitator)
MOVE_S = 3.0  # with --board: the facilitator moves a post-it on the board every 3 s
BOARD_NOTES = 20  # with --board: revealed post-its per workshop (2 each from 10 phones)
VOTE_THEMES = 7  # with --vote: the themes the vote is over (the 20 post-its grouped)
VOTE_WINDOW_S = 20.0  # with --vote: every phone casts its marks within 20 s of the start
RETRY_SHARE = 0.05  # with --vote: the share of marks sent twice with the same client key
RETRY_WITHIN_S = 0.3  # ... the second time within 0.3 s of the first (overlapping or after)
CONSOLE_POLL_S = 3.0  # the console asks every 3 s (views.CONSOLE_POLL_MS)
LIMITS = {
    "check_p95_ms": 50.0,
    "write_p95_ms": 200.0,
    "screen_p95_s": 2.0,
    "action_p95_ms": 300.0,  # a console action until the acting screen has its new regions
    "move_p95_ms": 200.0,  # with --board: a board move until the console has its answer
    "mark_p95_ms": 200.0,  # with --vote: a mark until the phone has its answer
}

# Server configurations to choose from (`--server`). gunicorn's common flags are added in
# Server; granian entries are complete.
GRANIAN = {
    "granian-w1-b1": ["--workers", "1", "--blocking-threads", "1"],
    "granian-w1-b4": ["--workers", "1", "--blocking-threads", "4"],
    "granian-w1-b8": ["--workers", "1", "--blocking-threads", "8"],
    "granian-w1-b16": ["--workers", "1", "--blocking-threads", "16"],
    "granian-w2-b2": ["--workers", "2", "--blocking-threads", "2"],
}
SERVERS = {
    **GRANIAN,
    "gthread-w2-t8": ["-k", "gthread", "-w", "2", "--threads", "8"],
    "gthread-w1-t16": ["-k", "gthread", "-w", "1", "--threads", "16"],
    "gthread-w2-t4": ["-k", "gthread", "-w", "2", "--threads", "4"],
    "gthread-w3-t4": ["-k", "gthread", "-w", "3", "--threads", "4"],
    "sync-w2": ["-k", "sync", "-w", "2"],
    "sync-w4": ["-k", "sync", "-w", "4"],
}
DEFAULT_SERVER = "granian-w1-b4"

REV_RE = re.compile(rb'data-rev="([\d.]+)"')
VOTERS_RE = re.compile(rb"<strong>(\d+)</strong> af <strong>(\d+)</strong> har stemt")


# --- The Django side: run in child processes with the bench environment -------------------


def django_env(database_url: str, secret_key: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="trivsel.settings",
        DEBUG="false",
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback, no TLS proxy in front
        DATABASE_URL=database_url,
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


def _child_setup(n: int, board: bool = False, vote: bool = False, marks: int = 2) -> dict:
    """Create n workshops in the reflection phase with 14 participants and a logged-in
    facilitator session (for the wall) each. With `board`: in the grouping phase instead,
    with BOARD_NOTES post-its of the phones revealed in the presentation round before it.
    With `vote`: as with `board`, then the post-its grouped into VOTE_THEMES themes on the
    board, the workshop's marks per participant set to `marks`, the vote phase and a vote
    opened over every theme."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from units.models import Membership, Role, Unit
    from workshops import live
    from workshops.live import board as board_actions
    from workshops.live import vote as votes
    from workshops.models import Note, Tool
    from workshops.permissions import screen_key
    from workshops.preparation import create_workshop

    organisation = Unit.objects.create(
        name="Bench", code=f"BENCH-{secrets.token_hex(3)}", kind=Unit.Kind.ORGANISATION
    )
    user = get_user_model().objects.create_user(f"bench-{organisation.code}")
    Membership.objects.create(user=user, unit=organisation, role=Role.HR)
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    out = []
    for i in range(n):
        unit = Unit.objects.create(
            name=f"Bench {i}",
            code=f"{organisation.code}-{i}",
            kind=Unit.Kind.WORKPLACE,
            parent=organisation,
        )
        workshop = create_workshop(unit=unit, title=f"Bench {i}")
        participants = [
            live.join(workshop, display_name=f"Deltager {j + 1}")
            for j in range(WRITERS_PER_WORKSHOP)
        ]
        live.set_phase(workshop.pk, workshop.phases.get(tool=Tool.REFLECTION))
        notes, themes = [], []
        if board or vote:
            # as in the room: written, revealed pair by pair in the presentation round (so
            # the revisions move as in real use), then on to the grouping tool
            for j, participant in enumerate(participants[: BOARD_NOTES // 2]):
                for kind in ("good", "change"):
                    Note.objects.create(
                        workshop=workshop,
                        participant=participant,
                        colour=Note.Colour.YELLOW,
                        kind=kind,
                        text=f"Bench post-it {j + 1} {kind}: vi hjælper hinanden",
                        client_key=uuid.uuid4(),
                    )
            live.set_phase(workshop.pk, workshop.phases.get(tool=Tool.PRESENTATION))
            for participant in participants[: BOARD_NOTES // 2]:
                live.reveal_next_pair(workshop.pk, participant.pk)
            live.set_phase(workshop.pk, workshop.phases.get(tool=Tool.GROUPING))
            notes = list(
                Note.objects.filter(workshop=workshop, revealed_at__isnull=False)
                .order_by("reveal_order", "pk")
                .values_list("pk", flat=True)
            )
        if vote:
            # grouped on the board as the facilitator would: the first post-it of each theme
            # into a new theme, the others in turn into the themes; then the vote phase
            for k, note in enumerate(notes):
                if k < VOTE_THEMES:
                    _message, moved = board_actions.move_note(workshop.pk, note, "new")
                    themes.append(moved.theme_id)
                else:
                    board_actions.move_note(workshop.pk, note, themes[k % VOTE_THEMES])
            if marks != workshop.vote_marks:
                votes.update_settings(
                    workshop.pk, marks=marks, several_on_one=False, live_tally=False
                )
            live.set_phase(workshop.pk, workshop.phases.get(tool=Tool.VOTE))
            votes.open_new_vote(workshop.pk, themes)
        for participant in participants:  # the reveals moved their own revisions
            participant.refresh_from_db()
        workshop.refresh_from_db()
        out.append(
            {
                "id": workshop.pk,
                "token": workshop.join_token,
                "rev": workshop.revision,
                "participants": [p.token for p in participants],
                "phone_revs": [workshop.phone_revision_for(p) for p in participants],
                "wall_key": screen_key(workshop, user),
                "session": session,
                "notes": notes,
                "themes": themes,
                "marks": marks if vote else 0,
            }
        )
    return {"workshops": out, "queries": _count_queries(out[0])}


def _count_queries(w: dict) -> dict:
    """Database queries of the sync endpoints, through Django's test client."""
    from types import SimpleNamespace

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from workshops.permissions import screen_key

    client = Client(HTTP_HOST=HOST)
    client.cookies[f"tp{w['id']}"] = w["participants"][0]
    url = f"/d/{w['token']}/sync/"
    result = {}
    for label, since in (("phone_204", w["phone_revs"][0]), ("phone_200", -1)):
        client.get(url, {"since": since})  # warm: connection opened, caches filled
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, {"since": since})
        result[label] = {"status": response.status_code, "queries": len(ctx.captured_queries)}
        if label == "phone_204":
            result[label]["sql"] = [q["sql"] for q in ctx.captured_queries]
    key = screen_key(SimpleNamespace(pk=w["id"]), SimpleNamespace(pk=0))
    url = f"/workshops/{w['id']}/live/sync/wall/"
    client.get(url, {"since": w["rev"]}, HTTP_X_SCREEN_KEY=key)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"since": w["rev"]}, HTTP_X_SCREEN_KEY=key)
    result["wall_204"] = {"status": response.status_code, "queries": len(ctx.captured_queries)}
    return result


def _child_collect() -> dict:
    """Every post-it per workshop in creation order, and the workshops' final revisions; and
    every vote mark per workshop in creation order, as [client key, the token of the
    participant whose ballot holds it] (the ballot key recomputed with the server's secret,
    as only the server can)."""
    import django

    django.setup()
    from workshops.live.vote import ballot_key
    from workshops.models import Note, Participant, VoteMark, Workshop

    notes: dict[int, list[str]] = {}
    for workshop_id, key in Note.objects.order_by("pk").values_list("workshop_id", "client_key"):
        notes.setdefault(workshop_id, []).append(str(key))
    revisions = dict(Workshop.objects.values_list("pk", "revision"))
    marks: dict[int, list[list[str]]] = {}
    owners: dict[str, str] = {}
    votes = set(VoteMark.objects.values_list("vote_id", "vote__workshop_id").distinct())
    for vote_id, workshop_id in votes:
        for pk, token in Participant.objects.filter(workshop_id=workshop_id).values_list(
            "pk", "token"
        ):
            owners[ballot_key(vote_id, pk)] = token
    for workshop_id, key, ballot in VoteMark.objects.order_by("pk").values_list(
        "vote__workshop_id", "client_key", "ballot"
    ):
        marks.setdefault(workshop_id, []).append([str(key), owners.get(ballot, "")])
    return {"notes": notes, "revisions": revisions, "marks": marks}


def run_child(env: dict, *args: str) -> dict:
    out = subprocess.run(
        [PYTHON, str(Path(__file__).resolve()), *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- Databases -------------------------------------------------------------------------------


class Database:
    """A migrated template, copied fresh for every run."""

    def __init__(self, kind: str, tmp: Path, secret_key: str):
        self.kind, self.tmp, self.secret_key = kind, tmp, secret_key

    def _url(self, name: str) -> str:
        if self.kind == "sqlite":
            return f"sqlite:///{self.tmp / name}.sqlite3"
        return f"postgres://trivsel:trivsel@127.0.0.1:5432/{name}"

    def _admin(self, *statements: str) -> None:
        import psycopg

        with psycopg.connect(
            PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True
        ) as c:
            for statement in statements:
                c.execute(statement)

    def prepare_template(self) -> None:
        name = f"{PG_BENCH_DB}_tpl"
        if self.kind == "postgres":
            self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}")
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "-v", "0"],
            env=django_env(self._url(name), self.secret_key),
            cwd=ROOT,
            check=True,
        )

    def fresh(self) -> str:
        """A new copy of the template; returns its DATABASE_URL."""
        if self.kind == "sqlite":
            target = self.tmp / "bench.sqlite3"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(self.tmp / f"{PG_BENCH_DB}_tpl.sqlite3", target)
            return f"sqlite:///{target}"
        self._admin(
            f"DROP DATABASE IF EXISTS {PG_BENCH_DB} WITH (FORCE)",
            f"CREATE DATABASE {PG_BENCH_DB} TEMPLATE {PG_BENCH_DB}_tpl",
        )
        return self._url(PG_BENCH_DB)

    def drop(self) -> None:
        if self.kind == "postgres":
            self._admin(
                f"DROP DATABASE IF EXISTS {PG_BENCH_DB} WITH (FORCE)",
                f"DROP DATABASE IF EXISTS {PG_BENCH_DB}_tpl WITH (FORCE)",
            )


# --- The server --------------------------------------------------------------------------------


def core_busy_seconds() -> dict[int, float]:
    """Busy time of each core since boot, from /proc/stat (to see who else used them)."""
    tick = os.sysconf("SC_CLK_TCK")
    busy = {}
    for line in Path("/proc/stat").read_text().splitlines():
        if line.startswith("cpu") and line[3].isdigit():
            name, *values = line.split()
            v = [int(x) for x in values]
            busy[int(name[3:])] = (sum(v) - v[3] - v[4]) / tick  # minus idle and iowait
    return busy


def pin_postgres(cores: set[int]) -> None:
    """Put the local PostgreSQL server (postmaster and its children) on these cores; backends
    forked later inherit it. For a run where the database, like a production database server,
    does not share the application server's core."""
    pid = int(Path(PG_PID_FILE).read_text().split()[0])
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent == pid:
                children.append(int(entry.name))
    for process in [pid, *children]:
        try:
            os.sched_setaffinity(process, cores)
        except ProcessLookupError:
            continue


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Server:
    """`cpus`: the cores to pin the server to (`taskset -c`), None for no pinning."""

    def __init__(self, app: str, config: str, env: dict, log: Path, cpus: str | None = "0"):
        self.port = free_port()
        self.log = log
        pin = ["taskset", "-c", cpus] if cpus else []
        if config in GRANIAN:
            command = [
                *pin,
                str(Path(PYTHON).parent / "granian"),
                "--interface",
                "wsgi",
                *GRANIAN[config],
                "--host",
                HOST,
                "--port",
                str(self.port),
                "--backlog",
                "4096",
                "--log-level",
                "warning",
                app,
            ]
        else:
            command = pin + self._gunicorn(app, config)
        self.log_file = log.open("ab")
        self.process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=self.log_file, stderr=subprocess.STDOUT
        )

    def _gunicorn(self, app: str, config: str) -> list[str]:
        return [
            str(Path(PYTHON).parent / "gunicorn"),
            app,
            *SERVERS[config],
            "--bind",
            f"{HOST}:{self.port}",
            "--keep-alive",
            "5",
            "--worker-connections",
            "20000",
            "--backlog",
            "4096",
            "--timeout",
            "120",
            "--log-level",
            "warning",
            "--error-logfile",
            str(self.log),
        ]

    def wait_ready(self, path: str, headers: str = "") -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited, see {self.log}")
            try:
                with socket.create_connection((HOST, self.port), timeout=1) as s:
                    head = f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n{headers}Connection: close"
                    s.sendall(f"{head}\r\n\r\n".encode())
                    if s.recv(64).startswith((b"HTTP/1.1 2", b"HTTP/1.0 2")):
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit("gunicorn did not start within 30 s")

    def _stats(self) -> list[tuple[int, list[str]]]:
        """/proc stat fields of the master and its workers (taskset execs the server, so the
        master is self.process.pid; workers are its children)."""
        stats = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(entry.name) == self.process.pid or int(fields[1]) == self.process.pid:
                    stats.append((int(entry.name), fields))
        return stats

    def pids(self) -> list[int]:
        return [pid for pid, _fields in self._stats()]

    def cpu_seconds(self) -> float:
        """utime+stime of the master and its workers, from /proc."""
        tick = os.sysconf("SC_CLK_TCK")
        return sum((int(f[11]) + int(f[12])) / tick for _pid, f in self._stats())

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log_file.close()

    def log_problems(self) -> list[str]:
        try:
            lines = self.log.read_text(errors="replace").splitlines()
        except OSError:
            return []
        return [
            line
            for line in lines
            if ("ERROR" in line or "Traceback" in line or "Forbidden" in line)
            and "No directory at" not in line
        ]


# --- A minimal HTTP/1.1 client (keep-alive, one connection per client) -----------------------


class HTTPError(Exception):
    pass


class Connection:
    """`tls`: an SSL context, for a server behind a TLS proxy (bench/cluster.py). The headers
    of the last answer stay in `last_headers`; answers carrying an `X-Upstream` header (the
    cluster's balancer names the process that answered) are counted in `upstreams`."""

    upstreams: dict[str, int] = {}

    def __init__(self, port: int, tls=None):
        self.port = port
        self.tls = tls
        self.reader = self.writer = None
        self.last_headers: dict[str, str] = {}

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def request(self, method: str, path: str, headers: dict, body: bytes = b""):
        for attempt in range(2):
            fresh = self.writer is None
            if fresh:
                self.reader, self.writer = await asyncio.open_connection(
                    HOST, self.port, ssl=self.tls
                )
            head = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{self.port}"]
            head += [f"{k}: {v}" for k, v in headers.items()]
            if body or method == "POST":
                head.append(f"Content-Length: {len(body)}")
            self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
            try:
                status, response_headers, content = await self._read()
            except (ConnectionError, asyncio.IncompleteReadError, HTTPError):
                self.close()
                if fresh or attempt:
                    raise
                continue  # the server closed an idle keep-alive connection: resend once
            if response_headers.get("connection", "").lower() == "close":
                self.close()
            self.last_headers = response_headers
            upstream = response_headers.get("x-upstream")
            if upstream:
                Connection.upstreams[upstream] = Connection.upstreams.get(upstream, 0) + 1
            return status, content
        raise HTTPError("unreachable")

    async def _read(self):
        line = await self.reader.readline()
        if not line:
            raise HTTPError("connection closed before a response")
        status = int(line.split()[1])
        headers = {}
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            content = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int((await self.reader.readline()).split(b";")[0], 16)
                if size == 0:
                    await self.reader.readline()
                    break
                parts.append(await self.reader.readexactly(size))
                await self.reader.readline()
            content = b"".join(parts)
        elif status in (204, 304):
            content = b""
        else:
            content = await self.reader.read()
            headers["connection"] = "close"
        return status, headers, content


# --- The simulation ----------------------------------------------------------------------------


class Recorder:
    def __init__(self):
        self.poll_204: list[float] = []
        self.poll_200: list[float] = []
        self.write: list[float] = []
        self.action: list[float] = []  # console actions, until their answer (the new regions)
        self.action_revs: dict[int, set] = {}  # workshop -> revisions its console actions made
        self.move: list[float] = []  # with --board: board moves, until their answer
        self.move_acks: list[tuple] = []  # (workshop id, revision, answer time) of each move
        self.errors: dict[str, int] = {}
        self.error_samples: list[str] = []
        self.acked: dict[str, tuple] = {}  # client_key -> (workshop id, ack time, phone)
        self.via: dict[str, str] = {}  # client_key -> the X-Upstream that acknowledged it
        self.sent_keys: set[str] = set()
        self.skipped_ticks = 0
        self.write_items = 0  # writes answered with just the new item (the phone was current)
        self.open: list[float] = []  # with --vote: each phone's full screen at the start
        self.open_end = 0.0  # ... when the last of them was answered
        self.poll_at: list[tuple] = []  # with --vote: (sent, latency) of every periodic check
        self.mark: list[float] = []  # with --vote: each mark POST (retries too) until answered
        self.mark_answers: dict[str, list] = {}  # client_key -> [(created, slot, answer time)]
        self.mark_retried: set[str] = set()  # the client keys sent twice

    def error(self, kind: str, detail: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1
        if len(self.error_samples) < 10:
            self.error_samples.append(f"{kind}: {detail[:200]}")


class Phone:
    """A phone (token given) or, with token=None, one of the workshop's screens: the wall, or
    the facilitator's screen (logged in, and re-checked as such on every change)."""

    def __init__(self, port, workshop, token, csrf, rev=None, screen="wall", tls=None):
        self.port = port
        self.tls = tls
        self.origin = f"{'https' if tls else 'http'}://{HOST}:{port}"
        self.workshop_id = workshop["id"]
        self.writer = token is not None
        if self.writer:
            self.sync_path = f"/d/{workshop['token']}/sync/?since="
            self.cookie = f"tp{workshop['id']}={token}; csrftoken={csrf}"
        else:
            self.sync_path = f"/workshops/{workshop['id']}/live/sync/{screen}/?since="
            self.screen_key = workshop["wall_key"]  # sent as X-Screen-Key, as live.js does
            self.cookie = f"sessionid={workshop['session']}; csrftoken={csrf}"
        self.add_path = f"/d/{workshop['token']}/postit/"
        self.action_path = f"/workshops/{workshop['id']}/live/tid/"
        self.move_path = f"/workshops/{workshop['id']}/live/handling/move/"  # tool_action
        self.notes = workshop.get("notes", [])  # with --board: its revealed post-its
        self.token = token
        self.mark_path = f"/d/{workshop['token']}/stem/"  # participant:vote_mark
        self.themes = workshop.get("themes", [])  # with --vote: the vote's themes
        self.marks = workshop.get("marks", 0)  # ... and the marks each phone has
        self.opening = False  # with --vote: the first check is a full screen at the start
        self.opened = asyncio.Event()
        self.voters: int | None = None  # a screen's last "N af M har stemt"
        self.screen = None if self.writer else screen
        self.rev = rev if rev is not None else str(workshop["rev"])
        self.seen_t: list[float] = []  # the wall: when it first had each newer revision
        self.seen_rev: list[int] = []
        self.csrf = csrf
        self.conn = Connection(port, tls)
        self.written = 0

    async def poll_loop(self, rec: Recorder, start: float, end: float) -> None:
        loop = asyncio.get_running_loop()
        every = CONSOLE_POLL_S if self.screen == "facilitator" else POLL_S
        # opening the vote: every phone asks for its whole screen at the start, at once
        tick = start if self.opening else start + random.uniform(0, every)
        headers = {"X-Requested-With": "fetch", "Cookie": self.cookie}
        if not self.writer:
            headers["X-Screen-Key"] = self.screen_key
        while tick < end:
            await asyncio.sleep(max(0.0, tick - loop.time()))
            t0 = loop.time()
            try:
                status, content = await asyncio.wait_for(
                    self.conn.request("GET", f"{self.sync_path}{self.rev}", headers),
                    REQUEST_TIMEOUT_S,
                )
            except Exception as error:  # noqa: BLE001 - every failure is counted
                self.conn.close()
                rec.error("poll-exception", repr(error))
                status, content = None, b""
            t1 = loop.time()
            opening, self.opening = self.opening, False
            if opening:
                self.opened.set()
                rec.open_end = max(rec.open_end, t1)
                if status is not None and (status != 200 or b"/stem/" not in content):
                    rec.error(f"open-{status}", content[:200].decode(errors="replace"))
            elif self.themes:
                rec.poll_at.append((t0, t1 - t0))
            if status == 204:
                rec.poll_204.append(t1 - t0)
            elif status == 200:
                (rec.open if opening else rec.poll_200).append(t1 - t0)
                voters = VOTERS_RE.search(content)
                if voters:
                    self.voters = int(voters.group(1))
                match = REV_RE.search(content)
                if match is None:
                    rec.error("poll-no-rev", content[:200].decode(errors="replace"))
                elif match.group(1).decode() != self.rev:
                    self.rev = match.group(1).decode()
                    if not self.writer:  # the wall's revision is the workshop's
                        self.seen_t.append(t1)
                        self.seen_rev.append(int(self.rev))
            elif status is not None:
                rec.error(f"poll-{status}", content[:200].decode(errors="replace"))
            # setInterval(sync, 1500) skips ticks while a sync is in flight
            tick += every
            while tick < t1:
                tick += every
                rec.skipped_ticks += 1

    def form_headers(self, kind: dict) -> dict:
        """A form POST as the page sends it (`kind`: htmx's or live.js's fetch header), on a
        connection of its own."""
        return {
            **kind,
            "X-CSRFToken": self.csrf,
            "Cookie": self.cookie,
            "Origin": self.origin,
            "Content-Type": "application/x-www-form-urlencoded",
            "Connection": "close",
        }

    def move_body(self, k: int) -> dict:
        """The k-th board move: each revealed post-it in turn into a new theme, then out of
        it again (its theme goes), so every move is valid whatever the others do."""
        note = self.notes[(k // 2) % len(self.notes)]
        return {"note": note, "target": "new" if k % 2 == 0 else "none"}

    async def action_loop(
        self, rec: Recorder, start: float, stop_writing: float, board: bool = False
    ) -> None:
        """The facilitator's console: a click every ACTION_S (the timer's "+1 min", which every
        phone shows too), or with `board` a board move every MOVE_S, posted as htmx posts it;
        the answer is the console's new regions, so the acting screen shows its change when
        the answer arrives."""
        loop = asyncio.get_running_loop()
        every, path = (MOVE_S, self.move_path) if board else (ACTION_S, self.action_path)
        samples = rec.move if board else rec.action
        when = start + random.uniform(0, every)
        headers = self.form_headers({"HX-Request": "true"})
        k = 0
        while when < stop_writing:
            await asyncio.sleep(max(0.0, when - loop.time()))
            when += every
            fields = self.move_body(k) if board else {"action": "add", "minutes": "1"}
            body = urlencode(fields).encode()
            k += 1
            conn = Connection(self.port, self.tls)
            t0 = loop.time()
            try:
                status, content = await asyncio.wait_for(
                    conn.request("POST", path, headers, body), REQUEST_TIMEOUT_S
                )
            except Exception as error:  # noqa: BLE001
                rec.error("action-exception", repr(error))
                continue
            finally:
                conn.close()
            if status != 200 or b'id="region-console"' not in content:
                rec.error(f"action-{status}", content[:200].decode(errors="replace"))
                continue
            t1 = loop.time()
            samples.append(t1 - t0)
            match = REV_RE.search(content)
            if match:  # like live.js: the screen now stands at the answer's revision
                self.rev = match.group(1).decode()
                rec.action_revs.setdefault(self.workshop_id, set()).add(int(self.rev))
                if board:
                    rec.move_acks.append((self.workshop_id, int(self.rev), t1))
                self.seen_t.append(t1)
                self.seen_rev.append(int(self.rev))

    async def vote_loop(self, rec: Recorder, start: float, window: float) -> None:
        """With --vote: once the phone shows the ballot, its marks on different themes at
        random moments within `window` of the start, each with a fresh client key; a share
        of them sent a second time with the same key (a retry), which must count once."""
        loop = asyncio.get_running_loop()
        await self.opened.wait()
        themes = random.sample(self.themes, self.marks)
        moments = sorted(random.uniform(0, window) for _theme in themes)
        sending = []
        for theme, moment in zip(themes, moments, strict=True):
            await asyncio.sleep(max(0.0, start + moment - loop.time()))
            key = str(uuid.uuid4())
            sending.append(asyncio.create_task(self.mark_once(rec, loop, theme, key)))
            if random.random() < RETRY_SHARE:
                rec.mark_retried.add(key)
                delay = random.uniform(0, RETRY_WITHIN_S)
                sending.append(asyncio.create_task(self.mark_once(rec, loop, theme, key, delay)))
        await asyncio.gather(*sending)

    async def post_alone(self, path: str, headers: dict, body: bytes):
        """A POST on a connection of its own (as a browser's fetch with `Connection: close`),
        closed afterwards; (status, content, the answer's headers)."""
        conn = Connection(self.port, self.tls)
        try:
            status, content = await asyncio.wait_for(
                conn.request("POST", path, headers, body), REQUEST_TIMEOUT_S
            )
            return status, content, conn.last_headers
        finally:
            conn.close()

    async def mark_once(self, rec: Recorder, loop, theme: int, key: str, delay=0.0) -> None:
        """One mark, posted as live.js posts a `[data-live-action]` form; the answer carries
        the slot, whether it was new, and the phone's new region."""
        await asyncio.sleep(delay)
        body = urlencode({"change": "add", "theme": theme, "client_key": key}).encode()
        headers = self.form_headers({"X-Requested-With": "fetch"})
        t0 = loop.time()
        try:
            status, content, _headers = await self.post_alone(self.mark_path, headers, body)
        except Exception as error:  # noqa: BLE001
            rec.error("mark-exception", repr(error))
            return
        t1 = loop.time()
        try:
            answer = json.loads(content) if status == 200 else {}
        except ValueError:
            answer = {}
        if "slot" not in answer:
            rec.error(f"mark-{status}", content[:200].decode(errors="replace"))
            return
        rec.mark.append(t1 - t0)
        created = bool(answer.get("created"))
        rec.mark_answers.setdefault(key, []).append((created, answer["slot"], t1))
        match = REV_RE.search(answer.get("regions", "").encode())
        if match:  # like live.js: the phone now stands at the answer's revision
            self.rev = match.group(1).decode()

    async def write_loop(self, rec: Recorder, start: float, stop_writing: float) -> None:
        loop = asyncio.get_running_loop()
        when = start + random.uniform(0, WRITE_S)
        while when < stop_writing:
            await asyncio.sleep(max(0.0, when - loop.time()))
            await self.write_once(rec, loop)
            when += WRITE_S

    async def write_once(self, rec: Recorder, loop) -> None:
        key = str(uuid.uuid4())
        self.written += 1
        body = urlencode(
            {
                "kind": random.choice(("good", "change")),
                "text": f"Bench post-it {self.written}: vi hjælper hinanden {key[:8]}",
                "factor": "",
                "client_key": key,
                "rev": self.rev,  # like static/js/live.js: where the phone stands
            }
        ).encode()
        headers = self.form_headers({"X-Requested-With": "fetch"})
        rec.sent_keys.add(key)
        # A phone's outbox retries an unsent post-it with the same key; so do we (3 tries).
        for _attempt in range(3):
            t0 = loop.time()
            try:
                status, content, answer_headers = await self.post_alone(
                    self.add_path, headers, body
                )
            except Exception as error:  # noqa: BLE001
                rec.error("write-exception", repr(error))
                await asyncio.sleep(1)
                continue
            t1 = loop.time()
            if status in (200, 201):
                rec.write.append(t1 - t0)
                # like static/js/live.js: the answer carries the phone's new revision, with the
                # one new item when the phone was up to date, else with its whole region
                try:
                    answer = json.loads(content)
                except ValueError:
                    answer = {}
                if answer.get("own_note") and answer.get("rev"):
                    self.rev = answer["rev"]
                    rec.write_items += 1
                else:
                    match = REV_RE.search(answer.get("regions", "").encode())
                    if match:
                        self.rev = match.group(1).decode()
                if key not in rec.acked:
                    rec.acked[key] = (self.workshop_id, t1, self)
                    rec.via[key] = answer_headers.get("x-upstream", "")
                return
            rec.error(f"write-{status}", content[:200].decode(errors="replace"))
            return


def pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


def summary_ms(values: list[float]) -> dict:
    return {
        "n": len(values),
        **{
            f"p{p}": None if pct(values, p) is None else round(pct(values, p) * 1000, 2)
            for p in (50, 95, 99)
        },
        "max": round(max(values) * 1000, 2) if values else None,
    }


async def simulate(
    port: int,
    workshops: list[dict],
    duration: float,
    facilitator: bool = False,
    tls=None,
    board: bool = False,
    vote: bool = False,
) -> tuple[Recorder, list]:
    """Per workshop 14 phones and the wall, or with `facilitator` 13 phones, the wall and the
    facilitator's screen (15 clients either way; fewer phones if a workshop has fewer
    participants). `tls`: an SSL context, for a server behind a TLS proxy. `board`: the
    grouping phase; the phones only poll, the facilitator's screen moves post-its. `vote`: a
    vote is open; every phone fetches its whole screen at the start and casts its marks
    within VOTE_WINDOW_S (the screens only poll)."""
    rec = Recorder()
    phones = []
    for w in workshops:
        writers = list(zip(w["participants"], w["phone_revs"], strict=True))
        screens = ["wall", "facilitator"] if facilitator else ["wall"]
        for token, rev in writers[: CLIENTS_PER_WORKSHOP - len(screens)]:
            csrf = "".join(random.choices(string.ascii_letters + string.digits, k=32))
            phone = Phone(port, w, token, csrf=csrf, rev="0" if vote else rev, tls=tls)
            phone.opening = vote
            phones.append(phone)
        for screen in screens:
            csrf = "".join(random.choices(string.ascii_letters + string.digits, k=32))
            phones.append(Phone(port, w, None, csrf=csrf, screen=screen, tls=tls))
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.5
    end = start + duration
    stop_writing = end - 3.0  # leave the last polls time to show the last writes
    tasks = [asyncio.create_task(p.poll_loop(rec, start, end)) for p in phones]
    tasks += [
        asyncio.create_task(p.write_loop(rec, start, stop_writing))
        for p in phones
        if p.writer and not board and not vote
    ]
    window = min(VOTE_WINDOW_S, duration - 5.0)  # the last marks have time to reach the wall
    tasks += [
        asyncio.create_task(p.vote_loop(rec, start, window)) for p in phones if p.writer and vote
    ]
    tasks += [
        asyncio.create_task(p.action_loop(rec, start, stop_writing, board))
        for p in phones
        if p.screen == "facilitator" and not vote  # in the vote the console only watches
    ]
    await asyncio.gather(*tasks)
    for p in phones:
        p.conn.close()
    rec.wall_s = loop.time() - start
    return rec, phones


async def closed_loop(port: int, path: str, headers: dict, seconds: float, concurrency: int):
    """As many requests as the server answers, `concurrency` at a time, for `seconds`."""
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds
    latencies, errors = [], 0

    async def worker():
        nonlocal errors
        conn = Connection(port)
        while loop.time() < end:
            t0 = loop.time()
            try:
                status, _ = await asyncio.wait_for(conn.request("GET", path, headers), 30)
            except Exception:  # noqa: BLE001
                conn.close()
                errors += 1
                continue
            if status >= 400:
                errors += 1
            latencies.append(loop.time() - t0)
        conn.close()

    t_start, cpu_start = loop.time(), time.process_time()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = loop.time() - t_start
    return {
        "loadgen_cpu_pct": round(100 * (time.process_time() - cpu_start) / elapsed, 1),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(pct(latencies, 50) * 1000, 2) if latencies else None,
        "errors": errors,
    }


def screen_delays(rec: Recorder, phones: list, setup: dict, collected: dict, screen="wall"):
    """For every acknowledged post-it: when did its workshop's `screen` (the wall, or the
    facilitator's console) have a revision at least the post-it's? (Phones show only their
    own post-its.) A workshop's revision rises by one per created post-it in the order of their
    ids (add_note locks the workshop row, creates, bumps), so the n-th post-it of a workshop
    made revision base + n; console actions also move it, which the check below notices."""
    base = {w["id"]: w["rev"] for w in setup["workshops"]}
    rev_of: dict[str, int] = {}
    consistent = True
    for w in setup["workshops"]:
        keys = collected["notes"].get(str(w["id"]), [])
        final = collected["revisions"][str(w["id"])]
        # the revisions the console's actions made are known from their answers; the post-its
        # made the others, in the order of their ids
        actions = rec.action_revs.get(w["id"], set())
        revisions = [r for r in range(base[w["id"]] + 1, final + 1) if r not in actions]
        if len(revisions) != len(keys):
            consistent = False
        for key, revision in zip(keys, revisions, strict=False):
            rev_of[key] = revision
    by_workshop: dict[int, list] = {}
    for p in phones:
        if p.screen == screen:
            by_workshop.setdefault(p.workshop_id, []).append(p)
    delays, unseen = [], 0
    for key, (workshop_id, t_ack, _phone) in rec.acked.items():
        rev = rev_of.get(key)
        if rev is None or workshop_id not in by_workshop:
            continue
        latest = t_ack
        for p in by_workshop[workshop_id]:
            i = bisect.bisect_left(p.seen_rev, rev)
            if i == len(p.seen_rev):
                unseen += 1
                break
            latest = max(latest, p.seen_t[i])
        else:
            delays.append(latest - t_ack)
    return {
        "revision_order_consistent": consistent,
        "delays": delays,
        "unseen": unseen,
    }


def move_delays(rec: Recorder, phones: list) -> dict:
    """For every answered board move: when did its workshop's wall have a revision at least
    the one the answer carried (counted from the answer, as the post-its' from their
    acknowledgement)?"""
    return wall_delays(rec.move_acks, phones)


def wall_delays(acks: list[tuple], phones: list) -> dict:
    """For each (workshop id, revision, answer time): the time from the answer until the
    workshop's wall had a revision at least that one."""
    walls: dict[int, list] = {}
    for p in phones:
        if p.screen == "wall":
            walls.setdefault(p.workshop_id, []).append(p)
    delays, unseen = [], 0
    for workshop_id, rev, t_ack in acks:
        latest = t_ack
        for p in walls.get(workshop_id, []):
            i = bisect.bisect_left(p.seen_rev, rev)
            if i == len(p.seen_rev):
                unseen += 1
                break
            latest = max(latest, p.seen_t[i])
        else:
            delays.append(latest - t_ack)
    return {"delays": delays, "unseen": unseen}


def vote_check(rec: Recorder, phones: list, setup: dict, collected: dict) -> dict:
    """The marks against the database: every acknowledged mark there once, nothing there
    that was not acknowledged, each voting phone's ballot holding exactly its marks (a
    retried mark counted once: both answers name the same slot, one says it was new), every
    screen's last "N af M har stemt" naming every voting phone. And when the wall showed
    each mark: a mark bumps its workshop's revision by one; on SQLite, whose write
    transactions are serialised, the k-th mark of a workshop (by id) made revision base + k
    (the vote scenario makes no other change), so a mark's revision is exact."""
    base = {w["id"]: w["rev"] for w in setup["workshops"]}
    in_db: dict[str, int] = {}
    ballots: dict[str, int] = {}
    acks, consistent = [], True
    for w in setup["workshops"]:
        marks = collected["marks"].get(str(w["id"]), [])
        if collected["revisions"][str(w["id"])] - base[w["id"]] != len(marks):
            consistent = False
        for rank, (key, token) in enumerate(marks, start=1):
            in_db[key] = in_db.get(key, 0) + 1
            ballots[token] = ballots.get(token, 0) + 1
            answers = rec.mark_answers.get(key)
            if answers:
                acks.append((w["id"], base[w["id"]] + rank, min(t for *_x, t in answers)))
    voting = [p for p in phones if p.writer]
    expected = {p.token: p.marks for p in voting}
    wrong_ballots = sum(1 for token, n in expected.items() if ballots.get(token, 0) != n)
    wrong_ballots += sum(1 for token in ballots if token not in expected)
    created = {k: sum(c for c, _slot, _t in a) for k, a in rec.mark_answers.items()}
    retried_wrong = [
        k
        for k in rec.mark_retried
        if len(rec.mark_answers.get(k, [])) != 2
        or len({slot for _c, slot, _t in rec.mark_answers[k]}) != 1
        or created[k] != 1
    ]
    voters: dict[int, int] = {}
    for p in voting:
        voters[p.workshop_id] = voters.get(p.workshop_id, 0) + 1
    screens_wrong = sum(1 for p in phones if not p.writer and p.voters != voters.get(p.workshop_id))
    wall = wall_delays(acks, phones)
    return {
        "marks_expected": sum(expected.values()),
        "marks_in_db": sum(in_db.values()),
        "marks_acked": len(rec.mark_answers),
        "marks_retried": len(rec.mark_retried),
        "marks_lost": sum(1 for k in rec.mark_answers if k not in in_db),
        "marks_double": sum(1 for n in in_db.values() if n > 1)
        + sum(1 for n in created.values() if n > 1),
        "marks_not_acked": sum(1 for k in in_db if k not in rec.mark_answers),
        "ballots_wrong": wrong_ballots,
        "retries_wrong": len(retried_wrong),
        "screens_count_wrong": screens_wrong,
        "mark_revision_consistent": consistent,
        "delays": wall["delays"],
        "unseen": wall["unseen"],
    }


def run_once(args, db: Database, n: int, baseline: dict | None) -> dict:
    url = db.fresh()
    env = django_env(url, db.secret_key)
    t0 = time.monotonic()
    flags = ["board"] * args.board + [f"vote={args.marks}"] * args.vote
    setup = run_child(env, "_setup", str(n), *flags)
    setup_s = time.monotonic() - t0
    server = Server("trivsel.wsgi:application", args.server, env, db.tmp / f"gunicorn-{n}.log")
    try:
        w0 = setup["workshops"][0]
        cookie = f"tp{w0['id']}={w0['participants'][0]}"
        check_path = f"/d/{w0['token']}/sync/?since={w0['phone_revs'][0]}"
        server.wait_ready(check_path, f"Cookie: {cookie}\r\n")
        headers = {"X-Requested-With": "fetch", "Cookie": cookie}
        check_max = None
        if baseline is not None:
            asyncio.run(closed_loop(server.port, check_path, headers, 1, 8))  # warm up
            check_max = asyncio.run(closed_loop(server.port, check_path, headers, 5, 32))
        cpu0, lg0, cores0 = server.cpu_seconds(), time.process_time(), core_busy_seconds()
        perf = None
        if args.perf:  # where the server's CPU goes: `perf report -i FILE --sort dso,sym`
            perf = subprocess.Popen(
                ["perf", "record", "-F", "499", "-g", "-o", str(args.perf)]
                + ["-p", ",".join(map(str, server.pids())), "--", "sleep", str(args.duration)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        rec, phones = asyncio.run(
            simulate(
                server.port,
                setup["workshops"],
                args.duration,
                args.facilitator,
                board=args.board,
                vote=args.vote,
            )
        )
        if perf is not None:
            perf.wait()
        server_cpu = server.cpu_seconds() - cpu0
        loadgen_cpu = time.process_time() - lg0
        cores = {c: t - cores0.get(c, 0.0) for c, t in core_busy_seconds().items()}
        loadavg = Path("/proc/loadavg").read_text().split()[:3]
        problems = server.log_problems()
    finally:
        server.stop()
    collected = run_child(env, "_collect")
    in_db: dict[str, int] = {}
    for keys in collected["notes"].values():
        for key in keys:
            in_db[key] = in_db.get(key, 0) + 1
    lost = [k for k in rec.acked if in_db.get(k, 0) == 0]
    duplicated = [k for k in rec.acked if in_db.get(k, 0) > 1]
    unacked_in_db = [k for k in in_db if k not in rec.acked]
    screen = screen_delays(rec, phones, setup, collected)
    console = screen_delays(rec, phones, setup, collected, screen="facilitator")
    moves = move_delays(rec, phones)
    votes = vote_check(rec, phones, setup, collected) if args.vote else None
    polls = rec.poll_204 + rec.poll_200
    total = len(polls) + len(rec.write) + len(rec.open) + len(rec.mark) + len(rec.move)
    errors = sum(rec.errors.values())
    result = {
        "workshops": n,
        "clients": n * CLIENTS_PER_WORKSHOP,
        "db": args.db,
        "server": args.server,
        "facilitator_screen": args.facilitator,
        "board": args.board,
        "vote": args.vote,
        "duration_s": round(rec.wall_s, 1),
        "setup_s": round(setup_s, 1),
        "requests": total,
        "throughput_rps": round(total / rec.wall_s, 1),
        "check_all_ms": summary_ms(polls),
        "check_204_ms": summary_ms(rec.poll_204),
        "check_200_ms": summary_ms(rec.poll_200),
        "write_ms": summary_ms(rec.write),
        "action_ms": summary_ms(rec.action),
        "move_ms": summary_ms(rec.move),
        "move_wall_delay_s": {
            k: (None if v is None else round(v / 1000, 3))
            for k, v in summary_ms(moves["delays"]).items()
            if k != "n"
        }
        | {"n": len(moves["delays"])},
        "move_unseen": moves["unseen"],
        "screen_delay_s": {
            k: (None if v is None else round(v / 1000, 3))
            for k, v in summary_ms(screen["delays"]).items()
            if k != "n"
        }
        | {"n": len(screen["delays"])},
        "screen_unseen": screen["unseen"],
        "console_delay_s": {
            k: (None if v is None else round(v / 1000, 3))
            for k, v in summary_ms(console["delays"]).items()
            if k != "n"
        }
        | {"n": len(console["delays"])},
        "console_unseen": console["unseen"],
        "revision_order_consistent": screen["revision_order_consistent"],
        "skipped_poll_ticks": rec.skipped_ticks,
        "writes_answered_with_item": rec.write_items,
        "errors": errors,
        "errors_by_kind": rec.errors,
        "error_samples": rec.error_samples,
        "server_log_problems": len(problems),
        "acked_writes": len(rec.acked),
        "lost": len(lost),
        "duplicated": len(duplicated),
        "in_db_not_acked": len(unacked_in_db),
        "server_cpu_pct": round(100 * server_cpu / rec.wall_s, 1),
        "loadgen_cpu_pct": round(100 * loadgen_cpu / rec.wall_s, 1),
        "core_busy_pct": {c: round(100 * t / rec.wall_s, 1) for c, t in cores.items()},
        "loadavg_after": loadavg,
        "queries": setup["queries"],
        "check_max": check_max,
    }
    if votes is not None:
        delays = votes.pop("delays")
        result["vote_marks"] = args.marks
        result["open_ms"] = summary_ms(rec.open)
        result["mark_ms"] = summary_ms(rec.mark)
        result["mark_wall_delay_s"] = {
            k: (None if v is None else round(v / 1000, 3))
            for k, v in summary_ms(delays).items()
            if k != "n"
        } | {"n": len(delays)}
        result["check_after_open_ms"] = summary_ms(
            [latency for sent, latency in rec.poll_at if sent >= rec.open_end]
        )
        result["mark_unseen"] = votes.pop("unseen")
        result.update(votes)
        p95_mark = result["mark_ms"]["p95"]
        p95_mark_wall = result["mark_wall_delay_s"]["p95"]
        result["holds"] = bool(
            p95_mark is not None
            and p95_mark <= LIMITS["mark_p95_ms"]
            and p95_mark_wall is not None
            and p95_mark_wall <= LIMITS["screen_p95_s"]
            and result["check_all_ms"]["p95"] is not None
            and result["check_all_ms"]["p95"] <= LIMITS["check_p95_ms"]
            and errors == 0
            and result["server_log_problems"] == 0
            and result["mark_unseen"] == 0
            and result["marks_in_db"] == result["marks_expected"] == result["marks_acked"]
            and result["marks_lost"] == result["marks_double"] == 0
            and result["marks_not_acked"] == result["ballots_wrong"] == 0
            and result["retries_wrong"] == result["screens_count_wrong"] == 0
            and result["queries"]["phone_204"]["queries"] <= 1
        )
        return result
    p95_check = result["check_all_ms"]["p95"]
    p95_write = result["write_ms"]["p95"]
    p95_screen = result["screen_delay_s"]["p95"]
    p95_action = result["action_ms"]["p95"]
    if args.board:  # nobody writes: the moves take the writes' place
        p95_move = result["move_ms"]["p95"]
        p95_move_wall = result["move_wall_delay_s"]["p95"]
        result["holds"] = bool(
            p95_move is not None
            and p95_move <= LIMITS["move_p95_ms"]
            and p95_move_wall is not None
            and p95_move_wall <= LIMITS["screen_p95_s"]
            and p95_check is not None
            and p95_check <= LIMITS["check_p95_ms"]
            and errors == 0
            and result["server_log_problems"] == 0
            and moves["unseen"] == 0
            and result["queries"]["phone_204"]["queries"] <= 1
        )
        return result
    result["holds"] = bool(
        (not args.facilitator or (p95_action is not None and p95_action <= LIMITS["action_p95_ms"]))
        and p95_check is not None
        and p95_check <= LIMITS["check_p95_ms"]
        and p95_write is not None
        and p95_write <= LIMITS["write_p95_ms"]
        and p95_screen is not None
        and p95_screen <= LIMITS["screen_p95_s"]
        and errors == 0
        and result["server_log_problems"] == 0
        and not lost
        and not duplicated
        and screen["unseen"] == 0
        and console["unseen"] == 0
        and result["queries"]["phone_204"]["queries"] <= 1
    )
    return result


def measure_baseline(args, db: Database) -> dict:
    env = django_env(db.fresh(), db.secret_key)
    server = Server("bench.bare_wsgi:application", args.server, env, db.tmp / "bare.log")
    try:
        server.wait_ready("/bare/")
        asyncio.run(closed_loop(server.port, "/bare/", {}, 1, 8))
        return asyncio.run(closed_loop(server.port, "/bare/", {}, 5, 32))
    finally:
        server.stop()


def print_result(r: dict, baseline: dict | None) -> None:
    def line(label, s, unit="ms"):
        return (
            f"  {label:<28} n={s['n']:<7} p50={s['p50']} p95={s['p95']} p99={s['p99']} "
            f"max={s['max']} {unit}"
        )

    vote = f", vote scenario ({r.get('vote_marks')} marks each)" if r.get("vote") else ""
    print(
        f"\n== {r['workshops']} workshops x {CLIENTS_PER_WORKSHOP} clients "
        f"({r['clients']}) on {r['db']}, server {r['server']}, {r['duration_s']} s"
        f"{', with the facilitator screen' if r.get('facilitator_screen') else ''}"
        f"{', board scenario (grouping, a move every 3 s)' if r.get('board') else ''}"
        f"{vote} =="
    )
    print(f"  throughput                   {r['throughput_rps']} req/s ({r['requests']} requests)")
    print(line("anything new? (all)", r["check_all_ms"]))
    print(line("anything new? (204 only)", r["check_204_ms"]))
    print(line("anything new? (200, changed)", r["check_200_ms"]))
    print(line("write post-it", r["write_ms"]))
    if r["action_ms"]["n"]:
        print(line("console action (answer)", r["action_ms"]))
    if r.get("board"):
        print(line("board move (answer)", r["move_ms"]))
        print(line("board move on the wall", r["move_wall_delay_s"], "s"))
        print(f"  board moves not seen by the wall: {r['move_unseen']}")
    if r.get("vote"):
        print(line("open the vote (full screen)", r["open_ms"]))
        print(line("check after the opening", r["check_after_open_ms"]))
        print(line("mark (answer)", r["mark_ms"]))
        print(line("mark on the wall", r["mark_wall_delay_s"], "s"))
        print(
            f"  marks: expected {r['marks_expected']}, acknowledged {r['marks_acked']} "
            f"({r['marks_retried']} sent twice, wrongly answered {r['retries_wrong']}), in db "
            f"{r['marks_in_db']}, lost {r['marks_lost']}, double {r['marks_double']}, in db "
            f"but not acknowledged {r['marks_not_acked']}, ballots not holding their marks "
            f"{r['ballots_wrong']}, not seen by the wall {r['mark_unseen']}, screens not "
            f"showing every voter {r['screens_count_wrong']}, revision order consistent "
            f"{r['mark_revision_consistent']}"
        )
    print(f"  writes answered with the new item only: {r.get('writes_answered_with_item')}")
    print(line("change on the wall", r["screen_delay_s"], "s"))
    if r["console_delay_s"]["n"]:
        print(line("change on the console", r["console_delay_s"], "s"))
    print(
        f"  errors {r['errors']} {r['errors_by_kind'] or ''}, server log errors "
        f"{r['server_log_problems']}, skipped poll ticks {r['skipped_poll_ticks']}"
    )
    print(
        f"  post-its acknowledged {r['acked_writes']}, lost {r['lost']}, duplicated "
        f"{r['duplicated']}, in db but not acknowledged {r['in_db_not_acked']}"
        f"{' (the board post-its made at setup)' if r.get('board') or r.get('vote') else ''}, "
        f"not seen by every screen {r['screen_unseen']}"
    )
    q = r["queries"]
    print(
        f"  queries: phone 204 path {q['phone_204']['queries']} "
        f"(status {q['phone_204']['status']}), phone 200 path {q['phone_200']['queries']}, "
        f"wall 204 path {q['wall_204']['queries']}"
    )
    print(
        f"  cpu: server {r['server_cpu_pct']}% of core 0, load generator "
        f"{r['loadgen_cpu_pct']}%; cores busy {r['core_busy_pct']} (others' work included); "
        f"loadavg {' '.join(r['loadavg_after'])}"
    )
    if r.get("check_max") and baseline:
        ratio = baseline["rps"] / r["check_max"]["rps"] if r["check_max"]["rps"] else None
        print(
            f"  capacity (closed loop, 32 conns): bare Django view {baseline['rps']} req/s, "
            f"204 check {r['check_max']['rps']} req/s -> the check costs "
            f"{ratio:.2f}x a bare view"
        )
    for sample in r["error_samples"]:
        print(f"  error sample: {sample}")
    print(f"  HOLDS LIMITS: {'yes' if r['holds'] else 'NO'}")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_setup":
        flags = sys.argv[3:]
        marks = [int(f.split("=")[1]) for f in flags if f.startswith("vote=")]
        setup = _child_setup(
            int(sys.argv[2]), board="board" in flags, vote=bool(marks), marks=(marks or [2])[0]
        )
        print(json.dumps(setup))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "_collect":
        print(json.dumps(_child_collect()))
        return

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--workshops", type=int, default=100)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load per run")
    parser.add_argument("--server", choices=sorted(SERVERS), default=DEFAULT_SERVER)
    parser.add_argument("--find-max", action="store_true", help="step N until a limit breaks")
    parser.add_argument(
        "--steps", default="100,150,200,300,400,500,600,800", help="N values for --find-max"
    )
    parser.add_argument(
        "--max-bisect", type=int, default=4, help="extra runs below the first N that broke"
    )
    parser.add_argument(
        "--facilitator",
        action="store_true",
        help="per workshop 13 phones, the wall and the facilitator's screen (not 14 and the wall)",
    )
    parser.add_argument(
        "--board",
        action="store_true",
        help="the grouping phase: the phones only poll, the facilitator's screen moves a "
        f"revealed post-it every {MOVE_S:g} s (with --facilitator)",
    )
    parser.add_argument(
        "--vote",
        action="store_true",
        help=f"a vote over {VOTE_THEMES} themes is open: every phone fetches its whole screen at "
        f"the start and casts its marks within {VOTE_WINDOW_S:g} s, {RETRY_SHARE * 100:g} %% of "
        "them sent twice with the same client key (the screens only poll)",
    )
    parser.add_argument(
        "--marks", type=int, default=2, help="with --vote: marks per participant (default 2)"
    )
    parser.add_argument("--perf", type=Path, help="record the server with perf into this file")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--no-pin", action="store_true", help="do not pin to cores 0 and 1")
    parser.add_argument(
        "--postgres-core",
        type=int,
        help="pin the PostgreSQL server (postmaster and backends) to this core during the runs",
    )
    args = parser.parse_args()
    args.duration = max(10.0, min(args.duration, 600.0))
    if args.board and not args.facilitator:
        parser.error("--board needs --facilitator (the facilitator's screen makes the moves)")
    if args.vote and args.board:
        parser.error("--vote and --board are separate scenarios")
    if args.vote and not 1 <= args.marks <= VOTE_THEMES:
        parser.error(f"--marks: 1 to {VOTE_THEMES} (each on its own theme)")

    if not args.no_pin:
        os.sched_setaffinity(0, {1})  # the load generator: core 1 (the server gets core 0)
    if args.postgres_core is not None:
        pin_postgres({args.postgres_core})
    secret_key = secrets.token_urlsafe(50)
    tmp = Path(tempfile.mkdtemp(prefix="trivsel-bench-"))
    db = Database(args.db, tmp, secret_key)
    results = []
    try:
        print(f"preparing {args.db} database in {tmp} ...", flush=True)
        db.prepare_template()
        baseline = measure_baseline(args, db)
        print(f"bare Django view (closed loop, 32 conns): {baseline}", flush=True)
        steps = [int(s) for s in args.steps.split(",")] if args.find_max else [args.workshops]
        held, broke = 0, None
        for i, n in enumerate(steps):
            result = run_once(args, db, n, baseline if i == 0 else None)
            result["bare_view"] = baseline
            results.append(result)
            print_result(result, baseline)
            if result["holds"]:
                held = n
            else:
                broke = n
                break
        # Below the first step that broke: bisect (at most --max-bisect runs, 5 workshops apart)
        bisects = 0
        while args.find_max and broke and broke - held > 5 and bisects < args.max_bisect:
            n = (held + broke) // 2 if held else max(1, broke // 2)
            result = run_once(args, db, n, None)
            result["bare_view"] = baseline
            results.append(result)
            print_result(result, baseline)
            held, broke = (n, broke) if result["holds"] else (held, n)
            bisects += 1
    finally:
        db.drop()
        shutil.rmtree(tmp, ignore_errors=True)
        if args.postgres_core is not None:
            pin_postgres(set(range(os.cpu_count() or 1)))
    if args.find_max:
        held = [r["workshops"] for r in results if r["holds"]]
        print(
            f"\nlargest number of workshops within the limits on {args.db}: "
            f"{max(held) if held else 'none of the steps'}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
