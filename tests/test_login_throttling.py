"""Guessing passwords is throttled (django-axes): a user is locked out from an address after
LOGIN_FAILURE_LIMIT wrong passwords, until the cool-off has passed."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from . import factory

LOGIN = reverse("login")


def log_in(client, username, password=factory.PASSWORD, url=LOGIN):
    return client.post(url, {"username": username, "password": password})


def guess_wrong(client, username, times, url=LOGIN):
    for _ in range(times):
        log_in(client, username, "forkert-gæt", url)


def is_logged_in(client):
    return "_auth_user_id" in client.session


def test_after_five_wrong_passwords_the_right_one_is_refused_in_danish(client, world, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    guess_wrong(client, "hr", 4)
    assert log_in(client, "hr", "forkert-gæt").status_code == 429
    response = log_in(client, "hr")
    assert response.status_code == 429
    html = response.content.decode()
    assert "For mange forkerte forsøg" in html
    assert "Vent 15 minutter efter det sidste forsøg" in html
    assert '<html lang="da">' in html
    assert not is_logged_in(client)


def test_a_colleague_at_the_same_address_still_logs_in(client, world, settings):
    guess_wrong(client, "hr", settings.AXES_FAILURE_LIMIT)
    colleague = Client()  # same address: 127.0.0.1
    assert log_in(colleague, world.med.username).status_code == 302
    assert is_logged_in(colleague)


def test_the_same_user_elsewhere_still_logs_in(client, world, settings):
    guess_wrong(client, "hr", settings.AXES_FAILURE_LIMIT)
    at_her_desk = Client(REMOTE_ADDR="10.20.30.40")
    assert log_in(at_her_desk, "hr").status_code == 302


def test_behind_the_proxy_the_lockout_counts_the_client_not_the_proxy(world, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    guesser = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    guess_wrong(guesser, "hr", settings.AXES_FAILURE_LIMIT)
    assert log_in(guesser, "hr").status_code == 429
    hr_at_the_town_hall = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert log_in(hr_at_the_town_hall, "hr").status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"


def test_the_lockout_ends_after_the_cool_off(client, world, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    guess_wrong(client, "hr", settings.AXES_FAILURE_LIMIT)
    assert "Vent 30 minutter" in log_in(client, "hr").content.decode()
    # 29 minutes later: still locked, and trying while locked does not lengthen the wait
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=29))
    assert log_in(client, "hr").status_code == 429
    assert AccessAttempt.objects.get().attempt_time < timezone.now() - timedelta(minutes=28)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert log_in(client, "hr").status_code == 302
    assert is_logged_in(client)


def test_a_successful_login_forgets_the_earlier_wrong_passwords(client, world, settings):
    guess_wrong(client, "hr", settings.AXES_FAILURE_LIMIT - 1)
    assert log_in(client, "hr").status_code == 302
    client.post(reverse("logout"))
    guess_wrong(client, "hr", settings.AXES_FAILURE_LIMIT - 1)
    assert log_in(client, "hr").status_code == 302


@pytest.fixture
def admin_user(db):
    return factory.user("admin", is_staff=True, is_superuser=True)


def test_the_admin_login_is_throttled_too(client, admin_user, settings):
    admin_login = reverse("admin:login")
    guess_wrong(client, "admin", settings.AXES_FAILURE_LIMIT, url=admin_login)
    response = log_in(client, "admin", url=admin_login)
    assert response.status_code == 429
    assert "For mange forkerte forsøg" in response.content.decode()
    assert not is_logged_in(client)
