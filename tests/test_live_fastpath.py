"""The WSGI fast path answers "nothing new" exactly when the Django view would, and hands
every other request to Django."""

from io import BytesIO
from urllib.parse import urlencode

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse

from trivsel.wsgi import application
from workshops import live
from workshops.models import Participant
from workshops.permissions import screen_key

from . import factory
from .live_helpers import go_to, phone_joins


def call(path, query="", cookie="", method="GET", key=None, scheme="http"):
    """Through the WSGI application as a server calls it; `key` is a screen's X-Screen-Key."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "HTTP_COOKIE": cookie,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.input": BytesIO(b""),
        "wsgi.url_scheme": scheme,
        "wsgi.errors": BytesIO(),
        "CONTENT_LENGTH": "0",
    }
    if key is not None:
        environ["HTTP_X_SCREEN_KEY"] = key
    answer = {}
    DJANGO_REQUESTS.clear()

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = int(status.split()[0]), dict(headers)

    # A server's request ends with close_old_connections, which would close the test's
    # transaction; Django's test client suspends it the same way around each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(application(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], body


DJANGO_REQUESTS = []


def _django_started(**kwargs):
    DJANGO_REQUESTS.append(kwargs)


request_started.connect(_django_started)


def answered_before_django():
    """True when the last `call` never started Django's request cycle."""
    return not DJANGO_REQUESTS


@pytest.fixture
def workshop(world):
    return factory.live_workshop(world.unit)


def phone_cookie_and_rev(workshop):
    phone_joins(workshop, "Karen")
    participant = Participant.objects.get(workshop=workshop)
    workshop.refresh_from_db()
    cookie = f"tp{workshop.pk}={participant.token}"
    return cookie, workshop.phone_revision_for(participant)


def test_an_up_to_date_phone_gets_an_uncacheable_204_from_one_query(
    workshop, django_assert_num_queries
):
    cookie, rev = phone_cookie_and_rev(workshop)
    with django_assert_num_queries(1):
        status, headers, body = call(f"/d/{workshop.join_token}/sync/", f"since={rev}", cookie)
    assert status == 204 and body == b""
    assert "no-store" in headers["Cache-Control"]
    assert answered_before_django()


def test_a_stale_phone_falls_through_to_django_and_gets_the_regions(workshop):
    cookie, rev = phone_cookie_and_rev(workshop)
    go_to(workshop, "reflection")
    status, _, body = call(f"/d/{workshop.join_token}/sync/", f"since={rev}", cookie)
    assert status == 200 and b'data-task="write"' in body


def test_without_the_participant_cookie_django_refuses(workshop):
    _, rev = phone_cookie_and_rev(workshop)
    status, _, _ = call(f"/d/{workshop.join_token}/sync/", f"since={rev}", "tp1=forged")
    assert status == 403


def test_a_cookie_header_that_does_not_parse_is_handed_to_django(workshop):
    _, rev = phone_cookie_and_rev(workshop)
    status, _, _ = call(f"/d/{workshop.join_token}/sync/", f"since={rev}", 'tp1="; ;=="\\')
    assert status == 403


def test_the_wall_gets_a_204_only_with_a_valid_key(world, workshop):
    key = screen_key(workshop, world.leader)
    path = f"/workshops/{workshop.pk}/live/sync/wall/"

    assert call(path, urlencode({"since": workshop.revision}), key=key)[0] == 204
    assert answered_before_django()
    assert call(path, urlencode({"since": workshop.revision}), key="forged")[0] == 403
    assert not answered_before_django()


def test_a_change_on_the_wall_is_never_answered_by_the_fast_path(world, workshop):
    key = screen_key(workshop, world.leader)
    stale = workshop.revision
    live.join(workshop, display_name="Ny")

    status, _, _ = call(
        f"/workshops/{workshop.pk}/live/sync/wall/", urlencode({"since": stale}), key=key
    )
    assert status == 200  # Django answers with the changed wall


def test_other_requests_are_not_touched(workshop):
    status, _, _ = call("/d/", method="POST")
    assert status == 403  # Django's CSRF check, not the fast path
    assert call("/login/")[0] == 200


# The fast path's 204 is Django's 204 -------------------------------------------------------

# Date and Server are the server's; Expires is a moment (never_cache: "already expired"),
# compared by its presence, not its value.
NOT_COMPARED = {"date", "server"}
MOMENTS = {"expires"}


def header_pairs(headers) -> set[tuple[str, str]]:
    return {
        (name.lower(), "<moment>" if name.lower() in MOMENTS else value)
        for name, value in headers.items()
        if name.lower() not in NOT_COMPARED
    }


def _phone_check(world, workshop, client):
    cookie, rev = phone_cookie_and_rev(workshop)
    name, value = cookie.split("=", 1)
    client.cookies[name] = value
    path = reverse("participant:sync", args=[workshop.join_token])
    return path, {"since": rev}, cookie, None


def _screen_check(screen):
    def check(world, workshop, client):
        if screen == "facilitator":
            client.force_login(world.leader)
        workshop.refresh_from_db()
        path = reverse("workshops:screen_sync", args=[workshop.pk, screen])
        query = {"since": workshop.revision}
        cookie = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
        return path, query, cookie, screen_key(workshop, world.leader)

    return check


@pytest.mark.parametrize(
    "check",
    [_phone_check, _screen_check("wall"), _screen_check("facilitator")],
    ids=["phone", "wall", "facilitator"],
)
def test_the_fast_paths_204_has_the_headers_of_djangos_own_204(world, workshop, client, check):
    path, query, cookie, key = check(world, workshop, client)
    django = client.get(path, query, **({"HTTP_X_SCREEN_KEY": key} if key else {}))
    assert django.status_code == 204
    status, fast, _ = call(path, urlencode(query), cookie, key=key)
    assert status == 204 and answered_before_django()
    assert header_pairs(fast) == header_pairs(django.headers)


# The fast path's routes are the URLconf's ----------------------------------------------------


def test_the_fast_paths_routes_match_exactly_the_sync_urls(world, workshop):
    from workshops.sync.fastpath import routes

    phone, screen = routes()
    phone_url = reverse("participant:sync", args=[workshop.join_token])
    found = phone.match(phone_url)
    assert found and found["join_token"] == workshop.join_token
    for name in ("facilitator", "wall"):
        url = reverse("workshops:screen_sync", args=[workshop.pk, name])
        found = screen.match(url)
        assert found and (int(found["workshop_id"]), found["screen"]) == (workshop.pk, name)
        assert not phone.match(url)
        assert not screen.match(url + "x") and not screen.match("/x" + url)
    assert not screen.match(phone_url) and not phone.match(phone_url + "x")

    live.open_wall_link(workshop.pk)
    workshop.refresh_from_db()
    others = [
        reverse("workshops:screen_sync", args=[workshop.pk, "console"]),
        reverse("workshops:live", args=[workshop.pk]),
        reverse("workshops:wall", args=[workshop.pk]),
        reverse("wall_link", args=[workshop.wall_token]),
        reverse("participant:screen", args=[workshop.join_token]),
        reverse("participant:note_add", args=[workshop.join_token]),
        reverse("participant:join"),
    ]
    for url in others:
        assert not phone.match(url) and not screen.match(url), url


def test_over_https_the_fast_paths_204_carries_hsts_as_djangos_does(
    world, workshop, client, settings
):
    settings.SECURE_HSTS_SECONDS = 3600
    path, query, cookie, key = _screen_check("wall")(world, workshop, client)
    django = client.get(path, query, secure=True, HTTP_X_SCREEN_KEY=key)
    status, fast, _ = call(path, urlencode(query), cookie, key=key, scheme="https")
    assert status == 204 and answered_before_django()
    assert fast["Strict-Transport-Security"].startswith("max-age=3600")
    assert "Content-Security-Policy" in fast and "Permissions-Policy" in fast
    assert header_pairs(fast) == header_pairs(django.headers)
