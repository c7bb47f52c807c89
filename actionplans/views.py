"""The unit's action plans after the session: the list, a plan's page (answers, survey
themes, the theme's post-its, activities with their status arrow and history, follow-ups).

The trio and HR change ("unit_change"), MED reads ("unit_view"); every object is looked up
through units.permissions. Pages get `may_change` and show edit controls only when true. A
stage move over htmx answers with the activity's card and the plan's arrow (out of band);
every form also works as a plain post with a redirect."""

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from units import permissions
from units.permissions import declare
from workshops.live import visibility
from workshops.models import Note
from workshops.preparation import current_round, plans_round

from . import editing, links, queries, raised
from .actions import ANSWER_FIELDS, PlanConflict, StageRefused, move_stage
from .forms import (
    ActivityForm,
    FollowUpForm,
    NewPlanForm,
    PlanAnswersForm,
    StageForm,
    SurveyThemesForm,
)
from .models import ARROW_STAGES, ActionPlan, Activity, RaisedItem, Stage
from .progress import plan_percent, unit_percent

SIDE_STAGES = (Stage.ADJUSTED, Stage.DROPPED)


def _plan(request, plan_id, action="view") -> ActionPlan:
    return permissions.get_for_unit(
        request.user, queries.plan_page(ActionPlan.objects.all()), action, pk=plan_id
    )


def _activity(request, plan_id, activity_id, action="change") -> Activity:
    return permissions.get_for_unit(
        request.user,
        Activity.objects.select_related("plan", "tovholder"),
        action,
        unit_field="plan__unit",
        pk=activity_id,
        plan_id=plan_id,
    )


def _to_plan(plan, anchor="") -> HttpResponse:
    return redirect(reverse("actionplans:plan_detail", args=[plan.pk]) + anchor)


def move_by_form(request, activity, **by) -> tuple[StageForm, str]:
    """Validate a status-arrow form for `activity` and move it; the form and any refusal."""
    form = StageForm(request.POST, current=activity.stage, prefix=f"a{activity.pk}")
    if not form.is_valid():
        return form, ""
    try:
        move_stage(activity, form.cleaned_data["stage"], comment=form.cleaned_data["comment"], **by)
    except StageRefused as refused:
        return form, str(refused)
    editing.touch(activity.plan)
    return form, ""


def stage_context() -> dict:
    return {"arrow_stages": ARROW_STAGES, "side_stages": SIDE_STAGES}


# --- the unit's plans ------------------------------------------------------------------------


@declare("unit_view")
def plan_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = permissions.get_unit_for(request.user, unit_id, "view")
    may_change = permissions.can(request.user, "change", unit)
    plans = list(queries.unit_plans(unit))
    today = timezone.localdate()
    for plan in plans:
        plan.percent = plan_percent(plan.activities.all())
        plan.next_follow_up = next(
            (d for d in (plan.follow_up_first, plan.follow_up_second) if d and d >= today), None
        )
    workshops = list(unit.workshops.order_by("-date", "-created_at")) if may_change else []
    to_raise = [(w, raised.themes_to_raise(w)) for w in workshops]
    return render(
        request,
        "actionplans/plan_list.html",
        {
            "unit": unit,
            "plans": plans,
            "unit_percent": unit_percent([plan.activities.all() for plan in plans]),
            "may_change": may_change,
            "may_answer": permissions.can_answer_raised(request.user, unit),
            "raised": queries.raised_items(RaisedItem.objects.filter(unit=unit)),
            "to_raise": [(w, themes) for w, themes in to_raise if themes],
            "board_link": links.board_link(unit) if may_change else None,
            "board_url": _board_url(request, unit) if may_change else "",
            "follow_ups": queries.upcoming_follow_ups(unit, timezone.localdate()),
            "today": timezone.localdate(),
        },
    )


def _board_url(request, unit) -> str:
    link = links.board_link(unit)
    return request.build_absolute_uri(reverse("staff_board", args=[link.token])) if link else ""


@declare("unit_change")
def plan_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = permissions.get_unit_for(request.user, unit_id, "change")
    form = NewPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workshop = unit.workshops.order_by("-date", "-created_at").first()
        plan = editing.create_plan(
            unit,
            title=form.cleaned_data["title"],
            round_=plans_round(workshop) if workshop else current_round(unit),
            workshop=workshop,
        )
        messages.success(request, _("Handleplanen er oprettet. Skriv svarene og aktiviteterne."))
        return _to_plan(plan)
    return render(request, "actionplans/plan_create.html", {"unit": unit, "form": form})


# --- one plan --------------------------------------------------------------------------------


def _notes(plan) -> dict:
    """The theme's post-its as the room saw them (revealed only), with authors only when
    the workshop is not anonymous (visibility.author_label decides)."""
    if plan.theme_id is None or plan.workshop is None:
        return {"yellow_notes": [], "pink_notes": []}
    notes = list(visibility.revealed_notes(plan.workshop).filter(theme_id=plan.theme_id))
    for note in notes:
        note.author_shown = visibility.author_label(note, plan.workshop)
        note.workshop = plan.workshop  # its kinds' words (kind_badge) without a query
    return {
        "yellow_notes": [n for n in notes if n.colour == Note.Colour.YELLOW],
        "pink_notes": [n for n in notes if n.colour == Note.Colour.PINK],
    }


def _report(request, plan):
    from surveys.models import SurveyReport

    if plan.round_id is None:
        return None
    return SurveyReport.objects.filter(unit_id=plan.unit_id, round_id=plan.round_id).first()


def _plan_context(request, plan, **extra) -> dict:
    may_change = permissions.can(request.user, "change", plan.unit)
    activities = list(plan.activities.all())
    round_themes = list(plan.round.themes) if plan.round else []
    of_plan = Q(activity__plan=plan) | (Q(theme_id=plan.theme_id) if plan.theme_id else Q(pk=None))
    context = {
        "plan": plan,
        "unit": plan.unit,
        "activities": activities,
        "percent": plan_percent(activities),
        "done_count": sum(a.stage == Stage.DONE for a in activities),
        "may_change": may_change,
        "report": _report(request, plan),
        "round_themes": round_themes,
        "raised": queries.raised_items(RaisedItem.objects.filter(of_plan)),
        **_notes(plan),
        **stage_context(),
    }
    if may_change:
        context.setdefault(
            "themes_form",
            SurveyThemesForm(round_themes=round_themes, initial={"themes": plan.survey_themes}),
        )
        context.setdefault(
            "follow_up_form",
            FollowUpForm(initial={"first": plan.follow_up_first, "second": plan.follow_up_second}),
        )
    context.update(extra)
    return context


@declare("unit_view")
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    return render(request, "actionplans/plan_detail.html", _plan_context(request, plan))


@declare("unit_change")
def plan_answers(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The arrow's answers, edited by the trio. A save made on an older version than the
    stored one is not written: the page shows what was typed beside what is stored now."""
    plan = _plan(request, plan_id, "change")
    form = PlanAnswersForm(request.POST or None, instance=plan)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            editing.answer(plan, version=form.cleaned_data["version"], **form.answers())
        except PlanConflict as refused:
            # what is stored now, read before a bound form writes the typed text onto it
            conflict = {name: getattr(refused.current, name) for name in ANSWER_FIELDS}
            data = request.POST.copy()
            data["version"] = refused.current.version
            form = PlanAnswersForm(data, instance=refused.current)
            form.is_valid()
        else:
            messages.success(request, _("Svarene er gemt."))
            return _to_plan(plan, "#answers")
    rows = []
    for field in form.visible_fields():
        stored = conflict.get(field.name) if conflict else None
        typed = (form.data.get(field.name) or "").strip() if conflict else None
        rows.append((field, stored if conflict and stored.strip() != typed else None))
    return render(
        request,
        "actionplans/plan_answers.html",
        {"plan": plan, "unit": plan.unit, "form": form, "conflict": conflict, "rows": rows},
    )


@declare("unit_change", method="POST")
@require_POST
def plan_survey_themes(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id, "change")
    round_themes = list(plan.round.themes) if plan.round else []
    form = SurveyThemesForm(request.POST, round_themes=round_themes)
    if not form.is_valid():
        return render(
            request,
            "actionplans/plan_detail.html",
            _plan_context(request, plan, themes_form=form),
            status=400,
        )
    editing.set_survey_themes(plan, form.cleaned_data["themes"])
    messages.success(request, _("Målingens temaer er gemt."))
    return _to_plan(plan, "#survey-themes")


@declare("unit_change", method="POST")
@require_POST
def plan_follow_ups(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id, "change")
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "actionplans/plan_detail.html",
            _plan_context(request, plan, follow_up_form=form),
            status=400,
        )
    editing.set_follow_ups(
        plan, first=form.cleaned_data["first"], second=form.cleaned_data["second"]
    )
    messages.success(request, _("Opfølgningsdatoerne er gemt."))
    return _to_plan(plan, "#follow-ups")


# --- activities ------------------------------------------------------------------------------


def _save_activity(request, plan, activity, form) -> HttpResponse:
    choice = form.tovholder_choice()
    tovholder = editing.tovholder_for(plan.unit, **choice)
    activity = editing.save_activity(plan, activity, tovholder=tovholder, **form.activity_fields())
    messages.success(request, _("Aktiviteten er gemt."))
    return _to_plan(plan, f"#activity-{activity.pk}")


@declare("unit_change")
def plan_delete(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Delete a plan made by mistake, after a confirmation page; refused for a plan the
    krænkelse rule keeps."""
    plan = _plan(request, plan_id, "change")
    refusal = editing.plan_delete_refusal(plan)
    if refusal:
        messages.error(request, refusal)
        return _to_plan(plan)
    count = plan.activities.count()
    if request.method == "POST":
        unit = plan.unit
        editing.delete_plan(plan)
        messages.success(request, _("Handleplanen “%(title)s” er slettet.") % {"title": plan.title})
        return redirect("actionplans:plan_list", unit_id=unit.pk)
    return render(
        request,
        "actionplans/confirm.html",
        {
            "unit": plan.unit,
            "plan": plan,
            "title": _("Slet handleplan"),
            "question": ngettext(
                "Vil du slette handleplanen “%(title)s” med dens %(n)s aktivitet og dens historik?",
                "Vil du slette handleplanen “%(title)s” med dens %(n)s aktiviteter og deres "
                "historik?",
                count,
            )
            % {"title": plan.title, "n": count},
            "confirm": _("Ja, slet planen"),
            "cancel_url": reverse("actionplans:plan_detail", args=[plan.pk]),
        },
    )


@declare("unit_change")
def activity_create(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id, "change")
    form = ActivityForm(request.POST or None, unit=plan.unit)
    if request.method == "POST" and form.is_valid():
        return _save_activity(request, plan, None, form)
    return render(
        request,
        "actionplans/activity_form.html",
        {"plan": plan, "unit": plan.unit, "form": form, "title": _("Ny aktivitet")},
    )


@declare("unit_change")
def activity_edit(request: HttpRequest, plan_id: int, activity_id: int) -> HttpResponse:
    activity = _activity(request, plan_id, activity_id)
    plan = activity.plan
    form = ActivityForm(request.POST or None, instance=activity, unit=plan.unit)
    if request.method == "POST" and form.is_valid():
        return _save_activity(request, plan, activity, form)
    return render(
        request,
        "actionplans/activity_form.html",
        {"plan": plan, "unit": plan.unit, "form": form, "title": _("Ret aktivitet")},
    )


@declare("unit_change")
def activity_delete(request: HttpRequest, plan_id: int, activity_id: int) -> HttpResponse:
    activity = _activity(request, plan_id, activity_id)
    plan = activity.plan
    if request.method == "POST":
        editing.delete_activity(activity)
        messages.success(request, _("Aktiviteten er slettet."))
        return _to_plan(plan, "#activities")
    return render(
        request,
        "actionplans/confirm.html",
        {
            "unit": plan.unit,
            "plan": plan,
            "title": _("Slet aktivitet"),
            "question": _("Vil du slette aktiviteten “%(what)s” og dens historik?")
            % {"what": activity.what},
            "confirm": _("Ja, slet"),
            "cancel_url": reverse("actionplans:plan_detail", args=[plan.pk]),
        },
    )


@declare("unit_change", method="POST")
@require_POST
def activity_stage(request: HttpRequest, plan_id: int, activity_id: int) -> HttpResponse:
    """The status arrow, one click (and a comment): kept as an update in the history."""
    activity = _activity(request, plan_id, activity_id)
    form, error = move_by_form(request, activity, by_user=request.user)
    if request.htmx:
        return _stage_regions(request, plan_id, activity.pk, form, error)
    if error or not form.is_valid():
        messages.error(request, error or _first_error(form))
    else:
        messages.success(request, _("Status er opdateret."))
    return _to_plan(activity.plan, f"#activity-{activity.pk}")


def _stage_regions(request, plan_id, activity_id, form, error) -> HttpResponse:
    """The activity's status region and, out of band, the plan's arrow."""
    plan = _plan(request, plan_id, "change")
    context = _plan_context(request, plan)
    context["activity"] = next(a for a in context["activities"] if a.pk == activity_id)
    failed = bool(error) or not form.is_valid()
    context.update(stage_form=form if failed else None, stage_error=error, stage_done=not failed)
    html = render_to_string("actionplans/plan_detail.html#activity-stage", context, request)
    context["oob"] = True
    html += render_to_string("actionplans/plan_detail.html#plan-arrow", context, request)
    # htmx swaps only 2xx answers: a refused move shows its reason in the region it replaces
    return HttpResponse(html)


def _first_error(form) -> str:
    for errors in form.errors.values():
        return errors[0]
    return ""
