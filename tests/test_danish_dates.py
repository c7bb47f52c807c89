"""A date typed the Danish way is a date (issue 19, item 7): the arrow's deadline said
"fx 30-06-2026" and refused exactly that. Every date field with a Danish hint takes the
forms it names and the date picker's ISO date, and says in Danish what it wants."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from actionplans.forms import ActivityForm, FollowUpForm
from workshops.forms import WorkshopForm
from workshops.live.forms_arrow import ActivityForm as ArrowActivityForm
from workshops.models import Theme

from . import factory
from .live_helpers import go_to

JUNE_30 = datetime.date(2026, 6, 30)
TYPED = ["30-06-2026", "30.06.2026", "30/06/2026", "30-06-26", "2026-06-30", " 30-06-2026 "]


def test_the_arrows_deadline_takes_the_example_its_message_gives(world):
    workshop = factory.live_workshop(world.unit, facilitator=world.leader)
    theme = Theme.objects.create(workshop=workshop, title="Støj", order=1, chosen=True)
    go_to(workshop, "arrow")
    console = Client()
    console.force_login(world.leader)

    def act(name, **data):
        url = reverse("workshops:tool_action", args=[workshop.pk, name])
        return console.post(url, data, HTTP_HX_REQUEST="true")

    act("arrow_theme", theme=theme.pk)
    response = act(
        "add_activity",
        plan=theme.plan.pk,
        what="Lydabsorbenter",
        level="gruppe",
        deadline="30-06-2026",
    )

    assert response.status_code == 200
    assert theme.plan.activities.get().deadline == JUNE_30
    refused = act(
        "add_activity",
        plan=theme.plan.pk,
        what="Ørepropper",
        level="gruppe",
        deadline="den sidste juni",
    )
    assert refused.status_code == 400
    assert "fx 30-06-2026" in refused.json()["error"]


@pytest.mark.parametrize("typed", TYPED)
def test_every_date_field_takes_the_danish_forms_and_the_date_pickers(world, typed):
    arrow = ArrowActivityForm(
        {"plan": 1, "what": "x", "level": "gruppe", "deadline": typed},
        workshop=factory.live_workshop(world.unit),
    )
    assert arrow.is_valid(), arrow.errors
    assert arrow.cleaned_data["deadline"] == JUNE_30

    activity = ActivityForm({"what": "x", "level": "gruppe", "deadline": typed}, unit=world.unit)
    assert activity.is_valid(), activity.errors
    assert activity.cleaned_data["deadline"] == JUNE_30

    follow_up = FollowUpForm({"first": typed, "second": "31-12-2026"})
    assert follow_up.is_valid(), follow_up.errors
    assert follow_up.cleaned_data["first"] == JUNE_30

    workshop = WorkshopForm({"date": typed}, unit=world.unit)
    workshop.is_valid()
    assert "date" not in workshop.errors
    assert workshop.cleaned_data["date"] == JUNE_30


def test_a_date_that_is_no_date_is_refused_in_danish_with_an_example(world):
    activity = ActivityForm(
        {"what": "x", "level": "gruppe", "deadline": "31-06-2026"}, unit=world.unit
    )
    assert not activity.is_valid()
    assert activity.errors["deadline"] == ["Skriv datoen som dag-måned-år, fx 30-06-2026."]
    follow_up = FollowUpForm({"first": "i morgen"})
    assert "fx 30-06-2026" in follow_up.errors["first"][0]
    workshop = WorkshopForm({"date": "12/13/2026"}, unit=world.unit)
    assert "fx 30-06-2026" in workshop.errors["date"][0]
