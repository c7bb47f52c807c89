"""The secrets in link addresses never reach a log (issue 19, item 2): a tovholder's link,
a phone's join link, the wall link, the staff-room board and the stop link are used while
they are live, with answers of 200, 400, 403 and 404, and the log as the server writes it
(the configured handlers of settings.LOGGING, Django's and runserver's) and nginx's access
log (deploy/nginx/trivsel.conf, run by nginx) are read for them."""

import http.server
import io
import logging
import ssl
import subprocess
import threading
import urllib.request

import pytest
from django.core.servers.basehttp import WSGIRequestHandler
from django.test import Client
from django.urls import reverse

from actionplans.reminders import stop_key
from trivsel.logfilters import MASK, mask
from workshops import live

from . import factory


@pytest.fixture
def server_log():
    """What the configured log handlers write (stderr, in production journald), read back:
    each stream handler of settings.LOGGING writes into one buffer for the test."""
    buffer = io.StringIO()
    loggers = [logging.getLogger(), *map(logging.getLogger, ("django", "django.server"))]
    handlers = {h for logger in loggers for h in logger.handlers}
    handlers = [h for h in handlers if type(h) is logging.StreamHandler]  # not pytest's own
    assert handlers, "settings.LOGGING has no stream handler"
    old = [handler.setStream(buffer) for handler in handlers]
    yield buffer
    for handler, stream in zip(handlers, old, strict=True):
        handler.setStream(stream)


@pytest.fixture
def secrets_in_use(world):
    plan = factory.action_plan(world.unit)
    holder = factory.tovholder_with_link(world.unit, email="mette@example.org")
    factory.activity(plan, tovholder=holder)
    workshop = factory.live_workshop(world.unit)
    live.open_wall_link(workshop.pk)
    workshop.refresh_from_db()
    return {
        "tovholder": holder.token,
        "join": workshop.join_token,
        "wall": workshop.wall_token,
        "board": factory.board_link(world.unit).token,
        "stop": stop_key("mette@example.org"),
        "holder": holder,
        "plan": plan,
    }


def test_requests_with_live_link_secrets_leave_none_in_the_server_log(
    client, world, secrets_in_use, server_log
):
    s = secrets_in_use
    other = factory.activity(s["plan"], what="Andens", tovholder=None)
    mine = s["holder"].activities.get()
    answers = [
        client.get(reverse("tovholder_page", args=[s["tovholder"]])).status_code,
        # 404: another's activity through a live link
        client.post(reverse("tovholder_stage", args=[s["tovholder"], other.pk])).status_code,
        # 400: dropping without a reason
        client.post(
            reverse("tovholder_stage", args=[s["tovholder"], mine.pk]),
            {f"a{mine.pk}-stage": "dropped"},
        ).status_code,
        # 403: a POST without its CSRF token (django.security.csrf)
        Client(enforce_csrf_checks=True)
        .post(reverse("tovholder_stage", args=[s["tovholder"], mine.pk]))
        .status_code,
        client.get(reverse("participant:screen", args=[s["join"]])).status_code,
        client.get(reverse("participant:sync", args=[s["join"]]), {"since": "x"}).status_code,
        client.post(reverse("participant:note_add", args=[s["join"]])).status_code,
        client.get(reverse("wall_link", args=[s["wall"]])).status_code,
        client.get(reverse("staff_board_regions", args=[s["board"]])).status_code,
        client.get(reverse("staff_board", args=[s["board"]]) + "x/").status_code,
        client.post(reverse("actionplans:reminder_stop", args=[s["stop"]]), {}).status_code,
    ]
    assert {200, 302, 400, 403, 404} <= set(answers), answers

    written = server_log.getvalue()
    assert "Not Found: /t/***/" in written and "Forbidden (CSRF" in written
    assert "Bad Request: /t/***/" in written
    for name in ("tovholder", "join", "wall", "board", "stop"):
        assert s[name] not in written, f"the {name} secret is in the log:\n{written}"


def test_runserver_writes_each_request_line_without_the_secret(secrets_in_use, server_log):
    """runserver (django.server) logs every request, the 200s too, as its handler does."""
    handler = WSGIRequestHandler.__new__(WSGIRequestHandler)
    handler.request, handler.client_address = None, ("127.0.0.1", 50000)
    for path, status in (
        (reverse("tovholder_page", args=[secrets_in_use["tovholder"]]), 200),
        (reverse("participant:sync", args=[secrets_in_use["join"]]) + "?since=1", 204),
        (reverse("wall_link", args=[secrets_in_use["wall"]]), 404),
    ):
        handler.requestline = f"GET {path} HTTP/1.1"
        handler.log_request(status, 512)
    written = server_log.getvalue()
    assert '"GET /t/***/ HTTP/1.1" 200' in written and "/d/***/sync/?since=1" in written
    for name in ("tovholder", "join", "wall"):
        assert secrets_in_use[name] not in written


def test_the_request_a_handler_may_print_is_masked_too(rf):
    from trivsel.logfilters import MaskTokens

    request = rf.get("/t/abcSECRETdef/", HTTP_REFERER="https://trivsel.example.dk/d/SECRET2/")
    record = logging.LogRecord("django.request", logging.WARNING, "", 0, "x", None, None)
    record.request = request
    MaskTokens().filter(record)
    shown = [record.request.path, record.request.get_full_path(), repr(record.request)]
    shown.append(record.request.META["HTTP_REFERER"])
    assert not any("SECRET" in text for text in shown), shown
    assert record.request.method == "GET" and request.path == "/t/abcSECRETdef/"


@pytest.mark.parametrize(
    "line,expected",
    [
        ("Not Found: /t/abc/7/", "Not Found: /t/***/7/"),
        ('"GET /d/abc/sync/?since=3 HTTP/1.1" 204 0', '"GET /d/***/sync/?since=3 HTTP/1.1" 204 0'),
        ("https://trivsel.dk/tavle/abc/opdater/", "https://trivsel.dk/tavle/***/opdater/"),
        ("/handleplaner/paamindelser/stop/abc:def/", "/handleplaner/paamindelser/stop/***/"),
        ("/adgangskode/nulstil/MQ/abc-123/", "/adgangskode/nulstil/***/***/"),
        # an address of the app whose path only contains "tavle" or "t" is kept whole
        ("/handleplaner/enheder/3/tavle/link/", "/handleplaner/enheder/3/tavle/link/"),
        ("/workshops/4/live/vaeglink/", "/workshops/4/live/vaeglink/"),
        ("/adgangskode/nulstil/sendt/", "/adgangskode/nulstil/sendt/"),
    ],
)
def test_the_mask_takes_only_the_secret_segment(line, expected):
    assert mask(line) == expected and MASK == "***"


# --- nginx --------------------------------------------------------------------------------


class _NotFound(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the standard library's name
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_nginx_writes_its_access_log_without_the_secrets(tmp_path):
    """deploy/nginx/trivsel.conf as bench/cluster.py runs it (its own ports and files), in
    front of a stand-in app server; then its access log is read."""
    from bench.cluster import nginx_binary, nginx_site
    from bench.live_bench import free_port

    app = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotFound)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1"]
        + ["-keyout", str(tmp_path / "key.pem")]
        + ["-out", str(tmp_path / "cert.pem")],
        check=True,
        capture_output=True,
    )
    port = free_port()
    port_ = app.server_address[1]
    (tmp_path / "site.conf").write_text(nginx_site([port_, port_], port, free_port(), tmp_path))
    temp = "".join(
        f"    {kind}_temp_path {tmp_path / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp_path / "nginx.conf").write_text(
        f"worker_processes 1;\npid {tmp_path / 'nginx.pid'};\n"
        f"error_log {tmp_path / 'error.log'} warn;\nevents {{ worker_connections 64; }}\n"
        f"http {{\n    access_log {tmp_path / 'default.log'};\n{temp}"
        f"    include {tmp_path / 'site.conf'};\n}}\n"
    )
    command = [nginx_binary(), "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    nginx = subprocess.Popen([*command, "-g", "daemon off;"])
    try:
        trusted = ssl.create_default_context(cafile=str(tmp_path / "cert.pem"))
        secret = "Zq7SECRETtokenValue_-123"
        paths = [f"/t/{secret}/", f"/d/{secret}/sync/?since=2", f"/tavle/{secret}/opdater/"]
        paths += [f"/v/{secret}/", f"/handleplaner/paamindelser/stop/{secret}/"]
        paths += [f"/adgangskode/nulstil/MQ/{secret}/", "/static/css/app.css"]
        for path in paths:
            request = urllib.request.Request(
                f"https://127.0.0.1:{port}{path}",
                headers={"Referer": f"https://127.0.0.1:{port}/t/{secret}/"},
            )
            for attempt in range(50):
                try:
                    urllib.request.urlopen(request, context=trusted, timeout=5)
                except urllib.error.HTTPError:
                    break
                except urllib.error.URLError:
                    if attempt == 49:
                        raise
                    threading.Event().wait(0.1)
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        app.shutdown()
    access = (tmp_path / "nginx-access.log").read_text()
    assert len(access.splitlines()) == len(paths)
    assert '"GET /t/***/ HTTP/1.1" 404' in access and "/d/***/sync/?since=2" in access
    assert f'"https://127.0.0.1:{port}/t/***/"' in access
    assert secret not in access
    default = tmp_path / "default.log"  # nginx's own "combined" log stays empty
    assert not default.exists() or default.read_text() == ""
