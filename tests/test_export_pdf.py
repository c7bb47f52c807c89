"""The PDF downloads, opened and read back (pypdf): a unit's plans, a workshop's summary and
the invitation with the programme; and the renderer fetches nothing from the network."""

import datetime
import io
import socket

import pytest
from django.urls import reverse
from pypdf import PdfReader

from actionplans.exports import pdf

from . import factory

HOSTILE = '=HYPERLINK("http://x") <script>alert(1)</script>'
LONG = "Vi " + "gennemgår arbejdsgangene " * 20  # 500 characters and more


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def squeezed(text: str) -> str:
    """Without whitespace: a long text is wrapped over lines in the PDF."""
    return "".join(text.split())


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a connection while a test renders fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"The PDF renderer tried to open a connection: {args}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture
def plans(world):
    survey = factory.survey_round(world.organisation, name="Trivselsmåling og APV 2026")
    plan = factory.action_plan(
        world.unit,
        round=survey,
        title="Støj i frokoststuen",
        change="Der er for meget larm, når børnene spiser",
        goal="Ro ved bordene",
        follow_up_first=datetime.date(2026, 9, 1),
    )
    holder = factory.tovholder(world.unit, name="Åse Øster")
    factory.activity(
        plan,
        what="Vi indkøber lydabsorbenter",
        tovholder=holder,
        deadline=datetime.date(2026, 5, 1),
        stage="under_way",
    )
    factory.activity(plan, what=LONG, level="ledelse", stage="done")
    factory.activity(plan, what=HOSTILE, stage="dropped", stage_reason="Ikke muligt i år")
    return survey


def test_trio_downloads_the_units_plans_as_a_pdf_with_the_arrow_in_words(client, world, plans):
    client.force_login(world.leader)
    response = client.get(reverse("actionplans:unit_plans_pdf", args=[world.unit.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="handleplaner-egen')
    text = pdf_text(response.content)
    assert "Handleplaner for Egen enhed" in text
    assert "Trivselsmåling og APV 2026" in text  # the running header and the round
    assert "Side 1 af 2" in text  # the footer numbers the pages
    assert "Støj i frokoststuen" in text and "Åse Øster" in text
    assert "I gang" in text and "Gennemført" in text and "Opgivet" in text
    assert "Ikke muligt i år" in text
    assert squeezed(LONG) in squeezed(text)
    assert squeezed(HOSTILE) in squeezed(text)  # written as text, not markup


def test_the_pdf_of_one_round_leaves_other_rounds_plans_out(client, world, plans):
    other = factory.survey_round(world.organisation, name="Måling 2025")
    factory.action_plan(world.unit, round=other, title="Gammel plan om vagtplaner")
    client.force_login(world.leader)
    url = reverse("actionplans:unit_plans_pdf", args=[world.unit.pk])
    text = pdf_text(client.get(url, {"maaling": plans.pk}).content)
    assert "Støj i frokoststuen" in text and "Gammel plan" not in text
    assert client.get(url, {"maaling": "x"}).status_code == 404


def test_a_unit_without_plans_gets_a_pdf_that_says_so(client, world):
    client.force_login(world.leader)
    response = client.get(reverse("actionplans:unit_plans_pdf", args=[world.unit.pk]))
    assert "Enheden har ingen handleplaner endnu." in pdf_text(response.content)


def test_the_workshop_summary_has_themes_post_its_matrix_vote_and_plans(client, world):
    workshop = factory.summary_workshop(world.unit)
    client.force_login(world.med)
    response = client.get(reverse("actionplans:workshop_summary_pdf", args=[workshop.pk]))
    text = pdf_text(response.content)
    assert "Opsamling fra trivselsdialogen i Egen enhed" in text
    assert "Arbejdsro på stuerne" in text and "Møder og Økonomi" in text
    assert "Larm ved frokost – særligt i våd gården" in text
    assert "Karen" not in text and "Ali" not in text  # a file never names who wrote what
    assert "Mulighedsrummet" in text and "Vores indflydelse" in text
    assert "Afstemningen" in text
    assert squeezed("Vi indfører stille hjørne i frokoststuen") in squeezed(text)


def test_an_anonymous_workshops_summary_never_names_who_wrote_a_post_it(client, world):
    workshop = factory.summary_workshop(world.unit, anonymous=True)
    client.force_login(world.leader)
    response = client.get(reverse("actionplans:workshop_summary_pdf", args=[workshop.pk]))
    text = pdf_text(response.content)
    assert "Larm ved frokost" in text
    assert "Karen" not in text and "Ali" not in text


def test_the_summary_shows_no_tally_of_a_vote_still_open(world):
    from workshops.live import vote as votes

    workshop = factory.summary_workshop(world.unit)
    themes = list(workshop.themes.all())
    votes.open_new_vote(workshop.pk, [t.pk for t in themes])
    text = pdf_text(pdf.workshop_summary_pdf(workshop))
    assert "Afstemningen er ikke afsluttet." in text


def test_the_invitation_pdf_has_the_invitation_and_the_programme(client, world):
    workshop = factory.prepared_workshop(world.unit)
    workshop.invitation_text = "Kære alle på Æblegården\n\nVi ses i salen."
    workshop.save(update_fields=["invitation_text"])
    client.force_login(world.leader)
    response = client.get(reverse("actionplans:invitation_pdf", args=[workshop.pk]))
    text = pdf_text(response.content)
    assert "Kære alle på Æblegården" in text
    assert "Program" in text
    for phase in workshop.phases.all():
        assert squeezed(phase.name) in squeezed(text)


def test_the_renderer_fetches_the_apps_static_files_and_refuses_every_other_url(world):
    template = "actionplans/exports/unit_plans.html"
    rendered = pdf.write(pdf.html_of(template, {"unit": world.unit, "rounds": []}))
    assert rendered.served == [pdf.APP_ORIGIN + "/static/css/pdf.css"]
    assert rendered.refused == []

    from django.template import engines

    hostile = engines["django"].from_string(
        '<img src="http://example.com/track.png"><img src="file:///etc/passwd">'
        '<img src="/static/../../trivsel/settings.py">'
        "<div style=\"background: url('https://example.com/x.png')\">x</div>"
    )
    rendered = pdf.write(hostile.render({}))
    assert "http://example.com/track.png" in rendered.refused
    assert "file:///etc/passwd" in rendered.refused
    assert "https://example.com/x.png" in rendered.refused
    assert len(rendered.refused) == 4  # the ../ path too
    assert rendered.served == []

    # this process's fetcher (the static files the parent hands the renderer) refuses alike
    fetcher = pdf.static_only_fetcher()
    with pytest.raises(ValueError):
        fetcher.fetch(pdf.APP_ORIGIN + "/static/../../trivsel/settings.py")
    fetcher.fetch(pdf.APP_ORIGIN + "/static/css/pdf.css")
    assert fetcher.served == [pdf.APP_ORIGIN + "/static/css/pdf.css"]


def test_a_post_it_that_names_an_outside_image_is_printed_as_text(world):
    workshop = factory.summary_workshop(world.unit)
    note = workshop.notes.first()
    note.text = '<img src="http://example.com/t.png"> se billedet'
    note.save(update_fields=["text"])
    context = pdf.workshop_summary_context(workshop)
    rendered = pdf.write(pdf.html_of("actionplans/exports/workshop_summary.html", context))
    text = pdf_text(rendered.pdf)
    assert rendered.refused == []
    assert '<img src="http://example.com/t.png"> se billedet' in text
