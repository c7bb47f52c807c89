from django.core.management import call_command

from units import permissions
from units.models import Membership, Role, Unit


def test_demo_data_is_a_realistic_municipality_and_idempotent(db, capsys):
    call_command("demo")
    first = (Unit.objects.count(), Membership.objects.count())
    call_command("demo")
    assert (Unit.objects.count(), Membership.objects.count()) == first
    assert Unit.objects.filter(kind=Unit.Kind.DEPARTMENT).count() == 3
    assert Unit.objects.count() >= 15
    out = capsys.readouterr().out
    for username in ("hr", "med", "leder", "tr", "amr"):
        assert username in out


def test_demo_logins_have_the_rights_they_promise(db):
    from django.contrib.auth import get_user_model

    call_command("demo")
    users = get_user_model().objects
    hr, med, leader = (
        users.get(username="hr"),
        users.get(username="med"),
        users.get(username="leder"),
    )
    spiren = Unit.objects.get(code="BK-BF-01-B")
    assert permissions.can(hr, "change", Unit.objects.get(code="BK-BM-02-A"))
    assert permissions.can(med, "view", spiren)
    assert not permissions.can(med, "view", Unit.objects.get(code="BK-SS"))
    assert permissions.can(leader, "change", spiren)
    trio_units = Membership.objects.filter(role=Role.LEADER).values("unit").distinct().count()
    assert trio_units >= 12
    assert hr.check_password("trivsel-demo")
