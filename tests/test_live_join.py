"""Joining without an account: QR link or short code, rate-limited guessing."""

import math
import re

import pytest
from django.test import Client
from django.urls import reverse

from workshops import live
from workshops.models import JOIN_CODE_ALPHABET, Participant, Workshop

from . import factory
from .live_helpers import Browser, go_to, phone_joins, post_note


@pytest.fixture
def workshop(world):
    return factory.live_workshop(world.unit)


def test_link_tokens_have_at_least_128_bits(workshop):
    # token_urlsafe(24): 24 random bytes = 192 bits, 32 characters
    assert len(workshop.join_token) >= 22
    assert len(Participant.objects.create(workshop=workshop).token) >= 22
    assert len(JOIN_CODE_ALPHABET) ** len(workshop.join_code) > 10**8
    assert math.log2(64) * len(workshop.join_token) >= 128


def test_a_phone_joins_with_the_code_in_any_case(client, workshop):
    response = client.post(reverse("participant:join"), {"code": f" {workshop.join_code.lower()} "})
    assert response.status_code == 302
    assert response["Location"] == reverse("participant:screen", args=[workshop.join_token])


def test_joining_with_a_name_makes_a_participant_of_this_workshop_only(workshop):
    phone = phone_joins(workshop, "Sofie")
    participant = Participant.objects.get()
    assert participant.workshop == workshop and participant.display_name == "Sofie"
    assert phone.cookies[f"tp{workshop.pk}"].value == participant.token
    assert phone.cookies[f"tp{workshop.pk}"]["httponly"]


def test_the_participant_cookie_is_sent_only_to_its_workshops_addresses(workshop):
    phone = phone_joins(workshop, "Sofie")
    assert phone.cookies[f"tp{workshop.pk}"]["path"] == f"/d/{workshop.join_token}/"


def test_a_browser_that_joined_25_workshops_this_week_joins_and_writes_in_the_25th(world):
    """Karen's phone has been to 24 workshops this week (a facilitator's test phone, or a
    consultant's); the 25th still lets her in, takes her post-its and keeps her screen up to
    date, before Django and in it."""
    from workshops.sync import fastpath

    browser = Browser()
    for _ in range(24):
        earlier = factory.live_workshop(world.unit)
        browser.post(reverse("participant:join_workshop", args=[earlier.join_token]))
    workshop = go_to(factory.live_workshop(world.unit), "reflection")
    joined = browser.post(
        reverse("participant:join_workshop", args=[workshop.join_token]), {"display_name": "Karen"}
    )

    cookie = joined.cookies[f"tp{workshop.pk}"]
    assert cookie["path"] == f"/d/{workshop.join_token}/"
    assert len(browser.jar) == 25
    written = post_note(browser, workshop, text="Den 25. workshop")
    assert written.status_code == 201
    sent = written.wsgi_request.COOKIES
    assert [name for name in sent if name.startswith("tp")] == [f"tp{workshop.pk}"]
    sync = reverse("participant:sync", args=[workshop.join_token])
    caught_up = browser.get(sync, {"since": "0.0"})
    assert caught_up.status_code == 200 and "Den 25. workshop" in caught_up.content.decode()
    rev = re.search(r'data-rev="([\d.]+)"', caught_up.content.decode())[1]
    assert browser.get(sync, {"since": rev}).status_code == 204
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": sync, "QUERY_STRING": f"since={rev}"}
    assert fastpath.nothing_new({**environ, "HTTP_COOKIE": browser.cookies_for(sync)})


def test_a_name_is_optional(workshop):
    phone_joins(workshop, "")
    assert str(Participant.objects.get()).startswith("Deltager")


def test_guessing_codes_is_limited_to_ten_failures_a_minute(client, workshop, settings):
    assert settings.JOIN_FAILURES_PER_ADDRESS == 10
    for _ in range(settings.JOIN_FAILURES_PER_ADDRESS):
        assert client.post(reverse("participant:join"), {"code": "WRONG1"}).status_code == 400
    blocked = client.post(reverse("participant:join"), {"code": workshop.join_code})
    assert blocked.status_code == 429
    assert "For mange forkerte forsøg" in blocked.content.decode()
    other_address = Client(REMOTE_ADDR="10.0.0.9")
    assert (
        other_address.post(reverse("participant:join"), {"code": workshop.join_code}).status_code
        == 302
    )


def test_an_unknown_code_is_explained_in_danish(client, workshop):
    response = client.post(reverse("participant:join"), {"code": "ZZZZZZ"})
    assert "Vi kender ikke den kode" in response.content.decode()


def test_joining_closes_when_the_workshop_is_closed(client, workshop):
    live.set_status(workshop.pk, Workshop.Status.CLOSED)
    latecomer = client.post(reverse("participant:join"), {"code": workshop.join_code})
    assert latecomer.status_code == 410
    assert "Workshoppen er afsluttet" in latecomer.content.decode()
    assert "Vi kender ikke den kode" not in latecomer.content.decode()
    page = client.get(reverse("participant:screen", args=[workshop.join_token])).content.decode()
    assert "Workshoppen er afsluttet" in page
    response = client.post(reverse("participant:join_workshop", args=[workshop.join_token]))
    assert response.status_code == 403
    assert not Participant.objects.exists()


def test_an_unknown_link_token_is_not_found(client, db):
    assert client.get(reverse("participant:screen", args=["nope"])).status_code == 404


# Behind the TLS proxy (docs/deployment.md) every request comes from the proxy's address.
PROXY = "10.0.0.2"


def through_proxy(client_address) -> Client:
    """A phone whose requests reach the app through the trusted proxy, which appends the
    phone's address to X-Forwarded-For."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_address)


def guess(phone, code):
    return phone.post(reverse("participant:join"), {"code": code})


def test_behind_the_proxy_one_persons_wrong_codes_do_not_lock_out_the_room(workshop, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    karen = through_proxy("198.51.100.7")
    for _ in range(settings.JOIN_FAILURES_PER_ADDRESS):
        assert guess(karen, "WRONG1").status_code == 400
    assert guess(karen, "WRONG2").status_code == 429

    sofie = through_proxy("198.51.100.8")
    assert guess(sofie, workshop.join_code).status_code == 302


def test_a_guesser_cannot_pick_a_new_address_by_writing_the_header(workshop, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    guesser = Client(REMOTE_ADDR="203.0.113.66")  # not through the proxy
    for n in range(settings.JOIN_FAILURES_PER_ADDRESS):
        guesser.defaults["HTTP_X_FORWARDED_FOR"] = f"192.0.2.{n}"
        assert guess(guesser, "WRONG1").status_code == 400
    guesser.defaults["HTTP_X_FORWARDED_FOR"] = "192.0.2.200"
    assert guess(guesser, workshop.join_code).status_code == 429
    # through the proxy, what the guesser writes left of the proxy's entry is not believed
    via_proxy = through_proxy("192.0.2.201, 203.0.113.66")
    assert guess(via_proxy, workshop.join_code).status_code == 429


def test_guesses_spread_over_many_addresses_get_one_each_a_minute_past_the_ceiling(
    workshop, settings
):
    settings.JOIN_FAILURES_PER_ADDRESS = 3
    settings.JOIN_FAILURES_PER_MINUTE = 6
    guessers = [Client(REMOTE_ADDR=f"203.0.113.{n}") for n in range(1, 11)]
    answers = [guess(guesser, "WRONG1").status_code for _ in range(3) for guesser in guessers]
    looked_at = answers.count(400)
    # 10 addresses × 3 = 30 guesses; the first round is looked at (each address's first
    # guess in the minute), after it the site is over its ceiling and the rest wait
    assert looked_at == 10
    assert answers.count(429) == 20
    refused = guess(guessers[0], "WRONG2")
    assert "Vent et minut, og prøv igen" in refused.content.decode()

    # a phone that has not guessed wrong still gets in with the right code
    assert guess(Client(REMOTE_ADDR="198.51.100.20"), workshop.join_code).status_code == 302
    # one that mistyped waits a minute like the guessers
    typo = Client(REMOTE_ADDR="198.51.100.21")
    assert guess(typo, "WRONG3").status_code == 400
    assert guess(typo, workshop.join_code).status_code == 429


def test_the_limits_forget_after_a_minute(client, workshop, settings):
    from datetime import timedelta

    from django.utils import timezone

    from workshops.models import JoinAttempt

    for _ in range(settings.JOIN_FAILURES_PER_ADDRESS):
        guess(client, "WRONG1")
    assert guess(client, workshop.join_code).status_code == 429
    JoinAttempt.objects.update(at=timezone.now() - timedelta(seconds=61))
    assert guess(client, workshop.join_code).status_code == 302


def test_typed_codes_are_judged_one_at_a_time(db):
    """The limit's count and a failure's record are one step across every process (a burst of
    guesses at once gets exactly the limit: bench/cluster.py shows it with two servers)."""
    from django.db import connection

    with live.join_codes_in_turn():
        assert connection.in_atomic_block
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                    "AND pid = pg_backend_pid() AND granted"
                )
                assert cursor.fetchone()[0] == 1
