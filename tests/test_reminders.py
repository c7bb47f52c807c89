"""Reminders that arrive, once each, and that each person can see and stop (issue 12, item 3)."""

import base64
import datetime
import io
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from actionplans import reminders
from actionplans.models import ReminderPreference, ReminderStop, SentReminder, Stage

from . import factory

TODAY = datetime.date(2026, 6, 10)


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://trivsel.example.dk"


def run(today=TODAY):
    call_command("send_reminders", date=today.isoformat(), stdout=io.StringIO())


def to(address):
    return [m for m in mail.outbox if m.to == [address]]


@pytest.fixture
def holder(world):
    return factory.tovholder(world.unit, name="Mette Holm", email="Mette@Example.org")


def test_a_tovholder_is_reminded_before_the_deadline_and_when_overdue_once_each(world, holder):
    plan = factory.action_plan(world.unit)
    factory.activity(plan, what="Lydabsorbenter", tovholder=holder, deadline=days(3))

    run()
    run()
    assert len(to("mette@example.org")) == 1
    message = to("mette@example.org")[0]
    assert "Om 3 dage er der deadline" in message.body and "Lydabsorbenter" in message.body
    assert "https://trivsel.example.dk/handleplaner/paamindelser/stop/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<https://trivsel.example.dk/")

    run(days(4))
    run(days(4))
    run(days(5))
    overdue = to("mette@example.org")[1:]
    assert len(overdue) == 1 and "overskredet" in overdue[0].subject


def test_a_done_or_dropped_activity_and_one_without_an_address_are_not_reminded(world, holder):
    plan = factory.action_plan(world.unit)
    factory.activity(plan, tovholder=holder, deadline=days(1), stage=Stage.DONE)
    factory.activity(plan, tovholder=holder, deadline=days(-1), stage=Stage.DROPPED)
    factory.activity(
        plan, tovholder=factory.tovholder(world.unit, name="Uden mail"), deadline=days(1)
    )
    run()
    assert mail.outbox == []


def test_a_deadline_long_past_sends_nothing_on_a_first_run(world, holder):
    plan = factory.action_plan(world.unit)
    factory.activity(plan, tovholder=holder, deadline=days(-reminders.OVERDUE_WINDOW_DAYS - 1))
    run()
    assert mail.outbox == []


def test_a_moved_deadline_is_reminded_again(world, holder):
    plan = factory.action_plan(world.unit)
    activity = factory.activity(plan, tovholder=holder, deadline=days(2))
    run()
    activity.deadline = days(20)
    activity.save()
    run(days(18))
    assert len(to("mette@example.org")) == 2


def test_a_tovholder_with_an_account_gets_it_at_the_users_address(world):
    holder = factory.tovholder(world.unit, name="Leder", user=world.leader)
    world.leader.email = "leder@example.org"
    world.leader.save()
    factory.activity(factory.action_plan(world.unit), tovholder=holder, deadline=days(0))
    run()
    (message,) = to("leder@example.org")
    assert "/handleplaner/paamindelser/" in message.body


def test_the_trio_is_reminded_a_week_before_each_follow_up(world):
    for person, address in zip((world.leader, world.tr, world.amr), "abc", strict=True):
        person.email = f"{address}@example.org"
        person.save()
    factory.action_plan(world.unit, follow_up_first=days(7), follow_up_second=days(100))
    run()
    run()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "a@example.org",
        "b@example.org",
        "c@example.org",
    ]
    assert "første opfølgning" in mail.outbox[0].body
    run(days(95))
    assert len(mail.outbox) == 6 and "anden opfølgning" in mail.outbox[-1].body


def test_hr_and_med_get_one_summary_a_month_of_their_own_scope(world):
    world.hr.email, world.med.email = "hr@example.org", "med@example.org"
    world.hr.save()
    world.med.save()
    elsewhere = factory.unit("Vej og park", parent=world.organisation, kind="department")
    factory.unit("Materielgården", parent=elsewhere)
    factory.survey_round(world.organisation, survey_opens=days(-30), action_plan_deadline=days(20))

    run()
    run(days(1))
    (hr_mail,) = to("hr@example.org")
    (med_mail,) = to("med@example.org")
    assert "Materielgården" in hr_mail.body and "3 enheder mangler en handleplan" in hr_mail.body
    assert "Materielgården" not in med_mail.body and "Egen enhed" in med_mail.body
    run(days(25))  # next month: a new summary (the deadline passed: only overdue would count)
    assert len(to("hr@example.org")) == 1
    run(days(21 + 30))
    assert len(to("hr@example.org")) == 1


def test_a_summary_in_a_new_month_is_sent_again(world):
    world.hr.email = "hr@example.org"
    world.hr.save()
    factory.survey_round(world.organisation, survey_opens=days(-30), action_plan_deadline=days(60))
    run()
    run(days(25))
    assert len(to("hr@example.org")) == 2


def test_hr_can_choose_a_weekly_summary_while_med_keeps_the_monthly_one(client, world):
    world.hr.email, world.med.email = "hr@example.org", "med@example.org"
    world.hr.save()
    world.med.save()
    factory.survey_round(world.organisation, survey_opens=days(-30), action_plan_deadline=days(60))
    client.force_login(world.hr)
    client.post(
        reverse("actionplans:reminder_preferences"),
        {"monthly_summary": "on", "weekly_summary": "on"},
    )
    assert ReminderPreference.objects.get(user=world.hr).weekly_summary

    for day in (0, 1, 4, 7, 8, 14):  # Wednesday 10 June 2026, then on through three weeks
        run(days(day))
    weekly = to("hr@example.org")
    assert len(weekly) == 3
    assert weekly[0].subject.startswith("Ugentlig oversigt over handleplaner")
    assert "Her er ugens oversigt" in weekly[0].body
    (monthly,) = to("med@example.org")
    assert monthly.subject.startswith("Månedlig oversigt") and "månedens oversigt" in monthly.body


def test_no_summary_means_none_weekly_or_monthly(client, world):
    world.hr.email = "hr@example.org"
    world.hr.save()
    factory.survey_round(world.organisation, survey_opens=days(-30), action_plan_deadline=days(60))
    client.force_login(world.hr)
    client.post(reverse("actionplans:reminder_preferences"), {"weekly_summary": "on"})
    for day in (0, 7, 14):
        run(days(day))
    assert to("hr@example.org") == []


def test_a_stopped_address_gets_nothing_and_can_start_again(client, world, holder):
    factory.activity(factory.action_plan(world.unit), tovholder=holder, deadline=days(1))
    url = reverse("actionplans:reminder_stop", args=[reminders.stop_key("mette@example.org")])

    page = client.get(url)
    assert "Stop alle påmindelser til adressen" in page.content.decode()
    client.post(url, {"action": "stop"})
    assert ReminderStop.objects.filter(email="mette@example.org").exists()
    run()
    assert mail.outbox == []

    client.post(url, {"action": "start"})
    run()
    assert len(mail.outbox) == 1
    assert "Deadline nærmer sig" in client.get(url).content.decode()


def test_a_forged_stop_link_stops_nothing(client, world):
    url = reverse("actionplans:reminder_stop", args=["mette@example.org:forged"])
    response = client.post(url, {"action": "stop"})
    assert response.status_code == 400
    assert not ReminderStop.objects.exists()


def test_the_stop_form_needs_its_csrf_token(world):
    from django.test import Client

    url = reverse("actionplans:reminder_stop", args=[reminders.stop_key("a@example.org")])
    response = Client(enforce_csrf_checks=True).post(url, {"action": "stop"})
    assert response.status_code == 403
    assert not ReminderStop.objects.exists()


def test_a_user_chooses_what_they_receive_and_sees_what_was_sent(client, world):
    holder = factory.tovholder(world.unit, name="Leder", user=world.leader)
    world.leader.email = "leder@example.org"
    world.leader.save()
    plan = factory.action_plan(world.unit, follow_up_first=days(2))
    factory.activity(plan, tovholder=holder, deadline=days(1))
    client.force_login(world.leader)
    url = reverse("actionplans:reminder_preferences")
    client.post(url, {"plan_follow_ups": "on", "monthly_summary": "on"})
    assert ReminderPreference.objects.get(user=world.leader).activity_deadlines is False

    run()
    assert [m.subject for m in mail.outbox] == [
        "Opfølgning på handleplanen «Støj i frokoststuen» 12. juni 2026"
    ]
    page = client.get(url).content.decode()
    assert "Opfølgning på handleplan" in page and "Støj i frokoststuen" in page


def test_a_mail_that_fails_is_not_logged_and_is_tried_again_next_hour(world, holder):
    factory.activity(factory.action_plan(world.unit), tovholder=holder, deadline=days(1))
    failing = mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("relay down"))
    with failing:
        run()  # the failure is logged and the run goes on (tests/test_names_in_files_and_mails)
    assert not SentReminder.objects.exists()
    run()
    assert len(mail.outbox) == 1 and SentReminder.objects.count() == 1


def test_a_reminder_already_logged_by_a_parallel_run_is_not_sent(world, holder):
    activity = factory.activity(factory.action_plan(world.unit), tovholder=holder, deadline=days(1))
    (due,) = list(reminders.due_reminders(TODAY))
    SentReminder.objects.create(key=due.key, kind=due.kind, email=due.email, subject="x")
    assert reminders._send_once(due) is False
    assert mail.outbox == [] and activity.pk


def test_the_unit_page_shows_what_was_sent(client, world, holder):
    factory.activity(factory.action_plan(world.unit), tovholder=holder, deadline=days(1))
    run()
    client.force_login(world.leader)
    page = client.get(reverse("unit_detail", args=[world.unit.pk])).content.decode()
    assert "Sendte påmindelser" in page and "til Mette Holm" in page
    client.force_login(world.other_leader)
    other = client.get(reverse("unit_detail", args=[world.other_unit.pk])).content.decode()
    assert "Mette Holm" not in other


def test_hostile_text_in_a_plan_is_sent_as_plain_text(world, holder):
    plan = factory.action_plan(world.unit, title="<script>alert(1)</script>")
    factory.activity(plan, what='=HYPERLINK("x")', tovholder=holder, deadline=days(1))
    run()
    body = mail.outbox[0].body
    assert "<script>alert(1)</script>" in body and "&lt;" not in body


def test_a_bad_date_is_refused_in_danish():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="skal være en dato"):
        call_command("send_reminders", date="i morgen")


def test_the_leader_gets_the_summary_of_their_own_unit_and_the_tr_and_amr_get_none(world):
    """Issue 23: the unit's own leader gets the summary for their unit (no one else's), with
    a link to the unit's plans; TR and AMR get no summary."""
    for person, address in ((world.leader, "leder"), (world.tr, "tr"), (world.amr, "amr")):
        person.email = f"{address}@example.org"
        person.save()
    world.other_leader.email = "anden@example.org"
    world.other_leader.save()
    round_ = factory.survey_round(
        world.organisation, survey_opens=days(-30), action_plan_deadline=days(20)
    )
    plan = factory.action_plan(world.other_unit, round=round_)
    factory.activity(plan, deadline=days(-3))
    run()
    run(days(1))
    (own,) = to("leder@example.org")
    assert own.subject == "Månedlig oversigt over handleplaner: Egen enhed"
    assert "for Egen enhed, hvor du er leder" in own.body
    assert "1 enhed mangler en handleplan" in own.body and "Anden enhed" not in own.body
    assert reverse("actionplans:plan_list", args=[world.unit.pk]) in own.body
    (other,) = to("anden@example.org")
    assert "1 aktivitet er forsinket" in other.body and "mangler" not in other.body
    assert to("tr@example.org") == [] and to("amr@example.org") == []


def test_a_leader_reads_each_round_once_however_many_leaders(world, django_assert_max_num_queries):
    round_ = factory.survey_round(
        world.organisation, survey_opens=days(-30), action_plan_deadline=days(20)
    )
    units = factory.many_units(world.department, 30)
    for n, unit in enumerate(units):
        factory.user(f"leder{n}", role="leader", unit=unit, email=f"l{n}@example.org")
    factory.action_plan(units[0], round=round_)
    with django_assert_max_num_queries(14):
        found = list(reminders._leader_summaries(TODAY))
    assert len(found) == 29  # every leader's unit misses its plan, but the first


def test_a_tovholder_with_a_link_gets_it_in_the_reminder_and_one_without_does_not(world):
    with_link = factory.tovholder_with_link(world.unit, name="Ali", email="ali@example.org")
    without = factory.tovholder(world.unit, name="Bo", email="bo@example.org")
    plan = factory.action_plan(world.unit)
    factory.activity(plan, tovholder=with_link, deadline=days(2))
    factory.activity(plan, tovholder=without, deadline=days(2))
    run()
    link = "https://trivsel.example.dk" + reverse("tovholder_page", args=[with_link.token])
    assert link in to("ali@example.org")[0].body
    assert "/t/" not in to("bo@example.org")[0].body


def test_a_reminder_carries_no_link_once_the_tovholder_has_left(world):
    """A member picked as tovholder leaves the unit and the account is closed: the reminder
    that still goes to the address they gave does not carry their old link (issue 19)."""
    from actionplans.editing import tovholder_for
    from actionplans.links import rotate_tovholder_link
    from units.models import Membership

    holder = rotate_tovholder_link(tovholder_for(world.unit, user=world.tr, email="tr@example.org"))
    factory.activity(factory.action_plan(world.unit), tovholder=holder, deadline=days(2))
    Membership.objects.filter(user=world.tr).delete()
    world.tr.is_active = False
    world.tr.save()
    run()
    [reminder] = to("tr@example.org")
    assert holder.token not in reminder.body and "/t/" not in reminder.body


def test_the_stop_link_does_not_spell_out_the_address_and_stays_the_same(client, world, holder):
    factory.activity(factory.action_plan(world.unit), tovholder=holder, deadline=days(3))
    run()
    run(days(4))
    first, second = to("mette@example.org")
    stop = "https://trivsel.example.dk/handleplaner/paamindelser/stop/"
    [key] = {line.split(stop)[1].rstrip("/") for line in first.body.splitlines() if stop in line}
    assert stop + key + "/" in second.body  # the link in an old mail keeps working
    assert "mette" not in base64.urlsafe_b64decode(key + "==").decode("latin-1").lower()
    assert "mette" not in key.lower()
    assert "mette@example.org" in client.get(f"{stop}{key}/").content.decode()

    reminders.replace_stop_key("mette@example.org")  # e.g. the link was forwarded
    assert client.get(f"{stop}{key}/").status_code == 400


def test_a_stop_link_from_an_older_mail_only_stops_and_shows_nothing(client, world, holder):
    from django.core import signing

    factory.activity(factory.action_plan(world.unit), tovholder=holder, deadline=days(3))
    run()
    old_key = signing.dumps("mette@example.org", salt=reminders.STOP_SALT)
    url = reverse("actionplans:reminder_stop", args=[old_key])
    html = client.get(url).content.decode()
    assert "mette@example.org" not in html and "Deadline nærmer sig" not in html
    client.post(url, {"action": "stop"})
    assert ReminderStop.objects.filter(email="mette@example.org").exists()
    client.post(url, {"action": "start"})  # starting again needs the newest mail's link
    assert ReminderStop.objects.filter(email="mette@example.org").exists()
