"""Groups and the table plan (seed 004, step 7: "Dan grupper med 3-4 personer … en
gruppefordeling til første runde … og en ny gruppefordeling til anden runde"): the planning
group forms both rounds ahead from a list of names and adjusts them; the facilitator forms a
round on the day and moves people (the console's drag and menu post here too)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units import permissions
from units.permissions import declare

from . import groups
from . import permissions as workshop_permissions
from .forms_groups import MoveForm, NamesForm, RoundForm
from .live.views import _answered, _is_script, _refused
from .models import Workshop


def _workshop(request, workshop_id, action="view") -> Workshop:
    queryset = Workshop.objects.select_related("unit", "method")
    if action == "view":
        return workshop_permissions.get_workshop_to_view(request.user, queryset, workshop_id)
    return permissions.get_for_unit(request.user, queryset, action, pk=workshop_id)


def _page(request, workshop, **extra) -> dict:
    plan = groups.table_plan(workshop)
    return {
        "workshop": workshop,
        "unit": workshop.unit,
        "plan": plan,
        "may_change": permissions.can(request.user, "change", workshop.unit),
        "may_run": workshop_permissions.may_facilitate(request.user, workshop),
        "names_form": NamesForm(initial={"names": "\n".join(groups.planned_names(workshop))}),
        "repeats": groups.plan_repeats(plan),
        **extra,
    }


@declare("workshop_view")
def groups_page(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id)
    return render(request, "workshops/groups.html", _page(request, workshop))


@declare("workshop_view")
def groups_print(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id)
    return render(request, "workshops/groups_print.html", _page(request, workshop))


@declare("unit_change", method="POST")
@require_POST
def groups_form_ahead(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id, "change")
    form = NamesForm(request.POST)
    if not form.is_valid():
        context = _page(request, workshop, names_form=form)
        return render(request, "workshops/groups.html", context, status=400)
    size = groups.round_size(workshop, 1)
    try:
        groups.form_ahead(workshop, form.cleaned_data["names"], size=size, seed=workshop.pk)
    except groups.GroupsRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("workshops:groups", workshop_id=workshop.pk)
    messages.success(request, _("Grupperne til begge runder er dannet. Ret dem herunder."))
    return redirect("workshops:groups", workshop_id=workshop.pk)


@declare("facilitate", method="POST")
@require_POST
def groups_move(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = workshop_permissions.get_workshop_to_facilitate(request.user, workshop_id)
    form = MoveForm(request.POST, workshop=workshop)
    to_plan = request.POST.get("back") == "plan"
    if not form.is_valid():
        if to_plan and not _is_script(request):
            messages.error(request, form.first_error())
            return redirect("workshops:groups", workshop_id=workshop.pk)
        return _refused(request, workshop.pk, form.first_error())
    try:
        member = groups.move(
            workshop, form.cleaned_data["member"].pk, form.cleaned_data["group"].pk
        )
    except groups.MoveRefused as refusal:
        return _refused(request, workshop.pk, refusal)
    message = _("%(name)s sidder nu i gruppe %(number)s.") % {
        "name": member,
        "number": member.group.number,
    }
    if to_plan and not _is_script(request):
        messages.success(request, message)
        return redirect("workshops:groups", workshop_id=workshop.pk)
    return _answered(request, workshop.pk, message)


@declare("facilitate", method="POST")
@require_POST
def groups_form_round(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = workshop_permissions.get_workshop_to_facilitate(request.user, workshop_id)
    form = RoundForm(request.POST, workshop=workshop)
    if not form.is_valid():
        return _refused(request, workshop.pk, form.first_error())
    number = form.cleaned_data["round"]
    if not workshop.participants.exists():
        return _refused(request, workshop.pk, _("Der er ingen deltagere endnu."))
    size = groups.round_size(workshop, number)
    try:
        groups.form_round(workshop, number, size=size, seed=workshop.pk)
    except groups.GroupsRefused as refusal:
        return _refused(request, workshop.pk, refusal)
    return _answered(
        request, workshop.pk, _("Grupperne til runde %(n)s er dannet.") % {"n": number}
    )
