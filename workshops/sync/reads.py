"""The live session's reads on its hot path, one plain SQL statement each (see rows.py).

- `phone_participant`: a phone's participant with its workshop and current phase, from the
  join token in the URL and the participant tokens in its cookies (every phone write and
  every phone update).
- `wall_workshop`: the workshop with its unit, current phase, presenter, number of phases
  and pink post-its left (every wall and facilitator update).
- `revealed_notes`, `own_notes`, `pink_notes`, `participant_counts`, `pink_left`: the same
  answers as their ORM definitions in workshops/live/visibility.py, which are the truth;
  tests/test_live_rows.py holds each of these to its definition.

Who may see what is decided by the callers (workshops/permissions.py and
workshops/live/visibility.py), not here.
"""

from dataclasses import dataclass

from units.models import Unit

from .. import kinds
from ..models import Note, Participant, Workshop, WorkshopPhase, participant_label
from .revisions import MAX_TOKENS
from .rows import Table, cache_related, fetch

PARTICIPANT = Table(Participant, "p")
WORKSHOP = Table(Workshop, "w")
PHASE = Table(WorkshopPhase, "ph")
UNIT = Table(Unit, "u")
PRESENTER = Table(Participant, "pr")
NOTE = Table(Note, "n")

PHONE_SQL = (
    f"SELECT {PARTICIPANT.columns}, {WORKSHOP.columns}, {PHASE.columns} "  # noqa: S608
    f"FROM {PARTICIPANT} JOIN {WORKSHOP} ON w.id = p.workshop_id "
    f"LEFT JOIN {PHASE} ON ph.id = w.current_phase_id "
    "WHERE w.join_token = %s AND p.token IN ({tokens}) ORDER BY p.id LIMIT 1"
)

# How many of the trio's pink post-its are not shown yet, as a column of a read of the
# workshop under alias w: the wall's one read (WALL_SQL) and `pink_left` below.
PINK_LEFT_OF_W = (
    f"(SELECT COUNT(*) FROM {Note._meta.db_table} pl "  # noqa: S608 - model table
    "WHERE pl.workshop_id = w.id AND pl.colour = %s AND pl.deleted = %s "
    "AND pl.revealed_at IS NULL)"
)
PINK_LEFT_OF_W_PARAMS = [Note.Colour.PINK.value, False]
PINK_LEFT_SQL = f"SELECT {PINK_LEFT_OF_W} FROM {Workshop._meta.db_table} w WHERE w.id = %s"  # noqa: S608

WALL_SQL = (
    f"SELECT {WORKSHOP.columns}, {UNIT.columns}, {PHASE.columns}, {PRESENTER.columns}, "  # noqa: S608
    f"(SELECT COUNT(*) FROM {PHASE.name} c WHERE c.workshop_id = w.id), "
    f"{PINK_LEFT_OF_W} "
    f"FROM {WORKSHOP} JOIN {UNIT} ON u.id = w.unit_id "
    f"LEFT JOIN {PHASE} ON ph.id = w.current_phase_id "
    f"LEFT JOIN {PRESENTER} ON pr.id = w.presenting_id "
    "WHERE w.id = %s"
)

REVEALED_SQL = (
    f"SELECT {NOTE.columns}, {PARTICIPANT.columns} FROM {NOTE} "  # noqa: S608 - model tables
    f"LEFT JOIN {PARTICIPANT} ON p.id = n.participant_id "
    "WHERE n.workshop_id = %(workshop)s AND n.deleted = %(no)s AND n.revealed_at IS NOT NULL "
    "ORDER BY n.reveal_order, n.id"
)
OWN_SQL = (
    f"SELECT {NOTE.columns} FROM {NOTE} "  # noqa: S608 - model table, bound parameters
    "WHERE n.workshop_id = %(workshop)s AND n.participant_id = %(participant)s "
    "AND n.deleted = %(no)s AND (n.revealed_at IS NOT NULL OR n.colour = %(yellow)s) "
    "ORDER BY n.created_at, n.id"
)
PINK_SQL = (
    f"SELECT {NOTE.columns} FROM {NOTE} "  # noqa: S608 - model table, bound parameters
    "WHERE n.workshop_id = %(workshop)s AND n.colour = %(pink)s AND n.deleted = %(no)s "
    "ORDER BY n.created_at, n.id"
)
# Counts only, never text: per participant the post-its written, then one column per kind of
# the workshop (`{left}` is one SUM per kind, each with its own bound key).
COUNTS_SQL = (
    "SELECT p.id, p.number, p.display_name, "  # noqa: S608 - model tables, bound parameters
    "COALESCE(SUM(CASE WHEN n.deleted = %(no)s THEN 1 ELSE 0 END), 0){left} "
    f"FROM {Participant._meta.db_table} p "
    f"LEFT JOIN {Note._meta.db_table} n ON n.participant_id = p.id "
    "WHERE p.workshop_id = %(workshop)s "
    "GROUP BY p.id, p.number, p.display_name, p.joined_at ORDER BY p.joined_at, p.id"
)
LEFT_OF_KIND_SQL = (
    ", COALESCE(SUM(CASE WHEN n.deleted = %(no)s AND n.revealed_at IS NULL "
    "AND n.kind = %(kind_{i})s THEN 1 ELSE 0 END), 0)"
)


def phone_participant(join_token: str, tokens: list[str]) -> Participant | None:
    """The participant whose token the phone holds for this workshop, or None."""
    tokens = tokens[:MAX_TOKENS]
    if not tokens:
        return None
    rows = fetch(PHONE_SQL.format(tokens=", ".join(["%s"] * len(tokens))), [join_token, *tokens])
    if not rows:
        return None
    row = rows[0]
    participant = PARTICIPANT.instance(row)
    workshop = WORKSHOP.instance(row, PARTICIPANT.width)
    phase = PHASE.instance(row, PARTICIPANT.width + WORKSHOP.width)
    cache_related(workshop, "current_phase", phase)
    cache_related(participant, "workshop", workshop)
    return participant


def wall_workshop(workshop_id: int) -> Workshop | None:
    """The workshop as the wall shows it; `phase_total` is its number of phases and
    `pink_left` the number of the trio's pink post-its not shown yet."""
    rows = fetch(WALL_SQL, [*PINK_LEFT_OF_W_PARAMS, workshop_id])
    if not rows:
        return None
    row = rows[0]
    workshop = WORKSHOP.instance(row)
    at = WORKSHOP.width
    cache_related(workshop, "unit", UNIT.instance(row, at))
    at += UNIT.width
    cache_related(workshop, "current_phase", PHASE.instance(row, at))
    at += PHASE.width
    cache_related(workshop, "presenting", PRESENTER.instance(row, at))
    at += PRESENTER.width
    workshop.phase_total, workshop.pink_left = row[at], row[at + 1]
    return workshop


def revealed_notes(workshop: Workshop) -> list[Note]:
    """Revealed post-its in the order they were shown, with their authors."""
    notes = []
    for row in fetch(REVEALED_SQL, {"workshop": workshop.pk, "no": False}):
        note = NOTE.instance(row)
        cache_related(note, "participant", PARTICIPANT.instance(row, NOTE.width))
        notes.append(note)
    return notes


def own_notes(participant: Participant) -> list[Note]:
    """A phone's own post-its, oldest first."""
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


def pink_notes(workshop: Workshop) -> list[Note]:
    """The trio's pink post-its, shown or not (for the facilitator only)."""
    params = {"workshop": workshop.pk, "pink": Note.Colour.PINK.value, "no": False}
    return [NOTE.instance(row) for row in fetch(PINK_SQL, params)]


def pink_left(workshop: Workshop) -> int:
    return fetch(PINK_LEFT_SQL, [*PINK_LEFT_OF_W_PARAMS, workshop.pk])[0][0]


@dataclass(frozen=True)
class ParticipantCount:
    """A participant as the counts show them: a label and numbers, never a post-it's text.
    (A plain object, not a model instance: the wall builds these on every update.)
    `left`: per kind of the workshop, in its order, (key, post-its not shown yet)."""

    pk: int
    number: int | None
    display_name: str
    written: int
    left: tuple[tuple[str, int], ...]

    def __str__(self):
        return participant_label(self.number, self.display_name)

    def left_of(self, key: str) -> int:
        return dict(self.left).get(key, 0)

    @property
    def left_total(self) -> int:
        return sum(n for _, n in self.left)


def participant_counts(workshop: Workshop) -> list[ParticipantCount]:
    """Per participant: post-its written and still unrevealed by kind."""
    keys = kinds.keys_of(workshop)
    params = {"no": False, "workshop": workshop.pk}
    params.update({f"kind_{i}": key for i, key in enumerate(keys)})
    left = "".join(LEFT_OF_KIND_SQL.format(i=i) for i in range(len(keys)))
    return [
        ParticipantCount(
            pk, number, name, int(written), tuple(zip(keys, map(int, lefts), strict=True))
        )
        for pk, number, name, written, *lefts in fetch(COUNTS_SQL.format(left=left), params)
    ]
