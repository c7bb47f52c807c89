"""The wall follows what the trio changes on the ordinary pages while the workshop runs
(issue 20, item 2): the ground rules edited during the welcome, and a plan's answers and
activities written on the plan page during the arrow. The wall asks "anything newer than the
revision I show?" — it learns of the change at once and shows it, instead of staying stale
until something else happens in the room."""

from django.urls import reverse

from workshops.models import Workshop

from . import factory
from .live_helpers import go_to
from .test_arrow import on_the_arrow, room  # noqa: F401 - the fixture
from .test_wall_screens import wall_sync


def revision(workshop) -> int:
    return Workshop.objects.values_list("revision", flat=True).get(pk=workshop.pk)


def test_a_ground_rule_added_during_the_welcome_is_on_the_wall_at_once(client, world):
    workshop = factory.live_workshop(world.unit, facilitator=world.leader)
    go_to(workshop, "intro")
    client.force_login(world.leader)
    shown = revision(workshop)
    assert wall_sync(client, workshop, world.leader, since=shown).status_code == 204

    rules = [*workshop.ground_rules, "Vi lader telefonen ligge"]
    response = client.post(
        reverse("workshops:ground_rules", args=[workshop.pk]),
        {"rule": rules, "expectations": "To konkrete aftaler"},
    )
    assert response.status_code == 302

    assert revision(workshop) > shown
    update = wall_sync(client, workshop, world.leader, since=shown)
    assert update.status_code == 200
    html = update.content.decode()
    assert "Vi lader telefonen ligge" in html and "To konkrete aftaler" in html


def test_an_answer_saved_on_the_plan_page_during_the_arrow_is_on_the_wall(room):  # noqa: F811
    plan = on_the_arrow(room)
    leader = room.world.leader
    shown = revision(room.workshop)

    response = room.console.post(
        reverse("actionplans:plan_answers", args=[plan.pk]),
        {"title": plan.title, "change": "Faste stille timer om formiddagen", "version": 1},
    )
    assert response.status_code == 302

    assert revision(room.workshop) > shown
    update = wall_sync(room.console, room.workshop, leader, since=shown)
    assert update.status_code == 200
    assert "Faste stille timer om formiddagen" in update.content.decode()


def test_an_activity_added_on_the_plan_page_during_the_arrow_is_on_the_wall(room):  # noqa: F811
    plan = on_the_arrow(room)
    go_to_question_4 = reverse("workshops:tool_action", args=[room.workshop.pk, "arrow_step"])
    room.console.post(go_to_question_4, {"step": 4}, HTTP_HX_REQUEST="true")
    shown = revision(room.workshop)

    response = room.console.post(
        reverse("actionplans:activity_create", args=[plan.pk]),
        {
            "what": "Lydabsorberende plader i frokoststuen",
            "level": "ledelse",
            "tovholder_name": "Ole",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    assert revision(room.workshop) > shown
    update = wall_sync(room.console, room.workshop, room.world.leader, since=shown)
    assert "Lydabsorberende plader i frokoststuen" in update.content.decode()
