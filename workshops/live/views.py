"""The live session: facilitator console, wall (projector) and participants' phones.

Every change is a POST validated by a form (forms.py) that records which screens it
refreshes (changes.py). The acting screen gets its changed regions in the answer; the others
ask "anything newer than N?" every ~1.5 s (`*_sync`): 204 when nothing changed, else their
live regions, rendered from the same partials as the first page load. What a phase shows
comes from its tool's definition (workshops/tools/): no view branches on a tool's name.
"""

import io
import json
import uuid

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from actionplans.actions import PlanConflict
from units.permissions import declare

from .. import groups, kinds
from ..models import NOTE_MAX_LENGTH, Factor, Note, Participant, Workshop
from ..permissions import (
    check_may_facilitate,
    get_participant,
    get_participant_by_token,
    get_workshop_by_token,
    get_workshop_by_wall_token,
    get_workshop_to_facilitate,
    participant_cookie_name,
    participant_cookie_path,
    require_participant,
    screen_key,
    screen_key_valid,
    screen_wall_token,
    wall_key_allows,
)
from ..sync import reads, revisions
from ..tools import PRESENT, boards, tool_of
from . import actions as live
from . import forms
from .arrow import closing_refusal
from .board import ThemeConflict

POLL_MS = 1500
# The console asks half as often: it re-renders on every change in the room (a post-it about
# every second while people write) and costs three times a wall update, while its own
# actions are answered at once. Counts on the console may be up to 3 s old (docs/performance.md).
CONSOLE_POLL_MS = 3000


def _client_ip(request) -> str:
    # the client behind the trusted proxies (docs/deployment.md, "Client addresses")
    from trivsel.clientip import NO_ADDRESS, client_ip

    return client_ip(request) or NO_ADDRESS


def join_url(request, workshop: Workshop) -> str:
    return request.build_absolute_uri(reverse("participant:screen", args=[workshop.join_token]))


def wall_link_url(request, workshop: Workshop) -> str:
    if not workshop.wall_token:
        return ""
    return request.build_absolute_uri(reverse("wall_link", args=[workshop.wall_token]))


def _timer_context(workshop: Workshop) -> dict:
    now = timezone.now()
    left = live.timer_seconds_left(workshop, now)
    phase = workshop.current_phase
    return {
        "timer_left": left,
        "timer_running": workshop.timer_ends_at is not None,
        # stopped part-way, or not started yet: "på pause" read as the break on the wall
        "timer_stopped": left is not None and phase is not None and left < phase.minutes * 60,
        "timer_ends_ms": int(workshop.timer_ends_at.timestamp() * 1000)
        if workshop.timer_ends_at
        else None,
        "server_now_ms": int(now.timestamp() * 1000),
    }


def _board_context(request, workshop: Workshop, *, wall_token: str | None = None) -> dict:
    """What the wall and the console show: the phase and its tool, the timer, the counts, and
    what the tool's board shows (workshops/tools/boards.py). The wall needs only "phase n of
    m", not the agenda: phase orders are kept 1..m by the preparation, and `phase_total` and
    `pink_left` come with the wall's read of the workshop."""
    tool = tool_of(workshop.current_phase)
    counts = reads.participant_counts(workshop)
    phase = workshop.current_phase
    phase_total = getattr(workshop, "phase_total", None)
    if phase_total is None:
        phase_total = workshop.phases.count()
    pink_left = getattr(workshop, "pink_left", None)
    if pink_left is None:
        pink_left = reads.pink_left(workshop)
    return {
        "workshop": workshop,
        "phase": phase,
        "tool": tool,
        **(tool.board(workshop) if tool.board else boards.NO_NOTES),
        "phase_total": phase_total,
        "phase_number": phase.order if phase else 0,
        "counts": counts,
        "silent": [c for c in counts if not c.written],
        "participant_total": len(counts),
        "written_total": sum(c.written for c in counts),
        "left_total": sum(c.left_total for c in counts),
        "pink_left": pink_left,
        # the table plan on the wall in the phases that show it: the next round's tables
        # (the welcome: round 1; the break: the new tables of round 2)
        "table_plan": groups.wall_plan(workshop) if tool.table_plan else [],
        "presenting": None if workshop.anonymous else workshop.presenting,
        "join_open": live.join_allowed(workshop),
        "join_url": join_url(request, workshop),
        "join_host": request.get_host(),
        # a wall opened by its link has no login: its QR comes by the link too
        "qr_url": reverse("wall_link_join_qr", args=[wall_token])
        if wall_token
        else reverse("workshops:qr", args=[workshop.pk]),
        **_timer_context(workshop),
    }


# Facilitator and wall ----------------------------------------------------------------------


def _console_context(request, workshop, drawers=None) -> dict:
    """The facilitator's live regions: the board plus the trio's pink post-its, who presents
    next, and the wall link. The status drawer (None: every drawer) says before any confirm
    why the workshop cannot be closed yet."""
    context = _board_context(request, workshop)
    if (drawers is None or "status" in drawers) and "closing_refusal" not in context:
        context["closing_refusal"] = (
            "" if workshop.status == Workshop.Status.CLOSED else closing_refusal(workshop)
        )
    context.update(
        pink_notes=reads.pink_notes(workshop),
        next_presenter=_next_presenter(workshop, context["counts"]),
        wall_link=wall_link_url(request, workshop),
        timer_steps=(1, 5),
        next_phase=_next_phase(workshop),
        reopenable=live.reopenable(workshop),
    )
    if drawers is None or "groups" in drawers:
        context.update(
            group_phase=groups.group_round(workshop.current_phase) is not None,
            group_plan=groups.table_plan(workshop),
            group_rounds=groups.rounds_of(workshop),
        )
    return context


def _next_phase(workshop):
    phases = workshop.phases.order_by("order", "pk")
    if workshop.current_phase is not None:
        phases = phases.filter(order__gt=workshop.current_phase.order)
    return phases.first()


def _next_presenter(workshop, counts):
    if workshop.anonymous:
        return None
    pk = live.next_presenter(workshop, counts)
    return next((c for c in counts if c.pk == pk), None)


@declare("facilitate")
@never_cache
def facilitator(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = get_workshop_to_facilitate(request.user, workshop_id)
    context = _console_context(request, workshop)
    context.update(
        phases=list(workshop.phases.order_by("order", "pk")),
        screen_key=screen_key(workshop, request.user),
        behalf_form=forms.OnBehalfForm(workshop=workshop),
        note_max_length=NOTE_MAX_LENGTH,
        poll_ms=CONSOLE_POLL_MS,
    )
    return render(request, "workshops/live/facilitator.html", context)


def _wall_page(request, workshop, key) -> HttpResponse:
    context = _board_context(request, workshop, wall_token=screen_wall_token(key))
    context["screen_key"] = key
    return render(request, "workshops/live/wall.html", context)


@declare("facilitate")
@never_cache
def wall(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = get_workshop_to_facilitate(request.user, workshop_id)
    return _wall_page(request, workshop, screen_key(workshop, request.user))


@declare("public")
@never_cache
def wall_by_link(request: HttpRequest, wall_token: str) -> HttpResponse:
    """The wall for a projector PC that is not the leader's: no login, only what the room
    sees; dead once the link is revoked or the workshop closed."""
    workshop = get_workshop_by_wall_token(wall_token)
    return _wall_page(request, workshop, screen_key(workshop, wall_token=wall_token))


@declare("token")
@never_cache
def screen_sync(request: HttpRequest, workshop_id: int, screen: str) -> HttpResponse:
    """The facilitator's and the wall's "anything new?" check. The screen's key comes in a
    header (`X-Screen-Key`), never in the URL, which proxies and access logs keep."""
    key = request.headers.get("X-Screen-Key", "")
    if screen not in ("facilitator", "wall"):
        raise PermissionDenied
    since = request.GET.get("since")
    # One query reads the revision and the workshop as the wall and the console show it.
    workshop = reads.wall_workshop(workshop_id)
    if workshop is None or not screen_key_valid(key, workshop_id):
        raise PermissionDenied
    if screen == "wall" and workshop.status == Workshop.Status.CLOSED:
        # A calm last screen, and the wall stops asking (static/js/live.js): 410, not a
        # refusal popping up on the projector. It holds nothing of the session.
        return render(
            request, "workshops/live/wall.html#closed", {"workshop": workshop}, status=410
        )
    if str(workshop.revision) == since:
        return HttpResponse(status=204)  # shows nothing: the key's signature is enough
    if screen == "wall":
        # Something to show, and the wall has no login: its key must still stand for access.
        # Revoking a link and closing are changes themselves, so a wall learns of them at
        # once; after a lost role or a deactivated user, the next change is refused.
        if not wall_key_allows(key, workshop):
            raise PermissionDenied
        context = _board_context(request, workshop, wall_token=screen_wall_token(key))
        return render(request, "workshops/live/wall.html#regions", context)
    # The console holds more (pink post-its before reveal, names): the logged-in user must
    # still be allowed to run this workshop.
    check_may_facilitate(request.user, workshop)
    return _console_regions(request, workshop, drawers=request.GET.get("open", "").split(","))


ALL_DRAWERS = ("participants", "pink", "wall-link", "status", "groups")


def _console_regions(request, workshop, message="", drawers=ALL_DRAWERS) -> HttpResponse:
    """The console's regions: the console itself and the drawers named (all of them after
    an action: it may have changed any)."""
    context = _console_context(request, workshop, drawers)
    context["drawers"] = drawers
    response = render(request, "workshops/live/facilitator.html#regions", context)
    if message:
        # live.js reads it into the console's status line, for screen readers too
        response["HX-Trigger"] = json.dumps({"live-message": message})
    return response


@declare("facilitate")
def qr_code(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = get_workshop_to_facilitate(request.user, workshop_id)
    return _qr(join_url(request, workshop), _("QR-kode til at deltage"))


@declare("facilitate")
def wall_link_qr(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = get_workshop_to_facilitate(request.user, workshop_id)
    if not workshop.wall_token:
        raise Http404
    return _qr(wall_link_url(request, workshop), _("QR-kode til væggen"))


@declare("public")
def wall_link_join_qr(request: HttpRequest, wall_token: str) -> HttpResponse:
    """The join QR as a wall opened by its link shows it."""
    workshop = get_workshop_by_wall_token(wall_token)
    return _qr(join_url(request, workshop), _("QR-kode til at deltage"))


def _qr(url: str, title: str) -> HttpResponse:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=8, border=2, title=title)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


# The facilitator's actions -----------------------------------------------------------------


def _is_script(request) -> bool:
    return bool(request.htmx) or request.headers.get("X-Requested-With") == "fetch"


def _answered(request, workshop_id: int, message: str = "") -> HttpResponse:
    """htmx gets the console's regions at once (and the status line's message); a plain
    form post goes back to the console."""
    if _is_script(request):
        return _console_regions(request, reads.wall_workshop(workshop_id), message)
    if message:
        messages.success(request, message)
    return redirect("workshops:live", workshop_id=workshop_id)


def _refused(request, workshop_id, error) -> HttpResponse:
    if _is_script(request):
        payload = {"error": str(error)}
        if getattr(error, "way_on", None):
            payload["way_on"] = error.way_on  # the one-click way on (live.js offers it)
        return JsonResponse(payload, status=400)
    messages.error(request, str(error))
    return redirect("workshops:live", workshop_id=workshop_id)


def _run(request, workshop_id, form_class, change) -> HttpResponse:
    """The shape of every console action: permission, form, one change, the answer."""
    workshop = get_workshop_to_facilitate(request.user, workshop_id)
    form = form_class(request.POST, workshop=workshop)
    if not form.is_valid():
        return _refused(request, workshop_id, form.first_error())
    try:
        message = change(workshop, form.cleaned_data)
    except ThemeConflict as conflict:
        return _conflict(request, workshop_id, conflict)
    except (live.LiveError, PlanConflict) as error:
        return _refused(request, workshop_id, error)
    return _answered(request, workshop_id, message or "")


def _conflict(request, workshop_id, conflict) -> HttpResponse:
    """Another console changed the theme first: say so, with the theme as it is now; the
    console then fetches the fresh board (live.js syncs after a refusal)."""
    if not _is_script(request):
        return _refused(request, workshop_id, conflict)
    theme = conflict.theme
    fresh = {
        "id": theme.pk,
        "title": theme.title,
        "version": theme.version,
        "column": theme.column,
        "impact": theme.impact,
        "influence": theme.influence,
        "chosen": theme.chosen,
    }
    return JsonResponse({"error": str(conflict), "theme": fresh}, status=409)


def _phase_change(workshop, data):
    if data["action"] == "goto":
        live.set_phase(workshop.pk, data["phase"])
    else:
        live.step_phase(workshop, 1 if data["action"] == "next" else -1)


@declare("facilitate", method="POST")
@require_POST
def phase_action(request: HttpRequest, workshop_id: int) -> HttpResponse:
    return _run(request, workshop_id, forms.PhaseForm, _phase_change)


@declare("facilitate", method="POST")
@require_POST
def timer_action(request: HttpRequest, workshop_id: int) -> HttpResponse:
    return _run(
        request,
        workshop_id,
        forms.TimerForm,
        lambda w, data: live.timer(w.pk, data["action"], data["minutes"] or 0) and "",
    )


@declare("facilitate", method="POST")
@require_POST
def autostart_action(request: HttpRequest, workshop_id: int) -> HttpResponse:
    def change(workshop, data):
        live.set_timer_autostart(workshop.pk, data["phase"].pk, data["timer_autostart"])
        if data["timer_autostart"]:
            return _("Tiden starter af sig selv, når fasen starter.")
        return _("Tiden står på pause, når fasen starter.")

    return _run(request, workshop_id, forms.AutostartForm, change)


@declare("facilitate", method="POST")
@require_POST
def tool_action(request: HttpRequest, workshop_id: int, action: str) -> HttpResponse:
    """An action of the current phase's tool (workshops/tools/): refused outside it."""
    workshop = get_workshop_to_facilitate(request.user, workshop_id)
    found = tool_of(workshop.current_phase).actions.get(action)
    if found is None:
        return _refused(request, workshop_id, _("Det kan man ikke i denne fase."))
    return _run(request, workshop_id, found.form, found.run)


@declare("facilitate", method="POST")
@require_POST
def status_action(request: HttpRequest, workshop_id: int) -> HttpResponse:
    def change(workshop, data):
        closing = data["status"] == Workshop.Status.CLOSED
        if closing and data["expect_refusal"] and not closing_refusal(workshop):
            # the console said "cannot close" and asked no confirm: it asks now
            return _("Nu kan workshoppen afsluttes. Tryk «Afslut workshoppen» igen og bekræft.")
        live.set_status(workshop.pk, data["status"])
        if closing:
            return _("Workshoppen er afsluttet.")
        return _("Workshoppen er åben igen.")

    return _run(request, workshop_id, forms.StatusForm, change)


@declare("facilitate", method="POST")
@require_POST
def note_on_behalf(request: HttpRequest, workshop_id: int) -> HttpResponse:
    def change(workshop, data):
        live.add_note_on_behalf(
            workshop.pk,
            name=data["name"],
            kind=data["kind"],
            text=data["text"],
            factor=data["factor"],
        )
        return _("Post-it'en er tilføjet.")

    return _run(request, workshop_id, forms.OnBehalfForm, change)


@declare("facilitate", method="POST")
@require_POST
def settings_action(request: HttpRequest, workshop_id: int) -> HttpResponse:
    def change(workshop, data):
        live.update_settings(
            workshop.pk,
            min_notes=data["min_notes"],
            max_notes=data["max_notes"],
        )
        return _("Indstillingerne er gemt.")

    return _run(request, workshop_id, forms.SettingsForm, change)


@declare("facilitate", method="POST")
@require_POST
def wall_link_action(request: HttpRequest, workshop_id: int) -> HttpResponse:
    def change(workshop, data):
        if data["action"] == "open":
            live.open_wall_link(workshop.pk)
            return _("Der er lavet et nyt væglink. Et tidligere link virker ikke længere.")
        live.revoke_wall_link(workshop.pk)
        return _("Væglinket er lukket.")

    return _run(request, workshop_id, forms.WallLinkForm, change)


# Participants --------------------------------------------------------------------------------


@declare("public")
def join_by_code(request: HttpRequest) -> HttpResponse:
    """The short-code form: a phone types the code shown on the wall."""
    error = None
    status = 200
    form = forms.JoinCodeForm(request.POST or None)
    if request.method == "POST":
        ip = _client_ip(request)
        with live.join_codes_in_turn():  # the count and the failure as one step
            if live.too_many_join_attempts(ip):
                error, status = _("For mange forkerte forsøg. Vent et minut, og prøv igen."), 429
            elif not form.is_valid():
                error, status = form.errors["code"][0], 400
            else:
                workshop = live.find_by_code(form.cleaned_data["code"])
                if workshop and live.join_allowed(workshop):
                    return redirect("participant:screen", join_token=workshop.join_token)
                if workshop:
                    error = _("Workshoppen er afsluttet, så der kan ikke komme flere ind. Tak!")
                    status = 410
                else:
                    live.record_failed_join(ip)
                    error = _("Vi kender ikke den kode. Tjek koden på skærmen, og prøv igen.")
                    status = 400
    return render(
        request,
        "workshops/live/join.html",
        {"error": error, "code": request.POST.get("code", "")[:12]},
        status=status,
    )


def _notes_url(workshop: Workshop) -> str:
    """A phone's post-its' address; one post-it's is this plus its id (urls_participant)."""
    return reverse("participant:note_add", args=[workshop.join_token])


def _phone_context(workshop: Workshop, participant: Participant) -> dict:
    """What a phone shows: the phase, the timer and its own post-its. Not the board: the
    room looks at the wall for that, so a phone needs no board queries."""
    mine = reads.own_notes(participant)
    phase = workshop.current_phase
    tool = tool_of(phase)
    return {
        **(tool.phone_board(workshop, participant) if tool.phone_board else {}),
        # in a group phase: "Du er i gruppe N", its people and theme (none outside one)
        **groups.phone_group(workshop, participant),
        "workshop": workshop,
        "phase": phase,
        "tool": tool,
        "participant": participant,
        "notes_url": _notes_url(workshop),
        "phone_rev": workshop.phone_revision_for(participant),
        "my_notes": mine,
        "my_count": len(mine),
        "my_left": sum(1 for n in mine if not n.is_revealed),
        # the composer and the edit and delete buttons: only where a write is allowed
        "writing": not live.writing_refusal(workshop),
        "note_max_length": NOTE_MAX_LENGTH,
        **_timer_context(workshop),
    }


@declare("public")
@never_cache
def participant_screen(request: HttpRequest, join_token: str) -> HttpResponse:
    workshop = get_workshop_by_token(join_token)
    participant = get_participant(request, workshop)
    if participant is None:
        return render(
            request,
            "workshops/live/join_name.html",
            {"workshop": workshop, "open": live.join_allowed(workshop)},
        )
    context = _phone_context(workshop, participant)
    context["factors"] = Factor.choices
    # the composer's choices: the workshop's post-it kinds (the method's)
    context["note_kinds"] = kinds.kinds_of(workshop)
    context["kind_message"] = kinds.choose_message(workshop)
    return render(request, "workshops/live/participant.html", context)


@declare("public", method="POST")
@require_POST
def participant_join(request: HttpRequest, join_token: str) -> HttpResponse:
    workshop = get_workshop_by_token(join_token)
    if get_participant(request, workshop) is not None:
        return redirect("participant:screen", join_token=join_token)
    form = forms.JoinForm(request.POST, workshop=workshop)
    error = None if form.is_valid() else form.first_error()
    if error is None:
        try:
            participant = live.join(workshop, display_name=form.cleaned_data["display_name"])
        except live.LiveError as refusal:
            error = str(refusal)
    if error is not None:
        return render(
            request,
            "workshops/live/join_name.html",
            {"workshop": workshop, "open": live.join_allowed(workshop), "error": error},
            status=400 if live.join_allowed(workshop) else 403,
        )
    response = redirect("participant:screen", join_token=join_token)
    response.set_cookie(
        participant_cookie_name(workshop),
        participant.token,
        max_age=7 * 24 * 3600,
        path=participant_cookie_path(workshop),
        httponly=True,
        samesite="Lax",
        secure=not settings.DEBUG and request.is_secure(),
    )
    return response


@declare("token")
@never_cache
def participant_sync(request: HttpRequest, join_token: str) -> HttpResponse:
    """A phone's "anything new?" check: one query joining participant and workshop.
    (In production the WSGI fast path answers the 204 before Django; same question.)"""
    participant = reads.phone_participant(join_token, revisions.cookie_tokens(request.COOKIES))
    if participant is None:
        raise PermissionDenied
    workshop = participant.workshop
    if workshop.phone_revision_for(participant) == request.GET.get("since"):
        return HttpResponse(status=204)
    context = _phone_context(workshop, participant)
    return render(request, "workshops/live/participant.html#regions", context)


def _note_json(note: Note) -> dict:
    return {
        "id": note.pk,
        "version": note.version,
        "text": note.text,
        "kind": note.kind,
        "factor": note.factor,
        "revealed": note.is_revealed,
        "deleted": note.deleted,
        "client_key": str(note.client_key),
    }


def _participant_reply(request, join_token, payload, status=200, participant=None):
    """JSON for the phone's script, a redirect for a plain form. With `participant`, the
    answer carries the phone's new region (and revision), so the phone needs no extra poll to
    show its own change."""
    if request.headers.get("X-Requested-With") == "fetch":
        if participant is not None:
            context = _phone_context(participant.workshop, participant)
            payload["regions"] = render_to_string(
                "workshops/live/participant.html#regions", context, request=request
            )
        return JsonResponse(payload, status=status)
    if "error" in payload:
        messages.error(request, payload["error"])
    return redirect("participant:screen", join_token=join_token)


def _refused_note(request, join_token, form) -> HttpResponse:
    return _participant_reply(request, join_token, {"error": form.first_error()}, status=400)


@declare("token", method="POST")
@require_POST
def participant_note_add(request: HttpRequest, join_token: str) -> HttpResponse:
    participant = get_participant_by_token(request, join_token)
    workshop = participant.workshop
    form = forms.NoteForm(request.POST, workshop=workshop)
    if not form.is_valid():
        return _refused_note(request, join_token, form)
    data = form.cleaned_data
    try:
        note, created = live.add_note(
            participant,
            client_key=data["client_key"] or uuid.uuid4(),  # none: a form without JavaScript
            kind=data["kind"],
            text=data["text"],
            factor=data["factor"],
        )
    except live.LiveError as error:
        return _participant_reply(request, join_token, {"error": str(error)}, status=400)
    payload = {"note": _note_json(note), "created": created}
    status = 201 if created else 200
    before = f"{workshop.phone_revision}.{participant.revision - 1}"
    if created and request.headers.get("X-Requested-With") == "fetch" and data["rev"] == before:
        # The phone was up to date and its new post-it is the only change since (the bump
        # returned the exact revisions): one item to add to its list, not the whole region,
        # which would re-render every post-it it has (docs/performance.md). A post-it is
        # only written in the writing phase (actions.writing_refusal).
        payload["rev"] = workshop.phone_revision_for(participant)
        payload["own_note"] = render_to_string(
            "workshops/live/participant.html#own_note",
            # the workshop: its kinds' words for the post-it's badge (kind_badge)
            {
                "note": note,
                "workshop": workshop,
                "notes_url": _notes_url(workshop),
                "writing": True,
            },
            request=request,
        )
        return JsonResponse(payload, status=status)
    return _participant_reply(request, join_token, payload, status, participant=participant)


@declare("token", method="POST")
@require_POST
def participant_note_change(request: HttpRequest, join_token: str, note_id: int) -> HttpResponse:
    """Edit, delete or restore one's own post-it, guarded by its version."""
    workshop = get_workshop_by_token(join_token)
    participant = require_participant(request, workshop)
    note = get_object_or_404(Note, pk=note_id, workshop=workshop, participant=participant)
    form = forms.NoteChangeForm(request.POST, workshop=workshop)
    if not form.is_valid():
        return _refused_note(request, join_token, form)
    action, version = form.cleaned_data["action"] or "edit", form.cleaned_data["version"] or 0
    try:
        if action == "delete":
            note = live.delete_note(note.pk, version=version)
        elif action == "restore":
            note = live.restore_note(note.pk)
        else:
            fields = form.note_fields(request.POST)
            if not fields.is_valid():
                return _refused_note(request, join_token, fields)
            note = live.edit_note(
                note.pk,
                version=version,
                text=fields.cleaned_data["text"],
                kind=fields.cleaned_data["kind"],
                factor=fields.cleaned_data["factor"],
            )
    except live.Conflict as conflict:
        return _participant_reply(
            request, join_token, {"error": str(conflict), "note": _note_json(conflict.note)}, 409
        )
    except live.LiveError as error:
        return _participant_reply(request, join_token, {"error": str(error)}, status=400)
    participant.refresh_from_db(fields=["revision"])
    return _participant_reply(
        request, join_token, {"note": _note_json(note)}, participant=participant
    )


@declare("token", method="POST")
@require_POST
def participant_present(request: HttpRequest, join_token: str) -> HttpResponse:
    """The participant shows their own next two post-its on the wall."""
    workshop = get_workshop_by_token(join_token)
    participant = require_participant(request, workshop)
    form = forms.EmptyForm(request.POST, workshop=workshop)
    if (
        not form.is_valid()
        or workshop.anonymous
        or tool_of(workshop.current_phase).phone != PRESENT
    ):
        return _participant_reply(
            request, join_token, {"error": _("Det er ikke tid til at præsentere.")}, status=400
        )
    try:
        revealed = live.reveal_next_pair(workshop.pk, participant.pk)
    except live.LiveError:
        return _participant_reply(
            request, join_token, {"error": _("Du har ikke flere post-its at vise.")}, status=400
        )
    return _participant_reply(request, join_token, {"revealed": [n.pk for n in revealed]})
