"""The facilitator moves through the method's phases; every phone follows; timers count."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from workshops import live

from . import factory
from .live_helpers import go_to, phone_joins, post_note


@pytest.fixture
def workshop(world):
    return factory.live_workshop(world.unit)


def step(client, workshop, action):
    return client.post(reverse("workshops:phase", args=[workshop.pk]), {"action": action})


def test_facilitator_moves_forward_and_back(client, world, workshop):
    client.force_login(world.leader)
    phases = list(workshop.phases.order_by("order"))
    step(client, workshop, "next")
    workshop.refresh_from_db()
    assert workshop.current_phase == phases[0] and workshop.status == "live"
    step(client, workshop, "next")
    step(client, workshop, "prev")
    workshop.refresh_from_db()
    assert workshop.current_phase == phases[0]
    step(client, workshop, "prev")  # stays on the first
    workshop.refresh_from_db()
    assert workshop.current_phase == phases[0]


def test_each_phone_shows_what_the_phase_asks(workshop):
    phone = phone_joins(workshop)
    url = reverse("participant:screen", args=[workshop.join_token])
    intro = workshop.phases.get(tool="intro")
    live.set_phase(workshop.pk, intro)
    assert intro.participant_prompt in phone.get(url).content.decode()
    live.set_phase(workshop.pk, workshop.phases.get(tool="reflection"))
    html = phone.get(url).content.decode()
    assert 'data-task="write"' in html and "data-composer>" in html.replace(" hidden", "")
    post_note(phone, workshop)
    live.set_phase(workshop.pk, workshop.phases.get(tool="presentation"))
    assert "Vis mine næste to på væggen" in phone.get(url).content.decode()


def test_a_phase_starts_with_its_planned_minutes_on_a_paused_timer(workshop):
    reflection = workshop.phases.get(tool="reflection")
    live.set_phase(workshop.pk, reflection)
    workshop.refresh_from_db()
    assert live.timer_seconds_left(workshop) == reflection.minutes * 60
    assert workshop.timer_ends_at is None


def test_timer_start_pause_and_add_minutes(workshop):
    live.set_phase(workshop.pk, workshop.phases.get(tool="reflection"))  # 10 minutes
    workshop = live.timer(workshop.pk, "start")
    assert workshop.timer_ends_at is not None
    workshop = live.timer(workshop.pk, "add", 5)
    left = live.timer_seconds_left(workshop)
    assert 14 * 60 < left <= 15 * 60
    workshop = live.timer(workshop.pk, "pause")
    assert workshop.timer_ends_at is None and 14 * 60 < workshop.timer_remaining_seconds <= 900


def test_a_timer_can_run_for_hours(workshop):
    live.set_phase(workshop.pk, workshop.phases.get(tool="arrow"))
    for _ in range(3):
        workshop = live.timer(workshop.pk, "add", 60)
    assert live.timer_seconds_left(workshop) == (60 + 180) * 60


def test_an_expired_timer_reads_zero_not_negative(workshop):
    live.set_phase(workshop.pk, workshop.phases.get(tool="reflection"))
    workshop = live.timer(workshop.pk, "start")
    later = timezone.now() + timedelta(hours=1)
    assert live.timer_seconds_left(workshop, later) == 0


def test_a_med_member_cannot_drive_the_session(client, world, workshop):
    client.force_login(world.med)
    assert step(client, workshop, "next").status_code == 403
    workshop.refresh_from_db()
    assert workshop.current_phase is None


def test_a_borrowed_facilitator_named_on_the_workshop_may_run_it(client, world, workshop):
    borrowed = factory.user("laant")
    workshop.facilitator = borrowed
    workshop.save()
    client.force_login(borrowed)
    assert client.get(reverse("workshops:live", args=[workshop.pk])).status_code == 200
    assert step(client, workshop, "next").status_code == 302


def test_facilitator_sets_the_limits_of_post_its(client, world, workshop):
    client.force_login(world.leader)
    url = reverse("workshops:live_settings", args=[workshop.pk])
    client.post(url, {"min_notes": "2", "max_notes": "6"})
    workshop.refresh_from_db()
    assert workshop.min_notes_per_person == 2
    assert workshop.max_notes_per_person == 6
    bad = client.post(url, {"min_notes": "7", "max_notes": "3"}, follow=True)
    assert "Minimum kan ikke være større end maksimum" in bad.content.decode()


def test_the_preparation_pages_lead_the_trio_to_the_live_session(client, world, workshop):
    client.force_login(world.leader)
    html = client.get(reverse("workshops:workshop_detail", args=[workshop.pk])).content.decode()
    assert reverse("workshops:live", args=[workshop.pk]) in html
    client.force_login(world.med)
    html = client.get(reverse("workshops:workshop_detail", args=[workshop.pk])).content.decode()
    assert reverse("workshops:live", args=[workshop.pk]) not in html


def test_a_redrawn_timer_shows_minutes_and_seconds_not_raw_seconds(client, world):
    """The script formats the timer on its tick; the server renders the same, so a refreshed
    wall never flashes "600" for a moment."""
    from workshops.permissions import screen_key

    workshop = factory.live_workshop(world.unit)
    go_to(workshop, "reflection")
    minutes = workshop.phases.get(tool="reflection").minutes
    key = screen_key(workshop, world.leader)
    wall = client.get(
        reverse("workshops:screen_sync", args=[workshop.pk, "wall"]),
        {"since": 0},
        HTTP_X_SCREEN_KEY=key,
    ).content.decode()
    assert f"data-timer-value>{minutes}:00</span>" in wall
