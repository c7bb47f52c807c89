"""Participants write yellow post-its from their phones: nothing lost, nothing doubled,
never a silent overwrite."""

import uuid

import pytest
from django.urls import reverse

from workshops import live
from workshops.models import Note, Participant

from . import factory
from .live_helpers import change_note, go_to, phone_joins, post_note


@pytest.fixture
def workshop(world):
    """A workshop in its writing phase (the reflection), where phones write."""
    return go_to(factory.live_workshop(world.unit), "reflection")


def test_a_retried_post_creates_one_post_it(workshop):
    phone = phone_joins(workshop)
    key = uuid.uuid4()
    first = post_note(phone, workshop, key=key)
    retry = post_note(phone, workshop, key=key)
    assert first.status_code == 201 and retry.status_code == 200
    assert first.json()["note"]["id"] == retry.json()["note"]["id"]
    assert Note.objects.filter(workshop=workshop).count() == 1


def test_the_database_refuses_a_duplicate_key(workshop):
    from django.db import IntegrityError, transaction

    participant = Participant.objects.create(workshop=workshop)
    note = factory.yellow_note(participant)
    with pytest.raises(IntegrityError), transaction.atomic():
        factory.yellow_note(participant, client_key=note.client_key)


def test_an_empty_post_it_is_refused_with_a_danish_message(workshop):
    response = post_note(phone_joins(workshop), workshop, text="   ")
    assert response.status_code == 400
    assert response.json()["error"] == "Skriv noget på din post-it."


def test_the_maximum_per_person_is_enforced(workshop):
    workshop.max_notes_per_person = 2
    workshop.save()
    phone = phone_joins(workshop)
    assert post_note(phone, workshop).status_code == 201
    assert post_note(phone, workshop).status_code == 201
    third = post_note(phone, workshop)
    assert third.status_code == 400
    assert "højeste antal" in third.json()["error"]


def test_two_edits_from_two_screens_one_wins_the_other_gets_a_conflict(workshop):
    phone = phone_joins(workshop)
    note = post_note(phone, workshop, text="Første udgave").json()["note"]
    first = change_note(phone, workshop, note["id"], text="Fra telefonen", kind="good", version=1)
    second = change_note(
        phone, workshop, note["id"], text="Fra den anden skærm", kind="good", version=1
    )
    assert first.status_code == 200
    assert second.status_code == 409
    assert second.json()["note"]["text"] == "Fra telefonen"  # the fresh state comes back
    assert "ændret et andet sted" in second.json()["error"]
    assert Note.objects.get(pk=note["id"]).text == "Fra telefonen"


def test_a_participant_can_delete_and_undo_until_presented(workshop):
    phone = phone_joins(workshop)
    note = post_note(phone, workshop).json()["note"]
    deleted = change_note(phone, workshop, note["id"], action="delete", version=1)
    assert deleted.json()["note"]["deleted"] is True
    restored = change_note(phone, workshop, note["id"], action="restore")
    assert restored.json()["note"]["deleted"] is False
    go_to(workshop, "presentation")
    live.reveal_next_pair(workshop.pk)
    go_to(workshop, "reflection")  # even back in the writing phase
    refused = change_note(phone, workshop, note["id"], text="For sent", kind="good", version=3)
    assert refused.status_code == 409
    assert "allerede præsenteret" in refused.json()["error"]


def test_nobody_can_change_another_participants_post_it(workshop):
    karen, jonas = phone_joins(workshop, "Karen"), phone_joins(workshop, "Jonas")
    note = post_note(karen, workshop).json()["note"]
    response = change_note(jonas, workshop, note["id"], text="Hacket", kind="good", version=1)
    assert response.status_code == 404
    assert Note.objects.get(pk=note["id"]).text == "Godt samarbejde"


def test_a_phone_without_the_participant_cookie_cannot_write(workshop, client):
    response = post_note(client, workshop)
    assert response.status_code == 403
    assert not Note.objects.exists()


def test_a_participant_of_one_workshop_cannot_write_in_another(world, workshop):
    other = factory.live_workshop(world.unit)
    phone = phone_joins(workshop)
    assert post_note(phone, other).status_code == 403


def test_facilitator_adds_a_post_it_for_someone_without_a_phone(client, world, workshop):
    client.force_login(world.leader)
    client.post(
        reverse("workshops:note_on_behalf", args=[workshop.pk]),
        {"name": "Bent", "kind": "change", "text": "For mange møder"},
    )
    note = Note.objects.get(workshop=workshop)
    assert note.participant.display_name == "Bent" and note.participant.on_behalf
    assert note.colour == Note.Colour.YELLOW


def test_every_change_bumps_the_revision(workshop):
    phone = phone_joins(workshop)
    before = workshop.revision
    post_note(phone, workshop)
    workshop.refresh_from_db()
    assert workshop.revision > before


def test_the_answer_to_a_new_post_it_carries_the_phones_new_state(workshop):
    """The phone shows its own post-it from the answer; its next check is then a 204."""
    import re

    phone = phone_joins(workshop)
    answer = post_note(phone, workshop, text="Fra svaret").json()
    assert "Fra svaret" in answer["regions"]
    rev = re.search(r'data-rev="([\d.]+)"', answer["regions"])[1]
    sync = phone.get(reverse("participant:sync", args=[workshop.join_token]), {"since": rev})
    assert sync.status_code == 204


def test_the_delete_form_without_javascript_posts_to_the_post_its_own_address(workshop):
    phone = phone_joins(workshop)
    note_id = post_note(phone, workshop).json()["note"]["id"]
    page = phone.get(reverse("participant:screen", args=[workshop.join_token])).content.decode()
    own_address = reverse("participant:note_change", args=[workshop.join_token, note_id])
    assert f'action="{own_address}" data-delete-note' in page
    response = phone.post(own_address, {"action": "delete", "version": 1})
    assert response.status_code == 302
    assert Note.objects.get(pk=note_id).deleted


def test_a_key_used_by_another_phone_never_returns_their_post_it(workshop):
    """Karen's phone sent a post-it with a key; Jonas's phone sends the same key. Jonas is
    refused and never sees Karen's post-it, which is not on the wall yet."""
    karen, jonas = phone_joins(workshop, "Karen"), phone_joins(workshop, "Jonas")
    key = uuid.uuid4()
    assert post_note(karen, workshop, text="Min leder lytter ikke", key=key).status_code == 201
    response = post_note(jonas, workshop, text="Noget andet", key=key)
    assert response.status_code == 400
    assert "Min leder lytter ikke" not in response.content.decode()
    assert "en anden deltager" in response.json()["error"]
    assert not Note.objects.filter(participant__display_name="Jonas").exists()


def test_a_key_used_by_another_phone_is_refused_also_at_the_maximum(workshop):
    """At the per-person maximum a retry is still answered with the phone's own post-it,
    never with someone else's."""
    workshop.max_notes_per_person = 1
    workshop.save()
    karen, jonas = phone_joins(workshop, "Karen"), phone_joins(workshop, "Jonas")
    key = uuid.uuid4()
    post_note(karen, workshop, text="Min leder lytter ikke", key=key)
    post_note(jonas, workshop, text="Jonas' eneste")
    response = post_note(jonas, workshop, text="Noget andet", key=key)
    assert response.status_code == 400
    assert "Min leder lytter ikke" not in response.content.decode()
