"""A plan's and a unit's progress come from the activities' status arrows."""

import datetime

import pytest

from actionplans.models import ActionPlan, Stage, add_months
from actionplans.progress import activity_percent, is_made, plan_percent, unit_percent
from tests import factory

pytestmark = pytest.mark.django_db


def test_each_forward_stage_moves_the_arrow_further():
    percents = [activity_percent(stage) for stage in Stage.values if stage != Stage.DROPPED]
    assert activity_percent(Stage.NOT_STARTED) == 0
    assert activity_percent(Stage.DONE) == 100
    assert all(0 <= percent <= 100 for percent in percents)


def test_a_plan_is_the_mean_of_its_activities_and_a_dropped_one_leaves_the_mean():
    unit = factory.unit()
    plan = factory.action_plan(unit)
    factory.activity(plan, stage=Stage.DONE)
    factory.activity(plan, stage=Stage.UNDER_WAY)
    factory.activity(plan, stage=Stage.DROPPED)
    assert plan_percent(plan.activities.all()) == 75


def test_a_plan_without_activities_has_no_progress_and_a_unit_averages_its_plans():
    unit = factory.unit()
    empty = factory.action_plan(unit)
    half = factory.action_plan(unit, title="Møder")
    factory.activity(half, stage=Stage.UNDER_WAY)
    done = factory.action_plan(unit, title="Vagtplan")
    factory.activity(done, stage=Stage.DONE)
    assert plan_percent(empty.activities.all()) is None
    plans = [list(plan.activities.all()) for plan in ActionPlan.objects.filter(unit=unit)]
    assert unit_percent(plans) == 75


def test_a_plan_counts_as_made_only_with_an_activity_that_has_a_tovholder_and_a_deadline():
    unit = factory.unit()
    plan = factory.action_plan(unit)
    factory.activity(plan, deadline=datetime.date(2027, 3, 1))
    assert not is_made(plan.activities.all())
    factory.activity(plan, tovholder=factory.tovholder(unit))
    assert not is_made(plan.activities.all())
    factory.activity(
        plan, tovholder=factory.tovholder(unit, name="Ali"), deadline=datetime.date(2027, 3, 1)
    )
    assert is_made(plan.activities.all())


def test_follow_ups_default_to_three_and_six_months_after_the_workshop():
    plan = ActionPlan(title="x")
    plan.set_default_follow_ups(datetime.date(2026, 8, 31))
    assert plan.follow_up_first == datetime.date(2026, 11, 30)
    assert plan.follow_up_second == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2027, 11, 15), 3) == datetime.date(2028, 2, 15)


def test_the_status_arrow_keeps_every_move_and_asks_a_reason_to_drop():
    from actionplans.actions import StageRefused, move_stage

    unit = factory.unit()
    leader = factory.user(role="leader", unit=unit, first_name="Lene")
    item = factory.activity(factory.action_plan(unit))
    move_stage(item, Stage.UNDER_WAY, comment="Vi er gået i gang", by_user=leader)
    with pytest.raises(StageRefused):
        move_stage(item, Stage.DROPPED)
    move_stage(item, Stage.DROPPED, comment="Budgettet blev skåret", by_name="Mette Holm")
    item.refresh_from_db()
    assert item.stage == Stage.DROPPED and item.stage_reason == "Budgettet blev skåret"
    history = [(u.previous_stage, u.stage, u.by_name) for u in item.updates.order_by("pk")]
    assert history == [
        (Stage.NOT_STARTED, Stage.UNDER_WAY, "Lene"),
        (Stage.UNDER_WAY, Stage.DROPPED, "Mette Holm"),
    ]


def test_a_stale_edit_of_a_plan_is_a_conflict_not_an_overwrite():
    from actionplans.actions import PlanConflict, save_answers

    plan = factory.action_plan(factory.unit())
    save_answers(plan.pk, version=1, goal="Ro ved frokosten")
    with pytest.raises(PlanConflict) as conflict:
        save_answers(plan.pk, version=1, goal="Noget andet")
    assert conflict.value.current.goal == "Ro ved frokosten"
