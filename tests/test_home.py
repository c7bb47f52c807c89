"""The home page shows each user what they can act on."""

from django.urls import reverse

from . import factory


def test_anonymous_visit_redirects_to_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_danish(client, db):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert '<html lang="da">' in html
    assert "Log ind" in html
    assert "Brugernavn" in html  # Django's own form labels in Danish


def test_login_with_wrong_password_shows_danish_error(client, world):
    response = client.post(reverse("login"), {"username": "hr", "password": "forkert"})
    assert "Indtast venligst korrekt brugernavn og adgangskode" in response.content.decode()


def test_trio_sees_their_own_unit_only(client, world):
    client.force_login(world.leader)
    html = client.get(reverse("home")).content.decode()
    assert "Dine enheder" in html
    assert world.unit.name in html
    assert world.other_unit.name not in html


def test_med_sees_their_subtree(client, world):
    client.force_login(world.med)
    html = client.get(reverse("home")).content.decode()
    assert "Enheder du følger" in html
    assert world.unit.name in html and world.other_unit.name in html
    assert world.organisation.name not in html


def test_hr_sees_the_organisation_and_can_search(client, world):
    client.force_login(world.hr)
    html = client.get(reverse("home")).content.decode()
    assert "Organisationen" in html and world.organisation.name in html
    html = client.get(reverse("home"), {"q": "Anden"}).content.decode()
    assert world.other_unit.name in html
    assert world.unit.name not in html


def test_hr_list_is_paginated(client, world):
    for i in range(60):
        factory.unit(f"Ekstra {i:02}", parent=world.department)
    client.force_login(world.hr)
    html = client.get(reverse("home")).content.decode()
    assert "Side 1 af 2" in html


def test_user_without_roles_gets_a_helpful_empty_state(client, world):
    client.force_login(world.stranger)
    html = client.get(reverse("home")).content.decode()
    assert "Du har endnu ingen enheder" in html


def test_every_page_sends_the_csrf_token_with_htmx(client, world):
    client.force_login(world.leader)
    html = client.get(reverse("home")).content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in html
    assert "django_htmx/htmx-2.min.js" in html  # vendored, not from a CDN


def test_logout_is_a_post_and_ends_the_session(client, world):
    client.force_login(world.leader)
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_unit_page_links_only_to_children_the_user_may_see(client, world):
    team = factory.unit("Team under egen enhed", parent=world.unit)
    client.force_login(world.leader)
    assert (
        team.name not in client.get(reverse("unit_detail", args=[world.unit.pk])).content.decode()
    )
    client.force_login(world.med)
    assert team.name in client.get(reverse("unit_detail", args=[world.unit.pk])).content.decode()


def test_password_reset_sends_a_danish_email(client, world, mailoutbox):
    world.leader.email = "leder@example.org"
    world.leader.save()
    client.post(reverse("password_reset"), {"email": "leder@example.org"})
    assert len(mailoutbox) == 1
    assert "nulstille adgangskoden" in mailoutbox[0].body
