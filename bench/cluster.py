#!/usr/bin/env python
"""Two app servers behind a real load balancer, on one PostgreSQL (issue 13, item 14).

Run from the repository root with the project's venv (needs root for nginx's and PostgreSQL's
packages the first time: `bash scripts/ensure_test_services.sh`):

    .venv/bin/python bench/cluster.py                     # 12 phones, 20 s of load
    .venv/bin/python bench/cluster.py --phones 13 --duration 60 --json /tmp/cluster.json

What it does (bench/README.md; `tests/test_cluster.py` runs it small in `make test`):
1. a PostgreSQL database of its own (`trivsel_cluster_<pid>`, dropped at the end), migrated,
   with a unit, its leader (who facilitates), a second user and a workshop in the reflection
   phase; `collectstatic` (DEBUG is off, as in production);
2. two granian processes serving `trivsel.wsgi:application` with production settings
   (DEBUG=false, one shared SECRET_KEY, `TRUSTED_PROXIES` = the balancer's address) and nginx
   running `deploy/nginx/trivsel.conf` with a self-signed certificate, its own ports, its
   upstream connections from 127.0.0.2 (the balancer's address) and an `X-Upstream` header
   naming the process that answered;
3. through the balancer, over TLS: the leader logs in and opens the console, N phones join
   with the join code and a name, then phones, the wall and the console run the live session
   for `--duration` seconds (bench/live_bench.py's clients), and the post-its in the database
   are counted against the acknowledged ones;
4. cross-process rounds: the console's "+1 min" and a phone's post-it, each made through the
   balancer (so through one process or the other), while a wall and a phone pinned to each
   process poll it directly every 50 ms: how long until the other process's screens show it;
5. a post-it sent again with the same client key until the other process answers it;
6. the join-code limit, its site-wide ceiling and the login lockout, with guesses spread over
   both processes, from client addresses 127.0.0.3 and up (the balancer sees those; what a
   client writes in X-Forwarded-For is never believed).
Prints the figures and `HOLDS: yes/no`; exits 1 when something does not hold.
"""

import argparse
import asyncio
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.live_bench import (  # noqa: E402 - after the path
    HOST,
    PG_ADMIN_URL,
    PYTHON,
    REV_RE,
    Connection,
    Server,
    django_env,
    free_port,
    pct,
    screen_delays,
    simulate,
    summary_ms,
)

NGINX_SITE = ROOT / "deploy" / "nginx" / "trivsel.conf"
BALANCER_ADDRESS = "127.0.0.2"  # nginx connects to the app servers from here (proxy_bind)
PASSWORD = secrets.token_urlsafe(16)
PROBE_S = 0.05  # the pinned screens of the cross-process rounds poll this often
CROSS_LIMIT_S = 2.0
SCREEN_KEY_RE = re.compile(r'data-screen-key="([^"]+)"')
CSRF_INPUT_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        raise SystemExit(
            "nginx is not installed: run `bash scripts/ensure_test_services.sh` (Debian's nginx)"
        )
    return found


# --- The Django side (child processes with the cluster's environment) -------------------------


def _child_setup(extra: int) -> dict:
    """The workshop the phones join by code, and `extra` more for load, each in its own unit
    led by the same leader, with 13 participants joined through workshops.live."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from units.models import Membership, Role, Unit
    from workshops import live
    from workshops.models import Tool
    from workshops.permissions import screen_key
    from workshops.preparation import create_workshop

    organisation = Unit.objects.create(
        name="Klyngekommune", code="KLYNGE", kind=Unit.Kind.ORGANISATION
    )
    unit = Unit.objects.create(
        name="Børnehaven Klyngen", code="KLYNGE-1", kind=Unit.Kind.WORKPLACE, parent=organisation
    )
    users = get_user_model().objects
    leader = users.create_user("klynge-leder", password=os.environ["CLUSTER_PASSWORD"])
    Membership.objects.create(user=leader, unit=unit, role=Role.LEADER)
    other = users.create_user("klynge-hr", password=os.environ["CLUSTER_PASSWORD"])
    Membership.objects.create(user=other, unit=organisation, role=Role.HR)
    workshop = create_workshop(unit=unit, title="Trivselsdialog i klyngen")
    live.set_phase(workshop.pk, workshop.phases.get(tool=Tool.REFLECTION))
    workshop.refresh_from_db()
    more = []
    for i in range(extra):
        unit = Unit.objects.create(
            name=f"Klynge {i}", code=f"KLYNGE-X{i}", kind=Unit.Kind.WORKPLACE, parent=organisation
        )
        Membership.objects.create(user=leader, unit=unit, role=Role.LEADER)
        other = create_workshop(unit=unit, title=f"Klynge {i}")
        participants = [live.join(other, display_name=f"Deltager {j + 1}") for j in range(13)]
        live.set_phase(other.pk, other.phases.get(tool=Tool.REFLECTION))
        other.refresh_from_db()
        more.append(
            {
                "id": other.pk,
                "token": other.join_token,
                "rev": other.revision,
                "participants": [p.token for p in participants],
                "phone_revs": [other.phone_revision_for(p) for p in participants],
                "wall_key": screen_key(other, leader),
            }
        )
    return {
        "id": workshop.pk,
        "code": workshop.join_code,
        "token": workshop.join_token,
        "more": more,
    }


def _child_count(keys: list[str]) -> dict:
    """Every post-it per workshop in creation order and the final revisions (as
    live_bench's collect), and how many post-its each of `keys` has."""
    import django

    django.setup()
    from workshops.models import Note, Workshop

    notes: dict[int, list[str]] = {}
    for workshop_id, key in Note.objects.order_by("pk").values_list("workshop_id", "client_key"):
        notes.setdefault(workshop_id, []).append(str(key))
    return {
        "notes": notes,
        "revisions": dict(Workshop.objects.values_list("pk", "revision")),
        "count": {key: Note.objects.filter(client_key=key).count() for key in keys},
    }


def run_child(env: dict, *args: str, stdin: str = "") -> dict:
    out = subprocess.run(
        [PYTHON, str(Path(__file__).resolve()), *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        input=stdin,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- The database, the app servers, the balancer ----------------------------------------------


def pg_admin(*statements: str) -> None:
    import psycopg

    admin = PG_ADMIN_URL.replace("postgres://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as c:
        for statement in statements:
            c.execute(statement)


def nginx_site(upstream_ports: list[int], port: int, http_port: int, tmp: Path) -> str:
    """deploy/nginx/trivsel.conf with this run's addresses: every CHANGE marked there, the
    ports on 127.0.0.1 only, the Host header with its port (the test's TLS port is not 443,
    and Django compares the Origin with it), upstream connections from the balancer's own
    address, and the answering process named in X-Upstream. Each replaced text must be in the
    file, so the test runs the file the documentation shows."""
    site = NGINX_SITE.read_text()
    replacements = [
        ("server 10.0.0.11:8000", f"server {HOST}:{upstream_ports[0]}"),
        ("server 10.0.0.12:8000", f"server {HOST}:{upstream_ports[1]}"),
        ("    listen [::]:80;\n", ""),
        ("    listen [::]:443 ssl http2;\n", ""),
        ("    listen 80;\n", f"    listen {HOST}:{http_port};\n"),
        ("    listen 443 ssl http2;\n", f"    listen {HOST}:{port} ssl http2;\n"),
        ("server_name trivsel.kommune.dk;", "server_name localhost 127.0.0.1;"),
        ("/etc/ssl/trivsel/fullchain.pem", str(tmp / "cert.pem")),
        ("/etc/ssl/trivsel/privkey.pem", str(tmp / "key.pem")),
        ("proxy_set_header Host $host;", "proxy_set_header Host $host:$server_port;"),
        ("/var/log/nginx/trivsel-access.log", str(tmp / "nginx-access.log")),
        (
            "proxy_pass http://trivsel_app;",
            "proxy_pass http://trivsel_app;\n"
            f"        proxy_bind {BALANCER_ADDRESS};\n"
            "        add_header X-Upstream $upstream_addr always;",
        ),
    ]
    for old, new in replacements:
        if old not in site:
            raise SystemExit(f"{NGINX_SITE} no longer contains {old!r}: update bench/cluster.py")
        site = site.replace(old, new)
    return site


class Balancer:
    """nginx with the generated site, in the foreground, logging into tmp."""

    def __init__(self, upstream_ports: list[int], tmp: Path):
        self.port, self.tmp = free_port(), tmp
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
            + ["-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"]
            + ["-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem")],
            check=True,
            capture_output=True,
        )
        (tmp / "site.conf").write_text(nginx_site(upstream_ports, self.port, free_port(), tmp))
        temp = "".join(
            f"    {kind}_temp_path {tmp / kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (tmp / "nginx.conf").write_text(
            ("user root;\n" if os.geteuid() == 0 else "")
            + f"worker_processes 1;\npid {tmp / 'nginx.pid'};\n"
            f"error_log {tmp / 'nginx-error.log'} warn;\n"
            "events { worker_connections 4096; }\n"
            "http {\n"
            f"    access_log {tmp / 'nginx-access.log'};\n{temp}"
            f"    include {tmp / 'site.conf'};\n}}\n"
        )
        command = [nginx_binary(), "-p", str(tmp), "-c", str(tmp / "nginx.conf")]
        test = subprocess.run([*command, "-t"], capture_output=True, text=True)
        if test.returncode:
            raise SystemExit(f"nginx -t failed:\n{test.stderr}")
        self.process = subprocess.Popen(
            [*command, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.tls = ssl.create_default_context(cafile=str(tmp / "cert.pem"))

    def problems(self) -> list[str]:
        log = self.tmp / "nginx-error.log"
        lines = log.read_text(errors="replace").splitlines() if log.exists() else []
        return [line for line in lines if "[error]" in line or "[crit]" in line]

    def stop(self) -> None:
        self.process.send_signal(signal.SIGQUIT)  # graceful: finish what is in flight
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# --- A browser through the balancer (logins, joins, limits) -----------------------------------


class Answer:
    def __init__(self, response):
        self.status = response.status
        self.location = response.getheader("Location", "")
        self.upstream = response.getheader("X-Upstream", "")
        self.body = response.read().decode(errors="replace")


class Browser:
    """One person's browser: cookies, Django's CSRF token, a client address of its own (the
    connection's source address on the loopback); every request a new TLS connection to the
    balancer."""

    def __init__(self, port: int, tls, address: str = HOST):
        self.port, self.tls, self.address = port, tls, address
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None, headers=None) -> Answer:
        conn = http.client.HTTPSConnection(
            HOST, self.port, context=self.tls, timeout=30, source_address=(self.address, 0)
        )
        head = dict(headers or {})
        if self.cookies:
            head["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            body = urlencode({"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data})
            head["Content-Type"] = "application/x-www-form-urlencoded"
            head["Origin"] = f"https://{HOST}:{self.port}"
        try:
            conn.request(method, path, body=body, headers=head)
            response = conn.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return Answer(response)
        finally:
            conn.close()

    def post_form(self, path: str, data: dict) -> Answer:
        if "csrftoken" not in self.cookies:
            self.request("GET", path)
        return self.request("POST", path, data)


def join_phone(port: int, tls, code: str, name: str) -> dict:
    """A phone joins as a person does: the code form at /d/, then its name."""
    phone = Browser(port, tls)
    upstreams = []
    answer = phone.post_form("/d/", {"code": code})
    upstreams.append(answer.upstream)
    if answer.status != 302:
        raise SystemExit(f"join by code: {answer.status} {answer.body[:300]}")
    screen = answer.location
    answer = phone.request("POST", f"{screen}deltag/", {"display_name": name})
    upstreams.append(answer.upstream)
    if answer.status != 302:
        raise SystemExit(f"join with a name: {answer.status} {answer.body[:300]}")
    answer = phone.request("GET", screen)
    upstreams.append(answer.upstream)
    (token,) = [v for k, v in phone.cookies.items() if k.startswith("tp")]
    return {
        "token": token,
        "rev": REV_RE.search(answer.body.encode()).group(1).decode(),
        "upstreams": upstreams,
    }


# --- Cross-process rounds -------------------------------------------------------------------


class Pinned:
    """A screen that always asks the same process, directly (not through the balancer), as
    if the balancer had sent all its checks there; records when each new revision arrived."""

    def __init__(self, port: int, path: str, headers: dict, rev: str):
        self.port, self.path, self.rev = port, path, rev
        # direct to granian: X-Forwarded-Proto as the balancer would send it
        self.headers = {"X-Requested-With": "fetch", "X-Forwarded-Proto": "https", **headers}
        self.conn = Connection(port)
        self.changes: list[tuple[float, str]] = []
        self.errors = 0

    async def run(self, stop: asyncio.Event) -> None:
        loop = asyncio.get_running_loop()
        while not stop.is_set():
            try:
                status, content = await self.conn.request(
                    "GET", f"{self.path}{self.rev}", self.headers
                )
            except Exception:  # noqa: BLE001 - counted
                self.conn.close()
                self.errors += 1
                status = None
            if status == 200:
                match = REV_RE.search(content)
                if match and match.group(1).decode() != self.rev:
                    self.rev = match.group(1).decode()
                    self.changes.append((loop.time(), self.rev))
            elif status != 204:
                self.errors += 1
            await asyncio.sleep(PROBE_S)
        self.conn.close()

    def first_change_after(self, index: int) -> float | None:
        return self.changes[index][0] if len(self.changes) > index else None


async def cross_process_rounds(
    lb_port: int, tls, app_ports: list[int], w: dict, phone: dict, rounds: int
) -> dict:
    """Alternately the console's "+1 min" and a phone's post-it, each through the balancer;
    after each, how long until a wall and the phone pinned to each process have it. Nothing
    else changes meanwhile, so a pinned screen's next new revision is that change."""
    loop = asyncio.get_running_loop()
    wall = f"/workshops/{w['id']}/live/sync/wall/?since="
    pinned = {}
    for port in app_ports:
        pinned[("wall", port)] = Pinned(port, wall, {"X-Screen-Key": w["wall_key"]}, str(w["rev"]))
        pinned[("phone", port)] = Pinned(
            port,
            f"/d/{w['token']}/sync/?since=",
            {"Cookie": f"tp{w['id']}={phone['token']}"},
            phone["rev"],
        )
    stop = asyncio.Event()
    tasks = [asyncio.create_task(p.run(stop)) for p in pinned.values()]
    await asyncio.sleep(0.5)  # every pinned screen has asked once
    csrf = secrets.token_hex(16)
    console = {
        "HX-Request": "true",
        "X-CSRFToken": csrf,
        "Cookie": f"sessionid={w['session']}; csrftoken={csrf}",
        "Origin": f"https://{HOST}:{lb_port}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    writer = {
        "X-Requested-With": "fetch",
        "X-CSRFToken": csrf,
        "Cookie": f"tp{w['id']}={phone['token']}; csrftoken={csrf}",
        "Origin": f"https://{HOST}:{lb_port}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    by_port = {f"{HOST}:{port}": port for port in app_ports}
    samples, problems = [], []
    for i in range(2 * rounds):
        kind = "console +1 min" if i % 2 == 0 else "phone post-it"
        # each kind of change through each process in turn: nginx's round robin alternates,
        # so a cheap request first until the last one went to the other process
        target = app_ports[(i // 2) % 2]
        for _ in range(3):
            nudge = Connection(lb_port, tls)
            try:
                await nudge.request("GET", "/d/", {"Connection": "close"})
            finally:
                nudge.close()
            if by_port.get(nudge.last_headers.get("x-upstream", "")) != target:
                break
        if kind == "console +1 min":
            path, headers = f"/workshops/{w['id']}/live/tid/", console
            body = {"action": "add", "minutes": "1"}
        else:
            path, headers = f"/d/{w['token']}/postit/", writer
            body = {"kind": "good", "text": f"Runde {i}", "factor": ""}
            body["client_key"] = str(uuid.uuid4())
        seen = {key: len(p.changes) for key, p in pinned.items()}
        conn = Connection(lb_port, tls)
        try:
            status, content = await conn.request("POST", path, headers, urlencode(body).encode())
        finally:
            conn.close()
        t_ack = loop.time()
        via = by_port.get(conn.last_headers.get("x-upstream", ""))
        if status not in (200, 201) or via is None:
            problems.append(f"{kind}: {status} via {via} {content[:200]!r}")
            continue
        deadline = t_ack + 5.0
        while loop.time() < deadline and any(
            len(p.changes) <= seen[key] for key, p in pinned.items()
        ):
            await asyncio.sleep(0.01)
        for (screen, port), p in pinned.items():
            t = p.first_change_after(seen[(screen, port)])
            samples.append(
                {
                    "change": kind,
                    "via": via,
                    "screen": screen,
                    "on": port,
                    "other_process": port != via,
                    "delay_s": None if t is None else round(max(0.0, t - t_ack), 3),
                }
            )
        await asyncio.sleep(0.2 + 0.1 * (i % 3))  # not in step with the snapshot's refresh
    stop.set()
    await asyncio.gather(*tasks)
    other = [s for s in samples if s["other_process"]]
    delays = [s["delay_s"] for s in other if s["delay_s"] is not None]
    return {
        "changes": 2 * rounds - len(problems),
        "made_via": {port: sum(1 for s in samples if s["via"] == port) // 4 for port in app_ports},
        "kinds_via": sorted({(s["change"], s["via"]) for s in samples}),
        "other_process_delay_s": {
            "n": len(delays),
            "p50": pct(delays, 50),
            "p95": pct(delays, 95),
            "max": max(delays) if delays else None,
        },
        "same_process_delay_s_max": max(
            (s["delay_s"] for s in samples if not s["other_process"] and s["delay_s"] is not None),
            default=None,
        ),
        "never_seen": sum(1 for s in samples if s["delay_s"] is None),
        "pinned_errors": sum(p.errors for p in pinned.values()),
        "problems": problems,
    }


async def retry_on_the_other_process(lb_port: int, tls, w: dict, phone: dict) -> dict:
    """One post-it sent again with the same client key (a phone's outbox after a lost answer)
    until a different process has answered it too."""
    key = str(uuid.uuid4())
    csrf = secrets.token_hex(16)
    headers = {
        "X-Requested-With": "fetch",
        "X-CSRFToken": csrf,
        "Cookie": f"tp{w['id']}={phone['token']}; csrftoken={csrf}",
        "Origin": f"https://{HOST}:{lb_port}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    body = urlencode(
        {"kind": "change", "text": "Sendt igen", "client_key": key, "factor": ""}
    ).encode()
    answers = []
    for _ in range(6):
        conn = Connection(lb_port, tls)
        try:
            status, content = await conn.request("POST", f"/d/{w['token']}/postit/", headers, body)
        finally:
            conn.close()
        note = json.loads(content).get("note", {}) if status in (200, 201) else {}
        answers.append(
            {
                "status": status,
                "via": conn.last_headers.get("x-upstream", ""),
                "created": json.loads(content).get("created") if note else None,
                "id": note.get("id"),
            }
        )
        if len({a["via"] for a in answers}) > 1 and len(answers) >= 2:
            break
    return {"key": key, "answers": answers}


# --- Limits shared by the processes -------------------------------------------------------------


def join_limits(port: int, tls, code: str, per_address: int, per_minute: int) -> dict:
    """Wrong join codes through the balancer (each with a made-up X-Forwarded-For, which must
    not count): the address's limit and the site's ceiling must fall at the totals, not at
    twice them (as they would if each process counted its own), also for guesses that arrive
    all at once."""
    wrong = "ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY"

    def burst_guess(_):
        answer = Browser(port, tls, "127.0.0.9").post_form("/d/", {"code": wrong})
        return answer.status, answer.upstream

    with ThreadPoolExecutor(16) as pool:  # 2 * per_address guesses from one address at once
        burst = list(pool.map(burst_guess, range(2 * per_address)))
    guesser = Browser(port, tls, "127.0.0.3")
    statuses, upstreams = [], {u for _, u in burst}
    for i in range(per_address + 2):
        answer = guesser.post_form("/d/", {"code": wrong}) if i == 0 else None
        answer = answer or guesser.request(
            "POST", "/d/", {"code": wrong}, {"X-Forwarded-For": f"198.51.100.{i + 1}"}
        )
        statuses.append(answer.status)
        upstreams.add(answer.upstream)
    right_from_guesser = guesser.request("POST", "/d/", {"code": code}).status
    right_from_colleague = Browser(port, tls, "127.0.0.4").post_form("/d/", {"code": code}).status
    # the ceiling: more addresses until the site has seen per_minute failures in the minute
    failures = statuses.count(400) + [s for s, _ in burst].count(400)
    address = 5
    while failures < per_minute:
        other = Browser(port, tls, f"127.0.0.{address}")
        for _ in range(min(per_address, per_minute - failures)):
            answer = other.post_form("/d/", {"code": wrong})
            upstreams.add(answer.upstream)
            failures += answer.status == 400
        address += 1
    late = Browser(port, tls, f"127.0.0.{address}")
    first = late.post_form("/d/", {"code": wrong})
    second = late.request("POST", "/d/", {"code": wrong})
    return {
        "burst_statuses": sorted(s for s, _ in burst),
        "guesser_statuses": statuses,
        "first_refusal_at": statuses.index(429) + 1 if 429 in statuses else None,
        "right_code_from_guesser": right_from_guesser,
        "right_code_from_another_address": right_from_colleague,
        "ceiling_failures": failures,
        "new_address_after_ceiling": [first.status, second.status],
        "upstreams": sorted(upstreams),
        "holds": (
            sorted(s for s, _ in burst) == [400] * per_address + [429] * per_address
            and statuses[:per_address] == [400] * per_address
            and statuses[per_address:] == [429, 429]
            and right_from_guesser == 429
            and right_from_colleague == 302
            and [first.status, second.status] == [400, 429]
        ),
    }


def login_lockout(port: int, tls, username: str, limit: int) -> dict:
    """Wrong passwords through the balancer, then the right one, which must be refused by
    both processes; the same user from another address still logs in."""
    guesser = Browser(port, tls, "127.0.0.20")
    wrong = []
    for _ in range(limit):
        answer = guesser.post_form("/login/", {"username": username, "password": "forkert-gæt"})
        wrong.append((answer.status, answer.upstream))
    right = []
    for _ in range(2):  # round robin: one to each process
        answer = guesser.request("POST", "/login/", {"username": username, "password": PASSWORD})
        right.append((answer.status, answer.upstream))
    elsewhere = Browser(port, tls, "127.0.0.21").post_form(
        "/login/", {"username": username, "password": PASSWORD}
    )
    return {
        "wrong_passwords": [s for s, _ in wrong],
        "right_password_after": [s for s, _ in right],
        "right_password_from_another_address": elsewhere.status,
        "upstreams_wrong": sorted({u for _, u in wrong}),
        "upstreams_right": sorted({u for _, u in right}),
        "holds": (
            [s for s, _ in wrong] == [200] * (limit - 1) + [429]
            and [s for s, _ in right] == [429, 429]
            and len({u for _, u in right}) == 2
            and elsewhere.status == 302
        ),
    }


# --- The run ----------------------------------------------------------------------------------


def run(args, tmp: Path, database: str) -> dict:
    url = f"postgres://trivsel:trivsel@127.0.0.1:5432/{database}"
    env = django_env(url, secrets.token_urlsafe(50))
    env.update(TRUSTED_PROXIES=BALANCER_ADDRESS, CLUSTER_PASSWORD=PASSWORD)
    env.pop("SECURE_SSL_REDIRECT")  # behind the TLS proxy: production's default (on)
    pg_admin(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)", f"CREATE DATABASE {database}")
    t0 = time.monotonic()
    for command in (["migrate", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([PYTHON, "manage.py", *command], env=env, cwd=ROOT, check=True)
    w = run_child(env, "_setup", str(args.workshops - 1))
    more = w.pop("more")
    setup_s = time.monotonic() - t0

    servers, balancer = [], None
    try:
        for i in range(2):
            servers.append(
                Server("trivsel.wsgi:application", args.server, env, tmp / f"app-{i}.log", None)
            )
        for server in servers:
            server.wait_ready("/d/", "X-Forwarded-Proto: https\r\n")
        ports = [s.port for s in servers]
        balancer = Balancer(ports, tmp)
        tls = balancer.tls
        for _ in range(50):
            try:
                if Browser(balancer.port, tls).request("GET", "/d/").status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit(f"nginx did not answer, see {tmp / 'nginx-error.log'}")

        # The leader logs in and opens the console; the phones join with the code.
        leader = Browser(balancer.port, tls)
        login = leader.post_form("/login/", {"username": "klynge-leder", "password": PASSWORD})
        if login.status != 302:
            raise SystemExit(f"login: {login.status} {login.body[:300]}")
        joins = [
            join_phone(balancer.port, tls, w["code"], f"Telefon {i + 1}")
            for i in range(args.phones + 1)
        ]
        page = leader.request("GET", f"/workshops/{w['id']}/live/")
        w.update(
            wall_key=SCREEN_KEY_RE.search(page.body).group(1),
            rev=int(REV_RE.search(page.body.encode()).group(1)),
            session=leader.cookies["sessionid"],
        )
        probe_phone, phones = joins[0], joins[1:]  # one phone stays out of the load
        workshop = dict(
            w, participants=[p["token"] for p in phones], phone_revs=[p["rev"] for p in phones]
        )
        workshops = [workshop] + [dict(m, session=w["session"]) for m in more]

        # The live session through the balancer.
        Connection.upstreams.clear()
        rec, clients = asyncio.run(
            simulate(balancer.port, workshops, args.duration, facilitator=True, tls=tls)
        )
        served = dict(Connection.upstreams)
        collected = run_child(env, "_count", stdin="\n".join(rec.acked))
        wall = screen_delays(rec, clients, {"workshops": workshops}, collected)
        console = screen_delays(rec, clients, {"workshops": workshops}, collected, "facilitator")

        cross = asyncio.run(
            cross_process_rounds(balancer.port, tls, ports, w, probe_phone, args.rounds)
        )
        retry = asyncio.run(retry_on_the_other_process(balancer.port, tls, w, probe_phone))
        retry["in_db"] = run_child(env, "_count", stdin=retry["key"])["count"][retry["key"]]
        limits = join_limits(balancer.port, tls, w["code"], 10, 30)
        lockout = login_lockout(balancer.port, tls, "klynge-hr", 5)
        app_problems = [line for s in servers for line in s.log_problems()]
        nginx_problems = balancer.problems()
    finally:
        if balancer is not None:
            balancer.stop()
        for server in servers:
            server.stop()

    counts = collected["count"]
    lost = [k for k in rec.acked if counts.get(k, 0) == 0]
    duplicated = [k for k in rec.acked if counts.get(k, 0) > 1]
    in_db = sum(len(keys) for keys in collected["notes"].values())
    via = {}
    for upstream in rec.via.values():
        via[upstream] = via.get(upstream, 0) + 1
    join_upstreams = sorted({u for j in joins for u in j["upstreams"]})
    total = sum(served.values())
    wall_delay = summary_ms(wall["delays"])
    result = {
        "phones": len(phones),
        "workshops": len(workshops),
        "clients": len(clients),
        "duration_s": round(rec.wall_s, 1),
        "setup_s": round(setup_s, 1),
        "app_servers": ports,
        "joins": {"phones": len(joins), "upstreams": join_upstreams},
        "requests_by_upstream": served,
        "share_of_busiest": round(max(served.values()) / total, 3) if total else None,
        "writes_by_upstream": via,
        "acked_writes": len(rec.acked),
        "lost": len(lost),
        "duplicated": len(duplicated),
        "in_db_not_acked": in_db - (len(rec.acked) - len(lost)),
        "errors": sum(rec.errors.values()),
        "error_samples": rec.error_samples,
        "write_ms": summary_ms(rec.write),
        "check_ms": summary_ms(rec.poll_204 + rec.poll_200),
        "wall_delay_s": {
            k: v if k == "n" or v is None else round(v / 1000, 3) for k, v in wall_delay.items()
        },
        "wall_unseen": wall["unseen"],
        "console_unseen": console["unseen"],
        "revision_order_consistent": wall["revision_order_consistent"],
        "cross_process": cross,
        "retry": retry,
        "join_limits": limits,
        "login_lockout": lockout,
        "app_log_problems": app_problems[:10],
        "nginx_log_problems": nginx_problems[:10],
    }
    answers = retry["answers"]
    # (Which process acknowledged the load's post-its is reported, not required: with few
    # writes all may land on one by chance. The rounds make each kind through each process.)
    checks = {
        "both processes served the load": len(served) == 2,
        "the busier served at most 75 %": (result["share_of_busiest"] or 1) <= 0.75,
        "both processes served the joins": len(join_upstreams) == 2,
        "no client errors": result["errors"] == 0,
        "no post-it lost": not lost,
        "no post-it doubled": not duplicated,
        "nothing in the database unacknowledged": result["in_db_not_acked"] == 0,
        "the wall and the console saw every post-it": not wall["unseen"] + console["unseen"],
        "the wall's p95 within 2 s": wall_delay["p95"] is not None and wall_delay["p95"] <= 2000,
        "every round's change made": cross["changes"] == 2 * args.rounds,
        "every change seen by every pinned screen": cross["never_seen"] == 0,
        "no pinned screen errors": cross["pinned_errors"] == 0,
        "each kind of change through each process": len(cross["kinds_via"]) == 4,
        "the other process within 2 s": cross["other_process_delay_s"]["max"] is not None
        and cross["other_process_delay_s"]["max"] <= CROSS_LIMIT_S,
        "a resent key is one post-it": retry["in_db"] == 1
        and [a["created"] for a in answers] == [True] + [False] * (len(answers) - 1)
        and len({a["id"] for a in answers}) == 1,
        "the resent key reached both processes": len({a["via"] for a in answers}) == 2,
        "the join limit counts for both": limits["holds"] and len(limits["upstreams"]) == 2,
        "the login lockout counts for both": lockout["holds"],
        "no errors in granian's logs": not app_problems,
        "no errors in nginx's log": not nginx_problems,
    }
    result["failed"] = [name for name, ok in checks.items() if not ok]
    result["holds"] = not result["failed"]
    return result


def print_result(r: dict) -> None:
    cross = r["cross_process"]
    d = cross["other_process_delay_s"]
    print(f"\n== two granian processes {r['app_servers']} behind nginx, PostgreSQL ==")
    print(f"  {r['joins']['phones']} phones joined by code, served by {r['joins']['upstreams']}")
    print(
        f"  live session: {r['workshops']} workshop(s), {r['clients']} clients (the first "
        f"{r['phones']} phones joined by code + wall + console), {r['duration_s']} s"
    )
    print(f"  requests by process: {r['requests_by_upstream']}, writes: {r['writes_by_upstream']}")
    print(f"  check {r['check_ms']}\n  write {r['write_ms']}")
    print(f"  change on the wall (its checks spread over both): {r['wall_delay_s']}")
    print(
        f"  post-its acknowledged {r['acked_writes']}, lost {r['lost']}, duplicated "
        f"{r['duplicated']}, in db not acknowledged {r['in_db_not_acked']}, errors {r['errors']}"
    )
    print(
        f"  cross-process: {cross['changes']} changes made via {cross['made_via']}; on the other"
        f" process's wall and phone after p50={d['p50']} p95={d['p95']} max={d['max']} s "
        f"(same process max {cross['same_process_delay_s_max']} s), never seen "
        f"{cross['never_seen']}"
    )
    answers = r["retry"]["answers"]
    print(
        f"  same client key {len(answers)} times via {[a['via'] for a in answers]}: created "
        f"{[a['created'] for a in answers]}, post-its in db {r['retry']['in_db']}"
    )
    j = r["join_limits"]
    print(
        f"  join limit: {len(j['burst_statuses'])} wrong codes at once from one address: "
        f"{j['burst_statuses'].count(400)} judged, {j['burst_statuses'].count(429)} refused"
    )
    print(
        f"  join limit: wrong codes {j['guesser_statuses']} (first refusal at "
        f"{j['first_refusal_at']}), right code from the guesser {j['right_code_from_guesser']},"
        f" from another address {j['right_code_from_another_address']}; ceiling after "
        f"{j['ceiling_failures']}: a new address {j['new_address_after_ceiling']}; "
        f"served by {j['upstreams']}"
    )
    lo = r["login_lockout"]
    print(
        f"  login lockout: wrong {lo['wrong_passwords']} via {lo['upstreams_wrong']}, right "
        f"{lo['right_password_after']} via {lo['upstreams_right']}, from another address "
        f"{lo['right_password_from_another_address']}"
    )
    for line in r["error_samples"] + r["app_log_problems"] + r["nginx_log_problems"]:
        print(f"  problem: {line}")
    for line in cross["problems"]:
        print(f"  problem: {line}")
    print(f"  HOLDS: {'yes' if r['holds'] else 'NO: ' + '; '.join(r['failed'])}")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_setup":
        print(json.dumps(_child_setup(int(sys.argv[2]))))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "_count":
        print(json.dumps(_child_count(sys.stdin.read().split())))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=12, help="phones in the load (at most 13)")
    parser.add_argument(
        "--workshops",
        type=int,
        default=1,
        help="workshops in the load: the one joined by code, and more with 13 phones each",
    )
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of load (>= 20)")
    parser.add_argument("--rounds", type=int, default=6, help="cross-process rounds (2 changes)")
    parser.add_argument("--server", default="granian-w1-b4", help="see live_bench.SERVERS")
    parser.add_argument("--json", type=Path, help="also write the result as JSON here")
    parser.add_argument("--keep", action="store_true", help="keep the database and the logs")
    args = parser.parse_args()
    args.phones = max(1, min(args.phones, 13))
    # at least 20 s: every phone writes once (its first post-it comes within 15 s, and writing
    # stops 3 s before the end)
    args.duration = max(20.0, args.duration)
    nginx_binary()
    tmp = Path(tempfile.mkdtemp(prefix="trivsel-cluster-"))
    tmp.chmod(0o755)
    database = f"trivsel_cluster_{os.getpid()}"
    try:
        result = run(args, tmp, database)
    finally:
        if not args.keep:
            pg_admin(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"kept database {database} and logs in {tmp}")
    print_result(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    sys.exit(0 if result["holds"] else 1)


if __name__ == "__main__":
    main()
