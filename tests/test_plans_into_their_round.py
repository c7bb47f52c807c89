"""Plans stored before plans followed their workshop into a round had no round, and HR's
overview of the round counted none of them. The data migration
actionplans/0006_plans_into_their_round gives each the round the app assigns today
(workshops.preparation.plans_round); its own copy of the "current round" rule is held
against the live one (surveys.models: Round.objects.current_for)."""

import datetime
import importlib
import itertools

import pytest
from django.apps import apps
from django.utils import timezone

from actionplans.models import ActionPlan
from surveys.models import Round
from workshops.models import Workshop
from workshops.preparation import plans_round_id

from . import factory

migration = importlib.import_module("actionplans.migrations.0006_plans_into_their_round")

D = datetime.date


def old_plan(unit, *, date=None, round_=None):
    """A plan as stored before this release: its workshop and itself without a round."""
    workshop = factory.prepared_workshop(unit, date=date)
    Workshop.objects.filter(pk=workshop.pk).update(round=round_)
    plan = factory.action_plan(unit, workshop=workshop)
    ActionPlan.objects.filter(pk=plan.pk).update(round=None)
    return plan


def test_the_plans_of_a_workshop_with_no_round_join_the_round_the_app_assigns(world):
    last_year = factory.survey_round(
        world.organisation, survey_opens=D(2025, 2, 1), action_plan_deadline=D(2025, 12, 1)
    )
    this_year = factory.survey_round(
        world.organisation, survey_opens=D(2026, 2, 1), action_plan_deadline=D(2026, 12, 1)
    )
    elsewhere = factory.unit("Anden kommune")  # no rounds at all
    in_2025 = old_plan(world.unit, date=D(2025, 5, 1))
    in_2026 = old_plan(world.other_unit, date=D(2026, 3, 1))
    undated = old_plan(world.unit)
    own_round = old_plan(world.unit, date=D(2026, 3, 1), round_=last_year)
    nowhere = old_plan(elsewhere, date=D(2026, 3, 1))
    kept = factory.action_plan(world.unit, round=last_year)  # had its round: untouched
    assert ActionPlan.objects.for_round(this_year).count() == 0  # HR's overview: none

    migration.plans_into_their_round(apps, None)

    rounds = dict(ActionPlan.objects.values_list("pk", "round_id"))
    assert rounds[in_2025.pk] == last_year.pk
    assert rounds[in_2026.pk] == this_year.pk
    assert rounds[own_round.pk] == last_year.pk
    assert rounds[nowhere.pk] is None
    assert rounds[kept.pk] == last_year.pk
    for plan in (in_2025, in_2026, undated, own_round, nowhere):
        plan.refresh_from_db()
        assert plan.round_id == plans_round_id(plan.workshop)  # what the app assigns today
    assert set(ActionPlan.objects.for_round(this_year)) >= {in_2026}


DAYS = [D(2025, 1, 1), D(2025, 3, 1), D(2025, 12, 1), D(2026, 1, 15), D(2026, 6, 1)]
OPENS = [None, D(2025, 2, 1), D(2026, 2, 1)]
ENDS = [None, D(2025, 11, 30), D(2026, 12, 1)]


@pytest.mark.parametrize("pairs", list(itertools.combinations(itertools.product(OPENS, ENDS), 2)))
def test_the_migrations_rule_is_the_apps_rule(world, pairs):
    """Two rounds of every shape (no opening day, no end, ended, open) on every kind of day:
    the migration's plain-value rule picks what Round.objects.current_for picks."""
    made = [
        factory.survey_round(world.organisation, survey_opens=opens, survey_closes=ends)
        for opens, ends in pairs
    ]
    factory.survey_round(factory.unit("Anden kommune"), survey_opens=D(2025, 1, 1))
    plain = [
        (r.pk, r.organisation_id, r.survey_opens, r.action_plan_deadline or r.survey_closes)
        for r in Round.objects.all()
    ]
    ancestors = migration.ancestor_ids(world.unit.path)
    for day in DAYS:
        expected = Round.objects.current_for(world.unit, day)
        assert migration.current_round_id(plain, ancestors, day) == (
            expected.pk if expected else None
        ), (day, made)


def test_an_undated_workshops_plans_go_to_todays_round(world):
    today = timezone.localdate()
    current = factory.survey_round(world.organisation, survey_opens=today)
    plan = old_plan(world.unit)
    migration.plans_into_their_round(apps, None)
    plan.refresh_from_db()
    assert plan.round == current
