"""Two small public answers: /robots.txt and the version of the JavaScript catalogue.

Nothing of the application is meant for a search engine: every page is behind a login or
a secret link (a phone's /d/…, a wall's /v/…, a tovholder's /t/…, the staff-room board's
/tavle/…). robots.txt says so to the polite crawlers; every answer also carries
`X-Robots-Tag: noindex, nofollow` (settings.ROBOTS_TAG) and every page the meta tag, for the
ones that find a link anyway."""

import functools
import hashlib
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.http import HttpResponse

ROBOTS_TXT = """\
# Trivselsdialog: nothing here is public. Links to a workshop, a wall, a tovholder's
# activities or a staff-room board are personal and must not be indexed.
User-agent: *
Disallow: /
"""


def robots_txt(request) -> HttpResponse:
    response = HttpResponse(ROBOTS_TXT, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@functools.cache
def catalog_version() -> str:
    """A fingerprint of what the JavaScript catalogue is made of: Django's version and every
    djangojs translation file it reads. A deploy that changes a text changes the fingerprint,
    so a browser's copy is used only while it is still the current one."""
    digest = hashlib.sha256(django.get_version().encode())
    folders = [Path(p) for p in settings.LOCALE_PATHS]
    folders += [Path(app.path) / "locale" for app in apps.get_app_configs()]
    for folder in folders:
        for mo in sorted(folder.glob("*/LC_MESSAGES/djangojs.mo")):
            digest.update(str(mo.relative_to(folder)).encode())
            digest.update(mo.read_bytes())
    return digest.hexdigest()[:16]


def catalog_etag(request, *args, **kwargs) -> str:
    return catalog_version()
