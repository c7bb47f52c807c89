"""A strict Content-Security-Policy and a Permissions-Policy on every answer, the live check's
fast path included, and no markup that such a policy would have to allow."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from . import factory

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def policy(response) -> dict[str, str]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = " ".join(values)
    return directives


@pytest.mark.parametrize("name", ["login", "participant:join"])
def test_public_pages_send_a_strict_policy(client, db, name):
    response = client.get(reverse(name))
    directives = policy(response)
    assert directives["script-src"] == "'self'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "camera=()" in response["Permissions-Policy"]


def test_pages_behind_a_login_send_it_too(client, world):
    client.force_login(world.leader)
    workshop = factory.live_workshop(world.unit)
    for url in (
        reverse("home"),
        reverse("workshops:live", args=[workshop.pk]),
        reverse("workshops:wall", args=[workshop.pk]),
        reverse("workshops:agenda_print", args=[workshop.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert policy(response)["script-src"] == "'self'", url


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>"), "an inline <script>"),
    (re.compile(r"\son[a-z]+\s*="), "an inline event handler"),
    (re.compile(r"\shx-on"), "hx-on (evaluated code)"),
    (re.compile(r"\sstyle\s*="), "an inline style attribute"),
    (re.compile(r"javascript:"), "a javascript: URL"),
]


def test_no_template_holds_what_the_policy_forbids():
    found = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                # the one allowed <script>: data for JavaScript, never run (none today)
                if 'type="application/json"' in match.group(0):
                    continue
                found.append(f"{path.relative_to(TEMPLATES)}: {what}")
    assert found == []


def test_htmx_runs_without_eval(client, db):
    html = client.get(reverse("login")).content.decode()
    assert '"allowEval": false' in html and '"includeIndicatorStyles": false' in html
