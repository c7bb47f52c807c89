"""Logins, failed logins and logouts are written to an audit log (accounts.AuditEvent) that
HR and superusers read in the admin."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent

from . import factory

Kind = AuditEvent.Kind


def log_in(client, username, password=factory.PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def events():
    return list(AuditEvent.objects.order_by("pk").values_list("kind", "username", "ip"))


def test_a_login_and_a_logout_are_logged_with_who_and_from_where(world):
    karen = Client(REMOTE_ADDR="198.51.100.4")
    log_in(karen, "hr")
    karen.post(reverse("logout"))
    assert events() == [
        (Kind.LOGIN, "hr", "198.51.100.4"),
        (Kind.LOGOUT, "hr", "198.51.100.4"),
    ]
    assert {event.user for event in AuditEvent.objects.all()} == {world.hr}


def test_failed_logins_are_logged_with_the_name_typed(client, world):
    log_in(client, "hr", "forkert")
    log_in(client, "nobody", "forkert")
    failed = AuditEvent.objects.filter(kind=Kind.LOGIN_FAILED).order_by("pk")
    assert [(e.username, e.user) for e in failed] == [("hr", world.hr), ("nobody", None)]
    assert not any("forkert" in str(value) for value in failed.values_list())


def test_tries_into_and_during_a_lockout_are_logged_as_refused(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "hr", "forkert")
    log_in(client, "hr")  # the right password, refused
    kinds = [kind for kind, _, _ in events()]
    assert kinds == [Kind.LOGIN_FAILED] * (settings.AXES_FAILURE_LIMIT - 1) + [Kind.LOCKED_OUT] * 2


def test_behind_the_proxy_the_log_has_the_clients_address(world, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    log_in(Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.4"), "hr")
    assert AuditEvent.objects.get().ip == "198.51.100.4"


@pytest.fixture
def hr_in_admin(client, world):
    world.hr.is_staff = True
    world.hr.save()
    log_in(Client(), world.leader.username)
    log_in(Client(), "nobody", "forkert")
    log_in(Client(), factory.user("elsewhere").username)  # no role in HR's organisation
    client.force_login(world.hr)
    return client


def test_hr_reads_the_log_of_their_organisations_people_in_the_admin(hr_in_admin, world):
    page = hr_in_admin.get(reverse("admin:accounts_auditevent_changelist"))
    assert page.status_code == 200
    shown = set(page.context["cl"].queryset.values_list("username", flat=True))
    assert shown == {world.leader.username, "hr"}  # hr: the admin's own login just now


def test_the_log_cannot_be_changed_in_the_admin(hr_in_admin):
    event = AuditEvent.objects.filter(username="hr").get()
    assert hr_in_admin.get(reverse("admin:accounts_auditevent_add")).status_code == 403
    change = reverse("admin:accounts_auditevent_change", args=[event.pk])
    assert hr_in_admin.post(change, {"username": "x"}).status_code == 403
    delete = reverse("admin:accounts_auditevent_delete", args=[event.pk])
    assert hr_in_admin.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(username="hr").exists()


def test_a_superuser_reads_every_row_and_others_none(client, world):
    log_in(Client(), "nobody", "forkert")
    boss = factory.user("boss", is_staff=True, is_superuser=True)
    client.force_login(boss)
    page = client.get(reverse("admin:accounts_auditevent_changelist"))
    assert "nobody" in set(page.context["cl"].queryset.values_list("username", flat=True))

    staff_leader = world.leader
    staff_leader.is_staff = True
    staff_leader.save()
    client.force_login(staff_leader)
    assert client.get(reverse("admin:accounts_auditevent_changelist")).status_code == 403
