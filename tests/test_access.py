"""Every URL of the project, called by every kind of user, answers as its view declares.

A view declares its rule with `units.permissions.declare(...)`. A new URL without a rule, or
whose answers disagree with its rule, fails here. Later issues extend KWARGS (how to build a
URL's arguments for the "own unit") and, if they add a rule, EXPECTED.
"""

from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from workshops import live

from . import factory

OK, LOGIN, NOT_FOUND, FORBIDDEN = "ok", "login", 404, 403
KINDS = ["anonymous", "stranger", "other_trio", "trio", "med_above", "hr", "facilitator"]

EXPECTED = {
    "public": dict.fromkeys(KINDS, OK),
    "login": {**dict.fromkeys(KINDS, OK), "anonymous": LOGIN},
    "unit_view": {
        "anonymous": LOGIN,
        "stranger": NOT_FOUND,
        "other_trio": NOT_FOUND,
        "trio": OK,
        "med_above": OK,
        "hr": OK,
        "facilitator": NOT_FOUND,  # the facilitator role opens no unit, only their workshops
    },
    "unit_change": {
        "anonymous": LOGIN,
        "stranger": NOT_FOUND,
        "other_trio": NOT_FOUND,
        "trio": OK,
        "med_above": FORBIDDEN,
        "hr": OK,
        "facilitator": NOT_FOUND,
    },
    # a workshop's preparation pages: also its named facilitator (who reads, never changes)
    "workshop_view": {
        "anonymous": LOGIN,
        "stranger": NOT_FOUND,
        "other_trio": NOT_FOUND,
        "trio": OK,
        "med_above": OK,
        "hr": OK,
        "facilitator": OK,
    },
    # running a workshop's live session: the trio, HR and the workshop's named facilitator
    "facilitate": {
        "anonymous": LOGIN,
        "stranger": NOT_FOUND,
        "other_trio": NOT_FOUND,
        "trio": OK,
        "med_above": FORBIDDEN,
        "hr": OK,
        "facilitator": OK,
    },
    "hr": {**dict.fromkeys(KINDS, FORBIDDEN), "anonymous": LOGIN, "hr": OK},
    "oversight": {
        **dict.fromkeys(KINDS, FORBIDDEN),
        "anonymous": LOGIN,
        "med_above": OK,
        "hr": OK,
    },
    # live-session endpoints for phones and screens: a login gives nothing, only the token
    "token": dict.fromkeys(KINDS, FORBIDDEN),
    # what a unit raises to MED/HR: they answer it; the trio sees it but does not answer
    "raised_answer": {
        "anonymous": LOGIN,
        "stranger": NOT_FOUND,
        "other_trio": NOT_FOUND,
        "trio": FORBIDDEN,
        "med_above": OK,
        "hr": OK,
        "facilitator": NOT_FOUND,
    },
}


# How to fill each URL argument: a function of the test world returning the value for
# something that belongs to the world's own unit.
def the_workshop(world):
    """One workshop of the own unit per test world, shared by every argument that needs it."""
    if not hasattr(world, "workshop"):
        # run by the world's facilitator, who holds the facilitator role and nothing else
        world.workshop = factory.live_workshop(world.unit, facilitator=world.facilitator)
        live.open_wall_link(world.workshop.pk)  # so the wall link's pages have one
        world.workshop.refresh_from_db()
    return world.workshop


def the_plan(world):
    if not hasattr(world, "plan"):
        world.plan = factory.action_plan(world.unit)
        holder = factory.tovholder(world.unit, token="access-test-token-" + str(world.unit.pk))
        world.plan.held = factory.activity(world.plan, tovholder=holder)
    return world.plan


KWARGS = {
    "unit_id": lambda world: world.unit.pk,
    "workshop_id": lambda world: the_workshop(world).pk,
    "join_token": lambda world: the_workshop(world).join_token,
    "screen": lambda world: "facilitator",
    "wall_token": lambda world: the_workshop(world).wall_token,
    "action": lambda world: "undo_reveal",
    "note_id": lambda world: factory.pink_note(the_workshop(world)).pk,
    "phase_id": lambda world: the_workshop(world).phases.first().pk,
    "pink_note_id": lambda world: factory.pink_note(the_workshop(world)).pk,
    "prep_item_id": lambda world: factory.prep_item(the_workshop(world)).pk,
    "checklist_item_id": lambda world: factory.checklist_item(the_workshop(world)).pk,
    "round_id": lambda world: factory.survey_round(world.organisation).pk,
    "report_id": lambda world: factory.survey_report(world.unit).pk,
    "uidb64": lambda world: "MQ",
    # action plans (issue 11): one plan of the own unit with an activity held by a tovholder
    # who has a live link, an item raised to MED/HR, and a live staff-room board link
    "plan_id": lambda world: the_plan(world).pk,
    "activity_id": lambda world: the_plan(world).held.pk,
    "tovholder_id": lambda world: the_plan(world).held.tovholder_id,
    "tovholder_token": lambda world: the_plan(world).held.tovholder.token,
    "raised_item_id": lambda world: factory.raised_item(world.unit).pk,
    "board_token": lambda world: factory.board_link(world.unit).token,
    "token": lambda world: "set-password",
    # a tovholder's signed link to see and stop their reminders (no login)
    "stop_key": lambda world: reminder_stop_key("tovholder@example.org"),
}


def reminder_stop_key(email):
    from actionplans.reminders import stop_key

    return stop_key(email)


SKIPPED_NAMESPACES = {"admin"}  # Django's admin: is_staff and its own permission checks


def walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            ns = entry.namespace or namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, entry


ALL_URLS = sorted(walk(get_resolver().url_patterns), key=lambda item: item[0] or "")


def test_every_url_has_a_name_and_a_declared_rule():
    missing = [
        name or str(entry.pattern)
        for name, entry in ALL_URLS
        if not name or getattr(entry.callback, "access_rule", None) not in EXPECTED
    ]
    assert missing == [], f"URLs without a name or a declared access rule: {missing}"


def user_of_kind(world, kind):
    return {
        "anonymous": None,
        "stranger": world.stranger,
        "other_trio": world.other_leader,
        "trio": world.leader,
        "med_above": world.med,
        "hr": world.hr,
        "facilitator": world.facilitator,
    }[kind]


def outcome(response):
    location = urlsplit(response.get("Location", ""))
    if (
        response.status_code == 302
        and location.path == reverse("login")
        and "next=" in location.query
    ):
        return LOGIN
    if response.status_code in (NOT_FOUND, FORBIDDEN):
        return response.status_code
    assert response.status_code < 500
    return OK


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name,entry", ALL_URLS, ids=[name for name, _ in ALL_URLS])
def test_url_answers_each_kind_of_user_as_declared(client, world, name, entry, kind):
    rule = entry.callback.access_rule
    kwargs = {key: KWARGS[key](world) for key in entry.pattern.converters}
    url = reverse(name, kwargs=kwargs)
    person = user_of_kind(world, kind)
    if person:
        client.force_login(person)
    method = getattr(entry.callback, "access_method", "GET")
    response = client.post(url) if method == "POST" else client.get(url)
    assert outcome(response) == EXPECTED[rule][kind], f"{method} {url} as {kind} ({rule})"


def test_a_view_without_a_declaration_is_caught(world):
    """The walker itself: an undeclared view is reported, not silently passed."""
    from django.urls import path

    def undeclared(request):  # pragma: no cover - never called
        raise AssertionError

    found = list(walk([path("x/", undeclared, name="undeclared")]))
    assert getattr(found[0][1].callback, "access_rule", None) is None
    assert factory.PASSWORD  # the factory is importable for later access rows
