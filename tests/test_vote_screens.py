"""The vote on every screen: the phone's ballot and its POSTs, the console's actions, the
secrecy of the ballot on every screen and fragment, the access rules of each new action, and
a fixed number of queries at 20 and at 200 post-its."""

import json
import re
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from workshops import live
from workshops.live import vote as votes
from workshops.models import Note, Theme, Vote, VoteMark, Workshop
from workshops.permissions import screen_key
from workshops.tools import TOOLS

from . import factory
from .live_helpers import go_to
from .vote_helpers import console_action, phone_mark, themes_for, vote_room


def phone_of(participant) -> Client:
    phone = Client()
    phone.cookies[f"tp{participant.workshop_id}"] = participant.token
    return phone


@pytest.fixture
def room(world):
    return vote_room(world.unit)


@pytest.fixture
def leader(client, world):
    client.force_login(world.leader)
    return client


def open_over_all(room):
    return votes.open_new_vote(room.workshop.pk, [t.pk for t in room.themes])


def phone_html(phone, workshop) -> str:
    return phone.get(reverse("participant:screen", args=[workshop.join_token])).content.decode()


# The phone -------------------------------------------------------------------------------


def test_the_phone_shows_the_ballot_and_the_marks_left(room):
    phone = phone_of(room.karen)
    assert "Afstemningen er ikke åbnet endnu" in phone_html(phone, room.workshop)
    open_over_all(room)
    html = phone_html(phone, room.workshop)
    assert 'data-task="vote"' in html
    assert "Du har 2 streger tilbage" in html
    assert html.count("Sæt streg<span") == 5
    assert "på »Arbejdsro«" in html  # the button says which theme, for a screen reader too
    answer = phone_mark(phone, room.workshop, theme=room.themes[0])
    assert answer.status_code == 200 and answer.json()["created"]
    regions = answer.json()["regions"]
    assert "Du har 1 streg tilbage" in regions
    assert "Din streg er her" in regions and "Fjern streg" in regions


def test_a_retried_mark_from_the_phone_counts_once(room):
    open_over_all(room)
    phone = phone_of(room.karen)
    key = uuid.uuid4()
    first = phone_mark(phone, room.workshop, theme=room.themes[0], key=key)
    again = phone_mark(phone, room.workshop, theme=room.themes[0], key=key)
    assert first.json()["created"] and not again.json()["created"]
    assert first.json()["slot"] == again.json()["slot"] == 1
    assert VoteMark.objects.count() == 1


def test_the_phone_is_told_when_its_marks_are_used_and_moves_one(room):
    open_over_all(room)
    phone = phone_of(room.karen)
    phone_mark(phone, room.workshop, theme=room.themes[0])
    phone_mark(phone, room.workshop, theme=room.themes[1])
    full = phone_mark(phone, room.workshop, theme=room.themes[2])
    assert full.status_code == 400
    assert full.json()["error"] == (
        "Du har brugt dine 2 streger – flyt en, hvis du vil stemme på noget andet."
    )
    assert phone_mark(phone, room.workshop, slot=1).json()["removed"]
    assert not phone_mark(phone, room.workshop, slot=1).json()["removed"]  # a retry: nothing
    assert phone_mark(phone, room.workshop, theme=room.themes[2]).status_code == 200
    vote = votes.current_vote(room.workshop)
    assert set(votes.own_marks(vote, room.karen).values()) == {
        room.themes[1].pk,
        room.themes[2].pk,
    }


def test_the_phone_is_refused_outside_an_open_vote(room, world):
    phone = phone_of(room.karen)
    refused = phone_mark(phone, room.workshop, theme=room.themes[0])
    assert refused.status_code == 400 and "ingen åben afstemning" in refused.json()["error"]
    open_over_all(room)
    go_to(room.workshop, "arrow")
    refused = phone_mark(phone, room.workshop, theme=room.themes[0])
    assert refused.json()["error"] == "Det er ikke tid til at stemme."
    go_to(room.workshop, "vote")
    live.set_status(room.workshop.pk, Workshop.Status.CLOSED)
    refused = phone_mark(phone, room.workshop, theme=room.themes[0])
    assert "afsluttet" in refused.json()["error"]
    other = factory.live_workshop(world.other_unit)
    foreign = themes_for(other, ["Fremmed"])[0]
    live.set_status(room.workshop.pk, Workshop.Status.LIVE)
    refused = phone_mark(phone, room.workshop, theme=foreign)
    assert refused.status_code == 400 and "findes ikke" in refused.json()["error"]
    assert VoteMark.objects.count() == 0


def test_a_mark_needs_the_phones_cookie_and_csrf(room):
    open_over_all(room)
    url = reverse("participant:vote_mark", args=[room.workshop.join_token])
    fields = {"change": "add", "theme": room.themes[0].pk, "client_key": str(uuid.uuid4())}
    assert Client().post(url, fields).status_code == 403
    strict = Client(enforce_csrf_checks=True)
    strict.cookies[f"tp{room.workshop.pk}"] = room.karen.token
    assert strict.post(url, fields).status_code == 403
    assert VoteMark.objects.count() == 0


def test_after_the_close_the_phone_says_so_and_shows_the_result(room):
    open_over_all(room)
    phone = phone_of(room.karen)
    phone_mark(phone, room.workshop, theme=room.themes[0])
    votes.close_vote(room.workshop.pk)
    html = phone_html(phone, room.workshop)
    assert "Afstemningen er lukket." in html and "Du satte 1 streg." in html
    assert "Sæt streg" not in html and "1 streg</span>" in html


# The console -----------------------------------------------------------------------------


def test_the_facilitator_runs_the_vote_from_the_console(leader, room):
    console = reverse("workshops:live", args=[room.workshop.pk])
    html = leader.get(console).content.decode()
    assert "Temaer på stemmesedlen" in html and "Åbn afstemningen (2 streger hver)" in html
    answer = console_action(leader, room.workshop, "vote_settings", {"marks": 11})
    assert answer.status_code == 400 and "mellem 1 og 10" in answer.json()["error"]
    console_action(leader, room.workshop, "vote_settings", {"marks": 1, "live_tally": "on"})
    answer = console_action(
        leader, room.workshop, "open_vote", {"themes": [t.pk for t in room.themes[:3]]}
    )
    assert answer.status_code == 200, answer.content
    assert message_of(answer) == "Afstemningen er åben over 3 temaer med 1 streg hver."
    answer = console_action(leader, room.workshop, "vote_settings", {"marks": 2})
    assert "kan ikke ændres, mens afstemningen er åben" in answer.json()["error"]
    answer = console_action(
        leader,
        room.workshop,
        "mark_for",
        {"participant": room.bent.pk, "theme": room.themes[0].pk, "action": "add"},
    )
    assert message_of(answer) == "Stregen er sat for Bent, der har 0 streger tilbage."
    answer = console_action(
        leader,
        room.workshop,
        "mark_for",
        {"participant": room.karen.pk, "theme": room.themes[0].pk, "action": "add"},
    )
    assert answer.status_code == 400  # a phone's participant votes on their phone
    html = console_action(leader, room.workshop, "close_vote").content.decode()
    assert "Videre til pilen" in html and "Hvor mange temaer går videre til pilen?" in html
    answer = console_action(
        leader, room.workshop, "apply_vote", {"top": 3, "themes": [t.pk for t in room.themes[:3]]}
    )
    assert answer.status_code == 200, answer.content
    assert set(Theme.objects.filter(chosen=True).values_list("pk", flat=True)) == {
        t.pk for t in room.themes[:3]
    }
    answer = console_action(leader, room.workshop, "undo")
    assert message_of(answer).startswith("Fortrudt: Afstemningens resultat")
    assert not Theme.objects.filter(chosen=True).exists()


def test_the_console_shows_the_tie_for_the_facilitator_to_settle(leader, room):
    open_over_all(room)
    for person, places in ((room.karen, [0, 1]), (room.ali, [0, 2]), (room.bent, [0, 3])):
        for place in places:
            votes.add_mark(person, room.themes[place].pk, uuid.uuid4())
    votes.close_vote(room.workshop.pk)
    html = leader.get(reverse("workshops:live", args=[room.workshop.pk])).content.decode()
    assert "Stemmelighed om de sidste 2 pladser" in html
    assert html.count("<strong>står lige</strong>") == 3
    apply = html[html.index('class="vote-apply"') :]
    apply = apply[: apply.index("</form>")]
    checked = re.findall(r'name="themes" value="(\d+)" checked', apply)
    assert checked == [str(room.themes[0].pk)]  # only the sure one is ticked


def test_a_vote_action_is_refused_outside_the_vote(leader, room):
    go_to(room.workshop, "arrow")
    answer = console_action(
        leader, room.workshop, "open_vote", {"themes": [t.pk for t in room.themes]}
    )
    assert answer.status_code == 400
    assert not Vote.objects.exists()


VOTE_ACTIONS = sorted(TOOLS["vote"].actions)


@pytest.mark.parametrize("kind", ["anonymous", "stranger", "other_trio", "med_above"])
@pytest.mark.parametrize("action", VOTE_ACTIONS)
def test_each_vote_action_is_the_facilitators_only(client, world, room, kind, action):
    open_over_all(room)
    person = {
        "anonymous": None,
        "stranger": world.stranger,
        "other_trio": world.other_leader,
        "med_above": world.med,
    }[kind]
    if person:
        client.force_login(person)
    before = list(Vote.objects.values_list("status", "applied_at"))
    data = {"marks": 3, "themes": [t.pk for t in room.themes], "top": 3}
    data.update(participant=room.bent.pk, theme=room.themes[0].pk, action="add")
    answer = client.post(reverse("workshops:tool_action", args=[room.workshop.pk, action]), data)
    assert answer.status_code in (302, 403, 404)
    if answer.status_code == 302:
        assert answer["Location"].startswith(reverse("login"))
    assert list(Vote.objects.values_list("status", "applied_at")) == before
    assert VoteMark.objects.count() == 0


# Secrecy ---------------------------------------------------------------------------------

TOKEN = re.compile(
    r'(csrfmiddlewaretoken" value="|"X-CSRFToken": "|data-rev="|data-server-now="'
    r'|data-screen-key="|name="client_key" value=")[^"]*'
)


def text_of(response) -> str:
    """A page, or a JSON answer's values (its regions) as the browser would read them."""
    if response["Content-Type"].startswith("application/json"):
        return "\n".join(str(value) for value in response.json().values())
    return response.content.decode()


def message_of(response) -> str:
    return json.loads(response["HX-Trigger"])["live-message"]


def same_page(html: str) -> str:
    """A page without what differs from one request to the next (tokens, revisions, time)."""
    return TOKEN.sub(r"\1…", html)


def every_screen(client, world, room, watcher) -> dict[str, str]:
    """Every screen and fragment the room, the facilitator and another phone can see."""
    client.force_login(world.leader)
    workshop = room.workshop
    key = screen_key(workshop, world.leader)
    sync = "workshops:screen_sync"
    phone = phone_of(watcher)
    phone_sync = reverse("participant:sync", args=[workshop.join_token])
    return {
        "console": client.get(reverse("workshops:live", args=[workshop.pk])),
        "console update": client.get(
            reverse(sync, args=[workshop.pk, "facilitator"]),
            {"since": 0, "open": "participants,pink,wall-link,status"},
            HTTP_X_SCREEN_KEY=key,
        ),
        "wall": client.get(reverse("workshops:wall", args=[workshop.pk])),
        "wall update": client.get(
            reverse(sync, args=[workshop.pk, "wall"]), {"since": 0}, HTTP_X_SCREEN_KEY=key
        ),
        "another phone": phone.get(reverse("participant:screen", args=[workshop.join_token])),
        "another phone's update": phone.get(phone_sync, {"since": "0.0"}),
        "another phone's mark answer": phone_mark(phone, workshop, slot=9),
    }


def swap_second_marks(room):
    """Karen's second mark and Ali's change themes: the same totals, other voters."""
    vote = votes.current_vote(room.workshop)
    karens = VoteMark.objects.get(
        vote=vote, ballot=votes.ballot_key(vote.pk, room.karen.pk), slot=2
    )
    alis = VoteMark.objects.get(vote=vote, ballot=votes.ballot_key(vote.pk, room.ali.pk), slot=2)
    karens.theme_id, alis.theme_id = alis.theme_id, karens.theme_id
    karens.distinct_key, alis.distinct_key = alis.distinct_key, karens.distinct_key
    for mark in (karens, alis):
        mark.save()


@pytest.mark.parametrize("live_tally", [False, True])
def test_no_screen_shows_who_voted_for_what(client, world, room, live_tally):
    """Karen votes Arbejdsro and Møder, Ali Arbejdsro and Kaffe; then their second marks
    change places. Every screen but Karen's and Ali's own phones is the same, open and
    closed: nothing on them depends on who voted what. No ballot key is ever sent."""
    votes.update_settings(room.workshop.pk, marks=2, several_on_one=False, live_tally=live_tally)
    vote = open_over_all(room)
    watcher = live.join(room.workshop, display_name="Carl")
    for person, places in ((room.karen, [0, 1]), (room.ali, [0, 2])):
        for place in places:
            votes.add_mark(person, room.themes[place].pk, uuid.uuid4())
    ballots = set(VoteMark.objects.values_list("ballot", flat=True))
    for closed in (False, True):
        if closed:
            votes.close_vote(room.workshop.pk)
        first = every_screen(client, world, room, watcher)
        swap_second_marks(room)
        second = every_screen(client, world, room, watcher)
        swap_second_marks(room)
        for name, response in first.items():
            html = text_of(response)
            assert response.status_code in (200, 400), name
            assert same_page(html) == same_page(text_of(second[name])), name
            assert not any(ballot in html for ballot in ballots), name
            assert "Karen" not in html or name.startswith("console"), name
            if not closed and not live_tally:
                # the tally is not on any screen until the close
                assert "vote-result" not in html and "2 streger</span>" not in html, name
    assert Vote.objects.get(pk=vote.pk).status == Vote.Status.CLOSED


def test_the_wall_says_how_many_have_voted_and_then_the_result(client, world, room):
    client.force_login(world.leader)
    wall = reverse("workshops:wall", args=[room.workshop.pk])
    open_over_all(room)
    votes.add_mark(room.karen, room.themes[0].pk, uuid.uuid4())
    votes.add_mark(room.karen, room.themes[1].pk, uuid.uuid4())
    votes.add_mark(room.ali, room.themes[0].pk, uuid.uuid4())
    html = client.get(wall).content.decode()
    assert "<strong>2</strong> af <strong>3</strong> har stemt" in html
    assert "<bdi>Introduktion</bdi>" in html and "vote-result" not in html
    votes.close_vote(room.workshop.pk)
    html = client.get(wall).content.decode()
    assert "Afstemningen er lukket · 2 stemte · 3 streger i alt" in html
    assert re.search(r"Arbejdsro</bdi></span>\s*<span[^>]*>.*?vote-fill-100", html, re.S)
    assert "2 streger</span>" in html and "1 streg</span>" in html


# A fixed number of queries ---------------------------------------------------------------


def crowded_room(unit, notes: int):
    """A vote over themes made of `notes` revealed post-its (5 per theme) by ten people, six
    of whom have voted."""
    workshop = factory.live_workshop(unit)
    people = [live.join(workshop, display_name=f"Deltager {i}") for i in range(10)]
    themes = themes_for(workshop, [f"Tema {i}" for i in range(notes // 5)])
    for i in range(notes):
        note = factory.yellow_note(people[i % 10], f"Post-it {i}", ("good", "change")[i % 2])
        Note.objects.filter(pk=note.pk).update(
            revealed_at=note.created_at, reveal_order=i + 1, theme=themes[i // 5]
        )
    go_to(workshop, "vote")
    votes.open_new_vote(workshop.pk, [t.pk for t in themes])
    for person in people[:6]:
        for theme in themes[:2]:
            votes.add_mark(person, theme.pk, uuid.uuid4())
    return workshop, people


def queries_of(client, world, workshop, person) -> dict[str, int]:
    client.force_login(world.leader)
    key = screen_key(workshop, world.leader)
    phone = phone_of(person)
    requests = {
        "console": lambda: client.get(reverse("workshops:live", args=[workshop.pk])),
        "console update": lambda: client.get(
            reverse("workshops:screen_sync", args=[workshop.pk, "facilitator"]),
            {"since": 0},
            HTTP_X_SCREEN_KEY=key,
        ),
        "wall": lambda: client.get(reverse("workshops:wall", args=[workshop.pk])),
        "wall update": lambda: client.get(
            reverse("workshops:screen_sync", args=[workshop.pk, "wall"]),
            {"since": 0},
            HTTP_X_SCREEN_KEY=key,
        ),
        "phone": lambda: phone.get(reverse("participant:screen", args=[workshop.join_token])),
        "phone update": lambda: phone.get(
            reverse("participant:sync", args=[workshop.join_token]), {"since": "0.0"}
        ),
    }
    counted = {}
    for name, request in requests.items():
        with CaptureQueriesContext(connection) as queries:
            assert request().status_code == 200, name
        counted[name] = len(queries)
    return counted


def test_the_vote_screens_read_a_fixed_number_of_queries_at_20_and_200_post_its(client, world):
    seen = {}
    for notes in (20, 200):
        workshop, people = crowded_room(world.unit, notes)
        counts = {"open": queries_of(client, world, workshop, people[0])}
        votes.close_vote(workshop.pk)
        counts["closed"] = queries_of(client, world, workshop, people[0])
        seen[notes] = counts
    assert seen[20] == seen[200], seen
    # and what they are, so a new query is a decision (a phone's update: the one read of
    # participant and workshop, then the ballot: vote, own marks, themes)
    assert seen[20]["open"]["phone update"] <= 5, seen
    assert seen[20]["open"]["wall update"] <= 9, seen


def test_the_consoles_room_panel_shows_the_votes_progress_not_an_empty_board(room, leader):
    """In the vote phase "Det ser rummet" is what the wall shows: who has voted so far."""
    open_over_all(room)
    html = leader.get(reverse("workshops:live", args=[room.workshop.pk])).content.decode()
    panel = html[html.index('id="room-heading"') :]
    assert "har stemt" in panel
    assert "Ingen endnu" not in panel
