"""HR's organisation pages (issue 23): import the organisation from the payroll export
(upload → preview → confirm, like the report import) and export it in the same format."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from surveys.importer import ImportRejected, Problem, Table, too_large_problem
from surveys.uploads import CappedMemoryUploadHandler
from trivsel.downloads import attachment

from . import orgexport, orgimport, permissions
from .models import Unit
from .orgforms import OrganisationUploadForm
from .permissions import declare

EXAMPLES = {
    "xlsx": "organisation-import-example.xlsx",
    "enheder": "organisation-import-enheder.csv",
    "personer": "organisation-import-personer.csv",
}
PREVIEW_SALT = "units.orgimport.preview"
PREVIEW_MAX_AGE = 60 * 60  # seconds HR has between the preview and the confirmation
PREVIEW_ROWS = 200  # rows of each list the preview shows; the counts say the rest


def _context(request, **extra):
    return {
        "form": OrganisationUploadForm(),
        "problems": [],
        "plan": None,
        "roots": _tops(request.user),
        "preview_rows": PREVIEW_ROWS,
        **extra,
    }


def _tops(user):
    """The units the user is HR for (the tops of what they may import)."""
    scope = permissions.scope_for(user)
    units = permissions.hr_units(user).open()
    if scope.everything:
        return units.filter(parent__isnull=True)
    return units.filter(path__in=scope.hr_paths)


@declare("hr")
@never_cache
@csrf_exempt
def organisation_import(request: HttpRequest) -> HttpResponse:
    """Upload → preview. The CSRF check runs in `_upload` after the upload handlers are
    replaced, so a large file is never spilled to a temporary file on disk."""
    permissions.require_hr(request.user)
    handler = CappedMemoryUploadHandler(request, limit=orgimport.LIMITS.upload_bytes)
    request.upload_handlers = [handler]
    return _upload(request, handler)


@csrf_protect
def _upload(request, handler):
    form = OrganisationUploadForm(request.POST or None, request.FILES or None)
    context = _context(request, form=form)
    if request.method == "POST":
        if handler.too_large:
            context["problems"] = [too_large_problem(orgimport.LIMITS)]
        elif form.is_valid():
            context.update(_checked(request.user, form.cleaned_data))
    template = "units/organisation_import.html"
    if request.htmx and request.method == "POST":
        template += "#result"
    return render(request, template, context)


def _checked(user, data) -> dict:
    upload, people = data["file"], data.get("people_file")
    try:
        units, people_table = orgimport.read_files(
            upload.read(), upload.name, (people.read(), people.name) if people else None
        )
        plan = orgimport.plan_organisation(units, people_table, user=user)
    except ImportRejected as rejected:
        return {"problems": rejected.problems}
    if not plan.ok:
        return {"problems": plan.problems or [Problem(_("Der er intet at importere."))]}
    payload = signing.dumps(
        {"units": units.to_data(), "people": people_table.to_data()},
        salt=PREVIEW_SALT,
        compress=True,
    )
    return {"plan": plan, "filename": upload.name, "payload": payload}


@declare("hr", method="POST")
@never_cache
@require_POST
def organisation_confirm(request: HttpRequest) -> HttpResponse:
    """Confirm a preview: plan the signed tables again against today's organisation, then
    write it all in one transaction."""
    permissions.require_hr(request.user)
    try:
        data = signing.loads(
            request.POST.get("payload", ""), salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE
        )
        units, people = Table.from_data(data["units"]), Table.from_data(data["people"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        problems = [Problem(_("Forhåndsvisningen er udløbet eller ugyldig. Upload filen igen."))]
        return _refused(request, problems)
    # A second click on "Importér" (or a colleague's import) waits here for the first to
    # commit, then plans against what it wrote, instead of creating the same units twice.
    with transaction.atomic():
        list(Unit.objects.select_for_update().filter(pk__in=_tops(request.user).values("pk")))
        plan = orgimport.plan_organisation(units, people, user=request.user)
        if plan.problems:
            return _refused(request, plan.problems)
        orgimport.apply_plan(plan, user=request.user)
    messages.success(request, orgimport.summary(plan))
    return redirect("organisation:import")


def _refused(request, problems) -> HttpResponse:
    context = _context(request, problems=problems)
    return render(request, "units/organisation_import.html", context, status=400)


@declare("hr")
def organisation_example(request: HttpRequest) -> FileResponse:
    """The documented example (docs/organisation-import.md): the demo's Bøgely Kommune."""
    permissions.require_hr(request.user)
    name = EXAMPLES.get(request.GET.get("format", "xlsx"), EXAMPLES["xlsx"])
    path = Path(settings.BASE_DIR) / "fixtures" / name
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)


@declare("hr")
@never_cache
def organisation_export(request: HttpRequest) -> HttpResponse:
    """The organisation HR administers, as xlsx (two sheets) or, with ?format=csv&ark=…, as
    one of the two CSV files."""
    permissions.require_hr(request.user)
    if request.GET.get("format") == "csv":
        sheet = request.GET.get("ark")
        sheet = sheet if sheet in (orgimport.UNITS_SHEET, orgimport.PEOPLE_SHEET) else "enheder"
        response = HttpResponse(
            orgexport.csv_text(request.user, sheet), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = attachment(f"organisation-{sheet}.csv")
        return response
    response = HttpResponse(
        orgexport.xlsx(request.user),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = attachment("organisation.xlsx")
    return response
