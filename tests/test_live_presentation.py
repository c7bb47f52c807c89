"""The presentation round: two at a time, one of each kind (seed 000, trin 1), then pink."""

import pytest
from django.urls import reverse

from workshops import live
from workshops.models import Note, Participant

from . import factory
from .live_helpers import go_to, phone_joins, post_note


@pytest.fixture
def workshop(world):
    return factory.live_workshop(world.unit)


def test_next_two_are_one_good_and_one_less_good(workshop):
    karen = Participant.objects.create(workshop=workshop, display_name="Karen")
    for i in range(3):
        factory.yellow_note(karen, f"godt {i}", "good")
    factory.yellow_note(karen, "mindre godt", "change")
    go_to(workshop, "presentation")
    pair = live.reveal_next_pair(workshop.pk, karen.pk)
    assert sorted(n.kind for n in pair) == ["change", "good"]
    workshop.refresh_from_db()
    assert workshop.presenting == karen
    second = live.reveal_next_pair(workshop.pk, karen.pk)
    assert [n.kind for n in second] == ["good"]  # only good ones left


def test_reveal_order_is_kept_for_the_wall(workshop):
    karen = Participant.objects.create(workshop=workshop)
    a = factory.yellow_note(karen, "a", "good")
    b = factory.yellow_note(karen, "b", "good")
    go_to(workshop, "presentation")
    live.reveal_next_pair(workshop.pk, karen.pk)
    live.reveal_next_pair(workshop.pk, karen.pk)
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.reveal_order < b.reveal_order


def test_the_participant_can_show_their_own_two_from_the_phone(workshop):
    phone = phone_joins(workshop)
    go_to(workshop, "reflection")
    post_note(phone, workshop, text="g", kind="good")
    post_note(phone, workshop, text="c", kind="change")
    url = reverse("participant:present", args=[workshop.join_token])
    early = phone.post(url, HTTP_X_REQUESTED_WITH="fetch")
    assert early.status_code == 400 and "ikke tid" in early.json()["error"]
    go_to(workshop, "presentation")
    assert phone.post(url, HTTP_X_REQUESTED_WITH="fetch").status_code == 200
    assert Note.objects.filter(revealed_at__isnull=False).count() == 2


def test_pink_notes_are_revealed_one_or_all(client, world, workshop):
    first = factory.pink_note(workshop, "Pink 1")
    factory.pink_note(workshop, "Pink 2", harassment=True)
    client.force_login(world.leader)
    go_to(workshop, "presentation")
    url = reverse("workshops:tool_action", args=[workshop.pk, "reveal_pink"])
    client.post(url, {"note": first.pk})
    assert Note.objects.filter(revealed_at__isnull=False).count() == 1
    client.post(url)
    assert Note.objects.filter(revealed_at__isnull=False).count() == 2


def test_the_wall_shows_how_many_are_left(client, world, workshop):
    karen = Participant.objects.create(workshop=workshop, display_name="Karen")
    for i in range(5):
        factory.yellow_note(karen, f"n{i}", "good" if i % 2 else "change")
    go_to(workshop, "presentation")
    live.reveal_next_pair(workshop.pk, karen.pk)
    client.force_login(world.leader)
    html = client.get(reverse("workshops:wall", args=[workshop.pk])).content.decode()
    assert "3 post-its tilbage" in html


def test_nothing_left_to_reveal_is_said_plainly(client, world, workshop):
    client.force_login(world.leader)
    go_to(workshop, "presentation")
    url = reverse("workshops:tool_action", args=[workshop.pk, "reveal_pair"])
    response = client.post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "ikke flere post-its" in response.json()["error"]
