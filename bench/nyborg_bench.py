#!/usr/bin/env python
"""Load bench of a Nyborg round (issue 20, item 8): N workshops x (12 phones in 4 groups of 3,
a wall, the leader's console) on a real server on one core. Not a test.

    .venv/bin/python bench/nyborg_bench.py --workshops 100 --duration 90
    .venv/bin/python bench/nyborg_bench.py --workshops 20,30,40 --json /tmp/nyborg.json

It reuses bench/live_bench.py's machinery (the database template, the pinned granian server,
the keep-alive HTTP client, the bare-view yardstick, the percentiles) and runs the group tools
as the phones' script (static/js/live.js) drives them:

1. setup (a child process, through the ORM and workshops.live): N Nyborg TalSammen workshops
   (the method file's phases, both themes chosen), 12 participants joined each, seated in 4
   groups of 3 for round 1 (`Group`/`GroupMember`, as tests/group_helpers.seat does), and the
   round's examples phase (`group_examples`) set;
2. every phone polls `GET /d/<token>/sync/?since=<rev>` every 1.5 s, the wall
   `GET /workshops/<id>/live/sync/wall/` every 1.5 s (key in `X-Screen-Key`), the console
   `.../sync/facilitator/` every 3 s (logged in, drawers closed); a tick is skipped while a
   check is in flight, as setInterval in live.js does;
3. (A) examples: each phone writes a post-it to its group's board every 15 s (the reflection
   scenario's rate), kinds alternating point/action: `POST /d/<token>/handling/skriv/` with
   the form's fields exactly (csrfmiddlewaretoken, kind, text; the form has no client key),
   `X-CSRFToken`, `X-Requested-With: fetch`, on the phone's second kept-alive connection (a
   browser's fetch while the check holds the first); the answer's `regions` is the phone's
   new screen;
4. at 45 % of the duration (each workshop 0-5 s apart) the console clicks "Næste fase"
   (`POST /workshops/<id>/live/fase/`, action=next, as htmx posts it) and the room is in (B)
   sorting; each phone acts when its screen shows the sorting phase, one action every 4-8 s
   (`--sort-gap`; twice the reflection's write rate per workshop, a day's 15 minutes in 45 s):
   phones 1 and 2 of a group each write a heading (`overskrift`), every phone places its third
   of the group's post-its under the headings (`placer`, note + version + theme, taken from
   the screen it shows), then marks (`marker`): phone 1 two points, phone 2 two actions,
   phone 3 a point and an action, so three phones compete for each kind's two slots; a
   refusal ("the group has its 2", 400) is the expected answer to the late one, a stale
   version (409) is retried once with the version of the screen in the answer;
5. afterwards the database is checked: every acknowledged post-it and heading there once and
   nothing unacknowledged, every acknowledged placement holds, at most 2 marks per group and
   kind (and how many groups reached their 2 + 2), every acknowledged mark there.

"On the wall" is read from what the wall shows, not from revisions (every group write moves
them): the wall shows each group's post-it count in (A) and its headings and marks (n/2) in
(B); SQLite serialises writes, so the k-th post-it of a group by id made the count k, and a
mark in slot s made its kind's count s. A write is on the wall when the wall first showed
that count; likewise on the console (every group's board) and on the group's other phones.

Limits (as the reflection scenario's): check p95 <= 50 ms, phone action p95 <= 200 ms, on the
wall p95 <= 2 s, 0 errors, 0 lost or doubled, at most 2 + 2 marks per group, <= 1 query on
the phone's 204 path.
"""

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import shutil
import string
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.live_bench import (  # noqa: E402 - after the path
    CONSOLE_POLL_S,
    DEFAULT_SERVER,
    HOST,
    LIMITS,
    POLL_S,
    PYTHON,
    REQUEST_TIMEOUT_S,
    REV_RE,
    SERVERS,
    Connection,
    Database,
    Server,
    closed_loop,
    core_busy_seconds,
    django_env,
    measure_baseline,
    summary_ms,
)

PHONES = 12
GROUPS = 4
WRITE_S = 15.0  # (A): a post-it per phone every 15 s, as the reflection scenario
SORT_GAP_S = (4.0, 8.0)  # (B): a phone's next action 4-8 s after its last (--sort-gap)
SWITCH_SHARE = 0.45  # the console moves to (B) at 45 % of the duration ...
SWITCH_SPREAD_S = 5.0  # ... each workshop within 5 s of the others
MARKS = {0: ("point", "point"), 1: ("action", "action"), 2: ("point", "action")}
TOPICS = {
    "trivsel": {"title": "Arbejdsglæde", "description": "Hvad giver os lyst til at gå på arbejde?"},
    "ledelse": {"title": "Tydelig retning", "description": "Ved vi, hvor vi skal hen?"},
}

# what the screens show (templates/workshops/tools/group_*.html)
WALL_NOTES_RE = re.compile(r"<li>Gruppe (\d+): <strong>(\d+)</strong> post-its</li>")
WALL_SORT_RE = re.compile(
    r"<li>Gruppe (\d+): (\d+) overskrift(?:er)? · (\d+)/\d+ vigtige pointer · "
    r"(\d+)/\d+ ønskede handlinger</li>"
)
CONSOLE_NOTES_RE = re.compile(
    r'id="group-board-\d+-heading">Gruppe (\d+) <span class="board__count">\((\d+)\)'
)
PHONE_NOTES_RE = re.compile(r'id="group-phone-heading">[^<]*\((\d+)\)</h2>')
PHONE_PROGRESS_RE = re.compile(
    r'id="group-progress"><strong>(\d+)/\d+</strong> vigtige pointer · '
    r"<strong>(\d+)/\d+</strong> ønskede handlinger"
)
PHONE_HEADING_RE = re.compile(r'<section class="group-heading" id="heading-(\d+)">')
PHONE_NOTE_RE = re.compile(
    r'<li class="postit postit--yellow postit--(\w+)( postit--marked)?" data-note-id="(\d+)">'
    r'.*?name="version" value="(\d+)">(.*?)</select>',
    re.S,
)
SELECTED_RE = re.compile(r'<option value="(\d+)" selected>')


# --- The Django side (child processes) -------------------------------------------------------


def _child_setup(n: int) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from units.models import Membership, Role, Unit
    from workshops import live
    from workshops.methods import load_all
    from workshops.models import Group, GroupMember, Method
    from workshops.permissions import screen_key
    from workshops.preparation import create_workshop

    if not Method.objects.filter(slug="nyborg-talsammen").exists():
        load_all()
    method = Method.objects.get(slug="nyborg-talsammen")
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
            name=f"Nyborg {i}",
            code=f"{organisation.code}-{i}",
            kind=Unit.Kind.WORKPLACE,
            parent=organisation,
        )
        workshop = create_workshop(unit=unit, method=method, title=f"Nyborg {i}", topics=TOPICS)
        participants = [
            live.join(workshop, display_name=f"Deltager {j + 1}") for j in range(PHONES)
        ]
        per_group = PHONES // GROUPS
        for g in range(GROUPS):
            group = Group.objects.create(workshop=workshop, round_number=1, number=g + 1)
            for participant in participants[g * per_group : (g + 1) * per_group]:
                GroupMember.objects.create(group=group, round_number=1, participant=participant)
        examples = workshop.phases.filter(tool="group_examples").order_by("order").first()
        live.set_phase(workshop.pk, examples)
        for participant in participants:
            participant.refresh_from_db()
        workshop.refresh_from_db()
        out.append(
            {
                "id": workshop.pk,
                "token": workshop.join_token,
                "rev": workshop.revision,
                "participants": [p.token for p in participants],
                "phone_revs": [workshop.phone_revision_for(p) for p in participants],
                "groups": [j // per_group + 1 for j in range(PHONES)],
                "wall_key": screen_key(workshop, user),
                "session": session,
            }
        )
    return {"workshops": out, "queries": _count_queries(out[0])}


def _count_queries(w: dict) -> dict:
    """The phone's 204 and 200 paths in (A), through Django's test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    client.cookies[f"tp{w['id']}"] = w["participants"][0]
    url = f"/d/{w['token']}/sync/"
    result = {}
    for label, since in (("phone_204", w["phone_revs"][0]), ("phone_200", "0")):
        client.get(url, {"since": since})
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, {"since": since})
        result[label] = {"status": response.status_code, "queries": len(ctx.captured_queries)}
    return result


def _child_collect() -> dict:
    """The group work as the database has it: per workshop its post-its (text, group number,
    kind, slot, heading) in id order and its headings (title, group number) in id order."""
    import django

    django.setup()
    from workshops.models import Note, Theme

    notes: dict[int, list] = {}
    for row in Note.objects.order_by("pk").values_list(
        "workshop_id", "pk", "text", "group__number", "kind", "priority", "theme_id"
    ):
        notes.setdefault(row[0], []).append(list(row[1:]))
    themes: dict[int, list] = {}
    for row in Theme.objects.order_by("pk").values_list(
        "workshop_id", "pk", "title", "group__number"
    ):
        themes.setdefault(row[0], []).append(list(row[1:]))
    return {"notes": notes, "themes": themes}


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


# --- The clients -------------------------------------------------------------------------------


class Record:
    def __init__(self):
        self.check_204: list[float] = []
        self.check_200: list[float] = []
        self.acts: dict[str, list[float]] = {}  # phone action -> answer times
        self.phase: list[float] = []  # the console's "Næste fase", until its answer
        self.errors: dict[str, int] = {}
        self.samples: list[str] = []
        self.expected: dict[str, int] = {}  # refused as the app should (a third mark: 400 ...)
        self.notes: dict[str, tuple] = {}  # text -> (workshop, group, ack time)
        self.headings: dict[str, tuple] = {}  # title -> (workshop, group, ack time)
        self.placed: dict[int, tuple] = {}  # note id -> (theme id, ack time)
        self.marked: dict[int, float] = {}  # note id -> ack time of the mark
        self.switched: dict[int, float] = {}  # workshop -> when the console's answer came
        self.skipped = 0
        self.sent_notes = 0

    def error(self, kind: str, detail: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1
        if len(self.samples) < 10:
            self.samples.append(f"{kind}: {detail[:200]}")

    def took(self, action: str, seconds: float) -> None:
        self.acts.setdefault(action, []).append(seconds)


class Screen:
    """A phone (participant token), the wall or the console; it keeps a timeline of what it
    showed: (time, {key: count}) whenever a check or an answer brought a new screen."""

    def __init__(self, port, w, kind, index=None):
        self.port, self.kind, self.w = port, kind, w
        self.workshop = w["id"]
        self.csrf = "".join(random.choices(string.ascii_letters + string.digits, k=32))
        self.origin = f"http://{HOST}:{port}"
        if kind == "phone":
            self.index = index
            self.group = w["groups"][index]
            self.seat = index % (PHONES // GROUPS)
            self.token = w["participants"][index]
            self.rev = w["phone_revs"][index]
            self.cookie = f"tp{w['id']}={self.token}; csrftoken={self.csrf}"
            self.sync_path = f"/d/{w['token']}/sync/?since="
        else:
            self.rev = str(w["rev"])
            self.cookie = f"sessionid={w['session']}; csrftoken={self.csrf}"
            self.sync_path = f"/workshops/{w['id']}/live/sync/{kind}/?since="
        self.conn = Connection(port)  # the checks' kept-alive connection
        self.acts = Connection(port)  # the actions' (a browser opens a second one)
        self.timeline: list[tuple[float, dict]] = []
        self.region = ""
        self.sorting = asyncio.Event()
        self.written = 0
        self.gap = SORT_GAP_S

    # what a screen shows
    def show(self, html: str, t: float) -> None:
        counts: dict = {}
        if self.kind == "wall":
            for g, n in WALL_NOTES_RE.findall(html):
                counts[("notes", int(g))] = int(n)
            for g, h, p, a in WALL_SORT_RE.findall(html):
                counts[("sorting", int(g))] = 1
                counts[("headings", int(g))] = int(h)
                counts[("point", int(g))] = int(p)
                counts[("action", int(g))] = int(a)
        elif self.kind == "facilitator":
            for g, n in CONSOLE_NOTES_RE.findall(html):
                counts[("notes", int(g))] = int(n)
        else:
            self.region = html
            found = PHONE_NOTES_RE.search(html)
            if found:
                counts[("notes", self.group)] = int(found.group(1))
            found = PHONE_PROGRESS_RE.search(html)
            if found:
                counts[("sorting", self.group)] = 1
                counts[("point", self.group)] = int(found.group(1))
                counts[("action", self.group)] = int(found.group(2))
                counts[("headings", self.group)] = len(PHONE_HEADING_RE.findall(html))
                self.sorting.set()
        if counts:
            self.timeline.append((t, counts))

    async def poll_loop(self, rec: Record, start: float, end: float) -> None:
        loop = asyncio.get_running_loop()
        every = CONSOLE_POLL_S if self.kind == "facilitator" else POLL_S
        tick = start + random.uniform(0, every)
        headers = {"X-Requested-With": "fetch", "Cookie": self.cookie}
        if self.kind != "phone":
            headers["X-Screen-Key"] = self.w["wall_key"]
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
                rec.error("check-exception", repr(error))
                status, content = None, b""
            t1 = loop.time()
            if status == 204:
                rec.check_204.append(t1 - t0)
            elif status == 200:
                rec.check_200.append(t1 - t0)
                match = REV_RE.search(content)
                if match is None:
                    rec.error("check-no-rev", content[:200].decode(errors="replace"))
                else:
                    self.rev = match.group(1).decode()
                    self.show(content.decode(), t1)
            elif status is not None:
                rec.error(f"check-{status}", content[:200].decode(errors="replace"))
            tick += every
            while tick < t1:
                tick += every
                rec.skipped += 1

    def form(self, fields: dict) -> tuple[dict, bytes]:
        """A `[data-live-action]` form as live.js's sendAction posts it (the form's own
        csrfmiddlewaretoken among its fields), or htmx's post of a console form."""
        headers = {
            "X-CSRFToken": self.csrf,
            "Cookie": self.cookie,
            "Origin": self.origin,
            "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
        }
        headers.update(
            {"X-Requested-With": "fetch"} if self.kind == "phone" else {"HX-Request": "true"}
        )
        return headers, urlencode({"csrfmiddlewaretoken": self.csrf, **fields}).encode()

    async def post(self, rec: Record, path: str, fields: dict, label: str):
        loop = asyncio.get_running_loop()
        headers, body = self.form(fields)
        t0 = loop.time()
        try:
            status, content = await asyncio.wait_for(
                self.acts.request("POST", path, headers, body), REQUEST_TIMEOUT_S
            )
        except Exception as error:  # noqa: BLE001
            self.acts.close()
            rec.error(f"{label}-exception", repr(error))
            return None, {}, loop.time()
        t1 = loop.time()
        rec.took(label, t1 - t0)
        answer = {}
        if self.kind == "phone":
            try:
                answer = json.loads(content)
            except ValueError:
                rec.error(f"{label}-{status}", content[:200].decode(errors="replace"))
                return status, {}, t1
            if answer.get("regions"):  # like live.js: the answer is the phone's new screen
                match = REV_RE.search(answer["regions"].encode())
                if match:
                    self.rev = match.group(1).decode()
                self.show(answer["regions"], t1)
        return status, answer, t1

    async def act(self, rec: Record, action: str, fields: dict):
        path = f"/d/{self.w['token']}/handling/{action}/"
        return await self.post(rec, path, fields, action)

    # (A) examples
    async def write_loop(self, rec: Record, start: float, stop: float) -> None:
        loop = asyncio.get_running_loop()
        when = start + random.uniform(0, WRITE_S)
        kinds = ["point", "action"]
        random.shuffle(kinds)
        while when < stop:
            await asyncio.sleep(max(0.0, when - loop.time()))
            when += WRITE_S
            self.written += 1
            text = (
                f"W{self.workshop} P{self.index} #{self.written} {uuid.uuid4().hex[:10]}: vi lytter"
            )
            rec.sent_notes += 1
            kind = kinds[self.written % 2]
            status, answer, t1 = await self.act(rec, "skriv", {"kind": kind, "text": text})
            if status == 200:
                rec.notes[text] = (self.workshop, self.group, t1)
            elif status is not None:
                rec.error(f"skriv-{status}", str(answer.get("error")))

    # (B) sorting
    def notes_shown(self) -> list[dict]:
        return [
            {
                "kind": kind,
                "marked": bool(marked),
                "id": int(pk),
                "version": version,
                "theme": (SELECTED_RE.search(rest) or [None, None])[1],
            }
            for kind, marked, pk, version, rest in PHONE_NOTE_RE.findall(self.region)
        ]

    async def pause(self, stop: float) -> bool:
        loop = asyncio.get_running_loop()
        wait = random.uniform(*self.gap)
        if loop.time() + wait >= stop:  # the room's time is up before the next action
            await asyncio.sleep(max(0.0, stop - loop.time()))
            return False
        await asyncio.sleep(wait)
        return True

    async def sort_loop(self, rec: Record, stop: float) -> None:
        loop = asyncio.get_running_loop()
        waiting = asyncio.create_task(self.sorting.wait())
        try:
            await asyncio.wait_for(waiting, max(0.1, stop - loop.time()))
        except TimeoutError:
            return
        if self.seat < 2 and await self.pause(stop):
            key = uuid.uuid4().hex[:6]
            title = f"Hvad går igen {self.seat + 1} W{self.workshop} G{self.group} {key}"
            status, answer, t1 = await self.act(rec, "overskrift", {"title": title})
            if status == 200:
                rec.headings[title] = (self.workshop, self.group, t1)
            elif status is not None:
                rec.error(f"overskrift-{status}", str(answer.get("error")))
        # the phone's third of the group's post-its under the headings, as it sees them
        while loop.time() < stop and not PHONE_HEADING_RE.search(self.region):
            await asyncio.sleep(0.5)
        for position, note in enumerate(self.notes_shown()):
            if position % (PHONES // GROUPS) != self.seat or note["theme"]:
                continue
            headings = PHONE_HEADING_RE.findall(self.region)
            if not headings or not await self.pause(stop):
                break
            theme = headings[position % len(headings)]
            for _try in range(2):
                fields = {"note": note["id"], "version": note["version"], "theme": theme}
                status, answer, t1 = await self.act(rec, "placer", fields)
                if status == 200:
                    rec.placed[note["id"]] = (int(theme), t1)
                    break
                if status == 409:  # someone changed it: the answer is the fresh screen
                    rec.expected["placer-409"] = rec.expected.get("placer-409", 0) + 1
                    fresh = [n for n in self.notes_shown() if n["id"] == note["id"]]
                    if not fresh:
                        break
                    note = fresh[0]
                    continue
                if status is not None:
                    rec.error(f"placer-{status}", str(answer.get("error")))
                break
        # the 2 + 2: three phones compete for each kind's two slots
        for kind in MARKS[self.seat]:
            if not await self.pause(stop):
                break
            for _try in range(2):
                free = [n for n in self.notes_shown() if n["kind"] == kind and not n["marked"]]
                if not free:
                    break
                note = random.choice(free)
                status, answer, t1 = await self.act(
                    rec, "marker", {"note": note["id"], "version": note["version"]}
                )
                if status == 200:
                    rec.marked.setdefault(note["id"], t1)
                    break
                if status == 400 and "allerede valgt" in str(answer.get("error")):
                    rec.expected["marker-full"] = rec.expected.get("marker-full", 0) + 1
                    break
                if status == 409:
                    rec.expected["marker-409"] = rec.expected.get("marker-409", 0) + 1
                    continue
                if status is not None:
                    rec.error(f"marker-{status}", str(answer.get("error")))
                break

    # the console
    async def switch(self, rec: Record, when: float) -> None:
        loop = asyncio.get_running_loop()
        await asyncio.sleep(max(0.0, when - loop.time()))
        path = f"/workshops/{self.workshop}/live/fase/"
        headers, body = self.form({"action": "next"})
        conn = Connection(self.port)
        t0 = loop.time()
        try:
            status, content = await asyncio.wait_for(
                conn.request("POST", path, headers, body), REQUEST_TIMEOUT_S
            )
        except Exception as error:  # noqa: BLE001
            rec.error("phase-exception", repr(error))
            return
        finally:
            conn.close()
        t1 = loop.time()
        if status != 200 or b'id="region-console"' not in content:
            rec.error(f"phase-{status}", content[:200].decode(errors="replace"))
            return
        rec.phase.append(t1 - t0)
        rec.switched[self.workshop] = t1
        match = REV_RE.search(content)
        if match:
            self.rev = match.group(1).decode()
        self.show(content.decode(), t1)


async def simulate(
    port: int, workshops: list[dict], duration: float, gap=SORT_GAP_S, sort: bool = True
):
    rec = Record()
    screens: list[Screen] = []
    for w in workshops:
        screens += [Screen(port, w, "phone", i) for i in range(len(w["participants"]))]
        screens += [Screen(port, w, "wall"), Screen(port, w, "facilitator")]
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.5
    end = start + duration
    stop = end - 3.0  # the last changes have time to reach every screen
    switch_at = {
        w["id"]: start + SWITCH_SHARE * duration + random.uniform(0, SWITCH_SPREAD_S)
        if sort
        else end + 2.0  # --examples-only: (A) all the way
        for w in workshops
    }
    tasks = [asyncio.create_task(s.poll_loop(rec, start, end)) for s in screens]
    for s in screens:
        s.gap = gap
        if s.kind == "phone":
            # (A) stops 2 s before its room moves on (or 3 s before the end): a post-it sent as the
            # phase changes is refused ("det er ikke tid til det nu"), counted as an error
            writing_ends = min(stop, switch_at[s.workshop] - 2.0)
            tasks.append(asyncio.create_task(s.write_loop(rec, start, writing_ends)))
            tasks.append(asyncio.create_task(s.sort_loop(rec, stop)))
        elif s.kind == "facilitator" and sort:
            tasks.append(asyncio.create_task(s.switch(rec, switch_at[s.workshop])))
    await asyncio.gather(*tasks)
    for s in screens:
        s.conn.close()
        s.acts.close()
    rec.wall_s = loop.time() - start
    return rec, screens


# --- Checking against the database and what the screens showed --------------------------------


def first_shown(screen: Screen, key, at_least: int, since: float) -> float | None:
    for t, counts in screen.timeline:
        if t >= since and counts.get(key, -1) >= at_least:
            return t
    return None


def delays(events: list[tuple], screens_of: dict, kind: str) -> dict:
    """events: (workshop, group, key, count, ack time); the delay until every screen of
    `kind` (for "phone": the group's phones, the writer's own at its answer) showed at least
    that count."""
    out, unseen = [], 0
    for workshop, group, key, count, t_ack in events:
        latest = t_ack
        targets = [
            s
            for s in screens_of.get(workshop, [])
            if s.kind == kind and (kind != "phone" or s.group == group)
        ]
        for s in targets:
            t = first_shown(s, (key, group), count, t_ack - 30.0)
            if t is None:
                unseen += 1
                break
            latest = max(latest, t)
        else:
            if targets:
                out.append(max(0.0, latest - t_ack))
    return {"delays": out, "unseen": unseen}


def check(rec: Record, screens: list[Screen], collected: dict) -> dict:
    screens_of: dict[int, list] = {}
    for s in screens:
        screens_of.setdefault(s.workshop, []).append(s)
    notes_db: dict[str, int] = {}
    note_events, mark_events, heading_events = [], [], []
    placed_wrong, marks_over, full_groups = 0, 0, 0
    marked_db = set()
    per_group: dict[tuple, int] = {}
    for workshop, notes in collected["notes"].items():
        workshop = int(workshop)
        rank: dict[int, int] = {}
        slots: dict[tuple, int] = {}
        for pk, text, group, kind, priority, theme in notes:
            notes_db[text] = notes_db.get(text, 0) + 1
            rank[group] = rank.get(group, 0) + 1
            if text in rec.notes:
                t_ack = rec.notes[text][2]
                note_events.append((workshop, group, "notes", rank[group], t_ack))
            if priority:
                marked_db.add(pk)
                slots[(group, kind)] = slots.get((group, kind), 0) + 1
                if pk in rec.marked:
                    mark_events.append((workshop, group, kind, priority, rec.marked[pk]))
            if pk in rec.placed and rec.placed[pk][0] != theme:
                placed_wrong += 1
        for (group, kind), n in slots.items():
            per_group[(workshop, group, kind)] = n
            marks_over += n > 2
        for group in range(1, GROUPS + 1):
            if (
                per_group.get((workshop, group, "point"))
                == per_group.get((workshop, group, "action"))
                == 2
            ):
                full_groups += 1
    marks_not_in_db = sum(1 for pk in rec.marked if pk not in marked_db)
    headings_db: dict[str, int] = {}
    for workshop, themes in collected["themes"].items():
        rank = {}
        for _pk, title, group in themes:
            headings_db[title] = headings_db.get(title, 0) + 1
            rank[group] = rank.get(group, 0) + 1
            if title in rec.headings:
                heading_events.append(
                    (int(workshop), group, "headings", rank[group], rec.headings[title][2])
                )
    result = {
        "notes_acked": len(rec.notes),
        "notes_sent": rec.sent_notes,
        "notes_lost": sum(1 for t in rec.notes if notes_db.get(t, 0) == 0),
        "notes_doubled": sum(1 for n in notes_db.values() if n > 1),
        "notes_not_acked": sum(1 for t in notes_db if t not in rec.notes),
        "headings_acked": len(rec.headings),
        "headings_lost": sum(1 for t in rec.headings if headings_db.get(t, 0) == 0),
        "headings_doubled": sum(1 for n in headings_db.values() if n > 1),
        "headings_not_acked": sum(1 for t in headings_db if t not in rec.headings),
        "placed_acked": len(rec.placed),
        "placed_wrong": placed_wrong,
        "marks_acked": len(rec.marked),
        "marks_in_db": len(marked_db),
        "marks_not_in_db": marks_not_in_db,
        "marks_over_two": marks_over,
        "groups_with_2_plus_2": full_groups,
    }
    seen = {}
    for label, events in (
        ("note", note_events),
        ("heading", heading_events),
        ("mark", mark_events),
    ):
        for kind in ("wall", "facilitator", "phone"):
            if label != "note" and kind == "facilitator":
                continue  # the console's board shows them, but its count is the post-its'
            found = delays(events, screens_of, kind)
            seen[f"{label}_on_{kind}"] = found
    return result, seen


def run_once(args, db: Database, n: int, baseline: dict | None) -> dict:
    env = django_env(db.fresh(), db.secret_key)
    t0 = time.monotonic()
    setup = run_child(env, "_setup", str(n))
    setup_s = time.monotonic() - t0
    server = Server("trivsel.wsgi:application", args.server, env, db.tmp / f"server-{n}.log")
    load0 = Path("/proc/loadavg").read_text().split()[:3]
    try:
        w0 = setup["workshops"][0]
        cookie = f"tp{w0['id']}={w0['participants'][0]}"
        check_path = f"/d/{w0['token']}/sync/?since={w0['phone_revs'][0]}"
        server.wait_ready(check_path, f"Cookie: {cookie}\r\n")
        check_max = None
        if baseline is not None:
            headers = {"X-Requested-With": "fetch", "Cookie": cookie}
            asyncio.run(closed_loop(server.port, check_path, headers, 1, 8))
            check_max = asyncio.run(closed_loop(server.port, check_path, headers, 5, 32))
        cpu0, lg0, cores0 = server.cpu_seconds(), time.process_time(), core_busy_seconds()
        perf = None
        if args.perf:
            perf = subprocess.Popen(
                ["perf", "record", "-F", "499", "-g", "-o", str(args.perf)]
                + ["-p", ",".join(map(str, server.pids())), "--", "sleep", str(args.duration)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        rec, screens = asyncio.run(
            simulate(
                server.port,
                setup["workshops"],
                args.duration,
                args.sort_gap,
                sort=not args.examples_only,
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
    counts, seen = check(rec, screens, collected)
    checks = rec.check_204 + rec.check_200
    acts = [x for values in rec.acts.values() for x in values]
    errors = sum(rec.errors.values())

    def s_summary(values):
        return {
            k: (None if v is None else round(v / 1000, 3))
            for k, v in summary_ms(values).items()
            if k != "n"
        } | {"n": len(values)}

    result = {
        "workshops": n,
        "clients": sum(len(w["participants"]) + 2 for w in setup["workshops"]),
        "db": args.db,
        "server": args.server,
        "duration_s": round(rec.wall_s, 1),
        "sort_gap_s": list(args.sort_gap),
        "examples_only": args.examples_only,
        "setup_s": round(setup_s, 1),
        "requests": len(checks) + len(acts) + len(rec.phase),
        "throughput_rps": round((len(checks) + len(acts) + len(rec.phase)) / rec.wall_s, 1),
        "check_all_ms": summary_ms(checks),
        "check_204_ms": summary_ms(rec.check_204),
        "check_200_ms": summary_ms(rec.check_200),
        "action_ms": summary_ms(acts),
        "actions_ms": {k: summary_ms(v) for k, v in sorted(rec.acts.items())},
        "phase_ms": summary_ms(rec.phase),
        "on_screen_s": {k: s_summary(v["delays"]) for k, v in seen.items()},
        "unseen": {k: v["unseen"] for k, v in seen.items()},
        "expected_refusals": rec.expected,
        "skipped_ticks": rec.skipped,
        "errors": errors,
        "errors_by_kind": rec.errors,
        "error_samples": rec.samples,
        "server_log_problems": len(problems),
        **counts,
        "server_cpu_pct": round(100 * server_cpu / rec.wall_s, 1),
        "loadgen_cpu_pct": round(100 * loadgen_cpu / rec.wall_s, 1),
        "core_busy_pct": {c: round(100 * t / rec.wall_s, 1) for c, t in cores.items()},
        "loadavg_before": load0,
        "loadavg_after": loadavg,
        "queries": setup["queries"],
        "check_max": check_max,
        "switched": len(rec.switched),
    }
    wall = result["on_screen_s"]
    shown = ("note_on_wall",) + (() if args.examples_only else ("heading_on_wall", "mark_on_wall"))
    wall_p95 = [wall[k]["p95"] for k in shown]
    result["holds"] = bool(
        result["check_all_ms"]["p95"] is not None
        and result["check_all_ms"]["p95"] <= LIMITS["check_p95_ms"]
        and result["action_ms"]["p95"] is not None
        and result["action_ms"]["p95"] <= LIMITS["write_p95_ms"]
        and all(p is not None and p <= LIMITS["screen_p95_s"] for p in wall_p95)
        and errors == 0
        and result["server_log_problems"] == 0
        and result["switched"] == (0 if args.examples_only else n)
        and result["notes_lost"] == result["notes_doubled"] == result["notes_not_acked"] == 0
        and result["headings_lost"] == result["headings_doubled"] == 0
        and result["headings_not_acked"] == 0
        and result["placed_wrong"] == result["marks_over_two"] == result["marks_not_in_db"] == 0
        and all(v == 0 for k, v in result["unseen"].items() if k.endswith("on_wall"))
        and result["queries"]["phone_204"]["queries"] <= 1
    )
    return result


def print_result(r: dict, baseline: dict | None) -> None:
    def line(label, s, unit="ms"):
        return (
            f"  {label:<30} n={s['n']:<7} p50={s['p50']} p95={s['p95']} p99={s['p99']} "
            f"max={s['max']} {unit}"
        )

    print(
        f"\n== Nyborg round: {r['workshops']} workshops x (12 phones in 4 groups + wall + "
        f"console) = {r['clients']} clients on {r['db']}, server {r['server']}, "
        f"{r['duration_s']} s (setup {r['setup_s']} s), "
        + (
            "(A) only"
            if r["examples_only"]
            else f"(B) a phone acts every {r['sort_gap_s'][0]:g}-{r['sort_gap_s'][1]:g} s"
        )
        + " =="
    )
    print(f"  throughput                     {r['throughput_rps']} req/s ({r['requests']})")
    print(line("anything new? (all)", r["check_all_ms"]))
    print(line("anything new? (204)", r["check_204_ms"]))
    print(line("anything new? (200)", r["check_200_ms"]))
    print(line("phone actions (all)", r["action_ms"]))
    for action, s in r["actions_ms"].items():
        print(line(f"  {action}", s))
    print(line("console: next phase", r["phase_ms"]))
    for label, s in r["on_screen_s"].items():
        print(line(label.replace("_", " "), s, "s") + f" unseen={r['unseen'][label]}")
    print(
        f"  post-its sent {r['notes_sent']}, acknowledged {r['notes_acked']}, lost "
        f"{r['notes_lost']}, doubled {r['notes_doubled']}, in db not acknowledged "
        f"{r['notes_not_acked']}"
    )
    print(
        f"  headings acknowledged {r['headings_acked']} (lost {r['headings_lost']}, doubled "
        f"{r['headings_doubled']}, not acknowledged {r['headings_not_acked']}); placements "
        f"{r['placed_acked']} (not holding {r['placed_wrong']}); marks acknowledged "
        f"{r['marks_acked']}, in db {r['marks_in_db']} (acknowledged but not in db "
        f"{r['marks_not_in_db']}), groups over 2 of a kind {r['marks_over_two']}, groups with "
        f"their 2 + 2 {r['groups_with_2_plus_2']} of {r['workshops'] * GROUPS}"
    )
    print(f"  expected refusals {r['expected_refusals']}; rooms switched {r['switched']}")
    print(
        f"  errors {r['errors']} {r['errors_by_kind'] or ''}, server log errors "
        f"{r['server_log_problems']}, skipped check ticks {r['skipped_ticks']}"
    )
    q = r["queries"]
    print(
        f"  queries: phone 204 path {q['phone_204']['queries']} (status "
        f"{q['phone_204']['status']}), phone 200 path {q['phone_200']['queries']}"
    )
    print(
        f"  cpu: server {r['server_cpu_pct']}% of core 0, load generator "
        f"{r['loadgen_cpu_pct']}%; cores busy {r['core_busy_pct']} (others' work included); "
        f"loadavg before {' '.join(r['loadavg_before'])}, after {' '.join(r['loadavg_after'])}"
    )
    if r.get("check_max") and baseline:
        print(
            f"  capacity (closed loop, 32 conns): bare Django view {baseline['rps']} req/s, "
            f"204 check {r['check_max']['rps']} req/s"
        )
    for sample in r["error_samples"]:
        print(f"  error sample: {sample}")
    print(f"  HOLDS LIMITS: {'yes' if r['holds'] else 'NO'}")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_setup":
        print(json.dumps(_child_setup(int(sys.argv[2]))))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "_collect":
        print(json.dumps(_child_collect()))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument(
        "--workshops", default="100", help="the number of workshops, or several: 50,100,120"
    )
    parser.add_argument("--duration", type=float, default=90.0, help="seconds of load per run")
    parser.add_argument(
        "--sort-gap",
        default=",".join(f"{x:g}" for x in SORT_GAP_S),
        help="in (B), seconds between a phone's actions: lowest,highest (default 4,8)",
    )
    parser.add_argument("--server", choices=sorted(SERVERS), default=DEFAULT_SERVER)
    parser.add_argument(
        "--examples-only", action="store_true", help="(A) all the way: no sorting phase"
    )
    parser.add_argument("--perf", type=Path, help="record the server with perf into this file")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--no-pin", action="store_true", help="do not pin to cores 0 and 1")
    args = parser.parse_args()
    args.duration = max(30.0, min(args.duration, 600.0))
    args.sort_gap = tuple(float(x) for x in args.sort_gap.split(","))
    if not args.no_pin:
        os.sched_setaffinity(0, {1})  # the load generator: core 1 (the server gets core 0)
    db = Database(
        args.db, Path(tempfile.mkdtemp(prefix="trivsel-nyborg-")), secrets.token_urlsafe(50)
    )
    results = []
    try:
        print(f"preparing {args.db} database in {db.tmp} ...", flush=True)
        db.prepare_template()
        baseline = measure_baseline(args, db)
        print(f"bare Django view (closed loop, 32 conns): {baseline}", flush=True)
        for i, n in enumerate(int(x) for x in args.workshops.split(",")):
            result = run_once(args, db, n, baseline if i == 0 else None)
            result["bare_view"] = baseline
            results.append(result)
            print_result(result, baseline)
            if args.json:
                args.json.write_text(json.dumps(results, indent=2))
    finally:
        db.drop()
        shutil.rmtree(db.tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
