"""One way to write a date (trivsel/formats/da/formats.py, docs/decisions.md): the
long form "4. december 2026" in text and headings, the short form "4.12.2026" in tables and
one-line metadata; never a leading zero, a hyphen or an abbreviated month ("10. Mar 2027",
"1. Sept", "01-09-2026"). And <time datetime> holds a valid HTML value (no microseconds)."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from actionplans.actions import move_stage
from actionplans.exports import pdf as pdfs

from . import factory
from .test_export_pdf import pdf_text

MONTHS = {
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
}  # fmt: skip
NUMERIC = re.compile(r"(?<![\w.:-])\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(?![\w.-]*\d)")
SHORT = re.compile(r"^[1-9]\d?\.[1-9]\d?\.\d{4}$")
DAY_AND_WORD = re.compile(r"(?<![\d.])([0-3]?\d)\. ?([A-Za-zæøåÆØÅ]+)\.?(?: (\d{4}))?")
MONTHISH = re.compile(r"^(jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)", re.IGNORECASE)
TIME_VALUE = re.compile(
    r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$"
)


def date_faults(text: str) -> list[str]:
    faults = [found for found in NUMERIC.findall(text) if not SHORT.match(found)]
    for match in DAY_AND_WORD.finditer(text):
        day, word, year = match.groups()
        if not MONTHISH.match(word):
            continue  # "2. opfølgning", "1. Hvad ønsker vi…"
        if word not in MONTHS or day.startswith("0"):
            faults.append(match.group(0))
    return faults


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


@pytest.fixture
def year(world):
    """A unit's year: a workshop held 4 December 2026, a plan with follow-ups, an activity
    with a deadline of 1 September 2027 that its tovholder has moved, and a board link."""
    round_ = factory.survey_round(
        world.organisation, name="Måling 2026", action_plan_deadline=datetime.date(2027, 3, 10)
    )
    workshop = factory.summary_workshop(world.unit)
    workshop.date, workshop.round = datetime.date(2026, 12, 4), round_
    workshop.save(update_fields=["date", "round"])
    plan = workshop.plans.get()
    plan.round = round_
    plan.follow_up_first = datetime.date(2027, 3, 10)
    plan.follow_up_second = datetime.date(2027, 6, 10)
    plan.save()
    holder = factory.tovholder_with_link(world.unit, name="Ida Holm")
    activity = factory.activity(
        plan, what="Stille hjørne", tovholder=holder, deadline=datetime.date(2027, 9, 1)
    )
    move_stage(activity, "under_way", by_name=holder.name, comment="Bestilt")
    return {"workshop": workshop, "plan": plan, "holder": holder, "round": round_}


def test_pages_pdfs_and_the_board_write_dates_one_way(client, world, year):
    client.force_login(world.hr)
    workshop, plan = year["workshop"], year["plan"]
    pages = {
        "unit page": reverse("unit_detail", args=[world.unit.pk]),
        "plans": reverse("actionplans:plan_list", args=[world.unit.pk]),
        "plan": reverse("actionplans:plan_detail", args=[plan.pk]),
        "workshop": reverse("workshops:workshop_detail", args=[workshop.pk]),
        "overview": reverse("actionplans:overview", args=[year["round"].pk]),
    }
    texts = {name: visible_text(client.get(url).content.decode()) for name, url in pages.items()}
    anyone = Client()
    texts["tovholder"] = visible_text(
        anyone.get(reverse("tovholder_page", args=[year["holder"].token])).content.decode()
    )
    board = reverse("staff_board", args=[factory.board_link(world.unit).token])
    texts["board"] = visible_text(anyone.get(board).content.decode())
    texts["summary PDF"] = pdf_text(pdfs.workshop_summary_pdf(workshop))
    texts["unit PDF"] = pdf_text(pdfs.unit_plans_pdf(world.unit, [plan], round_=year["round"]))
    for name, text in texts.items():
        assert date_faults(text) == [], name
    assert "1. september 2027" in texts["plan"]
    assert "1.9.2027" in texts["unit PDF"] and "1.9.2027" in texts["board"]  # one-line forms
    assert "10. marts 2027" in texts["unit page"]  # the next follow-up
    assert "fredag den 4. december 2026" in texts["workshop"]


def test_time_elements_hold_valid_html_values(client, world, year):
    client.force_login(world.leader)
    html = client.get(reverse("actionplans:plan_detail", args=[year["plan"].pk])).content.decode()
    html += Client().get(reverse("tovholder_page", args=[year["holder"].token])).content.decode()
    values = re.findall(r'<time datetime="([^"]*)"', html)
    assert values and all(TIME_VALUE.match(value) for value in values), values


def test_the_rule_itself_catches_the_four_old_forms():
    old = "10.12.2026 · 04.12.2026 · 01-09-2026 · 10. Mar 2027 · 1. Sept · 19. november 2026"
    assert date_faults(old) == ["04.12.2026", "01-09-2026", "10. Mar 2027", "1. Sept"]
