"""Every URL of the project, called by every kind of user, answers as its view declares.

A view declares its rule with `units.permissions.declare(...)`. A new URL without a rule, or
whose answers disagree with its rule, fails here. Later issues extend KWARGS (how to build a
URL's arguments for the "own unit") and, if they add a rule, EXPECTED.
"""

import datetime
from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from workshops import live

from . import factory

OK, LOGIN, NOT_FOUND, FORBIDDEN = "ok", "login", 404, 403
KINDS = ["anonymous", "stranger", "other_trio", "trio", "med_above", "hr", "facilitator"]
# people whose access ended (issue 19): a member of the own unit who held an activity with a
# personal link and whose account was then deactivated, and one whose membership was
# removed. They get what an anonymous visitor and a stranger get, and their own old link is
# dead (FORMER_KINDS below).
# `ended_member` (issue 23): a member of the own unit whose role HR ended (Membership.end):
# the row stays for the history, and the ended role grants nothing.
FORMER_KINDS = {
    "deactivated_tovholder": "anonymous",
    "removed_member": "stranger",
    "ended_member": "stranger",
}

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
    # a unit's people and roles (issue 23): HR over the unit only; MED and the trio see the
    # unit but not this
    "people": {
        "anonymous": LOGIN,
        "stranger": NOT_FOUND,
        "other_trio": NOT_FOUND,
        "trio": FORBIDDEN,
        "med_above": FORBIDDEN,
        "hr": OK,
        "facilitator": NOT_FOUND,
    },
}
for _rules in EXPECTED.values():
    for _former, _like in FORMER_KINDS.items():
        _rules[_former] = _rules[_like]
ALL_KINDS = KINDS + list(FORMER_KINDS)


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
    # an employee's answer card for a workshop's themes (seed 004, Bilag 2; no login)
    "ballot_token": lambda world: the_ballot(world).token,
    # a tovholder's signed link to see and stop their reminders (no login)
    "stop_key": lambda world: reminder_stop_key("tovholder@example.org"),
    # people and roles (issue 23): the own unit's leader and their role there
    "person_id": lambda world: world.leader.pk,
    "membership_id": lambda world: world.leader.memberships.get().pk,
}


def the_ballot(world):
    from workshops.models import TopicBallot

    return TopicBallot.objects.create(workshop=the_workshop(world))


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


def former_tovholder(world, kind):
    """A member of the own unit picked as tovholder, with a live link and an open activity,
    whose access then ended: the account deactivated, or the membership removed."""
    from actionplans.editing import tovholder_for
    from actionplans.links import rotate_tovholder_link
    from units.models import Membership, Role

    person = factory.user(kind, role=Role.AMR, unit=world.unit)
    holder = rotate_tovholder_link(tovholder_for(world.unit, user=person))
    person.held = factory.activity(factory.action_plan(world.unit), tovholder=holder)
    if kind == "deactivated_tovholder":
        person.is_active = False
        person.save()
    elif kind == "ended_member":
        Membership.objects.get(user=person).end(datetime.date.today())
        assert Membership.history.filter(user=person).exists()  # kept for the history
    else:
        Membership.objects.filter(user=person).delete()
    return person


def user_of_kind(world, kind):
    if kind in FORMER_KINDS:
        return former_tovholder(world, kind)
    return {
        "anonymous": None,
        "stranger": world.stranger,
        "other_trio": world.other_leader,
        "trio": world.leader,
        "med_above": world.med,
        "hr": world.hr,
        "facilitator": world.facilitator,
    }[kind]


# the URLs of a tovholder's own link: a former member's own old link answers 404
OWN_LINK_ARGUMENTS = {
    "tovholder_token": lambda person: person.held.tovholder.token,
    "activity_id": lambda person: person.held.pk,
}


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


@pytest.mark.parametrize("kind", ALL_KINDS)
@pytest.mark.parametrize("name,entry", ALL_URLS, ids=[name for name, _ in ALL_URLS])
def test_url_answers_each_kind_of_user_as_declared(client, world, name, entry, kind):
    rule = entry.callback.access_rule
    kwargs = {key: KWARGS[key](world) for key in entry.pattern.converters}
    person = user_of_kind(world, kind)
    expected = EXPECTED[rule][kind]
    if kind in FORMER_KINDS and "tovholder_token" in kwargs:
        kwargs.update(
            {key: own(person) for key, own in OWN_LINK_ARGUMENTS.items() if key in kwargs}
        )
        expected = NOT_FOUND
    url = reverse(name, kwargs=kwargs)
    if person:
        client.force_login(person)
    method = getattr(entry.callback, "access_method", "GET")
    response = client.post(url) if method == "POST" else client.get(url)
    assert outcome(response) == expected, f"{method} {url} as {kind} ({rule})"


def test_a_view_without_a_declaration_is_caught(world):
    """The walker itself: an undeclared view is reported, not silently passed."""
    from django.urls import path

    def undeclared(request):  # pragma: no cover - never called
        raise AssertionError

    found = list(walk([path("x/", undeclared, name="undeclared")]))
    assert getattr(found[0][1].callback, "access_rule", None) is None
    assert factory.PASSWORD  # the factory is importable for later access rows
