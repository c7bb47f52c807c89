"""A plain factory for test data: small functions with sensible defaults."""

import itertools

from django.contrib.auth import get_user_model

from units.models import Membership, Role, Unit

PASSWORD = "test-password-123"
_counter = itertools.count(1)


def unit(name=None, *, parent=None, kind=None, code=None) -> Unit:
    n = next(_counter)
    if kind is None:
        kind = Unit.Kind.ORGANISATION if parent is None else Unit.Kind.WORKPLACE
    return Unit.objects.create(
        name=name or f"Enhed {n}", code=code or f"T-{n}", kind=kind, parent=parent
    )


def user(username=None, *, role=None, unit=None, **fields):
    n = next(_counter)
    person = get_user_model().objects.create_user(
        username=username or f"user{n}",
        password=PASSWORD,
        first_name=fields.pop("first_name", f"Person{n}"),
        **fields,
    )
    if role:
        Membership.objects.create(user=person, unit=unit, role=role)
    return person


def trio(unit_):
    """Leader, TR and AMR of a unit."""
    return [user(role=role, unit=unit_) for role in (Role.LEADER, Role.TR, Role.AMR)]
