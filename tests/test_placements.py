"""Placements per phase (issue 20, item 2): a theme's sort column and matrix position belong
to the phase that set them. A method with two sorts (Cabi, seed 003: "kan påvirkes / kan ikke
påvirkes", then "vigtigt / haster") or two matrices never overwrites the first with the
second; each phase's wall shows its own columns."""

from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from workshops.live import actions as live
from workshops.methods import load_all, load_method
from workshops.models import Method, MethodPhase, Placement, Theme
from workshops.preparation import create_workshop

TWO_SORTS = {
    "slug": "test-to-sorteringer",
    "name": "To sorteringer (testmetode)",
    "source": "Cabis drejebog (seed 003)",
    "version": 1,
    "note_kinds": [{"key": "tanke", "label": "En tanke"}],
    "phases": [
        {"name": "Velkommen", "minutes": 5, "tool": "intro", "source": "Punkt 1"},
        {
            "name": "Kan vi påvirke det?",
            "minutes": 10,
            "tool": "sorting",
            "source": "Punkt 2",
            "config": {
                "columns": [
                    {"key": "can", "label": "Kan påvirkes", "work_on": True},
                    {"key": "cannot", "label": "Kan ikke påvirkes", "parking": True},
                ]
            },
        },
        {
            "name": "Hvad haster?",
            "minutes": 10,
            "tool": "sorting",
            "source": "Punkt 3",
            "config": {
                "columns": [
                    {"key": "important", "label": "Vigtigt", "work_on": True},
                    {"key": "urgent", "label": "Haster", "work_on": True},
                ]
            },
        },
        {"name": "Første matrix", "minutes": 10, "tool": "matrix", "source": "Punkt 4"},
        {"name": "Anden matrix", "minutes": 10, "tool": "matrix", "source": "Punkt 5"},
        {"name": "Tak for i dag", "minutes": 3, "tool": "closing", "source": "Punkt 6"},
    ],
}


@pytest.fixture
def cabi(world):
    if not Method.objects.filter(is_default=True).exists():
        load_all()
    method = load_method(TWO_SORTS, Method, MethodPhase)
    workshop = create_workshop(unit=world.unit, method=method, facilitator=world.leader)
    phases = list(workshop.phases.order_by("order"))
    themes = [
        Theme.objects.create(workshop=workshop, title=title, order=n)
        for n, title in enumerate(("Støj i frokoststuen", "Vagtplanen"), start=1)
    ]
    console = Client()
    console.force_login(world.leader)
    return SimpleNamespace(
        workshop=workshop,
        console=console,
        themes=themes,
        sort1=phases[1],
        sort2=phases[2],
        matrix1=phases[3],
        matrix2=phases[4],
    )


def go(cabi, phase):
    live.set_phase(cabi.workshop.pk, phase)


def act(cabi, action, **data):
    url = reverse("workshops:tool_action", args=[cabi.workshop.pk, action])
    response = cabi.console.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200, response.content
    return response


def wall(cabi) -> str:
    return cabi.console.get(reverse("workshops:wall", args=[cabi.workshop.pk])).content.decode()


def test_sorting_in_the_second_sort_leaves_the_first_sorts_column(cabi):
    noise, rota = cabi.themes
    go(cabi, cabi.sort1)
    act(cabi, "sort", theme=noise.pk, column="can")
    act(cabi, "sort", theme=rota.pk, column="cannot")
    html = wall(cabi)
    assert "Kan påvirkes" in html and "Vigtigt" not in html

    go(cabi, cabi.sort2)
    html = wall(cabi)
    assert "Vigtigt" in html and "Kan påvirkes" not in html
    # nothing sorted yet in this phase: the first sort's columns are not this phase's
    assert Theme.objects.get(pk=noise.pk).column == ""
    noise.refresh_from_db()
    act(cabi, "sort", theme=noise.pk, column="urgent", version=noise.version)
    assert Theme.objects.get(pk=noise.pk).column == "urgent"

    # the first sort kept its own columns
    first = {p.theme_id: p.column for p in Placement.objects.filter(phase=cabi.sort1)}
    assert first == {noise.pk: "can", rota.pk: "cannot"}
    go(cabi, cabi.sort1)
    assert Theme.objects.get(pk=noise.pk).column == "can"
    assert Theme.objects.get(pk=rota.pk).column == "cannot"
    html = wall(cabi)
    assert html.index("Kan påvirkes") < html.index("Støj i frokoststuen")
    assert html.index("Støj i frokoststuen") < html.index("Kan ikke påvirkes")
    assert html.index("Kan ikke påvirkes") < html.index("Vagtplanen")

    go(cabi, cabi.sort2)
    assert Theme.objects.get(pk=noise.pk).column == "urgent"
    assert Theme.objects.get(pk=rota.pk).column == ""
    html = wall(cabi)
    assert html.index("Haster") < html.index("Støj i frokoststuen")


def test_the_second_matrix_has_its_own_places_and_chosen(cabi):
    noise, rota = cabi.themes
    go(cabi, cabi.matrix1)
    act(cabi, "place", theme=noise.pk, impact=90, influence=80)
    act(cabi, "choose", theme=noise.pk, chosen="on")
    go(cabi, cabi.matrix2)
    noise.refresh_from_db()
    assert noise.impact is None and not noise.chosen
    act(cabi, "place", theme=noise.pk, impact=20, influence=10, version=noise.version)
    go(cabi, cabi.matrix1)
    noise.refresh_from_db()
    assert (noise.impact, noise.influence, noise.chosen) == (0.9, 0.8, True)
    first = Placement.objects.get(phase=cabi.matrix1, theme=noise)
    second = Placement.objects.get(phase=cabi.matrix2, theme=noise)
    assert (first.impact, first.chosen) == (0.9, True)
    assert (second.impact, second.chosen) == (0.2, False)


def test_the_matrix_after_two_sorts_takes_the_second_sorts_work_on_columns(cabi):
    noise, rota = cabi.themes
    go(cabi, cabi.sort1)
    act(cabi, "sort", theme=noise.pk, column="cannot")
    act(cabi, "sort", theme=rota.pk, column="can")
    go(cabi, cabi.sort2)
    act(cabi, "sort", theme=noise.pk, column="urgent")
    go(cabi, cabi.matrix1)
    html = wall(cabi)
    assert "Støj i frokoststuen" in html
    assert "Vagtplanen" not in html  # not in the second sort's columns


def test_undo_in_the_second_sort_of_a_move_made_in_the_first_goes_to_the_first(cabi):
    noise, _rota = cabi.themes
    go(cabi, cabi.sort1)
    act(cabi, "sort", theme=noise.pk, column="can")
    act(cabi, "sort", theme=noise.pk, column="cannot")
    go(cabi, cabi.sort2)
    act(cabi, "sort", theme=noise.pk, column="important")
    act(cabi, "undo")  # "vigtigt" taken back: this phase's own
    assert Theme.objects.get(pk=noise.pk).column == ""
    act(cabi, "undo")  # "kan ikke påvirkes" taken back: the first sort's
    assert Theme.objects.get(pk=noise.pk).column == ""
    assert Placement.objects.get(phase=cabi.sort1, theme=noise).column == "can"
    go(cabi, cabi.sort1)
    assert Theme.objects.get(pk=noise.pk).column == "can"
