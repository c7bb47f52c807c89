"""The live session's reads on its hot path, one plain SQL statement each (see rows.py).

- `phone_participant`: a phone's participant with its workshop and current phase, from the
  join token in the URL and the participant tokens in its cookies (every phone write and
  every phone update).
- `wall_workshop`: the workshop with its unit, current phase, presenter and number of phases
  (every wall update).

Who may see what is decided by the callers (permissions.py, visibility.py), not here.
"""

from units.models import Unit

from . import visibility
from .models import Participant, Workshop, WorkshopPhase
from .revisions import MAX_TOKENS
from .rows import Table, cache_related, fetch

PARTICIPANT = Table(Participant, "p")
WORKSHOP = Table(Workshop, "w")
PHASE = Table(WorkshopPhase, "ph")
UNIT = Table(Unit, "u")
PRESENTER = Table(Participant, "pr")

PHONE_SQL = (
    f"SELECT {PARTICIPANT.columns}, {WORKSHOP.columns}, {PHASE.columns} "  # noqa: S608
    f"FROM {PARTICIPANT} JOIN {WORKSHOP} ON w.id = p.workshop_id "
    f"LEFT JOIN {PHASE} ON ph.id = w.current_phase_id "
    "WHERE w.join_token = %s AND p.token IN ({tokens}) ORDER BY p.id LIMIT 1"
)

WALL_SQL = (
    f"SELECT {WORKSHOP.columns}, {UNIT.columns}, {PHASE.columns}, {PRESENTER.columns}, "  # noqa: S608
    f"(SELECT COUNT(*) FROM {PHASE.name} c WHERE c.workshop_id = w.id), "
    f"{visibility.PINK_LEFT_OF_W} "
    f"FROM {WORKSHOP} JOIN {UNIT} ON u.id = w.unit_id "
    f"LEFT JOIN {PHASE} ON ph.id = w.current_phase_id "
    f"LEFT JOIN {PRESENTER} ON pr.id = w.presenting_id "
    "WHERE w.id = %s"
)
WALL_PARAMS = visibility.PINK_LEFT_OF_W_PARAMS


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
    rows = fetch(WALL_SQL, [*WALL_PARAMS, workshop_id])
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
