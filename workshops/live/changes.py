"""Which live screens a change refreshes: the one place that says so, and the bump.

Every screen knows the revision it shows and asks "anything newer?" (workshops/sync/). A
change makes the screens that show it move by bumping their counters, in the same
transaction as the change itself (`record` refuses to run outside one), so a screen can
never see the counter move before the change is there, nor the change without the counter.

The audiences:
- SCREENS: the wall and the facilitator's console (every change: they show everything);
- PHONES: every participant's phone (the phase, the timer, the status, the settings);
- AUTHORS: the phones of the participants named by the change (their own post-its);
- GROUP: the phones of the people seated at the group(s) named by the change (`group=`):
  a group's board, who sits at a table. Other groups' phones do not move.

tests/test_live_changes.py runs every change below and checks that exactly these screens move.
"""

from django.db import connection
from django.dispatch import Signal

from ..sync.revisions import bump

SCREENS, PHONES, AUTHORS, GROUP = "screens", "phones", "authors", "group"

CHANGES: dict[str, frozenset[str]] = {
    # the live session
    "join": frozenset({SCREENS}),
    "note_written": frozenset({SCREENS, AUTHORS}),
    "note_edited": frozenset({SCREENS, AUTHORS}),
    "note_deleted": frozenset({SCREENS, AUTHORS}),
    "note_restored": frozenset({SCREENS, AUTHORS}),
    "revealed": frozenset({SCREENS, AUTHORS}),  # the authors' phones say "vist på væggen"
    "reveal_undone": frozenset({SCREENS, AUTHORS}),
    "phase": frozenset({SCREENS, PHONES}),
    "timer": frozenset({SCREENS, PHONES}),
    "timer_setting": frozenset({SCREENS}),  # whether a phase starts its timer: the console
    "status": frozenset({SCREENS, PHONES}),
    "settings": frozenset({SCREENS, PHONES}),  # anonymity and limits show on phones
    "wall_link": frozenset({SCREENS}),  # a revoked wall link's wall must learn at once
    # the board: themes, sorting, the matrix, undo (the phones point at the wall)
    "board": frozenset({SCREENS}),
    # the vote: opened, closed (and its close undone), its result applied, its settings; a
    # mark moves the screens ("9 af 12 har stemt") and the voter's own phone, no other phone
    "vote": frozenset({SCREENS, PHONES}),
    "vote_mark": frozenset({SCREENS, AUTHORS}),
    # the arrow: the theme and question on the wall are on every phone too; a plan's answers,
    # activities and suggestions are on the wall and the console only (a suggestion's
    # sender is told by the answer to their own request)
    "arrow": frozenset({SCREENS, PHONES}),
    "plan": frozenset({SCREENS}),
    "suggestion": frozenset({SCREENS}),
    # the closing: the count on the wall, the summary on the console, the own phone's answer
    "closing_answer": frozenset({SCREENS, AUTHORS}),
    # the preparation, as far as a live screen shows it
    "agenda": frozenset({SCREENS, PHONES}),  # phases renamed, moved, removed, retimed
    "details": frozenset({SCREENS, PHONES}),  # title, place, anonymity … of the workshop
    "pink": frozenset({SCREENS}),  # the trio's pink post-its (the facilitator, the count)
    # groups (workshops/groups.py): a round's tables formed or re-formed move every phone
    # ("Du er i gruppe N"); a person moved or a late arrival seated moves the tables involved;
    # a group's own board (its post-its, headings, 2 + 2) moves that group's phones only
    "groups": frozenset({SCREENS, PHONES}),
    "group_members": frozenset({SCREENS, GROUP}),
    "group_board": frozenset({SCREENS, GROUP}),
    "ground_rules": frozenset({SCREENS}),  # the welcome wall's rules, the closing's expectations
}

# Sent by every record(), with the workshop's id and the change's name: tests/record_guard.py
# listens (a shown row changed without it fails the test); nothing listens in production.
recorded = Signal()


class OutsideTransaction(RuntimeError):
    """A change recorded outside its transaction could be seen half done."""


def _group_ids(group) -> list[int]:
    """`group=` as ids: one Group (or id), or several."""
    if group is None:
        return []
    several = group if isinstance(group, list | tuple | set | frozenset) else [group]
    return sorted({getattr(g, "pk", g) for g in several if g is not None})


def record(workshop, change: str, *, authors=(), group=None) -> dict[int, int]:
    """Make the screens that show `change` move; call inside the change's transaction.

    `authors` are the participant ids whose own post-its changed (AUTHORS changes only).
    `group` is the Group (or a list of Groups) whose phones move (GROUP changes only): the
    participants seated there when the change is recorded, so a moved person's new table
    moves them too. Returns the moved participants' new revisions, as the database has them."""
    if not connection.in_atomic_block:
        raise OutsideTransaction(change)
    audience = CHANGES[change]
    ids = sorted({pk for pk in authors if pk}) if AUTHORS in audience else []
    group_ids = _group_ids(group) if GROUP in audience else []
    phone_revision, revisions = bump(
        workshop.pk, phones=PHONES in audience, participant_ids=ids, group_ids=group_ids
    )
    workshop.phone_revision = phone_revision
    # `revision` follows along in memory, exact when the object was fresh; screens read the
    # real one from the database.
    workshop.revision += 1
    recorded.send(sender=record, workshop_id=workshop.pk, change=change)
    return revisions
