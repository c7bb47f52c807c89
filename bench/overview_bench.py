#!/usr/bin/env python
"""Bench of the HR overview (issue 12, item 6): 2,000 units and 20,000 activities on SQLite,
the overview page measured against a real server process. Not a test.

    .venv/bin/python bench/overview_bench.py                 # 2,000 units, 20,000 activities
    .venv/bin/python bench/overview_bench.py --units 200 --requests 20

What it does:
1. a fresh SQLite file in a temp dir, migrated; a child process fills it through the ORM
   (bulk): one organisation, 10 departments, `--units` workplaces each with a report (every
   25th below the anonymity threshold), a workshop, and for 3 in 4 of them a plan (so 1 in 4
   misses one) with `--activities` activities spread over them in every stage, a third of the
   deadlines passed; a leader, a TR and an AMR for each workplace; and an HR user with a
   logged-in session;
2. granian (`trivsel.wsgi`, one worker with 4 threads as in docs/deployment.md, DEBUG=false)
   pinned to core 0 (`taskset`) when there are two cores or more; this process on another;
3. GET of the overview page one request at a time, on one keep-alive connection: a warm-up,
   then `--requests` timed requests of each variant (the first page in tree order, sorted by
   colour, filtered to units missing a plan, and the htmx answer to a search). On loopback and
   one request at a time the time to the whole answer is the server's time plus well under a
   millisecond; the server's own CPU seconds per request are printed beside it.
Prints the medians and p90 per variant against the 300 ms target and the machine.
"""

import argparse
import json
import os
import platform
import secrets
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from live_bench import HOST, Server, django_env  # noqa: E402

TARGET_MEDIAN_MS = 300.0


def _child_setup(units: int, activities: int) -> dict:
    """Fill the database; returns the round's id and the HR session cookie."""
    import datetime
    import random

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from actionplans.models import ActionPlan, Activity, Level, Stage, Tovholder
    from surveys.models import Colour, Round, SurveyReport, Track
    from units.models import Membership, Role, Unit
    from workshops.models import Method, Note, Workshop

    rng = random.Random(12)
    today = datetime.date.today()
    organisation = Unit.objects.create(name="Benchkommune", code="BK", kind="organisation")
    departments = [
        Unit.objects.create(
            name=f"Afdeling {d}", code=f"BK-{d}", kind="department", parent=organisation
        )
        for d in range(10)
    ]
    made = Unit.objects.bulk_create(
        Unit(
            name=f"Arbejdsplads {i}", code=f"BK-A{i}", kind="workplace", parent=departments[i % 10]
        )
        for i in range(units)
    )
    for unit in made:
        unit.path, unit.depth = f"{unit.parent.path}{unit.pk}/", 2
    Unit.objects.bulk_update(made, ["path", "depth"], batch_size=500)
    round_ = Round.objects.create(
        name="Trivselsmåling 2026",
        organisation=organisation,
        survey_opens=today - datetime.timedelta(days=60),
        action_plan_deadline=today + datetime.timedelta(days=30),
    )
    colours = [Colour.GREEN, Colour.YELLOW, Colour.RED]
    tracks = {
        Colour.GREEN: Track.UNIT,
        Colour.YELLOW: Track.WITH_HEAD,
        Colour.RED: Track.WITH_HEAD_AND_HR,
    }
    SurveyReport.objects.bulk_create(
        SurveyReport(
            round=round_,
            unit=unit,
            invited=20,
            respondents=3 if i % 25 == 0 else 12,
            colour=colours[i % 3],
            track=tracks[colours[i % 3]],
            harassment_count=1 if i % 40 == 0 else 0,
        )
        for i, unit in enumerate(made)
    )
    method = (
        Method.objects.get(is_default=True)
        if Method.objects.filter(is_default=True).exists()
        else Method.objects.first()
    )
    workshops = Workshop.objects.bulk_create(
        Workshop(
            unit=unit,
            round=round_,
            method=method,
            date=today + datetime.timedelta(days=rng.randint(-40, 20)),
            status=Workshop.Status.CLOSED if i % 2 else Workshop.Status.PLANNED,
        )
        for i, unit in enumerate(made)
    )
    Note.objects.bulk_create(
        Note(workshop=w, colour="pink", kind="change", text="Krænkelse", harassment=True)
        for w in workshops[::50]
    )
    with_plans = [unit for i, unit in enumerate(made) if i % 4]
    plans = ActionPlan.objects.bulk_create(
        ActionPlan(unit=unit, round=round_, title=f"Tema {rng.randint(1, 30)}")
        for unit in with_plans
    )
    holders = Tovholder.objects.bulk_create(
        Tovholder(unit=unit, name="Tovholder", email="t@example.org") for unit in with_plans
    )
    holder_of = {h.unit_id: h for h in holders}
    stages, levels = Stage.values, Level.values
    Activity.objects.bulk_create(
        (
            Activity(
                plan=plans[i % len(plans)],
                order=i,
                what=f"Aktivitet {i}",
                level=levels[i % 4],
                stage=stages[i % len(stages)],
                tovholder=holder_of[plans[i % len(plans)].unit_id],
                deadline=today + datetime.timedelta(days=rng.randint(-60, 120)),
            )
            for i in range(activities)
        ),
        batch_size=2000,
    )
    # each workplace's trio (leader, TR, AMR), named with a mail address on every row (issue 23)
    User = get_user_model()
    people = User.objects.bulk_create(
        (
            User(
                username=f"{role}{unit.pk}",
                first_name=role.label,
                last_name=str(unit.pk),
                email=f"{role}{unit.pk}@example.org",
            )
            for unit in made
            for role in (Role.LEADER, Role.TR, Role.AMR)
        ),
        batch_size=2000,
    )
    Membership.objects.bulk_create(
        (
            Membership(user=person, unit=made[i // 3], role=(Role.LEADER, Role.TR, Role.AMR)[i % 3])
            for i, person in enumerate(people)
        ),
        batch_size=2000,
    )
    hr = get_user_model().objects.create_user("hr", password=secrets.token_urlsafe(12))
    Membership.objects.create(user=hr, unit=organisation, role=Role.HR)
    client = Client()
    client.force_login(hr)
    name = settings.SESSION_COOKIE_NAME
    return {
        "round": round_.pk,
        "cookie": f"{name}={client.cookies[name].value}",
        "units": Unit.objects.filter(kind="workplace").count(),
        "activities": Activity.objects.count(),
    }


def get(sock_file, sock, path: str, cookie: str, extra: str = "") -> tuple[int, float, int]:
    start = time.perf_counter()
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nCookie: {cookie}\r\n{extra}\r\n".encode())
    status = int(sock_file.readline().split()[1])
    length = 0
    while (line := sock_file.readline()) not in (b"\r\n", b""):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    body = sock_file.read(length)
    return status, (time.perf_counter() - start) * 1000, len(body)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.release()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--activities", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--child-setup", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_setup:
        print(json.dumps(_child_setup(args.units, args.activities)))
        return

    secret_key = secrets.token_urlsafe(50)
    with tempfile.TemporaryDirectory(prefix="overview-bench-") as tmp:
        env = django_env(f"sqlite:///{tmp}/bench.sqlite3", secret_key)
        # DEBUG is off, as in production: the pages need the collected static files' manifest
        for command in (["migrate", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
            subprocess.run([sys.executable, "manage.py", *command], env=env, cwd=ROOT, check=True)
        started = time.perf_counter()
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child-setup",
                "--units",
                str(args.units),
                "--activities",
                str(args.activities),
            ],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        setup = json.loads(out.stdout.strip().splitlines()[-1])
        took = time.perf_counter() - started
        print(f"data: {setup['units']} units, {setup['activities']} activities ({took:.1f} s)")
        cpus = "0" if (os.cpu_count() or 1) > 1 else None
        if cpus:
            os.sched_setaffinity(0, {1})
        server = Server(
            "trivsel.wsgi:application", "granian-w1-b4", env, Path(tmp) / "server.log", cpus=cpus
        )
        try:
            base = f"/handleplaner/overblik/{setup['round']}/"
            try:
                server.wait_ready(base, f"Cookie: {setup['cookie']}\r\n")
            except SystemExit:
                print((Path(tmp) / "server.log").read_text()[-3000:])
                raise
            variants = {
                "first page (department order)": (base, ""),
                "sorted by colour": (base + "?sorter=farve", ""),
                "filter: missing plan": (base + "?mangler=on", ""),
                "htmx search answer": (base + "?q=Arbejdsplads+1", "HX-Request: true\r\n"),
            }
            results = {}
            with socket.create_connection((HOST, server.port)) as sock:
                sock_file = sock.makefile("rb")
                for name, (path, extra) in variants.items():
                    for _ in range(5):  # warm-up: connections, templates, caches
                        status, _ms, _size = get(sock_file, sock, path, setup["cookie"], extra)
                        assert status == 200, (status, path)
                    cpu_before = server.cpu_seconds()
                    times = [
                        get(sock_file, sock, path, setup["cookie"], extra)[1]
                        for _ in range(args.requests)
                    ]
                    cpu_ms = (server.cpu_seconds() - cpu_before) * 1000 / args.requests
                    size = get(sock_file, sock, path, setup["cookie"], extra)[2]
                    results[name] = (
                        statistics.median(times),
                        sorted(times)[int(0.9 * (len(times) - 1))],
                        cpu_ms,
                        size,
                    )
            problems = server.log_problems()
        finally:
            server.stop()
    print(f"machine: {machine()}; load average during the run: {os.getloadavg()[0]:.1f}")
    print(f"server: granian, 1 worker, 4 threads, core {cpus}; {args.requests} requests each")
    print(f"{'variant':34} {'median ms':>10} {'p90 ms':>8} {'CPU ms/req':>11} {'bytes':>8}")
    worst = 0.0
    for name, (median, p90, cpu_ms, size) in results.items():
        worst = max(worst, median)
        print(f"{name:34} {median:10.1f} {p90:8.1f} {cpu_ms:11.1f} {size:8d}")
    verdict = "HOLDS" if worst <= TARGET_MEDIAN_MS else "MISSED"
    print(f"target: median <= {TARGET_MEDIAN_MS:.0f} ms: {verdict}")
    if problems:
        print("server log problems:", *problems[:5], sep="\n  ")


if __name__ == "__main__":
    main()
