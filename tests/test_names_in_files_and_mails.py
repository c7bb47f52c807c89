"""Names an HR user can type never break a file or a mail (issue 19, item 5): a unit or a
round named with / \\ ? * [ ] : still makes its workbooks and downloads; a line break stored
in a unit's name neither stops the hourly reminders nor reaches a mail header; a mail that
cannot be sent is logged and skipped, the others go; and the admin refuses control
characters in a name like every other form."""

import datetime
import io
import logging
from urllib.parse import unquote

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from actionplans.models import SentReminder
from trivsel.safe_text import filename_part, header_text, sheet_title
from units.models import Unit

from . import factory

TODAY = datetime.date(2026, 6, 10)
UNIT = "Børnehaven Spiren/Mariehønen"
ROUND = "APV 2026: Trivsel"


@pytest.fixture
def named(world):
    Unit.objects.filter(pk=world.unit.pk).update(name=UNIT)
    survey = factory.survey_round(world.organisation, name=ROUND)
    plan = factory.action_plan(world.unit, round=survey, title="Støj")
    factory.activity(plan, what="Lydabsorbenter")
    return survey


def opened(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_the_units_and_the_rounds_workbooks_open_whatever_the_names(client, world, named):
    client.force_login(world.hr)

    unit_file = client.get(reverse("actionplans:unit_plans_xlsx", args=[world.unit.pk]))
    assert opened(unit_file).sheetnames == ["Børnehaven Spiren-Mariehønen"]
    assert "børnehaven-spiren-mariehønen" in unquote(unit_file["Content-Disposition"])

    round_file = client.get(reverse("actionplans:round_workbook_xlsx", args=[named.pk]))
    workbook = opened(round_file)
    assert workbook.sheetnames == ["APV 2026- Trivsel"]
    assert workbook.active["F2"].value == "Lydabsorbenter"
    assert "apv-2026-trivsel" in unquote(round_file["Content-Disposition"])

    csv_file = client.get(reverse("actionplans:round_rows_csv", args=[named.pk]))
    assert csv_file.status_code == 200
    assert "/" not in csv_file["Content-Disposition"].split("filename")[1]


@pytest.mark.parametrize(
    "name",
    [
        UNIT,
        ROUND,
        "[Ældreplejen] *Nat* ?",
        "'Citat'",
        "History",
        "Linje\nto\ttabs\x1b",
        "Hjemmeplejen Syd, distrikt Vest og Øst – aften og nat",
        "////",
        "",
    ],
)
def test_any_stored_name_is_a_sheet_title_excel_takes(name):
    workbook = Workbook()
    title = sheet_title(name, taken=["Sheet"])
    workbook.create_sheet(title)  # openpyxl refuses what Excel refuses
    assert 0 < len(title) <= 31 and not title.startswith("'")
    assert sheet_title(title, taken=[title.upper()]) != title  # unique among the taken


def test_a_file_name_and_a_header_from_any_name():
    assert filename_part("Børnehaven Spiren/Mariehønen") == "børnehaven-spiren-mariehønen"
    assert filename_part('../"x"\r\nContent-Type: text/html') == "x-content-type-text-html"
    assert header_text("Påmindelse for Spiren\r\nBcc: alle@example.org") == (
        "Påmindelse for Spiren Bcc: alle@example.org"
    )


@pytest.fixture
def two_reminders(world, settings):
    """Two tovholdere with a deadline in three days, in a unit whose stored name has a line
    break (saved before the admin refused it), and one in another unit."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://trivsel.example.dk"
    Unit.objects.filter(pk=world.unit.pk).update(name="Børnehaven\nSpiren")
    deadline = TODAY + datetime.timedelta(days=3)
    for unit, name, email in [
        (world.unit, "Mette Holm", "mette@example.org"),
        (world.other_unit, "Åse Øster", "aase@example.org"),
    ]:
        plan = factory.action_plan(unit)
        holder = factory.tovholder(unit, name=name, email=email)
        factory.activity(plan, what="Lydabsorbenter", tovholder=holder, deadline=deadline)


def run():
    call_command("send_reminders", date=TODAY.isoformat(), stdout=io.StringIO())


def test_a_line_break_in_a_units_name_stops_no_reminder(two_reminders):
    run()

    assert sorted(message.to[0] for message in mail.outbox) == [
        "aase@example.org",
        "mette@example.org",
    ]
    spiren = next(m for m in mail.outbox if m.to == ["mette@example.org"])
    assert "Børnehaven Spiren" in spiren.subject and "\n" not in spiren.subject


def test_a_mail_that_cannot_be_sent_is_logged_and_the_others_are_sent(
    two_reminders, monkeypatch, caplog
):
    from django.core.mail import EmailMessage

    send = EmailMessage.send

    def refuse_mette(message, *args, **kwargs):
        if message.to == ["mette@example.org"]:
            raise ConnectionRefusedError("the mail server refused")
        return send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", refuse_mette)
    with caplog.at_level(logging.ERROR, logger="actionplans.reminders"):
        run()

    assert [message.to for message in mail.outbox] == [["aase@example.org"]]
    assert "mette@example.org" in caplog.text and "ConnectionRefusedError" in caplog.text
    assert list(SentReminder.objects.values_list("email", flat=True)) == ["aase@example.org"]

    monkeypatch.setattr(EmailMessage, "send", send)
    run()  # the next run sends the one that failed, once
    assert sorted(message.to[0] for message in mail.outbox) == [
        "aase@example.org",
        "mette@example.org",
    ]


@pytest.fixture
def hr_in_admin(world):
    world.hr.is_staff = True
    world.hr.save()
    client = Client()
    client.force_login(world.hr)
    return client


def test_the_admin_refuses_a_control_character_in_a_units_or_a_rounds_name(hr_in_admin, world):
    unit = world.unit
    response = hr_in_admin.post(
        reverse("admin:units_unit_change", args=[unit.pk]),
        {
            "name": "Børnehaven\nSpiren",
            "code": unit.code or "",
            "kind": unit.kind,
            "parent": unit.parent_id,
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "usynligt kontroltegn" in response.content.decode()
    unit.refresh_from_db()
    assert unit.name == "Egen enhed"

    survey = factory.survey_round(world.organisation, name="Trivsel 2026")
    response = hr_in_admin.post(
        reverse("admin:surveys_round_change", args=[survey.pk]),
        {"name": "Trivsel\x1b 2026", "organisation": world.organisation.pk},
    )
    assert response.status_code == 200
    assert "usynligt kontroltegn" in response.content.decode()
    survey.refresh_from_db()
    assert survey.name == "Trivsel 2026"
