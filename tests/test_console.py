"""The facilitator's console around the close (issue 18, items 4, 7 and 9): "Afslut
workshoppen" says first why it cannot close, and only a close that can happen is confirmed;
after the close the console leads to the workshop's summary and the unit's plans instead of
a timer; the counts it shows mean something in the phase at hand."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from workshops.live import actions as live
from workshops.models import Note, Theme, Workshop

from . import factory
from .live_helpers import go_to


@pytest.fixture
def room(world):
    """A live workshop whose krænkelse theme ("Tonen") has no plan yet: it cannot close."""
    workshop = factory.live_workshop(world.unit, facilitator=world.leader)
    pink = factory.pink_note(workshop, "Chikane i vagtplanen", harassment=True)
    go_to(workshop, "presentation")
    live.reveal_pink(workshop.pk)
    tone = Theme.objects.create(workshop=workshop, title="Tonen", order=1, chosen=True)
    Note.objects.filter(pk=pink.pk).update(theme=tone)
    console = Client()
    console.force_login(world.leader)
    return workshop, console


def console_page(console, workshop) -> str:
    response = console.get(reverse("workshops:live", args=[workshop.pk]))
    assert response.status_code == 200
    return response.content.decode()


def close_form(html: str, button_id: str) -> str:
    """The <form …> tag around the close button."""
    end = html.index(f'id="{button_id}"')
    start = html.rindex("<form", 0, end)
    return html[start : html.index(">", start) + 1]


def close(console, workshop, **extra):
    url = reverse("workshops:status", args=[workshop.pk])
    return console.post(url, {"status": "closed", **extra}, HTTP_HX_REQUEST="true")


def test_a_close_that_would_be_refused_says_why_before_any_confirm(room):
    workshop, console = room
    html = console_page(console, workshop)
    # the status drawer: the reason is on the page, and the button asks nothing first
    reason = re.search(r'id="status-refusal">([^<]*)<', html).group(1)
    assert "»Tonen«" in reason and "kan ikke afsluttes" in reason
    assert "hx-confirm" not in close_form(html, "status-close")
    # the closing phase's own button likewise
    go_to(workshop, "closing")
    html = console_page(console, workshop)
    assert "hx-confirm" not in close_form(html, "closing-close")
    assert "»Tonen«" in html
    # pressed anyway: refused, with the reason
    response = close(console, workshop, expect_refusal="on")
    assert response.status_code == 400 and "»Tonen«" in response.json()["error"]
    assert Workshop.objects.get(pk=workshop.pk).status == Workshop.Status.LIVE


def test_a_close_that_can_happen_is_confirmed_first(world):
    workshop = factory.live_workshop(world.unit, facilitator=world.leader)
    console = Client()
    console.force_login(world.leader)
    html = console_page(console, workshop)
    assert 'id="status-refusal"' not in html
    assert "hx-confirm=" in close_form(html, "status-close")
    go_to(workshop, "closing")
    assert "hx-confirm=" in close_form(console_page(console, workshop), "closing-close")


def test_a_refusal_gone_meanwhile_never_closes_unasked(room):
    """The console showed the refusal (no confirm); the krænkelse post-it was taken out of
    the theme before the button was pressed: nothing closes, the console asks now."""
    workshop, console = room
    Note.objects.filter(workshop=workshop, harassment=True).update(theme=None)
    response = close(console, workshop, expect_refusal="on")
    assert response.status_code == 200
    message = json.loads(response.headers["HX-Trigger"])["live-message"]
    assert "Tryk «Afslut workshoppen» igen" in message
    assert Workshop.objects.get(pk=workshop.pk).status == Workshop.Status.LIVE
    assert "hx-confirm=" in close_form(response.content.decode(), "status-close")
    # and confirmed, it closes
    assert close(console, workshop).status_code == 200
    assert Workshop.objects.get(pk=workshop.pk).status == Workshop.Status.CLOSED


def test_after_the_close_the_console_leads_to_the_summary_and_the_plans(world):
    workshop = factory.live_workshop(world.unit, facilitator=world.leader)
    go_to(workshop, "closing")
    console = Client()
    console.force_login(world.leader)
    html = console_page(console, workshop)
    assert 'id="timer-toggle"' in html and 'id="timer-add1"' in html
    assert close(console, workshop).status_code == 200

    html = console_page(console, workshop)
    summary = reverse("workshops:workshop_detail", args=[workshop.pk])
    plans = reverse("actionplans:plan_list", args=[workshop.unit_id])
    pdf = reverse("actionplans:workshop_summary_pdf", args=[workshop.pk])
    assert re.search(rf'id="after-summary" href="{summary}"', html)
    assert re.search(rf'id="after-plans" href="{plans}"', html)
    assert re.search(rf'id="after-summary-pdf" href="{pdf}"', html)
    for gone in ("timer-toggle", "timer-add1", "timer-add5", "timer-reset"):
        assert f'id="{gone}"' not in html, gone
    assert "Start tiden" not in html
    # the links lead somewhere for the facilitator
    for url in (summary, plans, pdf):
        assert console.get(url).status_code == 200, url


def test_the_console_counts_shown_post_its_only_where_they_are_shown(world):
    """In the vote (every post-it shown long ago) the console said "0 vist · 0 ikke vist
    endnu"; in the presentation round the counts are right."""
    workshop = factory.live_workshop(world.unit, facilitator=world.leader)
    person = live.join(workshop, display_name="Karen")
    for text, kind in (("Godt samarbejde", "good"), ("Travlt", "change"), ("Kaffe", "good")):
        factory.yellow_note(person, text=text, kind=kind)
    console = Client()
    console.force_login(world.leader)
    go_to(workshop, "presentation")
    live.reveal_next_pair(workshop.pk, person.pk)

    def stats() -> str:
        html = console_page(console, workshop)
        found = re.search(r'<p class="console__stats">(.*?)</p>', html, re.S)
        return re.sub(r"<[^>]+>|\s+", " ", found.group(1)).split() if found else []

    assert " ".join(stats()) == "1 deltagere · 3 post-its · 2 vist · 1 ikke vist endnu"
    go_to(workshop, "vote")
    assert " ".join(stats()) == "1 deltagere · 3 post-its"
