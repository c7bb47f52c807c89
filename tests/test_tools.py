"""The tool registry: every tool a phase can name has one definition, its three screens
exist and render, and the live screens dispatch on the registry, never on a tool's name."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import get_template
from django.urls import reverse

from workshops import live
from workshops.models import Tool, WorkshopPhase
from workshops.tools import BEFORE_START, TOOLS, LiveTool, tool_of

from . import factory
from .live_helpers import phone_joins

ROOT = Path(settings.BASE_DIR)
DEFINITIONS = [*TOOLS.values(), BEFORE_START]
NAMES = sorted({*Tool.values, BEFORE_START.name})


def test_every_tool_a_phase_can_name_has_a_definition():
    assert set(Tool.values) <= set(TOOLS)
    for value in Tool.values:
        assert isinstance(TOOLS[value], LiveTool)
        assert TOOLS[value].name == value
        assert tool_of(WorkshopPhase(tool=value)) is TOOLS[value]
    assert tool_of(None) is BEFORE_START


def test_only_the_presentation_round_reveals():
    """A reveal removes the writer's edit: never while people are still writing."""
    assert [t.name for t in TOOLS.values() if t.reveals] == [Tool.PRESENTATION]
    assert TOOLS[Tool.REFLECTION].phone == "write"
    assert not BEFORE_START.reveals and not BEFORE_START.actions


@pytest.mark.parametrize("definition", DEFINITIONS, ids=[t.name for t in DEFINITIONS])
def test_each_tools_three_screens_exist(definition):
    for partial in (
        definition.facilitator_partial,
        definition.wall_partial,
        definition.phone_partial,
    ):
        assert get_template(partial), partial


@pytest.mark.parametrize("value", Tool.values)
def test_each_tools_screens_render_in_a_live_session(client, world, value):
    """The console, the wall and a phone, each in a phase of this tool."""
    workshop = factory.live_workshop(world.unit)
    phase = workshop.phases.filter(tool=value).first() or WorkshopPhase.objects.create(
        workshop=workshop, order=99, name=f"Fase med {value}", minutes=5, tool=value
    )
    phone = phone_joins(workshop, "Karen")
    live.set_phase(workshop.pk, phase)
    client.force_login(world.leader)
    pages = {
        "console": client.get(reverse("workshops:live", args=[workshop.pk])),
        "wall": client.get(reverse("workshops:wall", args=[workshop.pk])),
        "phone": phone.get(reverse("participant:screen", args=[workshop.join_token])),
    }
    for screen, response in pages.items():
        assert response.status_code == 200, screen
        assert phase.name in response.content.decode(), screen
    task = re.search(r'data-task="(\w+)"', pages["phone"].content.decode()).group(1)
    assert task == TOOLS[value].phone


# No screen branches on a tool's name ---------------------------------------------------------

QUOTED_NAME = "|".join(re.escape(name) for name in NAMES)
BRANCHES = [
    # `tool == "reflection"`, `phase.tool != 'break'`, `tool.name == …`
    re.compile(r"\btool(\.name)?\s*(==|!=)"),
    re.compile(r"(==|!=)\s*\w*\.?tool\b"),
    # the phase's phone task is the registry's to say
    re.compile(r"\bphone_task\b\s*(==|!=)"),
    # a tool's name compared or listed: `== "matrix"`, `in ("vote", …)`
    re.compile(rf"""(==|!=|\bin)\s*[\(\[{{]?\s*["']({QUOTED_NAME})["']"""),
    re.compile(rf"""["']({QUOTED_NAME})["']\s*(==|!=)"""),
]
SCREENS = [
    *sorted((ROOT / "templates/workshops/live").glob("**/*.html")),
    *sorted((ROOT / "templates/workshops/tools").glob("**/*.html")),
    *sorted((ROOT / "workshops/live").glob("**/*.py")),
]


def branches_on_a_tool_name(text: str) -> list[str]:
    return [
        line.strip()
        for line in text.splitlines()
        if any(pattern.search(line) for pattern in BRANCHES)
    ]


def test_the_check_finds_a_branch_on_a_tool_name():
    """The patterns below would catch the branches the registry replaced."""
    for branch in (
        '{% if phase.tool == "reflection" %}',
        "{% if tool == 'presentation' %}",
        "if phase.tool in ('vote', 'matrix'):",
        'if workshop.current_phase.phone_task == "write":',
        "{% if phase.phone_task != 'wait' %}",
        'if "break" == phase.tool:',
        "if tool.name == BREAK:",
    ):
        assert branches_on_a_tool_name(branch), branch
    for dispatch in (
        "{% include tool.phone_partial %}",
        '{% if tool.phone != "write" %} hidden{% endif %}',
        "if tool_of(workshop.current_phase).phone == WRITE",
        "found = tool_of(workshop.current_phase).actions.get(action)",
    ):
        assert not branches_on_a_tool_name(dispatch), dispatch


def test_no_live_screen_branches_on_a_tools_name():
    assert len(SCREENS) > 10
    found = {
        str(path.relative_to(ROOT)): lines
        for path in SCREENS
        if (lines := branches_on_a_tool_name(path.read_text(encoding="utf-8")))
    }
    assert found == {}
