"""(A) Examples (seed 004): each phone shows its group and the round's theme; while one
tells, the others write post-its as *vigtig pointe* or *ønsket handling* to their group's
board. A group's post-its reach that group's phones and the console, no other group's phones
and never the wall."""

import pytest
from django.test import Client
from django.urls import reverse

from workshops.models import GroupMember, Note, Participant

from .group_helpers import console, console_page, go_to, nyborg_workshop, phones, seat, wall_page


@pytest.fixture
def day(world):
    workshop = nyborg_workshop(world.unit)
    room = phones(workshop, 7)
    groups = seat(workshop, [room[:4], room[4:]])
    go_to(workshop, "group_examples")
    return workshop, room, groups


def test_each_phone_shows_its_group_the_theme_and_the_beredskab(day):
    workshop, room, groups = day
    page = room[0].page()
    assert "Du sidder i Gruppe 1" in page
    assert "Ved bordet: <bdi>Deltager 1</bdi> (dig), <bdi>Deltager 2</bdi>" in page
    assert "Du er i gruppe" not in page  # the table is said once, with the theme
    assert "Trivselstema" in page and page.count("Arbejdsglæde") == 1
    assert "Hvad giver os lyst til at gå på arbejde?" in page
    assert "Konkrete krænkelser drøftes ikke" in page  # Bilag 4, the method's words
    assert "Vigtig pointe" in page and "Ønsket handling" in page
    assert "Du sidder i Gruppe 2" in room[5].page()


def test_a_post_it_goes_to_the_writers_group_as_a_point_or_an_action(day):
    workshop, room, groups = day
    response = room[1].write("Vi hjælper hinanden, når det brænder på", kind="point")
    assert response.status_code == 200, response.content
    assert "regions" in response.json()
    room[2].write("Fast fredagsmøde om ugen, der kommer", kind="action")
    notes = Note.objects.filter(workshop=workshop).order_by("pk")
    assert [(n.kind, n.group) for n in notes] == [("point", groups[0]), ("action", groups[0])]
    # the writer's own list says which table's board, in which round (round 2 has new tables)
    assert "på Gruppe 1s tavle i runde 1" in room[1].page()


def test_a_groups_post_its_reach_its_phones_and_the_console_but_no_other_group_or_the_wall(
    day, world
):
    workshop, room, groups = day
    before = {p.participant.pk: p.participant.revision for p in room}
    room[0].write("Vi griner meget sammen")
    moved = {
        p.pk for p in Participant.objects.filter(workshop=workshop) if p.revision != before[p.pk]
    }
    assert moved == {p.participant.pk for p in room[:4]}  # the group's phones, no other
    for phone in room[:4]:
        assert "Vi griner meget sammen" in phone.page()
    for phone in room[4:]:
        assert "Vi griner meget sammen" not in phone.page()
    leader = console(world.leader)
    assert "Vi griner meget sammen" in console_page(leader, workshop)
    wall = wall_page(leader, workshop)
    assert "Vi griner meget sammen" not in wall
    assert "Gruppe 1: <strong>1</strong>" in wall  # the wall counts, it does not show


def test_other_kinds_and_empty_post_its_are_refused_in_danish(day):
    workshop, room, groups = day
    refused = room[0].write("Fungerer godt", kind="good")
    assert refused.status_code == 400
    assert refused.json()["error"] == "Vælg “Vigtig pointe” eller “Ønsket handling”."
    assert room[0].write("   ").json()["error"] == "Skriv noget på din post-it."
    assert not Note.objects.exists()


def test_writing_is_only_for_its_phase_and_for_a_phone_in_a_group(day):
    workshop, room, groups = day
    late = phones(workshop, 1, prefix="Sen")[0]  # a late arrival is seated at once …
    assert late.write("Hej").status_code == 200
    GroupMember.objects.filter(participant=late.participant).delete()  # … moved out by hand
    refused = late.write("Hej igen")
    assert refused.status_code == 400 and "ikke i en gruppe" in refused.json()["error"]
    assert "ikke placeret i en gruppe" in late.page()
    go_to(workshop, "group_sort")
    refused = room[0].write("For sent")
    assert refused.status_code == 400
    assert refused.json()["error"] == "Det er ikke tid til det nu."
    assert room[0].act("ukendt").status_code == 400
    assert list(Note.objects.values_list("text", flat=True)) == ["Hej"]  # only the seated one


def test_the_phone_route_checks_csrf_and_wants_a_participant(day):
    workshop, room, groups = day
    url = reverse("participant:action", args=[workshop.join_token, "skriv"])
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = room[0].client.cookies
    assert strict.post(url, {"kind": "point", "text": "Uden nøgle"}).status_code == 403
    assert Client().post(url, {"kind": "point", "text": "Fremmed"}).status_code == 403
    assert not Note.objects.exists()


def test_the_group_kinds_stay_the_groups_the_rooms_reflection_refuses_them(world):
    from . import factory
    from .live_helpers import go_to as room_go_to
    from .live_helpers import phone_joins, post_note

    workshop = factory.live_workshop(world.unit)
    phone = phone_joins(workshop)
    room_go_to(workshop, "reflection")
    refused = post_note(phone, workshop, text="En pointe", kind="point")
    assert refused.status_code == 400
    assert refused.json()["error"] == "Vælg “Fungerer godt” eller “Fungerer mindre godt”."
    assert not Note.objects.exists()
