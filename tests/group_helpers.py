"""Workshops whose phases run in groups, for the group tests. `group_workshop`: the default
method's phases in groups (round 1 in the reflection, round 2 in the presentation; the break
and the welcome show the table plan). `nyborg_workshop`: a Nyborg TalSammen day with both
themes chosen; phones that joined; groups seated directly with the models; a phone's group
action as static/js/live.js posts it."""

from django.test import Client
from django.urls import reverse

from workshops import live
from workshops.methods import load_all
from workshops.models import Group, GroupMember, Method, Participant, WorkshopPhase
from workshops.preparation import create_workshop

from . import factory
from .live_helpers import phone_joins

TOPICS = {
    "trivsel": {
        "title": "Arbejdsglæde",
        "description": "Hvad giver os lyst til at gå på arbejde?",
    },
    "ledelse": {
        "title": "Tydelig retning",
        "description": "Ved vi, hvor vi skal hen, og hvorfor?",
    },
}


def group_workshop(unit, **fields):
    """Round 1 in the reflection, round 2 in the presentation; the break and the welcome
    show the table plan."""
    workshop = factory.live_workshop(unit, **fields)
    workshop.topics = TOPICS
    workshop.save(update_fields=["topics"])
    rounds = {"reflection": (1, "trivsel"), "presentation": (2, "ledelse")}
    for tool, (number, topic) in rounds.items():
        WorkshopPhase.objects.filter(workshop=workshop, tool=tool).update(
            config={"groups": {"round": number, "size": [3, 4]}, "topic": topic}
        )
    return workshop


def nyborg_workshop(unit, **fields):
    if not Method.objects.filter(slug="nyborg-talsammen").exists():
        load_all()
    method = Method.objects.get(slug="nyborg-talsammen")
    fields.setdefault("topics", TOPICS)
    return create_workshop(unit=unit, method=method, **fields)


class Phone:
    """A participant's phone: the test client with its cookie and its participant."""

    def __init__(self, workshop, name):
        self.workshop = workshop
        self.client = phone_joins(workshop, name)
        self.participant = Participant.objects.get(workshop=workshop, display_name=name)

    def page(self) -> str:
        response = self.client.get(reverse("participant:screen", args=[self.workshop.join_token]))
        assert response.status_code == 200
        return response.content.decode()

    def act(self, action, **fields):
        return self.client.post(
            reverse("participant:action", args=[self.workshop.join_token, action]),
            fields,
            HTTP_X_REQUESTED_WITH="fetch",
        )

    def write(self, text, kind="point"):
        return self.act("skriv", kind=kind, text=text)


def phones(workshop, count, prefix="Deltager") -> list[Phone]:
    return [Phone(workshop, f"{prefix} {i}") for i in range(1, count + 1)]


def seat(workshop, tables: list[list], round_number=1) -> list[Group]:
    """Groups of this round, table by table (Phones or Participants)."""
    groups = []
    for number, table in enumerate(tables, start=1):
        group = Group.objects.create(workshop=workshop, round_number=round_number, number=number)
        for seated in table:
            participant = getattr(seated, "participant", seated)
            GroupMember.objects.create(
                group=group, round_number=round_number, participant=participant
            )
        groups.append(group)
    return groups


def go_to(workshop, tool, round_number=1):
    """The phase of this tool in this group round (the Nyborg day has each twice)."""
    for phase in workshop.phases.filter(tool=tool).order_by("order"):
        if (phase.config.get("groups") or {}).get("round", round_number) == round_number:
            return live.set_phase(workshop.pk, phase)
    raise AssertionError(f"no {tool} phase in round {round_number}")


def console(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def console_page(client, workshop) -> str:
    response = client.get(reverse("workshops:live", args=[workshop.pk]))
    assert response.status_code == 200
    return response.content.decode()


def wall_page(client, workshop) -> str:
    response = client.get(reverse("workshops:wall", args=[workshop.pk]))
    assert response.status_code == 200
    return response.content.decode()


def console_action(client, workshop, action, **fields):
    return client.post(
        reverse("workshops:tool_action", args=[workshop.pk, action]),
        fields,
        HTTP_X_REQUESTED_WITH="fetch",
    )
