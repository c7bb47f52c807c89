"""The vote's rules (issue 10, item 4): N marks each, held by the database; a retried mark
counts once; settings fixed while a vote is open; the close and the result undoable; the
top K on to the arrow, the rest to the P-plads, ties the facilitator's to settle."""

import uuid

import pytest

from workshops import live
from workshops.live import board
from workshops.live import vote as votes
from workshops.live.actions import LiveError
from workshops.models import Note, Theme, Vote, VoteMark, Workshop

from .vote_helpers import vote_room


@pytest.fixture
def room(world):
    return vote_room(world.unit)


def opened(room, themes=None, **settings):
    if settings:
        votes.update_settings(
            room.workshop.pk,
            marks=settings.get("marks", 2),
            several_on_one=settings.get("several_on_one", False),
            live_tally=settings.get("live_tally", False),
        )
    return votes.open_new_vote(room.workshop.pk, [t.pk for t in themes or room.themes])


def mark(participant, theme, key=None):
    return votes.add_mark(participant, theme.pk, key or uuid.uuid4())


def test_a_participant_has_two_marks_by_default_and_is_told_when_they_are_used(room):
    vote = opened(room)
    assert vote.marks_per_person == 2 and not vote.several_on_one and not vote.live_tally
    a, b, c = room.themes[:3]
    assert mark(room.karen, a)[0].slot == 1
    assert mark(room.karen, b)[0].slot == 2
    with pytest.raises(LiveError) as refused:
        mark(room.karen, c)
    assert str(refused.value) == (
        "Du har brugt dine 2 streger – flyt en, hvis du vil stemme på noget andet."
    )
    assert VoteMark.objects.filter(vote=vote).count() == 2


def test_a_retried_mark_counts_once(room):
    opened(room)
    key = uuid.uuid4()
    first, created = mark(room.karen, room.themes[0], key)
    again, created_again = mark(room.karen, room.themes[0], key)
    assert created and not created_again and again.pk == first.pk
    # the retry is answered with the first mark even when the ballot is full by now
    mark(room.karen, room.themes[1])
    assert mark(room.karen, room.themes[0], key)[0].pk == first.pk
    assert VoteMark.objects.count() == 2


def test_a_client_key_answers_only_its_own_ballot(room):
    opened(room)
    key = uuid.uuid4()
    karens, _ = mark(room.karen, room.themes[0], key)
    alis, created = mark(room.ali, room.themes[1], key)
    assert created and alis.pk != karens.pk and alis.ballot != karens.ballot


def test_one_mark_per_theme_unless_the_facilitator_allows_more(room):
    opened(room)
    mark(room.karen, room.themes[0])
    with pytest.raises(LiveError, match="allerede en streg på »Arbejdsro«"):
        mark(room.karen, room.themes[0])
    votes.close_vote(room.workshop.pk)
    Vote.objects.update(applied_at=None)
    opened(room, several_on_one=True, marks=3)
    for _ in range(3):
        mark(room.karen, room.themes[0])
    with pytest.raises(LiveError, match="brugt dine 3 streger"):
        mark(room.karen, room.themes[0])


def test_a_mark_is_moved_by_taking_it_back_and_setting_it_again(room):
    opened(room)
    first, _ = mark(room.karen, room.themes[0])
    mark(room.karen, room.themes[1])
    assert votes.remove_mark(room.karen, first.slot)
    assert not votes.remove_mark(room.karen, first.slot)  # a retry changes nothing
    moved, _ = mark(room.karen, room.themes[2])
    assert moved.slot == first.slot
    vote = votes.current_vote(room.workshop)
    assert votes.own_marks(vote, room.karen) == {1: room.themes[2].pk, 2: room.themes[1].pk}


def test_a_mark_carries_a_ballot_key_never_the_participant(room, settings):
    vote = opened(room)
    made, _ = mark(room.karen, room.themes[0])
    fields = {f.name for f in VoteMark._meta.get_fields()}
    assert not fields & {"participant", "participant_id", "author", "user"}
    assert room.karen.token not in made.ballot
    assert made.ballot == votes.ballot_key(vote.pk, room.karen.pk)
    assert len(made.ballot) == 64
    # another vote, another key: ballots cannot be followed from vote to vote
    assert votes.ballot_key(vote.pk + 1, room.karen.pk) != made.ballot
    settings.SECRET_KEY = "another secret" * 4
    assert votes.ballot_key(vote.pk, room.karen.pk) != made.ballot


def test_marks_are_refused_when_no_vote_is_open_or_the_workshop_is_closed(room):
    with pytest.raises(LiveError, match="ingen åben afstemning"):
        mark(room.karen, room.themes[0])
    opened(room)
    live.set_status(room.workshop.pk, Workshop.Status.CLOSED)
    room.karen.workshop.refresh_from_db()
    with pytest.raises(LiveError, match="afsluttet"):
        mark(room.karen, room.themes[0])


def test_a_theme_not_on_the_ballot_takes_no_mark(room):
    opened(room, themes=room.themes[:2])
    with pytest.raises(LiveError, match="ikke med i afstemningen"):
        mark(room.karen, room.themes[4])


def test_settings_are_refused_while_a_vote_is_open_and_copied_into_the_vote(room):
    votes.update_settings(room.workshop.pk, marks=3, several_on_one=True, live_tally=True)
    vote = opened(room)
    assert (vote.marks_per_person, vote.several_on_one, vote.live_tally) == (3, True, True)
    with pytest.raises(LiveError, match="kan ikke ændres, mens afstemningen er åben"):
        votes.update_settings(room.workshop.pk, marks=1, several_on_one=False, live_tally=False)
    workshop = Workshop.objects.get(pk=room.workshop.pk)
    assert workshop.vote_marks == 3
    votes.close_vote(room.workshop.pk)
    votes.update_settings(room.workshop.pk, marks=1, several_on_one=False, live_tally=False)
    assert Vote.objects.get(pk=vote.pk).marks_per_person == 3  # the closed vote keeps its own


def test_only_one_vote_is_open_at_a_time(room):
    opened(room)
    with pytest.raises(LiveError, match="allerede en åben afstemning"):
        opened(room)


def cast(room, karen, ali, bent):
    """Each voter's marks, by the themes' places on the ballot."""
    for voter, places in ((room.karen, karen), (room.ali, ali), (room.bent, bent)):
        for place in places:
            mark(voter, room.themes[place])


TIE = ([0, 1], [0, 2], [0, 3])  # Arbejdsro 3, then Møder, Kaffe, Vagtplan tied at 1
CLEAR = ([0, 1], [0, 1], [0, 2])  # Arbejdsro 3, Møder 2, Kaffe 1


def test_the_result_ranks_and_finds_the_tie_at_the_boundary(room):
    vote = opened(room)
    cast(room, *TIE)
    votes.close_vote(room.workshop.pk)
    vote.refresh_from_db()
    result = votes.result(room.workshop, vote)
    assert result.top == 3 and result.top_options == [3, 4, 5]
    assert [t.title for t in result.sure] == ["Arbejdsro"]
    assert [t.title for t in result.tied] == ["Møder", "Kaffe", "Vagtplan"]
    assert result.open_places == 2
    # at K = 4 the tie is settled by the count itself
    sure, tied, places = votes.boundary(result.themes, 4)
    assert len(sure) == 4 and tied == [] and places == 0


def test_the_result_goes_on_to_the_arrow_and_the_rest_to_the_parking_lot_in_one_undo(room):
    vote = opened(room)
    cast(room, *CLEAR)
    label = votes.close_vote(room.workshop.pk)
    assert label == "Afstemningen er lukket."
    a, b, c, d, e = room.themes
    with pytest.raises(LiveError, match="Vælg 3 temaer"):
        votes.apply_result(room.workshop.pk, 3, {a.pk, b.pk})
    with pytest.raises(LiveError, match="»Kaffe« har flere streger end »Vagtplan«"):
        votes.apply_result(room.workshop.pk, 3, {a.pk, b.pk, d.pk})
    with pytest.raises(LiveError, match="mellem 3 og 5"):
        votes.apply_result(room.workshop.pk, 2, {a.pk, b.pk})
    votes.apply_result(room.workshop.pk, 3, {a.pk, b.pk, c.pk})
    themes = {t.title: t for t in Theme.objects.all()}
    assert [t for t in themes if themes[t].chosen] == ["Arbejdsro", "Møder", "Kaffe"]
    assert themes["Vagtplan"].column == themes["Introduktion"].column == "parking"
    assert themes["Arbejdsro"].column == "change"
    assert Vote.objects.get(pk=vote.pk).applied_at is not None
    with pytest.raises(LiveError, match="allerede sendt videre"):
        votes.apply_result(room.workshop.pk, 3, {a.pk, b.pk, c.pk})

    board.undo_last(room.workshop.pk)  # one undo takes the whole result back
    assert not Theme.objects.filter(chosen=True).exists()
    assert set(Theme.objects.values_list("column", flat=True)) == {"change"}
    assert Vote.objects.get(pk=vote.pk).applied_at is None
    assert Vote.objects.get(pk=vote.pk).status == Vote.Status.CLOSED

    board.undo_last(room.workshop.pk)  # and the next reopens the vote, marks as they were
    vote.refresh_from_db()
    assert vote.status == Vote.Status.OPEN and vote.closed_at is None
    assert VoteMark.objects.filter(vote=vote).count() == 6


def test_a_tie_is_settled_by_the_facilitators_ticks(room):
    opened(room)
    cast(room, *TIE)
    votes.close_vote(room.workshop.pk)
    a, b, c, d, e = room.themes
    with pytest.raises(LiveError, match="»Møder« har flere streger end »Introduktion«"):
        votes.apply_result(room.workshop.pk, 3, {a.pk, e.pk, c.pk})
    votes.apply_result(room.workshop.pk, 3, {a.pk, d.pk, c.pk})
    assert set(Theme.objects.filter(chosen=True).values_list("title", flat=True)) == {
        "Arbejdsro",
        "Kaffe",
        "Vagtplan",
    }


def test_a_theme_that_gets_a_krænkelse_during_the_vote_goes_on_besides_the_top(room):
    """A krænkelse post-it put into a theme while the vote is open: the theme leaves the
    count, the top three are counted besides it, and it goes on to the arrow."""
    opened(room)
    cast(room, *CLEAR)
    note = Note.objects.create(
        workshop=room.workshop, colour="pink", kind="change", text="K", harassment=True
    )
    note.theme = room.themes[4]
    note.save()
    votes.close_vote(room.workshop.pk)
    a, b, c, *_ = room.themes
    label = votes.apply_result(room.workshop.pk, 3, {a.pk, b.pk, c.pk})
    assert "Desuden på pilen" in label and "»Introduktion«" in label
    introduction = Theme.objects.get(pk=room.themes[4].pk)
    assert introduction.column == "change" and introduction.chosen
    assert Theme.objects.get(pk=room.themes[3].pk).column == "parking"
    assert Theme.objects.filter(chosen=True).count() == 4


def test_a_new_vote_never_lets_an_undo_reopen_an_earlier_one(room):
    first = opened(room)
    votes.close_vote(room.workshop.pk)
    second = opened(room)
    board.undo_last(room.workshop.pk)  # the close of the first: sealed by the second
    assert Vote.objects.get(pk=first.pk).status == Vote.Status.CLOSED
    assert Vote.objects.get(pk=second.pk).status == Vote.Status.OPEN


def test_the_facilitator_marks_for_a_participant_without_a_phone(room):
    vote = opened(room)
    bent, left = votes.mark_on_behalf(
        room.workshop.pk, room.bent.pk, room.themes[0].pk, remove=False
    )
    assert bent.pk == room.bent.pk and left == 1
    _, left = votes.mark_on_behalf(room.workshop.pk, room.bent.pk, room.themes[0].pk, remove=True)
    assert left == 2
    new, left = votes.mark_on_behalf(
        room.workshop.pk, None, room.themes[1].pk, remove=False, name="Grete"
    )
    assert new.on_behalf and new.display_name == "Grete" and left == 1
    assert votes.voters(vote) == 1
    with pytest.raises(Exception):  # noqa: B017, PT011 - a phone's participant is not theirs
        votes.mark_on_behalf(room.workshop.pk, room.karen.pk, room.themes[0].pk, remove=False)
