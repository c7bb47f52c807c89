"""Hidden until revealed, on every screen and fragment; hostile text is shown as text."""

from urllib.parse import unquote

import pytest
from django.urls import reverse

from workshops import live
from workshops.live.visibility import FACILITATOR, PARTICIPANT, WALL, Viewer, visible_notes
from workshops.models import Participant

from . import factory
from .live_helpers import go_to, phone_joins, post_note


@pytest.fixture
def workshop(world):
    """A workshop in its writing phase (the reflection), where phones write."""
    return go_to(factory.live_workshop(world.unit), "reflection")


def screens(client, world, workshop, phone):
    """Every view that shows post-its: pages and their sync fragments."""
    client.force_login(world.leader)
    facilitator = client.get(reverse("workshops:live", args=[workshop.pk])).content.decode()
    wall = client.get(reverse("workshops:wall", args=[workshop.pk])).content.decode()
    key = unquote(facilitator.split("?key=")[1].split('"')[0])
    fragments = [
        client.get(
            reverse("workshops:screen_sync", args=[workshop.pk, screen]), {"key": key, "since": -1}
        ).content.decode()
        for screen in ("facilitator", "wall")
    ]
    phone_page = phone.get(
        reverse("participant:screen", args=[workshop.join_token])
    ).content.decode()
    phone_sync = phone.get(
        reverse("participant:sync", args=[workshop.join_token]), {"since": -1}
    ).content.decode()
    return {
        "facilitator": facilitator,
        "wall": wall,
        "facilitator_sync": fragments[0],
        "wall_sync": fragments[1],
        "phone": phone_page,
        "phone_sync": phone_sync,
    }


def test_participant_cannot_see_pink_notes_before_reveal(client, world, workshop):
    factory.pink_note(workshop, text="Hemmelig pink fra trioen")
    phone = phone_joins(workshop)
    seen = screens(client, world, workshop, phone)
    for name in ("wall", "wall_sync", "phone", "phone_sync"):
        assert "Hemmelig pink fra trioen" not in seen[name], name
    go_to(workshop, "presentation")
    live.reveal_pink(workshop.pk)
    seen = screens(client, world, workshop, phone)
    for name in ("wall", "wall_sync", "facilitator"):
        assert "Hemmelig pink fra trioen" in seen[name], name


def test_before_reveal_facilitator_and_wall_see_counts_never_text(client, world, workshop):
    karen = phone_joins(workshop, "Karen")
    post_note(karen, workshop, text="Karens hemmelige tanke")
    other_phone = phone_joins(workshop, "Jonas")
    seen = screens(client, world, workshop, other_phone)
    for name, html in seen.items():
        assert "Karens hemmelige tanke" not in html, name
    assert "Karen" in seen["facilitator"]  # the count row, by name (not anonymous)
    own = karen.get(reverse("participant:screen", args=[workshop.join_token])).content.decode()
    assert "Karens hemmelige tanke" in own  # the author sees her own


def test_revealed_notes_appear_on_the_wall_with_who_presented(client, world, workshop):
    karen = phone_joins(workshop, "Karen")
    post_note(karen, workshop, text="Vi hjælper hinanden", polarity="good")
    post_note(karen, workshop, text="For mange afbrydelser", polarity="change")
    participant = Participant.objects.get(workshop=workshop)
    go_to(workshop, "presentation")
    live.reveal_next_pair(workshop.pk, participant.pk)
    seen = screens(client, world, workshop, phone_joins(workshop, "Jonas"))
    assert "Vi hjælper hinanden" in seen["wall"] and "For mange afbrydelser" in seen["wall"]
    assert "Karen" in seen["wall"] and "præsenterer" in seen["wall"]


def test_anonymous_mode_hides_who_wrote_from_everyone(client, world, workshop):
    workshop.anonymous = True
    workshop.save()
    karen = phone_joins(workshop, "Karen Anonym")
    post_note(karen, workshop, text="Noget godt", polarity="good")
    go_to(workshop, "presentation")
    live.reveal_next_pair(workshop.pk)
    seen = screens(client, world, workshop, phone_joins(workshop, "Jonas"))
    assert "Noget godt" in seen["wall"]
    for name, html in seen.items():
        assert "Karen Anonym" not in html, name


def test_hostile_post_it_text_is_escaped_everywhere(client, world, workshop):
    karen = phone_joins(workshop)
    hostile = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']
    post_note(karen, workshop, text=hostile[0], polarity="good")
    post_note(karen, workshop, text=hostile[1], polarity="change")
    go_to(workshop, "presentation")
    live.reveal_next_pair(workshop.pk, Participant.objects.get(workshop=workshop).pk)
    seen = screens(client, world, workshop, karen)
    for name, html in seen.items():
        assert "<script>alert(1)</script>" not in html, name
        assert "<img src=x onerror" not in html, name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in seen["wall"]


def test_visibility_rules_as_a_table(workshop):
    karen = Participant.objects.create(workshop=workshop, display_name="Karen")
    jonas = Participant.objects.create(workshop=workshop, display_name="Jonas")
    mine = factory.yellow_note(karen, "Karens")
    factory.yellow_note(jonas, "Jonas'")
    pink = factory.pink_note(workshop, "Pink")

    def texts(viewer):
        return set(visible_notes(workshop, viewer).values_list("text", flat=True))

    assert texts(Viewer(WALL)) == set()
    assert texts(Viewer(PARTICIPANT, karen)) == {"Karens"}
    assert texts(Viewer(FACILITATOR)) == {"Pink"}
    go_to(workshop, "presentation")
    live.reveal_pink(workshop.pk, pink.pk)
    live.reveal_next_pair(workshop.pk, karen.pk)
    assert texts(Viewer(WALL)) == {"Pink", "Karens"}
    assert texts(Viewer(PARTICIPANT, jonas)) == {"Pink", "Karens", "Jonas'"}
    assert mine.text in texts(Viewer(FACILITATOR))
