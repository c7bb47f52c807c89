"""The arrow, live (issue 11): the chosen themes one at a time down the five questions; the
note-taker's answers saved as typed and shown on the wall, a stale save refused with the
fresh text; activities with IGLO levels and tovholdere; suggestions from the phones; the
krænkelse rule when the workshop is closed; the record read-only afterwards."""

import datetime
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from actionplans.models import ANSWER_LENGTH, ActionPlan, Activity, Suggestion, Tovholder
from workshops.live import actions as live
from workshops.live import arrow, board
from workshops.models import Note, Theme, Workshop

from . import factory
from .live_helpers import go_to, phone_joins, phone_page, screen_queries


@pytest.fixture
def room(world):
    """Two themes sent on to the arrow, one of them carrying a pink post-it about
    krænkelser; a third not chosen. The room is in the arrow phase; Karen has a phone."""
    workshop = factory.live_workshop(world.unit, facilitator=world.leader)
    phone = phone_joins(workshop, "Karen")
    pink = factory.pink_note(workshop, "Chikane i vagtplanen", harassment=True)
    go_to(workshop, "presentation")
    live.reveal_pink(workshop.pk)
    noise = Theme.objects.create(workshop=workshop, title="Støj", order=1, chosen=True)
    harassment = Theme.objects.create(workshop=workshop, title="Tonen", order=2, chosen=True)
    Theme.objects.create(workshop=workshop, title="Kaffe", order=3)
    Note.objects.filter(pk=pink.pk).update(theme=harassment)
    go_to(workshop, "arrow")
    console = Client()
    console.force_login(world.leader)
    return SimpleNamespace(
        workshop=workshop,
        console=console,
        phone=phone,
        noise=noise,
        harassment=harassment,
        world=world,
    )


def act(room, name, **data):
    url = reverse("workshops:tool_action", args=[room.workshop.pk, name])
    return room.console.post(url, data, HTTP_HX_REQUEST="true")


def type_answer(room, plan, field, text, version=None):
    return room.console.post(
        reverse("workshops:arrow_answer", args=[room.workshop.pk]),
        {"plan": plan.pk, "field": field, "text": text, "version": version or plan.version},
        HTTP_X_REQUESTED_WITH="fetch",
    )


def wall(room) -> str:
    response = room.console.get(reverse("workshops:wall", args=[room.workshop.pk]))
    assert response.status_code == 200
    return response.content.decode()


def console(room) -> str:
    response = room.console.get(reverse("workshops:live", args=[room.workshop.pk]))
    assert response.status_code == 200
    return response.content.decode()


def on_the_arrow(room, theme=None) -> ActionPlan:
    assert act(room, "arrow_theme", theme=(theme or room.noise).pk).status_code == 200
    return ActionPlan.objects.get(theme=theme or room.noise)


def test_the_wall_lists_the_chosen_themes_until_the_facilitator_picks_one(room):
    page = wall(room)
    assert "Støj" in page and "Tonen" in page and "Kaffe" not in page
    assert "Vælg et tema til venstre" in console(room)


def test_picking_a_theme_makes_its_plan_and_walks_the_five_questions_to_sæt_i_gang(room):
    plan = on_the_arrow(room)
    assert plan.workshop == room.workshop and plan.unit == room.workshop.unit
    assert plan.title == "Støj"
    assert "1. Hvad ønsker vi at forandre?" in wall(room)
    assert "Hvad ønsker vi at forandre?" in phone_page(room.phone, room.workshop)
    for step, words in [(2, "Hvad vil vi opnå?"), (3, "barrierer"), (5, "Hvornår følger vi op")]:
        act(room, "arrow_step", step=step)
        assert words in wall(room)
        assert words in phone_page(room.phone, room.workshop)
    act(room, "arrow_step", step=6)
    assert "arrow-steps__go is-current" in wall(room)
    assert "Sæt i gang" in phone_page(room.phone, room.workshop)
    assert act(room, "arrow_theme", theme=Theme.objects.get(title="Kaffe").pk).status_code == 400


def test_an_answer_typed_on_the_console_is_on_the_wall(room):
    plan = on_the_arrow(room)
    response = type_answer(room, plan, "change", "Mindre støj ved frokosten")
    assert response.status_code == 200 and response.json()["version"] == plan.version + 1
    plan.refresh_from_db()
    assert plan.change == "Mindre støj ved frokosten"
    assert "Mindre støj ved frokosten" in wall(room)


def test_a_stale_save_from_a_second_laptop_gets_the_fresh_text_not_an_overwrite(room):
    plan = on_the_arrow(room)
    first = type_answer(room, plan, "goal", "Ro i frokoststuen", version=plan.version)
    assert first.status_code == 200
    stale = type_answer(room, plan, "goal", "Noget andet", version=plan.version)
    assert stale.status_code == 409
    body = stale.json()
    assert body["text"] == "Ro i frokoststuen" and body["version"] == plan.version + 1
    assert "ændret et andet sted" in body["error"]
    plan.refresh_from_db()
    assert plan.goal == "Ro i frokoststuen"


def test_a_field_not_in_the_arrow_or_a_too_long_answer_is_refused_in_danish(room):
    plan = on_the_arrow(room)
    assert type_answer(room, plan, "title", "Nyt navn").json()["error"] == (
        "Det felt findes ikke i pilen."
    )
    too_long = type_answer(room, plan, "responsible", "x" * 201)
    assert too_long.status_code == 400 and "gør det kortere" in too_long.json()["error"]
    plan.refresh_from_db()
    assert plan.responsible == "" and plan.title == "Støj"


def test_the_rooms_limit_on_an_answer_is_the_plans_own(room):
    """One limit for an arrow answer, the plan's (actionplans.models.ANSWER_LENGTH): what the
    room may type is what the plan page may store."""
    plan = on_the_arrow(room)
    assert type_answer(room, plan, "why", "x" * ANSWER_LENGTH).status_code == 200
    too_long = type_answer(room, plan, "why", "x" * (ANSWER_LENGTH + 1))
    assert too_long.status_code == 400
    assert f"Der er plads til {ANSWER_LENGTH}" in too_long.json()["error"]


def test_a_plan_of_another_workshop_cannot_be_written_from_this_console(room):
    other = factory.live_workshop(room.world.unit)
    theme = Theme.objects.create(workshop=other, title="Andet", chosen=True)
    go_to(other, "arrow")
    arrow.pick_theme(other.pk, theme.pk)
    plan = ActionPlan.objects.get(theme=theme)
    response = type_answer(room, plan, "change", "Skjult")
    assert response.status_code == 400
    plan.refresh_from_db()
    assert plan.change == ""


def test_activities_at_iglo_levels_with_a_tovholder_by_name_in_the_unit(room):
    plan = on_the_arrow(room)
    act(room, "arrow_step", step=4)
    page = console(room)
    assert "Det, der skal løftes videre til MED/HR og organisationen." in page
    for what, level in [("Lydabsorbenter", "gruppe"), ("Ørepropper", "individ")]:
        response = act(
            room,
            "add_activity",
            plan=plan.pk,
            what=what,
            level=level,
            tovholder="  Mette   Holm ",
            deadline="2026-06-30",
        )
        assert response.status_code == 200
    assert Tovholder.objects.filter(unit=room.workshop.unit).count() == 1
    assert Tovholder.objects.get().name == "Mette Holm"
    activities = list(plan.activities.all())
    assert [a.level for a in activities] == ["gruppe", "individ"]
    assert activities[0].deadline == datetime.date(2026, 6, 30)
    page = wall(room)
    assert "Lydabsorbenter" in page and "Mette Holm" in page and "Gruppe" in page
    refused = act(room, "add_activity", plan=plan.pk, what="", level="nyt")
    assert refused.status_code == 400 and refused.json()["error"] == "Skriv, hvad der skal gøres."
    removed = act(room, "remove_activity", activity=activities[1].pk)
    assert removed.status_code == 200
    assert list(plan.activities.values_list("what", flat=True)) == ["Lydabsorbenter"]


def suggest(room, text, phone=None):
    return (phone or room.phone).post(
        reverse("participant:suggest", args=[room.workshop.join_token]),
        {"text": text},
        HTTP_X_REQUESTED_WITH="fetch",
    )


def test_a_phone_suggests_and_the_note_taker_takes_it_into_the_answer(room):
    plan = on_the_arrow(room)
    act(room, "arrow_step", step=2)
    type_answer(room, plan, "goal", "Ro")
    response = suggest(room, "Faste stille timer")
    assert response.status_code == 200 and "sendt til referenten" in response.json()["message"]
    suggestion = Suggestion.objects.get()
    assert suggestion.question == 2 and suggestion.participant.display_name == "Karen"
    page = console(room)
    assert "Faste stille timer" in page and "Karen" in page
    assert "Faste stille timer" not in wall(room)  # to the note-taker, not the room
    assert act(room, "suggestion", suggestion=suggestion.pk, action="accept").status_code == 200
    plan.refresh_from_db()
    assert plan.goal == "Ro\nFaste stille timer"
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACCEPTED
    suggest(room, "Ingen møder om fredagen")
    other = Suggestion.objects.get(status=Suggestion.Status.NEW)
    act(room, "suggestion", suggestion=other.pk, action="dismiss")
    plan.refresh_from_db()
    assert "fredagen" not in plan.goal
    assert "Ingen møder om fredagen" not in console(room)


def test_a_suggestion_taken_with_a_stale_version_is_refused_not_written_over(room):
    plan = on_the_arrow(room)
    suggest(room, "Et forslag")
    type_answer(room, plan, "change", "Skrevet imens")
    response = act(
        room, "suggestion", suggestion=Suggestion.objects.get().pk, action="accept", version=1
    )
    assert response.status_code == 400 and "ændret et andet sted" in response.json()["error"]
    assert Suggestion.objects.get().status == Suggestion.Status.NEW


def test_in_anonymous_mode_a_suggestion_names_nobody(world):
    workshop = factory.live_workshop(world.unit, facilitator=world.leader, anonymous=True)
    phone = phone_joins(workshop)
    theme = Theme.objects.create(workshop=workshop, title="Støj", chosen=True)
    go_to(workshop, "arrow")
    arrow.pick_theme(workshop.pk, theme.pk)
    room = SimpleNamespace(workshop=workshop, phone=phone)
    assert suggest(room, "Anonymt forslag").status_code == 200
    assert Suggestion.objects.get().participant is None


def test_a_suggestion_outside_the_arrow_or_before_a_theme_is_refused(room):
    assert suggest(room, "For tidligt").status_code == 400  # no theme picked yet
    on_the_arrow(room)
    go_to(room.workshop, "closing")
    assert suggest(room, "For sent").status_code == 400
    assert not Suggestion.objects.exists()


def test_hostile_answers_suggestions_and_activities_are_escaped(room):
    plan = on_the_arrow(room)
    act(room, "arrow_step", step=4)
    hostile = "<script>alert(1)</script>"
    type_answer(room, plan, "actions_text", hostile)
    act(room, "add_activity", plan=plan.pk, what=hostile, level="gruppe", tovholder=hostile)
    suggest(room, hostile)
    for page in (wall(room), console(room)):
        assert hostile not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_another_methods_words_for_the_arrow_need_only_its_phase_config(room):
    phase = room.workshop.phases.get(tool="arrow")
    phase.config = {
        "go_label": "Kør!",
        "questions": [
            {"title": "Hvad vil vi stoppe med?", "fields": [{"name": "change", "label": "Stop"}]},
            {"title": "Hvad vil vi gøre mere af?", "fields": [{"name": "goal", "label": "Mere"}]},
        ],
    }
    phase.save()
    plan = on_the_arrow(room)
    page = wall(room)
    assert "Hvad vil vi stoppe med?" in page and "Kør!" in page
    assert "Hvad ønsker vi at forandre?" not in page
    assert type_answer(room, plan, "barriers", "Ikke her").status_code == 400


# Closing: the krænkelse rule and the record -------------------------------------------------


def close(room):
    url = reverse("workshops:status", args=[room.workshop.pk])
    return room.console.post(url, {"status": "closed"}, HTTP_HX_REQUEST="true")


def test_the_workshop_cannot_be_closed_while_a_krænkelse_theme_has_no_made_plan(room):
    response = close(room)
    assert response.status_code == 400
    assert "»Tonen«" in response.json()["error"]
    assert "Krænkelser kræver altid handling" in response.json()["error"]
    assert Workshop.objects.get(pk=room.workshop.pk).status == Workshop.Status.LIVE
    go_to(room.workshop, "closing")
    assert "»Tonen«" in console(room)  # said before the facilitator tries

    go_to(room.workshop, "arrow")
    plan = on_the_arrow(room, room.harassment)
    act(room, "add_activity", plan=plan.pk, what="Samtale om tonen", level="ledelse")
    assert close(room).status_code == 400  # no tovholder, no deadline: not made yet
    act(
        room,
        "add_activity",
        plan=plan.pk,
        what="Fælles spilleregler for tonen",
        level="gruppe",
        tovholder="Ali",
        deadline="2026-05-01",
    )
    assert close(room).status_code == 200
    assert Workshop.objects.get(pk=room.workshop.pk).status == Workshop.Status.CLOSED


def test_after_closing_the_board_is_read_only_but_the_plans_stay_editable(room):
    plan = on_the_arrow(room, room.harassment)
    arrow.add_activity(
        room.workshop.pk,
        plan.pk,
        what="Spilleregler",
        level="gruppe",
        tovholder="Ali",
        deadline=datetime.date(2026, 5, 1),
    )
    live.set_status(room.workshop.pk, Workshop.Status.CLOSED)
    for change in (
        lambda: board.rename_theme(room.workshop.pk, room.noise.pk, "Nyt navn"),
        lambda: board.choose_theme(room.workshop.pk, room.noise.pk, False),
        lambda: board.sort_theme(room.workshop.pk, room.noise.pk, "parking"),
        lambda: board.undo_last(room.workshop.pk),
        lambda: live.undo_reveal(room.workshop.pk),
    ):
        with pytest.raises(live.LiveError, match="afsluttet"):
            change()
    assert Theme.objects.get(pk=room.noise.pk).title == "Støj"
    plan.refresh_from_db()
    assert type_answer(room, plan, "change", "Rettet bagefter").status_code == 200
    assert arrow.add_activity(room.workshop.pk, plan.pk, what="Mere", level="individ")
    assert Activity.objects.filter(plan=plan).count() == 2


def test_the_console_wall_and_a_phone_read_a_fixed_number_of_queries_at_20_and_200_post_its(
    world,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counts(notes: int) -> dict:
        workshop = factory.live_workshop(world.unit, facilitator=world.leader)
        go_to(workshop, "reflection")
        people = [live.join(workshop, display_name=f"P{i}") for i in range(12)]
        for i in range(notes):
            factory.yellow_note(people[i % 12], f"Post-it {i}", "good" if i % 2 else "change")
        go_to(workshop, "presentation")
        for person in people:
            while Note.objects.filter(participant=person, revealed_at__isnull=True).exists():
                live.reveal_next_pair(workshop.pk, person.pk)
        themes = []
        for i, note in enumerate(Note.objects.filter(workshop=workshop)):
            if i % 5 == 0:
                themes.append(Theme.objects.create(workshop=workshop, title=f"T{i}", chosen=True))
            Note.objects.filter(pk=note.pk).update(theme=themes[-1])
        go_to(workshop, "arrow")
        arrow.pick_theme(workshop.pk, themes[0].pk)
        plan = ActionPlan.objects.get(theme=themes[0])
        for i in range(3):
            arrow.add_activity(workshop.pk, plan.pk, what=f"A{i}", level="gruppe", tovholder="B")
        phone = Client()
        phone.cookies[f"tp{workshop.pk}"] = people[0].token
        arrow.suggest(people[0], "Et forslag")
        result = screen_queries(workshop, world.leader)
        with CaptureQueriesContext(connection) as queries:
            response = phone.get(reverse("participant:sync", args=[workshop.join_token]))
        assert response.status_code == 200 and "Et forslag" not in response.content.decode()
        result["phone"] = len(queries)
        return result

    assert counts(20) == counts(200)
