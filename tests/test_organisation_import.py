"""HR imports the organisation from the payroll export: units and people's roles, all or
nothing, with a Danish list of every row error; next year's file moves, renames and closes
units and ends roles without losing history (docs/organisation-import.md)."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from actionplans.models import ActionPlan
from surveys.importer import ImportRejected
from units import orgimport
from units.models import Membership, Role, Unit

from . import factory

UNITS_HEADER = "enhedskode;navn;overordnet enhedskode;type"
PEOPLE_HEADER = "e-mail;navn;enhedskode;rolle"

THIS_YEAR = [
    "TK;Testkommune;;organisation",
    "TK-A;Testafdeling;TK;afdeling",
    "TK-A-1;Egen enhed;TK-A;arbejdsplads",
    "TK-A-2;Anden enhed;TK-A;arbejdsplads",
    "TK-B;Teknik og Miljø;TK;afdeling",
    "TK-B-1;Vejcentret;TK-B;arbejdsplads",
]
THIS_YEARS_PEOPLE = [
    "hr@tk.example;Hanne Rasmussen;TK;hr",
    "lise@tk.example;Lise Bech;TK-A-1;leder",
    "tobias@tk.example;Tobias Riis;TK-A-1;tr",
    "amira@tk.example;Amira Mortensen;TK-A-1;AMR",
    "mads@tk.example;Mads Dalgaard;TK-A;MED-medlem",
    "lise@tk.example;Lise Bech;TK-A-2;Leder",
]


def csv(header, lines) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode()


def plan_of(units, people, user=None):
    tables = orgimport.read_files(
        csv(UNITS_HEADER, units), "enheder.csv", (csv(PEOPLE_HEADER, people), "personer.csv")
    )
    return orgimport.plan_organisation(*tables, user=user)


def problems_of(units, people, user=None):
    return [str(problem) for problem in plan_of(units, people, user).problems]


def imported(units=THIS_YEAR, people=THIS_YEARS_PEOPLE, user=None):
    plan = plan_of(units, people, user)
    assert plan.problems == []
    return orgimport.apply_plan(plan, user=user)


@pytest.fixture
def organisation(db):
    """This year's organisation, imported into an empty database by IT."""
    imported()
    return Unit.objects.get(code="TK")


def codes(units):
    return sorted(unit.code for unit in units)


# --- the first import ---------------------------------------------------------------------


def test_the_first_import_creates_the_tree_the_people_and_their_roles(organisation):
    unit = Unit.objects.get(code="TK-A-1")
    assert [u.code for u in unit.ancestors()] == ["TK", "TK-A"]
    assert unit.path == f"{organisation.path}{unit.parent_id}/{unit.pk}/" and unit.depth == 2
    assert Unit.objects.subtree_of([Unit.objects.get(code="TK-B")]).count() == 2
    lise = get_user_model().objects.get(email="lise@tk.example")
    assert (lise.first_name, lise.last_name, lise.has_usable_password()) == ("Lise", "Bech", False)
    assert codes(m.unit for m in lise.memberships.all()) == ["TK-A-1", "TK-A-2"]
    roles = {(m.user.email, m.role) for m in Membership.objects.filter(unit=unit)}
    assert roles == {
        ("lise@tk.example", Role.LEADER),
        ("tobias@tk.example", Role.TR),
        ("amira@tk.example", Role.AMR),
    }


def test_importing_the_same_file_again_changes_nothing(organisation):
    plan = plan_of(THIS_YEAR, THIS_YEARS_PEOPLE)
    assert plan.problems == []
    assert (plan.created, plan.renamed, plan.moved, plan.closed) == ([], [], [], [])
    assert (plan.people_created, plan.roles_added, plan.roles_ended) == ([], [], [])
    assert plan.unchanged_count == len(THIS_YEAR)


def test_one_xlsx_with_two_sheets_reads_like_the_two_csv_files(db):
    data = workbook(THIS_YEAR, THIS_YEARS_PEOPLE)
    plan = orgimport.plan_organisation(*orgimport.read_files(data, "organisation.xlsx"))
    assert plan.problems == [] and len(plan.created) == 6 and len(plan.roles_added) == 6


def workbook(units, people, *, sheets=("Enheder", "Personer")) -> bytes:
    book = openpyxl.Workbook()
    first = book.active
    first.title = sheets[0]
    for line in [UNITS_HEADER, *units]:
        first.append(line.split(";"))
    second = book.create_sheet(sheets[1])
    for line in [PEOPLE_HEADER, *people]:
        second.append(line.split(";"))
    target = io.BytesIO()
    book.save(target)
    return target.getvalue()


def test_an_xlsx_without_the_people_sheet_is_refused_by_name(db):
    data = workbook(THIS_YEAR, THIS_YEARS_PEOPLE, sheets=("Enheder", "Ark2"))
    with pytest.raises(ImportRejected) as rejected:
        orgimport.read_files(data, "organisation.xlsx")
    assert "intet ark, der hedder »personer«" in str(rejected.value)


def test_csv_needs_both_files(db):
    with pytest.raises(ImportRejected) as rejected:
        orgimport.read_files(csv(UNITS_HEADER, THIS_YEAR), "enheder.csv")
    assert "to filer" in str(rejected.value)


def test_the_example_files_in_the_docs_import(db):
    fixtures = Path(settings.BASE_DIR) / "fixtures"
    xlsx = (fixtures / "organisation-import-example.xlsx").read_bytes()
    plan = orgimport.plan_organisation(*orgimport.read_files(xlsx, "eksempel.xlsx"))
    assert plan.problems == [] and plan.created
    units = (fixtures / "organisation-import-enheder.csv").read_bytes()
    people = (fixtures / "organisation-import-personer.csv").read_bytes()
    tables = orgimport.read_files(units, "enheder.csv", (people, "personer.csv"))
    plan = orgimport.plan_organisation(*tables)
    assert plan.problems == [] and len(plan.created) == len(tables[0].rows)


# --- every kind of row error --------------------------------------------------------------

ROW_ERRORS = [
    (
        "unknown parent",
        [*THIS_YEAR, "TK-C-1;Skolen;TK-C;arbejdsplads"],
        THIS_YEARS_PEOPLE,
        "Ark »enheder«, række 8, kolonne »overordnet enhedskode«: Ukendt overordnet enhed »TK-C«",
    ),
    (
        "cycle",
        [*THIS_YEAR, "X-1;Et;X-2;arbejdsplads", "X-2;To;X-1;arbejdsplads"],
        THIS_YEARS_PEOPLE,
        "ligger under hinanden i ring: X-1 → X-2 → X-1",
    ),
    (
        "unit below itself",
        [*THIS_YEAR, "X-1;Et;X-1;arbejdsplads"],
        THIS_YEARS_PEOPLE,
        "ring: X-1 → X-1",
    ),
    (
        "duplicate code",
        [*THIS_YEAR, "tk-a-1;Egen enhed igen;TK-A;arbejdsplads"],
        THIS_YEARS_PEOPLE,
        "Ark »enheder«, række 8, kolonne »enhedskode«: Enhedskoden tk-a-1 står også i række 4.",
    ),
    (
        "unknown kind",
        [*THIS_YEAR[:-1], "TK-B-1;Vejcentret;TK-B;værksted"],
        THIS_YEARS_PEOPLE,
        "Ukendt type »værksted«",
    ),
    (
        "kind above its parent's",
        [*THIS_YEAR[:-1], "TK-B-1;Vejcentret;TK-A-1;afdeling"],
        THIS_YEARS_PEOPLE,
        "En enhed af typen afdeling kan ikke ligge under en arbejdsplads.",
    ),
    (
        "no top",
        [line.replace(";;", ";TK-A;") for line in THIS_YEAR],
        THIS_YEARS_PEOPLE,
        "Ark »enheder«: Ingen enhed står øverst",
    ),
    (
        "missing name",
        [*THIS_YEAR[:-1], "TK-B-1;;TK-B;arbejdsplads"],
        THIS_YEARS_PEOPLE,
        "række 7, kolonne »navn«: Enhedens navn mangler.",
    ),
    (
        "bad e-mail",
        THIS_YEAR,
        [*THIS_YEARS_PEOPLE, "karen(at)tk.example;Karen Juhl;TK-A-2;tr"],
        "Ark »personer«, række 8, kolonne »e-mail«: »karen(at)tk.example« er ikke en gyldig",
    ),
    (
        "a role the unit kind cannot have",
        THIS_YEAR,
        [*THIS_YEARS_PEOPLE, "karen@tk.example;Karen Juhl;TK;leder"],
        "række 8, kolonne »rolle«: En organisation kan ikke have rollen Leder.",
    ),
    (
        "TR at a department",
        THIS_YEAR,
        [*THIS_YEARS_PEOPLE, "karen@tk.example;Karen Juhl;TK-B;tr"],
        "En afdeling kan ikke have rollen Tillidsrepræsentant (TR).",
    ),
    (
        "unknown role",
        THIS_YEAR,
        [*THIS_YEARS_PEOPLE, "karen@tk.example;Karen Juhl;TK-A-2;direktør"],
        "Ukendt rolle »direktør«",
    ),
    (
        "person in a unit not in the file",
        THIS_YEAR,
        [*THIS_YEARS_PEOPLE, "karen@tk.example;Karen Juhl;TK-Z;tr"],
        "række 8, kolonne »enhedskode«: Ukendt enhedskode »TK-Z«",
    ),
    (
        "the same role twice",
        THIS_YEAR,
        [*THIS_YEARS_PEOPLE, "LISE@tk.example;Lise Bech;TK-A-1;leder"],
        "Personen har samme rolle i samme enhed i række 3.",
    ),
    (
        "one person, two names",
        THIS_YEAR,
        [*THIS_YEARS_PEOPLE, "lise@tk.example;Lise Hansen;TK-B-1;leder"],
        "Personen står med et andet navn i række 3.",
    ),
]


@pytest.mark.parametrize(
    "units,people,expected", [row[1:] for row in ROW_ERRORS], ids=[row[0] for row in ROW_ERRORS]
)
def test_a_file_with_a_row_error_is_refused_with_a_danish_message(db, units, people, expected):
    plan = plan_of(units, people)
    assert not plan.ok
    assert any(expected in str(problem) for problem in plan.problems), plan.problems
    assert plan.units == [] and plan.roles_added == []


def test_a_missing_column_is_named(db):
    units = [line.rsplit(";", 1)[0] for line in THIS_YEAR]
    tables = orgimport.read_files(
        csv("enhedskode;navn;overordnet enhedskode", units),
        "enheder.csv",
        (csv(PEOPLE_HEADER, THIS_YEARS_PEOPLE), "personer.csv"),
    )
    problems = [str(p) for p in orgimport.plan_organisation(*tables).problems]
    assert problems == ["Ark »enheder«, række 1, kolonne »type«: Kolonnen mangler i filen."]


def test_a_refused_file_saves_nothing(organisation):
    before = (Unit.objects.count(), Membership.history.count(), get_user_model().objects.count())
    with pytest.raises(ImportRejected):
        orgimport.import_files(
            csv(UNITS_HEADER, [*THIS_YEAR, "NY;Ny enhed;TK;afdeling", "X;X;X;team"]),
            "enheder.csv",
            (csv(PEOPLE_HEADER, [*THIS_YEARS_PEOPLE, "ny@tk.example;Ny;NY;med"]), "p.csv"),
        )
    after = (Unit.objects.count(), Membership.history.count(), get_user_model().objects.count())
    assert before == after


# --- next year's file ---------------------------------------------------------------------

NEXT_YEAR = [
    "TK;Testkommune;;organisation",
    "TK-A;Børn og Unge;TK;afdeling",  # renamed
    "TK-A-1;Egen enhed;TK-A;arbejdsplads",
    # TK-A-2 is gone: closed
    "TK-B;Teknik og Miljø;TK;afdeling",
    "TK-B-1;Vejcentret;TK-A;arbejdsplads",  # moved to TK-A
    "TK-B-2;Naturcentret;TK-B;arbejdsplads",  # new
]
NEXT_YEARS_PEOPLE = [
    "hr@tk.example;Hanne Rasmussen;TK;hr",
    "lise@tk.example;Lise Bech-Hansen;TK-A-1;leder",  # renamed; her TK-A-2 role ends
    "karen@tk.example;Karen Juhl;TK-A-1;tr",  # new TR; Tobias's role ends
    "amira@tk.example;Amira Mortensen;TK-A-1;amr",
    "mads@tk.example;Mads Dalgaard;TK-A;med",
]


def test_next_years_file_previews_what_is_created_renamed_moved_and_closed(organisation):
    plan = plan_of(NEXT_YEAR, NEXT_YEARS_PEOPLE)
    assert plan.problems == []
    assert [p.code for p in plan.created] == ["TK-B-2"]
    assert [(p.code, p.renamed_from) for p in plan.renamed] == [("TK-A", "Testafdeling")]
    assert [(p.code, p.moved_from) for p in plan.moved] == [("TK-B-1", "Teknik og Miljø")]
    assert codes(plan.closed) == ["TK-A-2"]
    assert [p.email for p in plan.people_created] == ["karen@tk.example"]
    assert [p.renamed_from for p in plan.people_renamed] == ["Lise Bech"]
    assert [(r.email, r.role) for r in plan.roles_added] == [("karen@tk.example", Role.TR)]
    assert sorted((m.person, m.code) for m in plan.roles_ended) == [
        ("lise@tk.example", "TK-A-2"),
        ("tobias@tk.example", "TK-A-1"),
    ]


def test_next_years_import_moves_renames_and_closes_and_keeps_the_history(organisation):
    closing = Unit.objects.get(code="TK-A-2")
    moving = Unit.objects.get(code="TK-B-1")
    team = factory.unit("Vejholdet", parent=moving, kind=Unit.Kind.TEAM, code="TK-B-1-X")
    plan_of_closed = factory.action_plan(closing, title="Støj i værkstedet")
    plan_of_moved = factory.action_plan(moving, title="Mindre overarbejde")
    tobias = Membership.objects.get(user__email="tobias@tk.example")

    imported(NEXT_YEAR, NEXT_YEARS_PEOPLE)

    closing.refresh_from_db()
    moving.refresh_from_db()
    team.refresh_from_db()
    department = Unit.objects.get(code="TK-A")
    assert department.name == "Børn og Unge"
    assert moving.parent == department and moving.path == f"{department.path}{moving.pk}/"
    assert closing.closed_on is not None and closing in Unit.objects.all()
    assert closing not in Unit.objects.open()
    # a team the file does not name is closed too, and follows its moved parent
    assert team.closed_on is not None and team.path == f"{moving.path}{team.pk}/"
    # plans stay with their unit
    assert ActionPlan.objects.get(pk=plan_of_closed.pk).unit == closing
    assert ActionPlan.objects.get(pk=plan_of_moved.pk).unit == moving
    # roles end, they are not deleted
    tobias = Membership.history.get(pk=tobias.pk)
    assert tobias.ended_on is not None
    assert not Membership.objects.filter(user__email="tobias@tk.example").exists()
    lise = get_user_model().objects.get(email="lise@tk.example")
    assert lise.last_name == "Bech-Hansen"
    assert codes(m.unit for m in lise.memberships.all()) == ["TK-A-1"]
    assert codes(m.unit for m in Membership.history.filter(user=lise)) == ["TK-A-1", "TK-A-2"]
    assert Unit.objects.get(code="TK-B-2").parent.code == "TK-B"


def test_a_closed_unit_in_a_later_file_is_reopened(organisation):
    imported(NEXT_YEAR, NEXT_YEARS_PEOPLE)
    plan = plan_of(THIS_YEAR, THIS_YEARS_PEOPLE)
    assert [p.code for p in plan.reopened] == ["TK-A-2"]
    orgimport.apply_plan(plan)
    assert Unit.objects.open().filter(code="TK-A-2").exists()


# --- who may import what ------------------------------------------------------------------


def test_hr_of_one_department_cannot_import_into_another(organisation):
    hr_a = factory.user("hr-a", role=Role.HR, unit=Unit.objects.get(code="TK-A"))
    file_of_b = ["TK-B;Teknik og Miljø;;afdeling", "TK-B-1;Vejcentret;TK-B;arbejdsplads"]
    problems = problems_of(file_of_b, ["x@tk.example;X Y;TK-B-1;leder"], user=hr_a)
    assert problems == [
        "Ark »enheder«, række 2, kolonne »enhedskode«: Du er ikke HR for Teknik og Miljø "
        "(TK-B) og kan ikke importere den."
    ]


def test_hr_of_a_department_imports_its_own_subtree_and_nothing_else_changes(organisation):
    department = Unit.objects.get(code="TK-A")
    hr_a = factory.user("hr-a", role=Role.HR, unit=department, email="hr-a@tk.example")
    file_of_a = [
        "TK-A;Testafdeling;;afdeling",
        "TK-A-1;Egen enhed;TK-A;arbejdsplads",
        "TK-A-3;Ny enhed;TK-A;arbejdsplads",
    ]
    people = ["hr-a@tk.example;Person Hr;TK-A;hr", "lise@tk.example;Lise Bech;TK-A-1;leder"]
    plan = plan_of(file_of_a, people, user=hr_a)
    assert plan.problems == []
    assert codes(plan.closed) == ["TK-A-2"]
    ended = sorted((m.person, m.code) for m in plan.roles_ended)
    assert ("hr@tk.example", "TK") not in ended  # outside the department: untouched
    assert ("mads@tk.example", "TK-A") in ended
    orgimport.apply_plan(plan, user=hr_a)
    assert Unit.objects.get(code="TK-A").parent.code == "TK"  # the top keeps its place
    assert Unit.objects.open().filter(code="TK-B-1").exists()


def test_hr_cannot_take_over_a_unit_of_another_department_by_naming_it(organisation):
    hr_a = factory.user("hr-a", role=Role.HR, unit=Unit.objects.get(code="TK-A"))
    units = ["TK-A;Testafdeling;;afdeling", "TK-B-1;Vejcentret;TK-A;arbejdsplads"]
    problems = problems_of(units, ["x@tk.example;X Y;TK-B-1;leder"], user=hr_a)
    assert "uden for filens organisation" in problems[0]


def test_hr_cannot_import_a_file_that_ends_their_own_hr_role(organisation):
    hr = get_user_model().objects.get(email="hr@tk.example")
    problems = problems_of(THIS_YEAR, THIS_YEARS_PEOPLE[1:], user=hr)
    assert problems == [
        "Ark »personer«: Filen fjerner din egen HR-rolle i Testkommune, og så kunne du ikke "
        "længere se organisationen. Tilføj dig selv i arket med personer."
    ]


def test_hr_cannot_start_a_new_organisation(organisation):
    hr = get_user_model().objects.get(email="hr@tk.example")
    problems = problems_of(["NY;Ny kommune;;organisation"], ["a@b.dk;A B;NY;hr"], user=hr)
    assert "findes ikke" in problems[0]


# --- the pages ----------------------------------------------------------------------------


def upload(client, units, people):
    return client.post(
        reverse("organisation:import"),
        {
            "file": _named(csv(UNITS_HEADER, units), "enheder.csv"),
            "people_file": _named(csv(PEOPLE_HEADER, people), "personer.csv"),
        },
    )


def _named(data, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_hr_uploads_sees_the_preview_and_confirms(client, organisation):
    hr = get_user_model().objects.get(email="hr@tk.example")
    client.force_login(hr)
    response = upload(client, NEXT_YEAR, [*NEXT_YEARS_PEOPLE])
    html = response.content.decode()
    assert response.status_code == 200
    assert "Forhåndsvisning" in html and "Naturcentret" in html and "Anden enhed" in html
    assert not Unit.objects.filter(code="TK-B-2").exists()  # nothing saved before confirming
    payload = response.context["payload"]
    confirmed = client.post(reverse("organisation:confirm"), {"payload": payload})
    assert confirmed.status_code == 302
    assert Unit.objects.filter(code="TK-B-2").exists()
    assert Unit.objects.get(code="TK-A-2").closed_on is not None
    from django.contrib.admin.models import LogEntry

    assert "Organisationsimport" in LogEntry.objects.get(user=hr).change_message
    # a second click on the same preview plans again against what the first wrote
    units, roles = Unit.objects.count(), Membership.history.count()
    again = client.post(reverse("organisation:confirm"), {"payload": payload}, follow=True)
    assert "0 enheder oprettet" in again.content.decode()
    assert (Unit.objects.count(), Membership.history.count()) == (units, roles)


def test_the_page_lists_every_problem_and_saves_nothing(client, organisation):
    client.force_login(get_user_model().objects.get(email="hr@tk.example"))
    html = upload(client, [*THIS_YEAR, "X;X;Y;team"], THIS_YEARS_PEOPLE).content.decode()
    assert "intet er gemt" in html and "Ukendt overordnet enhed" in html
    assert not Unit.objects.filter(code="X").exists()


def test_a_tampered_preview_is_refused(client, organisation):
    client.force_login(get_user_model().objects.get(email="hr@tk.example"))
    response = client.post(reverse("organisation:confirm"), {"payload": "forged"})
    assert response.status_code == 400 and "Upload filen igen" in response.content.decode()


def test_med_cannot_open_the_import(client, organisation):
    med = get_user_model().objects.get(email="mads@tk.example")
    client.force_login(med)
    assert client.get(reverse("organisation:import")).status_code == 403
    assert upload(client, THIS_YEAR, THIS_YEARS_PEOPLE).status_code == 403
    assert client.get(reverse("organisation:export")).status_code == 403


def test_hr_sees_organisation_in_the_menu_and_med_does_not(client, organisation):
    client.force_login(get_user_model().objects.get(email="hr@tk.example"))
    assert reverse("organisation:import") in client.get(reverse("home")).content.decode()
    client.force_login(get_user_model().objects.get(email="mads@tk.example"))
    assert reverse("organisation:import") not in client.get(reverse("home")).content.decode()


def test_the_export_is_a_file_the_import_takes_back_unchanged(client, organisation):
    client.force_login(get_user_model().objects.get(email="hr@tk.example"))
    response = client.get(reverse("organisation:export"))
    assert response["Content-Disposition"].startswith("attachment")
    data = b"".join(response.streaming_content) if response.streaming else response.content
    plan = orgimport.plan_organisation(*orgimport.read_files(data, "organisation.xlsx"))
    assert plan.problems == []
    assert (plan.created, plan.moved, plan.closed, plan.roles_added, plan.roles_ended) == (
        [],
        [],
        [],
        [],
        [],
    )


def test_the_csv_export_round_trips_too(client, organisation):
    client.force_login(get_user_model().objects.get(email="hr@tk.example"))
    url = reverse("organisation:export")
    units = client.get(url, {"format": "csv", "ark": "enheder"}).content
    people = client.get(url, {"format": "csv", "ark": "personer"}).content
    plan = orgimport.plan_organisation(
        *orgimport.read_files(units, "enheder.csv", (people, "personer.csv"))
    )
    assert plan.problems == [] and plan.closed == [] and plan.roles_ended == []


def test_hr_of_a_department_exports_only_its_department(client, organisation):
    department = Unit.objects.get(code="TK-A")
    client.force_login(factory.user("hr-a", role=Role.HR, unit=department))
    data = client.get(reverse("organisation:export"), {"format": "csv", "ark": "enheder"})
    lines = data.content.decode("utf-8-sig").splitlines()
    assert [line.split(";")[0] for line in lines[1:]] == ["TK-A", "TK-A-1", "TK-A-2"]
    assert lines[1].split(";")[2] == ""  # the top of the export has no parent


# --- IT's command -------------------------------------------------------------------------


def test_the_command_checks_by_default_and_saves_with_apply(db, tmp_path):
    (tmp_path / "enheder.csv").write_bytes(csv(UNITS_HEADER, THIS_YEAR))
    (tmp_path / "personer.csv").write_bytes(csv(PEOPLE_HEADER, THIS_YEARS_PEOPLE))
    args = [str(tmp_path / "enheder.csv"), "--personer", str(tmp_path / "personer.csv")]
    out = io.StringIO()
    call_command("import_organisation", *args, stdout=out)
    assert "Prøvekørsel" in out.getvalue() and not Unit.objects.exists()
    call_command("import_organisation", *args, "--apply", stdout=out)
    assert Unit.objects.filter(code="TK-A-1").exists()


def test_the_command_prints_the_problems_and_fails(db, tmp_path):
    (tmp_path / "enheder.csv").write_bytes(csv(UNITS_HEADER, [*THIS_YEAR, "X;X;Y;team"]))
    (tmp_path / "personer.csv").write_bytes(csv(PEOPLE_HEADER, THIS_YEARS_PEOPLE))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_organisation",
            str(tmp_path / "enheder.csv"),
            "--personer",
            str(tmp_path / "personer.csv"),
            "--apply",
            stderr=err,
        )
    assert "Ukendt overordnet enhed »Y«" in err.getvalue()
    assert not Unit.objects.exists()


def test_a_closed_unit_is_not_missing_a_plan_in_the_overview(organisation):
    from actionplans import queries

    round_ = factory.survey_round(organisation)
    with_plan = Unit.objects.get(code="TK-B-1")
    factory.action_plan(with_plan, round=round_)
    next_year = [line for line in NEXT_YEAR if not line.startswith("TK-B-1;")]
    imported(next_year, NEXT_YEARS_PEOPLE)  # closes TK-A-2 (no plan) and TK-B-1 (a plan)

    rows = queries.overview_rows(round_, Unit.objects.all())
    assert codes(Unit(code=row.code) for row in rows) == ["TK-A-1", "TK-B-1", "TK-B-2"]
    assert queries.headline(round_, rows).without_plan == 2  # TK-A-1 and the new TK-B-2


def test_hr_of_one_department_uploading_another_sees_why_and_nothing_changes(client, organisation):
    client.force_login(factory.user("hr-a", role=Role.HR, unit=Unit.objects.get(code="TK-A")))
    file_of_b = ["TK-B;Teknik og Miljø;;afdeling", "TK-B-1;Vejcentret;TK-B;arbejdsplads"]
    html = upload(client, file_of_b, ["x@tk.example;X Y;TK-B-1;leder"]).content.decode()
    assert "Du er ikke HR for Teknik og Miljø (TK-B)" in html and "payload" not in html
    assert Membership.objects.filter(unit__code="TK-B-1").count() == 0
    assert not get_user_model().objects.filter(email="x@tk.example").exists()


def test_the_htmx_upload_answers_with_the_result_only(client, organisation):
    client.force_login(get_user_model().objects.get(email="hr@tk.example"))
    response = client.post(
        reverse("organisation:import"),
        {
            "file": _named(csv(UNITS_HEADER, NEXT_YEAR), "enheder.csv"),
            "people_file": _named(csv(PEOPLE_HEADER, NEXT_YEARS_PEOPLE), "personer.csv"),
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="import-result"') and "<h1>" not in html
    assert "Forhåndsvisning" in html


def test_a_csv_without_the_people_file_is_asked_for(client, organisation):
    client.force_login(get_user_model().objects.get(email="hr@tk.example"))
    response = client.post(
        reverse("organisation:import"), {"file": _named(csv(UNITS_HEADER, THIS_YEAR), "e.csv")}
    )
    assert "Med CSV skal der to filer til" in response.content.decode()


def test_a_name_a_spreadsheet_could_run_as_a_formula_is_exported_as_text_and_comes_back(
    client, organisation
):
    Unit.objects.filter(code="TK-B-1").update(name='=HYPERLINK("http://x.example")')
    client.force_login(get_user_model().objects.get(email="hr@tk.example"))
    url = reverse("organisation:export")
    book = openpyxl.load_workbook(io.BytesIO(client.get(url).content))
    cell = next(c for c in book["enheder"]["B"] if c.value and c.value.startswith("=HYP"))
    assert cell.data_type == "s" and cell.quotePrefix
    units = client.get(url, {"format": "csv", "ark": "enheder"}).content
    assert b"'=HYPERLINK" in units
    people = client.get(url, {"format": "csv", "ark": "personer"}).content
    plan = orgimport.plan_organisation(
        *orgimport.read_files(units, "enheder.csv", (people, "personer.csv"))
    )
    assert plan.problems == [] and plan.renamed == []


@pytest.mark.parametrize(
    "name,data,expected",
    [
        ("organisation.xls", b"\xd0\xcf\x11\xe0old", "Gem filen som .xlsx"),
        ("organisation.pdf", b"%PDF-1.4", "Forkert filtype"),
        ("organisation.xlsx", b"not a zip", "ikke en Excel-fil"),
    ],
)
def test_a_file_of_another_kind_is_refused_in_the_readers_words(db, name, data, expected):
    with pytest.raises(ImportRejected) as rejected:
        orgimport.read_files(data, name)
    assert expected in str(rejected.value)


def test_hr_downloads_the_example_files(client, organisation):
    client.force_login(get_user_model().objects.get(email="hr@tk.example"))
    url = reverse("organisation:example")
    xlsx = b"".join(client.get(url, {"format": "xlsx"}).streaming_content)
    assert orgimport.read_files(xlsx, "eksempel.xlsx")[1].rows
    units = b"".join(client.get(url, {"format": "enheder"}).streaming_content)
    assert units.decode("utf-8-sig").startswith("enhedskode;navn")
