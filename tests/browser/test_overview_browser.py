"""HR filters the overview of a round in the browser (issue 12): the results change in place,
the address keeps the filters, and the page holds on a phone and a laptop."""

import datetime

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from actionplans.models import Stage
from surveys.models import Colour
from tests import factory
from units.models import Role, Unit
from workshops.models import Workshop

from .conftest import log_in

TODAY = datetime.date.today()


@pytest.fixture
def organisation(transactional_db):
    call_command("load_methods", verbosity=0)  # a transactional test starts without them
    org = factory.unit("Albertslund Kommune", code="AK")
    children = factory.unit("Børn og Unge", parent=org, kind=Unit.Kind.DEPARTMENT)
    roads = factory.unit("Vej og Park", parent=org, kind=Unit.Kind.DEPARTMENT)
    round_ = factory.survey_round(
        org,
        name="Trivselsmåling og APV 2026",
        survey_opens=TODAY - datetime.timedelta(days=60),
        action_plan_deadline=TODAY + datetime.timedelta(days=12),
    )
    spiren = factory.unit("Børnehaven Spiren", parent=children, code="BU-01")
    factory.survey_report(spiren, round_=round_, colour=Colour.RED)
    Workshop.objects.filter(pk=factory.prepared_workshop(spiren).pk).update(
        round=round_, date=TODAY - datetime.timedelta(days=8)
    )
    plan = factory.action_plan(spiren, round=round_, title="Støj i frokoststuen")
    holder = factory.tovholder(spiren, email="mette@example.org")
    for stage, days in ((Stage.DONE, -20), (Stage.UNDER_WAY, -2), (Stage.PLANNED, 14)):
        factory.activity(
            plan, stage=stage, tovholder=holder, deadline=TODAY + datetime.timedelta(days=days)
        )
    small = factory.unit("Dagplejen Øst", parent=children, code="BU-02")
    factory.survey_report(small, round_=round_, respondents=3)
    factory.unit("Materielgården", parent=roads, code="VP-01")
    for n in range(4):
        factory.unit(f"Vejteam {n + 1}", parent=roads, code=f"VP-1{n}")
    factory.user("hr", role=Role.HR, unit=org, first_name="Hanne")
    return round_


def test_hr_filters_the_overview_and_the_page_holds_on_laptop_and_phone(
    live_server, organisation, new_page, screenshot
):
    page = new_page("laptop")
    log_in(page, live_server, "hr", factory.PASSWORD)
    page.get_by_role("link", name="Overblik").click()
    expect(page.get_by_role("heading", name="Overblik over handleplaner")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="vises")).to_contain_text("7 enheder af 7")
    table = page.locator(".overview-table").first
    expect(table).to_contain_text("Skjult – for få svar")
    expect(table).to_contain_text("Rød")
    screenshot(page, "overview-hr-laptop")

    page.get_by_label("Kun enheder uden handleplan").check()
    expect(page.get_by_role("status").filter(has_text="vises")).to_contain_text("6 enheder af 7")
    assert "mangler=on" in page.url
    page.get_by_role("combobox", name="Afdeling").select_option(label="Vej og Park")
    expect(page.get_by_role("status").filter(has_text="vises")).to_contain_text("5 enheder af 7")
    expect(table).not_to_contain_text("Børnehaven Spiren")

    page.get_by_role("link", name="Nulstil").click()
    page.get_by_label("Enhed (navn eller kode)").fill("spiren")
    page.get_by_label("Enhed (navn eller kode)").press("Enter")
    expect(page.get_by_role("status").filter(has_text="vises")).to_contain_text("1 enhed af 7")
    expect(table).to_contain_text("I gang: 1")
    expect(table).to_contain_text("Forsinkede")
    screenshot(page, "overview-hr-laptop-filtered")

    page.get_by_role("link", name="Børnehaven Spiren").click()
    expect(page.get_by_role("heading", name="Børnehaven Spiren", level=1)).to_be_visible()


def test_the_overview_and_across_pages_fit_a_phone(live_server, organisation, new_page, screenshot):
    page = new_page("phone")
    log_in(page, live_server, "hr", factory.PASSWORD)
    page.goto(f"{live_server.url}/handleplaner/overblik/{organisation.pk}/?forsinket=on")
    expect(page.get_by_role("status").filter(has_text="vises")).to_contain_text("1 enhed af 7")
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    screenshot(page, "overview-hr-phone")
    page.get_by_role("link", name="På tværs af enhederne").click()
    expect(page.get_by_role("heading", name="IGLO-niveauer")).to_be_visible()
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    screenshot(page, "overview-across-phone")
    page.set_viewport_size({"width": 1366, "height": 768})
    screenshot(page, "overview-across-laptop")


WITHOUT_PLAN = ["Dagplejen Vest", "Rengøringen", "Ungdomsskolen"]


@pytest.fixture
def municipality(transactional_db):
    """Twenty workplaces in three departments, each with a leader, a TR and an AMR; all but
    three have a plan, two are late with activities, one reported krænkelser."""
    call_command("load_methods", verbosity=0)
    org = factory.unit("Albertslund Kommune", code="AK")
    round_ = factory.survey_round(
        org,
        name="Trivselsmåling og APV 2026",
        survey_opens=TODAY - datetime.timedelta(days=60),
        action_plan_deadline=TODAY + datetime.timedelta(days=5),
    )
    factory.survey_report(org, round_=round_, colour=Colour.YELLOW, respondents=400, invited=500)
    names = {
        "Børn og Unge": [
            "Børnehaven Spiren",
            "Dagplejen Vest",
            "Fritidshjemmet Lærken",
            "Skolen ved Parken",
            "Ungdomsskolen",
            "Vuggestuen Mælkebøtten",
            "Tandplejen",
        ],
        "Social og Sundhed": [
            "Plejecenter Humlebo",
            "Hjemmeplejen Nord",
            "Hjemmeplejen Syd",
            "Rehabiliteringen",
            "Sundhedshuset",
            "Aktivitetscentret",
        ],
        "Teknik og Miljø": [
            "Materielgården",
            "Vejteamet",
            "Parkafdelingen",
            "Rengøringen",
            "Byggesag",
            "Affald og genbrug",
            "Borgerservice",
        ],
    }
    colours = [Colour.GREEN, Colour.YELLOW, Colour.RED]
    n = 0
    for department_name, units in names.items():
        department = factory.unit(department_name, parent=org, kind=Unit.Kind.DEPARTMENT)
        for name in units:
            n += 1
            unit = factory.unit(name, parent=department, code=f"AK-{n:02d}")
            for role, first, last in (
                (Role.LEADER, "Lise", f"Leder{n}"),
                (Role.TR, "Tom", f"Tillid{n}"),
                (Role.AMR, "Anne", f"Miljø{n}"),
            ):
                factory.user(
                    f"{role}{n}",
                    role=role,
                    unit=unit,
                    first_name=first,
                    last_name=last,
                    email=f"{role}{n}@albertslund.example",
                )
            factory.survey_report(unit, round_=round_, colour=colours[n % 3])
            if name in WITHOUT_PLAN:
                continue
            title = ("Arbejdsro", "Arbejdsroen", "Støj i frokoststuen", "Støjen i frokoststuerne")
            plan = factory.action_plan(unit, round=round_, title=title[n % 4])
            late = n in (3, 9)
            factory.activity(
                plan,
                stage=Stage.UNDER_WAY,
                deadline=TODAY + datetime.timedelta(days=-4 if late else 20),
            )
    spiren = Unit.objects.get(name="Børnehaven Spiren")
    workshop = factory.prepared_workshop(spiren)
    Workshop.objects.filter(pk=workshop.pk).update(
        round=round_, date=TODAY - datetime.timedelta(days=8)
    )
    factory.pink_note(workshop, text="Krænkende tone", harassment=True)
    factory.user("hr", role=Role.HR, unit=org, first_name="Hanne")
    return round_


def test_hr_finds_the_units_without_a_plan_from_the_headline(
    live_server, municipality, new_page, screenshot
):
    page = new_page("laptop")
    log_in(page, live_server, "hr", factory.PASSWORD)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Overblik").click()
    status = page.get_by_role("status").filter(has_text="vises")
    expect(status).to_contain_text("21 enheder af 21")  # 20 workplaces and the organisation
    headline = page.locator(".overview-headline")
    expect(headline).to_contain_text("5 dage til deadline for handleplaner")
    expect(headline).to_contain_text("2 forsinkede aktiviteter i 2 enheder")
    expect(headline).to_contain_text("1 enhed med krænkelser uden handleplan")
    table = page.locator(".overview-table--units")
    expect(table.get_by_role("link", name="Lise Leder1", exact=True)).to_have_attribute(
        "href", "mailto:leader1@albertslund.example"
    )
    screenshot(page, "overview-headline-laptop")

    page.get_by_role("link", name="3 enheder uden handleplan").click()
    expect(status).to_contain_text("3 enheder af 21")
    rows = table.locator("tbody th[scope=row] > a")
    # by department (Børn og Unge, then Teknik og Miljø), then by name
    expect(rows).to_have_text(["Dagplejen Vest", "Ungdomsskolen", "Rengøringen"])
    expect(page.get_by_label("Kun enheder uden handleplan")).to_be_checked()
    screenshot(page, "overview-headline-without-plan-laptop")

    # sorting by a column keeps the filter, and a second click reverses
    page.get_by_role("columnheader", name="Enhed").get_by_role("link").click()
    expect(rows).to_have_text(sorted(WITHOUT_PLAN))
    assert "mangler=on" in page.url and "sorter=navn" in page.url
    page.get_by_role("columnheader", name="Enhed").get_by_role("link").click()
    expect(rows).to_have_text(sorted(WITHOUT_PLAN, reverse=True))
    assert "sorter=-navn" in page.url and "??" not in page.url


def test_the_headline_and_the_trio_fit_a_phone(live_server, municipality, new_page, screenshot):
    page = new_page("phone")
    log_in(page, live_server, "hr", factory.PASSWORD)
    page.goto(f"{live_server.url}/handleplaner/overblik/{municipality.pk}/")
    expect(page.locator(".overview-headline")).to_contain_text("3 enheder uden handleplan")
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    screenshot(page, "overview-headline-phone")
    page.get_by_role("link", name="1 enhed med krænkelser uden handleplan").click()
    expect(page.get_by_role("status").filter(has_text="vises")).to_contain_text("1 enhed af 21")
    expect(page.locator(".overview-table--units")).to_contain_text(
        "Ingen handleplan for krænkelser"
    )
    screenshot(page, "overview-headline-kraenkelse-phone")
    # what recurs: the same theme in other words is counted once, its wordings shown
    page.get_by_role("link", name="På tværs af enhederne").click()
    themes = page.get_by_role("region", name="Temaer, flest enheder arbejder med").first
    expect(themes).to_contain_text("Også skrevet som: «Arbejdsroen»")
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    screenshot(page, "overview-across-wordings-phone")
