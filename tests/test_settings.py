"""Production settings: refuse a missing secret, pass `check --deploy`."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "trivsel.example.dk",
    "CSRF_TRUSTED_ORIGINS": "https://trivsel.example.dk",
    "DATABASE_URL": "sqlite:///:memory:",
}


def manage(*args, **env):
    # the browser tests allow sync ORM calls inside Playwright's loop; production never does
    dropped = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_real_secret_key():
    env = {**PRODUCTION_ENV}
    del env["SECRET_KEY"]
    result = manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_typo_in_a_boolean_variable_is_an_error_not_a_silent_default():
    result = manage("check", DEBUG="ja")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_sqlite_default_runs_in_wal_mode(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    # the test database is in memory, where SQLite reports "memory"; a file database is WAL
    assert mode in ("wal", "memory")


def test_sqlite_file_database_uses_wal(tmp_path):
    code = (
        "import django; django.setup();"
        "from django.db import connection;"
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
            "DJANGO_SETTINGS_MODULE": "trivsel.settings",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'wal.sqlite3'}",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "wal", result.stderr


def documented_env() -> dict:
    """deploy/trivsel.env.example, the app servers' environment in docs/deployment.md."""
    env = {}
    for line in (ROOT / "deploy" / "trivsel.env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name] = value
    return env


def test_check_deploy_is_clean_with_the_documented_app_server_environment():
    env = documented_env() | {"SECRET_KEY": secrets.token_urlsafe(50)}
    assert env["TRUSTED_PROXIES"] and env["DATABASE_URL"].startswith("postgres://")
    result = manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_what_app_servers_share_is_kept_in_the_database(settings):
    """Two or more app servers share only the database (docs/deployment.md): logins, the
    login lockout and the join-code limit (workshops.JoinAttempt) live there, never in one
    process's memory; tests/test_cluster.py shows it with two real processes."""
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    assert settings.MESSAGE_STORAGE.endswith("FallbackStorage")  # cookie, then session
