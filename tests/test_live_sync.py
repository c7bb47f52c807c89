"""The "anything new?" check: the hot path of the product."""

from urllib.parse import unquote

import pytest
from django.urls import reverse

from workshops import live
from workshops.models import Participant
from workshops.permissions import screen_key

from . import factory
from .live_helpers import go_to, phone_joins, post_note


def phone_rev(workshop, participant=None):
    """The revision a phone shows (see Workshop.phone_revision_for)."""
    workshop.refresh_from_db()
    participant = participant or Participant.objects.filter(workshop=workshop).last()
    return workshop.phone_revision_for(participant)


@pytest.fixture
def workshop(world):
    return factory.live_workshop(world.unit)


def test_phone_check_is_one_query_and_no_content_when_nothing_changed(
    workshop, django_assert_num_queries
):
    phone = phone_joins(workshop)
    url = reverse("participant:sync", args=[workshop.join_token])
    since = phone_rev(workshop)
    with django_assert_num_queries(1):
        response = phone.get(url, {"since": since})
    assert response.status_code == 204 and response.content == b""


def test_screen_check_is_one_query_without_session_or_user_lookup(
    client, world, workshop, django_assert_num_queries
):
    key = screen_key(workshop, world.leader)
    url = reverse("workshops:screen_sync", args=[workshop.pk, "wall"])
    with django_assert_num_queries(1):
        response = client.get(url, {"since": workshop.revision}, HTTP_X_SCREEN_KEY=key)
    assert response.status_code == 204


def test_a_change_returns_the_regions_with_the_new_revision(workshop):
    phone = phone_joins(workshop)
    seen = phone_rev(workshop)
    go_to(workshop, "reflection")
    response = phone.get(reverse("participant:sync", args=[workshop.join_token]), {"since": seen})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-rev="{phone_rev(workshop)}"' in html
    assert 'data-task="write"' in html  # the phone learns the new phase on the same check


def test_a_screen_that_was_away_catches_up_completely(client, world, workshop):
    """After a reconnect the screen asks with its old revision and gets the full state."""
    client.force_login(world.leader)
    key = screen_key(workshop, world.leader)
    stale = workshop.revision
    phone = phone_joins(workshop, "Karen")
    go_to(workshop, "reflection")
    post_note(phone, workshop, text="A", kind="good")
    post_note(phone, workshop, text="B", kind="change")
    go_to(workshop, "presentation")
    live.reveal_next_pair(workshop.pk)
    html = client.get(
        reverse("workshops:screen_sync", args=[workshop.pk, "wall"]),
        {"since": stale},
        HTTP_X_SCREEN_KEY=key,
    ).content.decode()
    assert ">A<" in html and ">B<" in html and "Karen" in html


def test_a_forged_or_foreign_screen_key_is_refused(client, world, workshop):
    other = factory.live_workshop(world.unit)
    url = reverse("workshops:screen_sync", args=[workshop.pk, "wall"])
    assert client.get(url, {"since": 0}, HTTP_X_SCREEN_KEY="forged").status_code == 403
    foreign = screen_key(other, world.leader)
    assert client.get(url, {"since": 0}, HTTP_X_SCREEN_KEY=foreign).status_code == 403


def test_a_valid_key_without_the_right_to_facilitate_gets_no_board(client, world, workshop):
    key = screen_key(workshop, world.leader)
    client.force_login(world.other_leader)
    url = reverse("workshops:screen_sync", args=[workshop.pk, "facilitator"])
    assert client.get(url, {"since": -1}, HTTP_X_SCREEN_KEY=key).status_code == 404


def test_the_page_embeds_the_key_and_revision_it_shows(client, world, workshop):
    client.force_login(world.leader)
    html = client.get(reverse("workshops:live", args=[workshop.pk])).content.decode()
    key = unquote(html.split('data-screen-key="')[1].split('"')[0])
    assert f'data-rev="{workshop.revision}"' in html
    url = reverse("workshops:screen_sync", args=[workshop.pk, "facilitator"])
    assert client.get(url, {"since": workshop.revision}, HTTP_X_SCREEN_KEY=key).status_code == 204


def test_the_qr_code_is_a_standalone_svg_with_the_join_link(client, world, workshop):
    client.force_login(world.leader)
    response = client.get(reverse("workshops:qr", args=[workshop.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    assert b'xmlns="http://www.w3.org/2000/svg"' in response.content


def test_someone_elses_post_it_does_not_redraw_my_phone_but_does_redraw_the_wall(world, workshop):
    """Phones show their own post-its and the phase only, so 14 phones writing do not make
    every phone re-render every second; the wall and facilitator see every change."""
    go_to(workshop, "reflection")
    karen, jonas = phone_joins(workshop, "Karen"), phone_joins(workshop, "Jonas")
    karen_participant = Participant.objects.get(display_name="Karen")
    karens_rev = phone_rev(workshop, karen_participant)
    wall_rev = workshop.revision
    post_note(jonas, workshop)
    sync = reverse("participant:sync", args=[workshop.join_token])
    assert karen.get(sync, {"since": karens_rev}).status_code == 204
    workshop.refresh_from_db()
    assert workshop.revision > wall_rev
    post_note(karen, workshop, text="Min egen")
    mine = karen.get(sync, {"since": karens_rev})
    assert mine.status_code == 200 and "Min egen" in mine.content.decode()


def test_a_reveal_of_my_post_it_redraws_my_phone(workshop):
    karen = phone_joins(workshop, "Karen")
    go_to(workshop, "reflection")
    post_note(karen, workshop)
    participant = Participant.objects.get()
    go_to(workshop, "presentation")
    before = phone_rev(workshop, participant)
    live.reveal_next_pair(workshop.pk, participant.pk)
    response = karen.get(reverse("participant:sync", args=[workshop.join_token]), {"since": before})
    assert "vist på væggen" in response.content.decode()


def test_the_timer_redraws_every_phone(workshop):
    karen = phone_joins(workshop, "Karen")
    go_to(workshop, "reflection")
    before = phone_rev(workshop)
    live.timer(workshop.pk, "add", 5)
    sync = reverse("participant:sync", args=[workshop.join_token])
    assert karen.get(sync, {"since": before}).status_code == 200


def test_the_wall_updates_with_its_key_alone_but_the_facilitator_board_needs_the_login(
    client, world, workshop
):
    """The wall shows only what the room sees; the facilitator's board (pink post-its before
    reveal, names) is checked against the logged-in user on every change."""
    factory.pink_note(workshop, "Pink før afsløring")
    key = screen_key(workshop, world.leader)
    wall = client.get(
        reverse("workshops:screen_sync", args=[workshop.pk, "wall"]),
        {"since": -1},
        HTTP_X_SCREEN_KEY=key,
    )
    assert wall.status_code == 200 and "Pink før afsløring" not in wall.content.decode()
    facilitator = client.get(
        reverse("workshops:screen_sync", args=[workshop.pk, "facilitator"]),
        {"since": -1},
        HTTP_X_SCREEN_KEY=key,
    )
    assert facilitator.status_code == 404


def test_a_logged_in_wall_checks_without_session_or_user_queries(
    client, world, workshop, django_assert_num_queries
):
    client.force_login(world.leader)
    key = screen_key(workshop, world.leader)
    url = reverse("workshops:screen_sync", args=[workshop.pk, "wall"])
    with django_assert_num_queries(1):
        assert (
            client.get(url, {"since": workshop.revision}, HTTP_X_SCREEN_KEY=key).status_code == 204
        )
