"""HR reads in the admin which methods exist, their versions and which units ran which
(issue 20, item 1), within HR's own subtree as every admin page; nobody changes a method
there: a method is a file, loaded on migrate."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from units.models import Role
from workshops.models import Method
from workshops.preparation import create_workshop

from . import factory


@pytest.fixture
def ran(world):
    """Albertslund ran in the own unit and next door (another department)."""
    next_door = factory.unit("Nabo-afdeling", parent=world.organisation, kind="department")
    world.next_unit = factory.unit("Nabo-enhed", parent=next_door)
    world.department_hr = factory.user("department_hr", role=Role.HR, unit=world.department)
    get_user_model().objects.filter(
        pk__in=[world.hr.pk, world.department_hr.pk, world.leader.pk]
    ).update(is_staff=True)
    world.method = Method.objects.get(is_default=True)
    create_workshop(unit=world.unit, method=world.method, title="Vores trivselsdialog")
    create_workshop(unit=world.next_unit, method=world.method, title="Nabodialog")
    return world


def test_hr_sees_the_methods_with_their_versions_and_how_many_units_ran_them(client, ran):
    client.force_login(ran.hr)
    page = client.get(reverse("admin:workshops_method_changelist"))
    assert page.status_code == 200
    rows = {m.slug: m for m in page.context["cl"].result_list}
    assert set(rows) == {"albertslund-trivselsdialog", "nyborg-talsammen"}
    assert rows["albertslund-trivselsdialog"].version == 1
    assert rows["albertslund-trivselsdialog"].units_count == 2
    assert rows["nyborg-talsammen"].units_count == 0
    html = page.content.decode()
    assert "Trivselsdialog (Albertslund-metoden)" in html and "TalSammen" in html


def test_a_method_shows_its_phases_sources_and_the_units_that_ran_it(client, ran):
    client.force_login(ran.hr)
    url = reverse("admin:workshops_method_change", args=[ran.method.pk])
    html = client.get(url).content.decode()
    assert "Dagsordenspunkt 4: Find mulighedsrummet" in html  # a phase's paragraph
    assert "Egen enhed: Vores trivselsdialog" in html and "version 1" in html
    assert "Nabo-enhed: Nabodialog" in html


def test_a_departments_hr_sees_only_its_own_units_runs(client, ran):
    client.force_login(ran.department_hr)
    page = client.get(reverse("admin:workshops_method_changelist"))
    rows = {m.slug: m for m in page.context["cl"].result_list}
    assert rows["albertslund-trivselsdialog"].units_count == 1
    url = reverse("admin:workshops_method_change", args=[ran.method.pk])
    html = client.get(url).content.decode()
    assert "Egen enhed: Vores trivselsdialog" in html
    assert "Nabo-enhed" not in html


def test_nobody_changes_adds_or_deletes_a_method_in_the_admin(client, ran):
    client.force_login(ran.hr)
    change = reverse("admin:workshops_method_change", args=[ran.method.pk])
    assert client.post(change, {"name": "Omdøbt"}).status_code == 403
    assert client.get(reverse("admin:workshops_method_add")).status_code == 403
    delete = reverse("admin:workshops_method_delete", args=[ran.method.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    ran.method.refresh_from_db()
    assert ran.method.name == "Trivselsdialog (Albertslund-metoden)"


def test_the_trio_does_not_reach_the_methods_in_the_admin(client, ran):
    client.force_login(ran.leader)
    assert client.get(reverse("admin:workshops_method_changelist")).status_code == 403
    url = reverse("admin:workshops_method_change", args=[ran.method.pk])
    assert client.get(url).status_code == 403
