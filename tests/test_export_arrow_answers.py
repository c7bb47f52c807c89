"""What the room agreed on the arrow reaches the workbook (issue 18, item 6): after every
question of the arrow is answered in the live console, the unit's workbook holds the APV
minimum, "Deltagere" and "Hvordan vurderes effekten" included."""

import io

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from workshops.live import arrow
from workshops.models import Theme

from . import factory
from .live_helpers import go_to

ANSWERS = {
    "change": "Der er for meget larm i frokoststuen",
    "why": "Vi kan ikke høre hinanden",
    "goal": "Ro ved bordene",
    "success_signs": "Vi kan tale sammen uden at hæve stemmen",
    "barriers": "Lydabsorbenter koster penge",
    "actions_text": "Lydabsorbenter og stille hjørner",
    "follow_up_text": "På personalemødet i september",
    "responsible": "Åse Øster",
    "participants": "Alle på stuen og køkkenet",
    "communication": "På personalemøderne",
}


def test_a_fully_answered_arrow_fills_the_workbooks_participants_and_effect(world):
    workshop = factory.live_workshop(world.unit, facilitator=world.leader)
    theme = Theme.objects.create(workshop=workshop, title="Støj", order=1, chosen=True)
    go_to(workshop, "arrow")
    console = Client()
    console.force_login(world.leader)

    def act(name, **data):
        url = reverse("workshops:tool_action", args=[workshop.pk, name])
        response = console.post(url, data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200, response.content
        return response

    act("arrow_theme", theme=theme.pk)
    plan = theme.plan
    assert set(ANSWERS) == set(arrow.answer_fields(workshop))  # every question's field
    for field, text in ANSWERS.items():
        plan.refresh_from_db()
        response = console.post(
            reverse("workshops:arrow_answer", args=[workshop.pk]),
            {"plan": plan.pk, "field": field, "text": text, "version": plan.version},
            HTTP_X_REQUESTED_WITH="fetch",
        )
        assert response.status_code == 200
    act("arrow_step", step=4)
    act(
        "add_activity",
        plan=plan.pk,
        what="Vi indkøber lydabsorbenter",
        level="organisation",
        tovholder="Åse Øster",
        deadline="2026-06-30",
    )

    response = console.get(reverse("actionplans:unit_plans_xlsx", args=[world.unit.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, row = list(sheet.iter_rows(values_only=True))
    cells = dict(zip(header, row, strict=True))

    assert cells["Aktivitet"] == "Vi indkøber lydabsorbenter"
    assert cells["Tovholder"] == "Åse Øster"
    assert cells["Deltagere"] == "Alle på stuen og køkkenet"
    assert "Vi kan tale sammen uden at hæve stemmen" in cells["Hvordan vurderes effekten"]
    assert "På personalemødet i september" in cells["Hvordan vurderes effekten"]


def test_the_plans_own_effect_evaluation_and_the_activitys_participants_come_first(world):
    plan = factory.action_plan(
        world.unit,
        participants="Hele huset",
        success_signs="Ro",
        effect_evaluation="Vi måler støjen i august",
    )
    factory.activity(plan, participants="Køkkenet")
    factory.action_plan(world.unit, title="Uden aktiviteter", participants="Lederne")
    client = Client()
    client.force_login(world.leader)

    response = client.get(reverse("actionplans:unit_plans_xlsx", args=[world.unit.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    table = [dict(zip(header, row, strict=True)) for row in rows]

    assert table[0]["Deltagere"] == "Køkkenet"
    assert table[0]["Hvordan vurderes effekten"] == "Vi måler støjen i august"
    assert table[1]["Tema"] == "Uden aktiviteter" and table[1]["Deltagere"] == "Lederne"
