"""How long a login lasts on a shared municipal PC (accounts/sessions.py): a working day at
most, an hour without use, and the cookie goes with the browser."""

from datetime import timedelta

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.sessions import LAST_SEEN, STARTED
from workshops.permissions import screen_key

from . import factory
from .live_helpers import phone_joins

HOME = reverse("home")
MINUTE = 60


def set_back(client, key, seconds):
    """Time passes: the session's clock is set back instead of waiting."""
    session = client.session
    session[key] -= seconds
    session.save()


def test_a_login_lasts_a_working_day_and_its_cookie_goes_with_the_browser(client, world, settings):
    assert settings.SESSION_COOKIE_AGE == 9 * 3600
    assert settings.SESSION_IDLE_TIMEOUT == 60 * MINUTE
    response = client.post(reverse("login"), {"username": "hr", "password": factory.PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie
    assert cookie["httponly"]


def test_an_hour_without_use_ends_the_login(client, world):
    client.force_login(world.hr)
    assert client.get(HOME).status_code == 200
    set_back(client, LAST_SEEN, 61 * MINUTE)
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    login_page = client.get(response["Location"]).content.decode()
    assert "Du er logget ud, fordi du ikke har brugt siden i 60 minutter." in login_page
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPIRED, user=world.hr).exists()


def test_using_the_site_within_the_hour_keeps_the_login(client, world):
    client.force_login(world.hr)
    set_back(client, LAST_SEEN, 59 * MINUTE)
    assert client.get(HOME).status_code == 200
    set_back(client, LAST_SEEN, 59 * MINUTE)  # another 59 minutes: counted from the last use
    assert client.get(HOME).status_code == 200


def test_the_last_use_is_written_at_most_once_a_minute(client, world):
    client.force_login(world.hr)
    set_back(client, LAST_SEEN, 30)
    seen = client.session[LAST_SEEN]
    client.get(HOME)
    assert client.session[LAST_SEEN] == seen  # half a minute old: not written again
    set_back(client, LAST_SEEN, MINUTE)
    client.get(HOME)
    assert client.session[LAST_SEEN] > seen


def test_a_busy_login_still_ends_after_the_working_day(client, world):
    client.force_login(world.leader)
    set_back(client, STARTED, 9 * 3600 + MINUTE)
    response = client.get(HOME)
    assert response.status_code == 302
    login_page = client.get(response["Location"]).content.decode()
    assert "Du er logget ud, fordi du har været logget ind i 9 timer." in login_page


def test_the_admin_ends_an_idle_login_too(client, world):
    world.hr.is_staff = True
    world.hr.save()
    client.force_login(world.hr)
    assert client.get(reverse("admin:index")).status_code == 200
    set_back(client, LAST_SEEN, 61 * MINUTE)
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_idle_time_comes_from_the_settings(client, world, settings):
    settings.SESSION_IDLE_TIMEOUT = 15 * MINUTE
    client.force_login(world.hr)
    set_back(client, LAST_SEEN, 16 * MINUTE)
    assert client.get(HOME).status_code == 302


@pytest.fixture
def workshop(world):
    return factory.live_workshop(world.unit)


def test_the_live_screens_and_phones_never_read_or_write_the_session(client, world, workshop):
    """A facilitator's browser with a login that is long idle: the phone's pages, the join
    form and the screens' checks answer without looking at the login, so they neither end
    it nor count as use."""
    client.force_login(world.leader)
    set_back(client, LAST_SEEN, 2 * 3600)
    idle_since = client.session[LAST_SEEN]
    phone_joins(workshop)
    client.cookies.update(phone_joins(workshop).cookies)  # the facilitator tries the phone
    key = screen_key(workshop, world.leader)
    workshop.refresh_from_db()
    answers = [
        client.get(reverse("participant:join")),
        client.get(reverse("participant:screen", args=[workshop.join_token])),
        client.get(reverse("participant:sync", args=[workshop.join_token]), {"since": -1}),
        client.get(
            reverse("workshops:screen_sync", args=[workshop.pk, "wall"]),
            HTTP_X_SCREEN_KEY=key,
        ),
        client.get(
            reverse("workshops:screen_sync", args=[workshop.pk, "facilitator"]),
            {"since": workshop.revision},
            HTTP_X_SCREEN_KEY=key,
        ),
    ]
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 204]
    assert client.session[LAST_SEEN] == idle_since
    assert "_auth_user_id" in client.session
    assert client.get(HOME).status_code == 302  # the first page that asks ends it


def test_the_settings_come_from_the_environment():
    from .test_settings import manage

    names = [
        "SESSION_COOKIE_AGE",
        "SESSION_IDLE_TIMEOUT",
        "SESSION_EXPIRE_AT_BROWSER_CLOSE",
        "AXES_FAILURE_LIMIT",
        "AXES_COOLOFF_TIME",
        "TRUSTED_PROXIES",
        "JOIN_FAILURES_PER_ADDRESS",
        "JOIN_FAILURES_PER_MINUTE",
    ]
    code = f"from django.conf import settings; print([getattr(settings, n) for n in {names!r}])"
    result = manage(
        "shell",
        "-c",
        code,
        SESSION_MAX_HOURS="8",
        SESSION_IDLE_MINUTES="30",
        SESSION_EXPIRE_AT_BROWSER_CLOSE="false",
        LOGIN_FAILURE_LIMIT="7",
        LOGIN_COOLOFF_MINUTES="20",
        TRUSTED_PROXIES="10.0.0.2, 10.1.0.0/16",
        JOIN_FAILURES_PER_ADDRESS="20",
        JOIN_FAILURES_PER_MINUTE="60",
    )
    assert result.returncode == 0, result.stderr
    expected = [8 * 3600, 30 * 60, False, 7, timedelta(minutes=20), ["10.0.0.2", "10.1.0.0/16"]]
    assert result.stdout.strip().splitlines()[-1] == repr([*expected, 20, 60])


def test_the_consoles_update_with_news_asks_for_the_login_and_counts_as_use(
    client, world, workshop
):
    """The console shows names and pink post-its, so its update with news checks who is
    logged in: a facilitator whose room is busy stays logged in (one write a minute)."""
    client.force_login(world.leader)
    set_back(client, LAST_SEEN, 50 * MINUTE)
    idle_since = client.session[LAST_SEEN]
    key = screen_key(workshop, world.leader)
    url = reverse("workshops:screen_sync", args=[workshop.pk, "facilitator"])
    assert client.get(url, {"since": -1}, HTTP_X_SCREEN_KEY=key).status_code == 200
    assert client.session[LAST_SEEN] > idle_since
