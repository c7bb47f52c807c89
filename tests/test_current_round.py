"""A new workshop belongs to the unit's current survey round, and a workshop's plans always
count in a round: HR's overview and the round's files hold every plan the room made."""

import datetime

from django.urls import reverse
from django.utils import timezone

from actionplans.actions import plan_for_theme
from actionplans.models import ActionPlan
from surveys.models import Round
from workshops.models import Theme

from . import factory

TODAY = timezone.localdate()
DAYS = datetime.timedelta(days=1)


def rounds(world):
    """Last year's round (over), this year's (open until its plan deadline) and next year's
    (not opened yet)."""
    return {
        "last": factory.survey_round(
            world.organisation,
            name="Trivselsmåling 2025",
            survey_opens=TODAY - 400 * DAYS,
            action_plan_deadline=TODAY - 200 * DAYS,
        ),
        "this": factory.survey_round(
            world.organisation,
            name="Trivselsmåling 2026",
            survey_opens=TODAY - 60 * DAYS,
            workshops_until=TODAY + 30 * DAYS,
            action_plan_deadline=TODAY + 60 * DAYS,
        ),
        "next": factory.survey_round(
            world.organisation, name="Trivselsmåling 2027", survey_opens=TODAY + 300 * DAYS
        ),
    }


def test_ny_trivselsdialog_starts_on_the_round_in_progress(client, world):
    this = rounds(world)["this"]
    client.force_login(world.leader)
    response = client.get(reverse("workshops:workshop_create", args=[world.unit.pk]))
    assert response.context["form"]["round"].value() == this.pk
    assert f'<option value="{this.pk}" selected>Trivselsmåling 2026</option>' in (
        response.content.decode()
    )


def test_the_current_round_is_the_newest_covering_today_else_the_newest_opened(world):
    made = rounds(world)
    assert Round.objects.current_for(world.unit, TODAY) == made["this"]
    assert Round.objects.current_for(world.unit, TODAY + 100 * DAYS) == made["this"]  # no newer
    assert Round.objects.current_for(world.unit, TODAY - 300 * DAYS) == made["last"]
    assert Round.objects.current_for(world.unit, TODAY - 500 * DAYS) is None
    elsewhere = factory.unit("Anden kommune")
    assert Round.objects.current_for(elsewhere, TODAY) is None


def test_a_plan_from_a_workshop_without_a_round_counts_in_the_round_of_its_day(world):
    made = rounds(world)
    workshop = factory.live_workshop(world.unit, date=TODAY - 3 * DAYS)
    assert workshop.round is None
    theme = Theme.objects.create(workshop=workshop, title="Støj", order=1, chosen=True)
    plan = plan_for_theme(theme)
    assert plan.round == made["this"]
    assert list(ActionPlan.objects.for_round(made["this"])) == [plan]


def test_choosing_the_workshops_round_afterwards_moves_its_plans_along(client, world):
    made = rounds(world)
    workshop = factory.live_workshop(world.unit, date=TODAY)
    theme = Theme.objects.create(workshop=workshop, title="Støj", order=1, chosen=True)
    plan = plan_for_theme(theme)
    client.force_login(world.leader)
    edit = reverse("workshops:workshop_edit", args=[workshop.pk])
    data = {
        "title": workshop.title,
        "date": TODAY.isoformat(),
        "planned_minutes": "150",
        "round": made["last"].pk,
    }
    assert client.post(edit, data).status_code == 302
    plan.refresh_from_db()
    assert plan.round == made["last"]


def test_hrs_overview_counts_the_plans_of_a_workshop_without_a_round(client, world):
    made = rounds(world)
    workshop = factory.live_workshop(world.unit, date=TODAY - 3 * DAYS)
    for order, title in enumerate(["Støj", "Møder"], start=1):
        plan_for_theme(Theme.objects.create(workshop=workshop, title=title, order=order))
    client.force_login(world.hr)
    response = client.get(reverse("actionplans:overview", args=[made["this"].pk]))
    row = next(r for r in response.context["page"].object_list if r.unit_id == world.unit.pk)
    assert row.plans == 2
