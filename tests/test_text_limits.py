"""Every text has a limit (issue 19, item 4): an activity's "Hvordan?" and "Hvad
kommunikeres …" took 1,000,000 characters and showed them on every page and export. Each
text field of every form in the project (found by walking the modules, not listed by hand)
refuses a megabyte with a Danish message; the plan's and the activity's texts carry their
limit in the model, where their ModelForms and the live arrow read it."""

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.http import QueryDict

from actionplans import models as plan_models
from actionplans.forms import ActivityForm, PlanAnswersForm
from workshops.live import arrow

from . import factory

ROOT = Path(__file__).resolve().parents[1]
MEGABYTE = "x" * 1_000_001
ENGLISH = ("Ensure", "Enter a", "This field", "characters")


def project_form_classes():
    """Every form class defined in the project's form, view and admin modules."""
    patterns = ["*/*form*.py", "*/*/*form*.py", "*/views*.py", "*/*/views*.py", "*/admin.py"]
    paths = {path for pattern in patterns for path in ROOT.glob(pattern)}
    found = []
    for path in sorted(paths):
        if {".venv", "tests", "bench", "migrations"} & set(path.relative_to(ROOT).parts):
            continue
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        module = importlib.import_module(name)
        for cls in vars(module).values():
            if (
                inspect.isclass(cls)
                and issubclass(cls, forms.BaseForm)
                and cls.__module__ == name
                and not (issubclass(cls, forms.BaseModelForm) and cls._meta.model is None)
            ):
                found.append(cls)
    return found


FORMS = project_form_classes()


def test_the_walk_finds_the_forms_of_every_part_of_the_app():
    modules = {cls.__module__ for cls in FORMS}
    assert {
        "actionplans.forms",
        "actionplans.overview_forms",
        "surveys.forms",
        "trivsel.forms",
        "units.forms",
        "workshops.forms",
        "workshops.live.forms",
        "workshops.live.forms_arrow",
        "workshops.live.forms_vote",
    } <= modules
    assert len(FORMS) > 50


def instance(cls, data, world):
    """The form with `data`, given what its __init__ asks for by name."""
    provided = {
        "unit": world.unit,
        "workshop": factory.live_workshop(world.unit),
        "round_themes": (),
        "themes": (),
        "current": None,
        "departments": (),
        "phases": (),
        "rules": None,
    }
    wanted = {name for base in cls.__mro__ for name in inspect.signature(base.__init__).parameters}
    kwargs = {name: value for name, value in provided.items() if name in wanted}
    return cls(data=data, **kwargs)


@pytest.mark.parametrize("cls", FORMS, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_text_field_of_every_form_refuses_a_megabyte_in_danish(cls, world):
    empty = instance(cls, QueryDict(), world)
    texts = [name for name, field in empty.fields.items() if isinstance(field, forms.CharField)]
    if not texts:
        pytest.skip("no text field")
    data = QueryDict(mutable=True)
    for name in texts:
        data[empty.add_prefix(name)] = MEGABYTE

    form = instance(cls, data, world)

    assert not form.is_valid()
    for name in texts:
        assert name in form.errors, f"{cls.__name__}.{name} took a megabyte"
        for message in form.errors[name]:
            assert not any(word in message for word in ENGLISH), message


def test_the_plans_and_activitys_texts_carry_their_limit_in_the_model():
    for model in (plan_models.ActionPlan, plan_models.Activity, plan_models.StatusUpdate):
        unlimited = [
            field.name
            for field in model._meta.get_fields()
            if isinstance(field, (plan_models.models.TextField, plan_models.models.CharField))
            and not field.max_length
        ]
        assert unlimited == [], model
    assert PlanAnswersForm().fields["change"].max_length == plan_models.ANSWER_LENGTH


def test_an_activitys_how_is_refused_past_its_limit_and_kept_at_it(world):
    at_limit = "a" * plan_models.ACTIVITY_TEXT_LENGTH
    data = {"what": "Lydabsorbenter", "level": "gruppe", "how": at_limit}
    assert ActivityForm(data, unit=world.unit).is_valid()
    form = ActivityForm({**data, "how": at_limit + "a"}, unit=world.unit)
    assert form.errors["how"] == [
        f"Teksten er for lang: skriv højst {plan_models.ACTIVITY_TEXT_LENGTH} tegn (den har "
        f"{plan_models.ACTIVITY_TEXT_LENGTH + 1})."
    ]


def test_the_arrow_and_the_plan_page_hold_an_answer_to_the_same_limit(world):
    workshop = factory.live_workshop(world.unit)
    plan = factory.action_plan(world.unit, workshop=workshop)
    longest = "a" * plan_models.ANSWER_LENGTH
    arrow.save_answer(workshop.pk, plan.pk, "change", longest, version=plan.version)
    plan.refresh_from_db()
    form = PlanAnswersForm({"title": plan.title, "change": longest, "version": plan.version})
    assert form.is_valid(), form.errors
