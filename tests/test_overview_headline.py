"""Monday morning: HR opens the overview of a round and reads at the top how many days are
left to the plans' deadline, how many units have no plan, how many activities are overdue and
where krænkelser are reported with no plan for them — each number a link to exactly those
units. Every unit's row names its leader and trio with a mail link (issue 23, item 3)."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from actionplans import queries
from actionplans.models import Stage
from units import permissions
from units.models import Role, Unit
from workshops.models import Theme, Workshop

from . import factory
from .test_overview import TODAY, page

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(world):
    return factory.survey_round(
        world.organisation,
        survey_opens=TODAY - datetime.timedelta(days=60),
        action_plan_deadline=TODAY + datetime.timedelta(days=9),
    )


@pytest.fixture
def monday(world, round_):
    """Seven workplaces and a team in two departments, and the organisation's own report:

    - without a plan: Anden enhed, Bageriet, Cykelværkstedet (a team), Dagplejen
    - overdue: Egen enhed (2 activities late), Elevatorteamet (1 late; a dropped one is not)
    - krænkelser: Egen enhed (pink post-it, no plan for its theme), Dagplejen (the report),
      Fiskehuset (pink post-it, and a plan for that theme) → two without a plan
    """
    roads = factory.unit("Vej og park", parent=world.organisation, kind=Unit.Kind.DEPARTMENT)
    late = TODAY - datetime.timedelta(days=3)
    factory.survey_report(world.organisation, round_=round_)  # no plan expected of it

    own = factory.action_plan(world.unit, round=round_, title="Arbejdsro")
    factory.activity(own, deadline=late, stage=Stage.PLANNED)
    factory.activity(own, deadline=late, stage=Stage.UNDER_WAY)
    factory.activity(own, deadline=TODAY + datetime.timedelta(days=5))
    workshop = _held_workshop(world.unit, round_)
    factory.pink_note(workshop, text="Krænkende tone", harassment=True)

    factory.unit("Bageriet", parent=roads)
    factory.unit("Cykelværkstedet", parent=world.unit, kind=Unit.Kind.TEAM)
    dagplejen = factory.unit("Dagplejen", parent=roads)
    factory.survey_report(dagplejen, round_=round_, respondents=12, harassment_count=3)

    elevator = factory.unit("Elevatorteamet", parent=roads)
    plan = factory.action_plan(elevator, round=round_, title="Værktøj")
    factory.activity(plan, deadline=late, stage=Stage.PLANNED)
    factory.activity(plan, deadline=late, stage=Stage.DROPPED)
    factory.activity(plan, deadline=late, stage=Stage.DONE)

    fisk = factory.unit("Fiskehuset", parent=roads)
    fisk_workshop = _held_workshop(fisk, round_)
    theme = Theme.objects.create(workshop=fisk_workshop, title="Tonen", chosen=True)
    factory.pink_note(fisk_workshop, text="Råben", harassment=True, theme=theme)
    factory.action_plan(fisk, round=round_, title="Tonen", theme=theme, workshop=fisk_workshop)
    return roads


def _held_workshop(unit, round_):
    workshop = factory.prepared_workshop(unit)
    Workshop.objects.filter(pk=workshop.pk).update(
        round=round_, date=TODAY - datetime.timedelta(days=7)
    )
    workshop.refresh_from_db()
    return workshop


def names(response):
    return sorted(row.name for row in response.context["page"].object_list)


def text_of(response) -> str:
    """The page's words as a reader hears them: tags out, spaces folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def headline_links(response):
    html = response.content.decode()
    section = html[html.index('class="overview-headline"') : html.index("</section>")]
    return {
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)).strip(): unescape(href)
        for href, text in re.findall(r'<a href="([^"]+)">(.*?)</a>', section, re.S)
    }


def test_the_headline_counts_days_missing_plans_overdue_and_harassment_without_a_plan(
    client, world, round_, monday
):
    response = page(client, world.hr, round_)
    headline = response.context["headline"]
    assert headline.days_left == 9
    assert headline.without_plan == 4
    assert (headline.overdue_activities, headline.units_with_overdue) == (3, 2)
    assert headline.harassment_without_plan == 2
    assert "9 dage til deadline for handleplaner" in text_of(response)


def test_each_headline_number_links_to_exactly_those_units(client, world, round_, monday):
    links = headline_links(page(client, world.hr, round_))
    path = reverse("actionplans:overview", args=[round_.pk])
    assert links == {
        "4 enheder uden handleplan": f"{path}?mangler=on",
        "3 forsinkede aktiviteter i 2 enheder": f"{path}?forsinket=on",
        "2 enheder med krænkelser uden handleplan": f"{path}?kraenkelse=uden-plan",
    }
    assert names(client.get(links["4 enheder uden handleplan"])) == [
        "Anden enhed",
        "Bageriet",
        "Cykelværkstedet",
        "Dagplejen",
    ]
    assert names(client.get(f"{path}?forsinket=on")) == ["Egen enhed", "Elevatorteamet"]
    assert names(client.get(f"{path}?kraenkelse=uden-plan")) == ["Dagplejen", "Egen enhed"]
    # every krænkelse reported, with a plan or not, is still one choice away
    assert names(client.get(f"{path}?kraenkelse=on")) == ["Dagplejen", "Egen enhed", "Fiskehuset"]


def test_a_plan_tagged_with_the_surveys_krænkelse_theme_counts_as_a_plan_for_it(
    client, world, round_, monday
):
    dagplejen = Unit.objects.get(name="Dagplejen")
    factory.action_plan(dagplejen, round=round_, survey_themes=["Krænkende adfærd"])
    response = page(client, world.hr, round_)
    assert response.context["headline"].harassment_without_plan == 1
    rows = {row.name: row for row in response.context["page"].object_list}
    assert rows["Dagplejen"].kraenkelse_planned and not rows["Egen enhed"].kraenkelse_planned


def test_krænkelse_rows_say_whether_a_plan_exists_for_it(client, world, round_, monday):
    html = page(client, world.hr, round_, kraenkelse="on").content.decode()
    assert html.count("Ingen handleplan for krænkelser") == 2
    assert html.count("Handleplan for krænkelser findes") == 1


def test_meds_headline_counts_only_their_department(client, world, round_, monday):
    headline = page(client, world.med, round_).context["headline"]
    assert (headline.without_plan, headline.overdue_activities) == (2, 2)
    assert headline.harassment_without_plan == 1


def test_without_a_deadline_the_headline_says_so(client, world):
    round_ = factory.survey_round(world.organisation, action_plan_deadline=None)
    html = page(client, world.hr, round_).content.decode()
    assert "Ingen deadline for handleplaner" in html


def test_each_row_names_the_leader_and_the_trio_with_mail_links(client, world, round_):
    factory.user(
        "lone",
        role=Role.LEADER,
        unit=world.other_unit,
        first_name="Lone",
        last_name="Berg",
        email="lone@example.org",
    )
    world.other_leader.is_active = False  # a closed account is not named
    world.other_leader.save()

    response = page(client, world.hr, round_)
    rows = {row.name: row for row in response.context["page"].object_list}
    own = rows["Egen enhed"]
    assert [c.role for c in own.contacts] == [Role.LEADER, Role.TR, Role.AMR]
    assert rows["Anden enhed"].leader.name == "Lone Berg"
    assert [c.name for c in rows["Anden enhed"].contacts] == ["Lone Berg"]
    html = response.content.decode()
    assert 'Leder: <a href="mailto:lone@example.org">Lone Berg</a>' in html


def test_a_hostile_name_or_address_in_a_contact_is_text(client, world, round_):
    person = factory.user("evil", role=Role.LEADER, unit=world.other_unit, first_name="<b>Eva</b>")
    person.email = 'x@example.org"><script>'
    person.save()
    html = page(client, world.hr, round_).content.decode()
    assert "<b>Eva</b>" not in html and "&lt;b&gt;Eva&lt;/b&gt;" in html
    assert '"><script>' not in html


def test_the_rows_read_the_trios_in_one_query_however_many_units(world, round_, monday):
    """The contacts cost one query: 3 trios or 40, the row query count stays 8."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    units = permissions.units_for(world.hr)
    for unit in factory.many_units(world.department, 40):
        factory.trio(unit)
    with CaptureQueriesContext(connection) as captured:
        rows = queries.overview_rows(round_, units)
    assert sum(len(row.contacts) for row in rows) == 41 * 3 + 1
    assert len(captured) == 8
