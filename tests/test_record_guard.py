"""Every write a live screen shows goes through record() (issue 20, item 2): the guard that
holds the whole suite to it (tests/record_guard.py) catches a shown row of a live workshop
changed without a record, and lets the rest pass; and every model of the project says
whether a live screen shows it (workshops/live/shown.py), so a new model cannot slip past."""

from pathlib import Path

import pytest
from django.apps import apps
from django.db import transaction

from actionplans import actions as plans
from actionplans.models import ActionPlan, Activity
from tests import factory
from workshops.live.changes import record
from workshops.live.shown import HIDDEN, SHOWN
from workshops.models import Note, Workshop

from .live_helpers import go_to
from .record_guard import ROOT


@pytest.fixture
def running(world):
    """A workshop in its arrow phase with a plan the wall shows."""
    workshop = factory.live_workshop(world.unit)
    go_to(workshop, "arrow")
    workshop.refresh_from_db()
    plan = factory.action_plan(world.unit, workshop=workshop)
    return workshop, plan


def caught(guard) -> list[str]:
    """What the guard caught so far, taken (so the test itself does not fail on it)."""
    failures, guard.failures = guard.failures, []
    return failures


def test_an_answer_saved_without_record_is_caught(running, record_guard):
    workshop, plan = running
    with transaction.atomic():
        plans.save_answers(plan.pk, version=plan.version, change="Mindre støj")
    failures = caught(record_guard)
    assert len(failures) == 1
    assert "actionplans.ActionPlan" in failures[0] and "actionplans/actions.py" in failures[0]
    assert f"[{workshop.pk}]" in failures[0]


def test_the_same_answer_with_record_in_its_transaction_passes(running, record_guard):
    workshop, plan = running
    with transaction.atomic():
        plans.save_answers(plan.pk, version=plan.version, change="Mindre støj")
        record(workshop, "plan")
    assert caught(record_guard) == []


def test_a_record_in_another_transaction_does_not_count(running, record_guard):
    workshop, plan = running
    with transaction.atomic():
        record(workshop, "plan")
    with transaction.atomic():
        plans.save_answers(plan.pk, version=plan.version, change="Mindre støj")
    assert len(caught(record_guard)) == 1


def test_a_write_outside_any_transaction_is_caught(running, record_guard):
    workshop, _plan = running
    with record_guard.as_the_app():
        Workshop.objects.filter(pk=workshop.pk).update(ground_rules=["Ny regel"])
    assert len(caught(record_guard)) == 1


def test_saves_deletes_and_cascades_of_shown_rows_are_caught(running, record_guard):
    workshop, plan = running
    activity = factory.activity(plan)
    participant_note = Note.objects.create(workshop=workshop, text="Godt", kind="good")
    with record_guard.as_the_app():
        with transaction.atomic():
            participant_note.text = "Ændret"
            participant_note.save()
        with transaction.atomic():
            Activity.objects.filter(pk=activity.pk).delete()
        with transaction.atomic():
            ActionPlan.objects.get(pk=plan.pk).delete()
    failures = caught(record_guard)
    assert [f.split(" of ")[1].split(" ")[0] for f in failures] == [
        "workshops.Note",
        "actionplans.Activity",
        "actionplans.ActionPlan",
    ]


def test_what_no_screen_shows_passes(running, world, record_guard):
    """Hidden fields, hidden models, a workshop not running, a rolled-back transaction and a
    test's own setup need no record."""
    workshop, plan = running
    planned = factory.live_workshop(world.unit)  # made, not started
    with record_guard.as_the_app():
        with transaction.atomic():
            ActionPlan.objects.filter(pk=plan.pk).update(survey_themes=["Trivsel"])
            workshop.checklist.update(done=True)
        with transaction.atomic():
            Workshop.objects.filter(pk=planned.pk).update(ground_rules=["Ny regel"])
        with pytest.raises(RuntimeError), transaction.atomic():
            Workshop.objects.filter(pk=workshop.pk).update(ground_rules=["Ny regel"])
            raise RuntimeError("changed my mind")
    Workshop.objects.filter(pk=workshop.pk).update(ground_rules=["Sat af testen selv"])
    assert caught(record_guard) == []


def test_the_guards_own_lookups_are_not_counted(running, record_guard, django_assert_num_queries):
    """The suite's query counts are the app's: the guard's reads are left out of them."""
    workshop, plan = running
    activity = factory.activity(plan)
    # the update, with a savepoint and its release around it
    with record_guard.as_the_app(), django_assert_num_queries(3), transaction.atomic():
        Activity.objects.filter(pk=activity.pk).update(what="Nyt")
    assert len(caught(record_guard)) == 1


# The declaration ------------------------------------------------------------------------------


def project_models():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if ROOT in Path(model._meta.app_config.path).parents
        and ".venv" not in Path(model._meta.app_config.path).parts  # Django's own, installed here
    ]


def test_every_model_of_the_project_says_whether_a_live_screen_shows_it():
    labels = {model._meta.label for model in project_models()}
    undeclared = labels - set(SHOWN) - set(HIDDEN)
    assert not undeclared, f"declare these in workshops/live/shown.py: {sorted(undeclared)}"
    assert not set(SHOWN) & set(HIDDEN)
    assert set(SHOWN) | set(HIDDEN) <= labels, "a declared model that does not exist"
    assert all(reason.strip() for reason in HIDDEN.values())


@pytest.mark.django_db
def test_every_shown_model_leads_to_its_workshop_and_hides_only_real_fields():
    for label, declared in SHOWN.items():
        model = apps.get_model(label)
        names = {f.name for f in model._meta.concrete_fields}
        assert declared.hidden_fields <= names, label
        list(model.objects.values_list(declared.workshop, flat=True)[:1])  # the path works
