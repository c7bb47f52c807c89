"""The limit holds under concurrency: marks sent at the same moment by one ballot never
exceed N, and the same mark sent twice at once counts once. Real threads, each with its own
database connection and transaction, on SQLite and on PostgreSQL (DATABASE_URL)."""

import threading
import time
import uuid

import pytest
from django.db import OperationalError, connection

from workshops.live import vote as votes
from workshops.live.actions import LiveError
from workshops.models import Participant, VoteMark

from .vote_helpers import vote_room

pytestmark = pytest.mark.django_db(transaction=True)


def waiting(call):
    """The call, waiting while another writer holds SQLite. A database file waits by itself
    (the busy timeout, trivsel/settings.py); the suite's shared in-memory database answers
    "table is locked" at once instead, so the test waits as the file would."""
    deadline = time.monotonic() + 20
    while True:
        try:
            return call()
        except OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def at_once(calls):
    """Run the calls in threads released together; their results (or refusals)."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = waiting(call)
        except LiveError as refusal:
            results[i] = refusal
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def fresh(participant):
    return Participant.objects.select_related("workshop").get(pk=participant.pk)


@pytest.fixture
def room(world):
    return vote_room(world.unit, titles=[f"Tema {i}" for i in range(1, 9)])


def test_marks_sent_at_once_never_exceed_the_limit(room):
    vote = votes.open_new_vote(room.workshop.pk, [t.pk for t in room.themes])
    votes.add_mark(fresh(room.karen), room.themes[0].pk, uuid.uuid4())  # one slot left
    results = at_once(
        [
            lambda theme=theme: votes.add_mark(fresh(room.karen), theme.pk, uuid.uuid4())
            for theme in room.themes[1:7]
        ]
    )
    made = [r for r in results if isinstance(r, tuple)]
    refused = [r for r in results if isinstance(r, LiveError)]
    assert len(made) == 1 and len(refused) == 5, results
    assert all("brugt dine 2 streger" in str(r) for r in refused)
    ballot = votes.ballot_key(vote.pk, room.karen.pk)
    assert VoteMark.objects.filter(vote=vote, ballot=ballot).count() == 2


def test_every_ballot_gets_its_own_marks_when_the_room_votes_at_once(room):
    vote = votes.open_new_vote(room.workshop.pk, [t.pk for t in room.themes])
    people = [room.karen, room.ali, room.bent]
    results = at_once(
        [
            lambda person=person, theme=theme: votes.add_mark(fresh(person), theme.pk, uuid.uuid4())
            for person in people
            for theme in room.themes[:4]
        ]
    )
    assert sum(isinstance(r, tuple) for r in results) == 6, results
    for person in people:
        ballot = votes.ballot_key(vote.pk, person.pk)
        assert VoteMark.objects.filter(vote=vote, ballot=ballot).count() == 2


def test_the_same_mark_sent_twice_at_once_counts_once(room):
    vote = votes.open_new_vote(room.workshop.pk, [t.pk for t in room.themes])
    key = uuid.uuid4()
    results = at_once(
        [lambda: votes.add_mark(fresh(room.karen), room.themes[0].pk, key) for _ in range(4)]
    )
    assert all(isinstance(r, tuple) for r in results), results
    assert len({mark.pk for mark, _created in results}) == 1
    assert sum(created for _mark, created in results) == 1
    assert VoteMark.objects.filter(vote=vote).count() == 1


def test_one_theme_twice_at_once_takes_one_mark_when_only_one_is_allowed(room):
    vote = votes.open_new_vote(room.workshop.pk, [t.pk for t in room.themes])
    results = at_once(
        [
            lambda: votes.add_mark(fresh(room.karen), room.themes[0].pk, uuid.uuid4())
            for _ in range(4)
        ]
    )
    assert sum(isinstance(r, tuple) for r in results) == 1, results
    assert VoteMark.objects.filter(vote=vote).count() == 1
