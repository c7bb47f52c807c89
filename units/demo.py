"""Demo organisation: the fictional Bøgely Kommune. Every name here is made up.

Lise Bech (`leder`) leads the three units that tell the demo's story, one at each stage of
the trivselsdialog (dates relative to the day the demo is loaded): Børnehaven Spiren is
before its workshop, Vuggestuen Myretuen just after one, and Dagtilbud Lærkereden half a
year on.

Jens Winther (`plejeleder`) leads Ahornhaven Dag, which prepares a TalSammen
Udviklingsdialog (Nyborg's method): the employees' theme choices are in."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from .models import Membership, Role, Unit

DEMO_PASSWORD = "trivsel-demo"

# (code, name, kind, parent code)
UNITS = [
    ("BK", "Bøgely Kommune", Unit.Kind.ORGANISATION, None),
    ("BK-BF", "Børn og Familie", Unit.Kind.DEPARTMENT, "BK"),
    ("BK-BF-01", "Dagtilbud Lærkereden", Unit.Kind.WORKPLACE, "BK-BF"),
    ("BK-BF-01-A", "Vuggestuen Myretuen", Unit.Kind.TEAM, "BK-BF-01"),
    ("BK-BF-01-B", "Børnehaven Spiren", Unit.Kind.TEAM, "BK-BF-01"),
    ("BK-BF-02", "Familiecenter Bøgely", Unit.Kind.WORKPLACE, "BK-BF"),
    ("BK-BF-03", "Pædagogisk Psykologisk Rådgivning", Unit.Kind.WORKPLACE, "BK-BF"),
    ("BK-SS", "Social og Sundhed", Unit.Kind.DEPARTMENT, "BK"),
    ("BK-SS-01", "Plejecenter Ahornhaven", Unit.Kind.WORKPLACE, "BK-SS"),
    ("BK-SS-01-A", "Ahornhaven Dag", Unit.Kind.TEAM, "BK-SS-01"),
    ("BK-SS-01-B", "Ahornhaven Aften og Nat", Unit.Kind.TEAM, "BK-SS-01"),
    ("BK-SS-02", "Hjemmeplejen Vest", Unit.Kind.WORKPLACE, "BK-SS"),
    ("BK-SS-03", "Sundhedshuset", Unit.Kind.WORKPLACE, "BK-SS"),
    ("BK-BM", "By og Miljø", Unit.Kind.DEPARTMENT, "BK"),
    ("BK-BM-01", "Borgerservice", Unit.Kind.WORKPLACE, "BK-BM"),
    ("BK-BM-02", "Vej og Park", Unit.Kind.WORKPLACE, "BK-BM"),
    ("BK-BM-02-A", "Materielgården", Unit.Kind.TEAM, "BK-BM-02"),
    ("BK-BM-03", "Byggesag og Plan", Unit.Kind.WORKPLACE, "BK-BM"),
]

# (username, first name, last name, role, unit code)
PEOPLE = [
    ("hr", "Hanne", "Rasmussen", Role.HR, "BK"),
    ("med", "Mads", "Dalgaard", Role.MED, "BK-BF"),
    ("leder", "Lise", "Bech", Role.LEADER, "BK-BF-01-B"),
    ("tr", "Tobias", "Riis", Role.TR, "BK-BF-01-B"),
    ("amr", "Amira", "Mortensen", Role.AMR, "BK-BF-01-B"),
    ("facilitator", "Frida", "Holm", Role.FACILITATOR, "BK-BF-01"),
    # Jens leads the unit preparing Nyborg's TalSammen (workshops/demo.py: nyborg_before)
    ("plejeleder", "Jens", "Winther", Role.LEADER, "BK-SS-01-A"),
]
# The story's three units (see the module docstring); Lise leads each of them.
BEFORE, JUST_AFTER, HALF_YEAR_ON = "BK-BF-01-B", "BK-BF-01-A", "BK-BF-01"
STORY_UNITS = (BEFORE, JUST_AFTER, HALF_YEAR_ON)
# Ahornhaven Dag prepares a TalSammen Udviklingsdialog (Nyborg's method), led by Jens
NYBORG_BEFORE = "BK-SS-01-A"
# (username, role, unit code): memberships besides the one in PEOPLE
MORE_MEMBERSHIPS = [("leder", Role.LEADER, JUST_AFTER), ("leder", Role.LEADER, HALF_YEAR_ON)]
FIRST_NAMES = ["Karen", "Jonas", "Sofie", "Peter", "Mette", "Ali", "Ida", "Lars", "Nanna", "Emil"]
LAST_NAMES = ["Juhl", "Kragh", "Lund", "Holt", "Brix", "Dam", "Vang", "Friis", "Kjær", "Bundgaard"]


def present() -> bool:
    """Whether the demo organisation is in the database already (one indexed lookup)."""
    return Unit.objects.filter(code="BK").exists()


def logins() -> list[tuple[str, str]]:
    """(username, description) of the demo's named logins."""
    names = {code: name for code, name, _kind, _parent in UNITS}
    units = {username: [code] for username, _f, _l, _role, code in PEOPLE}
    for username, _role, code in MORE_MEMBERSHIPS:
        units[username].append(code)
    return [
        (username, f"{Role(role).label} · {', '.join(names[code] for code in units[username])}")
        for username, _first, _last, role, _code in PEOPLE
    ]


@transaction.atomic
def create() -> list[tuple[str, str]]:
    """Create or refresh the demo organisation; returns (username, description) logins."""
    units = {}
    for code, name, kind, parent_code in UNITS:
        unit = Unit.objects.filter(code=code).first() or Unit(code=code)
        unit.name, unit.kind, unit.parent = name, kind, units.get(parent_code)
        unit.save()
        units[code] = unit

    # One hash for every demo user: hashing is slow on purpose (about 0.2 s each), and 45
    # users hashed one by one made up nearly all of the demo's load time.
    password = make_password(DEMO_PASSWORD)
    people = {}
    for username, first, last, role, code in PEOPLE:
        people[username] = _person(username, first, last, role, units[code], password)
    for username, role, code in MORE_MEMBERSHIPS:
        Membership.objects.get_or_create(user=people[username], unit=units[code], role=role)

    # Every other workplace and team gets a trio of its own, so the tree is realistic (Lise
    # is the leader of the story's units).
    number = 0
    for code, unit in units.items():
        if unit.kind not in (Unit.Kind.WORKPLACE, Unit.Kind.TEAM) or code == BEFORE:
            continue
        for role in (Role.LEADER, Role.TR, Role.AMR):
            if role == Role.LEADER and code in (*STORY_UNITS, NYBORG_BEFORE):
                continue
            first = FIRST_NAMES[number % len(FIRST_NAMES)]
            last = LAST_NAMES[(number * 3) % len(LAST_NAMES)]
            _person(f"{role}-{code.lower()}", first, last, role, unit, password)
            number += 1
    return logins()


def _person(username, first, last, role, unit, password):
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.first_name, user.last_name = first, last
    user.email = f"{username}@boegely.example"
    user.is_staff = role == Role.HR
    user.password = password
    user.save()
    Membership.objects.get_or_create(user=user, unit=unit, role=role)
    return user
