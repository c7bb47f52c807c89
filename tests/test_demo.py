"""`manage.py demo`: the fictional Bøgely Kommune, loaded once, telling one story at three
stages relative to the day it is loaded (Spiren before its workshop, Myretuen just after
one, Lærkereden half a year on)."""

import datetime
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import get_hasher
from django.core.management import call_command
from django.core.management.base import CommandError

from actionplans.models import ActionPlan, Activity, RaisedItem, Stage, StatusUpdate
from units import permissions
from units.demo import BEFORE, HALF_YEAR_ON, JUST_AFTER
from units.management.commands.demo import load
from units.models import Membership, Role, Unit
from workshops.models import Note, Workshop

FINISHED = (Stage.DONE, Stage.DROPPED)


def test_demo_data_is_a_realistic_municipality_loaded_once(db, capsys):
    call_command("demo")
    first = (Unit.objects.count(), Membership.objects.count(), Activity.objects.count())
    assert "Demo-data er klar" in capsys.readouterr().out
    call_command("demo")
    out = capsys.readouterr().out
    assert "allerede indlæst" in out and "make demo-reset" in out
    assert (Unit.objects.count(), Membership.objects.count(), Activity.objects.count()) == first
    assert Unit.objects.filter(kind=Unit.Kind.DEPARTMENT).count() == 3
    assert Unit.objects.count() >= 15
    for username in ("hr", "med", "leder", "tr", "amr", "facilitator"):
        assert f"  {username} " in out  # the logins are printed on every start


def test_a_reset_empties_the_database_and_loads_the_story_again(transactional_db, capsys, settings):
    """Outside a test's transaction, as `make demo-reset` runs it (PostgreSQL refuses to
    empty tables with constraint checks still pending in the same transaction)."""
    settings.DEBUG = True  # as in development
    call_command("demo")
    Workshop.objects.filter(unit__code=BEFORE).delete()
    get_user_model().objects.create(username="someone-who-played")
    call_command("demo", reset=True)
    assert Workshop.objects.filter(unit__code=BEFORE).count() == 1
    assert not get_user_model().objects.filter(username="someone-who-played").exists()
    assert "Demo-data er klar" in capsys.readouterr().out


def test_a_reset_is_refused_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo", reset=True)


def test_the_demo_hashes_its_password_once_not_per_user(db):
    """Hashing is slow on purpose: per user, it was nearly all of the demo's load time."""
    hasher = type(get_hasher())
    with mock.patch.object(hasher, "encode", autospec=True, side_effect=hasher.encode) as hashed:
        call_command("demo")
    assert get_user_model().objects.count() > 40
    assert hashed.call_count == 1
    assert get_user_model().objects.get(username="tr-bk-ss-01").check_password("trivsel-demo")


def test_demo_logins_have_the_rights_they_promise(db):
    call_command("demo")
    users = get_user_model().objects
    hr, med, leader = (
        users.get(username="hr"),
        users.get(username="med"),
        users.get(username="leder"),
    )
    spiren = Unit.objects.get(code=BEFORE)
    assert permissions.can(hr, "change", Unit.objects.get(code="BK-BM-02-A"))
    assert permissions.can(med, "view", spiren)
    assert not permissions.can(med, "view", Unit.objects.get(code="BK-SS"))
    for code in (BEFORE, JUST_AFTER, HALF_YEAR_ON):  # Lise tries every stage of the story
        assert permissions.can(leader, "change", Unit.objects.get(code=code))
    assert permissions.can(users.get(username="tr"), "change", spiren)
    trio_units = Membership.objects.filter(role=Role.LEADER).values("unit").distinct().count()
    assert trio_units >= 12
    assert Membership.objects.filter(unit__code=JUST_AFTER, role=Role.LEADER).count() == 1
    assert hr.check_password("trivsel-demo")


# The story, told relative to the day of loading: today, and a Sunday a year and more away.
DAYS = [datetime.date.today(), datetime.date(2028, 3, 5)]


@pytest.fixture(params=DAYS, ids=["today", "a-sunday-in-2028"])
def story(request, db):
    load(request.param)
    return request.param


def test_before_spiren_prepares_a_workshop_held_in_some_days(story):
    today = story
    workshop = Workshop.objects.get(unit__code=BEFORE)
    assert workshop.status == Workshop.Status.PLANNED
    assert today < workshop.date <= today + datetime.timedelta(days=12)
    assert workshop.date.weekday() < 5
    pink = workshop.notes.filter(colour=Note.Colour.PINK, deleted=False)
    assert pink.count() == 4 and pink.filter(harassment=True).count() == 1
    assert workshop.prep_items.exists()
    ticked = workshop.checklist.filter(done=True).count()
    assert 0 < ticked < workshop.checklist.count()
    assert not ActionPlan.objects.filter(unit__code=BEFORE).exists()


def test_just_after_myretuen_has_themes_matrix_vote_arrow_and_fresh_plans(story):
    today = story
    workshop = Workshop.objects.get(unit__code=JUST_AFTER)
    assert workshop.status == Workshop.Status.CLOSED
    assert today - datetime.timedelta(days=6) <= workshop.date < today
    assert workshop.closed_at.date() == workshop.date
    themes = workshop.themes.all()
    assert themes.count() >= 5
    assert all(theme.column and theme.placed for theme in themes)
    revealed = workshop.notes.filter(colour=Note.Colour.YELLOW, revealed_at__isnull=False)
    assert revealed.count() >= 15 and revealed.filter(theme__isnull=True).count() == 0
    (vote,) = workshop.votes.all()
    assert vote.status == "closed" and vote.marks.count() >= 12
    chosen = themes.filter(chosen=True)
    assert chosen.count() == 3
    plans = ActionPlan.objects.filter(unit__code=JUST_AFTER)
    assert {plan.theme_id for plan in plans} == {theme.pk for theme in chosen}
    assert all(plan.change and plan.activities.exists() for plan in plans)
    activities = Activity.objects.filter(plan__in=plans)
    # nothing is late yet: every deadline and follow-up is ahead
    assert all(activity.deadline >= today for activity in activities)
    assert all(plan.follow_up_first > today for plan in plans)
    assert set(activities.values_list("stage", flat=True)) <= {Stage.NOT_STARTED, Stage.PLANNED}
    raised = RaisedItem.objects.filter(unit__code=JUST_AFTER)
    assert raised.filter(activity__isnull=False, status=RaisedItem.Status.RAISED).exists()


def test_half_a_year_on_laerkereden_has_history_late_and_done_work_and_an_answer(story):
    today = story
    workshop = Workshop.objects.get(unit__code=HALF_YEAR_ON)
    assert workshop.status == Workshop.Status.CLOSED
    age = (today - workshop.date).days
    assert 175 <= age <= 190
    activities = Activity.objects.filter(plan__unit__code=HALF_YEAR_ON)
    late = activities.filter(deadline__lt=today).exclude(stage__in=FINISHED)
    assert late.exists()
    assert activities.filter(stage=Stage.DONE).exists()
    assert {Stage.ADJUSTED, Stage.UNDER_WAY, Stage.PLANNED, Stage.NOT_STARTED} <= set(
        activities.values_list("stage", flat=True)
    )
    history = StatusUpdate.objects.filter(activity__in=activities)
    moments = sorted(update.created_at.date() for update in history)
    assert len(moments) >= 10
    assert workshop.date < moments[0] and moments[-1] < today  # spread over the half year
    assert (moments[-1] - moments[0]).days > 90
    answered = RaisedItem.objects.get(unit__code=HALF_YEAR_ON, activity__isnull=False)
    assert answered.status == RaisedItem.Status.ANSWERED and answered.answer
    assert workshop.date < answered.answered_at.date() < today


def test_the_round_spans_the_story(story):
    from surveys.models import Round

    today = story
    round_ = Round.objects.get()
    assert round_.survey_closes < Workshop.objects.get(unit__code=HALF_YEAR_ON).date
    assert round_.workshops_until > Workshop.objects.get(unit__code=BEFORE).date
    assert str(round_.survey_opens.year) in round_.name
    assert Workshop.objects.filter(round=round_).count() == 3
    assert round_.action_plan_deadline > today
