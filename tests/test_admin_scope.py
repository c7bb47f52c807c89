"""The admin as HR meets it: in Danish with the app's name, and showing only what HR may
touch. HR at the root administers the whole organisation; HR of one department its
department's units, roles and people, and nothing of the department next door. MED, the
trio and a stranger administer nothing, even when someone gave them the staff flag."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from units.models import Membership, Role, Unit

from . import factory

User = get_user_model()


@pytest.fixture
def cast(world):
    """The world plus a department next door with its own HR, and HR of world.department.
    Everybody holds the staff flag: the rule tested is the app's, not the flag's."""
    next_door = factory.unit("Nabo-afdeling", parent=world.organisation, kind="department")
    next_unit = factory.unit("Nabo-enhed", parent=next_door)
    people = {
        "hr": world.hr,
        "department_hr": factory.user("department_hr", role=Role.HR, unit=world.department),
        "med": world.med,
        "leader": world.leader,
        "stranger": world.stranger,
        "next_leader": factory.user("next_leader", role=Role.LEADER, unit=next_unit),
    }
    User.objects.filter(pk__in=[p.pk for p in people.values()]).update(is_staff=True)
    world.next_door, world.next_unit, world.people = next_door, next_unit, people
    world.round = factory.survey_round(world.organisation)
    return world


def admin_pages(world):
    """(name, url) of every admin page HR works in: list, one object, add."""
    membership = Membership.objects.get(user=world.leader)
    pages = {}
    for model, obj in [
        ("units_unit", world.unit),
        ("units_membership", membership),
        ("surveys_round", world.round),
        ("auth_user", world.leader),
    ]:
        pages[f"{model} list"] = reverse(f"admin:{model}_changelist")
        pages[f"{model} change"] = reverse(f"admin:{model}_change", args=[obj.pk])
        pages[f"{model} add"] = reverse(f"admin:{model}_add")
    return pages


ALL_OK = dict.fromkeys(
    [
        f"{m} {p}"
        for m in ("units_unit", "units_membership", "surveys_round", "auth_user")
        for p in ("list", "change", "add")
    ],
    200,
)
EXPECTED = {
    "hr": ALL_OK,
    # a department's HR: its subtree's units, roles and people; the organisation's rounds
    # are above it (listed empty, not found, not added)
    "department_hr": ALL_OK | {"surveys_round change": 404, "surveys_round add": 403},
    # MED, the trio, a stranger: nothing (403 on a page, 404 for an object out of reach)
    "med": dict.fromkeys(ALL_OK, 403)
    | {
        "units_unit change": 404,
        "units_membership change": 404,
        "surveys_round change": 404,
        "auth_user change": 404,
    },
    "leader": dict.fromkeys(ALL_OK, 403) | {"surveys_round change": 404, "auth_user change": 404},
    "stranger": dict.fromkeys(ALL_OK, 403)
    | {
        "units_unit change": 404,
        "units_membership change": 404,
        "surveys_round change": 404,
        "auth_user change": 404,
    },
}


@pytest.mark.parametrize("person", EXPECTED)
def test_who_reaches_which_admin_page(client, cast, person):
    client.force_login(cast.people[person])
    answers = {name: client.get(url).status_code for name, url in admin_pages(cast).items()}
    assert answers == EXPECTED[person]


def test_the_admin_says_its_name_in_danish(client, cast):
    client.force_login(cast.hr)
    page = client.get(reverse("admin:index")).content.decode()
    assert "<title>Trivselsdialog – administration" in page
    assert page.count("Trivselsdialog – administration") >= 2  # the header and the title
    assert "Django" not in page
    assert "Brugere" in page and "Enheder" in page and "Målinger" in page


def test_a_departments_hr_sees_only_its_department(client, cast):
    client.force_login(cast.people["department_hr"])
    units = client.get(reverse("admin:units_unit_changelist")).context["cl"].queryset
    assert set(units) == {cast.department, cast.unit, cast.other_unit}
    people = client.get(reverse("admin:auth_user_changelist")).context["cl"].queryset
    assert set(people) == {
        cast.leader,
        cast.tr,
        cast.amr,
        cast.other_leader,
        cast.med,
        cast.facilitator,
        cast.people["department_hr"],
    }
    next_membership = Membership.objects.get(user=cast.people["next_leader"])
    for url in [
        reverse("admin:units_unit_change", args=[cast.next_unit.pk]),
        reverse("admin:units_membership_change", args=[next_membership.pk]),
        reverse("admin:auth_user_change", args=[cast.people["next_leader"].pk]),
        reverse("admin:auth_user_change", args=[cast.hr.pk]),
    ]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"first_name": "X"}).status_code == 404, url


def test_a_departments_hr_cannot_place_a_unit_or_a_role_next_door(client, cast):
    client.force_login(cast.people["department_hr"])
    response = client.post(
        reverse("admin:units_unit_add"),
        {
            "name": "Ny enhed",
            "code": "NY-1",
            "kind": "workplace",
            "parent": cast.next_door.pk,
            "memberships-TOTAL_FORMS": 0,
            "memberships-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200 and response.context["adminform"].form.errors["parent"]
    response = client.post(
        reverse("admin:units_unit_add"),
        {
            "name": "Ny rod",
            "code": "NY-2",
            "kind": "organisation",
            "memberships-TOTAL_FORMS": 0,
            "memberships-INITIAL_FORMS": 0,
        },
    )
    assert response.context["adminform"].form.errors["parent"]  # no new root outside
    response = client.post(
        reverse("admin:units_membership_add"),
        {"user": cast.leader.pk, "unit": cast.next_unit.pk, "role": "hr"},
    )
    assert response.context["adminform"].form.errors["unit"]
    response = client.post(
        reverse("admin:units_membership_add"),
        {"user": cast.people["next_leader"].pk, "unit": cast.unit.pk, "role": "med"},
    )
    assert response.context["adminform"].form.errors["user"]
    assert not Unit.objects.filter(code__startswith="NY-").exists()


def test_hr_does_not_move_the_top_of_its_subtree_nor_a_unit_below_itself(client, cast):
    client.force_login(cast.people["department_hr"])
    page = client.get(reverse("admin:units_unit_change", args=[cast.department.pk]))
    assert "parent" not in page.context["adminform"].form.fields
    response = client.post(
        reverse("admin:units_unit_change", args=[cast.unit.pk]),
        {
            "name": cast.unit.name,
            "code": cast.unit.code,
            "kind": "workplace",
            "parent": cast.unit.pk,
            "memberships-TOTAL_FORMS": 0,
            "memberships-INITIAL_FORMS": 0,
        },
    )
    assert response.context["adminform"].form.errors["parent"]


def change_person(client, person, **fields):
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "is_active": "on",
        "memberships-TOTAL_FORMS": 0,
        "memberships-INITIAL_FORMS": 0,
    } | fields
    for key in [k for k, v in data.items() if v is None]:
        del data[key]
    return client.post(reverse("admin:auth_user_change", args=[person.pk]), data)


def test_hr_changes_a_persons_name_mail_and_active_and_it_is_in_the_log(client, cast):
    client.force_login(cast.people["department_hr"])
    response = change_person(
        client,
        cast.tr,
        first_name="Lone",
        email="lone@example.dk",
        is_active=None,
        is_superuser="on",
        is_staff="on",
        password="x",
    )
    assert response.status_code == 302
    cast.tr.refresh_from_db()
    assert (cast.tr.first_name, cast.tr.email) == ("Lone", "lone@example.dk")
    assert not cast.tr.is_active
    assert not cast.tr.is_superuser and not cast.tr.is_staff  # never these flags
    assert cast.tr.check_password(factory.PASSWORD)
    entry = LogEntry.objects.get(object_id=str(cast.tr.pk), action_flag=CHANGE)
    assert entry.user == cast.people["department_hr"]
    assert "Fornavn" in entry.get_change_message()
    log = client.get(reverse("admin:admin_logentry_changelist")).context["cl"].queryset
    assert entry in log


def test_hr_never_sets_a_password_it_sends_djangos_reset_mail(client, cast):
    cast.leader.email = "leder@example.dk"
    cast.leader.save()
    client.force_login(cast.hr)
    url = reverse("admin:auth_user_password_change", args=[cast.leader.pk])
    assert client.get(url).status_code == 403
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "send_password_mail", "_selected_action": [cast.leader.pk]},
    )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["leder@example.dk"]]
    assert "/adgangskode/nulstil/" in mail.outbox[0].body
    assert LogEntry.objects.filter(object_id=str(cast.leader.pk)).exists()


def test_a_person_with_a_role_next_door_is_read_only_to_a_departments_hr(client, cast):
    Membership.objects.create(user=cast.leader, unit=cast.next_unit, role=Role.MED)
    client.force_login(cast.people["department_hr"])
    assert client.get(reverse("admin:auth_user_change", args=[cast.leader.pk])).status_code == 200
    assert change_person(client, cast.leader, first_name="Lone").status_code == 403
    client.force_login(cast.hr)  # HR at the root reaches both departments
    assert change_person(client, cast.leader, first_name="Lone").status_code == 302


def test_hr_adds_a_person_with_a_role_in_its_subtree(client, cast):
    client.force_login(cast.people["department_hr"])
    data = {
        "username": "ny",
        "first_name": "Ny",
        "last_name": "Leder",
        "email": "ny@example.dk",
        "memberships-TOTAL_FORMS": 1,
        "memberships-INITIAL_FORMS": 0,
        "memberships-MIN_NUM_FORMS": 1,
        "memberships-0-unit": cast.next_unit.pk,
        "memberships-0-role": "leader",
    }
    url = reverse("admin:auth_user_add")
    assert client.post(url, data).status_code == 200  # next door: refused
    assert not User.objects.filter(username="ny").exists()
    response = client.post(url, data | {"memberships-0-unit": cast.unit.pk})
    assert response.status_code == 302
    person = User.objects.get(username="ny")
    assert person.memberships.get().unit == cast.unit
    assert person.has_usable_password() and not person.is_staff


def test_the_change_log_filters_by_the_kinds_of_things_it_holds_in_danish(client, cast):
    client.force_login(cast.people["department_hr"])
    change_person(client, cast.tr, first_name="Lone")
    page = client.get(reverse("admin:admin_logentry_changelist")).content.decode()
    assert "Godkendelse og autorisation | bruger" in page
    assert "prep item" not in page and "access attempt" not in page  # models HR never edits


def test_hr_deletes_a_unit_made_by_mistake_but_never_one_with_a_history(client, cast):
    client.force_login(cast.people["department_hr"])
    factory.action_plan(cast.unit)
    with_plan = reverse("admin:units_unit_delete", args=[cast.unit.pk])
    assert client.post(with_plan, {"post": "yes"}).status_code == 403
    mistake = factory.unit("Fejloprettet", parent=cast.department)
    response = client.post(reverse("admin:units_unit_delete", args=[mistake.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert Unit.objects.filter(pk=cast.unit.pk).exists()
    assert not Unit.objects.filter(pk=mistake.pk).exists()
