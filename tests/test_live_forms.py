"""Bad input on every live POST gets a clear Danish error (400), never a 500, and changes
nothing; the facilitator's htmx actions answer with the console's regions and a message."""

import html
import json
import re
import uuid
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from workshops import live
from workshops.models import NOTE_MAX_LENGTH, Note, Participant, Workshop

from . import factory
from .live_helpers import go_to

HTMX = {"HTTP_HX_REQUEST": "true"}
FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}
# Django's own English messages: a form that forgot its Danish would show one of these.
ENGLISH = ("select a valid", "this field", "enter a", "ensure this", "is required", "not one of")
DANISH = re.compile(
    r"[æøåÆØÅ]|\b(en|et|er|og|ikke|kan|Vælg|Skriv|Ukendt|Ugyldig|Indtast|højst|tal)\b"
)


def phone_of(participant) -> Client:
    """The participant's phone: a client holding its cookie."""
    phone = Client()
    phone.cookies[f"tp{participant.workshop_id}"] = participant.token
    return phone


def revision(workshop) -> tuple[int, int]:
    return tuple(Workshop.objects.values_list("revision", "phone_revision").get(pk=workshop.pk))


def assert_danish_refusal(response, expected=None) -> str:
    assert response.status_code == 400, response.content[:300]
    if response["Content-Type"].startswith("application/json"):
        error = response.json()["error"]
    else:
        found = re.search(r'role="alert"[^>]*>\s*<p>(.*?)</p>', response.content.decode(), re.S)
        assert found, "the page shows no error"
        error = html.unescape(found.group(1))
    assert error.strip(), "an empty error"
    assert not any(english in error.lower() for english in ENGLISH), error
    assert DANISH.search(error), error
    if expected:
        assert expected in error
    return error


@pytest.fixture
def room(world):
    """A workshop in the presentation round: Karen has written, Ali has not; the trio has a
    pink post-it. Another unit's workshop has its own phase, participant and pink post-it."""
    workshop = factory.live_workshop(world.unit)
    karen = live.join(workshop, display_name="Karen")
    ali = live.join(workshop, display_name="Ali")
    karens = factory.yellow_note(karen, "Karens gode", "good")
    factory.yellow_note(karen, "Karens mindre gode", "change")
    factory.pink_note(workshop, "Trioens pink")
    go_to(workshop, "presentation")
    other = factory.live_workshop(world.other_unit)
    return SimpleNamespace(
        workshop=workshop,
        karen=karen,
        ali=ali,
        karens=karens,
        other_phase=other.phases.first(),
        other_participant=live.join(other, display_name="Fremmed"),
        other_pink=factory.pink_note(other, "Fremmed pink"),
        leader=world.leader,
    )


@pytest.fixture
def leader(client, room):
    client.force_login(room.leader)
    return client


def tool(action):
    return ("workshops:tool_action", action)


LONG = "x" * (NOTE_MAX_LENGTH + 1)

FACILITATOR = [
    ("phase: unknown action", "workshops:phase", lambda r: {"action": "jump"}, None),
    (
        "phase: another workshop's phase",
        "workshops:phase",
        lambda r: {"action": "goto", "phase": r.other_phase.pk},
        None,
    ),
    ("phase: not a number", "workshops:phase", lambda r: {"action": "goto", "phase": "tre"}, None),
    ("phase: goto without a phase", "workshops:phase", lambda r: {"action": "goto"}, "fase"),
    ("timer: unknown action", "workshops:timer", lambda r: {"action": "explode"}, "Ukendt"),
    (
        "timer: non-numeric minutes",
        "workshops:timer",
        lambda r: {"action": "add", "minutes": "fem"},
        None,
    ),
    (
        "timer: minutes out of range",
        "workshops:timer",
        lambda r: {"action": "add", "minutes": "100000"},
        None,
    ),
    (
        "autostart: another workshop's phase",
        "workshops:autostart",
        lambda r: {"phase": r.other_phase.pk, "timer_autostart": "on"},
        None,
    ),
    ("autostart: no phase", "workshops:autostart", lambda r: {"timer_autostart": "on"}, None),
    (
        "reveal pair: unknown participant id",
        tool("reveal_pair"),
        lambda r: {"participant": 987654},
        "Ukendt deltager",
    ),
    (
        "reveal pair: another workshop's participant",
        tool("reveal_pair"),
        lambda r: {"participant": r.other_participant.pk},
        "Ukendt deltager",
    ),
    (
        "reveal pair: participant not a number",
        tool("reveal_pair"),
        lambda r: {"participant": "Karen"},
        "Ukendt deltager",
    ),
    (
        "reveal pair: a participant with nothing left",
        tool("reveal_pair"),
        lambda r: {"participant": r.ali.pk},
        "ikke flere post-its",
    ),
    ("reveal pink: unknown note", tool("reveal_pink"), lambda r: {"note": 987654}, "Ukendt pink"),
    (
        "reveal pink: a yellow post-it",
        tool("reveal_pink"),
        lambda r: {"note": r.karens.pk},
        "Ukendt pink",
    ),
    (
        "reveal pink: another workshop's pink post-it",
        tool("reveal_pink"),
        lambda r: {"note": r.other_pink.pk},
        "Ukendt pink",
    ),
    ("undo reveal: nothing to undo", tool("undo_reveal"), lambda r: {}, "fortryde"),
    ("a tool action nobody knows", tool("explode"), lambda r: {}, "Det kan man ikke i denne fase"),
    ("status: unknown", "workshops:status", lambda r: {"status": "exploded"}, "Ukendt status"),
    ("status: missing", "workshops:status", lambda r: {}, None),
    (
        "on behalf: text of 281 characters",
        "workshops:note_on_behalf",
        lambda r: {"kind": "good", "text": LONG},
        str(NOTE_MAX_LENGTH),
    ),
    (
        "on behalf: missing kind",
        "workshops:note_on_behalf",
        lambda r: {"text": "Hej"},
        "Vælg “Fungerer godt” eller “Fungerer mindre godt”",
    ),
    (
        "on behalf: unknown kind",
        "workshops:note_on_behalf",
        lambda r: {"text": "Hej", "kind": "maybe"},
        "Vælg “Fungerer godt” eller “Fungerer mindre godt”",
    ),
    (
        "on behalf: empty text",
        "workshops:note_on_behalf",
        lambda r: {"kind": "good", "text": "   "},
        "Skriv noget",
    ),
    (
        "on behalf: unknown factor",
        "workshops:note_on_behalf",
        lambda r: {"kind": "good", "text": "Hej", "factor": "magi"},
        None,
    ),
    (
        "on behalf: a name of 61 characters",
        "workshops:note_on_behalf",
        lambda r: {"kind": "good", "text": "Hej", "name": "n" * 61},
        "60",
    ),
    (
        "settings: minimum not a number",
        "workshops:live_settings",
        lambda r: {"min_notes": "mange"},
        "helt tal mellem 1 og 50",
    ),
    (
        "settings: maximum zero",
        "workshops:live_settings",
        lambda r: {"max_notes": "0"},
        "helt tal mellem 1 og 50",
    ),
    (
        "settings: maximum 51",
        "workshops:live_settings",
        lambda r: {"max_notes": "51"},
        "helt tal mellem 1 og 50",
    ),
    (
        "settings: minimum above maximum",
        "workshops:live_settings",
        lambda r: {"min_notes": "5", "max_notes": "2"},
        "Minimum kan ikke være større end maksimum",
    ),
    ("wall link: unknown action", "workshops:wall_link_action", lambda r: {"action": "burn"}, None),
    ("wall link: no action", "workshops:wall_link_action", lambda r: {}, None),
]


def facilitator_url(name, workshop):
    if isinstance(name, tuple):
        name, action = name
        return reverse(name, args=[workshop.pk, action])
    return reverse(name, args=[workshop.pk])


@pytest.mark.parametrize(
    "name, data, expected", [c[1:] for c in FACILITATOR], ids=[c[0] for c in FACILITATOR]
)
def test_bad_input_on_a_console_action_gets_a_danish_error_and_changes_nothing(
    leader, room, name, data, expected
):
    before = revision(room.workshop)
    notes = list(Note.objects.order_by("pk").values_list("pk", "text", "revealed_at", "deleted"))
    response = leader.post(facilitator_url(name, room.workshop), data(room), **HTMX)
    assert_danish_refusal(response, expected)
    assert revision(room.workshop) == before
    assert (
        list(Note.objects.order_by("pk").values_list("pk", "text", "revealed_at", "deleted"))
        == notes
    )


def test_a_refusal_to_a_plain_form_goes_back_to_the_console_with_the_message(leader, room):
    response = leader.post(
        reverse("workshops:status", args=[room.workshop.pk]), {"status": "x"}, follow=True
    )
    assert response.status_code == 200
    assert "Ukendt status" in response.content.decode()


def test_closing_refuses_a_new_wall_link_in_danish(leader, room):
    live.set_status(room.workshop.pk, Workshop.Status.CLOSED)
    response = leader.post(
        reverse("workshops:wall_link_action", args=[room.workshop.pk]), {"action": "open"}, **HTMX
    )
    assert_danish_refusal(response, "afsluttet")
    assert Workshop.objects.get(pk=room.workshop.pk).wall_token is None


# Phones ----------------------------------------------------------------------------------


def _note_add(r):
    return reverse("participant:note_add", args=[r.workshop.join_token])


def _note_change(r):
    return reverse("participant:note_change", args=[r.workshop.join_token, r.karens.pk])


PHONE = [
    (
        "new post-it: text of 281 characters",
        _note_add,
        lambda r: {"kind": "good", "text": LONG, "client_key": str(uuid.uuid4())},
        str(NOTE_MAX_LENGTH),
    ),
    ("new post-it: no kind", _note_add, lambda r: {"text": "Hej"}, "Vælg “Fungerer godt”"),
    (
        "new post-it: unknown kind",
        _note_add,
        lambda r: {"text": "Hej", "kind": "neutral"},
        "Vælg “Fungerer godt”",
    ),
    ("new post-it: empty", _note_add, lambda r: {"kind": "good", "text": ""}, "Skriv noget"),
    (
        "new post-it: a client key that is no key",
        _note_add,
        lambda r: {"kind": "good", "text": "Hej", "client_key": "nøgle"},
        None,
    ),
    (
        "change: unknown action",
        _note_change,
        lambda r: {"action": "burn", "version": r.karens.version},
        None,
    ),
    (
        "change: version not a number",
        _note_change,
        lambda r: {"action": "delete", "version": "sidste"},
        "Ugyldig udgave",
    ),
    (
        "change: text of 281 characters",
        _note_change,
        lambda r: {"action": "edit", "version": r.karens.version, "text": LONG, "kind": "good"},
        str(NOTE_MAX_LENGTH),
    ),
    (
        "change: no kind",
        _note_change,
        lambda r: {"action": "edit", "version": r.karens.version, "text": "Hej"},
        "Vælg “Fungerer godt”",
    ),
    (
        "change: empty text",
        _note_change,
        lambda r: {"action": "edit", "version": r.karens.version, "text": " ", "kind": "good"},
        "Skriv noget",
    ),
]


@pytest.mark.parametrize("url, data, expected", [c[1:] for c in PHONE], ids=[c[0] for c in PHONE])
def test_bad_input_from_a_phone_gets_a_danish_error_and_changes_nothing(room, url, data, expected):
    before = revision(room.workshop)
    karen = Participant.objects.get(pk=room.karen.pk)
    notes = list(Note.objects.order_by("pk").values_list("pk", "text", "version", "deleted"))
    response = phone_of(room.karen).post(url(room), data(room), **FETCH)
    assert_danish_refusal(response, expected)
    assert revision(room.workshop) == before
    assert Participant.objects.get(pk=karen.pk).revision == karen.revision
    assert list(Note.objects.order_by("pk").values_list("pk", "text", "version", "deleted")) == (
        notes
    )


def test_presenting_with_nothing_left_gets_a_danish_error(room):
    response = phone_of(room.ali).post(
        reverse("participant:present", args=[room.workshop.join_token]), **FETCH
    )
    assert_danish_refusal(response, "ikke flere post-its")
    assert not Note.objects.filter(revealed_at__isnull=False).exists()


def test_presenting_outside_the_presentation_round_gets_a_danish_error(room):
    go_to(room.workshop, "reflection")
    response = phone_of(room.karen).post(
        reverse("participant:present", args=[room.workshop.join_token]), **FETCH
    )
    assert_danish_refusal(response, "ikke tid til at præsentere")
    assert not Note.objects.filter(revealed_at__isnull=False).exists()


def test_a_name_of_61_characters_is_refused_at_the_door(room):
    phone = Client()
    response = phone.post(
        reverse("participant:join_workshop", args=[room.workshop.join_token]),
        {"display_name": "n" * 61},
    )
    assert_danish_refusal(response, "60")
    assert not Participant.objects.filter(display_name__startswith="nnn").exists()
    assert f"tp{room.workshop.pk}" not in response.cookies


@pytest.mark.parametrize(
    "code, expected",
    [("", "Skriv koden"), ("ABCDEFGHIJKLM", "for lang"), ("ZZZZZZ", "Vi kender ikke den kode")],
    ids=["no code", "a code of 13 characters", "an unknown code"],
)
def test_a_bad_join_code_gets_a_danish_error(db, client, code, expected):
    response = client.post(reverse("participant:join"), {"code": code})
    assert_danish_refusal(response, expected)


# Phases ----------------------------------------------------------------------------------


def test_a_tool_action_outside_its_phase_is_refused(leader, room):
    go_to(room.workshop, "reflection")
    for action in ("reveal_pair", "reveal_pink", "undo_reveal"):
        response = leader.post(
            reverse("workshops:tool_action", args=[room.workshop.pk, action]), **HTMX
        )
        assert_danish_refusal(response, "Det kan man ikke i denne fase")
    assert not Note.objects.filter(revealed_at__isnull=False).exists()


def test_a_reveal_in_the_writing_phase_is_refused_and_nothing_is_shown(room):
    go_to(room.workshop, "reflection")
    before = revision(room.workshop)
    for reveal in (
        lambda: live.reveal_next_pair(room.workshop.pk),
        lambda: live.reveal_next_pair(room.workshop.pk, room.karen.pk),
        lambda: live.reveal_pink(room.workshop.pk),
    ):
        with pytest.raises(live.LiveError, match="præsentationsrunden"):
            reveal()
    assert not Note.objects.filter(revealed_at__isnull=False).exists()
    assert revision(room.workshop) == before
    assert Workshop.objects.get(pk=room.workshop.pk).presenting_id is None


# The post-it's length: refused, never cut --------------------------------------------------


def test_a_post_it_of_281_characters_is_refused_naming_the_limit_and_not_stored(room):
    go_to(room.workshop, "reflection")
    phone = phone_of(room.ali)
    url = reverse("participant:note_add", args=[room.workshop.join_token])
    response = phone.post(url, {"kind": "good", "text": LONG}, **FETCH)
    error = assert_danish_refusal(response)
    assert "280" in error
    assert not Note.objects.filter(participant=room.ali).exists()
    ali = Participant.objects.get(pk=room.ali.pk)  # with the workshop in its new phase
    with pytest.raises(live.LiveError, match="280"):
        live.add_note(ali, client_key=uuid.uuid4(), kind="good", text=LONG)
    assert not Note.objects.filter(participant=room.ali).exists()


def test_a_post_it_of_280_characters_is_stored_whole(room):
    go_to(room.workshop, "reflection")
    text = "æ" * (NOTE_MAX_LENGTH - 1) + "!"
    url = reverse("participant:note_add", args=[room.workshop.join_token])
    response = phone_of(room.ali).post(url, {"kind": "change", "text": text}, **FETCH)
    assert response.status_code == 201
    assert Note.objects.get(participant=room.ali).text == text


def test_an_edit_to_281_characters_leaves_the_post_it_as_it_was(room):
    go_to(room.workshop, "reflection")
    url = reverse("participant:note_change", args=[room.workshop.join_token, room.karens.pk])
    data = {"action": "edit", "version": room.karens.version, "kind": "good"}
    response = phone_of(room.karen).post(url, {**data, "text": LONG}, **FETCH)
    assert "280" in assert_danish_refusal(response)
    assert Note.objects.get(pk=room.karens.pk).text == "Karens gode"
    ok = phone_of(room.karen).post(url, {**data, "text": "y" * NOTE_MAX_LENGTH}, **FETCH)
    assert ok.status_code == 200
    assert Note.objects.get(pk=room.karens.pk).text == "y" * NOTE_MAX_LENGTH


def test_the_facilitator_writing_281_characters_for_someone_is_refused(leader, room):
    url = reverse("workshops:note_on_behalf", args=[room.workshop.pk])
    response = leader.post(url, {"kind": "good", "text": LONG, "name": "Bent"}, **HTMX)
    assert "280" in assert_danish_refusal(response)
    assert not Participant.objects.filter(display_name="Bent").exists()
    ok = leader.post(url, {"kind": "good", "text": "z" * 280, "name": "Bent"}, **HTMX)
    assert ok.status_code == 200
    assert Note.objects.get(participant__display_name="Bent").text == "z" * 280


# A successful action ----------------------------------------------------------------------


SUCCESSES = [
    ("closing", "workshops:status", {"status": "closed"}, "Workshoppen er afsluttet."),
    ("revealing a pair", tool("reveal_pair"), {}, "2 post-its vist."),
    ("revealing the pink", tool("reveal_pink"), {}, "1 post-it vist."),
    ("opening a wall link", "workshops:wall_link_action", {"action": "open"}, "væglink"),
    ("saving the settings", "workshops:live_settings", {"max_notes": "5"}, "gemt"),
    ("writing for someone", "workshops:note_on_behalf", {"kind": "good", "text": "Hej"}, ""),
    ("going to the next phase", "workshops:phase", {"action": "next"}, None),
    ("starting the timer", "workshops:timer", {"action": "start"}, None),
]


@pytest.mark.parametrize(
    "name, data, message", [s[1:] for s in SUCCESSES], ids=[s[0] for s in SUCCESSES]
)
def test_a_console_action_answers_with_the_consoles_regions_and_its_message(
    leader, room, name, data, message
):
    before = revision(room.workshop)
    response = leader.post(facilitator_url(name, room.workshop), data, **HTMX)
    assert response.status_code == 200
    assert 'id="region-console"' in response.content.decode()
    assert revision(room.workshop)[0] > before[0]
    if message is None:
        assert "HX-Trigger" not in response
    else:
        said = json.loads(response["HX-Trigger"])["live-message"]
        assert said and message in said
