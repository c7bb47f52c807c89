import datetime

import pytest

from units.models import Unit

from . import factory


def test_subtree_query_finds_every_level_below(db):
    org = factory.unit("Org")
    dept = factory.unit("Afd", parent=org)
    work = factory.unit("Arb", parent=dept)
    team = factory.unit("Team", parent=work)
    other = factory.unit("Anden org")
    assert set(Unit.objects.subtree_of([dept])) == {dept, work, team}
    assert other not in Unit.objects.subtree_of([org])
    assert team.depth == 3
    assert list(team.ancestors()) == [org, dept, work]


def test_moving_a_unit_moves_its_subtree(db):
    org = factory.unit("Org")
    a = factory.unit("A", parent=org)
    b = factory.unit("B", parent=org)
    child = factory.unit("Barn", parent=a)
    a.parent = b
    a.save()
    child.refresh_from_db()
    assert child.path == f"{b.path}{a.pk}/{child.pk}/"
    assert child in Unit.objects.subtree_of([b])


def test_a_unit_cannot_be_moved_below_itself(db):
    org = factory.unit("Org")
    a = factory.unit("A", parent=org)
    org.parent = a
    with pytest.raises(ValueError):
        org.save()


def test_ids_that_share_a_prefix_are_not_confused(db):
    """Paths end in "/" so unit 1's subtree never includes unit 12."""
    units = [factory.unit(f"U{i}") for i in range(12)]
    first, twelfth = units[0], units[11]
    assert twelfth not in Unit.objects.subtree_of([first])


def test_a_unit_closed_in_the_admin_stays_closed_and_leaves_the_open_units(db):
    """Unit.save writes named fields: a closing date saved through it must not be dropped."""
    org = factory.unit("Org")
    closed = factory.unit("Nedlagt", parent=org)
    closed.closed_on = datetime.date(2026, 11, 30)
    closed.save()
    closed.refresh_from_db()
    assert closed.closed_on is not None
    assert list(Unit.objects.open()) == [org]
