from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from units import permissions
from units.permissions import declare

from . import importer, rules
from .forms import UploadForm
from .models import PSYCHOLOGICAL_SAFETY_THEME, Colour, Round, SurveyReport, Track
from .uploads import CappedMemoryUploadHandler

PREVIEW_SALT = "surveys.import.preview"
PREVIEW_MAX_AGE = 60 * 60  # seconds HR has between the preview and the confirmation
EXAMPLES = {
    "xlsx": "report-import-example.xlsx",
    "csv": "report-import-example.csv",
}
# Every page here shows survey figures or names: `never_cache` (Cache-Control: private,
# no-store among others) keeps them out of shared caches and the browser's disk cache.


def _round_for(user, round_id) -> Round:
    permissions.require_hr(user)
    return permissions.get_for_unit(
        user, Round.objects.all(), "change", unit_field="organisation", pk=round_id
    )


@declare("hr")
@never_cache
def round_list(request: HttpRequest) -> HttpResponse:
    permissions.require_hr(request.user)
    rounds = list(
        permissions.filter_for(
            request.user, Round.objects.all(), "change", unit_field="organisation"
        ).select_related("organisation")
    )
    # Counted from the marked reports, so a report hidden to protect a smaller group
    # counts as hidden and its track is not given away by a total.
    tracks = {round_.pk: [] for round_ in rounds}
    for report in SurveyReport.objects.with_visibility().filter(round__in=rounds):
        tracks[report.round_id].append(shown_track(report))
    for round_ in rounds:
        round_.report_count = len(tracks[round_.pk])
        round_.head_count = tracks[round_.pk].count(Track.WITH_HEAD)
        round_.head_hr_count = tracks[round_.pk].count(Track.WITH_HEAD_AND_HR)
        round_.hidden_count = tracks[round_.pk].count(Track.NO_REPORT)
    return render(request, "surveys/round_list.html", {"rounds": rounds})


def shown_track(report) -> str:
    """The follow-up track a page may show: a hidden report's track would tell its colour."""
    return report.track if report.scores_visible else Track.NO_REPORT


@declare("hr")
@never_cache
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _round_for(request.user, round_id)
    track = request.GET.get("spor", "")
    reports = (
        SurveyReport.objects.with_visibility()
        .filter(round=round_)
        .select_related("unit")
        .order_by("unit__path")
    )
    if track in Track.values:
        reports = [report for report in reports if shown_track(report) == track]
    return render(
        request,
        "surveys/round_detail.html",
        {"round": round_, "reports": reports, "track": track, "tracks": Track.choices},
    )


@declare("hr")
def import_example(request: HttpRequest) -> FileResponse:
    permissions.require_hr(request.user)
    name = EXAMPLES.get(request.GET.get("format", "xlsx"), EXAMPLES["xlsx"])
    path = Path(settings.BASE_DIR) / "fixtures" / name
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)


@declare("hr")
@never_cache
@csrf_exempt
def import_upload(request: HttpRequest, round_id: int) -> HttpResponse:
    """Upload → preview. The CSRF check runs in `_upload` after the upload handlers are
    replaced: the default handlers would write a large file to a temporary file on disk."""
    round_ = _round_for(request.user, round_id)
    handler = CappedMemoryUploadHandler(request)
    request.upload_handlers = [handler]
    return _upload(request, round_, handler)


@csrf_protect
def _upload(request, round_, handler):
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"round": round_, "form": form, "problems": [], "plan": None}
    if request.method == "POST":
        if handler.too_large:
            context["problems"] = [importer.too_large_problem()]
        elif form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                table = importer.read_table(upload.read(), upload.name)
                plan = importer.plan_import(round_, table)
            except importer.ImportRejected as rejected:
                context["problems"] = rejected.problems
            else:
                context["problems"] = plan.problems
                if plan.ok:
                    context["plan"] = plan
                    context["filename"] = upload.name
                    context["payload"] = signing.dumps(
                        {"round": round_.pk, "table": table.without_hidden(plan).to_data()},
                        salt=PREVIEW_SALT,
                        compress=True,
                    )
    template = "surveys/import.html"
    if request.htmx and request.method == "POST":
        template += "#result"
    return render(request, template, context)


@declare("hr", method="POST")
@never_cache
@require_POST
def import_confirm(request: HttpRequest, round_id: int) -> HttpResponse:
    """Confirm a preview: check the signed table again against today's units, then replace
    the round's reports in one transaction."""
    round_ = _round_for(request.user, round_id)
    problems = []
    try:
        data = signing.loads(
            request.POST.get("payload", ""), salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE
        )
        if data.get("round") != round_.pk:
            raise signing.BadSignature
        plan = importer.plan_import(round_, importer.Table.from_data(data["table"]))
        problems = plan.problems
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        problems = [
            importer.Problem(_("Forhåndsvisningen er udløbet eller ugyldig. Upload filen igen."))
        ]
    if problems:
        context = {"round": round_, "form": UploadForm(), "problems": problems, "plan": None}
        return render(request, "surveys/import.html", context, status=400)
    reports = importer.apply_plan(plan, user=request.user)
    messages.success(
        request,
        _("%(count)s rapporter er importeret til %(round)s.")
        % {"count": len(reports), "round": round_.name},
    )
    return redirect("surveys:round_detail", round_id=round_.pk)


@declare("unit_view")
@never_cache
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = permissions.get_for_unit(
        request.user,
        SurveyReport.objects.with_visibility().select_related("round"),
        "view",
        pk=report_id,
    )
    scores = list(report.visible_scores())
    lowest = rules.lowest(scores)
    gaps = rules.biggest_gaps(scores)
    safety = next((s for s in scores if s.theme == PSYCHOLOGICAL_SAFETY_THEME), None)
    return render(
        request,
        "surveys/report_detail.html",
        {
            "report": report,
            "unit": report.unit,
            "round": report.round,
            "scores": scores,
            "lowest": lowest,
            "gaps": gaps,
            "lowest_ids": {s.pk for s in lowest},
            "gap_ids": {s.pk for s in gaps},
            "safety_low": safety is not None and safety.colour != Colour.GREEN,
            "may_change": permissions.can(request.user, "change", report.unit),
            "is_hr": permissions.is_hr(request.user),
        },
    )
