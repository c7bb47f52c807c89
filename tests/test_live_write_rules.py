"""Post-its are written in the writing phase (the reflection) and never after the workshop
is closed. The phone hides its form outside it, and the server refuses the write all the
same, with a Danish message the phone shows: a new post-it, an edit, a delete, an undo."""

import uuid

import pytest
from django.urls import reverse

from workshops import live
from workshops.models import Note, Workshop

from . import factory
from .live_helpers import change_note, go_to, phone_joins, phone_page, post_note

NOT_NOW = "Post-its skrives i refleksionen. Nu er det ikke tid til at skrive."
CLOSED = "Workshoppen er afsluttet – der kan ikke skrives flere post-its."


@pytest.fixture
def workshop(world):
    return factory.live_workshop(world.unit)


def close(workshop):
    live.set_status(workshop.pk, Workshop.Status.CLOSED)


def test_before_the_writing_phase_a_phone_cannot_put_up_a_post_it(workshop):
    karen = phone_joins(workshop, "Karen")
    before_start = post_note(karen, workshop, text="Før start")
    go_to(workshop, "intro")
    in_welcome = post_note(karen, workshop, text="Under velkomsten")
    for response in (before_start, in_welcome):
        assert response.status_code == 400
        assert response.json()["error"] == NOT_NOW
    assert not Note.objects.exists()


def test_after_the_reflection_a_phone_cannot_put_up_a_post_it(workshop):
    karen = phone_joins(workshop, "Karen")
    go_to(workshop, "presentation")
    response = post_note(karen, workshop, text="For sent")
    assert response.status_code == 400 and response.json()["error"] == NOT_NOW
    assert not Note.objects.exists()


def test_once_the_workshop_is_closed_nobody_writes_even_in_the_reflection(workshop):
    karen = phone_joins(workshop, "Karen")
    go_to(workshop, "reflection")
    close(workshop)
    response = post_note(karen, workshop, text="Efter lukketid")
    assert response.status_code == 400 and response.json()["error"] == CLOSED
    assert not Note.objects.exists()


@pytest.mark.parametrize("moved_on", ["presentation", "closed"])
def test_outside_the_writing_phase_a_post_it_is_not_edited_deleted_or_restored(workshop, moved_on):
    karen = phone_joins(workshop, "Karen")
    go_to(workshop, "reflection")
    kept = post_note(karen, workshop, text="Som skrevet", kind="good").json()["note"]
    gone = post_note(karen, workshop, text="Slettet", kind="change").json()["note"]
    change_note(karen, workshop, gone["id"], action="delete", version=gone["version"])
    if moved_on == "closed":
        close(workshop)
    else:
        go_to(workshop, moved_on)

    edited = change_note(karen, workshop, kept["id"], text="Rettet", kind="good", version=1)
    deleted = change_note(karen, workshop, kept["id"], action="delete", version=1)
    restored = change_note(karen, workshop, gone["id"], action="restore", version=2)

    message = CLOSED if moved_on == "closed" else NOT_NOW
    for response in (edited, deleted, restored):
        assert response.status_code == 400 and response.json()["error"] == message
    kept_now, gone_now = Note.objects.get(pk=kept["id"]), Note.objects.get(pk=gone["id"])
    assert (kept_now.text, kept_now.deleted, kept_now.version) == ("Som skrevet", False, 1)
    assert gone_now.deleted


def test_a_retry_of_a_post_it_that_got_in_is_answered_after_the_phase_moved_on(workshop):
    """The first answer was lost on the way; the phone sends again after the facilitator
    moved on. It gets its post-it back, not a refusal that would put it in the composer."""
    karen = phone_joins(workshop, "Karen")
    go_to(workshop, "reflection")
    key = uuid.uuid4()
    first = post_note(karen, workshop, text="Kom med i tide", key=key)
    go_to(workshop, "presentation")
    retry = post_note(karen, workshop, text="Kom med i tide", key=key)
    assert retry.status_code == 200
    assert retry.json()["note"]["id"] == first.json()["note"]["id"]
    assert Note.objects.count() == 1


def test_without_javascript_the_refusal_is_shown_on_the_phones_page(workshop):
    karen = phone_joins(workshop, "Karen")
    url = reverse("participant:note_add", args=[workshop.join_token])
    response = karen.post(url, {"kind": "good", "text": "Uden script"}, follow=True)
    assert NOT_NOW in response.content.decode()
    assert not Note.objects.exists()


def test_the_facilitator_writes_for_someone_without_a_phone_in_any_phase_until_closed(
    client, world, workshop
):
    """Bent has no phone and dictates while the room presents: the facilitator may write
    it for him. Once the workshop is closed, nobody writes."""
    client.force_login(world.leader)
    url = reverse("workshops:note_on_behalf", args=[workshop.pk])
    fields = {"name": "Bent", "kind": "change", "text": "For mange møder"}
    go_to(workshop, "presentation")
    assert client.post(url, fields, HTTP_HX_REQUEST="true").status_code == 200
    assert Note.objects.get().participant.display_name == "Bent"
    close(workshop)
    refused = client.post(url, {**fields, "text": "Efter lukketid"}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 400 and refused.json()["error"] == CLOSED
    assert Note.objects.count() == 1


def test_the_phone_offers_writing_only_where_the_server_takes_it(workshop):
    karen = phone_joins(workshop, "Karen")
    go_to(workshop, "reflection")
    post_note(karen, workshop, text="Min post-it")
    writing = phone_page(karen, workshop)
    assert "data-writing" in writing and "data-composer>" in writing
    assert "data-edit-note" in writing and "data-delete-note" in writing
    go_to(workshop, "presentation")
    presenting = phone_page(karen, workshop)
    assert "data-writing" not in presenting and "data-composer hidden>" in presenting
    assert "data-edit-note" not in presenting and "data-delete-note" not in presenting
    go_to(workshop, "reflection")
    close(workshop)
    closed = phone_page(karen, workshop)
    assert "data-writing" not in closed and "data-composer hidden>" in closed
    assert "data-edit-note" not in closed
