"""The PDF documents (WeasyPrint): a unit's action plans, a workshop's summary, and the
invitation with the programme. A4, Danish, the running header names unit, round and date, the
footer numbers the pages.

Bounded (issue 19, item 3): the HTML is made here, the PDF in a child process
(pdf_worker.py) with a wall-clock bound (PDF_TIME_LIMIT, seconds), a CPU bound and an
address-space bound (PDF_MEMORY_LIMIT_MB); a render past a bound raises RenderRefused, which
the views answer with a Danish message (status 503), never a hung request thread.

Linear in the text: the stylesheet lays the answers out as blocks (a grid with
`overflow-wrap: anywhere` measured every word against the whole remaining text: 67 s for
one unit), and `breakable` gives every run of more than BREAK_EVERY characters without a
space a break opportunity (U+200B) every BREAK_EVERY characters (WeasyPrint lays out the
rest of a word that does not fit once per line: a 10,000-character token took 5.7 s).

Nothing is fetched from the network while rendering: the child's URL fetcher serves the app's
own static files that the document names (found here by Django's staticfiles finders) and
refuses every other URL, so a post-it, a plan text or a template that names an outside image
can never make the server call out. Fonts come from the system through fontconfig (Debian's
fonts-dejavu-core, see README), never from a URL."""

from __future__ import annotations

import logging
import mimetypes
import pickle
import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

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
from . import pdf_worker

logger = logging.getLogger(__name__)

# Relative URLs in the templates resolve against this made-up origin; only its /static/
# files are served, from disk.
APP_ORIGIN = "https://trivselsdialog.invalid"

# The bounds of one PDF (settings may override): nginx gives up after 60 s, so the app
# answers first; the heaviest real unit (300 activities) takes a few seconds and < 300 MB.
TIME_LIMIT = 30  # seconds, wall clock
MEMORY_LIMIT_MB = 1024  # address space of the child (WeasyPrint loaded: ~250 MB of it)

BREAK_EVERY = 40  # characters without a space before a break opportunity is given


class RenderRefused(Exception):
    """The PDF passed its time or memory bound, or its renderer failed."""


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


def static_resource(url: str) -> tuple[str, bytes] | None:
    """(content type, bytes) of one of the app's static files named by `url`, else None."""
    prefix = _static_prefix()
    if not url.startswith(prefix):
        return None
    found = _static_file(unquote(urlsplit(url).path)[len(urlsplit(prefix).path) :])
    if not found:
        return None
    return mimetypes.guess_type(found)[0] or "application/octet-stream", Path(found).read_bytes()


def static_only_fetcher():
    """A fetcher for this process that serves the app's static files and refuses the rest."""
    return pdf_worker.static_only_fetcher_class()(static_resource)


# the attributes by which our own templates name a file (user text is escaped: its quotes
# are &quot;, so it never matches)
_NAMED_URL = re.compile(r'\s(?:href|src)="([^"]+)"')


def named_resources(html: str) -> dict[str, tuple[str, bytes]]:
    """The app's static files the document names, by the absolute URL WeasyPrint asks for."""
    resources = {}
    for named in _NAMED_URL.findall(html):
        url = urljoin(APP_ORIGIN + "/", named)
        found = static_resource(url)
        if found is not None:
            resources[url] = found
    return resources


_TEXT = re.compile(r">([^<]+)<")
_CHARACTER = r"(?:&[#\w]+;|[^\s&])"  # an entity counts as one
_LONG_RUN = re.compile(f"{_CHARACTER}{{{BREAK_EVERY + 1},}}")
_PIECE = re.compile(f"{_CHARACTER}{{1,{BREAK_EVERY}}}")


def breakable(html: str) -> str:
    """`html` with a zero-width space after every BREAK_EVERY characters of a run without a
    space, in text between tags only (never in an attribute; an entity counts as one)."""

    def runs(text: re.Match) -> str:
        return ">" + _LONG_RUN.sub(lambda run: "\u200b".join(_PIECE.findall(run[0])), text[1]) + "<"

    return _TEXT.sub(runs, html)


@dataclass
class Rendered:
    pdf: bytes
    served: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def write(html: str) -> Rendered:
    """The PDF of `html`, made in a bounded child process (pdf_worker)."""
    time_limit = getattr(settings, "PDF_TIME_LIMIT", TIME_LIMIT)
    memory_mb = getattr(settings, "PDF_MEMORY_LIMIT_MB", MEMORY_LIMIT_MB)
    job = pickle.dumps(
        {
            "html": breakable(html),
            "base_url": APP_ORIGIN + "/",
            "resources": named_resources(html),
            "memory_bytes": int(memory_mb * 1024 * 1024),
            "cpu_seconds": max(1, int(time_limit) + 1),
        },
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    try:
        child = subprocess.Popen(  # noqa: S603 - our own interpreter and module, no shell
            [sys.executable, "-m", "actionplans.exports.pdf_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=settings.BASE_DIR,
        )
    except OSError as error:  # no interpreter to start, no process left to start
        logger.error("PDF refused: the renderer could not be started: %s", error)
        raise RenderRefused("not started") from error
    try:
        out, err = child.communicate(job, timeout=time_limit)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        logger.warning(
            "PDF refused: not made within %s s (%d characters of HTML)", time_limit, len(html)
        )
        raise RenderRefused("time") from None
    if child.returncode != 0:
        last = err.decode(errors="replace").strip().splitlines()[-1:] or [""]
        logger.warning(
            "PDF refused: the renderer ended with %s (%s; %d characters of HTML, bound %s MB)",
            child.returncode,
            last[0][:300],
            len(html),
            memory_mb,
        )
        raise RenderRefused("failed")
    result = pickle.loads(out)  # noqa: S301 - written by our own child process
    if result["refused"]:
        logger.info("PDF: refused to fetch %d URL(s)", len(result["refused"]))
    return Rendered(result["pdf"], result["served"], result["refused"])


def html_of(template: str, context: dict) -> str:
    return render_to_string(template, {"printed_at": timezone.localdate(), **context})


def render(template: str, context: dict) -> bytes:
    """The PDF of an HTML template, bounded, with nothing fetched but the app's static files."""
    return write(html_of(template, context)).pdf


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
    file travels further than the room, docs/decisions.md), the matrix, the vote's
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
