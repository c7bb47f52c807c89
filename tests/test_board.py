"""The board after the presentation round (issue 10): the facilitator groups the post-its
into themes with the room, sorts the themes into the method's columns, places them in the
matrix, and can undo; two consoles never overwrite each other silently; the wall mirrors
every move."""

import json
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from workshops.live import actions as live
from workshops.live import board
from workshops.models import BoardAction, Note, Theme

from . import factory
from .live_helpers import go_to, screen_queries


@pytest.fixture
def room(world):
    """Twelve post-its shown in the presentation round (one pink, about krænkelser), the
    room now in the grouping phase; the leader facilitates."""
    workshop = factory.live_workshop(world.unit, facilitator=world.leader)
    go_to(workshop, "reflection")
    people = [live.join(workshop, display_name=name) for name in ("Karen", "Ali", "Bo")]
    texts = {}
    for person in people:
        for n in range(2):
            for kind in ("good", "change"):
                text = f"{person.display_name} {kind} {n}"
                texts[text] = factory.yellow_note(person, text, kind)
    factory.pink_note(workshop, "Chikane i vagtplanen", harassment=True)
    go_to(workshop, "presentation")
    for person in people:
        while live.reveal_next_pair(workshop.pk, person.pk) if _left(person) else None:
            pass
    live.reveal_pink(workshop.pk)
    go_to(workshop, "grouping")
    console = Client()
    console.force_login(world.leader)
    return SimpleNamespace(workshop=workshop, console=console, world=world)


def _left(person):
    return Note.objects.filter(participant=person, revealed_at__isnull=True).exists()


def note(text) -> Note:
    return Note.objects.get(text=text)


def act(room, action, **data):
    url = reverse("workshops:tool_action", args=[room.workshop.pk, action])
    return room.console.post(url, data, HTTP_HX_REQUEST="true")


def page(room, screen="live") -> str:
    response = room.console.get(reverse(f"workshops:{screen}", args=[room.workshop.pk]))
    assert response.status_code == 200
    return response.content.decode()


def themes():
    return {t.title: sorted(n.text for n in t.notes.all()) for t in Theme.objects.all()}


# Grouping ------------------------------------------------------------------------------------


def test_every_revealed_post_it_starts_without_a_theme_and_has_a_move_menu(room):
    html = page(room)
    assert html.count('data-move-note="') == 13
    assert "Flyt til …" in html
    assert 'id="move-dialog"' in html


def test_flyt_til_nyt_tema_makes_a_theme_named_from_the_post_it_and_announces_it(room):
    response = act(room, "move", note=note("Karen good 0").pk, target="new")
    assert response.status_code == 200
    assert themes() == {"Karen good 0": ["Karen good 0"]}
    # the live region's announcement
    announced = json.loads(response.headers["HX-Trigger"])["live-message"]
    assert announced == "»Karen good 0« flyttet til »Karen good 0«."
    # the answer is the console's regions: the moved post-it's button is there for focus
    assert 'id="move-{}"'.format(note("Karen good 0").pk) in response.content.decode()


def test_a_post_it_dropped_on_another_makes_a_theme_of_the_two(room):
    act(room, "onto", note=note("Ali good 0").pk, onto=note("Karen good 0").pk)
    assert themes() == {"Karen good 0": ["Ali good 0", "Karen good 0"]}
    # dropped on a post-it already in a theme: into that theme
    act(room, "onto", note=note("Bo good 0").pk, onto=note("Ali good 0").pk)
    assert themes() == {"Karen good 0": ["Ali good 0", "Bo good 0", "Karen good 0"]}


def test_rename_merge_and_take_out(room):
    act(room, "move", note=note("Karen good 0").pk, target="new")
    act(room, "move", note=note("Ali change 0").pk, target="new")
    first = Theme.objects.get(title="Karen good 0")
    second = Theme.objects.get(title="Ali change 0")
    act(room, "rename", theme=first.pk, title="Samarbejde", version=first.version)
    act(room, "move", note=note("Bo good 1").pk, target=first.pk)
    assert themes()["Samarbejde"] == ["Bo good 1", "Karen good 0"]

    act(room, "merge", theme=second.pk, into=first.pk, version=second.version)
    assert themes() == {"Samarbejde": ["Ali change 0", "Bo good 1", "Karen good 0"]}

    act(room, "move", note=note("Bo good 1").pk, target="none")
    assert themes() == {"Samarbejde": ["Ali change 0", "Karen good 0"]}
    assert note("Bo good 1").theme is None


def test_a_theme_left_empty_goes(room):
    act(room, "move", note=note("Karen good 0").pk, target="new")
    act(room, "move", note=note("Karen good 0").pk, target="none")
    assert not Theme.objects.exists()


def test_the_wall_shows_each_theme_with_its_count_and_mirrors_every_move(room):
    act(room, "move", note=note("Karen good 0").pk, target="new")
    act(room, "move", note=note("Ali good 0").pk, target=Theme.objects.get().pk)
    wall = page(room, "wall")
    assert "Karen good 0" in wall and "2 post-its" in wall
    assert "Uden tema endnu" in wall and "11 post-its" in wall


def test_a_hidden_post_it_cannot_be_moved_and_a_bad_target_is_refused_in_danish(room):
    hidden = factory.yellow_note(
        room.workshop.participants.first(), "Ikke vist", "good", revealed_at=None
    )
    response = act(room, "move", note=hidden.pk, target="new")
    assert response.status_code == 400
    assert "ikke vist på væggen" in response.json()["error"]
    response = act(room, "move", note=note("Karen good 0").pk, target="999999")
    assert response.status_code == 400
    assert "findes ikke længere" in response.json()["error"]
    response = act(room, "rename", theme=999999, title="x")
    assert response.status_code == 400


def test_hostile_theme_names_and_post_its_are_escaped_on_every_board(room):
    act(room, "move", note=note("Karen good 0").pk, target="new")
    theme = Theme.objects.get()
    act(room, "rename", theme=theme.pk, title="<script>alert(1)</script>", version=theme.version)
    for screen in ("live", "wall"):
        html = page(room, screen)
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# Conflicts -----------------------------------------------------------------------------------


def test_a_stale_rename_from_a_second_laptop_gets_a_conflict_with_the_fresh_theme(room):
    act(room, "move", note=note("Karen good 0").pk, target="new")
    theme = Theme.objects.get()
    seen = theme.version  # both laptops show this version
    act(room, "rename", theme=theme.pk, title="Fra laptop 1", version=seen)
    response = act(room, "rename", theme=theme.pk, title="Fra laptop 2", version=seen)
    assert response.status_code == 409
    body = response.json()
    assert body["theme"]["title"] == "Fra laptop 1"
    assert "ændret på en anden skærm" in body["error"]
    assert Theme.objects.get().title == "Fra laptop 1"


def test_a_stale_move_of_a_post_it_is_refused(room):
    karen = note("Karen good 0")
    act(room, "move", note=karen.pk, target="new", version=karen.version)
    response = act(room, "move", note=karen.pk, target="none", version=karen.version)
    assert response.status_code == 400
    assert "flyttet på en anden skærm" in response.json()["error"]
    assert note("Karen good 0").theme is not None


# Undo ------------------------------------------------------------------------------------------


def test_undo_takes_the_board_back_in_order_and_every_screen_sees_it(room):
    act(room, "move", note=note("Karen good 0").pk, target="new")
    theme = Theme.objects.get()
    act(room, "move", note=note("Ali good 0").pk, target=theme.pk)
    act(room, "rename", theme=theme.pk, title="Samarbejde", version=theme.version + 1)
    act(room, "move", note=note("Bo change 0").pk, target="new")
    other = Theme.objects.get(title="Bo change 0")
    act(room, "merge", theme=other.pk, into=theme.pk, version=other.version)
    assert themes() == {"Samarbejde": ["Ali good 0", "Bo change 0", "Karen good 0"]}
    assert "Fortryd" in page(room) and "lagt sammen med" in page(room)

    revision = type(room.workshop).objects.get(pk=room.workshop.pk).revision
    act(room, "undo")  # the merge
    assert themes() == {
        "Samarbejde": ["Ali good 0", "Karen good 0"],
        "Bo change 0": ["Bo change 0"],
    }
    assert Theme.objects.get(title="Bo change 0").pk == other.pk
    assert type(room.workshop).objects.get(pk=room.workshop.pk).revision > revision
    act(room, "undo")  # the new theme
    act(room, "undo")  # the rename
    assert themes() == {"Karen good 0": ["Ali good 0", "Karen good 0"]}
    act(room, "undo")
    act(room, "undo")
    assert not Theme.objects.exists()
    assert not Note.objects.filter(theme__isnull=False).exists()
    response = act(room, "undo")
    assert response.status_code == 400
    assert "ikke mere at fortryde" in response.json()["error"]


def test_only_the_last_twenty_board_actions_can_be_undone(room):
    texts = [n.text for n in Note.objects.filter(colour="yellow").order_by("pk")]
    for text in texts:
        act(room, "move", note=note(text).pk, target="new")
    for text in texts:
        act(room, "move", note=note(text).pk, target="none")
    assert BoardAction.objects.filter(undone=False).count() == board.UNDO_DEPTH
    for _ in range(board.UNDO_DEPTH):
        assert act(room, "undo").status_code == 200
    assert act(room, "undo").status_code == 400
    # 24 actions (12 themes made, 12 taken out again): the first four are beyond reach
    assert Theme.objects.count() == 4


# Sorting ---------------------------------------------------------------------------------------


@pytest.fixture
def sorted_room(room):
    act(room, "move", note=note("Karen good 0").pk, target="new")
    act(room, "move", note=note("Karen change 0").pk, target="new")
    pink = Note.objects.get(colour="pink")
    act(room, "move", note=pink.pk, target="new")
    go_to(room.workshop, "sorting")
    return room


def test_themes_sort_into_the_methods_columns_by_their_buttons(sorted_room):
    room = sorted_room
    html = page(room)
    for label in ("Bevare", "Forandre", "P-plads", "Ikke sorteret"):
        assert label in html
    theme = Theme.objects.get(title="Karen good 0")
    response = act(room, "sort", theme=theme.pk, column="keep", version=theme.version)
    assert response.status_code == 200
    assert Theme.objects.get(pk=theme.pk).column == "keep"
    wall = page(room, "wall")
    assert wall.index("Bevare") < wall.index("Karen good 0") < wall.index("Forandre")


def test_a_theme_with_a_krænkelse_cannot_be_parked_and_says_why(sorted_room):
    room = sorted_room
    theme = Theme.objects.get(title="Chikane i vagtplanen")
    response = act(room, "sort", theme=theme.pk, column="parking", version=theme.version)
    assert response.status_code == 400
    assert "krænkelser kræver altid handling" in response.json()["error"]
    assert Theme.objects.get(pk=theme.pk).column == ""
    # nor by a merge into a parked theme
    parked = Theme.objects.get(title="Karen change 0")
    act(room, "sort", theme=parked.pk, column="parking", version=parked.version)
    assert Theme.objects.get(pk=parked.pk).column == "parking"


def test_an_unknown_column_is_refused(sorted_room):
    theme = Theme.objects.get(title="Karen good 0")
    response = act(sorted_room, "sort", theme=theme.pk, column="skraldespand")
    assert response.status_code == 400
    assert "findes ikke i denne metode" in response.json()["error"]


def test_another_methods_words_need_only_its_json(sorted_room):
    """Cabi (seed 003) sorts into "kan påvirkes / kan ikke påvirkes": the phase's words."""
    room = sorted_room
    phase = room.workshop.phases.get(tool="sorting")
    phase.config = {
        "columns": [
            {"key": "can", "label": "Kan påvirkes", "work_on": True},
            {"key": "cannot", "label": "Kan ikke påvirkes", "parking": True},
        ]
    }
    phase.save()
    html = page(room)
    assert "Kan påvirkes" in html and "Kan ikke påvirkes" in html
    assert 'id="col-parking"' not in html and 'id="col-cannot"' in html
    theme = Theme.objects.get(title="Chikane i vagtplanen")
    assert act(room, "sort", theme=theme.pk, column="cannot").status_code == 400
    assert act(room, "sort", theme=theme.pk, column="can").status_code == 200


# The matrix ------------------------------------------------------------------------------------


@pytest.fixture
def matrix_room(sorted_room):
    room = sorted_room
    for title in ("Karen good 0", "Karen change 0", "Chikane i vagtplanen"):
        theme = Theme.objects.get(title=title)
        act(room, "sort", theme=theme.pk, column="change", version=theme.version)
    go_to(room.workshop, "matrix")
    return room


def test_the_matrix_shows_the_methods_axes_and_guidance_and_the_themes_to_work_on(matrix_room):
    html = page(matrix_room)
    assert "Betydning for trivsel og arbejdsmiljø" in html
    assert "Vores indflydelse" in html
    assert "løftes i ledelsesstrengen eller MED" in html
    wall = page(matrix_room, "wall")
    assert "Karen change 0" in wall and "Betydning for trivsel og arbejdsmiljø" in wall


def test_a_theme_is_placed_by_a_drag_or_by_quadrant_and_fine_position(matrix_room):
    room = matrix_room
    theme = Theme.objects.get(title="Karen change 0")
    act(room, "place", theme=theme.pk, impact=80, influence=90)  # a drag's drop
    theme.refresh_from_db()
    assert (theme.impact, theme.influence) == (0.8, 0.9)
    act(room, "place", theme=theme.pk, quadrant="top_left")  # the menu, no fine position
    theme.refresh_from_db()
    assert (theme.impact, theme.influence) == (0.75, 0.25)
    act(room, "place", theme=theme.pk, quadrant="bottom_right", impact=10, influence=95)
    theme.refresh_from_db()
    assert (theme.impact, theme.influence) == (0.1, 0.95)
    act(room, "place", theme=theme.pk, remove="on")
    theme.refresh_from_db()
    assert theme.impact is None
    response = act(room, "place", theme=theme.pk, impact=120, influence=5)
    assert response.status_code == 400
    assert "0 til 100" in response.json()["error"]


def test_themes_on_the_left_side_are_marked_to_be_raised_with_med_or_hr(matrix_room):
    room = matrix_room
    ours = Theme.objects.get(title="Karen change 0")
    theirs = Theme.objects.get(title="Karen good 0")
    act(room, "place", theme=ours.pk, quadrant="top_right")
    act(room, "place", theme=theirs.pk, quadrant="top_left")
    context = board_context(room)
    assert [t.title for t in context["raised"]] == ["Karen good 0"]
    wall = page(room, "wall")
    assert wall.count("Løftes videre") == 1


def test_the_room_sends_themes_on_to_the_arrow(matrix_room):
    room = matrix_room
    theme = Theme.objects.get(title="Karen change 0")
    act(room, "choose", theme=theme.pk, chosen="on")
    assert Theme.objects.get(pk=theme.pk).chosen
    assert "Videre til pilen" in page(room, "wall")
    act(room, "undo")
    assert not Theme.objects.get(pk=theme.pk).chosen


def board_context(room):
    from workshops.models import Workshop
    from workshops.tools import boards

    return boards.matrix_board(Workshop.objects.get(pk=room.workshop.pk))


# Access ----------------------------------------------------------------------------------------


def test_only_the_workshops_facilitators_may_move_the_board(room):
    world = room.world
    target = note("Karen good 0")
    for user in (world.other_leader, world.med, world.stranger):
        client = Client()
        client.force_login(user)
        url = reverse("workshops:tool_action", args=[room.workshop.pk, "move"])
        response = client.post(url, {"note": target.pk, "target": "new"})
        assert response.status_code in (403, 404), user
    assert not Theme.objects.exists()


def test_board_actions_are_refused_outside_their_phase(room):
    go_to(room.workshop, "presentation")
    response = act(room, "move", note=note("Karen good 0").pk, target="new")
    assert response.status_code == 400
    assert "ikke i denne fase" in response.json()["error"]


# Speed: structure, not time ----------------------------------------------------------------


@pytest.mark.parametrize("tool", ["grouping", "sorting", "matrix"])
def test_the_console_and_the_wall_read_a_fixed_number_of_queries_at_20_and_200_post_its(
    world, tool
):
    """The board's reads do not grow with the post-its or the themes (one read each)."""
    from workshops.live.actions import set_phase

    def counts(notes: int) -> dict:
        workshop = factory.live_workshop(world.unit, facilitator=world.leader)
        set_phase(workshop.pk, workshop.phases.get(tool="reflection"))
        people = [live.join(workshop, display_name=f"P{i}") for i in range(12)]
        for i in range(notes):
            factory.yellow_note(people[i % 12], f"Post-it {i}", "good" if i % 2 else "change")
        set_phase(workshop.pk, workshop.phases.get(tool="presentation"))
        for person in people:
            while _left(person):
                live.reveal_next_pair(workshop.pk, person.pk)
        set_phase(workshop.pk, workshop.phases.get(tool="grouping"))
        ids = list(Note.objects.filter(workshop=workshop).values_list("pk", flat=True))
        for i, pk in enumerate(ids):
            if i < notes // 5:
                board.move_note(workshop.pk, pk, "new")
            else:
                theme = Theme.objects.filter(workshop=workshop).order_by("?").first()
                board.move_note(workshop.pk, pk, theme.pk)
        for i, theme in enumerate(Theme.objects.filter(workshop=workshop)):
            board.sort_theme(workshop.pk, theme.pk, "change")
            board.place_theme(workshop.pk, theme.pk, (i % 10) / 10, (i % 7) / 7)
        set_phase(workshop.pk, workshop.phases.get(tool=tool))
        return screen_queries(workshop, world.leader)

    assert counts(20) == counts(200)
