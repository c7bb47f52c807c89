"""The group work's writes (seed 004): a group's post-its, its headings, where it points in
different directions, its 2 + 2, the plenum's group and the leader's own notes.

Every write runs in one transaction with its `record()`. A group's board is on its own
phones and on the screens: the change is "group_board" with the group as its audience, so
exactly that group's phones move (workshops/live/changes.py). Changes to a post-it or a
heading carry the version the phone showed: a stale one is a conflict, never a silent
overwrite, so the group's phones stay in step. The 2 + 2 hold in the database (a unique
slot 1..2 per group and kind), so two phones marking at once cannot make three.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from .. import kinds
from ..models import Group, Note, Theme, Workshop
from ..tools.groupwork import PRIORITIES_PER_KIND
from .actions import Conflict, LiveError
from .changes import record

THEME_MAX = 30  # headings per group: a flipover's worth


class HeadingConflict(LiveError):
    """Someone in the group changed the heading first."""


def _record_group(workshop: Workshop, group: Group) -> None:
    record(workshop, "group_board", group=group)


def _fresh_note(note_id: int, version: int | None) -> Note:
    note = Note.objects.select_for_update().get(pk=note_id)
    if version is not None and note.version != version:
        raise Conflict(
            _("En anden i gruppen har lige ændret post-it'en – se den nye udgave."), note
        )
    return note


@transaction.atomic
def add_group_note(participant, group: Group, *, client_key, kind: str, text: str) -> Note:
    """A post-it to the group's board; a retry with the same key is answered with the first."""
    if kind not in kinds.keys_of(group.workshop):
        raise LiveError(kinds.choose_message(group.workshop))
    earlier = Note.objects.filter(workshop_id=group.workshop_id, client_key=client_key).first()
    if earlier is not None:
        if earlier.participant_id != participant.pk:
            raise LiveError(_("Post-it'en kunne ikke sendes. Send den igen."))
        return earlier
    note = Note.objects.create(
        workshop_id=group.workshop_id,
        colour=Note.Colour.YELLOW,
        kind=kind,
        text=text,
        participant=participant,
        group=group,
        client_key=client_key,
    )
    _record_group(participant.workshop, group)
    return note


@transaction.atomic
def add_heading(workshop, group: Group, title: str) -> Theme:
    """A heading the group writes over what goes again ("Hvad går igen?")."""
    count = Theme.objects.filter(group=group).count()
    if count >= THEME_MAX:
        raise LiveError(_("Gruppen har allerede %(n)s overskrifter.") % {"n": THEME_MAX})
    theme = Theme.objects.create(workshop=workshop, group=group, title=title, order=count + 1)
    _record_group(workshop, group)
    return theme


@transaction.atomic
def place_note(workshop, group: Group, note: Note, theme: Theme | None, version) -> Note:
    """Put one of the group's post-its under one of its headings (None: out of them)."""
    note = _fresh_note(note.pk, version)
    Note.objects.filter(pk=note.pk).update(theme=theme, version=F("version") + 1)
    _record_group(workshop, group)
    note.refresh_from_db()
    return note


@transaction.atomic
def set_divergence(workshop, group: Group, theme: Theme, text: str, version) -> Theme:
    """Where the post-its under a heading point in different directions (seed 004, B 2)."""
    fresh = Theme.objects.select_for_update().get(pk=theme.pk)
    if version is not None and fresh.version != version:
        raise HeadingConflict(_("En anden i gruppen har lige ændret overskriften."))
    Theme.objects.filter(pk=theme.pk).update(divergence=text, version=F("version") + 1)
    _record_group(workshop, group)
    fresh.refresh_from_db()
    return fresh


@transaction.atomic
def mark(workshop, group: Group, note: Note, version) -> Note:
    """Mark one of the group's post-its as one of its two most important of its kind. The
    note takes the first free slot (1, 2); a slot taken at the same instant by another phone
    of the group fails on the unique constraint and the next is tried, so two phones marking
    at once get slots 1 and 2, and a third is refused."""
    note = _fresh_note(note.pk, version)
    if note.priority:
        return note
    for slot in range(1, PRIORITIES_PER_KIND + 1):
        try:
            with transaction.atomic():
                Note.objects.filter(pk=note.pk).update(priority=slot, version=F("version") + 1)
        except IntegrityError:
            continue
        _record_group(workshop, group)
        note.refresh_from_db()
        return note
    raise LiveError(
        _("Gruppen har allerede valgt sine %(n)s vigtigste – fjern en markering først.")
        % {"n": PRIORITIES_PER_KIND}
    )


@transaction.atomic
def unmark(workshop, group: Group, note: Note, version) -> Note:
    note = _fresh_note(note.pk, version)
    if note.priority is None:
        return note
    Note.objects.filter(pk=note.pk).update(priority=None, version=F("version") + 1)
    _record_group(workshop, group)
    note.refresh_from_db()
    return note


@transaction.atomic
def show_plenum_group(workshop_id: int, group: Group | None) -> None:
    """The group whose 2 + 2 the wall shows now (seed 004, C: "Leder spørger grupperne på
    skift")."""
    workshop = Workshop.objects.select_for_update().get(pk=workshop_id)
    workshop.plenum_group = group
    workshop.save(update_fields=["plenum_group", "updated_at"])
    record(workshop, "board")


@transaction.atomic
def save_leader_notes(workshop_id: int, text: str) -> None:
    """The leader's own notes: on the console only (the change moves the screens, and only
    the console's partial shows them)."""
    workshop = Workshop.objects.select_for_update().get(pk=workshop_id)
    workshop.leader_notes = text
    workshop.save(update_fields=["leader_notes", "updated_at"])
    record(workshop, "board")
