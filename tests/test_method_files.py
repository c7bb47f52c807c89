"""A method is validated, versioned data (issue 20, item 1). A method file says its name,
its source (the document, and for each phase the paragraph it implements), its version and
its phases with tools and words. Whoever writes one learns every mistake in Danish, naming
the field; a deploy loads new and changed files on `migrate`; a file changed without a new
version is refused; a workshop keeps the words and the version it was copied from."""

import copy
import json
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from workshops import methods
from workshops.methods import MethodFileError, load_method, method_files
from workshops.methods.validate import problems
from workshops.methods.words import default_words, sort_columns, words
from workshops.models import Method, Tool
from workshops.preparation import create_workshop
from workshops.tools import TOOLS


def shipped(name: str) -> dict:
    path = next(p for p in method_files() if p.name == name)
    return json.loads(path.read_text(encoding="utf-8"))


def albertslund() -> dict:
    return copy.deepcopy(shipped("albertslund.json"))


def phase_of(data: dict, tool: str) -> dict:
    return next(p for p in data["phases"] if p["tool"] == tool)


SORTING = {
    "name": "Sortér",
    "minutes": 10,
    "tool": "sorting",
    "source": "Trin 3",
    "config": {
        "columns": [
            {"key": "more", "label": "Mere af"},
            {"key": "less", "label": "Mindre af", "work_on": True},
        ]
    },
}


def small_method(**changes) -> dict:
    """A method of two phases whose sort words are its own, not the tool's."""
    data = {
        "slug": "lille-metode",
        "name": "Lille metode",
        "source": "Testkommunens drejebog",
        "version": 1,
        "note_kinds": [{"key": "good", "label": "Fungerer godt"}],
        "phases": [
            {"name": "Velkommen", "minutes": 5, "tool": "intro", "source": "Punkt 1"},
            copy.deepcopy(SORTING),
        ],
    }
    data.update(changes)
    return data


@pytest.fixture
def method_dir(tmp_path, monkeypatch):
    """The method folder as a deploy would ship it: the real files, in a folder the test may
    change."""
    for path in method_files():
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(methods, "METHODS_DIR", tmp_path)

    def write(name: str, data: dict):
        (tmp_path / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    return write


# -- what the writer of a method file is told -------------------------------------------


def test_the_shipped_method_files_have_no_problems():
    for path in method_files():
        assert problems(json.loads(path.read_text(encoding="utf-8"))) == [], path.name


def test_an_unknown_tool_is_named_with_its_phase():
    data = albertslund()
    data["phases"][2]["tool"] = "arow"
    (problem,) = problems(data)
    assert problem.startswith("faser[3].værktøj: ukendt værktøj 'arow' (tilladt: arrow, break")


def test_an_unknown_config_key_is_refused_with_the_keys_the_tool_allows():
    data = albertslund()
    phase_of(data, "sorting")["config"]["colums"] = []
    assert problems(data) == [
        "faser[5].config.colums: ukendt nøgle 'colums' (tilladt: beredskab, columns, groups, topic)"
    ]


def test_a_wrong_arrow_field_is_a_danish_problem_not_a_crash_later():
    data = albertslund()
    phase_of(data, "arrow")["config"]["questions"][1]["fields"][0]["name"] = "gaol"
    (problem,) = problems(data)
    assert problem.startswith("faser[8].config.questions[2].fields[1].name: ukendt felt 'gaol'")
    assert "success_signs" in problem  # the fields it could have been


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(version="2"), "version: skal være et helt tal, ikke '2'"),
        (lambda d: d["phases"][0].update(minutes="10"), "faser[1].minutter: skal være et helt"),
        (lambda d: d.update(phases={}), "faser: skal være en liste"),
        (lambda d: d["ground_rules"].append(7), "spilleregler[6]: skal være en tekst"),
        (
            lambda d: phase_of(d, "sorting")["config"].update(columns="Bevare"),
            "faser[5].config.columns: skal være en liste",
        ),
        (
            lambda d: phase_of(d, "vote")["config"].update(marks=True),
            "faser[7].config.marks: skal være et helt tal",
        ),
        (
            lambda d: phase_of(d, "matrix")["config"]["vertical"].pop("low"),
            "faser[6].config.vertical.low: skal udfyldes",
        ),
        (lambda d: d.update(topics={}), "temaer: skal være en liste"),
    ],
)
def test_a_wrong_type_names_the_field(change, expected):
    data = albertslund()
    change(data)
    (problem,) = problems(data)
    assert problem.startswith(expected)


def test_a_missing_source_is_refused_for_the_method_and_for_each_phase():
    data = albertslund()
    del data["source"]
    del data["phases"][3]["source"]
    assert problems(data) == ["kilde: skal udfyldes", "faser[4].kilde: skal udfyldes"]


def test_a_method_says_its_post_it_kinds_and_each_problem_names_its_field():
    assert problems(small_method(note_kinds=None)) == [
        "note_kinds: skriv en liste med mindst én slags post-it."
    ]
    wrong = small_method(note_kinds=[{"key": "god", "label": "Godt", "colour": "pink"}])
    assert problems(wrong) == [
        "note_kinds[1].colour: vælg en af green, amber, blue, purple, red, teal, grey."
    ]


def test_a_missing_version_is_refused():
    data = albertslund()
    del data["version"]
    assert problems(data) == ["version: skal udfyldes"]


def test_every_problem_is_listed_at_once():
    data = albertslund()
    data["phases"][0]["tool"] = "welcome"
    data["phases"][1]["materials"] = 3
    data["extra"] = True
    assert len(problems(data)) == 3


def test_the_before_the_day_keys_of_other_methods_are_allowed():
    """Nyborg's themes to choose from and its timeline before the day are lists; their
    items are checked by the parts of the app that use them."""
    data = small_method(topics=[{"title": "Arbejdsglæde"}], timeline=[{"step": 1}])
    assert problems(data) == []
    assert problems(small_method(timeline="uge 3")) == ["tidsplan: skal være en liste"]


def test_a_phase_in_groups_says_its_round():
    data = small_method()
    data["phases"][1]["config"]["groups"] = {"round": 2}
    assert problems(data) == []
    data["phases"][1]["config"]["groups"] = {"round": "to"}
    assert problems(data) == ["faser[2].config.groups.round: skal være et helt tal, ikke 'to'"]


def test_a_phase_in_groups_says_its_table_size_and_its_theme():
    data = small_method()
    data["phases"][1]["config"].update(groups={"round": 1, "size": [3, 4]}, topic="trivsel")
    assert problems(data) == []
    data["phases"][1]["config"].update(groups={"round": 1, "size": [4, 3]}, topic="arbejde")
    assert problems(data) == [
        "faser[2].config.groups.size: skal være [færrest, flest] personer ved et bord, "
        "fx [3, 4] (2–12)",
        "faser[2].config.topic: ukendt temaart 'arbejde' (tilladt: trivsel, ledelse)",
    ]


def test_a_method_with_problems_is_not_loaded(db):
    data = small_method()
    data["phases"][1]["tool"] = "sortering"
    with pytest.raises(MethodFileError) as refused:
        load_method(data)
    assert refused.value.problems[0].startswith("faser[2].værktøj: ukendt værktøj")
    assert not Method.objects.filter(slug="lille-metode").exists()


# -- each tool states its words and settings --------------------------------------------


def test_each_tools_own_words_are_keys_its_config_allows_and_pass_its_own_check():
    for name, tool in TOOLS.items():
        form = tool.config(default_words(name))
        assert form.is_valid(), (name, form.errors)
        assert set(tool.words) <= set(tool.config.base_fields), name


def test_words_fall_back_to_the_tools_own_never_to_another_methods(world, method_dir):
    """Albertslund's closing asks its own questions; a method whose closing phase has no
    words gets the closing tool's, not Albertslund's."""
    data = albertslund()
    data["version"] = 2
    phase_of(data, "closing")["config"]["good_label"] = "Hvad var Albertslunds højdepunkt?"
    method_dir("albertslund.json", data)
    call_command("load_methods", verbosity=0)
    mini = load_method(
        small_method(
            phases=[{"name": "Tak for i dag", "minutes": 5, "tool": "closing", "source": "§ 9"}]
        )
    )

    workshop = create_workshop(unit=world.unit, method=mini)

    closing = words(workshop, "closing")
    assert closing["good_label"] == "Hvad har været særligt godt?"  # the tool's own
    assert closing["adjust_label"] == "Er der noget, vi skal justere næste gang?"
    albertslunds = create_workshop(
        unit=world.other_unit, method=Method.objects.get(is_default=True)
    )
    assert words(albertslunds, "closing")["good_label"] == "Hvad var Albertslunds højdepunkt?"


def test_a_phases_own_words_win_and_the_rest_are_the_tools(world):
    mini = load_method(small_method())
    workshop = create_workshop(unit=world.unit, method=mini)
    assert [c["label"] for c in sort_columns(workshop)] == ["Mere af", "Mindre af"]
    assert words(workshop, "arrow")["go_label"] == "Sæt i gang"  # no arrow phase: the tool's


# -- versions ---------------------------------------------------------------------------


def test_a_changed_file_with_the_same_version_is_refused_and_says_raise_the_version(world):
    load_method(small_method())
    changed = small_method()
    changed["phases"][1]["config"]["columns"][0]["label"] = "Mere af det gode"

    with pytest.raises(MethodFileError) as refused:
        load_method(changed)

    (problem,) = refused.value.problems
    assert problem.startswith("version: indholdet er ændret, men version er stadig 1: hæv")
    assert "versionen til 2" in problem
    method = Method.objects.get(slug="lille-metode")
    assert method.phases.get(tool=Tool.SORTING).config["columns"][0]["label"] == "Mere af"
    load_method(changed | {"version": 2})
    method.refresh_from_db()
    assert method.version == 2


def test_a_lower_version_is_refused_and_the_same_content_is_no_change(world):
    load_method(small_method(version=3))
    phase_ids = list(Method.objects.get(slug="lille-metode").phases.values_list("pk", flat=True))
    with pytest.raises(MethodFileError, match="lavere end den indlæste version 3"):
        load_method(small_method(version=2))
    load_method(small_method(version=3))  # the same file again: left as it is
    assert list(Method.objects.get(slug="lille-metode").phases.values_list("pk", flat=True)) == (
        phase_ids
    )


def test_a_workshop_records_its_methods_version_and_keeps_words_and_version_after_a_change(
    world,
):
    method = load_method(small_method())
    before = create_workshop(unit=world.unit, method=method)
    assert before.method_version == 1

    changed = small_method(version=2)
    changed["phases"][1]["config"]["columns"][0]["label"] = "Gør mere af"
    load_method(changed)

    before.refresh_from_db()
    assert before.method_version == 1
    assert [c["label"] for c in sort_columns(before)] == ["Mere af", "Mindre af"]
    after = create_workshop(unit=world.other_unit, method=Method.objects.get(slug="lille-metode"))
    assert after.method_version == 2
    assert [c["label"] for c in sort_columns(after)] == ["Gør mere af", "Mindre af"]


def test_a_new_workshop_copies_each_phases_config_from_its_method(world):
    """The copy itself: a workshop whose phases lost their config would show the tool's
    columns (Bevare, Forandre, P-plads) in place of the method's."""
    workshop = create_workshop(unit=world.unit, method=load_method(small_method()))
    assert workshop.phases.get(tool=Tool.SORTING).config == SORTING["config"]
    assert [c["key"] for c in sort_columns(workshop)] == ["more", "less"]


# -- loading: on migrate and by command --------------------------------------------------


def test_migrate_loads_new_and_changed_methods(db, method_dir):
    method_dir("lille.json", small_method())
    data = albertslund()
    data["version"] = 2
    data["name"] = "Trivselsdialog (Albertslund-metoden, 2027)"
    method_dir("albertslund.json", data)

    call_command("migrate", verbosity=0)

    assert Method.objects.get(slug="lille-metode").version == 1
    default = Method.objects.get(is_default=True)
    assert (default.name, default.version) == ("Trivselsdialog (Albertslund-metoden, 2027)", 2)


def test_migrate_stops_on_a_method_file_with_a_problem_and_loads_none(db, method_dir):
    method_dir("lille.json", small_method())
    data = albertslund()
    data["name"] = "Ændret uden ny version"
    method_dir("albertslund.json", data)

    with pytest.raises(CommandError, match="albertslund.json: version: indholdet er ændret"):
        call_command("migrate", verbosity=0)

    assert not Method.objects.filter(slug="lille-metode").exists()  # all or nothing
    assert Method.objects.get(is_default=True).name == "Trivselsdialog (Albertslund-metoden)"


def test_load_methods_prints_every_problem_and_exits_1(db, method_dir, capsys):
    bad = small_method(version=None)
    bad["phases"][1]["config"]["colour"] = "gul"
    method_dir("lille.json", bad)

    with pytest.raises(CommandError, match="2 problemer i metodefilerne") as refused:
        call_command("load_methods")

    assert refused.value.returncode == 1
    err = capsys.readouterr().err
    assert "lille.json: version: skal udfyldes" in err
    assert "lille.json: faser[2].config.colour: ukendt nøgle 'colour'" in err


def test_load_methods_says_what_it_loaded(db, method_dir, capsys):
    method_dir("lille.json", small_method())
    call_command("load_methods")
    out = capsys.readouterr().out
    assert "Lille metode: version 1, 2 faser (ny)" in out
    assert "Trivselsdialog (Albertslund-metoden): version 1, 9 faser (uændret)" in out
    call_command("load_methods", "--check")
    assert "Lille metode: version 1 i orden" in capsys.readouterr().out


def test_two_files_may_not_share_a_slug(db, method_dir):
    method_dir("kopi.json", albertslund() | {"version": 5})
    with pytest.raises(MethodFileError) as refused:
        methods.load_files()
    assert any("bruges også af" in p for p in refused.value.problems)


@pytest.mark.django_db(transaction=True)
def test_a_flushed_database_gets_the_methods_again():
    """A flush (the demo's reset, a transactional test's teardown) sends post_migrate
    without a migration state: the methods load from the models as they are."""
    call_command("flush", interactive=False, verbosity=0)
    assert set(Method.objects.values_list("slug", flat=True)) == {
        "albertslund-trivselsdialog",
        "nyborg-talsammen",
    }
