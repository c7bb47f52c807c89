#!/usr/bin/env python
"""Bench of the organisation import (issue 23, item 5): 2,000 units and 20,000 people, read,
planned and applied in ≤ 30 s with memory growth < 200 MB, on SQLite and PostgreSQL. Not a
test.

    .venv/bin/python bench/orgimport_bench.py                    # SQLite and PostgreSQL
    .venv/bin/python bench/orgimport_bench.py --db sqlite --units 200 --people 2000

What it does, per database:
1. a fresh database (a SQLite file in a temp dir, or `trivsel_bench_orgimport` on
   127.0.0.1:5432, dropped afterwards), migrated;
2. a child process (so its memory is the import's alone) makes this year's file in memory as
   HR's xlsx (sheets »enheder« and »personer«): one organisation, 20 departments, 400
   workplaces and teams up to `--units`, and `--people` people with one role each;
3. the child resets its peak RSS (/proc/self/clear_refs) and times the first import as the
   page does it: read the xlsx → plan → apply (an HR user of the organisation importing);
4. then next year's file: every 10th unit renamed, every 7th workplace moved to another
   department, every 20th team gone (closed), 100 new teams; every 10th person gone (role
   ended), 1,000 new people, every 15th renamed; timed the same way, and once more as the
   two CSV files (read only, for the comparison).
Prints the seconds of each step, the peak RSS growth over the child's baseline, and the
machine, against the 30 s and 200 MB targets.
"""

import argparse
import io
import json
import os
import platform
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PG_ADMIN_URL = "postgresql://trivsel:trivsel@127.0.0.1:5432/postgres"
PG_DB = "trivsel_bench_orgimport"
TARGET_SECONDS, TARGET_MB = 30.0, 200.0


def env_for(database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="trivsel.settings",
        DEBUG="false",
        SECRET_KEY="bench-" + os.urandom(32).hex(),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


def _pg(*statements: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


# --- the child: make the files, import them, measure ---------------------------------------


def _rss_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")


KINDS = {"organisation": "organisation", "department": "afdeling"}


def this_year(units: int, people: int):
    """(unit rows, people rows) of this year's organisation."""
    rows = [["BK", "Benchkommune", "", "organisation"]]
    departments = [f"BK-{d:02}" for d in range(20)]
    rows += [[code, f"Afdeling {code}", "BK", "afdeling"] for code in departments]
    workplaces = []
    for n in range(min(400, units - 21)):
        code = f"BK-W{n:04}"
        workplaces.append(code)
        rows.append([code, f"Arbejdsplads {n}", departments[n % 20], "arbejdsplads"])
    for n in range(units - len(rows)):
        rows.append([f"BK-T{n:05}", f"Team {n}", workplaces[n % len(workplaces)], "team"])
    kinds = {row[0]: row[3] for row in rows}
    roles_by_kind = {
        "afdeling": ["leder", "med", "hr", "facilitator"],
        "arbejdsplads": ["leder", "tr", "amr", "med", "facilitator"],
        "team": ["leder", "tr", "amr", "med"],
    }
    codes = [row[0] for row in rows[1:]]
    persons = [["hr@bench.example", "Hanne Bench", "BK", "hr"]]
    for n in range(people - 1):
        code = codes[n % len(codes)]
        roles = roles_by_kind[kinds[code]]
        role = roles[(n // len(codes)) % len(roles)]
        persons.append([f"person{n:06}@bench.example", f"Person Nummer {n}", code, role])
    return rows, persons


def next_year(units_rows, people_rows):
    departments = [row[0] for row in units_rows if row[3] == "afdeling"]
    units = []
    gone = set()
    for index, (code, name, parent, kind) in enumerate(units_rows):
        if kind == "team" and index % 20 == 0:
            gone.add(code)
            continue
        if index % 10 == 0 and index:
            name += " (nyt navn)"
        if kind == "arbejdsplads" and index % 7 == 0:
            parent = departments[(departments.index(parent) + 1) % len(departments)]
        units.append([code, name, parent, kind])
    workplaces = [row[0] for row in units if row[3] == "arbejdsplads"]
    units += [
        [f"BK-N{n:04}", f"Nyt team {n}", workplaces[n % len(workplaces)], "team"]
        for n in range(100)
    ]
    people = []
    for index, (email, name, code, role) in enumerate(people_rows):
        if code in gone or (index % 10 == 0 and index):
            continue
        if index % 15 == 0 and index:
            name += "-Hansen"
        people.append([email, name, code, role])
    people += [
        [f"ny{n:05}@bench.example", f"Ny Person {n}", f"BK-N{n % 100:04}", "tr"]
        for n in range(1000)
    ]
    return units, people


def xlsx(units, people) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, header, rows in (
        ("enheder", ["enhedskode", "navn", "overordnet enhedskode", "type"], units),
        ("personer", ["e-mail", "navn", "enhedskode", "rolle"], people),
    ):
        sheet = book.create_sheet(title)
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    target = io.BytesIO()
    book.save(target)
    return target.getvalue()


def csv_bytes(header, rows) -> bytes:
    return ("\r\n".join(";".join(row) for row in [header, *rows]) + "\r\n").encode("utf-8-sig")


def _import(data: bytes, user) -> dict:
    from units import orgimport

    _reset_peak()
    base = _rss_mb("VmRSS")
    cpu = time.process_time()
    started = time.perf_counter()
    tables = orgimport.read_files(data, "organisation.xlsx")
    read = time.perf_counter()
    plan = orgimport.plan_organisation(*tables, user=user)
    planned = time.perf_counter()
    assert plan.ok, [str(p) for p in plan.problems[:5]]
    orgimport.apply_plan(plan, user=user)
    applied = time.perf_counter()
    return {
        "read_s": round(read - started, 2),
        "plan_s": round(planned - read, 2),
        "apply_s": round(applied - planned, 2),
        "total_s": round(applied - started, 2),
        "cpu_s": round(time.process_time() - cpu, 2),
        "peak_rss_growth_mb": round(_rss_mb("VmHWM") - base, 1),
        "created": len(plan.created),
        "renamed": len(plan.renamed),
        "moved": len(plan.moved),
        "closed": len(plan.closed),
        "people_created": len(plan.people_created),
        "roles_added": len(plan.roles_added),
        "roles_ended": len(plan.roles_ended),
    }


def child(units: int, people: int) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from units import orgimport
    from units.models import Membership, Unit

    first_units, first_people = this_year(units, people)
    first = xlsx(first_units, first_people)
    # the first import by IT (the organisation does not exist yet: HR has nothing to be HR of)
    result = {"file_mb": round(len(first) / 1e6, 2), "first": _import(first, None)}
    hr = get_user_model().objects.get(email="hr@bench.example")
    second_units, second_people = next_year(first_units, first_people)
    second = xlsx(second_units, second_people)
    result["next_year"] = _import(second, hr)
    _reset_peak()
    started = time.perf_counter()
    orgimport.read_files(
        csv_bytes(orgimport.UNIT_COLUMNS, second_units),
        "enheder.csv",
        (csv_bytes(orgimport.PEOPLE_COLUMNS, second_people), "personer.csv"),
    )
    result["csv_read_s"] = round(time.perf_counter() - started, 2)
    result["units_in_db"] = Unit.objects.count()
    result["open_units"] = Unit.objects.open().count()
    result["current_roles"] = Membership.objects.count()
    result["all_roles"] = Membership.history.count()
    return result


# --- the parent ---------------------------------------------------------------------------


def run(db: str, units: int, people: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        if db == "sqlite":
            url = f"sqlite:///{tmp}/bench.sqlite3"
        else:
            _pg(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)", f"CREATE DATABASE {PG_DB}")
            url = f"postgres://trivsel:trivsel@127.0.0.1:5432/{PG_DB}"
        env = env_for(url)
        try:
            subprocess.run(
                [PYTHON, "manage.py", "migrate", "-v", "0"], env=env, cwd=ROOT, check=True
            )
            done = subprocess.run(
                [PYTHON, __file__, "--child", "--units", str(units), "--people", str(people)],
                env=env,
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            )
        finally:
            if db == "postgres":
                _pg(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{cpu}, {os.cpu_count()} vCPU, Python {platform.python_version()}, load average {load}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.units, args.people)))
        return
    print(f"machine: {machine()}")
    for db in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        result = run(db, args.units, args.people)
        print(f"\n{db}: {args.units} units, {args.people} people, xlsx {result['file_mb']} MB")
        for step in ("first", "next_year"):
            r = result[step]
            ok = r["total_s"] <= TARGET_SECONDS and r["peak_rss_growth_mb"] < TARGET_MB
            print(
                f"  {step:9} read {r['read_s']:5.2f} s  plan {r['plan_s']:5.2f} s  apply "
                f"{r['apply_s']:5.2f} s  total {r['total_s']:5.2f} s (CPU {r['cpu_s']:5.2f} s)  "
                f"peak RSS "
                f"+{r['peak_rss_growth_mb']:.0f} MB  {'holds' if ok else 'MISSES'}"
            )
            print(
                "            "
                + ", ".join(
                    f"{key} {r[key]}"
                    for key in (
                        "created",
                        "renamed",
                        "moved",
                        "closed",
                        "people_created",
                        "roles_added",
                        "roles_ended",
                    )
                )
            )
        print(f"  the next year's two CSV files read in {result['csv_read_s']} s")
        print(
            f"  after: {result['units_in_db']} units ({result['open_units']} open), "
            f"{result['current_roles']} current roles of {result['all_roles']}"
        )
    print(f"\nmachine after: {machine()}")


if __name__ == "__main__":
    main()
