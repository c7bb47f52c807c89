"""The permission rules as a table: role × relation to the unit × action."""

import pytest

from units import permissions
from units.models import Role

from . import factory

# (who, which unit, action, allowed)
TABLE = [
    ("hr", "unit", "view", True),
    ("hr", "unit", "change", True),
    ("hr", "other_unit", "change", True),
    ("hr", "organisation", "change", True),
    ("med", "department", "view", True),
    ("med", "unit", "view", True),
    ("med", "other_unit", "view", True),
    ("med", "unit", "change", False),
    ("med", "organisation", "view", False),
    ("leader", "unit", "view", True),
    ("leader", "unit", "change", True),
    ("tr", "unit", "change", True),
    ("amr", "unit", "change", True),
    ("leader", "other_unit", "view", False),
    ("leader", "department", "view", False),
    ("other_leader", "unit", "view", False),
    ("stranger", "unit", "view", False),
    ("stranger", "organisation", "view", False),
    ("facilitator", "unit", "view", False),
    ("facilitator", "unit", "change", False),
]


@pytest.mark.parametrize("who,which,action,allowed", TABLE)
def test_permission_table(world, who, which, action, allowed):
    user = getattr(world, who)
    unit = getattr(world, which)
    assert permissions.can(user, action, unit) is allowed
    assert (unit in permissions.units_for(user, action)) is allowed


def test_trio_of_a_workplace_does_not_reach_its_teams(world):
    team = factory.unit("Team under egen enhed", parent=world.unit)
    assert not permissions.can(world.leader, "view", team)


def test_med_reaches_units_added_later_below_them(world):
    team = factory.unit("Nyt team", parent=world.unit)
    assert permissions.can(world.med, "view", team)
    assert not permissions.can(world.med, "change", team)


def test_hr_of_one_organisation_does_not_reach_another(world):
    other_org = factory.unit("Anden kommune")
    assert not permissions.can(world.hr, "view", other_org)


def test_superuser_counts_as_hr_everywhere(world):
    admin = factory.user(is_superuser=True)
    assert permissions.can(admin, "change", world.other_unit)
    assert permissions.is_hr(admin)


def test_anonymous_and_inactive_users_reach_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    world.leader.is_active = False
    assert not permissions.can(world.leader, "view", world.unit)
    assert not permissions.can(AnonymousUser(), "view", world.unit)
    assert permissions.units_for(AnonymousUser()).count() == 0


def test_scope_is_read_with_one_query_per_request(world, django_assert_num_queries):
    user = factory.user(role=Role.MED, unit=world.department)
    with django_assert_num_queries(1):
        for unit in (world.unit, world.other_unit, world.organisation):
            permissions.can(user, "view", unit)


def test_filter_for_restricts_things_that_belong_to_units(world):
    from units.models import Membership

    visible = permissions.filter_for(world.leader, Membership.objects.all())
    assert {m.unit for m in visible} == {world.unit}
