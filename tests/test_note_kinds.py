"""A post-it's kinds come from the method (issue 20, item 2): Albertslund's "fungerer godt /
fungerer mindre godt", Nyborg's "vigtig pointe / ønsket handling". A workshop copies its
method's kinds when it is made; the phone offers them and refuses any other; the wall, the
console, the pink post-its page, the summary PDF and the post-its' CSV and Excel say them in
the method's words; the presentation shows one of each kind in turn, however many kinds; the
counts per kind agree between the hot path's SQL and the ORM."""

import csv
import io
import json
import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from workshops import kinds, live
from workshops.live import actions, visibility
from workshops.methods import load_all, method_files
from workshops.models import Method, Note, Participant, Workshop, WorkshopPhase
from workshops.preparation import create_workshop
from workshops.sync import reads as hot_reads

from . import factory
from .live_helpers import go_to, phone_joins, phone_page, post_note
from .test_export_pdf import no_network, pdf_text  # noqa: F401 - the fixture is used

NYBORG = "nyborg-talsammen"


def nyborg_workshop(unit, **fields):
    """A Nyborg workshop with a writing phase and a presentation after its own phases (the
    method file is a skeleton today: the group rounds come with their own branch)."""
    if not Method.objects.filter(slug=NYBORG).exists():
        load_all()
    workshop = create_workshop(unit=unit, method=Method.objects.get(slug=NYBORG), **fields)
    after = workshop.phases.count()
    for order, (name, tool) in enumerate(
        (("Eksempler", "reflection"), ("Plenum", "presentation")), start=after + 1
    ):
        WorkshopPhase.objects.create(
            workshop=workshop, order=order, name=name, minutes=30, tool=tool
        )
    return workshop


@pytest.fixture
def nyborg(world):
    return go_to(nyborg_workshop(world.unit, facilitator=world.leader), "reflection")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# The method's kinds, copied into the workshop ----------------------------------------------


def test_each_shipped_method_names_its_kinds_and_they_have_no_problems():
    for path in method_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        assert kinds.problems(data.get("note_kinds")) == [], path.name
    albertslund = json.loads((path.parent / "albertslund.json").read_text(encoding="utf-8"))
    assert [(k["key"], k["label"]) for k in albertslund["note_kinds"]] == [
        ("good", "Fungerer godt"),
        ("change", "Fungerer mindre godt"),
    ]


def test_a_workshop_copies_its_methods_kinds_and_keeps_them_when_the_method_changes(world):
    albertslund = factory.live_workshop(world.unit)
    nyborg = nyborg_workshop(world.unit)
    assert kinds.keys_of(albertslund) == ["good", "change"]
    assert [k.label for k in kinds.kinds_of(nyborg)] == ["Vigtig pointe", "Ønsket handling"]
    Method.objects.filter(slug=NYBORG).update(
        note_kinds=[{"key": "other", "label": "Noget andet", "colour": "red"}]
    )
    assert kinds.keys_of(Workshop.objects.get(pk=nyborg.pk)) == ["point", "action"]
    assert kinds.keys_of(
        create_workshop(unit=world.unit, method=Method.objects.get(slug=NYBORG))
    ) == ["other"]


def test_a_method_files_kinds_are_checked_and_each_problem_names_its_field():
    assert kinds.problems([]) == ["note_kinds: skriv en liste med mindst én slags post-it."]
    found = kinds.problems(
        [
            {"key": "good", "label": "Godt", "colour": "pink"},
            {"key": "good", "label": ""},
            {"key": "ikke et navn", "label": "x" * 61, "sign": "++++", "farve": "blue"},
            "point",
            {"key": "ok", "label": "Ok", "positive": "ja"},
        ]
    )
    assert found == [
        "note_kinds[1].colour: vælg en af green, amber, blue, purple, red, teal, grey.",
        "note_kinds[2].key: “good” står der to gange.",
        "note_kinds[2].label: skriv slagsens navn.",
        "note_kinds[3]: ukendt felt farve.",
        "note_kinds[3].key: skal være et kort navn med bogstaver a–z, tal og _.",
        "note_kinds[3].label: højst 60 tegn.",
        "note_kinds[3].sign: højst 3 tegn.",
        "note_kinds[4]: skal være et objekt med key og label.",
        "note_kinds[5].positive: skal være true eller false.",
    ]


# The phone ---------------------------------------------------------------------------------


def test_a_nyborg_phone_offers_vigtig_pointe_and_onsket_handling(nyborg):
    html = phone_page(phone_joins(nyborg), nyborg)
    radios = re.findall(r'<input type="radio" name="kind" value="([^"]+)"', html)
    assert radios == ["point", "action"]
    assert "Vigtig pointe" in html and "Ønsket handling" in html
    assert "Fungerer godt" not in html and "Fungerer mindre godt" not in html
    assert 'data-kind-message="Vælg “Vigtig pointe” eller “Ønsket handling”."' in html


def test_a_nyborg_phone_refuses_a_good_post_it_and_saves_nothing(nyborg):
    phone = phone_joins(nyborg)
    refused = post_note(phone, nyborg, text="Godt samarbejde", kind="good")
    assert refused.status_code == 400
    assert refused.json()["error"] == "Vælg “Vigtig pointe” eller “Ønsket handling”."
    assert not Note.objects.filter(workshop=nyborg).exists()
    assert post_note(phone, nyborg, text="Vi hjælper", kind="point").status_code == 201
    assert Note.objects.get(workshop=nyborg).kind == "point"


def test_the_actions_refuse_a_kind_the_workshop_does_not_have(nyborg):
    participant = Participant.objects.create(workshop=nyborg, number=1)
    with pytest.raises(live.LiveError, match="Vigtig pointe"):
        live.add_note(participant, client_key=None, kind="good", text="Hej")


def test_the_phones_own_post_its_say_their_kind_in_the_methods_words(nyborg):
    phone = phone_joins(nyborg)
    post_note(phone, nyborg, text="Vi mangler tid til faglig sparring", kind="action")
    html = phone_page(phone, nyborg)
    assert re.search(
        r'<span class="kind-badge kind--purple" data-kind="action">'
        r'<span aria-hidden="true" class="sign kind__sign">→</span> '
        r'<span class="kind__word postit__kind-word">Ønsket handling</span></span>',
        html,
    )


# The wall, the console, the pink post-its -------------------------------------------------


@pytest.fixture
def shown(world, nyborg):
    """Two Nyborg post-its of Karen's, shown together as the presentation shows them."""
    phone = phone_joins(nyborg, "Karen")
    post_note(phone, nyborg, text="Eksemplet om vagtplanen", kind="point")
    post_note(phone, nyborg, text="Faste møder om prioritering", kind="action")
    go_to(nyborg, "presentation")
    karen = Participant.objects.get(workshop=nyborg, display_name="Karen")
    live.reveal_next_pair(nyborg.pk, karen.pk)
    return nyborg


def column_heading(html: str, key: str) -> str:
    found = re.search(rf'<h\d id="col-{key}-\w"[^>]*>(.*?)</h\d>', html, re.S)
    assert found, key
    return re.sub(r"<[^>]+>", "", found.group(1)).split("(")[0].strip()


def test_the_wall_has_a_column_per_nyborg_kind_with_its_words(world, shown):
    html = signed_in(world.leader).get(reverse("workshops:wall", args=[shown.pk])).content
    html = html.decode()
    assert column_heading(html, "point") == "! Vigtig pointe"
    assert column_heading(html, "action") == "→ Ønsket handling"
    assert "Fungerer godt" not in html
    assert 'class="board__heading board__heading--point kind-heading--blue"' in html


def test_a_nyborg_phone_in_the_presentation_is_told_one_of_each_kind(shown):
    html = phone_page(phone_joins(shown, "Ali"), shown)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert "én af hver slags: ! Vigtig pointe og → Ønsket handling." in text


def test_the_console_counts_and_shows_by_nyborg_kind(world, nyborg):
    phone = phone_joins(nyborg, "Karen")
    post_note(phone, nyborg, text="En pointe", kind="point")
    post_note(phone, nyborg, text="En anden pointe", kind="point")
    post_note(phone, nyborg, text="En handling", kind="action")
    html = signed_in(world.leader).get(reverse("workshops:live", args=[nyborg.pk])).content
    html = html.decode()
    assert "2 pointe · 1 handling" in html
    assert re.search(r'value="point"[^>]*checked> <span class="kind-badge kind--blue"', html)
    assert "mindre godt" not in html


def test_the_pink_post_its_page_offers_and_shows_nyborg_kinds(world, nyborg):
    client = signed_in(world.leader)
    url = reverse("workshops:pink_notes", args=[nyborg.pk])
    wrong = client.post(
        reverse("workshops:pink_note_create", args=[nyborg.pk]), {"text": "Tid", "kind": "good"}
    )
    assert "Vælg “Vigtig pointe” eller “Ønsket handling”." in wrong.content.decode()
    client.post(
        reverse("workshops:pink_note_create", args=[nyborg.pk]), {"text": "Tid", "kind": "action"}
    )
    html = client.get(url).content.decode()
    assert re.findall(r'<input type="radio" name="kind" value="([^"]+)"', html) == [
        "point",
        "action",
    ]
    assert '<span class="kind__word postit__kind-word">Ønsket handling</span>' in html


def test_a_kraenkelse_is_never_a_positive_kind(world):
    workshop = factory.live_workshop(world.unit)
    response = signed_in(world.leader).post(
        reverse("workshops:pink_note_create", args=[workshop.pk]),
        {"text": "Krænkelser", "kind": "good", "harassment": "on"},
    )
    html = response.content.decode()
    assert "skal markeres som “Fungerer mindre godt”" in html
    assert not workshop.notes.exists()


# The files --------------------------------------------------------------------------------


def test_the_summary_pdf_says_the_nyborg_kinds(world, shown):
    response = signed_in(world.leader).get(
        reverse("actionplans:workshop_summary_pdf", args=[shown.pk])
    )
    text = pdf_text(response.content)
    assert "Vigtig pointe" in text and "Ønsket handling" in text
    assert "Fungerer" not in text


def test_the_post_its_csv_and_excel_say_the_kind_in_the_methods_words(world, shown):
    client = signed_in(world.leader)
    response = client.get(reverse("actionplans:workshop_notes_csv", args=[shown.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Nr.", "Farve", "Slags", "Post-it", "Faktor", "Tema", "Krænkelse", "Vist"]
    assert [row[1:4] for row in rows[1:]] == [
        ["Gul", "Vigtig pointe", "Eksemplet om vagtplanen"],
        ["Gul", "Ønsket handling", "Faste møder om prioritering"],
    ]
    response = client.get(reverse("actionplans:workshop_notes_xlsx", args=[shown.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][2] == "Slags"
    assert [row[2] for row in values[1:]] == ["Vigtig pointe", "Ønsket handling"]


def test_the_post_its_file_leaves_out_what_was_not_shown_and_who_wrote_it(world, shown):
    post_note(phone_joins(shown, "Ali"), shown, text="Ikke vist", kind="point")
    response = signed_in(world.leader).get(
        reverse("actionplans:workshop_notes_csv", args=[shown.pk])
    )
    body = response.content.decode("utf-8-sig")
    assert "Ikke vist" not in body and "Karen" not in body


# The presentation: one of each kind, for any number of kinds --------------------------------


THREE = [
    {"key": "point", "label": "Vigtig pointe", "sign": "!", "colour": "blue"},
    {"key": "action", "label": "Ønsket handling", "sign": "→", "colour": "purple"},
    {"key": "question", "label": "Spørgsmål", "sign": "?", "colour": "teal"},
]


def test_the_next_pair_is_one_of_each_kind_in_the_methods_order():
    def note(pk, kind):
        return Note(pk=pk, kind=kind)

    notes = [note(1, "action"), note(2, "action"), note(3, "question"), note(4, "point")]
    assert [n.pk for n in actions.next_pair(notes, ["point", "action", "question"])] == [4, 1, 3]
    assert [n.pk for n in actions.next_pair(notes[:2], ["point", "action", "question"])] == [1]
    # a kind the workshop does not know is shown last, never left behind
    assert [n.pk for n in actions.next_pair([note(5, "odd")], ["point"])] == [5]


def test_a_workshop_with_three_kinds_shows_one_of_each_then_what_is_left(world):
    workshop = nyborg_workshop(world.unit)
    workshop.note_kinds = THREE
    workshop.save(update_fields=["note_kinds"])
    go_to(workshop, "reflection")
    karen = Participant.objects.create(workshop=workshop, number=1, display_name="Karen")
    for text, kind in (("A1", "action"), ("Q1", "question"), ("A2", "action"), ("P1", "point")):
        factory.yellow_note(karen, text, kind)
    go_to(workshop, "presentation")
    assert [n.text for n in live.reveal_next_pair(workshop.pk, karen.pk)] == ["P1", "A1", "Q1"]
    assert [n.text for n in live.reveal_next_pair(workshop.pk, karen.pk)] == ["A2"]


# The counts per kind: the hot path's SQL is the ORM's -------------------------------------


def test_the_counts_per_kind_in_plain_sql_are_the_orms_with_three_kinds(
    world, django_assert_num_queries
):
    workshop = nyborg_workshop(world.unit)
    workshop.note_kinds = THREE
    workshop.save(update_fields=["note_kinds"])
    go_to(workshop, "reflection")
    karen = Participant.objects.create(workshop=workshop, number=1, display_name="Karen")
    ali = Participant.objects.create(workshop=workshop, number=2)
    Participant.objects.create(workshop=workshop, number=3, display_name="Tavs")
    for who, text, kind in (
        (karen, "P1", "point"),
        (karen, "P2", "point"),
        (karen, "Q1", "question"),
        (ali, "A1", "action"),
        (ali, "Q2", "question"),
    ):
        factory.yellow_note(who, text, kind)
    factory.yellow_note(ali, "Slettet", "action", deleted=True)
    go_to(workshop, "presentation")
    live.reveal_next_pair(workshop.pk, karen.pk)  # P1 and Q1
    with django_assert_num_queries(1):
        ours = hot_reads.participant_counts(workshop)
    with django_assert_num_queries(1):
        orms = visibility.participant_counts(workshop)
    for mine, theirs in zip(ours, orms, strict=True):
        for name in ("pk", "number", "display_name", "written", "left", "left_total"):
            assert getattr(mine, name) == getattr(theirs, name), (theirs, name)
    assert {str(c): c.left for c in ours} == {
        "Karen": (("point", 1), ("action", 0), ("question", 0)),
        "Deltager 2": (("point", 0), ("action", 1), ("question", 1)),
        "Tavs": (("point", 0), ("action", 0), ("question", 0)),
    }
    assert ours[1].left_of("question") == orms[1].left_of("question") == 1
    assert ours[0].left_of("good") == 0


# The data migration keeps every post-it's meaning ----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_workshops_the_kinds_their_post_its_were_written_in():
    before, after = (
        [("workshops", "0014_groupday_group_work")],
        [("workshops", "0015_kinds_note_kinds_from_the_method")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        _migrate_and_check(executor, before, after)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def _migrate_and_check(executor, before, after):
    old = executor.loader.project_state(before).apps
    Unit = old.get_model("units", "Unit")
    Method = old.get_model("workshops", "Method")
    Workshop = old.get_model("workshops", "Workshop")
    OldNote = old.get_model("workshops", "Note")
    if not Method.objects.exists():  # an earlier transactional test's flush removed them
        load_all(Method, old.get_model("workshops", "MethodPhase"))
    unit = Unit.objects.create(name="Enhed", code="E1", kind="workplace", path="0001")
    albertslund = Method.objects.get(slug="albertslund-trivselsdialog")
    nyborg = Method.objects.get(slug=NYBORG)
    # post-its written before kinds came from the method were good/change, whatever the
    # method: they keep that meaning even in a workshop of a method with other kinds
    written = Workshop.objects.create(unit=unit, method=nyborg, join_token="a" * 20)
    Workshop.objects.create(unit=unit, method=albertslund, join_token="c" * 20)
    OldNote.objects.create(workshop=written, colour="yellow", kind="good", text="Godt")
    OldNote.objects.create(workshop=written, colour="pink", kind="change", text="Mindre")
    prepared = Workshop.objects.create(unit=unit, method=nyborg, join_token="b" * 20)
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    from workshops.models import Workshop as Now

    kept = Now.objects.get(pk=written.pk)
    assert [k["key"] for k in kept.note_kinds] == ["good", "change"]  # stored, not a fallback
    assert [(k.key, k.label) for k in kinds.kinds_of(kept)] == [
        ("good", "Fungerer godt"),
        ("change", "Fungerer mindre godt"),
    ]
    assert sorted(kept.notes.values_list("kind", flat=True)) == ["change", "good"]
    assert kinds.keys_of(Now.objects.get(pk=prepared.pk)) == ["point", "action"]


# The palette: every colour readable, and the sign beside it -------------------------------


def contrast(hex_colour: str, other: str = "#ffffff") -> float:
    def luminance(value: str) -> float:
        channels = [int(value[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(hex_colour), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_every_kind_colour_meets_wcag_aa_and_the_stylesheets_use_it():
    from django.conf import settings

    app_css = (settings.BASE_DIR / "static/css/app.css").read_text(encoding="utf-8")
    pdf_css = (settings.BASE_DIR / "static/css/pdf.css").read_text(encoding="utf-8")
    for name, colour in kinds.PALETTE.items():
        assert contrast(colour) >= 4.5, name  # white text on the chip; the chip's colour on white
        assert f".kind--{name} {{ --kind: {colour}; }}" in app_css, name
        assert f".kind--{name} {{ color: {colour}; }}" in pdf_css, name


def test_every_shipped_kind_has_a_sign_so_colour_is_never_the_only_clue():
    for path in method_files():
        for kind in json.loads(path.read_text(encoding="utf-8")).get("note_kinds", []):
            assert kind.get("sign"), (path.name, kind["key"])
