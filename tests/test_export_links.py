"""Where a user finds the downloads, and how a download link learns that its file came."""

from django.urls import reverse

from actionplans.views_exports import READY_COOKIE

from . import factory


def test_the_unit_page_offers_its_plans_as_files_once_it_has_a_plan(client, world):
    client.force_login(world.med)
    page = reverse("unit_detail", args=[world.unit.pk])
    html = client.get(page).content.decode()
    assert "Handleplaner som fil" not in html  # nothing to download yet
    assert reverse("actionplans:unit_plans_pdf", args=[world.unit.pk]) not in html
    factory.action_plan(world.unit)
    html = client.get(page).content.decode()
    assert "Handleplaner som fil" in html
    assert reverse("actionplans:unit_plans_pdf", args=[world.unit.pk]) in html
    assert reverse("actionplans:unit_plans_xlsx", args=[world.unit.pk]) in html
    assert "download data-download" in html


def test_the_workshop_page_offers_the_invitation_and_the_summary(client, world):
    workshop = factory.prepared_workshop(world.unit)
    client.force_login(world.leader)
    html = client.get(reverse("workshops:workshop_detail", args=[workshop.pk])).content.decode()
    assert reverse("actionplans:invitation_pdf", args=[workshop.pk]) in html
    assert reverse("actionplans:workshop_summary_pdf", args=[workshop.pk]) in html


def test_hr_finds_every_units_plans_on_the_rounds_page(client, world):
    survey = factory.survey_round(world.organisation)
    client.force_login(world.hr)
    html = client.get(reverse("surveys:round_detail", args=[survey.pk])).content.decode()
    assert reverse("actionplans:round_workbook_xlsx", args=[survey.pk]) in html
    assert reverse("actionplans:round_rows_csv", args=[survey.pk]) in html


def test_med_finds_the_rounds_files_on_the_overview_and_the_trio_on_the_plans_page(client, world):
    survey = factory.survey_round(world.organisation)
    client.force_login(world.med)
    html = client.get(reverse("actionplans:overview", args=[survey.pk])).content.decode()
    assert reverse("actionplans:round_workbook_xlsx", args=[survey.pk]) in html
    assert reverse("actionplans:round_rows_csv", args=[survey.pk]) in html
    client.force_login(world.leader)
    plans_page = reverse("actionplans:plan_list", args=[world.unit.pk])
    assert reverse("actionplans:unit_plans_pdf", args=[world.unit.pk]) not in (
        client.get(plans_page).content.decode()
    )
    factory.action_plan(world.unit)
    html = client.get(plans_page).content.decode()
    assert reverse("actionplans:unit_plans_pdf", args=[world.unit.pk]) in html


def test_a_download_tells_its_link_it_is_ready_by_a_short_lived_cookie(client, world):
    client.force_login(world.leader)
    url = reverse("actionplans:unit_plans_xlsx", args=[world.unit.pk])
    response = client.get(url, {"klar": "abc123"})
    cookie = response.cookies[READY_COOKIE]
    assert cookie.value == "abc123" and cookie["max-age"] == 60
    assert not cookie["httponly"]  # the page's script reads it
    refused = client.get(url, {"klar": "<x>"})
    assert refused.status_code == 200 and READY_COOKIE not in refused.cookies
    assert READY_COOKIE not in client.get(url).cookies
