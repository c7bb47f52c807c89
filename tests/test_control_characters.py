"""Control characters are refused in every text typed into the app, with a Danish message:
a NUL was a 500 on PostgreSQL (SQLite stored it), and escape, bell and friends have no place
in a name or a post-it. Lines and tabs stay allowed where a text has lines (a textarea).
Run on both databases (make test)."""

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from trivsel.validators import CheckedTextForm, NoControlCharacters
from workshops.models import JoinAttempt, Note, Participant

from . import factory
from .live_helpers import change_note, go_to, phone_joins, post_note

ROOT = Path(__file__).resolve().parents[1]
CONTROL = ["\x00", "Godt\x00samarbejde", "Rødt \x1b[31m", "\x07", "\x7f", "\x9b"]
MESSAGE = "usynligt kontroltegn"


def app_form_modules():
    paths = [*ROOT.glob("*/forms.py"), *ROOT.glob("*/*/forms.py")]
    return sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in paths
        if ".venv" not in path.parts
    )


def test_every_form_of_the_app_checks_its_text():
    modules = app_form_modules()
    assert {"units.forms", "surveys.forms", "workshops.forms", "workshops.live.forms"} <= set(
        modules
    )
    unchecked = [
        f"{name}.{cls.__name__}"
        for name in modules
        for cls in vars(importlib.import_module(name)).values()
        if inspect.isclass(cls)
        and issubclass(cls, forms.BaseForm)
        and cls.__module__ == name
        and not issubclass(cls, CheckedTextForm)
    ]
    assert unchecked == []


@pytest.mark.parametrize("value", CONTROL + ["Linje 1\nLinje 2", "a\tb", "a\r\nb"])
def test_a_one_line_text_refuses_every_control_character(value):
    with pytest.raises(forms.ValidationError, match=MESSAGE):
        NoControlCharacters()(value)


@pytest.mark.parametrize("value", CONTROL)
def test_a_text_with_lines_refuses_all_but_tab_and_line_breaks(value):
    with pytest.raises(forms.ValidationError, match=MESSAGE):
        NoControlCharacters(multiline=True)(value)
    NoControlCharacters(multiline=True)("Linje 1\r\nLinje 2\n\tmed tab")
    NoControlCharacters()("Æble, ø og å – “citat” \u202e (højre mod venstre) og emoji 🙂")


def test_the_message_says_where_the_character_is():
    with pytest.raises(forms.ValidationError) as refused:
        NoControlCharacters()("Hej\x1b")
    assert "tegn nr. 4" in refused.value.messages[0]


# The inputs, as the people who type them ----------------------------------------------------


@pytest.fixture
def workshop(world):
    return go_to(factory.live_workshop(world.unit), "reflection")


@pytest.mark.parametrize("code", ["\x00", "AB\x1bCD"])
def test_a_join_code_with_a_control_character_is_refused_not_counted_as_a_guess(code, db):
    response = Client().post(reverse("participant:join"), {"code": code})
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert not JoinAttempt.objects.exists()


def test_a_join_link_or_wall_link_with_a_nul_is_not_found(db):
    assert Client().get("/d/abc%00def/").status_code == 404
    assert Client().get("/v/abc%00def/").status_code == 404
    assert Client().post("/d/abc%00def/postit/").status_code == 404


def test_a_participant_cookie_with_a_nul_is_no_participant(workshop):
    phone = Client()
    phone.cookies[f"tp{workshop.pk}"] = "abc\x00def"
    sync = reverse("participant:sync", args=[workshop.join_token])
    assert phone.get(sync, {"since": "0.0"}).status_code == 403
    screen = phone.get(reverse("participant:screen", args=[workshop.join_token]))
    assert screen.status_code == 200 and "Deltag" in screen.content.decode()


@pytest.mark.parametrize("text", CONTROL)
def test_a_post_it_with_a_control_character_is_refused(workshop, text):
    response = post_note(phone_joins(workshop), workshop, text=text)
    assert response.status_code == 400 and MESSAGE in response.json()["error"]
    assert not Note.objects.exists()


def test_a_post_it_keeps_its_lines(workshop):
    response = post_note(phone_joins(workshop), workshop, text="Linje 1\r\nLinje 2\n\tmed tab")
    assert response.status_code == 201
    assert Note.objects.get().text == "Linje 1\r\nLinje 2\n\tmed tab"


def test_an_edit_with_a_control_character_is_refused(workshop):
    phone = phone_joins(workshop)
    note = post_note(phone, workshop, text="Som skrevet").json()["note"]
    response = change_note(
        phone, workshop, note["id"], text="Rettet\x00", kind="good", version=note["version"]
    )
    assert response.status_code == 400 and MESSAGE in response.json()["error"]
    assert Note.objects.get().text == "Som skrevet"


@pytest.mark.parametrize("name", ["\x00", "Karen\x1b", "Karen\nHansen"])
def test_a_participant_name_with_a_control_character_is_refused(workshop, name):
    url = reverse("participant:join_workshop", args=[workshop.join_token])
    response = Client().post(url, {"display_name": name})
    assert response.status_code == 400 and MESSAGE in response.content.decode()
    assert not Participant.objects.exists()


def test_a_name_given_by_the_facilitator_with_a_control_character_is_refused(
    client, world, workshop
):
    client.force_login(world.leader)
    response = client.post(
        reverse("workshops:note_on_behalf", args=[workshop.pk]),
        {"name": "Bent\x00", "kind": "good", "text": "Godt"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400 and MESSAGE in response.json()["error"]
    assert not Note.objects.exists()


@pytest.mark.parametrize("field", ["text", "presenter_name"])
def test_a_pink_post_it_with_a_control_character_is_refused(client, world, field):
    workshop = factory.prepared_workshop(world.unit)
    client.force_login(world.leader)
    data = {"text": "Krav og balance", "kind": "change", field: "Lav \x00score"}
    response = client.post(reverse("workshops:pink_note_create", args=[workshop.pk]), data)
    assert response.status_code == 200 and MESSAGE in response.content.decode()
    assert not workshop.notes.exists()


@pytest.mark.parametrize("title", ["\x00", "Trivsel\x1b2026", "Trivsel\n2026"])
def test_the_workshop_form_refuses_a_control_character(client, world, title):
    workshop = factory.prepared_workshop(world.unit)
    client.force_login(world.leader)
    response = client.post(
        reverse("workshops:workshop_edit", args=[workshop.pk]),
        {"title": title, "planned_minutes": 150},
    )
    assert response.status_code == 200 and MESSAGE in response.content.decode()
    workshop.refresh_from_db()
    assert workshop.title != title


def test_a_ground_rule_with_a_control_character_is_explained(client, world):
    workshop = factory.prepared_workshop(world.unit)
    client.force_login(world.leader)
    before = workshop.ground_rules
    response = client.post(
        reverse("workshops:ground_rules", args=[workshop.pk]),
        {"rule": ["Én taler ad gangen", "Vi lytter\x00"], "expectations": "Linje 1\nLinje 2"},
    )
    assert response.status_code == 200 and MESSAGE in response.content.decode()
    workshop.refresh_from_db()
    assert workshop.ground_rules == before


def test_a_unit_search_with_a_control_character_is_explained(client, world):
    client.force_login(world.hr)
    response = client.get(reverse("home"), {"q": "Egen\x00"})
    assert response.status_code == 200 and MESSAGE in response.content.decode()
