"""What a unit cannot settle itself is raised to its MED and HR: Organisation-level
activities and the matrix's left-side themes. MED and HR acknowledge and answer; the
answer shows back on the unit's plans page."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from actionplans import raised
from actionplans.models import ActionPlan, RaisedItem
from tests import factory
from units import permissions


@pytest.fixture
def plan(world):
    return factory.action_plan(world.unit, title="Travlhed")


def save(client, plan, level, what="Flere timer i budgettet", activity=None):
    name = "activity_edit" if activity else "activity_create"
    args = [plan.pk, activity.pk] if activity else [plan.pk]
    return client.post(reverse(f"actionplans:{name}", args=args), {"what": what, "level": level})


def test_an_organisation_level_activity_is_raised_and_follows_its_changes(client, world, plan):
    client.force_login(world.leader)
    save(client, plan, "organisation")
    activity = plan.activities.get()
    item = RaisedItem.objects.get(activity=activity)
    assert (item.unit, item.title, item.status) == (world.unit, "Flere timer i budgettet", "raised")
    save(client, plan, "organisation", what="Flere timer fra 2027", activity=activity)
    assert RaisedItem.objects.get(activity=activity).title == "Flere timer fra 2027"
    save(client, plan, "gruppe", activity=activity)
    assert not RaisedItem.objects.filter(activity=activity).exists()


def test_an_answered_item_stays_when_the_activity_leaves_the_level(client, world, plan):
    activity = factory.activity(plan, level="organisation")
    item = raised.sync_activity(activity)
    raised.answer(item, "Vi ser på det", user=world.hr)
    client.force_login(world.leader)
    save(client, plan, "ledelse", activity=activity)
    assert RaisedItem.objects.get(pk=item.pk).answer == "Vi ser på det"


def test_the_matrix_left_side_themes_are_sent_on_by_the_trio(client, world):
    from workshops.models import Theme

    workshop = factory.live_workshop(world.unit)
    left = Theme.objects.create(workshop=workshop, title="Løn", impact=0.9, influence=0.1)
    Theme.objects.create(workshop=workshop, title="Kaffe", impact=0.9, influence=0.9)
    Theme.objects.create(workshop=workshop, title="Ikke placeret")
    assert [t.title for t in raised.themes_to_raise(workshop)] == ["Løn"]
    client.force_login(world.leader)
    page = client.get(reverse("actionplans:plan_list", args=[world.unit.pk])).content.decode()
    assert "Send videre til MED/HR" in page and "Løn" in page
    client.post(reverse("actionplans:raise_themes", args=[workshop.pk]), {"themes": [left.pk]})
    assert RaisedItem.objects.get(theme=left).title == "Løn"
    assert raised.themes_to_raise(workshop) == []


def test_med_and_hr_may_answer_the_trio_may_not(world):
    assert permissions.can_answer_raised(world.med, world.unit)
    assert permissions.can_answer_raised(world.hr, world.unit)
    assert not permissions.can_answer_raised(world.leader, world.unit)
    assert not permissions.can_answer_raised(world.other_leader, world.unit)
    assert not permissions.can_answer_raised(world.stranger, world.unit)


def test_med_acknowledges_and_answers_and_the_unit_sees_the_answer(client, world, plan):
    item = raised.sync_activity(factory.activity(plan, level="organisation"))
    client.force_login(world.med)
    listing = client.get(reverse("actionplans:raised_list")).content.decode()
    assert item.title in listing and "Markér som modtaget" in listing
    client.post(reverse("actionplans:raised_acknowledge", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == "acknowledged" and item.acknowledged_by == world.med
    client.post(
        reverse("actionplans:raised_answer", args=[item.pk]),
        {f"r{item.pk}-answer": "Tages op på MED-mødet i januar"},
    )
    item.refresh_from_db()
    assert item.status == "answered" and item.answered_by == world.med
    client.force_login(world.leader)
    page = client.get(reverse("actionplans:plan_list", args=[world.unit.pk])).content.decode()
    assert "Tages op på MED-mødet i januar" in page and "Besvaret" in page


def test_an_empty_answer_is_refused_in_danish(client, world, plan):
    item = raised.sync_activity(factory.activity(plan, level="organisation"))
    client.force_login(world.hr)
    response = client.post(reverse("actionplans:raised_answer", args=[item.pk]), {})
    assert response.status_code == 400
    assert "Skriv et svar til enheden." in response.content.decode()


@pytest.mark.parametrize("who,status", [("leader", 403), ("other_leader", 404), ("med", 302)])
def test_who_may_answer_an_item(client, world, plan, who, status):
    item = raised.sync_activity(factory.activity(plan, level="organisation"))
    client.force_login(getattr(world, who))
    url = reverse("actionplans:raised_answer", args=[item.pk])
    assert client.post(url, {f"r{item.pk}-answer": "Svar"}).status_code == status


def test_each_sees_only_the_items_in_their_scope(client, world, plan):
    ours = raised.sync_activity(factory.activity(plan, level="organisation", what="Vores"))
    theirs = factory.raised_item(world.other_unit, title="Deres sag")
    client.force_login(world.leader)
    html = client.get(reverse("actionplans:raised_list")).content.decode()
    assert ours.title in html and theirs.title not in html
    assert "Markér som modtaget" not in html  # the trio reads, does not answer
    client.force_login(world.hr)
    html = client.get(reverse("actionplans:raised_list")).content.decode()
    assert ours.title in html and theirs.title in html


def test_the_demo_has_plans_at_different_stages_and_an_answered_item(db):
    call_command("demo")
    call_command("demo")
    plans = ActionPlan.objects.filter(unit__code="BK-BF-01")  # Lærkereden, half a year on
    assert plans.count() == 3
    stages = {a.stage for p in plans for a in p.activities.all()}
    assert {"done", "under_way", "planned", "not_started", "adjusted"} <= stages
    assert RaisedItem.objects.filter(status="answered").exists()
