"""A screen's key dies with the access it was made from, and never travels in a URL."""

import pytest
from django.urls import reverse

from units.models import Membership
from workshops import live
from workshops.models import Workshop
from workshops.permissions import screen_key

from . import factory


@pytest.fixture
def workshop(world):
    return factory.live_workshop(world.unit)


def wall_check(client, workshop, key, since=-1):
    url = reverse("workshops:screen_sync", args=[workshop.pk, "wall"])
    return client.get(url, {"since": since}, HTTP_X_SCREEN_KEY=key).status_code


def test_a_wall_key_works_while_its_user_may_run_the_workshop(client, world, workshop):
    assert wall_check(client, workshop, screen_key(workshop, world.leader)) == 200


def test_a_wall_key_dies_when_its_user_loses_the_role(client, world, workshop):
    key = screen_key(workshop, world.leader)
    Membership.objects.filter(user=world.leader).delete()
    live.join(workshop, display_name="Ny")  # the next change
    assert wall_check(client, workshop, key) == 403


def test_a_wall_key_dies_when_its_user_is_deactivated(client, world, workshop):
    key = screen_key(workshop, world.leader)
    world.leader.is_active = False
    world.leader.save()
    assert wall_check(client, workshop, key) == 403


def test_a_borrowed_facilitators_key_dies_when_they_are_no_longer_facilitator(
    client, world, workshop
):
    borrowed = factory.user("laant")
    Workshop.objects.filter(pk=workshop.pk).update(facilitator=borrowed)
    workshop.refresh_from_db()
    key = screen_key(workshop, borrowed)
    assert wall_check(client, workshop, key) == 200
    Workshop.objects.filter(pk=workshop.pk).update(facilitator=None)
    assert wall_check(client, workshop, key) == 403


def test_closing_the_workshop_darkens_the_wall_but_not_the_console(client, world, workshop):
    key = screen_key(workshop, world.leader)
    live.set_status(workshop.pk, Workshop.Status.CLOSED)
    # the wall's last answer: a calm thank-you holding nothing of the session, and it stops
    # asking (410, static/js/live.js); never a refusal popping up on the projector
    url = reverse("workshops:screen_sync", args=[workshop.pk, "wall"])
    closed = client.get(url, {"since": -1}, HTTP_X_SCREEN_KEY=key)
    assert closed.status_code == 410
    assert "Tak for i dag" in closed.content.decode()
    assert workshop.join_code not in closed.content.decode()
    client.force_login(world.leader)
    console = reverse("workshops:screen_sync", args=[workshop.pk, "facilitator"])
    assert client.get(console, {"since": -1}, HTTP_X_SCREEN_KEY=key).status_code == 200


def test_an_up_to_date_check_shows_nothing_and_needs_only_the_signature(client, world, workshop):
    key = screen_key(workshop, world.leader)
    Membership.objects.filter(user=world.leader).delete()
    workshop.refresh_from_db()
    assert wall_check(client, workshop, key, since=workshop.revision) == 204


def test_the_key_is_never_in_a_url(client, world, workshop):
    client.force_login(world.leader)
    for name in ("workshops:live", "workshops:wall"):
        html = client.get(reverse(name, args=[workshop.pk])).content.decode()
        assert "?key=" not in html and "&amp;key=" not in html
        assert 'data-screen-key="' in html
    # a key put in the query string is not read: without the header the check is refused
    url = reverse("workshops:screen_sync", args=[workshop.pk, "wall"])
    assert (
        client.get(url, {"since": 0, "key": screen_key(workshop, world.leader)}).status_code == 403
    )
