"""The PDF documents (WeasyPrint): a unit's action plans, a workshop's summary, and the
invitation with the programme. A4, Danish, the running header names unit, round and date, the
footer numbers the pages.

Nothing is fetched from the network while rendering: the URL fetcher serves the app's own
static files (found by Django's staticfiles finders) and refuses every other URL, so a
post-it, a plan text or a template that names an outside image can never make the server
call out. Fonts come from the system through fontconfig (Debian's fonts-dejavu-core, see
README), never from a URL.

WeasyPrint is imported when a PDF is made, so the app starts on a machine without Pango."""

from __future__ import annotations

import mimetypes
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import timezone

from workshops.live import visibility
from workshops.live import vote as voting
from workshops.methods.words import words as tool_words
from workshops.models import Theme, Vote

from ..models import ActionPlan
from ..queries import with_activities

# Relative URLs in the templates resolve against this made-up origin; only its /static/
# files are served, from disk.
APP_ORIGIN = "https://trivselsdialog.invalid"


def _static_prefix() -> str:
    return APP_ORIGIN + "/" + settings.STATIC_URL.strip("/") + "/"


def _static_file(relative: str) -> str | None:
    """The file behind a static URL's path: from the app's static folders (development), or
    collected with a hashed name (production's manifest storage); never outside them."""
    try:
        found = finders.find(relative)
        if not found and staticfiles_storage.exists(relative):
            found = staticfiles_storage.path(relative)
    except (SuspiciousFileOperation, NotImplementedError):
        return None
    return found


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves the app's static files; refuses and records anything else."""

        def __init__(self):
            super().__init__(allowed_protocols=())
            self.served: list[str] = []
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            prefix = _static_prefix()
            if url.startswith(prefix):
                relative = unquote(urlsplit(url).path)[len(urlsplit(prefix).path) :]
                found = _static_file(relative)
                if found:
                    kind = mimetypes.guess_type(found)[0] or "application/octet-stream"
                    self.served.append(url)
                    return URLFetcherResponse(
                        url, body=Path(found).read_bytes(), headers={"Content-Type": kind}
                    )
            self.refused.append(url)
            raise ValueError(f"Only the app's own static files are fetched, not {url[:200]}")

    return StaticOnlyFetcher


def static_only_fetcher():
    return _fetcher_class()()


def render(template: str, context: dict, *, fetcher=None) -> bytes:
    """The PDF of an HTML template, with nothing fetched but the app's static files."""
    from weasyprint import HTML

    context = {"printed_at": timezone.localdate(), **context}
    html = render_to_string(template, context)
    fetcher = fetcher or static_only_fetcher()
    return HTML(string=html, base_url=APP_ORIGIN + "/", url_fetcher=fetcher).write_pdf()


# The documents ---------------------------------------------------------------------------


def unit_plans_pdf(unit, plans, *, round_=None) -> bytes:
    """A unit's plans (queries.unit_plans, already narrowed), grouped by round."""
    by_round: dict = defaultdict(list)
    for plan in plans:
        by_round[plan.round].append(plan)
    return render(
        "actionplans/exports/unit_plans.html",
        {"unit": unit, "round": round_, "rounds": list(by_round.items())},
    )


def workshop_summary_context(workshop) -> dict:
    """What the room made: the themes with their revealed post-its (never who wrote them: a
    file travels further than the room, docs/decisions.d/pages.md), the matrix, the vote's
    result and the plans."""
    notes_by_theme = defaultdict(list)
    loose = []
    for note in visibility.revealed_notes(workshop):
        (notes_by_theme[note.theme_id] if note.theme_id else loose).append(note)
    themes = list(Theme.objects.filter(workshop=workshop).order_by("order", "pk"))
    for theme in themes:
        theme.shown_notes = notes_by_theme.get(theme.pk, [])
    vote = voting.current_vote(workshop)
    result = None
    if vote is not None and vote.status != Vote.Status.OPEN:
        result = voting.result(workshop, vote)
    plans = with_activities(ActionPlan.objects.filter(workshop=workshop)).order_by(
        "created_at", "pk"
    )
    return {
        "workshop": workshop,
        "unit": workshop.unit,
        "round": workshop.round,
        "themes": themes,
        "loose_notes": loose,
        "matrix": matrix_drawing(workshop, themes),
        "vote": vote,
        "result": result,
        "plans": list(plans),
    }


def workshop_summary_pdf(workshop) -> bytes:
    return render("actionplans/exports/workshop_summary.html", workshop_summary_context(workshop))


def invitation_pdf(workshop) -> bytes:
    from workshops import preparation

    return render(
        "actionplans/exports/invitation.html",
        {
            "workshop": workshop,
            "unit": workshop.unit,
            "round": workshop.round,
            "text": preparation.current_invitation(workshop),
            "agenda": preparation.agenda_for(workshop),
            "facilitator": preparation.facilitator_display(workshop),
        },
    )


# The matrix as SVG -----------------------------------------------------------------------

MATRIX_SIZE = 440  # the square, in SVG units (CSS px)
MATRIX_MARGIN = 40


def matrix_drawing(workshop, themes) -> dict:
    """The placed themes as numbered dots on the matrix (x: influence, y: impact, 0..1),
    with the method's axis words; the numbers refer to the theme list under the drawing."""
    config = tool_words(workshop, "matrix")
    size, margin = MATRIX_SIZE, MATRIX_MARGIN
    dots = []
    for number, theme in enumerate((t for t in themes if t.placed), start=1):
        dots.append(
            {
                "number": number,
                "theme": theme,
                "x": round(margin + theme.influence * size, 1),
                "y": round(margin + (1 - theme.impact) * size, 1),
            }
        )
    return {
        "dots": dots,
        "size": size,
        "margin": margin,
        "full": size + 2 * margin,
        "middle": margin + size / 2,
        "end": margin + size,
        "vertical": config.get("vertical", {}),
        "horizontal": config.get("horizontal", {}),
        "quadrants": config.get("quadrants", {}),
    }
