"""The closing (issue 11, seed 000 point 6): the wall shows the room's expectations again,
phones answer two questions about the dialogue, the trio reads a summary that says nobody's
name, and the workshop's page keeps it after the close."""

import pytest
from django.test import Client
from django.urls import reverse

from workshops.live import actions as live
from workshops.models import ClosingAnswer, Participant, Workshop

from . import factory
from .live_helpers import go_to, phone_joins, phone_page


@pytest.fixture
def closing(world):
    workshop = factory.live_workshop(
        world.unit, facilitator=world.leader, expectations="Tre konkrete aftaler"
    )
    phones = [phone_joins(workshop, name) for name in ("Karen", "Ali")]
    go_to(workshop, "closing")
    console = Client()
    console.force_login(world.leader)
    return workshop, phones, console


def answer(workshop, phone, good="", adjust=""):
    return phone.post(
        reverse("participant:closing", args=[workshop.join_token]),
        {"good": good, "adjust": adjust},
        HTTP_X_REQUESTED_WITH="fetch",
    )


def page(console, workshop, name="live") -> str:
    response = console.get(reverse(f"workshops:{name}", args=[workshop.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_wall_shows_the_expectations_again_and_the_phones_the_two_questions(closing):
    workshop, phones, console = closing
    wall = page(console, workshop, "wall")
    assert "Blev forventningerne indfriet?" in wall and "Tre konkrete aftaler" in wall
    phone = phone_page(phones[0], workshop)
    assert "Hvad har været særligt godt?" in phone
    assert "Er der noget, vi skal justere næste gang?" in phone


def test_two_phones_answer_and_the_trio_reads_a_summary_without_names(closing):
    workshop, phones, console = closing
    assert answer(workshop, phones[0], good="Gode samtaler", adjust="Mere tid").status_code == 200
    assert answer(workshop, phones[1], good="Trygt rum").status_code == 200
    summary = page(console, workshop)
    assert "Gode samtaler" in summary and "Trygt rum" in summary and "Mere tid" in summary
    assert "2 har svaret" in summary
    wall = page(console, workshop, "wall")
    assert "Gode samtaler" not in wall and "<strong>2</strong> har svaret" in wall


def test_an_answer_is_not_linked_to_its_participant_and_a_resend_replaces_it(closing):
    workshop, phones, console = closing
    answer(workshop, phones[0], good="Først")
    answer(workshop, phones[0], good="Rettet")
    stored = ClosingAnswer.objects.get()
    assert stored.good == "Rettet"
    assert {f.name for f in ClosingAnswer._meta.get_fields()}.isdisjoint({"participant"})
    for participant in Participant.objects.filter(workshop=workshop):
        assert str(participant.pk) != stored.respondent and participant.token != stored.respondent
    assert "Rettet" in phone_page(phones[0], workshop)  # the phone sees its own answer
    assert "Rettet" not in phone_page(phones[1], workshop)  # no other phone does


def test_in_anonymous_mode_the_answers_are_stored_the_same_way(world):
    workshop = factory.live_workshop(world.unit, anonymous=True)
    phone = phone_joins(workshop)
    go_to(workshop, "closing")
    assert answer(workshop, phone, good="Anonymt").status_code == 200
    assert ClosingAnswer.objects.get().good == "Anonymt"


def test_an_empty_answer_or_one_outside_the_closing_is_refused_in_danish(closing):
    workshop, phones, console = closing
    empty = answer(workshop, phones[0])
    assert empty.status_code == 400 and "mindst ét" in empty.json()["error"]
    go_to(workshop, "arrow")
    assert answer(workshop, phones[0], good="For tidligt").status_code == 400
    go_to(workshop, "closing")
    live.set_status(workshop.pk, Workshop.Status.CLOSED)
    assert answer(workshop, phones[0], good="For sent").status_code == 400
    assert not ClosingAnswer.objects.exists()


def test_after_the_close_the_workshops_page_keeps_the_evaluation(closing):
    workshop, phones, console = closing
    hostile = "<script>alert(1)</script>"
    answer(workshop, phones[0], good="Godt forberedt", adjust=hostile)
    assert "Deltagernes evaluering" not in page(console, workshop, "workshop_detail")
    live.set_status(workshop.pk, Workshop.Status.CLOSED)
    detail = page(console, workshop, "workshop_detail")
    assert "Deltagernes evaluering" in detail and "Godt forberedt" in detail
    assert hostile not in detail and "&lt;script&gt;" in detail


def test_closing_sends_the_themes_on_the_matrix_raise_side_on_to_med_and_hr(closing):
    from actionplans.models import RaisedItem
    from workshops.models import Theme

    workshop, _phones, _console = closing
    left = Theme.objects.create(workshop=workshop, title="Flere hænder", impact=0.9, influence=0.1)
    Theme.objects.create(workshop=workshop, title="Morgenmøder", impact=0.9, influence=0.9)
    live.set_status(workshop.pk, Workshop.Status.CLOSED)
    raised = RaisedItem.objects.get()
    assert raised.theme == left and raised.unit == workshop.unit
    live.set_status(workshop.pk, Workshop.Status.LIVE)
    live.set_status(workshop.pk, Workshop.Status.CLOSED)
    assert RaisedItem.objects.count() == 1  # closed again: sent once


def test_a_close_is_taken_back_the_same_day_and_after_that_the_workshop_is_a_record(closing):
    import datetime

    from django.utils import timezone

    workshop, _phones, console = closing
    live.set_status(workshop.pk, Workshop.Status.CLOSED)
    assert 'id="status-reopen"' in page(console, workshop)
    live.set_status(workshop.pk, Workshop.Status.LIVE)  # a slip in the room: back the same day
    live.set_status(workshop.pk, Workshop.Status.CLOSED)
    Workshop.objects.filter(pk=workshop.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=2)
    )
    with pytest.raises(live.LiveError, match="referat"):
        live.set_status(workshop.pk, Workshop.Status.LIVE)
    assert Workshop.objects.get(pk=workshop.pk).status == Workshop.Status.CLOSED
    html = page(console, workshop)
    assert 'id="status-reopen"' not in html and "er nu et referat" in html
