"""Downloads of the action plans: PDF, Excel and CSV (issue 12, items 4–5).

Each view looks its unit, workshop or round up through units.permissions and reads through
actionplans.queries, the same functions the pages use. The HR workbook and the CSV cover every
unit the user may view in the round (HR: their subtree; MED: their unit and below).

None of these blocks the page: the links carry `download`, so the browser fetches the file
beside the page (static/js/app.js marks the link busy until the file arrives); the CSV
streams row by row, the workbook is written in openpyxl's write-only mode (20,000 activities
in about a second, docs/performance.md)."""

from __future__ import annotations

from django import forms
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from surveys.models import Round
from trivsel.downloads import attachment
from trivsel.idfields import IdField
from trivsel.safe_text import filename_part
from units import permissions
from units.permissions import declare
from workshops.models import Workshop

from . import queries
from .exports import notes, pdf, rows
from .exports.csv_export import csv_lines
from .exports.xlsx import workbook_file

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# the page's download link appends ?klar=<nonce>; the answer sets this cookie so the link can
# stop showing that it is busy (static/js/app.js)
READY_COOKIE = "download_ready"


class RoundFilterForm(forms.Form):
    maaling = IdField(required=False)


class ReadyForm(forms.Form):
    klar = forms.RegexField(regex=r"^[A-Za-z0-9]{1,32}$", required=False)


def _filename(*parts, extension: str) -> str:
    """The download's name from stored names: æøå kept, nothing a path or a header could
    take for its own (safe_text.filename_part); sent as RFC 6266's filename*."""
    stem = "-".join(filter(None, (filename_part(str(part)) for part in parts if part)))
    return f"{stem or 'eksport'}-{timezone.localdate():%Y-%m-%d}.{extension}"


def _ready(request: HttpRequest, response: HttpResponse, *, refused: bool = False) -> HttpResponse:
    form = ReadyForm(request.GET)
    if form.is_valid() and form.cleaned_data["klar"]:
        nonce = form.cleaned_data["klar"] + ("-fejl" if refused else "")
        response.set_cookie(READY_COOKIE, nonce, max_age=60, samesite="Strict")
    return response


def _pdf(request, make, filename: str) -> HttpResponse:
    """The PDF that `make()` renders, or a Danish page (503) when it passed its time or memory
    bound (pdf.RenderRefused): the request ends either way."""
    try:
        content = make()
    except pdf.RenderRefused:
        page = render(request, "actionplans/exports/too_big.html", status=503)
        return _ready(request, page, refused=True)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = attachment(filename)
    return _ready(request, response)


def _xlsx(file, filename: str) -> FileResponse:
    response = FileResponse(file, content_type=XLSX)
    response["Content-Disposition"] = attachment(filename)
    return response


def _unit_round(request, unit) -> Round | None:
    """The round named by ?maaling=, or None for every round; an unknown one is a 404."""
    form = RoundFilterForm(request.GET)
    if not form.is_valid():
        raise Http404
    round_id = form.cleaned_data["maaling"]
    if round_id is None:
        return None
    return get_object_or_404(Round, pk=round_id)


def _workshop(request, workshop_id: int) -> Workshop:
    return permissions.get_for_unit(
        request.user, Workshop.objects.select_related("round", "method"), "view", pk=workshop_id
    )


@declare("unit_view")
def unit_plans_pdf(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = permissions.get_unit_for(request.user, unit_id, "view")
    round_ = _unit_round(request, unit)
    plans = queries.unit_plans(unit, round_)
    name = _filename(_("handleplaner"), unit.name, round_ and round_.name, extension="pdf")
    return _pdf(request, lambda: pdf.unit_plans_pdf(unit, plans, round_=round_), name)


@declare("unit_view")
def unit_plans_xlsx(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = permissions.get_unit_for(request.user, unit_id, "view")
    round_ = _unit_round(request, unit)
    file = workbook_file(rows.rows(queries.unit_plans(unit, round_)), title=unit.name)
    name = _filename(_("handleplaner"), unit.name, round_ and round_.name, extension="xlsx")
    return _ready(request, _xlsx(file, name))


@declare("unit_view")
def workshop_summary_pdf(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id)
    name = _filename(_("opsamling"), workshop.unit.name, workshop.date, extension="pdf")
    return _pdf(request, lambda: pdf.workshop_summary_pdf(workshop), name)


@declare("unit_view")
def invitation_pdf(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id)
    name = _filename(_("invitation"), workshop.unit.name, workshop.date, extension="pdf")
    return _pdf(request, lambda: pdf.invitation_pdf(workshop), name)


@declare("unit_view")
def workshop_notes_xlsx(request: HttpRequest, workshop_id: int) -> HttpResponse:
    """The post-its the room saw, with their kinds in the method's words (exports/notes.py)."""
    workshop = _workshop(request, workshop_id)
    file = workbook_file(
        notes.note_rows(workshop),
        title=workshop.unit.name,
        columns=notes.COLUMNS,
        fallback=_("Post-its"),
    )
    name = _filename(_("post-its"), workshop.unit.name, workshop.date, extension="xlsx")
    return _ready(request, _xlsx(file, name))


@declare("unit_view")
def workshop_notes_csv(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id)
    lines = csv_lines(notes.note_rows(workshop), columns=notes.COLUMNS)
    response = HttpResponse("".join(lines).encode("utf-8"), content_type="text/csv; charset=utf-8")
    name = _filename(_("post-its"), workshop.unit.name, workshop.date, extension="csv")
    response["Content-Disposition"] = attachment(name)
    return _ready(request, response)


def _round_in_scope(request, round_id: int) -> Round:
    """HR or MED, and a round of an organisation some of whose units they may view."""
    permissions.require_oversight(request.user)
    round_ = get_object_or_404(Round.objects.select_related("organisation"), pk=round_id)
    reach = permissions.units_for(request.user).filter(path__startswith=round_.organisation.path)
    if not reach.exists():
        raise Http404
    return round_


@declare("oversight")
def round_workbook_xlsx(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _round_in_scope(request, round_id)
    plans = queries.plans_in_scope(request.user, round_)
    file = workbook_file(rows.rows(plans), title=round_.name)
    name = _filename(_("handleplaner"), round_.name, extension="xlsx")
    return _ready(request, _xlsx(file, name))


@declare("oversight")
def round_rows_csv(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _round_in_scope(request, round_id)
    plans = queries.plans_in_scope(request.user, round_)
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in csv_lines(rows.rows(plans))),
        content_type="text/csv; charset=utf-8",
    )
    name = _filename(_("handleplaner"), round_.name, extension="csv")
    response["Content-Disposition"] = attachment(name)
    return _ready(request, response)
