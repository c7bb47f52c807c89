"""The projector shows what the room is talking about (issue 18, item 3), as the wall's
fragments say it: a new theme's name is never a post-it cut off, the matrix marks the
krænkelse theme in words, the break says when the room meets again, the welcome shows the
programme, the roles and the rules, the reflection the six factors, and after the close the
wall says thanks once and stops asking. A refused screen is one line in the log."""

import datetime
import logging

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from workshops.live import actions as live
from workshops.live import board
from workshops.models import Theme, Workshop, WorkshopPhase
from workshops.permissions import screen_key

from . import factory
from .live_helpers import go_to
from .test_board import act, note, page, room  # noqa: F401 - the fixture

LONG = "Vagtplanen kommer for sent, så det er svært at planlægge sit liv uden for arbejdet"


def wall_sync(client, workshop, user, since=0):
    return client.get(
        reverse("workshops:screen_sync", args=[workshop.pk, "wall"]),
        {"since": since},
        HTTP_X_REQUESTED_WITH="fetch",
        HTTP_X_SCREEN_KEY=screen_key(workshop, user),
    )


# A new theme's name ---------------------------------------------------------------------------


def test_a_theme_begun_from_a_long_post_it_is_named_tema_n_not_its_text_cut_off(room):  # noqa: F811
    long_note = factory.yellow_note(
        note("Karen good 0").participant, LONG, revealed_at=timezone.now()
    )
    act(room, "move", note=note("Karen good 0").pk, target="new")
    act(room, "move", note=long_note.pk, target="new")
    assert sorted(Theme.objects.values_list("title", flat=True)) == ["Karen good 0", "Tema 2"]
    wall = page(room, "wall")
    assert "…" not in wall
    assert LONG in wall  # the post-it itself, whole, in its theme


def test_tema_n_skips_a_number_the_room_already_used(room):  # noqa: F811
    Theme.objects.create(workshop=room.workshop, title="Tema 1", order=1)
    assert board.title_from(room.workshop, LONG) == "Tema 2"
    Theme.objects.create(workshop=room.workshop, title="Tema 2", order=2)
    assert board.title_from(room.workshop, LONG) == "Tema 3"


# The matrix ------------------------------------------------------------------------------------


def test_the_matrix_names_the_krænkelse_theme_and_every_title_whole(room):  # noqa: F811
    act(room, "move", note=note("Chikane i vagtplanen").pk, target="new")
    theme = Theme.objects.get()
    board.rename_theme(room.workshop.pk, theme.pk, "Chikane og tonen i vagtplanlægningen om natten")
    go_to(room.workshop, "matrix")
    board.place_theme(room.workshop.pk, theme.pk, 0.75, 0.75)
    wall = page(room, "wall")
    assert "matrix__label--harassment" in wall
    assert "Chikane og tonen i vagtplanlægningen om natten</bdi>" in wall
    assert wall.count("Krænkelse</strong>") == 2  # beside its point and in the legend


# The break ------------------------------------------------------------------------------------


def break_phase(workshop):
    return WorkshopPhase.objects.create(
        workshop=workshop, order=4, name="Pause", minutes=15, tool="break"
    )


def test_the_break_says_the_clock_time_the_room_meets_again(world):
    workshop = factory.live_workshop(world.unit, facilitator=world.leader)
    live.set_phase(workshop.pk, break_phase(workshop))
    live.timer(workshop.pk, "start")
    ends = timezone.localtime(Workshop.objects.get(pk=workshop.pk).timer_ends_at)
    client = Client()
    client.force_login(world.leader)
    html = client.get(reverse("workshops:wall", args=[workshop.pk])).content.decode()
    assert f"Vi ses igen kl. {ends:%H.%M}" in html


def test_a_break_not_started_says_the_programmes_time_not_tid_på_pause(world):
    workshop = factory.live_workshop(
        world.unit, facilitator=world.leader, start_time=datetime.time(9, 0)
    )
    # the method's first three phases take 10 + 10 + 20 minutes: the break is 09.40–09.55
    WorkshopPhase.objects.filter(workshop=workshop, order__gte=4).update(order=100)
    live.set_phase(workshop.pk, break_phase(workshop))
    client = Client()
    client.force_login(world.leader)
    html = client.get(reverse("workshops:wall", args=[workshop.pk])).content.decode()
    assert "Vi ses igen kl. 09.55" in html
    assert "Tid (på pause)" not in html


def test_the_walls_timer_says_not_started_then_running_then_stopped_never_pause(world):
    """ "Tid (på pause)" on the wall read as the programme's break; the timer says what it is."""
    workshop = factory.live_workshop(world.unit, facilitator=world.leader)
    go_to(workshop, "reflection")
    client = Client()
    client.force_login(world.leader)

    def timer_label():
        html = client.get(reverse("workshops:wall", args=[workshop.pk])).content.decode()
        return html.split('class="timer__label">', 1)[1].split("<", 1)[0]

    assert timer_label() == "Tid · ikke startet"
    live.timer(workshop.pk, "start")
    assert timer_label() == "Tid tilbage"
    Workshop.objects.filter(pk=workshop.pk).update(
        timer_ends_at=timezone.now() + datetime.timedelta(minutes=3)
    )
    live.timer(workshop.pk, "pause")
    assert timer_label() == "Tid · stoppet"


# The welcome and the reflection -------------------------------------------------------------


def test_the_welcome_shows_the_programme_the_roles_and_the_rules(world):
    workshop = factory.live_workshop(
        world.unit,
        facilitator=world.leader,
        start_time=datetime.time(9, 0),
        timekeeper_name="Ole Hansen",
        note_taker_name="Fatima Ali",
        expectations="To konkrete aftaler",
    )
    go_to(workshop, "intro")
    client = Client()
    client.force_login(world.leader)
    html = client.get(reverse("workshops:wall", args=[workshop.pk])).content.decode()
    assert "Dagens program" in html
    assert '09.00</span> <span class="welcome-programme__name">Velkomst og introduktion' in html
    assert '09.10</span> <span class="welcome-programme__name">Individuel refleksion' in html
    assert "Tidsstyrer" in html and "Ole Hansen" in html and "Fatima Ali" in html
    assert world.leader.get_full_name() in html  # the facilitator
    assert "Vi er åbne og ærlige" in html
    assert "To konkrete aftaler" in html


def test_the_reflection_shows_the_six_factors(world):
    workshop = factory.live_workshop(world.unit, facilitator=world.leader)
    go_to(workshop, "reflection")
    client = Client()
    client.force_login(world.leader)
    html = client.get(reverse("workshops:wall", args=[workshop.pk])).content.decode()
    for factor in ("Krav", "Indflydelse", "Mening", "Social støtte", "Forudsigelighed"):
        assert f"<strong>{factor}</strong>" in html
    assert "Belønning" in html


# After the close ---------------------------------------------------------------------------


def test_a_closed_workshops_wall_answers_a_calm_last_screen_and_410(world):
    workshop = factory.live_workshop(world.unit, facilitator=world.leader)
    go_to(workshop, "closing")
    client = Client()
    client.force_login(world.leader)
    rev = Workshop.objects.get(pk=workshop.pk).revision
    live.set_status(workshop.pk, Workshop.Status.CLOSED)
    response = wall_sync(client, workshop, world.leader, since=rev)
    assert response.status_code == 410  # live.js shows it and stops asking
    html = response.content.decode()
    assert "Tak for i dag" in html and "Det sker nu" in html
    assert 'id="region-wall"' in html
    # asked again (or reloaded), the same calm screen: never a refusal
    assert wall_sync(client, workshop, world.leader, since=999999).status_code == 410
    page_html = client.get(reverse("workshops:wall", args=[workshop.pk])).content.decode()
    assert "Tak for i dag" in page_html


# Refusals --------------------------------------------------------------------------------------


def test_a_refused_phone_or_wall_is_one_line_in_the_log_not_a_traceback(world, caplog):
    workshop = factory.live_workshop(world.unit, facilitator=world.leader)
    stranger = Client()
    with caplog.at_level(logging.WARNING, logger="django.request"):
        phone = stranger.get(reverse("participant:sync", args=[workshop.join_token]), {"since": 0})
        wall = stranger.get(
            reverse("workshops:screen_sync", args=[workshop.pk, "wall"]),
            {"since": 0},
            HTTP_X_SCREEN_KEY="forged",
        )
    assert phone.status_code == 403 and wall.status_code == 403
    refusals = [r for r in caplog.records if r.name == "django.request"]
    assert len(refusals) == 2
    assert all(r.levelno == logging.WARNING and r.exc_info is None for r in refusals)
