"""Accessibility findings of the audit (issue 9), told as what a user meets."""

from django.urls import reverse

# --- the page's language and its text agree --------------------------------------------


def test_english_browser_gets_a_danish_login_page_marked_danish(client, db):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert '<html lang="da">' in html
    assert "Brugernavn" in html and "Adgangskode" in html
    assert "Username" not in html and "Password" not in html


def test_english_browser_gets_the_failed_login_explained_in_danish(client, world):
    response = client.post(
        reverse("login"), {"username": "hr", "password": "forkert"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert "Indtast venligst korrekt brugernavn og adgangskode" in html
    assert "Please enter a correct username" not in html
