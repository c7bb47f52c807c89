#!/usr/bin/env python
"""The exports' speed and memory (issue 12, item 6); not a test, never run in CI.

In-process: each export is one request through Django's test client (middleware, session,
the permission module, the queries, the writer), the whole body read, on a SQLite file made
for the run (DEBUG off). No server or socket: the figures are the export's own cost.

    .venv/bin/python bench/export_bench.py                  # 2,000 units, 20,000 activities
    .venv/bin/python bench/export_bench.py --units 200      # smaller

Aims: HR's workbook of 20,000 activities ≤ 3 s including its queries, memory growth < 50 MB;
one unit's plan PDF ≤ 1 s; a unit PDF with five 5,000-character answers and 60 activities
≤ 2 s, with 300 activities ≤ 10 s (issue 19, item 3: such a PDF took minutes).

    .venv/bin/python bench/export_bench.py --only-pdf       # the PDFs alone, a small world

Memory growth is the process's resident size, sampled every 5 ms
during the request, peak minus before (so lxml's and SQLite's C memory count too).
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STAGES = ["not_started", "planned", "under_way", "nearly_done", "done", "adjusted", "dropped"]
LEVELS = ["individ", "gruppe", "ledelse", "organisation"]
PAGE = os.sysconf("SC_PAGE_SIZE")


def rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


class PeakRss:
    """The resident size's peak while the block runs, sampled by a thread."""

    def __enter__(self):
        self.before = self.peak = rss()
        self.running = True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self):
        while self.running:
            self.peak = max(self.peak, rss())
            time.sleep(0.005)

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()
        self.peak = max(self.peak, rss())

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.before) / 1e6


def setup(database: Path):
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DEBUG"] = "false"
    os.environ["SECRET_KEY"] = "bench-" + "x" * 60 + "abcdefghij"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trivsel.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # DEBUG off (no query log), but static URLs without collectstatic's manifest
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    call_command("migrate", verbosity=0)


def make_world(units: int, activities_per_unit: int):
    """An organisation with departments of 100 units; per unit two plans, the activities
    shared between them, two tovholdere, one status update per activity."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from actionplans.models import ActionPlan, Activity, StatusUpdate, Tovholder
    from surveys.models import Round
    from units.models import Membership, Role, Unit

    with transaction.atomic():
        organisation = Unit.objects.create(name="Benchkommune", code="BK", kind="organisation")
        survey = Round.objects.create(name="Trivselsmåling 2026", organisation=organisation)
        departments, made = [], []
        for index in range(units):
            if index % 100 == 0:
                departments.append(
                    Unit.objects.create(
                        name=f"Afdeling {len(departments) + 1}",
                        code=f"AF{len(departments) + 1}",
                        kind="department",
                        parent=organisation,
                    )
                )
            made.append(
                Unit.objects.create(
                    name=f"Børnehaven Ærtebjerg {index}", code=f"E{index}", parent=departments[-1]
                )
            )
        holders = Tovholder.objects.bulk_create(
            Tovholder(unit=unit, name=f"Åse Øster {i}") for unit in made for i in range(2)
        )
        plans = ActionPlan.objects.bulk_create(
            ActionPlan(
                unit=unit,
                round=survey,
                title=f"Støj i frokoststuen {i}",
                change="Der er for meget larm, når børnene spiser, og vi hører ikke hinanden.",
                goal="Ro ved bordene, så vi kan tale sammen.",
                effect_evaluation="Vi spørger på personalemødet i august.",
                follow_up_first=datetime.date(2026, 9, 1),
                follow_up_second=datetime.date(2026, 12, 1),
            )
            for unit in made
            for i in range(2)
        )
        activities = []
        for number, plan in enumerate(plans):
            for order in range(activities_per_unit // 2):
                activities.append(
                    Activity(
                        plan=plan,
                        order=order,
                        what=f"Vi indkøber lydabsorbenter og aftaler stille hjørner ({order})",
                        level=LEVELS[order % 4],
                        tovholder=holders[number // 2 * 2 + order % 2],
                        participants="Alle på stuen",
                        deadline=datetime.date(2026, 5, 1 + order % 28),
                        stage=STAGES[(number + order) % 7],
                    )
                )
        activities = Activity.objects.bulk_create(activities, batch_size=2000)
        now = timezone.now()
        StatusUpdate.objects.bulk_create(
            (StatusUpdate(activity=a, stage=a.stage, by_name="Bench") for a in activities),
            batch_size=2000,
        )
        StatusUpdate.objects.update(created_at=now)
        hr = get_user_model().objects.create_user("hr-bench", password="x")
        Membership.objects.create(user=hr, unit=organisation, role=Role.HR)
    return survey, hr, made[0], len(activities)


def calibrate():
    """The libraries alone on this machine now, for the issue's reference figures (openpyxl:
    20,000 x 12 cells in 1.5 s; WeasyPrint: a 60-row A4 table in 0.27 s): the machine is
    shared, and a busy one makes every figure slower by the same factor."""
    import io

    from openpyxl import Workbook
    from weasyprint import HTML

    start = time.perf_counter()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    texts = [f"tekst {i}" for i in range(12)]
    for _ in range(20000):
        sheet.append(texts)
    workbook.save(io.BytesIO())
    openpyxl_s = time.perf_counter() - start

    rows = "".join(
        f"<tr><td>Aktivitet {i}</td><td>Gruppe</td><td>Åse</td><td>01-05-2026</td></tr>"
        for i in range(60)
    )
    html = f"<style>@page {{ size: A4 }}</style><table>{rows}</table>"
    HTML(string=html).write_pdf()
    start = time.perf_counter()
    HTML(string=html).write_pdf()
    weasy_s = time.perf_counter() - start
    print(
        f"calibration: openpyxl alone 20,000 x 12 {openpyxl_s:.2f} s (reference 1.5 s); "
        f"WeasyPrint alone 60-row table {weasy_s:.2f} s (reference 0.27 s)"
    )


def memory_of(client, url) -> tuple[float, float]:
    """(RSS growth, Python allocations' peak) in MB for one request: the RSS on the first,
    cold request of the run (before the process's heap holds freed memory to reuse), the
    Python peak by tracemalloc on a second one (lxml's and SQLite's C memory not counted)."""
    import tracemalloc

    with PeakRss() as peak:
        response = client.get(url)
        sum(len(part) for part in response)
    tracemalloc.start()
    response = client.get(url)
    sum(len(part) for part in response)
    python_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak.growth_mb, python_peak / 1e6


def timed_get(client, url):
    start = time.perf_counter()
    response = client.get(url)
    size = sum(len(part) for part in response)
    return time.perf_counter() - start, size, response


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--activities-per-unit", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only-hr", action="store_true", help="only the HR workbook and CSV")
    parser.add_argument("--only-pdf", action="store_true", help="only the PDFs (20 units)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        setup(Path(folder) / "bench.sqlite3")
        if args.only_pdf:
            args.units = min(args.units, 20)
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.urls import reverse

        calibrate()
        started = time.perf_counter()
        survey, hr, unit, count = make_world(args.units, args.activities_per_unit)
        print(
            f"data: {args.units} units, {count} activities ({time.perf_counter() - started:.1f} s)"
        )
        client = Client()
        client.force_login(hr)

        def report(name, url, aim_s=None, aim_mb=None):
            growth, python_peak = memory_of(client, url)  # cold first: templates, fonts
            runs = [timed_get(client, url) for _ in range(args.repeat)]
            seconds = [run[0] for run in runs]
            _, size, response = runs[-1]
            assert response.status_code == 200, response.status_code
            with CaptureQueriesContext(connection) as queries:
                timed_get(client, url)
            verdict = []
            if aim_s is not None:
                verdict.append("time " + ("OK" if max(seconds) <= aim_s else "MISSED"))
            if aim_mb is not None:
                verdict.append(
                    "memory " + ("OK" if max(growth, python_peak) < aim_mb else "MISSED")
                )
            print(
                f"{name:<28} median {statistics.median(seconds):6.3f} s  max {max(seconds):6.3f} s"
                f"  {size / 1e6:6.2f} MB  RSS +{growth:5.1f} MB  Python peak {python_peak:5.1f} MB"
                f"  {len(queries)} queries  {' '.join(verdict)}"
            )

        if args.only_pdf:
            pdf_url = reverse("actionplans:unit_plans_pdf", args=[unit.pk])
            report("one unit's plans (PDF)", pdf_url, 1.0)
            long_answer_pdfs(client, survey, unit, report)
            return
        report(
            "HR workbook (xlsx)",
            reverse("actionplans:round_workbook_xlsx", args=[survey.pk]),
            3.0,
            50,
        )
        report("HR rows (CSV)", reverse("actionplans:round_rows_csv", args=[survey.pk]), 3.0, 50)
        if args.only_hr:
            return
        report("one unit's plans (PDF)", reverse("actionplans:unit_plans_pdf", args=[unit.pk]), 1.0)
        report(
            "one unit's plans (xlsx)", reverse("actionplans:unit_plans_xlsx", args=[unit.pk]), 1.0
        )

        # a heavy unit: 6 plans with 10 activities each, a 500-character activity among them
        from actionplans.models import ActionPlan, Activity

        for index in range(4):
            plan = ActionPlan.objects.create(
                unit=unit,
                round=survey,
                title=f"Ekstra plan {index}",
                change="Mere tekst " * 20,
                goal="Et mål " * 10,
            )
            Activity.objects.bulk_create(
                Activity(
                    plan=plan,
                    order=i,
                    what="Vi gennemgår arbejdsgangene " * 18,
                    level="gruppe",
                    stage=STAGES[i % 7],
                )
                for i in range(10)
            )
        report("60-activity unit (PDF)", reverse("actionplans:unit_plans_pdf", args=[unit.pk]), 1.0)
        long_answer_pdfs(client, survey, unit, report)


PROSE = (
    "Vi vil gerne have mere ro i frokoststuen, så vi kan tale sammen og høre hinanden, "
    "og vi aftaler på personalemødet, hvordan vi kommer videre med det. "
)


def prose(length: int) -> str:
    return (PROSE * (length // len(PROSE) + 1))[:length]


def long_answer_pdfs(client, survey, unit, report):
    """Issue 19, item 3: a unit whose plan has five answers of 5,000 characters (ordinary
    prose, one of them a single 5,000-character word), with 60 and then 300 activities of
    150 characters and a 100-character "Hvordan?", a tovholder and an IGLO level each."""
    from django.urls import reverse

    from actionplans.models import ActionPlan, Activity, Tovholder
    from units.models import Unit

    heavy = Unit.objects.create(name="Plejecenter Ærtebjerg", code="PÆ", parent=unit.parent)
    holder = Tovholder.objects.create(unit=heavy, name="Åse Øster")
    plan = ActionPlan.objects.create(
        unit=heavy,
        round=survey,
        title="Arbejdstempo og ro",
        change=prose(5000),
        why=prose(5000),
        goal=prose(5000),
        success_signs=prose(5000),
        barriers="x" * 5000,
    )
    url = reverse("actionplans:unit_plans_pdf", args=[heavy.pk])
    for total, aim in ((60, 2.0), (300, 10.0)):
        have = Activity.objects.filter(plan__unit=heavy).count()
        Activity.objects.bulk_create(
            Activity(
                plan=plan,
                order=i,
                what=prose(150),
                how=prose(100),
                participants="Alle på afdelingen",
                level=LEVELS[i % 4],
                tovholder=holder,
                stage=STAGES[i % 7],
            )
            for i in range(have, total)
        )
        report(f"5 × 5,000 + {total} activities (PDF)", url, aim)
    import resource

    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"largest PDF renderer (child process) peak RSS so far: {child_mb:.0f} MB")


if __name__ == "__main__":
    main()
