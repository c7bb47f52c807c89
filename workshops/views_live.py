"""The live session: facilitator screen, wall (projector) and participants' phones.

Every change is a POST that bumps the workshop's revision. Screens ask "anything newer than
N?" every ~1.5 s (`*_sync`); the answer is 204 after one indexed read when nothing changed,
else the screen's live regions, rendered from the same partials as the first page load.
"""

import io
import uuid

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from units.permissions import declare

from . import hot_reads, live, revisions, visibility
from .models import Factor, Note, Participant, Workshop, WorkshopPhase
from .permissions import (
    check_may_facilitate,
    get_participant,
    get_participant_by_token,
    get_workshop_by_token,
    get_workshop_to_facilitate,
    participant_cookie_name,
    require_participant,
    screen_key,
    screen_key_valid,
)

POLL_MS = 1500


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def join_url(request, workshop: Workshop) -> str:
    return request.build_absolute_uri(reverse("participant:screen", args=[workshop.join_token]))


def _timer_context(workshop: Workshop) -> dict:
    now = timezone.now()
    return {
        "timer_left": live.timer_seconds_left(workshop, now),
        "timer_running": workshop.timer_ends_at is not None,
        "timer_ends_ms": int(workshop.timer_ends_at.timestamp() * 1000)
        if workshop.timer_ends_at
        else None,
        "server_now_ms": int(now.timestamp() * 1000),
    }


def _board_context(workshop: Workshop, *, with_agenda: bool = True) -> dict:
    """What every screen shows of the board: revealed post-its, in columns. The wall needs
    only "phase n of m", not the agenda: phase orders are kept 1..m by the preparation, and
    `phase_total` may come annotated with the workshop (one query less per wall update)."""
    revealed = visibility.revealed_notes(workshop)
    for note in revealed:
        note.author_label = visibility.author_label(note, workshop)
    counts = list(visibility.unrevealed_counts(workshop))
    phase = workshop.current_phase
    if with_agenda:
        phases = list(workshop.phases.order_by("order", "pk"))
        phase_total = len(phases)
        phase_number = next((i for i, p in enumerate(phases, 1) if p == phase), 0)
    else:
        phases = []
        phase_total = getattr(workshop, "phase_total", None)
        if phase_total is None:
            phase_total = workshop.phases.count()
        phase_number = phase.order if phase else 0
    pink_left = getattr(workshop, "pink_left", None)  # the wall's read brings it along
    if pink_left is None:
        pink_left = visibility.pink_left(workshop)
    return {
        "workshop": workshop,
        "phase": phase,
        "phases": phases,
        "phase_total": phase_total,
        "phase_number": phase_number,
        "good": [n for n in revealed if n.polarity == Note.Polarity.WORKS_WELL],
        "change": [n for n in revealed if n.polarity == Note.Polarity.CHANGE],
        "counts": counts,
        "participant_total": len(counts),
        "written_total": sum(c.written for c in counts),
        "left_total": sum(c.left_good + c.left_change for c in counts),
        "pink_left": pink_left,
        "presenting": None if workshop.anonymous else workshop.presenting,
        **_timer_context(workshop),
    }


# Facilitator and wall ----------------------------------------------------------------------


def _facilitator_board(request, workshop, *, with_agenda: bool) -> dict:
    """The facilitator's live region: the board plus the trio's pink post-its."""
    context = _board_context(workshop, with_agenda=with_agenda)
    context.update(pink_notes=visibility.pink_notes(workshop), join_url=join_url(request, workshop))
    return context


@declare("unit_change")
@never_cache
def facilitator(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = get_workshop_to_facilitate(request.user, workshop_id)
    context = _facilitator_board(request, workshop, with_agenda=True)
    context.update(
        screen_key=screen_key(workshop, request.user),
        polarities=Note.Polarity.choices,
        factors=Factor.choices,
    )
    return render(request, "workshops/live/facilitator.html", context)


@declare("unit_change")
@never_cache
def wall(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = get_workshop_to_facilitate(request.user, workshop_id)
    context = _board_context(workshop, with_agenda=False)
    context.update(
        screen_key=screen_key(workshop, request.user), join_url=join_url(request, workshop)
    )
    return render(request, "workshops/live/wall.html", context)


@declare("token")
@never_cache
def screen_sync(request: HttpRequest, workshop_id: int, screen: str) -> HttpResponse:
    """The facilitator's and the wall's "anything new?" check."""
    if screen not in ("facilitator", "wall") or not screen_key_valid(
        request.GET.get("key", ""), workshop_id
    ):
        raise PermissionDenied
    since = request.GET.get("since")
    if screen == "wall":
        # The wall shows what the room sees (revealed post-its, counts, the join code); the
        # signed key of a facilitator who opened it is enough, without a session lookup. One
        # query reads the revision and the workshop as the wall shows it.
        workshop = hot_reads.wall_workshop(workshop_id)
        if workshop is None:
            raise PermissionDenied
        if str(workshop.revision) == since:
            return HttpResponse(status=204)
        context = _board_context(workshop, with_agenda=False)
        context["join_url"] = join_url(request, workshop)
        return render(request, "workshops/live/wall.html#regions", context)
    revision = revisions.screen_revision(workshop_id)
    if revision is None:
        raise PermissionDenied
    if revision == since:
        return HttpResponse(status=204)
    # The facilitator's board holds more (pink post-its before reveal, names): the logged-in
    # user must still be allowed to run this workshop. The agenda is outside the region (it
    # only changes between sessions), so an update needs no phase list.
    workshop = hot_reads.wall_workshop(workshop_id)
    if workshop is None:
        raise PermissionDenied
    check_may_facilitate(request.user, workshop)
    context = _facilitator_board(request, workshop, with_agenda=False)
    return render(request, "workshops/live/facilitator.html#regions", context)


@declare("unit_change")
def qr_code(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = get_workshop_to_facilitate(request.user, workshop_id)
    buffer = io.BytesIO()
    segno.make(join_url(request, workshop), error="m").save(
        buffer, kind="svg", scale=8, border=2, title=_("QR-kode til at deltage")
    )
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


def _after_action(request, workshop_id):
    """htmx and fetch callers only need a 204 (their next sync shows the change); a plain
    form post goes back to the facilitator screen."""
    if request.htmx or request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    return redirect("workshops:live", workshop_id=workshop_id)


def _refused(request, workshop_id, error):
    if request.htmx or request.headers.get("X-Requested-With") == "fetch":
        return JsonResponse({"error": str(error)}, status=400)
    messages.error(request, str(error))
    return redirect("workshops:live", workshop_id=workshop_id)


@declare("unit_change", method="POST")
@require_POST
def phase_action(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = get_workshop_to_facilitate(request.user, workshop_id)
    action = request.POST.get("action")
    try:
        if action in ("next", "prev"):
            live.step_phase(workshop, 1 if action == "next" else -1)
        elif action == "goto":
            phase = get_object_or_404(
                WorkshopPhase, workshop=workshop, pk=request.POST.get("phase")
            )
            live.set_phase(workshop.pk, phase)
    except live.LiveError as error:
        return _refused(request, workshop_id, error)
    return _after_action(request, workshop_id)


@declare("unit_change", method="POST")
@require_POST
def timer_action(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = get_workshop_to_facilitate(request.user, workshop_id)
    action = request.POST.get("action", "")
    if action not in ("start", "pause", "add", "reset"):
        return _refused(request, workshop_id, _("Ukendt handling for tiden."))
    try:
        minutes = max(-60, min(120, int(request.POST.get("minutes", "0") or 0)))
    except ValueError:
        minutes = 0
    live.timer(workshop.pk, action, minutes)
    return _after_action(request, workshop_id)


@declare("unit_change", method="POST")
@require_POST
def reveal_action(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = get_workshop_to_facilitate(request.user, workshop_id)
    kind = request.POST.get("kind")
    if kind == "pink":
        note_id = request.POST.get("note") or None
        live.reveal_pink(workshop.pk, int(note_id) if note_id and note_id.isdigit() else None)
    else:
        participant_id = request.POST.get("participant") or None
        if participant_id and not workshop.participants.filter(pk=participant_id).exists():
            return _refused(request, workshop_id, _("Ukendt deltager."))
        if not live.reveal_next_pair(workshop.pk, int(participant_id) if participant_id else None):
            return _refused(request, workshop_id, _("Der er ikke flere post-its at vise."))
    return _after_action(request, workshop_id)


@declare("unit_change", method="POST")
@require_POST
def status_action(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = get_workshop_to_facilitate(request.user, workshop_id)
    status = request.POST.get("status")
    if status not in Workshop.Status.values:
        return _refused(request, workshop_id, _("Ukendt status."))
    live.set_status(workshop.pk, status)
    return _after_action(request, workshop_id)


@declare("unit_change", method="POST")
@require_POST
def note_on_behalf(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = get_workshop_to_facilitate(request.user, workshop_id)
    polarity = request.POST.get("polarity")
    factor = request.POST.get("factor", "")
    if polarity not in Note.Polarity.values or (factor and factor not in Factor.values):
        return _refused(request, workshop_id, _("Vælg om det fungerer godt eller mindre godt."))
    try:
        live.add_note_on_behalf(
            workshop.pk,
            name=request.POST.get("name", ""),
            polarity=polarity,
            text=request.POST.get("text", ""),
            factor=factor,
        )
    except live.LiveError as error:
        return _refused(request, workshop_id, error)
    if not request.htmx:
        messages.success(request, _("Post-it'en er tilføjet."))
    return _after_action(request, workshop_id)


def _small_number(value: str):
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit() or not 0 < int(value) <= 50:
        raise live.LiveError(_("Antal post-its skal være et helt tal mellem 1 og 50."))
    return int(value)


@declare("unit_change", method="POST")
@require_POST
def settings_action(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = get_workshop_to_facilitate(request.user, workshop_id)
    try:
        live.update_settings(
            workshop.pk,
            anonymous=request.POST.get("anonymous") == "on",
            min_notes=_small_number(request.POST.get("min_notes")),
            max_notes=_small_number(request.POST.get("max_notes")),
        )
    except live.LiveError as error:
        return _refused(request, workshop_id, error)
    messages.success(request, _("Indstillingerne er gemt."))
    return redirect("workshops:live", workshop_id=workshop_id)


# Participants --------------------------------------------------------------------------------


@declare("public")
def join_by_code(request: HttpRequest) -> HttpResponse:
    """The short-code form: a phone types the code shown on the wall."""
    error = None
    status = 200
    if request.method == "POST":
        ip = _client_ip(request)
        if live.too_many_join_attempts(ip):
            error = _("For mange forkerte forsøg. Vent et minut, og prøv igen.")
            status = 429
        else:
            workshop = live.find_by_code(request.POST.get("code", ""))
            if workshop:
                return redirect("participant:screen", join_token=workshop.join_token)
            live.record_failed_join(ip)
            error = _("Vi kender ikke den kode. Tjek koden på skærmen, og prøv igen.")
            status = 400
    return render(
        request,
        "workshops/live/join.html",
        {"error": error, "code": request.POST.get("code", "")},
        status=status,
    )


def _notes_url(workshop: Workshop) -> str:
    """A phone's post-its' address; one post-it's is this plus its id (urls_participant)."""
    return reverse("participant:note_add", args=[workshop.join_token])


def _phone_context(workshop: Workshop, participant: Participant) -> dict:
    """What a phone shows: the phase, the timer and its own post-its. Not the board: the
    room looks at the wall for that, so a phone needs no board queries."""
    mine = visibility.own_notes(participant)
    phase = workshop.current_phase
    return {
        "workshop": workshop,
        "phase": phase,
        "participant": participant,
        "notes_url": _notes_url(workshop),
        "phone_rev": workshop.phone_revision_for(participant),
        "my_notes": mine,
        "my_count": len(mine),
        "my_left": sum(1 for n in mine if not n.is_revealed),
        "task": phase.phone_task if phase else "wait",
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
    return render(request, "workshops/live/participant.html", context)


@declare("public", method="POST")
@require_POST
def participant_join(request: HttpRequest, join_token: str) -> HttpResponse:
    workshop = get_workshop_by_token(join_token)
    if get_participant(request, workshop) is None:
        try:
            participant = live.join(workshop, display_name=request.POST.get("display_name", ""))
        except live.LiveError as error:
            return render(
                request,
                "workshops/live/join_name.html",
                {"workshop": workshop, "open": False, "error": error},
                status=403,
            )
        response = redirect("participant:screen", join_token=join_token)
        response.set_cookie(
            participant_cookie_name(workshop),
            participant.token,
            max_age=7 * 24 * 3600,
            httponly=True,
            samesite="Lax",
            secure=not settings.DEBUG and request.is_secure(),
        )
        return response
    return redirect("participant:screen", join_token=join_token)


@declare("token")
@never_cache
def participant_sync(request: HttpRequest, join_token: str) -> HttpResponse:
    """A phone's "anything new?" check: one query joining participant and workshop.
    (In production the WSGI fast path answers the 204 before Django; same question.)"""
    participant = hot_reads.phone_participant(join_token, revisions.cookie_tokens(request.COOKIES))
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
        "polarity": note.polarity,
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


def _note_fields(request):
    polarity = request.POST.get("polarity", "")
    factor = request.POST.get("factor", "")
    if polarity not in Note.Polarity.values:
        raise live.LiveError(_("Vælg om det fungerer godt eller mindre godt."))
    if factor and factor not in Factor.values:
        factor = ""
    return {"polarity": polarity, "factor": factor, "text": request.POST.get("text", "")}


@declare("token", method="POST")
@require_POST
def participant_note_add(request: HttpRequest, join_token: str) -> HttpResponse:
    participant = get_participant_by_token(request, join_token)
    try:
        client_key = uuid.UUID(request.POST.get("client_key", ""))
    except ValueError:
        client_key = uuid.uuid4()  # a plain form post without JavaScript
    try:
        note, created = live.add_note(participant, client_key=client_key, **_note_fields(request))
    except live.LiveError as error:
        return _participant_reply(request, join_token, {"error": str(error)}, status=400)
    payload = {"note": _note_json(note), "created": created}
    status = 201 if created else 200
    workshop = participant.workshop
    before = f"{workshop.phone_revision}.{participant.revision - 1}"
    if (
        created
        and request.headers.get("X-Requested-With") == "fetch"
        and request.POST.get("rev") == before
        and workshop.current_phase
        and workshop.current_phase.phone_task == "write"
    ):
        # The phone was up to date and its new post-it is the only change since (the bump
        # returned the exact revisions): one item to add to its list, not the whole region,
        # which would re-render every post-it it has (docs/performance.md).
        payload["rev"] = workshop.phone_revision_for(participant)
        payload["own_note"] = render_to_string(
            "workshops/live/participant.html#own_note",
            {"note": note, "notes_url": _notes_url(workshop)},
            request=request,
        )
        return JsonResponse(payload, status=status)
    return _participant_reply(request, join_token, payload, status, participant=participant)


def _own_note(workshop, participant, note_id) -> Note:
    return get_object_or_404(Note, pk=note_id, workshop=workshop, participant=participant)


@declare("token", method="POST")
@require_POST
def participant_note_change(request: HttpRequest, join_token: str, note_id: int) -> HttpResponse:
    """Edit, delete or restore one's own post-it, guarded by its version."""
    workshop = get_workshop_by_token(join_token)
    participant = require_participant(request, workshop)
    note = _own_note(workshop, participant, note_id)
    action = request.POST.get("action", "edit")
    try:
        version = int(request.POST.get("version", "0"))
        if action == "delete":
            note = live.delete_note(note.pk, version=version)
        elif action == "restore":
            note = live.restore_note(note.pk)
        else:
            note = live.edit_note(note.pk, version=version, **_note_fields(request))
    except live.Conflict as conflict:
        return _participant_reply(
            request, join_token, {"error": str(conflict), "note": _note_json(conflict.note)}, 409
        )
    except (live.LiveError, ValueError) as error:
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
    if (
        workshop.anonymous
        or not workshop.current_phase
        or workshop.current_phase.phone_task != "present"
    ):
        return _participant_reply(
            request, join_token, {"error": _("Det er ikke tid til at præsentere.")}, status=400
        )
    revealed = live.reveal_next_pair(workshop.pk, participant.pk)
    if not revealed:
        return _participant_reply(
            request, join_token, {"error": _("Du har ikke flere post-its at vise.")}, status=400
        )
    return _participant_reply(request, join_token, {"revealed": [n.pk for n in revealed]})
