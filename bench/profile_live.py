#!/usr/bin/env python
"""In-process profile of the live session's expensive requests (not a test, not a bench).

Calls the production WSGI application (fast path included) directly, without a server or
sockets, so the figures are the Python cost of one request on this machine:

    .venv/bin/python bench/profile_live.py                # per-request times, SQLite
    .venv/bin/python bench/profile_live.py --profile write   # cProfile of the write
    .venv/bin/python bench/profile_live.py --db postgres

Kinds: check (a phone's 204), write (a phone's post-it), wall (a wall update after a change),
phone (a phone's 200 after a phase change is not measured: it is rare).

With `--nyborg` the workshops are Nyborg rounds in their examples phase (bench/nyborg_bench.py:
12 phones in 4 groups): check, write (a phone's post-it to its group's board, round robin over
the phones), phone (a phone's whole screen), wall and facilitator (their updates).

With `--vote` the workshops are in the vote phase (bench/live_bench.py's vote scenario:
7 themes, a vote open): check, mark (a phone's mark, set and taken back in turn), phone (a
phone's whole screen, the ballot), wall and facilitator (their updates in the vote).
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
HOST = "127.0.0.1"


def environ(method, path, query="", cookie="", body=b"", headers=None):
    env = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": HOST,
        "SERVER_PORT": "8000",
        "HTTP_HOST": f"{HOST}:8000",
        "REMOTE_ADDR": HOST,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_COOKIE": cookie,
        "HTTP_X_REQUESTED_WITH": "fetch",
    }
    if body:
        env["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
    for name, value in (headers or {}).items():
        env["HTTP_" + name.upper().replace("-", "_")] = value
    return env


def call(app, env):
    status = []
    chunks = app(env, lambda s, h, exc=None: status.append(s))
    body = b"".join(chunks)
    if hasattr(chunks, "close"):
        chunks.close()
    return status[0], body


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--n", type=int, default=300, help="requests per kind")
    parser.add_argument("--workshops", type=int, default=20)
    parser.add_argument(
        "--profile", choices=("check", "write", "wall", "facilitator", "mark", "phone")
    )
    parser.add_argument("--vote", action="store_true", help="the vote phase (see above)")
    parser.add_argument("--nyborg", action="store_true", help="a Nyborg round (see above)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp())
    if args.db == "sqlite":
        url = f"sqlite:///{tmp / 'profile.sqlite3'}"
    else:
        import psycopg

        admin = "postgresql://trivsel:trivsel@127.0.0.1:5432/postgres"
        with psycopg.connect(admin, autocommit=True) as c:
            c.execute("DROP DATABASE IF EXISTS trivsel_profile WITH (FORCE)")
            c.execute("CREATE DATABASE trivsel_profile")
        url = "postgres://trivsel:trivsel@127.0.0.1:5432/trivsel_profile"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="trivsel.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=url,
        LOG_LEVEL="WARNING",
    )
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, check=True)
    import live_bench

    if args.nyborg:
        import nyborg_bench

        setup = nyborg_bench._child_setup(args.workshops)
    else:
        setup = live_bench._child_setup(args.workshops, vote=args.vote)
    from trivsel.wsgi import application

    csrf = "a" * 32
    w = setup["workshops"][0]
    phone_cookie = f"tp{w['id']}={w['participants'][0]}; csrftoken={csrf}"
    wall_cookie = f"sessionid={w['session']}; csrftoken={csrf}"
    screen_headers = {"X-Screen-Key": w["wall_key"]}  # as live.js sends it, never in the URL

    phones = [
        (ws, f"tp{ws['id']}={token}; csrftoken={csrf}", {"rev": rev})
        for ws in setup["workshops"]
        for token, rev in zip(ws["participants"], ws["phone_revs"], strict=True)
    ]
    turn = [0]
    answered_with_item = [0]

    def group_write():
        """A post-it to the phone's group's board, round robin over the first workshop's
        phones (its boards grow as in a room), as live.js posts the group's form."""
        ws, cookie, _state = phones[turn[0] % len(w["participants"])]
        turn[0] += 1
        body = urlencode(
            {"csrfmiddlewaretoken": csrf, "kind": "point", "text": f"Profil {turn[0]}"}
        ).encode()
        status, _body = call(
            application,
            environ(
                "POST",
                f"/d/{ws['token']}/handling/skriv/",
                cookie=cookie,
                body=body,
                headers={"X-CSRFToken": csrf, "Origin": f"http://{HOST}:8000"},
            ),
        )
        assert status.startswith("200"), status

    def write():
        """Round-robin over every phone, so each holds a few post-its as in a real room."""
        ws, cookie, state = phones[turn[0] % len(phones)]
        turn[0] += 1
        key = str(uuid.uuid4())
        body = urlencode(
            {
                "kind": "good",
                "text": f"Profil {key[:8]}",
                "factor": "",
                "client_key": key,
                "rev": state["rev"],
            }
        ).encode()
        status, body = call(
            application,
            environ(
                "POST",
                f"/d/{ws['token']}/postit/",
                cookie=cookie,
                body=body,
                headers={"X-CSRFToken": csrf, "Origin": f"http://{HOST}:8000"},
            ),
        )
        assert status.startswith("201"), status
        answer = json.loads(body)
        state["rev"] = answer.get("rev") or state["rev"]
        answered_with_item[0] += "own_note" in answer

    def check():
        status, _ = call(
            application,
            environ("GET", f"/d/{w['token']}/sync/", f"since={phone_rev[0]}", phone_cookie),
        )
        assert status.startswith("204"), status

    def wall():
        status, body = call(
            application,
            environ(
                "GET",
                f"/workshops/{w['id']}/live/sync/wall/",
                "since=-1",
                wall_cookie,
                headers=screen_headers,
            ),
        )
        assert status.startswith("200"), status

    def facilitator():
        status, body = call(
            application,
            environ(
                "GET",
                f"/workshops/{w['id']}/live/sync/facilitator/",
                "since=-1",
                wall_cookie,
                headers=screen_headers,
            ),
        )
        assert status.startswith("200"), status

    marked = [False]

    def mark():
        """One phone sets a mark and takes it back, in turn (it has two)."""
        fields = {"change": "add", "theme": w["themes"][0], "client_key": str(uuid.uuid4())}
        if marked[0]:
            fields = {"change": "remove", "slot": 1}
        marked[0] = not marked[0]
        status, _ = call(
            application,
            environ(
                "POST",
                f"/d/{w['token']}/stem/",
                cookie=phone_cookie,
                body=urlencode(fields).encode(),
                headers={"X-CSRFToken": csrf, "Origin": f"http://{HOST}:8000"},
            ),
        )
        assert status.startswith("200"), status

    def phone():
        status, body = call(
            application, environ("GET", f"/d/{w['token']}/sync/", "since=0", phone_cookie)
        )
        assert status.startswith("200") and (b"/stem/" in body or args.nyborg), status

    from workshops.sync import revisions

    if args.nyborg:
        write = group_write
    if args.vote:
        mark()
    else:
        write()
    phone_rev = [revisions.phone_revision(w["token"], [w["participants"][0]])]
    kinds = {"check": check, "write": write, "wall": wall, "facilitator": facilitator}
    if args.vote:
        kinds = {"check": check, "mark": mark, "phone": phone, "wall": wall}
        kinds["facilitator"] = facilitator
    if args.nyborg:
        kinds["phone"] = phone
    for name, fn in kinds.items():
        for _ in range(20):
            fn()
        if name == "check":
            phone_rev[0] = revisions.phone_revision(w["token"], [w["participants"][0]])
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(args.n):
            fn()
        per = (time.perf_counter() - t0) / args.n * 1000
        cpu = (time.process_time() - c0) / args.n * 1000
        print(f"{name:12s} {per:7.3f} ms/request, {cpu:7.3f} ms of this process's CPU")
    if not args.vote and not args.nyborg:
        print(f"writes answered with the new item only: {answered_with_item[0]}")
    if args.profile:
        fn = kinds[args.profile]
        phone_rev[0] = revisions.phone_revision(w["token"], [w["participants"][0]])
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.n):
            fn()
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
