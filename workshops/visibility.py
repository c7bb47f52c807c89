"""Who sees which post-it. Every live view, fragment and (later) export asks here.

- The wall (projector) sees revealed post-its only.
- A participant sees revealed post-its and their own, never anyone else's before reveal,
  never a pink one before reveal.
- The facilitator sees revealed post-its, the trio's pink ones (to reveal them), and for the
  participants' unrevealed yellow ones only counts, never text.
- In anonymous mode nobody sees who wrote a post-it (`author_label` returns "").
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet

from .models import Note, Participant, Workshop

WALL, FACILITATOR, PARTICIPANT = "wall", "facilitator", "participant"


@dataclass(frozen=True)
class Viewer:
    kind: str
    participant: Participant | None = None


def visible_notes(workshop: Workshop, viewer: Viewer) -> QuerySet[Note]:
    notes = Note.objects.filter(workshop=workshop, deleted=False)
    revealed = Q(revealed_at__isnull=False)
    if viewer.kind == WALL:
        condition = revealed
    elif viewer.kind == PARTICIPANT:
        condition = revealed | Q(participant=viewer.participant, colour=Note.Colour.YELLOW)
    elif viewer.kind == FACILITATOR:
        condition = revealed | Q(colour=Note.Colour.PINK)
    else:  # pragma: no cover - a programming error, never a silent leak
        raise ValueError(viewer.kind)
    return notes.filter(condition).select_related("participant")


def revealed_notes(workshop: Workshop) -> QuerySet[Note]:
    return (
        Note.objects.filter(workshop=workshop, deleted=False, revealed_at__isnull=False)
        .select_related("participant")
        .order_by("reveal_order", "pk")
    )


# Plain SQL: this runs on every wall and facilitator update (about once a second per
# workshop in the reflection), where building the equivalent annotated ORM query cost more
# than everything else on the wall together. It selects counts, never text.
COUNTS_SQL = (
    "SELECT p.id, p.display_name, "  # noqa: S608 - model tables, bound parameters
    "COALESCE(SUM(CASE WHEN n.deleted = %(no)s THEN 1 ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN n.deleted = %(no)s AND n.revealed_at IS NULL "
    "AND n.polarity = %(good)s THEN 1 ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN n.deleted = %(no)s AND n.revealed_at IS NULL "
    "AND n.polarity = %(change)s THEN 1 ELSE 0 END), 0) "
    f"FROM {Participant._meta.db_table} p "
    f"LEFT JOIN {Note._meta.db_table} n ON n.participant_id = p.id "
    "WHERE p.workshop_id = %(workshop)s "
    "GROUP BY p.id, p.display_name, p.joined_at ORDER BY p.joined_at, p.id"
)
PINK_LEFT_SQL = (
    f"SELECT COUNT(*) FROM {Note._meta.db_table} "  # noqa: S608 - model table
    "WHERE workshop_id = %(workshop)s AND colour = %(pink)s AND deleted = %(no)s "
    "AND revealed_at IS NULL"
)


def unrevealed_counts(workshop: Workshop) -> list[Participant]:
    """Per participant: how many post-its they wrote (`written`) and how many are still
    unrevealed by polarity (`left_good`, `left_change`). Counts only; the text never leaves
    the database here."""
    params = {
        "no": False,
        "good": Note.Polarity.WORKS_WELL.value,
        "change": Note.Polarity.CHANGE.value,
        "workshop": workshop.pk,
    }
    with connection.cursor() as cursor:
        cursor.execute(COUNTS_SQL, params)
        rows = cursor.fetchall()
    participants = []
    for pk, name, written, left_good, left_change in rows:
        participant = Participant(pk=pk, display_name=name, workshop_id=workshop.pk)
        participant.written, participant.left_good, participant.left_change = (
            int(written),
            int(left_good),
            int(left_change),
        )
        participants.append(participant)
    return participants


def pink_left(workshop: Workshop) -> int:
    """How many of the trio's pink post-its are not shown yet."""
    params = {"workshop": workshop.pk, "pink": Note.Colour.PINK.value, "no": False}
    with connection.cursor() as cursor:
        cursor.execute(PINK_LEFT_SQL, params)
        return cursor.fetchone()[0]


def author_label(note: Note, workshop: Workshop) -> str:
    if workshop.anonymous:
        return ""
    if note.colour == Note.Colour.PINK:
        return note.presenter_name or "Trioen"
    return str(note.participant) if note.participant else ""
