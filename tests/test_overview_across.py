"""Across units: what recurs, IGLO, the items raised to MED and HR, and whether the scores
moved after a plan (issue 12, item 2)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans.models import Level, RaisedItem
from workshops.models import Factor, Workshop

from . import factory

TODAY = datetime.date.today()


@pytest.fixture
def round_(world):
    return factory.survey_round(
        world.organisation, survey_opens=TODAY - datetime.timedelta(days=90)
    )


def across(client, user, round_, **params):
    client.force_login(user)
    return client.get(reverse("actionplans:across", args=[round_.pk]), params)


def test_themes_most_units_share_come_first_whatever_the_spelling(client, world, round_):
    third = factory.unit("Tredje enhed", parent=world.department)
    factory.action_plan(world.unit, round=round_, title="Støj i frokoststuen")
    factory.action_plan(world.other_unit, round=round_, title="støj i  frokoststuen")
    factory.action_plan(third, round=round_, title="Møder der starter til tiden")
    factory.action_plan(
        third, round=round_, title="Arbejdspres", survey_themes=["Mit arbejde – krav og balance"]
    )

    response = across(client, world.hr, round_)
    titles = response.context["titles"]
    assert (titles[0].label, titles[0].units) == ("Støj i frokoststuen", 2)
    assert [(t.label, t.units) for t in response.context["survey_themes"]] == [
        ("Mit arbejde – krav og balance", 1)
    ]


def test_plan_themes_in_other_words_count_as_one_the_most_used_wording_names_it(
    client, world, round_
):
    """Inflection, case, word order and small words aside, the units work on the same."""
    third = factory.unit("Tredje enhed", parent=world.department)
    fourth = factory.unit("Fjerde enhed", parent=world.department)
    factory.action_plan(world.unit, round=round_, title="Støjen i frokoststuerne")
    factory.action_plan(world.other_unit, round=round_, title="Støj i frokoststuen")
    factory.action_plan(third, round=round_, title="støj i  FROKOSTSTUEN")
    factory.action_plan(fourth, round=round_, title="Frokoststue-støj")
    factory.action_plan(fourth, round=round_, title="Møderne starter til tiden")
    factory.action_plan(third, round=round_, title="Møder der starter til tiden")
    factory.action_plan(third, round=round_, title="Mødekultur")

    response = across(client, world.hr, round_)
    titles = {t.label: t for t in response.context["titles"]}
    noise = titles["Støj i frokoststuen"]
    assert (noise.units, noise.plans) == (4, 4)
    assert sorted(noise.variants) == ["Frokoststue-støj", "Støjen i frokoststuerne"]
    meetings = titles["Møderne starter til tiden"]
    assert (meetings.units, meetings.variants) == (2, ["Møder der starter til tiden"])
    assert titles["Mødekultur"].units == 1
    assert len(titles) == 3
    assert "Også skrevet som:" in response.content.decode()


def test_the_danish_key_folds_inflection_and_stop_words_not_meaning():
    from actionplans.wording import theme_key

    assert theme_key("Støjen i frokoststuerne") == theme_key("frokoststue – STØJ")
    assert theme_key("Arbejdsro") != theme_key("Arbejdspres")
    assert theme_key("og i") == ("i", "og")  # only small words: kept, not emptied


def test_the_postcards_factors_are_counted_never_their_texts(client, world, round_):
    workshop = factory.prepared_workshop(world.unit)
    Workshop.objects.filter(pk=workshop.pk).update(round=round_)
    factory.pink_note(workshop, text="Hemmelig tekst", factor=Factor.DEMANDS)
    factory.pink_note(workshop, text="Godt", factor=Factor.DEMANDS, kind="good")

    response = across(client, world.hr, round_)
    demands = next(f for f in response.context["factors"] if f.factor == Factor.DEMANDS)
    assert (demands.good, demands.change, demands.units) == (1, 1, 1)
    assert "Hemmelig tekst" not in response.content.decode()


def test_iglo_levels_count_activities_and_units(client, world, round_):
    plan = factory.action_plan(world.unit, round=round_)
    factory.activity(plan, level=Level.ORGANISATION)
    factory.activity(plan, level=Level.ORGANISATION)
    factory.activity(factory.action_plan(world.other_unit, round=round_), level=Level.GROUP)

    levels = {c.level: c for c in across(client, world.hr, round_).context["levels"]}
    assert (levels[Level.ORGANISATION].activities, levels[Level.ORGANISATION].units) == (2, 1)
    assert (levels[Level.GROUP].activities, levels[Level.INDIVIDUAL].activities) == (1, 0)


def test_items_raised_show_their_acknowledgement_within_the_med_scope(client, world, round_):
    elsewhere = factory.unit("Vej og park", parent=world.organisation, kind="department")
    foreign = factory.unit("Materielgården", parent=elsewhere)
    RaisedItem.objects.create(unit=world.unit, round=round_, title="Flere hænder i ferien")
    RaisedItem.objects.create(
        unit=world.other_unit,
        round=round_,
        title="<script>alert(1)</script>",
        status=RaisedItem.Status.ACKNOWLEDGED,
    )
    RaisedItem.objects.create(unit=foreign, round=round_, title="Nyt værksted")

    response = across(client, world.med, round_)
    html = response.content.decode()
    assert "Flere hænder i ferien" in html and "Nyt værksted" not in html
    assert "&lt;script&gt;" in html and "<script>alert" not in html
    assert [count for _v, _l, count in response.context["raised_counts"]] == [1, 1, 0]
    assert "Nyt værksted" in across(client, world.hr, round_).content.decode()


def test_the_score_before_and_after_for_a_tagged_plan(client, world, round_):
    theme = "Mit arbejde – krav og balance"
    later = factory.survey_round(world.organisation, survey_opens=TODAY)
    factory.survey_report(world.unit, round_=round_, scores={theme: (55, 70)})
    factory.survey_report(world.unit, round_=later, scores={theme: (68, 70)})
    factory.action_plan(world.unit, round=round_, title="Arbejdspres", survey_themes=[theme])

    response = across(client, world.hr, round_)
    (effect,) = response.context["effects"]
    assert (effect.before, effect.after, effect.change) == (55, 68, 13)
    assert "steget 13" in response.content.decode()


def test_no_score_below_the_anonymity_threshold_before_or_after(client, world, round_):
    theme = "Mit arbejde – krav og balance"
    later = factory.survey_round(world.organisation, survey_opens=TODAY)
    factory.survey_report(world.unit, round_=round_, scores={theme: (55, 70)})
    factory.survey_report(world.unit, round_=later, respondents=3, scores={theme: (41.3, 70)})
    factory.action_plan(world.unit, round=round_, survey_themes=[theme])

    response = across(client, world.hr, round_)
    (effect,) = response.context["effects"]
    assert (effect.before, effect.after, effect.change) == (55, None, None)
    assert "41.3" not in response.content.decode() and "41,3" not in response.content.decode()


def test_without_a_later_round_the_page_says_what_will_come(client, world, round_):
    response = across(client, world.hr, round_)
    assert "Der er ingen senere måling endnu" in response.content.decode()


def test_the_across_page_is_for_hr_and_med(client, world, round_):
    assert across(client, world.leader, round_).status_code == 403


def test_the_across_page_reads_a_fixed_number_of_queries(client, world, round_):
    def count():
        client.force_login(world.hr)
        url = reverse("actionplans:across", args=[round_.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    units = factory.many_units(world.department, 10)
    factory.plans_with_activities(units, round_, activities_per_plan=2)
    small = count()
    units = factory.many_units(world.department, 200)
    factory.plans_with_activities(units, round_, activities_per_plan=2)
    assert count() == small
