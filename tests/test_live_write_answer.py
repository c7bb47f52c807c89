"""What a phone gets back when it puts up a post-it.

Up to date before, and its post-it the only change since: just the new item and the new
revision (re-rendering all its post-its on every write was most of a write's cost). Anything
else: the whole region, as a check would give it. Either way the next check is a 204."""

import re

import pytest
from django.urls import reverse

from workshops import live
from workshops.models import Participant

from . import factory
from .live_helpers import go_to, phone_joins, post_note


@pytest.fixture
def workshop(world):
    workshop = factory.live_workshop(world.unit)
    go_to(workshop, "reflection")
    return workshop


def phone_rev(workshop, name="Karen"):
    workshop.refresh_from_db()
    return workshop.phone_revision_for(Participant.objects.get(display_name=name))


def without_csrf(html):
    """CSRF tokens are masked anew on every response."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def check(phone, workshop, since):
    return phone.get(reverse("participant:sync", args=[workshop.join_token]), {"since": since})


def test_an_up_to_date_phone_gets_just_its_new_post_it(workshop):
    karen = phone_joins(workshop, "Karen")
    post_note(karen, workshop, text="Første")
    answer = post_note(karen, workshop, text="Anden", rev=phone_rev(workshop)).json()
    assert "regions" not in answer
    assert answer["rev"] == phone_rev(workshop)
    assert "Anden" in answer["own_note"] and "Første" not in answer["own_note"]
    assert f'data-note-id="{answer["note"]["id"]}"' in answer["own_note"]
    assert check(karen, workshop, answer["rev"]).status_code == 204


def test_the_item_is_the_one_the_full_list_shows(workshop):
    karen = phone_joins(workshop, "Karen")
    answer = post_note(karen, workshop, text="Samme markup", rev=phone_rev(workshop)).json()
    page = karen.get(reverse("participant:screen", args=[workshop.join_token])).content.decode()
    assert without_csrf(answer["own_note"]).strip() in without_csrf(page)


def test_a_phone_that_missed_a_change_gets_the_whole_region(workshop):
    karen = phone_joins(workshop, "Karen")
    stale = phone_rev(workshop)
    live.timer(workshop.pk, "add", 5)  # every phone's revision moves on
    answer = post_note(karen, workshop, text="Ny", rev=stale).json()
    assert "own_note" not in answer
    assert f'data-rev="{phone_rev(workshop)}"' in answer["regions"]
    assert "Ny" in answer["regions"]


def test_a_retry_or_a_post_without_revision_gets_the_whole_region(workshop):
    karen = phone_joins(workshop, "Karen")
    first = post_note(karen, workshop, key="6f1c1c9e-3b0a-4a39-9d59-0d3a3f1f0a11")
    assert "regions" in first.json()  # no `rev` sent: the phone's state is unknown
    retry = post_note(
        karen, workshop, key="6f1c1c9e-3b0a-4a39-9d59-0d3a3f1f0a11", rev=phone_rev(workshop)
    )
    assert retry.status_code == 200 and "regions" in retry.json()


def test_someone_elses_post_it_does_not_make_my_answer_a_full_region(workshop):
    """Phones' revisions are their own: Jonas writing does not move Karen's."""
    karen, jonas = phone_joins(workshop, "Karen"), phone_joins(workshop, "Jonas")
    seen = phone_rev(workshop, "Karen")
    post_note(jonas, workshop, text="Jonas'")
    answer = post_note(karen, workshop, text="Karens", rev=seen).json()
    assert "own_note" in answer and "Jonas'" not in answer["own_note"]


def test_a_hostile_post_it_comes_back_as_text(workshop):
    karen = phone_joins(workshop, "Karen")
    hostile = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
    item = post_note(karen, workshop, text=hostile, rev=phone_rev(workshop)).json()["own_note"]
    assert "<script>" not in item and "<img" not in item
    assert "&lt;script&gt;" in item and "&quot;&gt;&lt;img" in item
