"""The trio's workspace to prepare a workshop (issue 4).

Every view looks its objects up through units.permissions: the unit's trio and HR change
("unit_change"), MED reads ("unit_view"), everyone else gets 404. Pages that anyone who may
view can open receive `may_change` and show edit controls only when it is true. htmx posts
get the changed partial back; the same forms work as plain posts with a redirect."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units import permissions
from units.permissions import declare

from . import permissions as workshop_permissions
from . import preparation
from .agenda import build_agenda
from .forms import (
    BreakForm,
    ChecklistItemForm,
    GroundRulesForm,
    InvitationForm,
    PhaseMinutesForm,
    PinkNoteForm,
    PrepItemForm,
    WorkshopForm,
)
from .models import ChecklistItem, PrepItem, Workshop, WorkshopPhase
from .tools.closing import summary as closing_summary
from .topic_choice import ballot_counts


def _workshop(request, workshop_id, action="view") -> Workshop:
    queryset = Workshop.objects.select_related("method", "round", "facilitator")
    if action == "view":  # the workshop's facilitator reads its preparation too
        return workshop_permissions.get_workshop_to_view(request.user, queryset, workshop_id)
    return permissions.get_for_unit(request.user, queryset, action, pk=workshop_id)


def _part(request, model_or_qs, workshop_id, pk, action="change"):
    """One object of a workshop (phase, note, item), checked against the workshop's unit."""
    queryset = model_or_qs.objects.all() if hasattr(model_or_qs, "objects") else model_or_qs
    return permissions.get_for_unit(
        request.user,
        queryset.select_related("workshop"),
        action,
        unit_field="workshop__unit",
        pk=pk,
        workshop_id=workshop_id,
    )


def _page(request, workshop, **extra) -> dict:
    # After an htmx swap the browser focuses the element marked autofocus, so keyboard
    # users stay on the control they used (focus = (kind, pk), e.g. ("up", 12)).
    extra["focus_kind"], extra["focus_pk"] = extra.pop("focus", (None, None))
    return {
        "workshop": workshop,
        "unit": workshop.unit,
        "may_change": permissions.can(request.user, "change", workshop.unit),
        "may_run": workshop_permissions.may_facilitate(request.user, workshop),
        "may_view_unit": permissions.can(request.user, "view", workshop.unit),
        **extra,
    }


def _to(name, workshop, anchor="") -> HttpResponse:
    return redirect(reverse(f"workshops:{name}", args=[workshop.pk]) + anchor)


# --- the workshop ----------------------------------------------------------------------


@declare("unit_change")
def workshop_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = permissions.get_unit_for(request.user, unit_id, "change")
    method = preparation.default_method()
    form = WorkshopForm(
        request.POST or None,
        unit=unit,
        initial={"method": method, "planned_minutes": 150},
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "method"}
        workshop = preparation.create_workshop(
            unit=unit, method=form.cleaned_data["method"], **fields
        )
        messages.success(request, _("Trivselsdialogen er oprettet. Gå planen igennem herunder."))
        return _to("workshop_detail", workshop)
    return render(request, "workshops/workshop_form.html", {"form": form, "unit": unit})


@declare("workshop_view")
def workshop_detail(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id)
    return render(
        request,
        "workshops/workshop_detail.html",
        _page(
            request,
            workshop,
            agenda=preparation.agenda_for(workshop),
            facilitator=preparation.facilitator_display(workshop),
            pink_count=preparation.pink_notes(workshop).count(),
            prep_counts=preparation.prep_counts(workshop),
            closing=closing_summary(workshop) if workshop.status == "closed" else None,
            topic_cards=ballot_counts(workshop) if workshop.topic_choices else None,
            **_checklist_context(workshop),
        ),
    )


@declare("unit_change")
def workshop_edit(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id, "change")
    form = WorkshopForm(request.POST or None, instance=workshop, unit=workshop.unit)
    if request.method == "POST" and form.is_valid():
        preparation.change_details(workshop, form=form)
        messages.success(request, _("Oplysningerne er gemt."))
        return _to("workshop_detail", workshop)
    return render(request, "workshops/workshop_form.html", _page(request, workshop, form=form))


# --- agenda ------------------------------------------------------------------------------


def _agenda_context(request, workshop, **extra) -> dict:
    phases = list(workshop.phases.all())
    agenda = build_agenda(phases, workshop.start_time, workshop.planned_minutes)
    return _page(
        request,
        workshop,
        agenda=agenda,
        break_form=extra.pop("break_form", None) or BreakForm(phases=phases),
        **extra,
    )


def _agenda_response(request, workshop, **extra) -> HttpResponse:
    if request.htmx:
        return render(
            request, "workshops/agenda.html#agenda", _agenda_context(request, workshop, **extra)
        )
    for message in extra.get("errors", {}).values():
        messages.error(request, message)
    return _to("agenda", workshop, "#agenda")


@declare("workshop_view")
def agenda(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id)
    return render(request, "workshops/agenda.html", _agenda_context(request, workshop))


@declare("workshop_view")
def agenda_print(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id)
    return render(
        request,
        "workshops/agenda_print.html",
        _page(
            request,
            workshop,
            agenda=preparation.agenda_for(workshop),
            facilitator=preparation.facilitator_display(workshop),
        ),
    )


@declare("unit_change", method="POST")
@require_POST
def agenda_break(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id, "change")
    form = BreakForm(request.POST, phases=list(workshop.phases.all()))
    if not form.is_valid():
        if request.htmx:
            return render(
                request,
                "workshops/agenda.html#agenda",
                _agenda_context(request, workshop, break_form=form),
            )
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        return _agenda_response(request, workshop, errors=dict(enumerate(errors)))
    pause = preparation.add_break(
        workshop, after=form.after_phase(), minutes=form.cleaned_data["minutes"]
    )
    return _agenda_response(
        request, workshop, announce=_("Pausen er indsat."), focus=("minutes", pause.pk)
    )


@declare("unit_change", method="POST")
@require_POST
def phase_move(request: HttpRequest, workshop_id: int, phase_id: int) -> HttpResponse:
    phase = _part(request, WorkshopPhase, workshop_id, phase_id)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return _agenda_response(request, phase.workshop)
    preparation.move_phase(phase, direction)
    announce = (
        _("%(name)s er flyttet op.") if direction == "up" else _("%(name)s er flyttet ned.")
    ) % {"name": phase.name}
    return _agenda_response(request, phase.workshop, announce=announce, focus=(direction, phase.pk))


@declare("unit_change", method="POST")
@require_POST
def phase_minutes(request: HttpRequest, workshop_id: int, phase_id: int) -> HttpResponse:
    phase = _part(request, WorkshopPhase, workshop_id, phase_id)
    form = PhaseMinutesForm(request.POST)
    if not form.is_valid():
        return _agenda_response(
            request, phase.workshop, errors={phase.pk: form.errors["minutes"][0]}
        )
    preparation.set_phase_minutes(phase, form.cleaned_data["minutes"])
    return _agenda_response(
        request,
        phase.workshop,
        announce=_("%(name)s varer nu %(minutes)s minutter.")
        % {"name": phase.name, "minutes": phase.minutes},
        focus=("minutes", phase.pk),
    )


@declare("unit_change")
def phase_delete(request: HttpRequest, workshop_id: int, phase_id: int) -> HttpResponse:
    phase = _part(request, WorkshopPhase, workshop_id, phase_id)
    if request.method == "POST":
        preparation.remove_phase(phase)
        messages.success(request, _("“%(name)s” er fjernet fra dagsordenen.") % {"name": phase})
        return _to("agenda", phase.workshop, "#agenda")
    return render(
        request,
        "workshops/confirm_delete.html",
        _page(
            request,
            phase.workshop,
            title=_("Fjern fra dagsordenen"),
            question=_("Vil du fjerne “%(name)s” fra dagsordenen?") % {"name": phase.name},
            cancel_url=reverse("workshops:agenda", args=[workshop_id]),
        ),
    )


# --- ground rules and expectations ------------------------------------------------------


@declare("unit_change")
def ground_rules(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id, "change")
    if request.method == "POST":
        form = GroundRulesForm(request.POST)
        removing = request.POST.get("remove", "")
        if removing.isdigit() and int(removing) < len(form.rules):
            del form.rules[int(removing)]
        if "add" not in request.POST and form.is_valid():
            preparation.change_ground_rules(
                workshop,
                rules=form.cleaned_data["rules"],
                expectations=form.cleaned_data["expectations"],
            )
            if removing:
                messages.success(request, _("Spillereglen er fjernet."))
                return _to("ground_rules", workshop)
            messages.success(request, _("Spilleregler og forventninger er gemt."))
            return _to("workshop_detail", workshop, "#ground-rules")
        rules = form.rules
    else:
        form = GroundRulesForm(
            rules=list(workshop.ground_rules), initial={"expectations": workshop.expectations}
        )
        rules = form.rules
    # Always offer empty lines to add to ("Tilføj linje" posts back for one more).
    blanks = 1 if "add" in request.POST else 0
    lines = [rule for rule in rules if rule] + [""] * (2 + blanks)
    return render(
        request,
        "workshops/ground_rules_form.html",
        _page(request, workshop, form=form, lines=lines, focus_line=len(lines) if blanks else 0),
    )


# --- pink post-its ----------------------------------------------------------------------


def _pink_page(request, workshop, form=None) -> HttpResponse:
    may_change = permissions.can(request.user, "change", workshop.unit)
    return render(
        request,
        "workshops/pink_notes.html",
        _page(
            request,
            workshop,
            notes=preparation.pink_notes(workshop),
            form=form or (PinkNoteForm(workshop=workshop) if may_change else None),
        ),
    )


@declare("workshop_view")
def pink_notes(request: HttpRequest, workshop_id: int) -> HttpResponse:
    return _pink_page(request, _workshop(request, workshop_id))


@declare("unit_change", method="POST")
@require_POST
def pink_note_create(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id, "change")
    form = PinkNoteForm(request.POST, workshop=workshop)
    if not form.is_valid():
        return _pink_page(request, workshop, form)
    preparation.add_pink_note(workshop, author=request.user, form=form)
    messages.success(request, _("Den pink post-it er tilføjet."))
    return _to("pink_notes", workshop)


def _editable_pink(request, workshop_id, note_id):
    note = _part(request, preparation.pink_notes_qs(), workshop_id, note_id)
    if note.is_revealed:
        messages.error(request, _("Post-it’en er vist på workshoppen og kan ikke længere ændres."))
        return note, _to("pink_notes", note.workshop)
    return note, None


@declare("unit_change")
def pink_note_edit(request: HttpRequest, workshop_id: int, pink_note_id: int) -> HttpResponse:
    note, refused = _editable_pink(request, workshop_id, pink_note_id)
    if refused:
        return refused
    form = PinkNoteForm(request.POST or None, instance=note, workshop=note.workshop)
    if request.method == "POST" and form.is_valid():
        preparation.change_pink_note(note, form=form)
        messages.success(request, _("Post-it’en er gemt."))
        return _to("pink_notes", note.workshop, f"#note-{note.pk}")
    return render(
        request, "workshops/pink_note_form.html", _page(request, note.workshop, form=form)
    )


@declare("unit_change")
def pink_note_delete(request: HttpRequest, workshop_id: int, pink_note_id: int) -> HttpResponse:
    note, refused = _editable_pink(request, workshop_id, pink_note_id)
    if refused:
        return refused
    if request.method == "POST":
        preparation.delete_pink_note(note)
        messages.success(request, _("Post-it’en er slettet."))
        return _to("pink_notes", note.workshop)
    return render(
        request,
        "workshops/confirm_delete.html",
        _page(
            request,
            note.workshop,
            title=_("Slet pink post-it"),
            question=_("Vil du slette post-it’en “%(text)s”?") % {"text": note.text},
            cancel_url=reverse("workshops:pink_notes", args=[workshop_id]),
        ),
    )


# --- things we solve ourselves / physical work environment ------------------------------


def _prep_page(request, workshop, forms_by_kind=None) -> HttpResponse:
    may_change = permissions.can(request.user, "change", workshop.unit)
    forms_by_kind = forms_by_kind or {}
    lists = []
    for kind, label in PrepItem.Kind.choices:
        form = forms_by_kind.get(kind)
        if form is None and may_change:
            form = PrepItemForm(prefix=kind)
        lists.append(
            {
                "kind": kind,
                "label": label,
                "items": [i for i in workshop.prep_items.all() if i.kind == kind],
                "form": form,
            }
        )
    return render(request, "workshops/prep_items.html", _page(request, workshop, lists=lists))


@declare("workshop_view")
def prep_items(request: HttpRequest, workshop_id: int) -> HttpResponse:
    return _prep_page(request, _workshop(request, workshop_id))


@declare("unit_change", method="POST")
@require_POST
def prep_item_create(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id, "change")
    kind = request.POST.get("list", PrepItem.Kind.SOLVE_OURSELVES)
    if kind not in PrepItem.Kind.values:
        kind = PrepItem.Kind.SOLVE_OURSELVES
    form = PrepItemForm(request.POST, prefix=kind)
    if not form.is_valid():
        return _prep_page(request, workshop, {kind: form})
    preparation.add_prep_item(workshop, kind=kind, text=form.cleaned_data["text"])
    messages.success(request, _("Punktet er tilføjet."))
    return _to("prep_items", workshop, f"#list-{kind}")


@declare("unit_change")
def prep_item_delete(request: HttpRequest, workshop_id: int, prep_item_id: int) -> HttpResponse:
    item = _part(request, PrepItem, workshop_id, prep_item_id)
    if request.method == "POST":
        item.delete()
        messages.success(request, _("Punktet er slettet."))
        return _to("prep_items", item.workshop, f"#list-{item.kind}")
    return render(
        request,
        "workshops/confirm_delete.html",
        _page(
            request,
            item.workshop,
            title=_("Slet punkt"),
            question=_("Vil du slette punktet “%(text)s”?") % {"text": item.text},
            cancel_url=reverse("workshops:prep_items", args=[workshop_id]),
        ),
    )


# --- checklist --------------------------------------------------------------------------


def _checklist_context(workshop) -> dict:
    done, total = preparation.checklist_progress(workshop)
    return {"checklist": list(workshop.checklist.all()), "done": done, "total": total}


def _checklist_response(request, workshop, **extra) -> HttpResponse:
    if request.htmx:
        return render(
            request,
            "workshops/workshop_detail.html#checklist",
            _page(request, workshop, **_checklist_context(workshop), **extra),
        )
    return _to("workshop_detail", workshop, "#checklist")


@declare("unit_change", method="POST")
@require_POST
def checklist_toggle(
    request: HttpRequest, workshop_id: int, checklist_item_id: int
) -> HttpResponse:
    item = _part(request, ChecklistItem, workshop_id, checklist_item_id)
    done = request.POST.get("done") == "1"
    preparation.set_checklist_done(item, done)
    return _checklist_response(request, item.workshop, focus=("check", item.pk))


@declare("unit_change", method="POST")
@require_POST
def checklist_add(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id, "change")
    form = ChecklistItemForm(request.POST)
    if form.is_valid():
        preparation.add_checklist_item(workshop, label=form.cleaned_data["label"])
        return _checklist_response(request, workshop, focus=("add", None))
    if request.htmx:
        return _checklist_response(request, workshop, checklist_form=form)
    messages.error(request, form.errors["label"][0])
    return _to("workshop_detail", workshop, "#checklist")


# --- invitation -------------------------------------------------------------------------


@declare("workshop_view")
def invitation(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id)
    return render(
        request,
        "workshops/invitation.html",
        _page(request, workshop, text=preparation.current_invitation(workshop)),
    )


@declare("unit_change")
def invitation_edit(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id, "change")
    if request.method == "POST" and "reset" in request.POST:
        workshop.invitation_text = ""
        workshop.save(update_fields=["invitation_text", "updated_at"])
        messages.success(request, _("Invitationen er sat tilbage til standardteksten."))
        return _to("invitation_edit", workshop)
    form = InvitationForm(
        request.POST or None,
        instance=workshop,
        initial={"invitation_text": preparation.current_invitation(workshop)},
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Invitationen er gemt."))
        return _to("invitation", workshop)
    return render(request, "workshops/invitation_form.html", _page(request, workshop, form=form))
