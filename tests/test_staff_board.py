"""The staff-room board: a read-only screen reached by an unguessable link, updating
itself, celebrating what is done, never showing post-it authors or survey scores."""

import pytest
from django.urls import reverse

from actionplans import links
from actionplans.actions import move_stage
from actionplans.models import Stage
from tests import factory


@pytest.fixture
def board(world):
    plan = factory.action_plan(world.unit, title="Støj")
    holder = factory.tovholder(world.unit, name="Mette Holm")
    activity = factory.activity(plan, what="Lydabsorbenter", tovholder=holder)
    return factory.board_link(world.unit), activity


def test_the_board_shows_every_plan_with_tovholder_and_deadline(client, board):
    link, activity = board
    html = client.get(reverse("staff_board", args=[link.token])).content.decode()
    assert "Støj" in html and "Lydabsorbenter" in html and "Mette Holm" in html
    assert 'hx-trigger="every 2000ms"' in html


def test_completed_activities_are_celebrated(client, board):
    link, activity = board
    move_stage(activity, Stage.DONE, by_name="Mette Holm")
    html = client.get(reverse("staff_board", args=[link.token])).content.decode()
    assert "Fejr successerne!" in html


def test_the_poll_answers_204_until_something_changes(client, board):
    link, activity = board
    regions = reverse("staff_board_regions", args=[link.token])
    since = links.board_signature(link.unit)
    assert client.get(regions, {"since": since}).status_code == 204
    move_stage(activity, Stage.UNDER_WAY, by_name="Mette Holm")
    changed = client.get(regions, {"since": since})
    assert changed.status_code == 200 and "I gang" in changed.content.decode()
    assert "<html" not in changed.content.decode()


def test_the_poll_is_cheap(client, board, django_assert_max_num_queries):
    link, _ = board
    regions = reverse("staff_board_regions", args=[link.token])
    since = links.board_signature(link.unit)
    with django_assert_max_num_queries(3):
        assert client.get(regions, {"since": since}).status_code == 204


def test_a_rotated_or_closed_link_is_gone_and_the_screen_reloads(client, world, board):
    link, _ = board
    old = link.token
    client.force_login(world.leader)
    client.post(reverse("actionplans:board_link", args=[world.unit.pk]))
    client.logout()
    assert client.get(reverse("staff_board", args=[old])).status_code == 404
    poll = client.get(reverse("staff_board_regions", args=[old]), {"since": "x"})
    assert poll.status_code == 404 and poll["HX-Refresh"] == "true"
    new = links.board_link(world.unit).token
    client.force_login(world.leader)
    revoke = reverse("actionplans:board_revoke", args=[world.unit.pk])
    assert "Vil du lukke" in client.get(revoke).content.decode()
    client.post(revoke)
    client.logout()
    assert client.get(reverse("staff_board", args=[new])).status_code == 404


def test_the_board_never_shows_post_it_authors_or_survey_scores(client, world, board):
    from workshops.models import Participant, Theme

    link, activity = board
    workshop = factory.live_workshop(world.unit, anonymous=False)
    theme = Theme.objects.create(workshop=workshop, title="Støj")
    person = Participant.objects.create(workshop=workshop, number=1, display_name="Karin")
    factory.yellow_note(person, text="Larm", theme=theme, revealed_at="2026-05-19T10:00Z")
    plan = activity.plan
    plan.theme, plan.workshop = theme, workshop
    plan.save()
    factory.survey_report(world.unit, scores={"Støjniveau": (41.7, 72.0)})
    response = client.get(reverse("staff_board", args=[link.token]))
    html = response.content.decode()
    # the board is there, with the plan made from the theme and its activity ...
    assert response.status_code == 200
    assert "Støj" in html and "Lydabsorbenter" in html and "Mette Holm" in html
    # ... but not who wrote the theme's post-it, what it says, or the survey's scores
    assert "Karin" not in html and "Larm" not in html
    assert "41,7" not in html and "41.7" not in html and "Støjniveau" not in html


def test_only_the_trio_makes_the_link(client, world):
    rotate = reverse("actionplans:board_link", args=[world.unit.pk])
    client.force_login(world.med)
    assert client.post(rotate).status_code == 403
    assert links.board_link(world.unit) is None
    client.force_login(world.leader)
    assert client.post(rotate).status_code == 302
    assert links.board_link(world.unit).token
