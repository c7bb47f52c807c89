"""Nothing of the application is for search engines: a crawler that follows a personal link
(a phone's /d/…, a wall's /v/…, a tovholder's /t/…, the staff-room board) is told not to
index it, and /robots.txt asks polite crawlers to stay out altogether."""

import pytest
from django.test import Client
from django.urls import reverse

from workshops import live

from . import factory


def test_robots_txt_keeps_crawlers_out_of_everything(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    rules = [line.strip() for line in response.content.decode().splitlines()]
    assert "User-agent: *" in rules and "Disallow: /" in rules


@pytest.fixture
def token_pages(world):
    workshop = factory.live_workshop(world.unit)
    live.open_wall_link(workshop.pk)
    workshop.refresh_from_db()
    plan = factory.action_plan(world.unit)
    holder = factory.tovholder_with_link(world.unit)
    factory.activity(plan, tovholder=holder)
    return {
        "the phone's page": reverse("participant:screen", args=[workshop.join_token]),
        "the wall link": reverse("wall_link", args=[workshop.wall_token]),
        "the tovholder's page": reverse("tovholder_page", args=[holder.token]),
        "the staff-room board": reverse("staff_board", args=[factory.board_link(world.unit).token]),
    }


def test_every_page_reached_by_a_secret_link_says_noindex(token_pages):
    for what, url in token_pages.items():
        response = Client().get(url)
        assert response.status_code == 200, what
        assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode(), what
        assert response["X-Robots-Tag"] == "noindex, nofollow", what


def test_the_javascript_texts_are_asked_for_again_and_answered_304_until_a_deploy(client, db):
    url = reverse("javascript_catalog")
    first = client.get(url)
    assert first.status_code == 200
    assert "no-cache" in first["Cache-Control"] and "max-age=3600" not in first["Cache-Control"]
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    stale = client.get(url, headers={"If-None-Match": '"from-the-deploy-before"'})
    assert stale.status_code == 200
