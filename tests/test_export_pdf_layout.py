"""The unit PDF with long answers and narrow columns (issues 18 item 6, 19 item 3): its
layout costs linear work in the text, every answer is printed in full, the IGLO word keeps
to its own column, and a PDF past its time or memory bound is a Danish page, not a hung
request."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from actionplans.exports import pdf

from . import factory

PROSE = "Vi vil gerne have mere ro i frokoststuen, så vi kan tale sammen og høre hinanden. "


def prose(length: int) -> str:
    return (PROSE * (length // len(PROSE) + 1))[:length]


def page_texts(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def test_an_organisation_activity_prints_its_level_apart_from_the_tovholders_name(world):
    plan = factory.action_plan(world.unit, title="Flere hænder")
    holder = factory.tovholder(world.unit, name="Åse Øster")
    factory.activity(plan, what="Vi beder om en vikarpulje", level="organisation", tovholder=holder)

    text = "\n".join(page_texts(pdf.unit_plans_pdf(world.unit, [plan])))

    assert re.search(r"Organisation\s+Åse Øster", text), text


def laid_out_characters(monkeypatch, html: str) -> int:
    """How many characters WeasyPrint hands Pango to lay out while it renders `html` as the
    app does (pdf.breakable, the app's stylesheet): the work of the layout, not its time."""
    from weasyprint.text import line_break

    from actionplans.exports import pdf_worker

    total = 0
    set_text = line_break.Layout.set_text

    def counted(layout, text, *args, **kwargs):
        nonlocal total
        total += len(text)
        return set_text(layout, text, *args, **kwargs)

    monkeypatch.setattr(line_break.Layout, "set_text", counted)
    pdf_worker.write_pdf(pdf.breakable(html), pdf.APP_ORIGIN + "/", pdf.static_only_fetcher())
    return total


def unit_pdf_html(unit, text: str) -> str:
    plan = factory.action_plan(unit, title="Støj", change=text, goal=text, barriers=text)
    factory.activity(plan, what=text[:1000], level="organisation")
    html = pdf.html_of(
        "actionplans/exports/unit_plans.html", {"unit": unit, "rounds": [(None, [plan])]}
    )
    plan.delete()
    return html


@pytest.mark.parametrize(
    "text", [prose, lambda n: "x" * n], ids=["ordinary prose", "one word without spaces"]
)
def test_the_unit_pdfs_layout_work_grows_in_step_with_its_text(world, monkeypatch, text):
    """Four times the text is about four times the work (a grid with `overflow-wrap:
    anywhere` made it 38 times; a word without spaces 31 times)."""
    short = laid_out_characters(monkeypatch, unit_pdf_html(world.unit, text(1250)))
    long = laid_out_characters(monkeypatch, unit_pdf_html(world.unit, text(5000)))
    assert long < 6 * short, (short, long)


def test_a_unit_pdf_with_five_answers_of_5000_characters_prints_them_in_full(client, world):
    plan = factory.action_plan(
        world.unit,
        title="Støj i frokoststuen",
        **{name: prose(5000) for name in ("change", "why", "goal", "success_signs", "barriers")},
    )
    factory.activity(plan, what="x" * 1000, level="organisation")
    client.force_login(world.leader)

    response = client.get(reverse("actionplans:unit_plans_pdf", args=[world.unit.pk]))

    assert response.status_code == 200
    body = [
        line
        for page in page_texts(response.content)
        for line in page.splitlines()
        if "Udskrevet" not in line and not line.startswith("Side ")  # header and footer
    ]
    text = "".join("".join(body).split()).replace("\u200b", "")
    assert text.count("".join(prose(5000).split())) == 5
    assert "x" * 1000 in text


def test_a_pdf_past_its_time_bound_is_a_danish_page_not_a_hung_request(client, world, settings):
    settings.PDF_TIME_LIMIT = 0.05
    client.force_login(world.leader)

    response = client.get(
        reverse("actionplans:unit_plans_pdf", args=[world.unit.pk]), {"klar": "abc123"}
    )

    assert response.status_code == 503
    assert "PDF'en kunne ikke laves" in response.content.decode()
    assert response.cookies["download_ready"].value == "abc123-fejl"


def test_a_pdf_past_its_memory_bound_is_a_danish_page(client, world, settings):
    settings.PDF_MEMORY_LIMIT_MB = 64  # WeasyPrint alone needs more address space
    client.force_login(world.leader)
    workshop = factory.summary_workshop(world.unit)

    response = client.get(reverse("actionplans:workshop_summary_pdf", args=[workshop.pk]))

    assert response.status_code == 503
    assert "Prøv at vælge én måling ad gangen" in response.content.decode()


def test_nginx_never_sends_a_slow_request_again_to_the_other_server():
    """deploy/nginx/trivsel.conf: a read timeout (a PDF still being made) is not a reason to
    run the same GET on the second app server; the app's own bound ends first."""
    from pathlib import Path

    from django.conf import settings

    site = (Path(settings.BASE_DIR) / "deploy" / "nginx" / "trivsel.conf").read_text()
    retries = re.findall(r"^\s*proxy_next_upstream\s+([^;]*);", site, re.MULTILINE)
    assert retries and all("timeout" not in reasons.split() for reasons in retries)
    read_timeout = re.search(r"proxy_read_timeout\s+(\d+)s;", site)
    assert int(read_timeout[1]) > pdf.TIME_LIMIT


def test_break_opportunities_go_into_long_runs_of_text_only():
    word = "a" * 100
    html = f'<p class="{word}">{word} kort &amp;{"b" * 45}</p><img src="/static/{word}.png">'

    made = pdf.breakable(html)

    assert made.replace("\u200b", "") == html  # nothing else changes
    assert f'class="{word}"' in made and f'src="/static/{word}.png"' in made  # attributes
    text = made.split(">", 1)[1].split("<", 1)[0]
    assert text.split(" ")[0] == "\u200b".join(["a" * 40, "a" * 40, "a" * 20])
    assert "&amp;" in text  # an entity is one character, never split
    unescaped = text.replace("&amp;", "&")
    assert all(len(run) <= 40 for piece in unescaped.split() for run in piece.split("\u200b"))
