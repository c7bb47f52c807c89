"""A theme carrying a krænkelse post-it cannot drop off the arrow (issue 18, item 1; seed 000:
some problems always require action). It is not a ballot option, the vote's top K are counted
besides it, the result never parks it, and every refusal names it and offers the one-click
way on."""

import json
import uuid

import pytest
from django.urls import reverse

from workshops.live import arrow, board
from workshops.live import vote as votes
from workshops.live.actions import LiveError
from workshops.models import Note, Theme

from . import factory
from .live_helpers import go_to, phone_joins
from .vote_helpers import console_action, phone_mark, vote_room


@pytest.fixture
def room(world):
    """Five themes in «Forandre»; «Introduktion» carries the trio's pink krænkelse post-it."""
    room = vote_room(world.unit)
    room.harassed = room.themes[4]
    factory.pink_note(room.workshop, text="Krænkende adfærd", harassment=True, theme=room.harassed)
    return room


def test_the_rules_are_written_once_as_queryset_methods(room):
    """A deleted krænkelse post-it no longer makes its theme a krænkelse theme."""
    workshop = room.workshop
    assert list(Theme.objects.filter(workshop=workshop).kraenkelse()) == [room.harassed]
    flags = {t.title: t.is_kraenkelse for t in Theme.objects.with_kraenkelse()}
    assert flags["Introduktion"] and not flags["Arbejdsro"]
    on_arrow = Theme.objects.filter(workshop=workshop).on_arrow()
    assert list(on_arrow) == [room.harassed]  # nothing chosen yet: the krænkelse theme is
    Note.objects.filter(harassment=True).update(deleted=True)
    assert not Theme.objects.filter(workshop=workshop).kraenkelse().exists()
    assert not Theme.objects.filter(workshop=workshop).on_arrow().exists()


def test_the_krænkelse_theme_is_not_a_ballot_option(client, world, room):
    vote = votes.open_new_vote(room.workshop.pk, [t.pk for t in room.themes])
    assert room.harassed not in vote.themes.all() and vote.themes.count() == 4
    # the phone: calmly said to be chosen already, with no button to mark it
    phone = phone_joins(room.workshop, "Jonas")
    page = phone.get(reverse("participant:screen", args=[room.workshop.join_token]))
    html = page.content.decode()
    assert "Allerede valgt – går videre til pilen uden afstemning: <bdi>»Introduktion«</bdi>" in (
        html
    )
    assert f'id="vote-add-{room.harassed.pk}"' not in html
    refused = phone_mark(phone, room.workshop, theme=room.harassed)
    assert refused.status_code == 400
    assert "»Introduktion« er allerede valgt til pilen" in refused.json()["error"]
    # the wall does not point at it: not on the ballot it shows, no "1 streg" after the close
    client.force_login(world.leader)
    wall = client.get(reverse("workshops:wall", args=[room.workshop.pk])).content.decode()
    assert "Arbejdsro" in wall and "Introduktion" not in wall
    votes.add_mark(room.karen, room.themes[0].pk, uuid.uuid4())
    votes.close_vote(room.workshop.pk)
    wall = client.get(reverse("workshops:wall", args=[room.workshop.pk])).content.decode()
    assert "vote-result__row" in wall and "Introduktion" not in wall


def test_a_new_vote_does_not_offer_it_and_says_why(client, world, room):
    client.force_login(world.leader)
    console = client.get(reverse("workshops:live", args=[room.workshop.pk])).content.decode()
    assert f'name="themes" value="{room.themes[0].pk}"' in console
    assert f'name="themes" value="{room.harassed.pk}"' not in console
    assert "Kommer ikke på stemmesedlen – går altid videre til pilen" in console


def test_the_top_k_are_counted_besides_it_and_it_is_never_parked(room):
    votes.open_new_vote(room.workshop.pk, [t.pk for t in room.themes])
    a, b, c, d = room.themes[:4]
    for person, themes in ((room.karen, (a, b)), (room.ali, (a, c))):
        for theme in themes:
            votes.add_mark(person, theme.pk, uuid.uuid4())
    votes.close_vote(room.workshop.pk)
    result = votes.result(room.workshop, votes.current_vote(room.workshop))
    assert [t.title for t in result.sure] == ["Arbejdsro", "Møder", "Kaffe"]
    assert result.besides == [room.harassed]
    votes.apply_result(room.workshop.pk, 3, {a.pk, b.pk, c.pk})
    on_arrow = [t.title for t in arrow.chosen_themes(room.workshop)]
    assert on_arrow == ["Arbejdsro", "Møder", "Kaffe", "Introduktion"]
    assert Theme.objects.get(pk=d.pk).column == "parking"
    assert Theme.objects.get(pk=room.harassed.pk).column == "change"


def test_parking_it_is_refused_by_name_with_the_way_on(client, world, room):
    go_to(room.workshop, "sorting")
    client.force_login(world.leader)
    theme = room.harassed
    answer = console_action(
        client,
        room.workshop,
        "sort",
        {"theme": theme.pk, "column": "parking", "version": theme.version},
    )
    assert answer.status_code == 400
    refusal = answer.json()
    assert refusal["error"].startswith("»Introduktion« kan ikke parkeres")
    Theme.objects.filter(pk=theme.pk).update(column="")  # not sorted yet: the way on sorts it
    answer = console_action(
        client,
        room.workshop,
        "sort",
        {"theme": theme.pk, "column": "parking", "version": theme.version},
    )
    way_on = answer.json()["way_on"]
    assert way_on["label"] == "Sæt »Introduktion« i »Forandre«"
    # one click: the button posts what it names
    followed = client.post(way_on["url"], way_on["fields"], HTTP_HX_REQUEST="true")
    assert followed.status_code == 200
    assert Theme.objects.get(pk=theme.pk).column == "change"


def test_taking_it_off_the_arrow_in_the_matrix_is_refused(room):
    theme = room.harassed
    go_to(room.workshop, "matrix")
    with pytest.raises(LiveError, match="»Introduktion« går altid videre til pilen"):
        board.choose_theme(room.workshop.pk, theme.pk, False)


def test_closing_is_refused_by_name_with_the_way_on_to_its_activities(client, world, room):
    go_to(room.workshop, "closing")
    client.force_login(world.leader)
    console = client.get(reverse("workshops:live", args=[room.workshop.pk])).content.decode()
    assert f'id="closing-take-up-{room.harassed.pk}"' in console
    assert "Tag »Introduktion« op på pilen" in console
    refused = client.post(
        reverse("workshops:status", args=[room.workshop.pk]),
        {"status": "closed"},
        HTTP_HX_REQUEST="true",
    )
    assert refused.status_code == 400
    body = refused.json()
    assert "»Introduktion«" in body["error"]
    way_on = body["way_on"]
    assert way_on["label"] == "Tag »Introduktion« op på pilen"
    followed = client.post(way_on["url"], way_on["fields"], HTTP_HX_REQUEST="true")
    assert followed.status_code == 200
    assert "Pilen: »Introduktion«" in json.loads(followed["HX-Trigger"])["live-message"]
    room.workshop.refresh_from_db()
    assert room.workshop.current_phase.tool == "arrow"
    assert room.workshop.arrow_theme_id == room.harassed.pk
    assert room.workshop.arrow_step == arrow.activities_step(room.workshop) == 4
