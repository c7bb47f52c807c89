"""HR and MED reach what they follow from the main menu on every page: the overview, the
inbox of what units raise to them, and (HR) the surveys with their report import — not only
once they are on a survey page. The menu asks the permission module (issue 23, item 3)."""

import re

import pytest
from django.urls import reverse

from . import factory

OVERVIEW = reverse("actionplans:overview_index")
RAISED = reverse("actionplans:raised_list")
SURVEYS = reverse("surveys:round_list")


def menu(client, user, url=None):
    """The addresses in the main menu of a page (the home page unless `url`)."""
    client.force_login(user)
    html = client.get(url or reverse("home")).content.decode()
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)"', nav)


def test_hr_has_the_overview_the_raised_inbox_and_the_surveys_on_every_page(client, world):
    assert {OVERVIEW, RAISED, SURVEYS} <= set(menu(client, world.hr))
    unit_page = reverse("unit_detail", args=[world.unit.pk])
    assert {OVERVIEW, RAISED, SURVEYS} <= set(menu(client, world.hr, unit_page))
    # and each of them opens for HR
    for url in (RAISED, SURVEYS):
        assert client.get(url).status_code == 200


def test_med_has_the_overview_and_the_raised_inbox_but_not_the_surveys_they_may_not_open(
    client, world
):
    links = menu(client, world.med)
    assert OVERVIEW in links and RAISED in links
    assert SURVEYS not in links
    assert client.get(SURVEYS).status_code == 403  # the permission module says the same


@pytest.mark.parametrize("who", ["leader", "tr", "amr", "facilitator", "stranger"])
def test_the_trio_and_others_follow_their_own_unit_and_get_neither(client, world, who):
    links = menu(client, getattr(world, who))
    assert reverse("home") in links
    assert not {OVERVIEW, RAISED, SURVEYS} & set(links)


def test_the_page_you_are_on_is_marked_in_the_menu(client, world):
    client.force_login(world.hr)
    html = client.get(RAISED).content.decode()
    assert f'<a href="{RAISED}" aria-current="page">' in html


def test_a_superuser_counts_as_hr_in_the_menu(client, db):
    admin = factory.user("admin", is_superuser=True, is_staff=True)
    assert {OVERVIEW, RAISED, SURVEYS} <= set(menu(client, admin))


def test_hr_finds_people_in_the_menu_and_med_and_the_trio_do_not(client, world):
    people = reverse("people_list")
    assert people in menu(client, world.hr)
    assert f'<a href="{people}" aria-current="page">' in client.get(people).content.decode()
    for who in ("med", "leader", "facilitator"):
        assert people not in menu(client, getattr(world, who))
