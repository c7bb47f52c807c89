"""Import of the organisation (units and the people's roles) from HR's payroll export, all or
nothing, in the report import's three steps and with its reader (surveys/importer.py):

1. `read_files(...)` reads the two tables: an xlsx with the sheets »enheder« and »personer«,
   or two CSV files. Unreadable files become Danish `Problem`s.
2. `plan_organisation(units, people, user=...)` checks every row against the organisation
   and returns an `OrgPlan`: the units that would be created, renamed, moved, reopened and
   closed, the people created and renamed, the roles given and ended; or the problems.
3. `apply_plan(plan, user=...)` writes a problem-free plan in one transaction, in bulk.

The file describes the whole of one or more subtrees: a unit of the subtree that is not in
the file is closed (`Unit.closed_on`), never deleted, so its plans and history stay; a role
of the subtree that is not in the file is ended (`Membership.end`). The format is described
in docs/organisation-import.md.
"""

from __future__ import annotations

import datetime
import secrets
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from surveys.importer import (
    MAX_PROBLEMS,
    ImportRejected,
    Limits,
    Problem,
    Table,
    normalise,
    read_table,
)

from .models import Membership, Role, Unit

UNITS_SHEET, PEOPLE_SHEET = "enheder", "personer"
CODE, NAME, PARENT, KIND = "enhedskode", "navn", "overordnet enhedskode", "type"
EMAIL, ROLE = "e-mail", "rolle"
UNIT_COLUMNS = [CODE, NAME, PARENT, KIND]
PEOPLE_COLUMNS = [EMAIL, NAME, CODE, ROLE]
ALIASES = {"overordnet": PARENT, "email": EMAIL, "mail": EMAIL, "enhed": CODE}

LIMITS = Limits(
    upload_bytes=8 * 1024 * 1024,
    unzipped_bytes=80 * 1024 * 1024,
    part_bytes=16 * 1024 * 1024,
    rows=50_000,
    columns=10,
    normal_size=gettext_lazy("En organisation med 20.000 personer fylder omkring 1 MB."),
    empty_body=gettext_lazy("Arket har kun en overskrift og ingen rækker."),
)
BATCH = 1000
NAME_MAX, CODE_MAX, EMAIL_MAX, PERSON_NAME_MAX = 200, 50, 254, 150

KIND_WORDS = {
    **{normalise(kind.value): kind.value for kind in Unit.Kind},
    **{normalise(str(kind.label)): kind.value for kind in Unit.Kind},
    "kommune": Unit.Kind.ORGANISATION,
    "team": Unit.Kind.TEAM,
    "enhed": Unit.Kind.TEAM,
}
ROLE_WORDS = {
    **{normalise(role.value): role.value for role in Role},
    **{normalise(str(role.label)): role.value for role in Role},
    "tillidsrepræsentant": Role.TR,
    "arbejdsmiljørepræsentant": Role.AMR,
    "med-medlem": Role.MED,
    "med": Role.MED,
}
# How deep a kind sits: a unit never lies under a unit of a deeper kind (an afdeling under an
# arbejdsplads), and only the top of the file may be an organisation.
KIND_RANK = {
    Unit.Kind.ORGANISATION: 0,
    Unit.Kind.DEPARTMENT: 1,
    Unit.Kind.WORKPLACE: 2,
    Unit.Kind.TEAM: 3,
}
# The roles each kind of unit can hold (docs/organisation-import.md): the trio's TR and AMR
# sit in a workplace's or a team's arbejdsmiljøgruppe, a leader leads a unit below the
# organisation, HR serves the organisation or a department.
ROLES_BY_KIND = {
    Unit.Kind.ORGANISATION: {Role.HR, Role.MED, Role.FACILITATOR},
    Unit.Kind.DEPARTMENT: {Role.LEADER, Role.HR, Role.MED, Role.FACILITATOR},
    Unit.Kind.WORKPLACE: {Role.LEADER, Role.TR, Role.AMR, Role.MED, Role.FACILITATOR},
    Unit.Kind.TEAM: {Role.LEADER, Role.TR, Role.AMR, Role.MED, Role.FACILITATOR},
}


# --- 1. files → tables -----------------------------------------------------------------


def read_files(data: bytes, filename: str, people: tuple[bytes, str] | None = None):
    """The units' and the people's tables: both sheets of one xlsx, or two CSV files (the
    units in `data`, the people in `people`). Raises ImportRejected."""
    if filename.lower().endswith(".xlsx"):
        units = _read(data, filename, sheet=UNITS_SHEET)
        return units, _read(data, filename, sheet=PEOPLE_SHEET)
    if not filename.lower().endswith((".csv", ".txt")):
        _read(data, filename, UNITS_SHEET, csv=True)  # refuses the type in the reader's words
    if people is None:
        raise ImportRejected(
            [Problem(_("Med CSV skal der to filer til: én med enheder og én med personer."))]
        )
    return _read(data, filename, UNITS_SHEET, csv=True), _read(*people, PEOPLE_SHEET, csv=True)


def _read(data, filename, sheet, *, csv=False) -> Table:
    try:
        return read_table(data, filename, limits=LIMITS, sheet=None if csv else sheet)
    except ImportRejected as rejected:
        raise ImportRejected([_on_sheet(p, sheet) for p in rejected.problems]) from None


def _on_sheet(problem: Problem, sheet: str) -> Problem:
    return Problem(problem.message, problem.row, problem.column, sheet)


# --- 2. tables → plan ------------------------------------------------------------------


@dataclass
class PlannedUnit:
    row: int
    code: str
    name: str
    kind: str
    parent_code: str  # "" at the top of the file
    unit: Unit | None = None  # the existing unit with this code
    renamed_from: str = ""
    moved_from: str = ""  # the old parent's name
    kind_from: str = ""
    reopened: bool = False

    @property
    def created(self):
        return self.unit is None

    @property
    def changed(self):
        return bool(self.renamed_from or self.moved_from or self.kind_from or self.reopened)

    @property
    def kind_label(self):
        return Unit.Kind(self.kind).label


@dataclass
class PlannedPerson:
    row: int
    email: str
    first_name: str
    last_name: str
    user_id: int | None = None
    renamed_from: str = ""


@dataclass
class PlannedRole:
    row: int
    email: str
    code: str
    role: str

    @property
    def role_label(self):
        return Role(self.role).label


@dataclass
class EndedRole:
    """A current role of the subtrees that the file does not have: it ends."""

    pk: int
    user_id: int
    unit_id: int
    role: str
    person: str  # the e-mail, or the username of an account without one
    code: str

    @property
    def role_label(self):
        return Role(self.role).label


@dataclass
class OrgPlan:
    units: list[PlannedUnit] = field(default_factory=list)
    closed: list[Unit] = field(default_factory=list)
    people: list[PlannedPerson] = field(default_factory=list)
    roles_added: list[PlannedRole] = field(default_factory=list)
    roles_ended: list[EndedRole] = field(default_factory=list)
    roots: list[Unit] = field(default_factory=list)  # the existing tops of the file
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.units)

    @property
    def created(self):
        return [planned for planned in self.units if planned.created]

    @property
    def renamed(self):
        return [planned for planned in self.units if planned.renamed_from]

    @property
    def moved(self):
        return [planned for planned in self.units if planned.moved_from]

    @property
    def reopened(self):
        return [planned for planned in self.units if planned.reopened]

    @property
    def kind_changed(self):
        return [planned for planned in self.units if planned.kind_from]

    @property
    def unchanged_count(self):
        return sum(1 for planned in self.units if not planned.created and not planned.changed)

    @property
    def people_created(self):
        return [person for person in self.people if person.user_id is None]

    @property
    def people_renamed(self):
        return [person for person in self.people if person.renamed_from]


class _Problems(list):
    """The plan's problems, stopping quietly at MAX_PROBLEMS."""

    def add(self, message, row=None, column=None, sheet=None):
        if len(self) < MAX_PROBLEMS:
            self.append(Problem(message, row, column, sheet))

    @property
    def full(self):
        return len(self) >= MAX_PROBLEMS


def plan_organisation(units: Table, people: Table, *, user=None) -> OrgPlan:
    """Check both tables against today's organisation. `user`: the HR user importing (the
    file's tops must lie in their HR scope); None for IT's command, which may do anything."""
    problems = _Problems()
    plan = OrgPlan(problems=problems)
    unit_columns = _columns(units, UNIT_COLUMNS, UNITS_SHEET, problems)
    people_columns = _columns(people, PEOPLE_COLUMNS, PEOPLE_SHEET, problems)
    if problems:
        return plan
    planned = _unit_rows(units, unit_columns, problems)
    if not problems:
        _check_tree(planned, problems)
    if not problems:
        _match_units(plan, planned, user, problems)
    if problems:
        return _failed(plan)
    plan.units = list(planned.values())
    by_code = dict(planned)
    _people_rows(plan, people, people_columns, by_code, problems)
    if not problems:
        _roles_ended(plan, by_code, user, problems)
    if problems:
        return _failed(plan)
    return plan


def _failed(plan: OrgPlan) -> OrgPlan:
    plan.units, plan.closed, plan.people, plan.roles_added, plan.roles_ended = [], [], [], [], []
    return plan


def _columns(table: Table, expected: list[str], sheet: str, problems) -> dict[str, int]:
    known = {normalise(name): name for name in expected}
    known.update({normalise(alias): name for alias, name in ALIASES.items() if name in expected})
    found: dict[str, int] = {}
    for index, title in enumerate(table.header):
        key = normalise(title)
        if key not in known:
            message = _("Ukendt kolonne. Forventet er: %(expected)s.") % {
                "expected": ", ".join(expected)
            }
            problems.add(message, table.header_row, title or "–", sheet)
        elif known[key] in found:
            problems.add(_("Kolonnen står der to gange."), table.header_row, title, sheet)
        else:
            found[known[key]] = index
    for name in expected:
        if name not in found:
            problems.add(_("Kolonnen mangler i filen."), table.header_row, name, sheet)
    return found


def _cells(table: Table, columns: dict[str, int]):
    """(row, {column: text}) for each row; an apostrophe our export put before a text a
    spreadsheet could take for a formula is taken off again."""
    for row, cells in table.rows:
        values = {}
        for name, index in columns.items():
            text = cells[index].strip() if index < len(cells) else ""
            if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
                text = text[1:]
            values[name] = text
        yield row, values


def _too_long(text, limit, row, column, sheet, problems) -> bool:
    if len(text) > limit:
        message = _("Teksten er for lang (højst %(n)s tegn).") % {"n": limit}
        problems.add(message, row, column, sheet)
        return True
    return False


def _unit_rows(table: Table, columns, problems) -> dict[str, PlannedUnit]:
    planned: dict[str, PlannedUnit] = {}
    for row, values in _cells(table, columns):
        if problems.full:
            break
        code, name, parent, kind_text = (values[c] for c in UNIT_COLUMNS)
        bad = False
        if not code:
            problems.add(_("Enhedskoden mangler."), row, CODE, UNITS_SHEET)
            bad = True
        elif code.casefold() in planned:
            other = planned[code.casefold()].row
            message = _("Enhedskoden %(code)s står også i række %(other)s.") % {
                "code": code,
                "other": other,
            }
            problems.add(message, row, CODE, UNITS_SHEET)
            bad = True
        else:
            bad = _too_long(code, CODE_MAX, row, CODE, UNITS_SHEET, problems)
        if not name:
            problems.add(_("Enhedens navn mangler."), row, NAME, UNITS_SHEET)
            bad = True
        else:
            bad = _too_long(name, NAME_MAX, row, NAME, UNITS_SHEET, problems) or bad
        kind = KIND_WORDS.get(normalise(kind_text))
        if kind is None:
            words = "organisation, afdeling, arbejdsplads, team"
            message = _("Ukendt type »%(kind)s«. Brug en af: %(kinds)s.") % {
                "kind": kind_text[:40],
                "kinds": words,
            }
            problems.add(message, row, KIND, UNITS_SHEET)
            bad = True
        if not bad:
            planned[code.casefold()] = PlannedUnit(row, code, name, kind, parent)
    return planned


def _check_tree(planned: dict[str, PlannedUnit], problems) -> None:
    """Every parent in the file, no unit below itself, kinds in their order."""
    tops = [p for p in planned.values() if not p.parent_code]
    for p in planned.values():
        if p.parent_code and p.parent_code.casefold() not in planned:
            message = _("Ukendt overordnet enhed »%(code)s«: den står ikke i arket med enheder.")
            problems.add(message % {"code": p.parent_code[:60]}, p.row, PARENT, UNITS_SHEET)
    if not tops:
        problems.add(
            _("Ingen enhed står øverst: den øverste enhed skal have en tom overordnet enhedskode."),
            sheet=UNITS_SHEET,
        )
    if problems:
        return
    children = defaultdict(list)
    for p in planned.values():
        if p.parent_code:
            children[p.parent_code.casefold()].append(p)
    reached, queue = set(), [p.code.casefold() for p in tops]
    while queue:
        key = queue.pop()
        reached.add(key)
        queue.extend(child.code.casefold() for child in children[key])
    reported = set()
    for key in planned:
        if key in reached or key in reported:
            continue
        ring, walk = [], key
        while walk not in ring:
            ring.append(walk)
            walk = planned[walk].parent_code.casefold()
        ring = ring[ring.index(walk) :]
        reported.update(ring)
        chain = " → ".join(planned[k].code for k in [*ring, ring[0]])
        message = _("Enhederne ligger under hinanden i ring: %(chain)s.") % {"chain": chain}
        problems.add(message, planned[ring[0]].row, PARENT, UNITS_SHEET)
    for p in planned.values():
        if not p.parent_code:
            continue
        parent = planned[p.parent_code.casefold()]
        if p.kind == Unit.Kind.ORGANISATION or KIND_RANK[p.kind] < KIND_RANK[parent.kind]:
            message = _("En enhed af typen %(kind)s kan ikke ligge under en %(parent)s.") % {
                "kind": str(Unit.Kind(p.kind).label).lower(),
                "parent": str(Unit.Kind(parent.kind).label).lower(),
            }
            problems.add(message, p.row, KIND, UNITS_SHEET)


def _administered_paths(user) -> tuple[str, ...] | None:
    """The HR paths of `user`; None when they may reach everything (IT, superusers)."""
    from . import permissions

    if user is None:
        return None
    scope = permissions.scope_for(user)
    return None if scope.everything else scope.hr_paths


def _match_units(plan: OrgPlan, planned: dict[str, PlannedUnit], user, problems) -> None:
    """Find each row's existing unit, check the tops against the user's HR scope, and work out
    what changes and which units of the subtrees are closed."""
    hr_paths = _administered_paths(user)
    existing = {unit.code.casefold(): unit for unit in Unit.objects.all()}
    by_id = {unit.pk: unit for unit in existing.values()}
    tops = [p for p in planned.values() if not p.parent_code]
    for top in tops:
        unit = existing.get(top.code.casefold())
        if unit is None and hr_paths is not None:
            message = _(
                "Enheden %(code)s findes ikke. Den øverste enhed i filen skal være en enhed, "
                "du er HR for."
            ) % {"code": top.code}
            problems.add(message, top.row, CODE, UNITS_SHEET)
        elif unit is not None and hr_paths is not None and not unit.path.startswith(hr_paths):
            message = _("Du er ikke HR for %(name)s (%(code)s) og kan ikke importere den.") % {
                "name": unit.name,
                "code": unit.code,
            }
            problems.add(message, top.row, CODE, UNITS_SHEET)
        elif unit is not None:
            plan.roots.append(unit)
    if problems:
        return
    root_paths = tuple(unit.path for unit in plan.roots)
    for top in tops:
        unit = existing.get(top.code.casefold())
        if unit is not None and any(
            unit.path.startswith(path) and unit.path != path for path in root_paths
        ):
            message = _(
                "Enheden står uden overordnet enhed, men ligger i dag under en anden øverste "
                "enhed i filen. Skriv dens overordnede enhedskode."
            )
            problems.add(message, top.row, PARENT, UNITS_SHEET)
    for key, p in planned.items():
        unit = existing.get(key)
        if unit is None:
            continue
        if not unit.path.startswith(root_paths or ("\0",)):
            message = _(
                "Enhedskoden %(code)s bruges allerede af %(name)s, som ligger uden for "
                "filens organisation."
            ) % {"code": unit.code, "name": unit.name}
            problems.add(message, p.row, CODE, UNITS_SHEET)
            continue
        p.unit = unit
        if unit.name != p.name:
            p.renamed_from = unit.name
        if unit.kind != p.kind:
            p.kind_from = str(Unit.Kind(unit.kind).label)
        if p.parent_code:
            new_parent = existing.get(p.parent_code.casefold())
            if new_parent is None or new_parent.pk != unit.parent_id:
                old = by_id.get(unit.parent_id)
                p.moved_from = old.name if old else "–"
        p.reopened = unit.closed_on is not None
    if problems:
        return
    in_file = {p.unit.pk for p in planned.values() if p.unit is not None}
    plan.closed = [
        unit
        for unit in existing.values()
        if unit.path.startswith(root_paths or ("\0",))
        and unit.pk not in in_file
        and unit.closed_on is None
    ]
    plan.closed.sort(key=lambda unit: unit.path)


def _split_name(name: str) -> tuple[str, str]:
    """»Karen Marie Juhl« → (»Karen Marie«, »Juhl«): payroll systems give one name field."""
    first, _space, last = name.rpartition(" ")
    return (first, last) if first else (last, "")


def _people_rows(plan: OrgPlan, table: Table, columns, units, problems) -> None:
    users = get_user_model().objects
    by_email: dict[str, list[tuple]] = defaultdict(list)
    for pk, email, first, last in users.exclude(email="").values_list(
        "pk", "email", "first_name", "last_name"
    ):
        by_email[email.casefold()].append((pk, first, last))
    usernames = {name.casefold() for name in users.values_list("username", flat=True)}
    people: dict[str, PlannedPerson] = {}
    seen_roles: dict[tuple, int] = {}
    for row, values in _cells(table, columns):
        if problems.full:
            break
        email, name, code, role_text = (values[c] for c in PEOPLE_COLUMNS)
        before = len(problems)
        try:
            if _too_long(email, EMAIL_MAX, row, EMAIL, PEOPLE_SHEET, problems):
                raise ValidationError("long")
            validate_email(email)
        except ValidationError:
            if len(problems) == before:
                message = _("»%(email)s« er ikke en gyldig e-mailadresse.") % {"email": email[:80]}
                problems.add(message, row, EMAIL, PEOPLE_SHEET)
        if not name:
            problems.add(_("Personens navn mangler."), row, NAME, PEOPLE_SHEET)
        first, last = _split_name(name)
        _too_long(first, PERSON_NAME_MAX, row, NAME, PEOPLE_SHEET, problems)
        _too_long(last, PERSON_NAME_MAX, row, NAME, PEOPLE_SHEET, problems)
        unit = units.get(code.casefold())
        if unit is None:
            message = _("Ukendt enhedskode »%(code)s«: den står ikke i arket med enheder.")
            problems.add(message % {"code": code[:60]}, row, CODE, PEOPLE_SHEET)
        role = ROLE_WORDS.get(normalise(role_text))
        if role is None:
            words = ", ".join(("leder", "tr", "amr", "med", "hr", "facilitator"))
            message = _("Ukendt rolle »%(role)s«. Brug en af: %(roles)s.") % {
                "role": role_text[:40],
                "roles": words,
            }
            problems.add(message, row, ROLE, PEOPLE_SHEET)
        elif unit is not None and role not in ROLES_BY_KIND[unit.kind]:
            message = _("En %(kind)s kan ikke have rollen %(role)s.") % {
                "kind": str(Unit.Kind(unit.kind).label).lower(),
                "role": Role(role).label,
            }
            problems.add(message, row, ROLE, PEOPLE_SHEET)
        if len(problems) > before:
            continue
        key = email.casefold()
        person = people.get(key)
        if person is None:
            person = PlannedPerson(row, email, first, last)
            matches = by_email.get(key, [])
            if len(matches) > 1:
                message = _("Flere brugere har e-mailen %(email)s; ret det i administrationen.")
                problems.add(message % {"email": email}, row, EMAIL, PEOPLE_SHEET)
                continue
            if matches:
                person.user_id, old_first, old_last = matches[0]
                old_name = f"{old_first} {old_last}".strip()
                if old_name != " ".join(name.split()):
                    person.renamed_from = old_name
                else:  # the same name, split otherwise by hand: kept as it is
                    person.first_name, person.last_name = old_first, old_last
            elif key in usernames:
                message = _("Der findes allerede en bruger med brugernavnet %(email)s.")
                problems.add(message % {"email": email}, row, EMAIL, PEOPLE_SHEET)
                continue
            people[key] = person
        elif (person.first_name, person.last_name) != (first, last):
            message = _("Personen står med et andet navn i række %(other)s.") % {
                "other": person.row
            }
            problems.add(message, row, NAME, PEOPLE_SHEET)
            continue
        role_key = (key, code.casefold(), role)
        if role_key in seen_roles:
            message = _("Personen har samme rolle i samme enhed i række %(other)s.") % {
                "other": seen_roles[role_key]
            }
            problems.add(message, row, ROLE, PEOPLE_SHEET)
            continue
        seen_roles[role_key] = row
        plan.roles_added.append(PlannedRole(row, email, unit.code, role))
    plan.people = list(people.values())


def _roles_ended(plan: OrgPlan, units: dict[str, PlannedUnit], user, problems) -> None:
    """Which current roles of the subtrees end, and which of the file's roles are new."""
    root_paths = tuple(unit.path for unit in plan.roots)
    user_of = {p.email.casefold(): p.user_id for p in plan.people}
    wanted = set()
    for role in plan.roles_added:
        unit = units[role.code.casefold()].unit
        user_id = user_of[role.email.casefold()]
        if unit is not None and user_id is not None:
            wanted.add((user_id, unit.pk, role.role))
    current = Membership.objects.filter(_in_paths(root_paths)).values_list(
        "pk", "user_id", "unit_id", "role", "user__email", "user__username", "unit__code"
    )
    kept = set()
    for pk, user_id, unit_id, role, email, username, code in current:
        if (user_id, unit_id, role) in wanted:
            kept.add((user_id, unit_id, role))
        else:
            plan.roles_ended.append(EndedRole(pk, user_id, unit_id, role, email or username, code))
    plan.roles_added = [
        role
        for role in plan.roles_added
        if (
            user_of[role.email.casefold()],
            getattr(units[role.code.casefold()].unit, "pk", None),
            role.role,
        )
        not in kept
    ]
    if user is not None and not user.is_superuser:
        hr_paths = _administered_paths(user) or ()
        tops = {unit.pk: unit for unit in plan.roots if unit.path in hr_paths}
        own = [
            m
            for m in plan.roles_ended
            if m.user_id == user.pk and m.role == Role.HR and m.unit_id in tops
        ]
        if own:
            message = _(
                "Filen fjerner din egen HR-rolle i %(unit)s, og så kunne du ikke længere se "
                "organisationen. Tilføj dig selv i arket med personer."
            ) % {"unit": tops[own[0].unit_id].name}
            problems.add(message, sheet=PEOPLE_SHEET)


def _in_paths(paths):
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(unit__path__startswith=path)
    return query


# --- 3. plan → database ----------------------------------------------------------------


@transaction.atomic
def apply_plan(plan: OrgPlan, *, user=None, today: datetime.date | None = None) -> OrgPlan:
    """Write the plan, all or nothing: units created, changed and closed in bulk with their
    paths recomputed, people created, roles ended and given."""
    if not plan.ok:
        raise ImportRejected(plan.problems or [Problem(_("Der er intet at importere."))])
    today = today or timezone.localdate()
    units = _apply_units(plan, today)
    _apply_people(plan, units)
    if user is not None:
        _log(plan, user)
    return plan


def _apply_units(plan: OrgPlan, today) -> dict[str, Unit]:
    new = [Unit(code=p.code, name=p.name, kind=p.kind, path="", depth=0) for p in plan.created]
    Unit.objects.bulk_create(new, batch_size=BATCH)
    fields = ["code", "name", "kind", "parent_id", "path", "depth", "closed_on"]
    before = {
        p.unit.pk: tuple(getattr(p.unit, name) for name in fields)
        for p in plan.units
        if p.unit is not None
    }
    made = iter(new)
    by_code: dict[str, Unit] = {}
    for p in plan.units:
        unit = p.unit if p.unit is not None else next(made)
        if p.unit is None and unit.pk is None:  # pragma: no cover - every supported database
            unit.save_base(raw=True)
        unit.code, unit.name, unit.kind, unit.closed_on = p.code, p.name, p.kind, None
        by_code[p.code.casefold()] = unit
    # the file's forest, top down: a unit's path is its parent's and its own id
    children = defaultdict(list)
    for p in plan.units:
        children[p.parent_code.casefold()].append(p)
    queue = [p for p in plan.units if not p.parent_code]
    for p in queue:
        unit = by_code[p.code.casefold()]
        if p.unit is None:
            unit.parent_id, unit.path = None, f"/{unit.pk}/"
    while queue:
        p = queue.pop()
        parent = by_code[p.code.casefold()]
        for child in children[p.code.casefold()]:
            unit = by_code[child.code.casefold()]
            unit.parent_id = parent.pk
            unit.path = f"{parent.path}{unit.pk}/"
            queue.append(child)
    # closed units and the already closed ones of the subtrees keep their parent; their paths
    # follow a moved parent
    paths = {unit.pk: unit.path for unit in by_code.values()}
    in_file = set(paths)
    rest = list(Unit.objects.subtree_of(plan.roots).exclude(pk__in=in_file).order_by("depth"))
    closing = {unit.pk for unit in plan.closed}
    for unit in rest:
        unit.path = f"{paths[unit.parent_id]}{unit.pk}/"
        paths[unit.pk] = unit.path
        if unit.pk in closing:
            unit.closed_on = today
    fields = ["code", "name", "kind", "parent_id", "path", "depth", "closed_on"]
    changed = []
    for unit in [*by_code.values(), *rest]:
        unit.depth = unit.path.count("/") - 2
        if tuple(getattr(unit, name) for name in fields) != before.get(unit.pk):
            changed.append(unit)
    # a code is the unit: no code passes from one unit to another, so the unique codes hold
    # row by row
    _update_rows(Unit, changed, fields)
    return by_code


def _apply_people(plan: OrgPlan, units: dict[str, Unit]) -> None:
    User = get_user_model()
    created = [
        User(
            username=person.email.casefold()[:150],
            email=person.email,
            first_name=person.first_name,
            last_name=person.last_name,
            # what make_password(None) makes, without its 40 calls of secrets.choice a user
            password=UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30),
        )
        for person in plan.people_created
    ]
    User.objects.bulk_create(created, batch_size=BATCH)
    # the plan is left as planned (its counts are the summary's); the new ids live here
    user_of = {user.email.casefold(): user.pk for user in created}
    renamed = []
    for person in plan.people:
        if person.user_id is not None:
            user_of[person.email.casefold()] = person.user_id
        if person.renamed_from:
            renamed.append(
                User(pk=person.user_id, first_name=person.first_name, last_name=person.last_name)
            )
    _update_rows(User, renamed, ["first_name", "last_name"])
    ended = [membership.pk for membership in plan.roles_ended]
    for start in range(0, len(ended), BATCH):
        Membership.objects.filter(pk__in=ended[start : start + BATCH]).update(
            ended_on=timezone.localdate()
        )
    Membership.objects.bulk_create(
        (
            Membership(
                user_id=user_of[role.email.casefold()],
                unit_id=units[role.code.casefold()].pk,
                role=role.role,
            )
            for role in plan.roles_added
        ),
        batch_size=BATCH,
    )


def _update_rows(model, objects, names) -> None:
    """UPDATE … WHERE id = … for each object, as one executemany: Django's bulk_update builds
    a CASE WHEN per field and row, which took most of a 2,000-unit import's time."""
    if not objects:
        return
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    sql = f"UPDATE {table} SET {sets} WHERE {pk} = %s"  # noqa: S608 - the model's own names
    rows = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields]
        + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _log(plan: OrgPlan, user) -> None:
    """One line in the change log per top of the file: who imported what."""
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(Unit)
    message = summary(plan)
    for unit in Unit.objects.filter(code__in=[p.code for p in plan.units if not p.parent_code]):
        LogEntry.objects.create(
            user_id=user.pk,
            content_type=content_type,
            object_id=str(unit.pk),
            object_repr=str(unit)[:200],
            action_flag=CHANGE,
            change_message=message,
        )


def summary(plan: OrgPlan) -> str:
    return _(
        "Organisationsimport: %(created)s enheder oprettet, %(renamed)s omdøbt, %(moved)s "
        "flyttet, %(closed)s lukket; %(people)s nye personer; %(added)s roller givet, "
        "%(ended)s ophørt."
    ) % {
        "created": len(plan.created),
        "renamed": len(plan.renamed),
        "moved": len(plan.moved),
        "closed": len(plan.closed),
        "people": len(plan.people_created),
        "added": len(plan.roles_added),
        "ended": len(plan.roles_ended),
    }


def import_files(data, filename, people=None, *, user=None, dry_run=False) -> OrgPlan:
    """Read, check and (unless `dry_run`) save in one go: the management command and the
    bench use this."""
    plan = plan_organisation(*read_files(data, filename, people), user=user)
    if not plan.ok:
        raise ImportRejected(plan.problems or [Problem(_("Der er intet at importere."))])
    if not dry_run:
        apply_plan(plan, user=user)
    return plan


def too_large() -> Problem:
    from surveys.importer import too_large_problem

    return too_large_problem(LIMITS)
