"""Methods are data: the Albertslund method ships as JSON, and a second method flows through
creating and planning a workshop without any code knowing its name."""

import json

from django.urls import reverse

from workshops.methods import load_all, load_method, method_files
from workshops.models import Method, MethodPhase, Tool
from workshops.preparation import create_workshop, default_method

TINY_METHOD = {
    "slug": "test-mini-dialog",
    "name": "Minidialog (testmetode)",
    "source": "Testkommunens minidrejebog",
    "version": 1,
    "note_kinds": [{"key": "tanke", "label": "En tanke"}],
    "ground_rules": ["Én taler ad gangen"],
    "checklist": ["Kaffe er klar", "Tavle er vasket"],
    "phases": [
        {"name": "Tjek ind", "minutes": 5, "tool": "intro", "source": "Punkt 1"},
        {"name": "Skriv gule sedler", "minutes": 7, "tool": "reflection", "source": "Punkt 2"},
        {"name": "Stem om emner", "minutes": 8, "tool": "vote", "source": "Punkt 3"},
        {"name": "Tak for i dag", "minutes": 3, "tool": "closing", "source": "Punkt 4"},
    ],
}


def test_the_albertslund_method_is_loaded_by_the_migration_as_the_default(db):
    method = default_method()
    assert method.slug == "albertslund-trivselsdialog"
    assert method.is_default
    tools = list(method.phases.values_list("tool", flat=True))
    assert tools[0] == Tool.INTRO and tools[-1] == Tool.CLOSING
    assert {Tool.REFLECTION, Tool.PRESENTATION, Tool.MATRIX, Tool.ARROW} <= set(tools)
    assert sum(method.phases.values_list("minutes", flat=True)) == 150
    assert "Vi er åbne og ærlige" in method.default_ground_rules
    assert "Lokale er booket" in method.default_checklist


def test_every_shipped_method_file_is_valid_and_loading_is_idempotent(db):
    for path in method_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        assert {phase["tool"] for phase in data["phases"]} <= set(Tool.values)
    before = MethodPhase.objects.count()
    load_all()
    load_all()
    assert MethodPhase.objects.count() == before
    assert Method.objects.filter(is_default=True).count() == 1


def test_creating_a_workshop_copies_phases_ground_rules_and_checklist(world):
    workshop = create_workshop(unit=world.unit, method=default_method())
    method_phases = list(default_method().phases.values_list("name", "minutes", "tool"))
    assert list(workshop.phases.values_list("name", "minutes", "tool")) == method_phases
    assert workshop.ground_rules == default_method().default_ground_rules
    assert list(workshop.checklist.values_list("label", flat=True)) == (
        default_method().default_checklist
    )
    # the copy is the workshop's own: changing it leaves the method alone
    workshop.phases.update(minutes=1)
    assert default_method().phases.first().minutes == 10


def test_a_new_workshops_phases_carry_the_words_of_the_method_file(world):
    """The tools read their words (sort columns, matrix axes, vote limits, the arrow's
    questions) from the workshop's own phases: they must be the method file's, as loaded."""
    (method,) = [m for m in load_all() if m.slug == "albertslund-trivselsdialog"]
    path = next(
        p
        for p in method_files()
        if json.loads(p.read_text(encoding="utf-8"))["slug"] == method.slug
    )
    file_configs = [
        phase.get("config", {}) for phase in json.loads(path.read_text(encoding="utf-8"))["phases"]
    ]
    assert sum(1 for config in file_configs if config) >= 5  # the file really carries words
    workshop = create_workshop(unit=world.unit, method=method)
    configs = list(workshop.phases.order_by("order").values_list("config", flat=True))
    assert configs == file_configs
    sorting = workshop.phases.get(tool=Tool.SORTING).config
    assert [column["label"] for column in sorting["columns"]][:2] == ["Bevare", "Forandre"]


def test_a_second_method_flows_through_creation_and_the_pages_without_code_changes(client, world):
    tiny = load_method(TINY_METHOD, Method, MethodPhase)
    assert default_method().slug == "albertslund-trivselsdialog"  # not made default
    client.force_login(world.leader)
    response = client.post(
        reverse("workshops:workshop_create", args=[world.unit.pk]),
        {
            "title": "Minidialog",
            "method": tiny.pk,
            "date": "2026-05-12",
            "start_time": "14:00",
            "place": "Personalestuen",
            "planned_minutes": "120",
        },
    )
    assert response.status_code == 302
    workshop = world.unit.workshops.get()
    assert workshop.method == tiny
    assert list(workshop.phases.values_list("name", flat=True)) == [
        "Tjek ind",
        "Skriv gule sedler",
        "Stem om emner",
        "Tak for i dag",
    ]
    assert workshop.ground_rules == ["Én taler ad gangen"]
    assert workshop.checklist.count() == 2
    agenda = client.get(reverse("workshops:agenda", args=[workshop.pk])).content.decode()
    assert "14.05–14.12" in agenda and "Skriv gule sedler" in agenda
    detail = client.get(reverse("workshops:workshop_detail", args=[workshop.pk])).content
    assert "Kaffe er klar" in detail.decode()


def test_the_create_form_offers_every_method_and_preselects_the_default(client, world):
    load_method(TINY_METHOD, Method, MethodPhase)
    client.force_login(world.hr)
    html = client.get(reverse("workshops:workshop_create", args=[world.unit.pk])).content
    html = html.decode()
    assert "Minidialog (testmetode)" in html
    assert "selected>Trivselsdialog (Albertslund-metoden)" in html
