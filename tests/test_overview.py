"""HR and MED follow every unit's plans in one overview per round (issue 12, item 1)."""

import datetime
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans import queries
from actionplans.models import Stage
from surveys.models import Colour
from units import permissions
from units.models import Unit
from workshops.models import Workshop

from . import factory

TODAY = datetime.date.today()


@pytest.fixture
def round_(world):
    return factory.survey_round(
        world.organisation,
        survey_opens=TODAY - datetime.timedelta(days=60),
        action_plan_deadline=TODAY + datetime.timedelta(days=10),
    )


def page(client, user, round_, **params):
    client.force_login(user)
    return client.get(reverse("actionplans:overview", args=[round_.pk]), params)


def names(response):
    return [row.name for row in response.context["page"].object_list]


def test_hr_sees_each_unit_with_its_report_workshop_plans_and_arrow(client, world, round_):
    factory.survey_report(world.unit, round_=round_, colour=Colour.RED, respondents=12)
    Workshop.objects.filter(pk=factory.prepared_workshop(world.unit).pk).update(
        round=round_, date=TODAY - datetime.timedelta(days=5)
    )
    plan = factory.action_plan(world.unit, round=round_)
    holder = factory.tovholder(world.unit)
    factory.activity(plan, stage=Stage.DONE, tovholder=holder, deadline=TODAY)
    factory.activity(plan, stage=Stage.UNDER_WAY, deadline=TODAY - datetime.timedelta(days=1))
    factory.activity(plan, stage=Stage.DROPPED, deadline=TODAY - datetime.timedelta(days=9))

    response = page(client, world.hr, round_)

    rows = {row.name: row for row in response.context["page"].object_list}
    own = rows["Egen enhed"]
    assert own.colour == Colour.RED and own.scores_visible
    assert own.workshop_held and own.workshop_date == TODAY - datetime.timedelta(days=5)
    assert (own.plans, own.plans_made, own.activities, own.overdue) == (1, 1, 3, 1)
    assert own.stages == {Stage.DONE: 1, Stage.UNDER_WAY: 1, Stage.DROPPED: 1}
    assert rows["Anden enhed"].plan_missing and rows["Anden enhed"].days_left == 10
    html = response.content.decode()
    assert (
        "Rød" in html and "Afholdt" in html and "Mangler" in html and "10 dage til deadline" in html
    )
    assert reverse("unit_detail", args=[world.unit.pk]) in html


def test_med_sees_only_the_units_below_their_department(client, world, round_):
    elsewhere = factory.unit("Fremmed afdeling", parent=world.organisation, kind="department")
    factory.unit("Fremmed enhed", parent=elsewhere)

    assert "Fremmed enhed" in names(page(client, world.hr, round_))
    assert sorted(names(page(client, world.med, round_))) == ["Anden enhed", "Egen enhed"]


def test_the_trio_and_a_stranger_have_no_overview(client, world, round_):
    assert page(client, world.leader, round_).status_code == 403
    assert page(client, world.stranger, round_).status_code == 403


def test_a_unit_below_the_anonymity_threshold_shows_no_colour_and_no_colour_filter_finds_it(
    client, world, round_
):
    factory.survey_report(world.unit, round_=round_, respondents=3, colour=Colour.RED)

    response = page(client, world.hr, round_)
    (own,) = [row for row in response.context["page"].object_list if row.name == "Egen enhed"]
    assert own.colour is None and own.track is None and not own.scores_visible
    assert "Skjult – for få svar" in response.content.decode()
    assert "colour--red" not in response.content.decode()
    assert names(page(client, world.hr, round_, farve="red")) == []
    assert "Egen enhed" in names(page(client, world.hr, round_, farve="hidden"))


def test_harassment_counts_from_a_pink_post_it_or_a_shown_report_never_a_hidden_one(
    client, world, round_
):
    third = factory.unit("Tredje enhed", parent=world.department)
    workshop = factory.prepared_workshop(world.unit)
    Workshop.objects.filter(pk=workshop.pk).update(round=round_)
    factory.pink_note(workshop, harassment=True)
    factory.survey_report(world.other_unit, round_=round_, respondents=12, harassment_count=2)
    factory.survey_report(third, round_=round_, respondents=2, harassment_count=2)

    assert sorted(names(page(client, world.hr, round_, kraenkelse="on"))) == [
        "Anden enhed",
        "Egen enhed",
    ]


def test_filters_for_department_missing_plan_overdue_and_search(client, world, round_):
    other_department = factory.unit("Vej og park", parent=world.organisation, kind="department")
    factory.unit("Materielgården", parent=other_department, code="VP-1")
    plan = factory.action_plan(world.unit, round=round_)
    factory.activity(plan, deadline=TODAY - datetime.timedelta(days=2))

    hr = world.hr
    assert names(page(client, hr, round_, afdeling=other_department.pk)) == ["Materielgården"]
    assert sorted(names(page(client, hr, round_, mangler="on"))) == [
        "Anden enhed",
        "Materielgården",
    ]
    assert names(page(client, hr, round_, forsinket="on")) == ["Egen enhed"]
    assert names(page(client, hr, round_, q="materiel")) == ["Materielgården"]
    assert names(page(client, hr, round_, q="vp-1")) == ["Materielgården"]


def test_a_bad_filter_is_said_in_danish_and_the_others_still_apply(client, world, round_):
    response = page(client, world.hr, round_, afdeling="99999", q="anden")
    assert names(response) == ["Anden enhed"]
    assert "Marker en gyldig valgmulighed" in response.content.decode()


def test_sorting_by_overdue_and_back(client, world, round_):
    plan = factory.action_plan(world.other_unit, round=round_)
    factory.activity(plan, deadline=TODAY - datetime.timedelta(days=2))
    assert names(page(client, world.hr, round_, sorter="forsinket"))[0] == "Anden enhed"
    assert names(page(client, world.hr, round_, sorter="-forsinket"))[-1] == "Anden enhed"
    assert names(page(client, world.hr, round_, sorter="navn")) == ["Anden enhed", "Egen enhed"]


def hrefs(response, selector_text):
    """The addresses of the links whose text is `selector_text`, as a browser reads them."""
    html = response.content.decode()
    found = re.findall(r'<a href="([^"]*)"[^>]*>' + re.escape(selector_text) + "</a>", html)
    return [unescape(href) for href in found]


def test_a_column_heading_sorts_and_a_second_click_reverses_keeping_the_filters(
    client, world, round_
):
    factory.unit("Aalborghus", parent=world.department)
    factory.unit("Zoneteam", parent=world.department)
    plan = factory.action_plan(world.unit, round=round_)
    factory.activity(plan, deadline=TODAY - datetime.timedelta(days=2))

    first = page(client, world.hr, round_, mangler="on")
    (by_name,) = hrefs(first, "Enhed")
    path = reverse("actionplans:overview", args=[round_.pk])
    assert by_name == f"{path}?mangler=on&sorter=navn"
    followed = client.get(by_name)
    assert names(followed) == ["Aalborghus", "Anden enhed", "Zoneteam"]
    # the heading now sorted by says so, and offers the reverse order
    assert 'aria-sort="ascending"><a href="' + path in followed.content.decode()
    (reverse_link,) = hrefs(followed, "Enhed")
    assert reverse_link == f"{path}?mangler=on&sorter=-navn"
    assert names(client.get(reverse_link)) == ["Zoneteam", "Anden enhed", "Aalborghus"]


def test_paging_keeps_the_filters_and_the_sort_and_sorting_starts_on_page_one(
    client, world, round_
):
    factory.many_units(world.department, 60)
    first = page(client, world.hr, round_, mangler="on", sorter="-navn")
    path = reverse("actionplans:overview", args=[round_.pk])
    (next_page,) = hrefs(first, "Næste")
    assert next_page == f"{path}?mangler=on&sorter=-navn&side=2"
    second = client.get(next_page)
    assert len(names(second)) == 12 and names(second)[-1] == "Anden enhed"
    (previous,) = hrefs(second, "Forrige")
    assert previous == f"{path}?mangler=on&sorter=-navn&side=1"
    (by_name,) = hrefs(second, "Enhed")
    assert by_name == f"{path}?mangler=on&sorter=navn"  # a new order starts on page one


def test_totals_per_department_count_the_filtered_units(client, world, round_):
    other_department = factory.unit("Vej og park", parent=world.organisation, kind="department")
    factory.unit("Materielgården", parent=other_department)
    plan = factory.action_plan(world.unit, round=round_)
    factory.activity(plan, stage=Stage.PLANNED)

    response = page(client, world.hr, round_)
    totals = {t.name: t for t in response.context["per_department"]}
    assert (totals["Testafdeling"].units, totals["Testafdeling"].missing) == (2, 1)
    assert totals["Testafdeling"].stages == {Stage.PLANNED: 1}
    assert (totals["Vej og park"].units, totals["Vej og park"].missing) == (1, 1)
    assert response.context["overall"].units == 3
    filtered = page(client, world.hr, round_, afdeling=other_department.pk)
    assert [t.name for t in filtered.context["per_department"]] == ["Vej og park"]


def test_long_lists_are_paginated_and_keep_the_filters(client, world, round_):
    factory.many_units(world.department, 60)
    response = page(client, world.hr, round_, mangler="on")
    assert len(response.context["page"].object_list) == 50
    html = response.content.decode()
    assert "mangler=on&amp;side=2" in html
    second = page(client, world.hr, round_, mangler="on", side=2)
    assert len(second.context["page"].object_list) == 12


def test_an_htmx_filter_answers_with_the_results_only(client, world, round_):
    client.force_login(world.hr)
    response = client.get(
        reverse("actionplans:overview", args=[round_.pk]), {"q": "egen"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="overview-results"')
    assert "<form" not in html and "Egen enhed" in html
    assert "HX-Request" in response["Vary"]


def test_a_hostile_unit_name_is_shown_as_text(client, world, round_):
    factory.unit("<script>alert(1)</script>", parent=world.department)
    html = page(client, world.hr, round_).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_overview_link_takes_hr_and_med_to_the_newest_round(client, world, round_):
    newer = factory.survey_round(world.organisation, survey_opens=TODAY)
    client.force_login(world.med)
    response = client.get(reverse("actionplans:overview_index"))
    assert response.url == reverse("actionplans:overview", args=[newer.pk])
    home = client.get(reverse("home")).content.decode()
    assert reverse("actionplans:overview_index") in home
    client.force_login(world.leader)
    assert reverse("actionplans:overview_index") not in client.get(reverse("home")).content.decode()


def test_without_a_round_the_overview_says_so(client, world):
    client.force_login(world.hr)
    response = client.get(reverse("actionplans:overview_index"))
    assert "Der er ingen måling endnu" in response.content.decode()


def test_a_round_of_another_organisation_is_not_found(client, world, round_):
    foreign = factory.survey_round(factory.unit("Anden kommune"))
    client.force_login(world.med)
    assert client.get(reverse("actionplans:overview", args=[foreign.pk])).status_code == 404


def _overview_queries(client, user, round_):
    client.force_login(user)
    url = reverse("actionplans:overview", args=[round_.pk])
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"sorter": "farve"})
    assert response.status_code == 200
    return len(captured)


def _populate(world, round_, count):
    units = factory.many_units(world.department, count)
    factory.plans_with_activities(units[: count // 4], round_, activities_per_plan=10)
    for made in units[:3]:
        factory.survey_report(made, round_=round_)
        Workshop.objects.filter(pk=factory.prepared_workshop(made).pk).update(round=round_)


def test_the_overview_takes_the_same_number_of_queries_at_20_and_at_2000_units(
    client, world, round_
):
    """20 units, then 2,000 (a quarter with a plan of ten activities, some with a report
    and a workshop): the page reads the same number of queries."""
    _populate(world, round_, 18)
    small = _overview_queries(client, world.hr, round_)
    _populate(world, round_, 1980)
    assert Unit.objects.filter(kind="workplace").count() == 2000
    assert _overview_queries(client, world.hr, round_) == small
    assert small <= 14, small


def test_the_row_query_is_shared_and_counts_its_own_queries(world, round_):
    """queries.overview_rows reads in 8 queries whatever the scope (for the exports too)."""
    factory.many_units(world.department, 30)
    units = permissions.units_for(world.hr)
    with CaptureQueriesContext(connection) as captured:
        rows = queries.overview_rows(round_, units)
    assert len(rows) == 32
    assert len(captured) == 8, [q["sql"][:80] for q in captured]


def test_only_units_that_hold_workshops_miss_a_plan_not_the_organisation_or_a_department(
    client, world, round_
):
    """The organisation's and the department's own reports give them a row; they hold no
    trivselsdialog, so they are never «Mangler», never in the filter, never in the totals."""
    factory.survey_report(world.organisation, round_=round_)
    factory.survey_report(world.department, round_=round_)
    factory.unit("Natteamet", parent=world.unit, kind=Unit.Kind.TEAM)
    factory.action_plan(world.unit, round=round_)

    response = page(client, world.hr, round_)
    rows = {row.name: row for row in response.context["page"].object_list}
    assert {"Testkommune", "Testafdeling"} <= rows.keys()
    assert not rows["Testkommune"].plan_missing and not rows["Testafdeling"].plan_missing
    assert rows["Natteamet"].plan_missing and rows["Anden enhed"].plan_missing
    assert response.context["overall"].missing == 2
    assert sorted(names(page(client, world.hr, round_, mangler="on"))) == [
        "Anden enhed",
        "Natteamet",
    ]
    html = response.content.decode()
    department_row = html[html.index(">Testafdeling</a>") :]
    department_row = department_row[: department_row.index("</tr>")]
    assert "Skrives i enhederne" in department_row and "Mangler" not in department_row
