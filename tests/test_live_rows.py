"""The live session's hot reads in plain SQL give the same objects the ORM gives.

They replace ORM queries on every phone write and wall update (workshops/sync/rows.py); these
tests hold them to the ORM's answers field by field, on SQLite and on PostgreSQL, and check
that what the templates then read costs no further query."""

import uuid
from datetime import datetime

import pytest

from workshops import live
from workshops.live import visibility
from workshops.models import Note, Participant, Workshop
from workshops.sync import reads as hot_reads

from . import factory
from .live_helpers import go_to


def same_fields(ours, orms):
    assert type(ours) is type(orms)
    for field in type(orms)._meta.concrete_fields:
        mine, theirs = getattr(ours, field.attname), getattr(orms, field.attname)
        assert mine == theirs, field.name
        assert type(mine) is type(theirs), field.name


@pytest.fixture
def room(world):
    """A workshop in the presentation phase: two phones, post-its, some revealed."""
    workshop = factory.live_workshop(world.unit, title="Trivselsdialog i Hjemmeplejen")
    karen = live.join(workshop, display_name="Karen")
    ali = live.join(workshop, display_name="Ali")
    factory.yellow_note(karen, text="Vi hjælper hinanden", factor="social_stoette")
    factory.yellow_note(karen, text="For mange afbrydelser", kind="change")
    factory.yellow_note(karen, text="Slettet", deleted=True)
    factory.yellow_note(karen, text="Gode morgenmøder")
    factory.yellow_note(ali, text="Alis egen")
    factory.pink_note(workshop, text="Krav og balance er lav")
    go_to(workshop, "presentation")
    live.reveal_next_pair(workshop.pk, karen.pk)
    live.reveal_pink(workshop.pk)
    Workshop.objects.filter(pk=workshop.pk).update(presenting=karen)
    return {"workshop": workshop, "karen": karen, "ali": ali}


def test_a_phone_finds_its_participant_workshop_and_phase(room, django_assert_num_queries):
    workshop, karen = room["workshop"], room["karen"]
    with django_assert_num_queries(1):
        found = hot_reads.phone_participant(workshop.join_token, ["unknown", karen.token])
        phase = found.workshop.current_phase
    same_fields(found, Participant.objects.get(pk=karen.pk))
    same_fields(found.workshop, Workshop.objects.get(pk=workshop.pk))
    same_fields(phase, Workshop.objects.get(pk=workshop.pk).current_phase)
    assert isinstance(found.joined_at, datetime) and found.joined_at.tzinfo is not None


def test_a_phone_token_works_only_in_its_own_workshop(room, world):
    other = factory.live_workshop(world.other_unit)
    stranger = live.join(other, display_name="Fremmed")
    karen = room["karen"]
    assert hot_reads.phone_participant(room["workshop"].join_token, [stranger.token]) is None
    assert hot_reads.phone_participant(other.join_token, [karen.token]) is None
    assert hot_reads.phone_participant("no-such-workshop", [karen.token]) is None
    assert hot_reads.phone_participant(room["workshop"].join_token, []) is None


def test_a_workshop_without_a_phase_has_none(world):
    workshop = factory.live_workshop(world.unit)
    phone = live.join(workshop)
    found = hot_reads.phone_participant(workshop.join_token, [phone.token])
    assert found.workshop.current_phase is None
    wall = hot_reads.wall_workshop(workshop.pk)
    assert wall.current_phase is None and wall.presenting is None


def test_the_wall_reads_its_workshop_in_one_query(room, django_assert_num_queries):
    workshop = room["workshop"]
    orm = Workshop.objects.select_related("unit", "current_phase", "presenting").get(pk=workshop.pk)
    with django_assert_num_queries(1):
        found = hot_reads.wall_workshop(workshop.pk)
        related = (found.unit, found.current_phase, found.presenting)
    same_fields(found, orm)
    for ours, theirs in zip(related, (orm.unit, orm.current_phase, orm.presenting), strict=True):
        same_fields(ours, theirs)
    assert found.phase_total == workshop.phases.count() > 0
    assert found.pink_left == visibility.pink_left(workshop)
    assert hot_reads.wall_workshop(workshop.pk + 1000) is None


def test_own_notes_are_what_the_phone_may_see_of_its_own(room, django_assert_num_queries):
    workshop, karen = room["workshop"], room["karen"]
    karen = hot_reads.phone_participant(workshop.join_token, [karen.token])
    orm = list(
        visibility.visible_notes(workshop, visibility.Viewer(visibility.PARTICIPANT, karen))
        .filter(participant=karen)
        .order_by("created_at", "pk")
    )
    with django_assert_num_queries(1):
        mine = hot_reads.own_notes(karen)
        authors = [note.participant for note in mine]
    assert [n.text for n in mine] == [
        "Vi hjælper hinanden",
        "For mange afbrydelser",
        "Gode morgenmøder",
    ]
    for ours, theirs in zip(mine, orm, strict=True):
        same_fields(ours, theirs)
    assert all(author is karen for author in authors)
    assert isinstance(mine[0].client_key, uuid.UUID)
    assert any(note.is_revealed for note in mine) and not all(n.is_revealed for n in mine)


def test_revealed_notes_are_what_the_wall_may_see(room, django_assert_num_queries):
    workshop = room["workshop"]
    orm = list(
        visibility.visible_notes(workshop, visibility.Viewer(visibility.WALL)).order_by(
            "reveal_order", "pk"
        )
    )
    with django_assert_num_queries(1):
        shown = hot_reads.revealed_notes(workshop)
        authors = [note.participant for note in shown]
    assert len(shown) == 3  # Karen's pair and the trio's pink one
    for ours, theirs in zip(shown, orm, strict=True):
        same_fields(ours, theirs)
    assert [a.display_name if a else None for a in authors].count("Karen") == 2
    assert [n.colour for n in shown].count(Note.Colour.PINK) == 1
    assert "Alis egen" not in {n.text for n in shown}


def test_the_trios_pink_post_its_left_are_counted_until_shown(world):
    workshop = factory.live_workshop(world.unit)
    factory.pink_note(workshop, text="Én")
    factory.pink_note(workshop, text="To")
    factory.pink_note(workshop, text="Slettet", deleted=True)
    assert hot_reads.wall_workshop(workshop.pk).pink_left == 2
    go_to(workshop, "presentation")
    live.reveal_pink(workshop.pk)
    assert hot_reads.wall_workshop(workshop.pk).pink_left == 0 == visibility.pink_left(workshop)


def test_a_changed_wall_and_a_changed_phone_cost_few_queries(
    client, room, world, django_assert_num_queries
):
    """Structure, not time: the wall's update is its one read, the key's user and their
    roles (the key dies with the access), revealed post-its and counts; a phone's is its one
    read plus its own post-its."""
    from django.urls import reverse

    from workshops.permissions import screen_key

    workshop = room["workshop"]
    key = screen_key(workshop, world.leader)
    with django_assert_num_queries(5):
        wall = client.get(
            reverse("workshops:screen_sync", args=[workshop.pk, "wall"]),
            {"since": 0},
            HTTP_X_SCREEN_KEY=key,
        )
    assert wall.status_code == 200 and "Krav og balance er lav" in wall.content.decode()
    client.cookies[f"tp{workshop.pk}"] = room["karen"].token
    with django_assert_num_queries(2):
        phone = client.get(reverse("participant:sync", args=[workshop.join_token]), {"since": 0})
    assert phone.status_code == 200 and "Vi hjælper hinanden" in phone.content.decode()


def test_the_facilitator_reads_the_trios_pink_post_its_as_the_orm_would(room, world):
    workshop = room["workshop"]
    factory.pink_note(workshop, text="Endnu ikke vist")
    factory.pink_note(workshop, text="Slettet pink", deleted=True)
    orm = list(
        visibility.visible_notes(workshop, visibility.Viewer(visibility.FACILITATOR))
        .filter(colour=Note.Colour.PINK)
        .order_by("created_at", "pk")
    )
    ours = hot_reads.pink_notes(workshop)
    assert [n.text for n in ours] == ["Krav og balance er lav", "Endnu ikke vist"]
    for mine, theirs in zip(ours, orm, strict=True):
        same_fields(mine, theirs)


# The counts the wall and the console show -------------------------------------------------


COUNT_FIELDS = ("pk", "number", "display_name", "written", "left")


@pytest.fixture
def counted_room(world):
    """Post-its of every kind the counts must tell apart: yellow of both kinds, shown
    and not, deleted (one of them after it was shown), the trio's pink ones shown, not
    shown and deleted; a participant without a name, one who wrote nothing, and another
    workshop's post-its that must not count here."""
    workshop = factory.live_workshop(world.unit)
    karen = live.join(workshop, display_name="Karen")
    nameless = live.join(workshop)
    live.join(workshop, display_name="Tavs")
    ali = live.join(workshop, display_name="Ali")
    factory.yellow_note(karen, "K godt", "good")
    factory.yellow_note(karen, "K godt 2", "good")
    factory.yellow_note(karen, "K mindre", "change")
    factory.yellow_note(karen, "K slettet", "change", deleted=True)
    factory.yellow_note(nameless, "N mindre", "change")
    factory.yellow_note(nameless, "N slettet godt", "good", deleted=True)
    factory.yellow_note(ali, "A godt", "good")
    factory.yellow_note(ali, "A mindre", "change")
    for text, kind in (("Pink 1", "change"), ("Pink 2", "good"), ("Pink 3", "change")):
        factory.pink_note(workshop, text, kind=kind)
    factory.pink_note(workshop, "Pink slettet", deleted=True)
    go_to(workshop, "presentation")
    live.reveal_next_pair(workshop.pk, karen.pk)  # one good, one less good of Karen's
    live.reveal_next_pair(workshop.pk, ali.pk)
    live.reveal_pink(workshop.pk, Note.objects.get(text="Pink 1").pk)
    # shown, then deleted (as an import or the admin could leave it): counted nowhere
    Note.objects.filter(text="A godt").update(deleted=True)
    other = factory.live_workshop(world.other_unit)
    stranger = live.join(other, display_name="Fremmed")
    factory.yellow_note(stranger, "Fremmed godt", "good")
    factory.pink_note(other, "Fremmed pink")
    return workshop


def test_the_counts_in_plain_sql_are_the_orms_field_by_field(
    counted_room, django_assert_num_queries
):
    workshop = counted_room
    with django_assert_num_queries(1):
        ours = hot_reads.participant_counts(workshop)
    with django_assert_num_queries(1):
        orms = list(visibility.participant_counts(workshop))
    assert len(ours) == len(orms) == 4
    for mine, theirs in zip(ours, orms, strict=True):
        for name in COUNT_FIELDS:
            assert getattr(mine, name) == getattr(theirs, name), (theirs, name)
            assert type(getattr(mine, name)) is type(getattr(theirs, name)), (theirs, name)
        assert str(mine) == str(theirs)
    table = {str(c): (c.written, c.left_of("good"), c.left_of("change")) for c in ours}
    assert table == {
        "Karen": (3, 1, 0),
        "Deltager 2": (1, 0, 1),
        "Tavs": (0, 0, 0),
        "Ali": (1, 0, 0),
    }


def test_the_pink_left_in_plain_sql_is_the_orms(counted_room, django_assert_num_queries):
    workshop = counted_room
    with django_assert_num_queries(1):
        ours = hot_reads.pink_left(workshop)
    with django_assert_num_queries(1):
        orms = visibility.pink_left(workshop)
    assert ours == orms == 2
    assert type(ours) is type(orms) is int
    live.reveal_pink(workshop.pk)
    assert hot_reads.pink_left(workshop) == visibility.pink_left(workshop) == 0


def test_a_room_without_post_its_counts_zero_in_both(world):
    workshop = factory.live_workshop(world.unit)
    live.join(workshop, display_name="Karen")
    ours, orms = (
        hot_reads.participant_counts(workshop),
        list(visibility.participant_counts(workshop)),
    )
    assert [tuple(getattr(c, f) for f in COUNT_FIELDS) for c in ours] == [
        tuple(getattr(c, f) for f in COUNT_FIELDS) for c in orms
    ]
    assert (ours[0].written, ours[0].left) == (0, (("good", 0), ("change", 0)))
    assert hot_reads.pink_left(workshop) == visibility.pink_left(workshop) == 0
