"""Accessibility findings of the audit (issue 9), told as what a user meets."""

import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.views.defaults import server_error

from . import factory
from .test_access import ALL_URLS, KWARGS

# --- the page's language and its text agree --------------------------------------------


def test_english_browser_gets_a_danish_login_page_marked_danish(client, db):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert '<html lang="da">' in html
    assert "Brugernavn" in html and "Adgangskode" in html
    assert "Username" not in html and "Password" not in html


def test_english_browser_gets_the_failed_login_explained_in_danish(client, world):
    response = client.post(
        reverse("login"), {"username": "hr", "password": "forkert"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert "Indtast venligst korrekt brugernavn og adgangskode" in html
    assert "Please enter a correct username" not in html


# --- every page: ids that aria attributes point at exist, once --------------------------


class PageParser(HTMLParser):
    """The ids of a page, the ids its aria attributes point at, and its title."""

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.references: list[tuple[str, str]] = []  # (attribute, id)
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        for name in ("aria-describedby", "aria-labelledby"):
            for ref in (attrs.get(name) or "").split():
                self.references.append((name, ref))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse(response) -> PageParser:
    parser = PageParser()
    parser.feed(response.content.decode())
    return parser


def broken_references(response) -> list[str]:
    page = parse(response)
    duplicates = sorted({i for i in page.ids if page.ids.count(i) > 1})
    missing = [f"{name}={ref}" for name, ref in page.references if ref not in page.ids]
    return [f"duplicate id {i}" for i in duplicates] + missing


def is_live(entry) -> bool:
    """The live session's screens belong to another issue."""
    return "live" in entry.callback.__module__


PAGES = [
    (name, entry)
    for name, entry in ALL_URLS
    if getattr(entry.callback, "access_method", "GET") == "GET"
    and entry.callback.access_rule != "token"
    and not is_live(entry)
]


def get_page(client, world, name, entry):
    """The page as a user who may see it: the own unit's trio, HR for HR's pages."""
    person = {"public": None, "hr": world.hr}.get(entry.callback.access_rule, world.leader)
    if person:
        client.force_login(person)
    kwargs = {key: KWARGS[key](world) for key in entry.pattern.converters}
    return client.get(reverse(name, kwargs=kwargs))


def is_html(response) -> bool:
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("name,entry", PAGES, ids=[name for name, _ in PAGES])
def test_every_help_text_and_label_a_page_points_at_is_there(client, world, name, entry):
    response = get_page(client, world, name, entry)
    if is_html(response):
        assert broken_references(response) == []


def workshop_url(name, workshop, *args):
    return reverse(f"workshops:{name}", args=[workshop.pk, *args])


@pytest.fixture
def workshop(world):
    return factory.prepared_workshop(world.unit)


def test_help_texts_of_the_preparation_forms_are_read_with_their_fields(client, world, workshop):
    client.force_login(world.leader)
    pink = factory.pink_note(workshop)
    for url in (
        reverse("workshops:workshop_create", args=[world.unit.pk]),
        workshop_url("workshop_edit", workshop),
        workshop_url("ground_rules", workshop),
        workshop_url("pink_notes", workshop),
        workshop_url("pink_note_edit", workshop, pink.pk),
    ):
        html = client.get(url).content.decode()
        assert 'aria-describedby="id_' in html, url
        assert broken_references(client.get(url)) == [], url
    html = client.get(workshop_url("pink_notes", workshop)).content.decode()
    assert 'id="id_harassment_helptext"' in html
    assert 'id="id_text_helptext"' in html


def test_forms_sent_with_mistakes_point_each_field_at_its_message(client, world, workshop):
    client.force_login(world.leader)
    htmx = {"HTTP_HX_REQUEST": "true"}
    phase = workshop.phases.first()
    answers = [
        client.post(reverse("workshops:workshop_create", args=[world.unit.pk]), {"title": ""}),
        client.post(workshop_url("pink_note_create", workshop), {}),
        client.post(workshop_url("invitation_edit", workshop), {"invitation_text": ""}),
        client.post(workshop_url("prep_item_create", workshop), {"list": "solve"}),
        client.post(workshop_url("agenda_break", workshop), {"minutes": "2"}, **htmx),
        client.post(workshop_url("phase_minutes", workshop, phase.pk), {"minutes": "0"}, **htmx),
        client.post(workshop_url("checklist_add", workshop), {"label": ""}, **htmx),
        client.post(reverse("password_reset"), {"email": "ikke en adresse"}),
    ]
    for response in answers:
        path = response.request["PATH_INFO"]
        assert response.status_code == 200, path
        assert broken_references(response) == [], path
        assert 'aria-invalid="true"' in response.content.decode(), path


def test_the_pink_post_its_kind_error_is_read_with_the_radio_group(client, world, workshop):
    client.force_login(world.leader)
    response = client.post(
        workshop_url("pink_note_create", workshop), {"text": "Krænkelser", "harassment": "on"}
    )
    html = response.content.decode()
    assert re.search(r'<fieldset class="field field--error" aria-describedby="id_kind_error"', html)
    assert 'id="id_kind_error"' in html
    assert "Vælg “Fungerer godt” eller “Fungerer mindre godt”." in html
    radios = re.findall(r'<input type="radio"[^>]*>', html)
    assert len(radios) == 2 and all('aria-invalid="true"' in radio for radio in radios)


def test_a_failed_login_marks_both_fields_and_reads_the_reason_with_them(client, world):
    response = client.post(reverse("login"), {"username": "hr", "password": "forkert"})
    html = response.content.decode()
    assert broken_references(response) == []
    assert re.search(r'<div class="alert alert--error" role="alert" id="login-error">', html)
    for name in ("username", "password"):
        field = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group()
        assert 'aria-invalid="true"' in field and 'aria-describedby="login-error"' in field


def test_the_login_fields_are_not_marked_invalid_before_a_try(client, db):
    html = client.get(reverse("login")).content.decode()
    assert "aria-invalid" not in html


# --- wide tables scroll by keyboard too ----------------------------------------------------


def scroll_regions(html) -> list[str]:
    return re.findall(r'<div class="table-scroll"[^>]*>', html)


def upload_report(client, round_, text):
    file = SimpleUploadedFile("rapport.csv", text.encode(), content_type="text/csv")
    return client.post(reverse("surveys:import_upload", args=[round_.pk]), {"file": file})


@pytest.mark.parametrize("good_file", [True, False], ids=["preview", "problems"])
def test_the_import_preview_table_is_a_named_region_reached_by_keyboard(client, world, good_file):
    round_ = factory.survey_round(world.organisation, themes=["Tryghed"])
    unit_code = world.unit.code if good_file else "UKENDT"
    client.force_login(world.hr)
    response = upload_report(
        client,
        round_,
        "enhedskode;inviterede;besvarelser;krænkelser;Tryghed\r\n"
        f"{world.organisation.code};100;80;0;70,0\r\n{unit_code};20;12;0;62,5\r\n",
    )
    html = response.content.decode()
    regions = scroll_regions(html)
    assert len(regions) == 1
    assert 'role="region"' in regions[0] and 'tabindex="0"' in regions[0]
    assert "aria-labelledby=" in regions[0] and broken_references(response) == []


def test_the_rounds_and_reports_tables_are_named_regions_too(client, world):
    round_ = factory.survey_round(world.organisation)
    factory.survey_report(world.unit, round_=round_)
    client.force_login(world.hr)
    for url in (
        reverse("surveys:round_list"),
        reverse("surveys:round_detail", args=[round_.pk]),
    ):
        [region] = scroll_regions(client.get(url).content.decode())
        assert 'role="region" tabindex="0" aria-labelledby=' in region


# --- every page's title says where you are ------------------------------------------------

SITE = "Trivselsdialog"


@pytest.mark.parametrize("name,entry", PAGES, ids=[name for name, _ in PAGES])
def test_every_page_title_says_where_you_are(client, world, name, entry):
    response = get_page(client, world, name, entry)
    if is_html(response):
        place, _, site = parse(response).title.strip().rpartition(" · ")
        assert site == SITE and place.strip(), parse(response).title


def title_of(response) -> str:
    return parse(response).title.strip()


def test_the_home_page_and_a_units_page_have_titles_of_their_own(client, world):
    client.force_login(world.leader)
    assert title_of(client.get(reverse("home"))) == "Forside · Trivselsdialog"
    unit_page = client.get(reverse("unit_detail", args=[world.unit.pk]))
    assert title_of(unit_page) == "Egen enhed · Trivselsdialog"
    assert title_of(client.get(reverse("login"))) == "Log ind · Trivselsdialog"


def test_a_workshop_page_names_the_page_the_workshop_and_the_unit(client, world, workshop):
    client.force_login(world.leader)
    title = title_of(client.get(workshop_url("agenda", workshop)))
    assert title == f"Dagsorden · {workshop.title} · Egen enhed · Trivselsdialog"


# --- error pages: Danish, in the site's look, with a title --------------------------------


def test_a_page_that_does_not_exist_says_so_in_danish(client, world):
    client.force_login(world.stranger)
    response = client.get(reverse("unit_detail", args=[world.unit.pk]), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="da">' in html and 'class="site-header"' in html
    assert title_of(response) == "Siden findes ikke · Trivselsdialog"
    assert "Gå til forsiden" in html and "Not Found" not in html


def test_a_page_for_hr_only_says_no_access_in_danish(client, world):
    client.force_login(world.leader)
    response = client.get(reverse("surveys:round_list"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert title_of(response) == "Ingen adgang · Trivselsdialog"
    assert "Kontakt HR" in response.content.decode()


def test_an_expired_login_form_is_explained_in_danish(db):
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(reverse("login"), {"username": "hr", "password": "x"})
    assert response.status_code == 403
    assert title_of(response) == "Formularen kunne ikke sendes · Trivselsdialog"
    assert "verification failed" not in response.content.decode()


def test_a_server_error_page_is_danish_and_needs_no_request_context(rf):
    response = server_error(rf.get("/", HTTP_ACCEPT_LANGUAGE="en"))
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="da">' in html and 'href="/static/css/app.css"' in html
    assert title_of(response) == "Der er sket en fejl · Trivselsdialog"
    assert "Server Error" not in html
