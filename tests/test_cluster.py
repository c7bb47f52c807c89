"""Two app servers behind a real load balancer (issue 13, item 14): `bench/cluster.py` at
small scale. It starts its own PostgreSQL database, two granian processes and Debian's nginx
with `deploy/nginx/trivsel.conf`, and runs a live session through it (see the script).

Marked `cluster`: run by `make test-cluster` (part of `make test`), deselected from other
runs (tests/conftest.py), since it needs root-installed nginx and PostgreSQL and takes about
half a minute. Nothing is skipped: without nginx the script stops and the test fails.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.cluster

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    out = tmp_path_factory.mktemp("cluster") / "cluster.json"
    command = [sys.executable, "bench/cluster.py", "--phones", "8", "--duration", "20"]
    run = subprocess.run(
        [*command, "--rounds", "5", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.exists(), f"bench/cluster.py gave no result:\n{run.stdout}\n{run.stderr}"
    result = json.loads(out.read_text())
    result["printed"] = run.stdout
    return result


def test_phones_are_spread_over_both_processes(cluster):
    assert len(cluster["joins"]["upstreams"]) == 2
    assert len(cluster["requests_by_upstream"]) == 2
    assert cluster["share_of_busiest"] <= 0.75
    assert len(cluster["cross_process"]["kinds_via"]) == 4  # each kind through each


def test_no_post_it_lost_or_doubled_and_no_errors(cluster):
    assert cluster["acked_writes"] > 0
    assert cluster["lost"] == cluster["duplicated"] == cluster["in_db_not_acked"] == 0
    assert cluster["errors"] == 0, cluster["error_samples"]
    assert cluster["app_log_problems"] == [] and cluster["nginx_log_problems"] == []
    retry = cluster["retry"]
    assert retry["in_db"] == 1
    assert len({answer["via"] for answer in retry["answers"]}) == 2


def test_every_change_reaches_the_other_process_within_2_s(cluster):
    cross = cluster["cross_process"]
    assert cross["problems"] == [] and cross["never_seen"] == 0, cluster["failed"]
    assert all(cross["made_via"].values())
    assert cross["other_process_delay_s"]["max"] <= 2.0
    assert cluster["wall_unseen"] == 0 and cluster["wall_delay_s"]["p95"] <= 2.0


def test_join_limit_and_login_lockout_are_shared(cluster):
    limits = cluster["join_limits"]
    assert limits["first_refusal_at"] == 11  # 10 failures in all, not 10 per process
    assert limits["burst_statuses"] == [400] * 10 + [429] * 10  # 20 at once: still 10
    assert limits["holds"] and len(limits["upstreams"]) == 2
    lockout = cluster["login_lockout"]
    assert lockout["wrong_passwords"] == [200, 200, 200, 200, 429]
    assert lockout["right_password_after"] == [429, 429]
    assert len(lockout["upstreams_right"]) == 2
    assert lockout["holds"]


def test_the_whole_run_holds(cluster):
    assert cluster["holds"], f"{cluster['failed']}\n{cluster['printed']}"
