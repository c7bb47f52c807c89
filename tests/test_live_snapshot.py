"""The fast path's snapshot of live revisions: checks answered from memory, never wrongly.

A screen at or past the snapshot gets its 204 without a query; a screen behind it goes on to
Django and gets the change; a screen the snapshot does not know gets the exact check. A change
made after the snapshot was read shows once the snapshot is older than its maximum age."""

from urllib.parse import urlencode

import pytest

from workshops import live
from workshops.models import Participant, Workshop
from workshops.permissions import screen_key

from . import factory
from .live_helpers import go_to, phone_joins
from .test_live_fastpath import call


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(exact_live_checks):
    clock = Clock()
    exact_live_checks.max_age, exact_live_checks.clock = 0.25, clock
    yield clock
    exact_live_checks.clock = __import__("time").monotonic


@pytest.fixture
def workshop(world):
    workshop = factory.live_workshop(world.unit)
    phone_joins(workshop, "Karen")
    go_to(workshop, "reflection")  # live from the first phase on
    return workshop


def karen(workshop):
    workshop.refresh_from_db()
    participant = Participant.objects.get(workshop=workshop, display_name="Karen")
    return f"tp{workshop.pk}={participant.token}", workshop.phone_revision_for(participant)


def phone_check(workshop, cookie, since):
    return call(f"/d/{workshop.join_token}/sync/", f"since={since}", cookie)[0]


def wall_check(world, workshop, since):
    key = screen_key(workshop, world.leader)
    query = urlencode({"since": since})
    return call(f"/workshops/{workshop.pk}/live/sync/wall/", query, key=key)[0]


def test_up_to_date_checks_need_no_query_while_the_snapshot_is_fresh(
    world, workshop, clock, django_assert_num_queries
):
    cookie, rev = karen(workshop)
    assert phone_check(workshop, cookie, rev) == 204  # reads the snapshot
    with django_assert_num_queries(0):
        for _ in range(3):
            assert phone_check(workshop, cookie, rev) == 204
            assert wall_check(world, workshop, workshop.revision) == 204


def test_a_screen_behind_the_snapshot_gets_the_change_from_django(world, workshop, clock):
    cookie, before = karen(workshop)
    wall_before = workshop.revision
    live.timer(workshop.pk, "add", 5)  # every phone and the wall move on
    assert phone_check(workshop, cookie, before) == 200
    assert wall_check(world, workshop, wall_before) == 200


def test_a_change_after_the_snapshot_shows_once_it_is_older_than_its_maximum_age(
    world, workshop, clock
):
    cookie, rev = karen(workshop)
    assert phone_check(workshop, cookie, rev) == 204
    live.timer(workshop.pk, "add", 5)
    clock.now += 0.2
    assert phone_check(workshop, cookie, rev) == 204  # not yet: the snapshot is 0.2 s old
    clock.now += 0.06
    assert phone_check(workshop, cookie, rev) == 200  # read anew: the phone is behind


def test_a_phone_ahead_of_the_snapshot_by_its_own_post_it_gets_204(workshop, clock):
    cookie, rev = karen(workshop)
    assert phone_check(workshop, cookie, rev) == 204
    participant = Participant.objects.get(display_name="Karen")
    live.add_note(participant, client_key=__import__("uuid").uuid4(), kind="good", text="Ny")
    _, newer = karen(workshop)  # what the write's answer told the phone
    assert newer != rev
    assert phone_check(workshop, cookie, newer) == 204


def test_a_token_is_only_good_for_its_own_workshop(world, workshop, clock):
    other = factory.live_workshop(world.other_unit)
    stranger = live.join(other, display_name="Fremmed")
    go_to(other, "reflection")
    cookie = f"tp{other.pk}={stranger.token}"
    other.refresh_from_db()
    assert phone_check(other, cookie, other.phone_revision_for(stranger)) == 204
    assert phone_check(workshop, cookie, "999.999") == 403  # not Karen's workshop: refused


def test_a_workshop_that_is_not_live_gets_the_exact_check(world, clock, django_assert_num_queries):
    planned = factory.live_workshop(world.unit)
    phone_joins(planned, "Karen")
    assert planned.status == Workshop.Status.PLANNED
    cookie, rev = karen(planned)
    phone_check(planned, cookie, rev)  # the snapshot is read, without this workshop
    with django_assert_num_queries(1):
        assert phone_check(planned, cookie, rev) == 204


def test_nonsense_revisions_are_handed_on(workshop, clock):
    cookie, _ = karen(workshop)
    for since in ("abc", "1", "1.2.3", ""):
        assert phone_check(workshop, cookie, since) == 200


def test_turned_off_every_check_reads_the_database(
    workshop, exact_live_checks, django_assert_num_queries
):
    cookie, rev = karen(workshop)
    assert exact_live_checks.max_age == 0
    for _ in range(2):
        with django_assert_num_queries(1):
            assert phone_check(workshop, cookie, rev) == 204
