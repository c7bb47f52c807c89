"""Hidden until revealed, on every screen and fragment; hostile text is shown as text."""

from html.parser import HTMLParser
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
    """A workshop in its presentation phase, where the wall reads and shows the post-its
    revealed so far: a post-it that leaks before its reveal would be on the wall (in the
    reflection the wall reads none, so a leak there would pass unseen)."""
    return go_to(factory.live_workshop(world.unit), "presentation")


def written(phone, workshop, **fields):
    """A phone writes in the reflection; the room then goes on to the presentation."""
    go_to(workshop, "reflection")
    post_note(phone, workshop, **fields)
    go_to(workshop, "presentation")


def screens(client, world, workshop, phone):
    """Every view that shows post-its: pages and their sync fragments."""
    client.force_login(world.leader)
    facilitator = client.get(reverse("workshops:live", args=[workshop.pk])).content.decode()
    wall = client.get(reverse("workshops:wall", args=[workshop.pk])).content.decode()
    key = unquote(facilitator.split('data-screen-key="')[1].split('"')[0])
    fragments = [
        client.get(
            reverse("workshops:screen_sync", args=[workshop.pk, screen]),
            {"since": -1},
            HTTP_X_SCREEN_KEY=key,
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
    written(karen, workshop, text="Karens hemmelige tanke")
    other_phone = phone_joins(workshop, "Jonas")
    seen = screens(client, world, workshop, other_phone)
    for name, html in seen.items():
        assert "Karens hemmelige tanke" not in html, name
    assert "Karen" in seen["facilitator"]  # the count row, by name (not anonymous)
    own = karen.get(reverse("participant:screen", args=[workshop.join_token])).content.decode()
    assert "Karens hemmelige tanke" in own  # the author sees her own


def test_revealed_notes_appear_on_the_wall_with_who_presented(client, world, workshop):
    karen = phone_joins(workshop, "Karen")
    written(karen, workshop, text="Vi hjælper hinanden", kind="good")
    written(karen, workshop, text="For mange afbrydelser", kind="change")
    participant = Participant.objects.get(workshop=workshop)
    live.reveal_next_pair(workshop.pk, participant.pk)
    seen = screens(client, world, workshop, phone_joins(workshop, "Jonas"))
    assert "Vi hjælper hinanden" in seen["wall"] and "For mange afbrydelser" in seen["wall"]
    assert "Karen" in seen["wall"] and "præsenterer" in seen["wall"]


def test_anonymous_mode_hides_who_wrote_from_everyone(client, world, workshop):
    workshop.anonymous = True
    workshop.save()
    karen = phone_joins(workshop, "Karen Anonym")
    written(karen, workshop, text="Noget godt", kind="good")
    live.reveal_next_pair(workshop.pk)
    seen = screens(client, world, workshop, phone_joins(workshop, "Jonas"))
    assert "Noget godt" in seen["wall"]
    for name, html in seen.items():
        assert "Karen Anonym" not in html, name


def test_hostile_post_it_text_is_escaped_everywhere(client, world, workshop):
    karen = phone_joins(workshop)
    hostile = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']
    written(karen, workshop, text=hostile[0], kind="good")
    written(karen, workshop, text=hostile[1], kind="change")
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


# Right-to-left text stays in its place ------------------------------------------------------

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: reverses everything after it, unless isolated


class Isolation(HTMLParser):
    """For each place `needle` is shown as text: does it lie inside a <bdi> or an element
    with dir="auto" (where a right-to-left character cannot reorder what is around it)?"""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}

    def __init__(self, needle):
        super().__init__()
        self.needle, self.open, self.shown = needle, [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append((tag, tag == "bdi" or dict(attrs).get("dir") == "auto"))

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if self.needle in data:
            self.shown.append(any(isolating for _, isolating in self.open))


def shown_isolated(html, needle) -> list[bool]:
    parser = Isolation(needle)
    parser.feed(html)
    return parser.shown


def test_a_right_to_left_override_in_a_name_or_post_it_does_not_reorder_the_screens(
    client, world, workshop
):
    """Karen's name and post-its carry a right-to-left override (pasted, or on purpose);
    Ali, who has not written, too. Wherever the wall, the console and the phone show them,
    they are isolated, so the rest of the line keeps its order."""
    karen_name, ali_name = f"Karen {RLO}nesnah", f"{RLO}ilA"
    go_to(workshop, "reflection")  # the writing screens first
    karen = phone_joins(workshop, karen_name)
    phone_joins(workshop, ali_name)
    texts = [f"Vi hjælper {RLO}hinanden", f"For mange {RLO}møder"]
    post_note(karen, workshop, text=texts[0], kind="good")
    post_note(karen, workshop, text=texts[1], kind="change")
    factory.pink_note(workshop, text=f"Pink {RLO}tekst", presenter_name=f"Lise {RLO}x")
    writing = screens(client, world, workshop, karen)
    go_to(workshop, "presentation")
    live.reveal_next_pair(workshop.pk, Participant.objects.get(display_name=karen_name).pk)
    presenting = screens(client, world, workshop, karen)

    expected = {
        "wall and console name the writers while they write": (
            writing,
            ["wall", "wall_sync", "facilitator"],
            karen_name,
        ),
        "the console lists who has not written": (
            writing,
            ["facilitator", "facilitator_sync"],
            ali_name,
        ),
        "the presenter on the wall and console": (
            presenting,
            ["wall", "wall_sync", "facilitator", "facilitator_sync"],
            karen_name,
        ),
        "the post-its on the wall": (presenting, ["wall", "wall_sync"], texts[0]),
        "the pink post-it on the console": (presenting, ["facilitator"], f"Pink {RLO}tekst"),
        "who presents the pink one": (presenting, ["facilitator"], f"Lise {RLO}x"),
        "the phone: its name and post-its": (writing, ["phone", "phone_sync"], texts[1]),
        "the phone says who it is": (writing, ["phone"], karen_name),
    }
    for story, (seen, names, needle) in expected.items():
        for name in names:
            shown = shown_isolated(seen[name], needle)
            assert shown and all(shown), (story, name, shown)
