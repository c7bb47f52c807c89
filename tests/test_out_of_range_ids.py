"""An id nobody's database can hold (20 digits) is "not found" or a refused form, never a
500 (issue 19, item 6): on SQLite the wall's live check read it raw and raised OverflowError,
and the vote's `themes=99999999999999999999999` did the same in `pk__in`. The walk covers
every URL with an id and every form field that takes one, as a user who may use them; it
runs on whichever database the suite runs on (SQLite and PostgreSQL)."""

import importlib
import pkgutil

import pytest
from django import forms
from django.core.validators import MaxValueValidator
from django.urls import reverse

from trivsel.idfields import (
    MAX_ID,
    BoundedModelChoiceField,
    BoundedModelMultipleChoiceField,
)
from workshops.converters import IdConverter
from workshops.models import Vote
from workshops.tools import tool_of

from .live_helpers import go_to, phone_joins
from .test_access import ALL_URLS, KWARGS, the_workshop

TOO_LARGE = ["9" * 20, str(MAX_ID + 1)]  # 20 digits, and one past the largest 64-bit id
REFUSED = {400, 403, 404}
MARKER = 4242424242424242  # stands in for the id under test while the URL is reversed

PROJECT_APPS = ("accounts", "actionplans", "surveys", "trivsel", "units", "workshops")


def urls_with_ids():
    for name, entry in ALL_URLS:
        ids = [
            key for key, conv in entry.pattern.converters.items() if isinstance(conv, IdConverter)
        ]
        for key in ids:
            yield name, entry, key


URLS_WITH_IDS = list(urls_with_ids())


def test_every_id_in_a_url_goes_through_the_bounded_converter():
    plain_ints = [
        f"{name}: {key}"
        for name, entry in ALL_URLS
        for key, conv in entry.pattern.converters.items()
        if type(conv).__name__ == "IntConverter"
    ]
    assert plain_ints == [], "write <id:…>, not <int:…>"
    assert len(URLS_WITH_IDS) > 50


@pytest.mark.parametrize("too_large", TOO_LARGE)
@pytest.mark.parametrize(
    "name,entry,key", URLS_WITH_IDS, ids=[f"{name}-{key}" for name, _, key in URLS_WITH_IDS]
)
def test_a_url_with_an_id_too_large_for_the_database_is_not_found(
    client, world, name, entry, key, too_large
):
    kwargs = {k: KWARGS[k](world) for k in entry.pattern.converters}
    kwargs[key] = MARKER
    url = reverse(name, kwargs=kwargs).replace(str(MARKER), too_large)
    client.force_login(world.leader)
    method = getattr(entry.callback, "access_method", "GET")
    response = client.post(url) if method == "POST" else client.get(url, {"since": "1"})
    assert response.status_code in REFUSED, f"{method} {url}"


def test_the_walls_live_check_with_a_20_digit_workshop_is_a_404(client, world):
    client.force_login(world.leader)
    url = f"/workshops/{'9' * 20}/live/sync/wall/?since=1"
    assert client.get(url).status_code == 404


# --- every form field that takes an id ---------------------------------------------------------


def project_forms() -> list[type[forms.BaseForm]]:
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" in module.name or ".management" in module.name:
                continue
            importlib.import_module(module.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.split(".")[0] in PROJECT_APPS:
                found.add(sub)
    return sorted(found, key=lambda form: f"{form.__module__}.{form.__qualname__}")


FORMS = project_forms()


def id_fields(form_class):
    for name, field in form_class.base_fields.items():
        if isinstance(field, (forms.IntegerField, forms.ModelChoiceField)):
            yield name, field


ID_FIELD_NAMES = sorted({name for form in FORMS for name, _ in id_fields(form)})


def bounded_by_its_model(form_class, name) -> bool:
    """A model form's number field is checked by the model field's own range (full_clean)."""
    model = getattr(getattr(form_class, "_meta", None), "model", None)
    if model is None:
        return False
    limits = [
        v.limit_value
        for v in model._meta.get_field(name).validators
        if isinstance(v, MaxValueValidator)
    ]
    return bool(limits) and min(limits) <= MAX_ID


def test_every_form_field_for_an_id_or_a_number_is_bounded():
    unbounded = []
    for form in FORMS:
        for name, field in id_fields(form):
            if isinstance(field, forms.ModelMultipleChoiceField):
                ok = isinstance(field, BoundedModelMultipleChoiceField)
            elif isinstance(field, forms.ModelChoiceField):
                ok = isinstance(field, BoundedModelChoiceField)
            else:
                ok = field.max_value is not None and field.max_value <= MAX_ID
                ok = ok or bounded_by_its_model(form, name)
            if not ok:
                unbounded.append(f"{form.__module__}.{form.__qualname__}.{name}")
    assert unbounded == []
    assert {"themes", "theme", "plan", "activity", "version", "maaling"} <= set(ID_FIELD_NAMES)


def every_id_field(value):
    return {name: value for name in ID_FIELD_NAMES}


def post_urls():
    return [
        (name, entry)
        for name, entry in ALL_URLS
        if getattr(entry.callback, "access_method", "GET") == "POST"
    ]


@pytest.mark.parametrize("too_large", TOO_LARGE)
def test_every_form_refuses_20_digit_ids_as_the_people_who_may_post_it(client, world, too_large):
    """Every POST of the project with every id field set to a number too large, as the trio
    (the console, the plans) and as a phone (its own pages)."""
    phone = phone_joins(the_workshop(world))
    client.force_login(world.leader)
    answers = {}
    for name, entry in post_urls():
        kwargs = {k: KWARGS[k](world) for k in entry.pattern.converters}
        who = phone if "join_token" in kwargs else client
        response = who.post(reverse(name, kwargs=kwargs), every_id_field(too_large))
        answers[name] = response.status_code
    assert all(code < 500 for code in answers.values()), answers


@pytest.mark.parametrize("too_large", TOO_LARGE)
def test_every_console_action_of_every_phase_refuses_20_digit_ids(client, world, too_large):
    workshop = the_workshop(world)
    client.force_login(world.leader)
    answers = {}
    for phase in workshop.phases.order_by("order"):
        go_to(workshop, phase.tool)
        workshop.refresh_from_db()
        for action in tool_of(workshop.current_phase).actions:
            url = reverse("workshops:tool_action", args=[workshop.pk, action])
            response = client.post(url, every_id_field(too_large), HTTP_X_REQUESTED_WITH="fetch")
            answers[f"{phase.tool}:{action}"] = response.status_code
    assert {"vote:open_vote", "vote:apply_vote"} <= set(answers)
    assert all(code in REFUSED for code in answers.values()), answers


def test_opening_the_vote_with_a_theme_id_too_large_is_refused_and_opens_nothing(client, world):
    workshop = the_workshop(world)
    go_to(workshop, "vote")
    client.force_login(world.leader)
    url = reverse("workshops:tool_action", args=[workshop.pk, "open_vote"])
    response = client.post(url, {"themes": ["9" * 23, "9" * 23]}, HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 400
    assert not Vote.objects.filter(workshop=workshop).exists()
