"""What is agreed in the room reaches MED/HR (issue 18, item 2): an Organisation-level activity
added in the live arrow is raised at once, by the same rule as on the plan page, and a plan's
follow-ups count from the day the workshop was held, not its planned date."""

import datetime

from django.urls import reverse
from django.utils import timezone

from actionplans import editing
from actionplans.models import ActionPlan, RaisedItem, add_months
from workshops.live import arrow
from workshops.models import Theme

from . import factory
from .live_helpers import go_to
from .vote_helpers import console_action


def arrow_room(unit, **fields):
    workshop = factory.live_workshop(unit, **fields)
    theme = Theme.objects.create(workshop=workshop, title="Budgettet", chosen=True)
    go_to(workshop, "arrow")
    arrow.pick_theme(workshop.pk, theme.pk)
    return workshop, ActionPlan.objects.get(theme=theme)


def test_an_organisation_activity_added_in_the_live_arrow_is_raised_at_once(client, world):
    workshop, plan = arrow_room(world.unit)
    client.force_login(world.leader)
    answer = console_action(
        client,
        workshop,
        "add_activity",
        {"plan": plan.pk, "what": "Flere timer i budgettet", "level": "organisation"},
    )
    assert answer.status_code == 200
    activity = plan.activities.get()
    item = RaisedItem.objects.get(activity=activity)
    assert (item.unit, item.title, item.status) == (world.unit, "Flere timer i budgettet", "raised")
    # MED sees it without anyone saving the plan again
    client.force_login(world.med)
    assert (
        "Flere timer i budgettet" in client.get(reverse("actionplans:raised_list")).content.decode()
    )


def test_a_changed_activity_is_unraised_by_the_same_rule(world):
    workshop, plan = arrow_room(world.unit)
    activity = arrow.add_activity(workshop.pk, plan.pk, what="Nye stole", level="organisation")
    assert RaisedItem.objects.filter(activity=activity).exists()
    editing.save_activity(plan, activity, what="Nye stole", level="gruppe")
    assert not RaisedItem.objects.filter(activity=activity).exists()
    editing.save_activity(plan, activity, what="Nye stole", level="organisation")
    assert RaisedItem.objects.filter(activity=activity).exists()


def test_an_activity_added_in_a_group_level_is_not_raised(world):
    workshop, plan = arrow_room(world.unit)
    activity = arrow.add_activity(workshop.pk, plan.pk, what="Kaffeaftale", level="gruppe")
    assert not RaisedItem.objects.filter(activity=activity).exists()


def test_removing_an_answered_activity_in_the_arrow_keeps_the_answer(world):
    workshop, plan = arrow_room(world.unit)
    activity = arrow.add_activity(workshop.pk, plan.pk, what="Nye stole", level="organisation")
    item = RaisedItem.objects.get(activity=activity)
    item.status, item.answer = RaisedItem.Status.ANSWERED, "Bevilget"
    item.save()
    arrow.remove_activity(workshop.pk, activity.pk)
    assert RaisedItem.objects.get(pk=item.pk).answer == "Bevilget"


def test_follow_ups_count_from_the_day_the_workshop_is_held(client, world):
    """Planned for four months ago, held today: the follow-ups lie 3 and 6 months ahead, and
    the plan page does not call them overdue the day they are made."""
    today = timezone.localdate()
    planned = today - datetime.timedelta(days=120)
    workshop, plan = arrow_room(world.unit, date=planned)
    assert (plan.follow_up_first, plan.follow_up_second) == (
        add_months(today, 3),
        add_months(today, 6),
    )
    client.force_login(world.leader)
    page = client.get(reverse("actionplans:plan_detail", args=[plan.pk])).content.decode()
    assert "Overskredet" not in page


def test_a_plan_made_by_hand_after_the_close_counts_from_the_day_it_closed(world):
    workshop = factory.live_workshop(world.unit, date=datetime.date(2026, 3, 2))
    closed = timezone.make_aware(datetime.datetime(2026, 4, 15, 12, 0))
    workshop.status, workshop.closed_at = "closed", closed
    workshop.save()
    plan = editing.create_plan(world.unit, title="Fra P-pladsen", workshop=workshop)
    assert plan.follow_up_first == datetime.date(2026, 7, 15)
