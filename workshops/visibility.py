"""Who sees which post-it. Every live view, fragment and (later) export asks here.

- The wall (projector) sees revealed post-its only.
- A participant sees revealed post-its and their own, never anyone else's before reveal,
  never a pink one before reveal.
- The facilitator sees revealed post-its, the trio's pink ones (to reveal them), and for the
  participants' unrevealed yellow ones only counts, never text.
- In anonymous mode nobody sees who wrote a post-it (`author_label` returns "").
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from .models import Note, Participant, Workshop, participant_label
from .rows import Table, cache_related, fetch

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


# The two note lists on the hot path (every phone write, every wall update) are plain SQL
# read back into model instances (rows.py); tests/test_live_visibility.py holds them to the
# same answers as `visible_notes`.
NOTE, AUTHOR = Table(Note, "n"), Table(Participant, "p")
REVEALED_SQL = (
    f"SELECT {NOTE.columns}, {AUTHOR.columns} FROM {NOTE} "  # noqa: S608 - model tables
    f"LEFT JOIN {AUTHOR} ON p.id = n.participant_id "
    "WHERE n.workshop_id = %(workshop)s AND n.deleted = %(no)s AND n.revealed_at IS NOT NULL "
    "ORDER BY n.reveal_order, n.id"
)
OWN_SQL = (
    f"SELECT {NOTE.columns} FROM {NOTE} "  # noqa: S608 - model table, bound parameters
    "WHERE n.workshop_id = %(workshop)s AND n.participant_id = %(participant)s "
    "AND n.deleted = %(no)s AND (n.revealed_at IS NOT NULL OR n.colour = %(yellow)s) "
    "ORDER BY n.created_at, n.id"
)


def revealed_notes(workshop: Workshop) -> list[Note]:
    """What the wall shows: revealed post-its in the order they were shown, with authors."""
    notes = []
    for row in fetch(REVEALED_SQL, {"workshop": workshop.pk, "no": False}):
        note = NOTE.instance(row)
        cache_related(note, "participant", AUTHOR.instance(row, NOTE.width))
        notes.append(note)
    return notes


PINK_SQL = (
    f"SELECT {NOTE.columns} FROM {NOTE} "  # noqa: S608 - model table, bound parameters
    "WHERE n.workshop_id = %(workshop)s AND n.colour = %(pink)s AND n.deleted = %(no)s "
    "ORDER BY n.created_at, n.id"
)


def pink_notes(workshop: Workshop) -> list[Note]:
    """The trio's pink post-its, shown or not: `visible_notes(FACILITATOR)` narrowed to pink.
    For the facilitator only; the wall and phones see a pink post-it once it is revealed."""
    params = {"workshop": workshop.pk, "pink": Note.Colour.PINK.value, "no": False}
    return [NOTE.instance(row) for row in fetch(PINK_SQL, params)]


def own_notes(participant: Participant) -> list[Note]:
    """A phone's own post-its, oldest first: `visible_notes(PARTICIPANT)` narrowed to the
    participant's own."""
    params = {
        "workshop": participant.workshop_id,
        "participant": participant.pk,
        "no": False,
        "yellow": Note.Colour.YELLOW.value,
    }
    notes = [NOTE.instance(row) for row in fetch(OWN_SQL, params)]
    for note in notes:
        cache_related(note, "participant", participant)
    return notes


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


@dataclass(frozen=True)
class ParticipantCount:
    """A participant as the counts show them: a name and numbers, never a post-it's text.
    (A plain object, not a model instance: the wall builds these on every update.)"""

    pk: int
    display_name: str
    written: int
    left_good: int
    left_change: int

    def __str__(self):
        return participant_label(self.pk, self.display_name)


def unrevealed_counts(workshop: Workshop) -> list[ParticipantCount]:
    """Per participant: how many post-its they wrote (`written`) and how many are still
    unrevealed by polarity (`left_good`, `left_change`)."""
    params = {
        "no": False,
        "good": Note.Polarity.WORKS_WELL.value,
        "change": Note.Polarity.CHANGE.value,
        "workshop": workshop.pk,
    }
    return [
        ParticipantCount(pk, name, int(written), int(left_good), int(left_change))
        for pk, name, written, left_good, left_change in fetch(COUNTS_SQL, params)
    ]


# How many of the trio's pink post-its are not shown yet, as a column of a read of the
# workshop under alias w: the wall's one read (hot_reads.WALL_SQL) and `pink_left` below.
PINK_LEFT_OF_W = (
    f"(SELECT COUNT(*) FROM {Note._meta.db_table} pl "  # noqa: S608 - model table
    "WHERE pl.workshop_id = w.id AND pl.colour = %s AND pl.deleted = %s "
    "AND pl.revealed_at IS NULL)"
)
PINK_LEFT_OF_W_PARAMS = [Note.Colour.PINK.value, False]
PINK_LEFT_SQL = f"SELECT {PINK_LEFT_OF_W} FROM {Workshop._meta.db_table} w WHERE w.id = %s"  # noqa: S608


def pink_left(workshop: Workshop) -> int:
    """How many of the trio's pink post-its are not shown yet."""
    return fetch(PINK_LEFT_SQL, [*PINK_LEFT_OF_W_PARAMS, workshop.pk])[0][0]


def author_label(note: Note, workshop: Workshop) -> str:
    if workshop.anonymous:
        return ""
    if note.colour == Note.Colour.PINK:
        return note.presenter_name or "Trioen"
    return str(note.participant) if note.participant else ""
