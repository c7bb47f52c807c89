"""The live session's changes. Each function is one transaction that also records which
screens it refreshes (changes.py), so every screen that shows it learns of it on its next
check. Refusals are LiveErrors with a Danish message for the person who tried."""

import random
import secrets
import uuid
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import kinds
from ..groups import place_late_arrival
from ..models import NOTE_MAX_LENGTH, Group, JoinAttempt, Note, Participant, Workshop, WorkshopPhase
from . import placements
from .changes import record


class LiveError(Exception):
    """A change the session refuses, with a Danish message for the person who tried, and
    where there is one the one-click way on (`way_on`: a button's label, the address it
    posts to and its fields; the console's script offers it beside the message)."""

    def __init__(self, message="", way_on: dict | None = None):
        super().__init__(message)
        self.way_on = way_on


def way_on(label: str, url: str, **fields) -> dict:
    return {"label": label, "url": url, "fields": {k: str(v) for k, v in fields.items()}}


class Conflict(LiveError):
    """Someone else changed the post-it first; `note` is its fresh state."""

    def __init__(self, message, note):
        super().__init__(message)
        self.note = note


def _locked(workshop_id) -> Workshop:
    return Workshop.objects.select_for_update().get(pk=workshop_id)


def check_board_open(workshop: Workshop) -> None:
    """A closed workshop's post-its, themes and votes are its record: no one changes them
    afterwards (its plans stay editable)."""
    if workshop.status == Workshop.Status.CLOSED:
        raise LiveError(
            _(
                "Workshoppen er afsluttet: post-its, temaer og afstemninger kan ikke længere "
                "ændres. Handleplanerne kan stadig rettes."
            )
        )


def _locked_open(workshop_id) -> Workshop:
    workshop = _locked(workshop_id)
    check_board_open(workshop)
    return workshop


# Joining ---------------------------------------------------------------------------------


def join_allowed(workshop: Workshop) -> bool:
    return workshop.status != Workshop.Status.CLOSED


# pg_advisory_xact_lock's key for judging typed join codes one at a time ("trivsel" in hex)
JOIN_CODES_LOCK = 0x7472697673656C


@contextmanager
def join_codes_in_turn():
    """Judge typed join codes one at a time, across every thread, process and app server:
    the limit's count and the recording of a failure are one step, so a burst of guesses at
    once gets exactly the limit, not the limit plus as many as arrive together. On
    PostgreSQL a transaction-scoped advisory lock; SQLite's IMMEDIATE transactions already
    take the write lock at their start. Held for a lookup and an insert, a few milliseconds;
    phones that scan the QR code never take it."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [JOIN_CODES_LOCK])
        yield


def too_many_join_attempts(ip: str) -> bool:
    """Whether a code from this client address is refused without being looked at. Refused
    unseen, the right code too: a limit that let the right code through would tell a guesser
    which guess was right, and limit nothing. An address is refused after its own
    JOIN_FAILURES_PER_ADDRESS failed guesses in a minute; and while the whole site has seen
    JOIN_FAILURES_PER_MINUTE, an address that has guessed wrong in that minute waits, so
    guesses spread over many addresses get one each a minute, while a phone that has not
    guessed wrong still gets in with the right code."""
    recent = JoinAttempt.objects.filter(at__gte=timezone.now() - timedelta(minutes=1))
    own = recent.filter(ip=ip).count()
    if own >= settings.JOIN_FAILURES_PER_ADDRESS:
        return True
    return own > 0 and recent.count() >= settings.JOIN_FAILURES_PER_MINUTE


def record_failed_join(ip: str) -> None:
    JoinAttempt.objects.create(ip=ip)
    JoinAttempt.objects.filter(at__lt=timezone.now() - timedelta(hours=1)).delete()


def find_by_code(code: str) -> Workshop | None:
    """The workshop with this join code, closed or not: a latecomer to a closed workshop is
    told it is closed, not that the code is unknown."""
    code = "".join(code.split()).upper()
    return Workshop.objects.filter(join_code=code).first()


def _next_number(workshop_id: int) -> int:
    last = Participant.objects.filter(workshop_id=workshop_id).aggregate(m=Max("number"))["m"]
    return (last or 0) + 1


@transaction.atomic
def join(workshop: Workshop, *, display_name: str = "", on_behalf: bool = False) -> Participant:
    """A new participant, numbered 1, 2, 3 … in the workshop. In anonymous mode no name is
    stored, whatever the phone sent."""
    workshop = _locked(workshop.pk)  # orders joins, so two phones never get the same number
    if not join_allowed(workshop):
        raise LiveError(_("Workshoppen er afsluttet – der kan ikke komme nye deltagere ind."))
    participant = Participant.objects.create(
        workshop=workshop,
        number=_next_number(workshop.pk),
        display_name="" if workshop.anonymous else display_name.strip()[:60],
        on_behalf=on_behalf,
    )
    record(workshop, "join")
    if Group.objects.filter(workshop=workshop).exists():
        # tables formed (ahead or on the day): the planned seat, else the smallest table
        place_late_arrival(participant)
    return participant


# Post-its --------------------------------------------------------------------------------


def writing_refusal(workshop: Workshop, *, any_phase: bool = False) -> str:
    """Why a post-it may not be written, changed, deleted or restored now ("" when it may):
    phones write only in a phase whose tool gives them the composer (the reflection), and
    nobody writes once the workshop is closed. The phone hides its form outside these; this
    is the rule, checked on every write (`any_phase`: the facilitator's, see
    add_note_on_behalf)."""
    from ..tools import WRITE, tool_of

    if workshop.status == Workshop.Status.CLOSED:
        return _("Workshoppen er afsluttet – der kan ikke skrives flere post-its.")
    if not any_phase and tool_of(workshop.current_phase).phone != WRITE:
        return _("Post-its skrives i refleksionen. Nu er det ikke tid til at skrive.")
    return ""


def _check_writing(workshop: Workshop, *, any_phase: bool = False) -> None:
    refusal = writing_refusal(workshop, any_phase=any_phase)
    if refusal:
        raise LiveError(refusal)


def _clean_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise LiveError(_("Skriv noget på din post-it."))
    if len(text) > NOTE_MAX_LENGTH:
        # Never cut silently: the writer shortens it (the phone's counter warns before this).
        raise LiveError(
            _("Teksten er %(n)s tegn. En post-it kan højst have %(max)s – gør den kortere.")
            % {"n": len(text), "max": NOTE_MAX_LENGTH}
        )
    return text


def add_note(
    participant: Participant, *, client_key, kind: str, text: str, factor: str = ""
) -> tuple[Note, bool]:
    """Create a yellow post-it once per client key: a retry returns the first one.
    Returns (note, created).

    No row lock up front and no savepoint: the unique (workshop, client_key) constraint settles
    a race of two retries (the losing transaction rolls back whole, before its bump), and the
    revision bump's UPDATE orders concurrent writers. The phase and status are the ones the
    request read: a post-it sent in the instant the facilitator moves on gets in, as if it
    had come a moment earlier. A retry of a post-it that got in is answered with it in any
    phase (its first answer may have been lost on the way)."""
    refusal = writing_refusal(participant.workshop)
    if refusal:
        return _retried(participant, client_key, LiveError(refusal))
    try:
        return _add_note(participant, client_key, kind=kind, text=text, factor=factor)
    except IntegrityError as error:
        return _retried(participant, client_key, error)


def _retried(participant: Participant, client_key, refusal: Exception) -> tuple[Note, bool]:
    """The answer to a post-it that cannot be made now: the one its key already made when
    it is a retry (the first answer was lost on the way), else `refusal` is raised."""
    earlier = _sent_before(participant, client_key)
    if earlier is None:
        raise refusal
    return earlier, False


def _sent_before(participant: Participant, client_key) -> Note | None:
    """The post-it this participant already sent with this key (a retry), or None. The key
    is unique in the workshop, not per phone: a key that is someone else's is refused, and
    never hands out their post-it."""
    note = Note.objects.filter(workshop_id=participant.workshop_id, client_key=client_key).first()
    if note is not None and note.participant_id != participant.pk:
        raise LiveError(
            _(
                "Post-it'en kunne ikke sendes: dens nøgle er brugt af en anden deltager. "
                "Send den igen."
            )
        )
    return note


@transaction.atomic
def _add_note(participant, client_key, *, kind, text, factor) -> tuple[Note, bool]:
    workshop = participant.workshop
    _check_kind(workshop, kind)
    text = _clean_text(text)
    limit = workshop.max_notes_per_person
    if limit and participant.notes.kept().count() >= limit:
        refusal = _("Du har skrevet det højeste antal post-its (%(limit)s). Ret eller slet en.")
        return _retried(participant, client_key, LiveError(refusal % {"limit": limit}))
    note = Note.objects.create(
        workshop=workshop,
        participant=participant,
        colour=Note.Colour.YELLOW,
        kind=kind,
        text=text,
        factor=factor,
        client_key=client_key,
    )
    participant.revision = record(workshop, "note_written", authors=[participant.pk])[
        participant.pk
    ]
    return note, True


def _check_kind(workshop: Workshop, kind: str) -> None:
    """A post-it's kind is one of its workshop's (the forms say so first)."""
    if kind not in kinds.keys_of(workshop):
        raise LiveError(kinds.choose_message(workshop))


@transaction.atomic
def edit_note(note_id: int, *, version: int, text: str, kind: str, factor: str = "") -> Note:
    """Change a post-it if nobody changed it since `version`; else raise Conflict with the
    fresh state. Never a silent overwrite."""
    note = _note_to_change(note_id)
    _check_editable(note, version)
    _check_kind(note.workshop, kind)
    note.text, note.kind, note.factor = _clean_text(text), kind, factor
    note.version += 1
    note.save(update_fields=["text", "kind", "factor", "version", "updated_at"])
    record(note.workshop, "note_edited", authors=[note.participant_id])
    return note


@transaction.atomic
def delete_note(note_id: int, *, version: int) -> Note:
    note = _note_to_change(note_id)
    _check_editable(note, version)
    note.deleted = True
    note.version += 1
    note.save(update_fields=["deleted", "version", "updated_at"])
    record(note.workshop, "note_deleted", authors=[note.participant_id])
    return note


@transaction.atomic
def restore_note(note_id: int) -> Note:
    """Undo a delete (until the post-it has been presented)."""
    note = _note_to_change(note_id)
    if note.deleted and not note.is_revealed:
        note.deleted = False
        note.version += 1
        note.save(update_fields=["deleted", "version", "updated_at"])
        record(note.workshop, "note_restored", authors=[note.participant_id])
    return note


def _note_to_change(note_id: int) -> Note:
    """The post-it, locked, with its workshop and phase read in the same statement; refused
    outside the writing phase."""
    note = (
        Note.objects.select_for_update(of=("self",))
        .select_related("workshop__current_phase")
        .get(pk=note_id)
    )
    _check_writing(note.workshop)
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


def _check_reveals(workshop: Workshop) -> None:
    """Post-its are shown in a phase whose tool shows them (the presentation round), never
    while people are still writing: a reveal removes the writer's edit and delete."""
    from ..tools import tool_of

    check_board_open(workshop)
    if not tool_of(workshop.current_phase).reveals:
        raise LiveError(_("Post-its vises først i præsentationsrunden."))


def _reveal(workshop: Workshop, notes, *, presenting_id, nothing_left: str) -> list[Note]:
    """Show `notes` on the wall as one reveal (they share `revealed_at`, so an undo takes
    them back together) and say who presents; nothing to show changes nothing."""
    if not notes:
        raise LiveError(nothing_left)
    workshop.presenting_id = presenting_id
    workshop.save(update_fields=["presenting"])
    now = timezone.now()
    last = Note.objects.filter(workshop=workshop).aggregate(m=Max("reveal_order"))["m"] or 0
    for offset, note in enumerate(notes, start=1):
        note.revealed_at, note.reveal_order = now, last + offset
        note.save(update_fields=["revealed_at", "reveal_order", "updated_at"])
    record(workshop, "revealed", authors=[note.participant_id for note in notes])
    return list(notes)


def next_pair(notes, keys: list[str]) -> list[Note]:
    """One post-it of each kind in the workshop's order of kinds (seed 000, trin 1: one that
    works well, one that works less well; Nyborg: a point and an action), the first of each
    in `notes`' order, or what is left. A kind the workshop does not know (none should be)
    comes after its own, so no post-it is ever stuck unshown."""
    firsts: dict[str, Note] = {}
    for note in notes:
        firsts.setdefault(note.kind, note)
    order = [*keys, *(key for key in firsts if key not in keys)]
    return [firsts[key] for key in order if key in firsts]


def _unrevealed_yellow(workshop):
    return (
        Note.objects.unrevealed()
        .filter(workshop=workshop, colour=Note.Colour.YELLOW)
        .order_by("created_at", "pk")
    )


@transaction.atomic
def reveal_next_pair(workshop_id: int, participant_id: int | None = None) -> list[Note]:
    """Reveal the next post-its of a participant, one of each kind (Albertslund: one good,
    one less good). In
    anonymous mode, or with no participant named, the pair is drawn from everyone's in a
    random order, so the order reveals nothing about who wrote what. Nothing left: a
    LiveError, and nothing changes (not even who is presenting)."""
    workshop = _locked(workshop_id)
    _check_reveals(workshop)
    pool = _unrevealed_yellow(workshop)
    if participant_id and not workshop.anonymous:
        pool = pool.filter(participant_id=participant_id)
        presenting_id = participant_id
    else:
        ids = list(pool.values_list("pk", flat=True))
        random.shuffle(ids)
        pool = pool.filter(pk__in=ids[:40]).order_by("?")
        presenting_id = None
    return _reveal(
        workshop,
        next_pair(pool, kinds.keys_of(workshop)),
        presenting_id=presenting_id,
        nothing_left=_("Der er ikke flere post-its at vise."),
    )


def next_presenter(workshop: Workshop, counts) -> int | None:
    """Who presents next going round the room: the first participant after the one
    presenting now (in joining order) who has post-its left; None when none has."""
    waiting = [c.pk for c in counts if c.left_total]
    if not waiting:
        return None
    order = [c.pk for c in counts]
    if workshop.presenting_id in order:
        start = order.index(workshop.presenting_id)
        after = order[start + 1 :] + order[: start + 1]
        return next(pk for pk in after if pk in waiting)
    return waiting[0]


@transaction.atomic
def reveal_pink(workshop_id: int, note_id: int | None = None) -> list[Note]:
    """Reveal the trio's pink post-its: one, or all that are left."""
    workshop = _locked(workshop_id)
    _check_reveals(workshop)
    pink = Note.objects.pink().unrevealed().filter(workshop=workshop).order_by("pk")
    if note_id:
        pink = pink.filter(pk=note_id)
    return _reveal(
        workshop,
        list(pink),
        presenting_id=None,
        nothing_left=_("Der er ikke flere pink post-its at vise."),
    )


@transaction.atomic
def undo_reveal(workshop_id: int) -> list[Note]:
    """Take back the last reveal (the pair, or the pink post-its shown together): hidden
    again, editable again on the writer's phone."""
    workshop = _locked(workshop_id)
    check_board_open(workshop)
    last = (
        Note.objects.filter(workshop=workshop, revealed_at__isnull=False)
        .order_by("-reveal_order", "-pk")
        .first()
    )
    if last is None:
        raise LiveError(_("Der er ingen visning at fortryde."))
    notes = list(Note.objects.filter(workshop=workshop, revealed_at=last.revealed_at))
    Note.objects.filter(pk__in=[n.pk for n in notes]).update(
        revealed_at=None, reveal_order=None, updated_at=timezone.now()
    )
    record(workshop, "reveal_undone", authors=[n.participant_id for n in notes])
    return notes


@transaction.atomic
def add_note_on_behalf(workshop_id: int, *, name: str, kind: str, text: str, factor=""):
    """For a participant without a phone: the facilitator writes it for them. In any phase
    while the workshop is open, not only in the reflection: someone without a phone often
    dictates while the room presents, and the facilitator, who sees the room, decides.
    Closed is closed for everyone."""
    workshop = _locked(workshop_id)
    _check_writing(workshop, any_phase=True)
    name = "" if workshop.anonymous else name.strip()[:60]
    participant = None
    if name:
        participant = Participant.objects.filter(
            workshop=workshop, on_behalf=True, display_name=name
        ).first()
    if participant is None:
        participant = Participant.objects.create(
            workshop=workshop,
            number=_next_number(workshop.pk),
            display_name=name,
            on_behalf=True,
        )
    return _add_note(participant, uuid.uuid4(), kind=kind, text=text, factor=factor)


# Phases, timer and status ------------------------------------------------------------------


@transaction.atomic
def set_phase(workshop_id: int, phase: WorkshopPhase | None) -> Workshop:
    """Go to a phase. Its timer starts at the phase's minutes, paused unless the phase is set
    to start its timer with the phase."""
    workshop = _locked(workshop_id)
    placements.switch(workshop, workshop.current_phase_id, phase)
    workshop.current_phase = phase
    seconds = phase.minutes * 60 if phase else None
    if phase and phase.timer_autostart:
        workshop.timer_ends_at, workshop.timer_remaining_seconds = (
            timezone.now() + timedelta(seconds=seconds),
            None,
        )
    else:
        workshop.timer_ends_at, workshop.timer_remaining_seconds = None, seconds
    if workshop.status == Workshop.Status.PLANNED:
        workshop.status = Workshop.Status.LIVE
    workshop.save(
        update_fields=["current_phase", "timer_ends_at", "timer_remaining_seconds", "status"]
    )
    record(workshop, "phase")
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


@transaction.atomic
def set_timer_autostart(workshop_id: int, phase_id: int, autostart: bool) -> WorkshopPhase:
    workshop = _locked(workshop_id)
    phase = workshop.phases.get(pk=phase_id)
    phase.timer_autostart = autostart
    phase.save(update_fields=["timer_autostart"])
    record(workshop, "timer_setting")
    return phase


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
    record(workshop, "timer")
    return workshop


def reopenable(workshop: Workshop, now=None) -> bool:
    """A close is taken back the same day (a slip in the room); after that the workshop's
    post-its, themes and vote are a record nobody changes (only the plans go on)."""
    if workshop.status != Workshop.Status.CLOSED or workshop.closed_at is None:
        return True
    now = timezone.localtime(now or timezone.now())
    return timezone.localtime(workshop.closed_at).date() == now.date()


@transaction.atomic
def set_status(workshop_id: int, status: str) -> Workshop:
    """Close or reopen (the same day only). Closing also ends the wall link: it dies with the
    workshop, and sends the themes on the matrix's raise side on to MED/HR. A workshop with
    a krænkelse theme without a made plan cannot be closed (arrow.py)."""
    from .arrow import closing_refusal, closing_way_on

    workshop = _locked(workshop_id)
    if status == Workshop.Status.CLOSED and workshop.status != status:
        refusal = closing_refusal(workshop)
        if refusal:
            raise LiveError(refusal, way_on=closing_way_on(workshop))
    if status != workshop.status and not reopenable(workshop):
        raise LiveError(
            _(
                "Workshoppen blev afsluttet %(date)s og er nu et referat, der ikke kan "
                "ændres. Handleplanerne kan stadig rettes."
            )
            % {"date": date_format(timezone.localtime(workshop.closed_at), "j. F Y")}
        )
    workshop.closed_at = timezone.now() if status == Workshop.Status.CLOSED else None
    workshop.status = status
    fields = ["status", "closed_at"]
    if status == Workshop.Status.CLOSED and workshop.wall_token:
        workshop.wall_token = None
        fields.append("wall_token")
    workshop.save(update_fields=fields)
    if status == Workshop.Status.CLOSED:
        # the themes the matrix put on the raise side go on to MED and HR with the close,
        # so a busy trio does not have to remember it (they can also send them before)
        from actionplans.raised import raise_themes, themes_to_raise

        raise_themes(workshop, themes_to_raise(workshop))
    record(workshop, "status")
    return workshop


@transaction.atomic
def update_settings(workshop_id: int, *, min_notes, max_notes) -> Workshop:
    """The per-person limits of post-its. (Named or anonymous post-its is chosen in the
    preparation: workshops.preparation.change_details.)"""
    workshop = _locked(workshop_id)
    if min_notes and max_notes and min_notes > max_notes:
        raise LiveError(_("Minimum kan ikke være større end maksimum."))
    workshop.min_notes_per_person = min_notes or None
    workshop.max_notes_per_person = max_notes or None
    workshop.save(update_fields=["min_notes_per_person", "max_notes_per_person"])
    record(workshop, "settings")
    return workshop


# The wall link -------------------------------------------------------------------------------


@transaction.atomic
def open_wall_link(workshop_id: int) -> Workshop:
    """A new wall-only link (any earlier one stops working)."""
    workshop = _locked(workshop_id)
    if not join_allowed(workshop):
        raise LiveError(_("Workshoppen er afsluttet – der kan ikke laves et væglink."))
    workshop.wall_token = secrets.token_urlsafe(24)
    workshop.save(update_fields=["wall_token"])
    record(workshop, "wall_link")
    return workshop


@transaction.atomic
def revoke_wall_link(workshop_id: int) -> Workshop:
    workshop = _locked(workshop_id)
    workshop.wall_token = None
    workshop.save(update_fields=["wall_token"])
    record(workshop, "wall_link")
    return workshop
