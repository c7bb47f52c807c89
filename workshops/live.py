"""The live session's changes. Each function is one transaction that also bumps the
workshop's revision, so every screen learns of the change on its next check."""

import random
import uuid
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import JoinAttempt, Note, Participant, Workshop, WorkshopPhase

JOIN_ATTEMPTS_PER_MINUTE = 10


class LiveError(Exception):
    """A change the session refuses, with a Danish message for the person who tried."""


class Conflict(LiveError):
    """Someone else changed the post-it first; `note` is its fresh state."""

    def __init__(self, message, note):
        super().__init__(message)
        self.note = note


def _locked(workshop_id) -> Workshop:
    return Workshop.objects.select_for_update().get(pk=workshop_id)


# Joining ---------------------------------------------------------------------------------


def join_allowed(workshop: Workshop) -> bool:
    return workshop.status != Workshop.Status.CLOSED


def too_many_join_attempts(ip: str) -> bool:
    since = timezone.now() - timedelta(minutes=1)
    return JoinAttempt.objects.filter(ip=ip, at__gte=since).count() >= JOIN_ATTEMPTS_PER_MINUTE


def record_failed_join(ip: str) -> None:
    JoinAttempt.objects.create(ip=ip)
    JoinAttempt.objects.filter(at__lt=timezone.now() - timedelta(hours=1)).delete()


def find_by_code(code: str) -> Workshop | None:
    code = "".join(code.split()).upper()
    return Workshop.objects.filter(join_code=code).exclude(status=Workshop.Status.CLOSED).first()


@transaction.atomic
def join(workshop: Workshop, *, display_name: str = "", on_behalf: bool = False) -> Participant:
    if not join_allowed(workshop):
        raise LiveError(_("Workshoppen er lukket for nye deltagere."))
    participant = Participant.objects.create(
        workshop=workshop, display_name=display_name.strip()[:60], on_behalf=on_behalf
    )
    workshop.bump()
    return participant


# Post-its --------------------------------------------------------------------------------


def add_note(
    participant: Participant, *, client_key, polarity: str, text: str, factor: str = ""
) -> tuple[Note, bool]:
    """Create a yellow post-it once per client key: a retry returns the first one.
    Returns (note, created).

    No row lock up front and no savepoint: the unique (workshop, client_key) constraint settles
    a race of two retries (the losing transaction rolls back whole, before its bump), and the
    revision bump's UPDATE orders concurrent writers."""
    try:
        return _add_note(participant, client_key, polarity=polarity, text=text, factor=factor)
    except IntegrityError:
        return Note.objects.get(workshop_id=participant.workshop_id, client_key=client_key), False


@transaction.atomic
def _add_note(participant, client_key, *, polarity, text, factor) -> tuple[Note, bool]:
    workshop = participant.workshop
    text = text.strip()
    if not text:
        raise LiveError(_("Skriv noget på din post-it."))
    limit = workshop.max_notes_per_person
    if limit and participant.notes.filter(deleted=False).count() >= limit:
        if Note.objects.filter(workshop=workshop, client_key=client_key).exists():
            return Note.objects.get(workshop=workshop, client_key=client_key), False
        raise LiveError(
            _("Du har skrevet det højeste antal post-its (%(limit)s). Ret eller slet en.")
            % {"limit": limit}
        )
    note = Note.objects.create(
        workshop=workshop,
        participant=participant,
        colour=Note.Colour.YELLOW,
        polarity=polarity,
        text=text[:280],
        factor=factor,
        client_key=client_key,
    )
    participant.revision = workshop.bump(participant_ids=[participant.pk])[participant.pk]
    return note, True


@transaction.atomic
def edit_note(note_id: int, *, version: int, text: str, polarity: str, factor: str = "") -> Note:
    """Change a post-it if nobody changed it since `version`; else raise Conflict with the
    fresh state. Never a silent overwrite."""
    note = Note.objects.select_for_update().get(pk=note_id)
    _check_editable(note, version)
    if not text.strip():
        raise LiveError(_("Skriv noget på din post-it."))
    note.text, note.polarity, note.factor = text.strip()[:280], polarity, factor
    note.version += 1
    note.save(update_fields=["text", "polarity", "factor", "version", "updated_at"])
    note.workshop.bump(participant_ids=[note.participant_id])
    return note


@transaction.atomic
def delete_note(note_id: int, *, version: int) -> Note:
    note = Note.objects.select_for_update().get(pk=note_id)
    _check_editable(note, version)
    note.deleted = True
    note.version += 1
    note.save(update_fields=["deleted", "version", "updated_at"])
    note.workshop.bump(participant_ids=[note.participant_id])
    return note


@transaction.atomic
def restore_note(note_id: int) -> Note:
    """Undo a delete (until the post-it has been presented)."""
    note = Note.objects.select_for_update().get(pk=note_id)
    if note.deleted and not note.is_revealed:
        note.deleted = False
        note.version += 1
        note.save(update_fields=["deleted", "version", "updated_at"])
        note.workshop.bump(participant_ids=[note.participant_id])
    return note


def _check_editable(note: Note, version: int) -> None:
    if note.deleted:
        raise Conflict(_("Post-it'en er slettet."), note)
    if note.is_revealed:
        raise Conflict(_("Post-it'en er allerede præsenteret og kan ikke længere ændres."), note)
    if note.version != version:
        raise Conflict(
            _("Post-it'en blev ændret et andet sted. Her er den nyeste udgave – ret igen."), note
        )


# Presentation ----------------------------------------------------------------------------


def _reveal(workshop: Workshop, notes) -> list[Note]:
    if not notes:
        return []
    now = timezone.now()
    last = Note.objects.filter(workshop=workshop).aggregate(m=Max("reveal_order"))["m"] or 0
    for offset, note in enumerate(notes, start=1):
        note.revealed_at, note.reveal_order = now, last + offset
        note.save(update_fields=["revealed_at", "reveal_order", "updated_at"])
    workshop.bump(participant_ids={note.participant_id for note in notes})
    return list(notes)


def _next_pair(queryset) -> list[Note]:
    """One post-it of each kind (seed 000, trin 1), or what is left."""
    pair = []
    for polarity in (Note.Polarity.WORKS_WELL, Note.Polarity.CHANGE):
        note = queryset.filter(polarity=polarity).first()
        if note:
            pair.append(note)
    return pair


def _unrevealed_yellow(workshop):
    return Note.objects.filter(
        workshop=workshop, colour=Note.Colour.YELLOW, deleted=False, revealed_at__isnull=True
    ).order_by("created_at", "pk")


@transaction.atomic
def reveal_next_pair(workshop_id: int, participant_id: int | None = None) -> list[Note]:
    """Reveal the next two post-its of a participant (one good, one less good). In
    anonymous mode, or with no participant named, the pair is drawn from everyone's in a
    random order, so the order reveals nothing about who wrote what."""
    workshop = _locked(workshop_id)
    pool = _unrevealed_yellow(workshop)
    if participant_id and not workshop.anonymous:
        pool = pool.filter(participant_id=participant_id)
        workshop.presenting_id = participant_id
    else:
        ids = list(pool.values_list("pk", flat=True))
        random.shuffle(ids)
        pool = pool.filter(pk__in=ids[:40]).order_by("?")
        workshop.presenting_id = None
    workshop.save(update_fields=["presenting"])
    return _reveal(workshop, _next_pair(pool))


@transaction.atomic
def reveal_pink(workshop_id: int, note_id: int | None = None) -> list[Note]:
    """Reveal the trio's pink post-its: one, or all that are left."""
    workshop = _locked(workshop_id)
    pink = Note.objects.filter(
        workshop=workshop, colour=Note.Colour.PINK, deleted=False, revealed_at__isnull=True
    ).order_by("pk")
    if note_id:
        pink = pink.filter(pk=note_id)
    workshop.presenting_id = None
    workshop.save(update_fields=["presenting"])
    return _reveal(workshop, list(pink))


@transaction.atomic
def add_note_on_behalf(workshop_id: int, *, name: str, polarity: str, text: str, factor=""):
    """For a participant without a phone: the facilitator writes it for them."""
    workshop = _locked(workshop_id)
    name = name.strip()[:60] or _("Deltager uden telefon")
    participant = Participant.objects.filter(
        workshop=workshop, on_behalf=True, display_name=name
    ).first() or Participant.objects.create(workshop=workshop, display_name=name, on_behalf=True)
    return add_note(
        participant, client_key=uuid.uuid4(), polarity=polarity, text=text, factor=factor
    )


# Phases, timer and status ------------------------------------------------------------------


@transaction.atomic
def set_phase(workshop_id: int, phase: WorkshopPhase | None) -> Workshop:
    workshop = _locked(workshop_id)
    workshop.current_phase = phase
    workshop.timer_ends_at = None
    workshop.timer_remaining_seconds = phase.minutes * 60 if phase else None
    if workshop.status == Workshop.Status.PLANNED:
        workshop.status = Workshop.Status.LIVE
    workshop.save(
        update_fields=["current_phase", "timer_ends_at", "timer_remaining_seconds", "status"]
    )
    workshop.bump(phones=True)
    return workshop


def step_phase(workshop: Workshop, step: int) -> Workshop:
    phases = list(workshop.phases.order_by("order", "pk"))
    if not phases:
        raise LiveError(_("Dagsordenen har ingen faser."))
    if workshop.current_phase_id is None:
        index = 0 if step > 0 else None
    else:
        ids = [p.pk for p in phases]
        index = ids.index(workshop.current_phase_id) + step
        index = min(max(index, 0), len(phases) - 1)
    return set_phase(workshop.pk, phases[index] if index is not None else None)


def timer_seconds_left(workshop: Workshop, now=None) -> int | None:
    now = now or timezone.now()
    if workshop.timer_ends_at:
        return max(0, int((workshop.timer_ends_at - now).total_seconds()))
    return workshop.timer_remaining_seconds


@transaction.atomic
def timer(workshop_id: int, action: str, minutes: int = 0) -> Workshop:
    workshop = _locked(workshop_id)
    now = timezone.now()
    left = timer_seconds_left(workshop, now)
    if action == "start" and not workshop.timer_ends_at:
        seconds = (
            left
            if left
            else (workshop.current_phase.minutes * 60 if workshop.current_phase else 300)
        )
        workshop.timer_ends_at, workshop.timer_remaining_seconds = (
            now + timedelta(seconds=seconds),
            None,
        )
    elif action == "pause" and workshop.timer_ends_at:
        workshop.timer_ends_at, workshop.timer_remaining_seconds = None, left
    elif action == "add":
        if workshop.timer_ends_at:
            workshop.timer_ends_at = max(workshop.timer_ends_at, now) + timedelta(minutes=minutes)
        else:
            workshop.timer_remaining_seconds = (left or 0) + minutes * 60
    elif action == "reset":
        minutes_ = workshop.current_phase.minutes if workshop.current_phase else 5
        workshop.timer_ends_at, workshop.timer_remaining_seconds = None, minutes_ * 60
    workshop.save(update_fields=["timer_ends_at", "timer_remaining_seconds"])
    workshop.bump(phones=True)
    return workshop


@transaction.atomic
def set_status(workshop_id: int, status: str) -> Workshop:
    workshop = _locked(workshop_id)
    workshop.status = status
    workshop.save(update_fields=["status"])
    workshop.bump(phones=True)
    return workshop


@transaction.atomic
def update_settings(workshop_id: int, *, anonymous: bool, min_notes, max_notes) -> Workshop:
    """Anonymous mode and the per-person limits. Anonymity cannot change once a post-it has
    been shown: names already on the wall cannot be taken back, nor added afterwards."""
    workshop = _locked(workshop_id)
    if min_notes and max_notes and min_notes > max_notes:
        raise LiveError(_("Minimum kan ikke være større end maksimum."))
    if (
        anonymous != workshop.anonymous
        and workshop.notes.filter(revealed_at__isnull=False).exists()
    ):
        raise LiveError(_("Anonym tilstand kan ikke ændres, når der er vist post-its på væggen."))
    workshop.anonymous = anonymous
    workshop.min_notes_per_person = min_notes or None
    workshop.max_notes_per_person = max_notes or None
    workshop.save(update_fields=["anonymous", "min_notes_per_person", "max_notes_per_person"])
    workshop.bump(phones=True)
    return workshop
