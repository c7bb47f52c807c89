"""HR manages people and roles without a developer (issue 23, item 2): invites a user (a
Danish mail with Django's own set-password link, 3 days), gives and changes roles, lends a
facilitator to one workshop, ends roles (the history stays) and deactivates accounts (and
undoes both) — each change in the change log, and only within HR's own subtree."""

import datetime
import re

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.urls import reverse

from units.models import Membership, Role, Unit

from . import factory

User = get_user_model()
NEW_PASSWORD = "Solsikke-Havtorn-42"


def invite(client, world, **fields):
    data = {
        "email": "Lis.Leder@Example.org",
        "first_name": "Lis",
        "last_name": "Leder",
        "unit": world.other_unit.pk,
        "role": Role.LEADER,
        **fields,
    }
    return client.post(reverse("person_invite"), data)


def link_in(message) -> str:
    return re.search(r"https?://\S+/invitation/\S+/", message.body).group(0)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def log_of(person) -> list[str]:
    entries = LogEntry.objects.filter(object_id=str(person.pk)).order_by("pk")
    return [entry.change_message for entry in entries]


@pytest.fixture
def hr(client, world):
    client.force_login(world.hr)
    return client


# --- the invitation ---------------------------------------------------------------------------


def test_hr_invites_a_leader_who_gets_a_danish_mail_and_sets_a_password_from_its_link(hr, world):
    response = invite(hr, world)
    lis = User.objects.get(username="lis.leder@example.org")
    assert response.status_code == 302 and response.url == reverse("person_detail", args=[lis.pk])
    assert lis.email == "lis.leder@example.org" and lis.is_active
    assert Membership.objects.filter(user=lis, unit=world.other_unit, role=Role.LEADER).exists()

    (message,) = mail.outbox
    assert message.to == ["lis.leder@example.org"]
    assert message.subject == "Du er inviteret til Trivselsdialog"
    assert "Kære Lis" in message.body
    assert "som Leder i Anden enhed" in message.body
    assert "Linket virker i 3 dage" in message.body
    assert "Dit brugernavn er: lis.leder@example.org" in message.body

    lis_browser = Client()
    page = lis_browser.get(path_of(link_in(message)), follow=True)
    assert "Velkommen til Trivselsdialog" in page.content.decode()
    assert page.context["validlink"]
    done = lis_browser.post(
        page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.status_code == 302 and done.url == reverse("login")
    logged_in = lis_browser.post(
        reverse("login"), {"username": "lis.leder@example.org", "password": NEW_PASSWORD}
    )
    assert logged_in.status_code == 302
    assert lis_browser.get(reverse("unit_detail", args=[world.other_unit.pk])).status_code == 200

    # the link works once
    again = Client().get(path_of(link_in(message)), follow=True)
    assert not again.context["validlink"]
    assert "udløbet eller allerede brugt" in again.content.decode()


def test_the_invitation_link_expires_after_three_days(hr, world, monkeypatch, settings):
    assert settings.PASSWORD_RESET_TIMEOUT == 3 * 24 * 3600  # Django's default, the mail says 3
    invite(hr, world)
    url = path_of(link_in(mail.outbox[0]))
    now = datetime.datetime.now()
    monkeypatch.setattr(
        default_token_generator, "_now", lambda: now + datetime.timedelta(days=2, hours=23)
    )
    assert Client().get(url, follow=True).context["validlink"]
    monkeypatch.setattr(
        default_token_generator, "_now", lambda: now + datetime.timedelta(days=3, minutes=1)
    )
    expired = Client().get(url, follow=True)
    assert not expired.context["validlink"]
    assert "Linket er udløbet" in expired.content.decode()


def test_a_deactivated_persons_invitation_link_does_nothing(world):
    from units.people import invite_url

    world.leader.is_active = False
    world.leader.save()
    page = Client().get(path_of(invite_url(world.leader)), follow=True)
    assert not page.context["validlink"]


def test_hr_can_send_the_invitation_again(hr, world):
    world.leader.email = "leder@example.org"
    world.leader.save()
    hr.post(reverse("person_resend_invitation", args=[world.leader.pk]))
    (message,) = mail.outbox
    assert message.to == ["leder@example.org"]
    assert "/invitation/" in message.body
    assert log_of(world.leader) == ["Invitationen er sendt igen."]


def test_an_email_already_in_use_is_refused_in_danish(hr, world):
    world.leader.email = "lis.leder@example.org"
    world.leader.save()
    response = invite(hr, world)
    assert response.status_code == 200
    assert "Der findes allerede en bruger med denne e-mail" in response.content.decode()
    assert not mail.outbox


@pytest.mark.parametrize("who", ["med", "leader", "stranger"])
def test_only_hr_invites(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(reverse("person_invite")).status_code == 403
    assert invite(client, world).status_code == 403
    assert not User.objects.filter(username="lis.leder@example.org").exists()


# --- scope ------------------------------------------------------------------------------------


@pytest.fixture
def two_departments(world):
    """HR of the world's department, and a second department with its own leader."""
    world.department_hr = factory.user("afdelings_hr", role=Role.HR, unit=world.department)
    second = factory.unit("Anden afdeling", parent=world.organisation, kind=Unit.Kind.DEPARTMENT)
    world.far_unit = factory.unit("Fjern enhed", parent=second)
    world.far_leader = factory.user("fjern_leder", role=Role.LEADER, unit=world.far_unit)
    return world


def test_hr_of_one_department_cannot_touch_people_of_another(client, two_departments):
    world = two_departments
    client.force_login(world.department_hr)
    far = world.far_leader
    membership = far.memberships.get()
    assert client.get(reverse("person_detail", args=[far.pk])).status_code == 404
    assert client.get(reverse("unit_people", args=[world.far_unit.pk])).status_code == 404
    for name, args in [
        ("person_role_add", [far.pk]),
        ("person_role_end", [far.pk, membership.pk]),
        ("person_role_change", [far.pk, membership.pk]),
        ("person_deactivate", [far.pk]),
        ("person_lend", [far.pk]),
    ]:
        assert client.post(reverse(name, args=args), {"role": Role.TR}).status_code == 404, name
    far.refresh_from_db()
    assert far.is_active and far.memberships.get().role == Role.LEADER

    # nor give someone of their own a role over there
    given = client.post(
        reverse("person_role_add", args=[world.leader.pk]),
        {"unit": world.far_unit.pk, "role": Role.HR},
    )
    assert given.status_code == 400
    assert not Membership.objects.filter(user=world.leader, unit=world.far_unit).exists()

    # the search finds only the department's people
    client.get(reverse("people_list"))
    listed = {p.username for p in client.get(reverse("people_list")).context["page"]}
    assert "fjern_leder" not in listed and world.leader.username in listed
    assert "hr" not in listed  # the organisation's HR holds no role in the department


def test_a_person_with_a_role_in_another_department_is_read_only_to_a_departments_hr(
    client, two_departments
):
    world = two_departments
    Membership.objects.create(user=world.leader, unit=world.far_unit, role=Role.MED)
    client.force_login(world.department_hr)
    page = client.get(reverse("person_detail", args=[world.leader.pk]))
    assert page.status_code == 200 and not page.context["may_manage_account"]
    assert client.post(reverse("person_deactivate", args=[world.leader.pk])).status_code == 403
    world.leader.refresh_from_db()
    assert world.leader.is_active


def test_med_and_the_trio_see_the_unit_but_not_its_people_page(client, world):
    url = reverse("unit_people", args=[world.unit.pk])
    unit_page = reverse("unit_detail", args=[world.unit.pk])
    for who in (world.med, world.leader):
        client.force_login(who)
        assert client.get(url).status_code == 403
        assert url not in client.get(unit_page).content.decode()
    client.force_login(world.hr)
    assert url in client.get(unit_page).content.decode()  # HR's way in from the unit
    client.force_login(world.hr)
    page = client.get(url).content.decode()
    assert world.leader.first_name in page and "Invitér en bruger til enheden" in page


def test_a_leader_cannot_make_themselves_hr(client, world):
    client.force_login(world.leader)
    answer = client.post(
        reverse("person_role_add", args=[world.leader.pk]),
        {"unit": world.organisation.pk, "role": Role.HR},
    )
    assert answer.status_code == 403
    assert not Membership.objects.filter(user=world.leader, role=Role.HR).exists()


def test_hr_does_not_change_their_own_roles_or_account(hr, world):
    own = world.hr.memberships.get()
    assert (
        hr.post(
            reverse("person_role_add", args=[world.hr.pk]),
            {"unit": world.unit.pk, "role": Role.LEADER},
        ).status_code
        == 403
    )
    assert hr.post(reverse("person_role_end", args=[world.hr.pk, own.pk])).status_code == 403
    assert hr.post(reverse("person_deactivate", args=[world.hr.pk])).status_code == 403
    world.hr.refresh_from_db()
    assert world.hr.is_active and world.hr.memberships.count() == 1


# --- roles ------------------------------------------------------------------------------------


def test_hr_gives_a_role_and_changes_it_keeping_the_old_one_in_the_history(hr, world):
    person = world.stranger
    Membership.objects.create(user=person, unit=world.other_unit, role=Role.TR)
    hr.post(reverse("person_role_add", args=[person.pk]), {"unit": world.unit.pk, "role": Role.AMR})
    amr = Membership.objects.get(user=person, unit=world.unit)
    assert amr.role == Role.AMR

    hr.post(reverse("person_role_change", args=[person.pk, amr.pk]), {"role": Role.LEADER})
    assert Membership.objects.get(user=person, unit=world.unit).role == Role.LEADER
    amr.refresh_from_db()
    assert amr.ended_on == datetime.date.today()  # still there, ended
    page = hr.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "Tidligere roller" in page


def test_ending_a_role_asks_first_keeps_the_history_and_ends_the_access(hr, world):
    leader = world.leader
    role = leader.memberships.get()
    url = reverse("person_role_end", args=[leader.pk, role.pk])
    question = hr.get(url)
    assert (
        "Afslut" in question.content.decode() and "Ja, afslut rollen" in question.content.decode()
    )
    assert Membership.objects.filter(pk=role.pk).exists()  # asking changes nothing

    hr.post(url)
    role.refresh_from_db()
    assert role.ended_on == datetime.date.today()
    assert Membership.history.filter(pk=role.pk).exists()
    unit_page = reverse("unit_detail", args=[world.unit.pk])
    leader_browser = Client()
    leader_browser.force_login(leader)
    assert leader_browser.get(unit_page).status_code == 404

    # a slip is undone on the person's page
    hr.post(reverse("person_role_reopen", args=[leader.pk, role.pk]))
    role.refresh_from_db()
    assert role.ended_on is None
    leader_browser.force_login(leader)
    assert leader_browser.get(unit_page).status_code == 200


def test_after_their_last_role_ends_hr_still_finds_the_person(hr, world):
    role = world.leader.memberships.get()
    hr.post(reverse("person_role_end", args=[world.leader.pk, role.pk]))
    listed = {p.username for p in hr.get(reverse("people_list")).context["page"]}
    assert world.leader.username in listed
    assert hr.get(reverse("person_detail", args=[world.leader.pk])).context["may_manage_account"]


# --- accounts ---------------------------------------------------------------------------------


def test_deactivating_asks_first_keeps_the_person_and_can_be_undone(hr, world):
    leader = world.leader
    url = reverse("person_deactivate", args=[leader.pk])
    assert "Ja, deaktivér kontoen" in hr.get(url).content.decode()
    leader.refresh_from_db()
    assert leader.is_active

    hr.post(url)
    leader.refresh_from_db()
    assert not leader.is_active
    assert leader.memberships.exists()  # nothing deleted
    refused = Client().post(
        reverse("login"), {"username": leader.username, "password": factory.PASSWORD}
    )
    assert refused.status_code == 200  # the login form again

    page = hr.get(reverse("person_detail", args=[leader.pk])).content.decode()
    assert "Aktivér kontoen igen" in page
    hr.post(reverse("person_reactivate", args=[leader.pk]))
    leader.refresh_from_db()
    assert leader.is_active


# --- a borrowed facilitator -------------------------------------------------------------------


def test_a_borrowed_facilitator_sees_exactly_one_workshop(hr, two_departments):
    world = two_departments
    borrowed = world.far_leader  # a leader from another department
    lent = factory.live_workshop(world.unit, title="Dialogen i Egen enhed")
    other = factory.live_workshop(world.unit, title="Den anden dialog")
    hr.post(reverse("person_lend", args=[borrowed.pk]), {"workshop": lent.pk})
    lent.refresh_from_db()
    assert lent.facilitator == borrowed

    client = Client()
    client.force_login(borrowed)
    detail = "workshops:workshop_detail"
    assert client.get(reverse(detail, args=[lent.pk])).status_code == 200
    assert client.get(reverse("workshops:live", args=[lent.pk])).status_code == 200
    assert client.get(reverse(detail, args=[other.pk])).status_code == 404
    assert client.get(reverse("unit_detail", args=[world.unit.pk])).status_code == 404
    assert [w.pk for w in client.get(reverse("home")).context["facilitated"]] == [lent.pk]

    # the trio can still save their workshop with the lent facilitator named on it
    from workshops.forms import WorkshopForm

    form = WorkshopForm(instance=lent, unit=world.unit)
    assert borrowed in form.fields["facilitator"].queryset

    hr.post(reverse("person_lend_end", args=[borrowed.pk, lent.pk]))
    assert client.get(reverse(detail, args=[lent.pk])).status_code == 404


def test_a_departments_hr_lends_only_to_its_own_workshops(client, two_departments):
    world = two_departments
    far_workshop = factory.live_workshop(world.far_unit)
    client.force_login(world.department_hr)
    answer = client.post(
        reverse("person_lend", args=[world.leader.pk]), {"workshop": far_workshop.pk}
    )
    assert answer.status_code == 400
    far_workshop.refresh_from_db()
    assert far_workshop.facilitator is None


# --- the change log ---------------------------------------------------------------------------


def test_every_change_is_in_the_change_log_with_who_and_what(hr, world):
    invite(hr, world)
    lis = User.objects.get(username="lis.leder@example.org")
    role = lis.memberships.get()
    workshop = factory.live_workshop(world.unit, title="Dialogen")
    hr.post(reverse("person_role_change", args=[lis.pk, role.pk]), {"role": Role.TR})
    tr = lis.memberships.get()
    hr.post(reverse("person_role_add", args=[lis.pk]), {"unit": world.unit.pk, "role": Role.MED})
    hr.post(reverse("person_role_end", args=[lis.pk, tr.pk]))
    hr.post(reverse("person_role_reopen", args=[lis.pk, tr.pk]))
    hr.post(reverse("person_lend", args=[lis.pk]), {"workshop": workshop.pk})
    hr.post(reverse("person_lend_end", args=[lis.pk, workshop.pk]))
    hr.post(reverse("person_deactivate", args=[lis.pk]))
    hr.post(reverse("person_reactivate", args=[lis.pk]))

    assert log_of(lis) == [
        "Inviteret som Leder, Anden enhed. Mail med link til at vælge adgangskode sendt.",
        "Rolle skiftet: Leder, Anden enhed → Tillidsrepræsentant (TR), Anden enhed.",
        "Rolle tilføjet: MED-medlem, Egen enhed.",
        "Rolle afsluttet: Tillidsrepræsentant (TR), Anden enhed.",
        "Rolle genoptaget: Tillidsrepræsentant (TR), Anden enhed.",
        "Lånt som facilitator til én workshop: Dialogen (Egen enhed).",
        "Ikke længere facilitator for workshoppen Dialogen (Egen enhed).",
        "Konto deaktiveret.",
        "Konto aktiveret igen.",
    ]
    entries = LogEntry.objects.filter(object_id=str(lis.pk))
    assert {entry.user for entry in entries} == {world.hr}
    assert entries.order_by("pk").first().action_flag == ADDITION
    # and the person's page shows it, newest first
    page = hr.get(reverse("person_detail", args=[lis.pk])).content.decode()
    assert page.index("Konto aktiveret igen.") < page.index("Konto deaktiveret.")


def test_hr_reads_the_changes_in_the_admins_change_log(hr, world):
    world.hr.is_staff = True
    world.hr.save()
    hr.force_login(world.hr)
    hr.post(reverse("person_deactivate", args=[world.leader.pk]))
    page = hr.get(reverse("admin:admin_logentry_changelist"))
    assert "Konto deaktiveret." in [e.change_message for e in page.context["cl"].queryset]


# --- finding people ---------------------------------------------------------------------------


def test_hr_searches_its_people_by_name_or_email_a_page_at_a_time(hr, world):
    for n in range(55):
        factory.user(f"ansat{n}", role=Role.TR, unit=world.other_unit, email=f"ansat{n}@x.dk")
    elsewhere = factory.unit("Nabokommune")
    factory.user("nabo", role=Role.LEADER, unit=elsewhere, first_name="Ansat-nabo")
    first = hr.get(reverse("people_list"), {"q": "ansat"})
    assert first.context["page"].paginator.count == 55
    assert len(first.context["page"]) == 50
    second = hr.get(reverse("people_list"), {"q": "ansat", "side": 2})
    assert len(second.context["page"]) == 5
    assert "q=ansat" in first.content.decode().split('class="pagination"')[1]
    assert hr.get(reverse("people_list"), {"q": "ansat7@x.dk"}).context["page"].paginator.count == 1


def test_a_units_people_page_shows_current_and_former_roles(hr, world):
    role = world.tr.memberships.get()
    role.end(datetime.date(2026, 11, 30))
    page = hr.get(reverse("unit_people", args=[world.unit.pk])).content.decode()
    current, former = page.split("Tidligere roller")
    assert world.leader.first_name in current and world.tr.first_name not in current
    assert world.tr.first_name in former and "til 30.11.2026" in former


def test_a_person_whose_role_ended_is_no_longer_offered_as_facilitator_or_tovholder(hr, world):
    from actionplans.forms import ActivityForm
    from workshops.forms import WorkshopForm

    role = world.amr.memberships.get()
    hr.post(reverse("person_role_end", args=[world.amr.pk, role.pk]))
    workshop = factory.live_workshop(world.unit)
    facilitators = WorkshopForm(instance=workshop, unit=world.unit).fields["facilitator"].queryset
    tovholders = ActivityForm(unit=world.unit).fields["tovholder_member"].queryset
    assert world.leader in facilitators and world.leader in tovholders
    assert world.amr not in facilitators and world.amr not in tovholders


def test_the_people_list_reads_a_page_in_a_fixed_number_of_queries(
    hr, world, django_assert_max_num_queries
):
    for n in range(40):
        factory.user(f"ansat{n}", role=Role.TR, unit=world.other_unit)
    with django_assert_max_num_queries(8):
        page = hr.get(reverse("people_list"))
    assert len(page.context["page"]) == 47  # the 7 of the world (not the stranger) and 40
