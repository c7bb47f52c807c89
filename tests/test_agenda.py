"""The trio plans the agenda: clock times from the start time, breaks, reordering, minutes,
and a visible warning when the plan is longer than the time set aside."""

from datetime import time
from types import SimpleNamespace

import pytest
from django.urls import reverse

from workshops import preparation
from workshops.agenda import build_agenda
from workshops.models import Tool

from . import factory


def phases(*minutes):
    return [SimpleNamespace(name=f"Fase {i}", minutes=m) for i, m in enumerate(minutes, 1)]


def test_clock_times_follow_from_start_time_and_minutes():
    agenda = build_agenda(phases(10, 20, 30), time(9, 0), planned_minutes=150)
    assert [(r.starts, r.ends) for r in agenda.rows] == [
        (time(9, 0), time(9, 10)),
        (time(9, 10), time(9, 30)),
        (time(9, 30), time(10, 0)),
    ]
    assert agenda.ends == time(10, 0)
    assert agenda.planned_ends == time(11, 30)
    assert agenda.total_minutes == 60
    assert not agenda.overruns
    assert agenda.spare_minutes == 90


def test_plan_longer_than_the_planned_duration_overruns():
    agenda = build_agenda(phases(60, 60, 45), time(13, 0), planned_minutes=150)
    assert agenda.overruns
    assert agenda.overrun_minutes == 15
    assert agenda.spare_minutes == 0
    assert agenda.ends == time(15, 45)


def test_exactly_the_planned_duration_does_not_overrun():
    agenda = build_agenda(phases(100, 50), time(8, 0), planned_minutes=150)
    assert not agenda.overruns and agenda.spare_minutes == 0


def test_without_start_time_rows_have_minutes_but_no_clock_times():
    agenda = build_agenda(phases(10, 5), None, planned_minutes=120)
    assert [r.minutes for r in agenda.rows] == [10, 5]
    assert all(r.starts is None and r.ends is None for r in agenda.rows)
    assert agenda.ends is None


def test_an_evening_plan_wraps_past_midnight_like_a_clock():
    agenda = build_agenda(phases(90), time(23, 0), planned_minutes=120)
    assert agenda.ends == time(0, 30)


@pytest.fixture
def workshop(world):
    return factory.prepared_workshop(world.unit, start_time=time(9, 0), planned_minutes=150)


def test_default_method_fills_the_planned_two_and_a_half_hours(workshop):
    agenda = preparation.agenda_for(workshop)
    assert agenda.total_minutes == 150
    assert agenda.ends == time(11, 30)
    assert agenda.rows[0].phase.name == "Velkomst og introduktion"


def test_a_break_shifts_every_later_phase(workshop):
    first = workshop.phases.first()
    pause = preparation.add_break(workshop, after=first, minutes=15)
    agenda = preparation.agenda_for(workshop)
    assert agenda.rows[1].phase == pause
    assert pause.tool == Tool.BREAK
    assert (agenda.rows[1].starts, agenda.rows[1].ends) == (time(9, 10), time(9, 25))
    assert agenda.rows[2].starts == time(9, 25)
    assert agenda.overrun_minutes == 15
    assert [p.order for p in workshop.phases.all()] == list(range(1, 11))


def test_a_break_can_open_the_agenda(workshop):
    pause = preparation.add_break(workshop, after=None)
    assert workshop.phases.first() == pause


def test_moving_a_phase_swaps_it_with_its_neighbour(workshop):
    names = list(workshop.phases.values_list("name", flat=True))
    second = workshop.phases.all()[1]
    assert preparation.move_phase(second, "up")
    assert list(workshop.phases.values_list("name", flat=True))[:2] == [names[1], names[0]]
    assert not preparation.move_phase(workshop.phases.first(), "up")
    assert not preparation.move_phase(workshop.phases.last(), "down")


def test_trio_moves_a_phase_with_htmx_and_gets_the_agenda_back_with_focus_kept(
    client, world, workshop
):
    client.force_login(world.tr)
    second = workshop.phases.all()[1]
    url = reverse("workshops:phase_move", args=[workshop.pk, second.pk])
    response = client.post(url, {"direction": "up"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="card" id="agenda"')
    assert f'id="move-up-{second.pk}" disabled autofocus' in html
    assert "er flyttet op" in html  # announced in the live region
    assert workshop.phases.first() == second


def test_moving_without_javascript_redirects_back_to_the_agenda(client, world, workshop):
    client.force_login(world.leader)
    first = workshop.phases.first()
    url = reverse("workshops:phase_move", args=[workshop.pk, first.pk])
    response = client.post(url, {"direction": "down"})
    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("workshops:agenda", args=[workshop.pk]) + "#agenda"
    )
    assert workshop.phases.all()[1] == first


def test_editing_minutes_recomputes_times_and_warns_in_danish_when_overrunning(
    client, world, workshop
):
    client.force_login(world.leader)
    arrow = workshop.phases.get(tool=Tool.ARROW)
    url = reverse("workshops:phase_minutes", args=[workshop.pk, arrow.pk])
    response = client.post(url, {"minutes": "80"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    arrow.refresh_from_db()
    assert arrow.minutes == 80
    assert "Planen er 20 minutter for lang." in html
    assert "⚠" in html  # not colour alone: an icon and words
    assert "11.50" in html  # the new end time


def test_invalid_minutes_are_refused_with_a_danish_message(client, world, workshop):
    client.force_login(world.leader)
    phase = workshop.phases.first()
    url = reverse("workshops:phase_minutes", args=[workshop.pk, phase.pk])
    response = client.post(url, {"minutes": "0"}, headers={"HX-Request": "true"})
    assert "En fase skal vare mindst 1 minut." in response.content.decode()
    phase.refresh_from_db()
    assert phase.minutes == 10


def test_trio_inserts_a_break_through_the_form(client, world, workshop):
    client.force_login(world.amr)
    after = workshop.phases.get(tool=Tool.SORTING)
    url = reverse("workshops:agenda_break", args=[workshop.pk])
    response = client.post(url, {"after": after.pk, "minutes": "15"})
    assert response.status_code == 302
    pause = workshop.phases.get(tool=Tool.BREAK)
    assert pause.order == after.order + 1
    page = client.get(reverse("workshops:agenda", args=[workshop.pk])).content.decode()
    assert "Pause" in page and "Planen er 15 minutter for lang." in page


def test_a_too_long_break_is_explained(client, world, workshop):
    client.force_login(world.amr)
    url = reverse("workshops:agenda_break", args=[workshop.pk])
    response = client.post(url, {"after": 0, "minutes": "90"}, headers={"HX-Request": "true"})
    assert "En pause kan højst vare 60 minutter." in response.content.decode()
    assert not workshop.phases.filter(tool=Tool.BREAK).exists()


def test_removing_a_phase_asks_first_and_renumbers(client, world, workshop):
    client.force_login(world.leader)
    vote = workshop.phases.get(tool=Tool.VOTE)
    url = reverse("workshops:phase_delete", args=[workshop.pk, vote.pk])
    confirm = client.get(url)
    assert "Vil du fjerne “Afstemning” fra dagsordenen?" in confirm.content.decode()
    assert workshop.phases.filter(pk=vote.pk).exists()  # GET changes nothing
    client.post(url)
    assert not workshop.phases.filter(pk=vote.pk).exists()
    assert [p.order for p in workshop.phases.all()] == list(range(1, 9))


def test_printable_programme_has_clock_times_and_ground_rules(client, world, workshop):
    client.force_login(world.med)
    html = client.get(reverse("workshops:agenda_print", args=[workshop.pk])).content.decode()
    assert "09.00–09.10" in html
    assert "Vi er åbne og ærlige" in html
    assert 'class="print-page"' in html


def test_a_phase_of_another_workshop_cannot_be_moved_through_this_one(client, world, workshop):
    other = factory.prepared_workshop(world.other_unit)
    client.force_login(world.leader)
    url = reverse("workshops:phase_move", args=[workshop.pk, other.phases.first().pk])
    assert client.post(url, {"direction": "down"}).status_code == 404
