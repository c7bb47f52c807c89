"""Shared users for the stories the tests tell.

organisation (HR: `hr`)
└── department (MED: `med`)
    ├── unit        (trio: `leader`, `tr`, `amr`)   ← "own unit"
    └── other_unit  (trio: `other_leader`)           ← "other unit"
`stranger`: logged in, no role anywhere.
"""

from dataclasses import dataclass

import pytest

from units.models import Role, Unit

from . import factory


@dataclass
class World:
    organisation: Unit
    department: Unit
    unit: Unit
    other_unit: Unit
    hr: object
    med: object
    leader: object
    tr: object
    amr: object
    other_leader: object
    stranger: object
    facilitator: object


def pytest_collection_modifyitems(config, items):
    """The two-app-servers test (tests/test_cluster.py) runs only when asked for by name
    (`-m cluster`, `make test-cluster`): it starts nginx, two servers and a database of its
    own, so `pytest -m "not browser"` does not run it in passing."""
    if "cluster" in (config.getoption("markexpr") or ""):
        return
    chosen = [item for item in items if item.get_closest_marker("cluster") is None]
    if len(chosen) < len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in chosen])
        items[:] = chosen


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def exact_live_checks():
    """The fast path's snapshot of revisions (workshops/sync/snapshot.py) is off unless a test
    turns it on: tests change things and check at once, and each test's database starts
    anew, while the snapshot lives as long as the process."""
    from workshops.sync.snapshot import SNAPSHOT

    max_age = SNAPSHOT.max_age
    SNAPSHOT.max_age = 0
    SNAPSHOT.clear()
    yield SNAPSHOT
    SNAPSHOT.max_age = max_age
    SNAPSHOT.clear()


@pytest.fixture(autouse=True)
def record_guard():
    """A row a live screen shows, changed by the app without record(), fails the test
    (tests/record_guard.py). A test that means to make such a write empties `failures`."""
    from .record_guard import guarding

    with guarding() as guard:
        yield guard
    if guard.failures:
        pytest.fail("A live screen would stay stale:\n" + "\n".join(guard.failures))


@pytest.fixture
def world(db) -> World:
    organisation = factory.unit("Testkommune", code="TK")
    department = factory.unit("Testafdeling", parent=organisation, kind=Unit.Kind.DEPARTMENT)
    unit = factory.unit("Egen enhed", parent=department)
    other_unit = factory.unit("Anden enhed", parent=department)
    leader, tr, amr = factory.trio(unit)
    return World(
        organisation=organisation,
        department=department,
        unit=unit,
        other_unit=other_unit,
        hr=factory.user("hr", role=Role.HR, unit=organisation),
        med=factory.user("med", role=Role.MED, unit=department),
        leader=leader,
        tr=tr,
        amr=amr,
        other_leader=factory.user("other_leader", role=Role.LEADER, unit=other_unit),
        stranger=factory.user("stranger"),
        facilitator=factory.user("facilitator", role=Role.FACILITATOR, unit=unit),
    )
