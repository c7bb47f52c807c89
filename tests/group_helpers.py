"""A workshop whose phases run in groups, as Nyborg's day does (seed 004): round 1 on the
trivselstema, a break with new tables, round 2 on the ledelsestema. Built on the default
method's phases (the group tools themselves come with the group day)."""

from workshops.models import WorkshopPhase

from . import factory

TOPICS = {
    "trivsel": {"title": "Arbejdsglæde", "description": "Hvad giver os lyst til at gå på arbejde?"},
    "ledelse": {"title": "Tydelig ledelse", "description": "Ved vi, hvad der forventes af os?"},
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
