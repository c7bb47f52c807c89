"""Who sees which post-it: the one definition, in the ORM. Every live view, fragment and
(later) export asks here; the plain-SQL reads of the hot path (workshops/sync/reads.py) are
held to these definitions by tests/test_live_rows.py.

- The wall (projector) sees revealed post-its only.
- A participant sees revealed post-its and their own, never anyone else's before reveal,
  never a pink one before reveal.
- The facilitator sees revealed post-its, the trio's pink ones (to reveal them), and for the
  participants' unrevealed yellow ones only counts, never text.
- In anonymous mode nobody sees who wrote a post-it (`author_label` returns "").
- A group's board moves the phones seated at that group (`group_phones`), no other phone.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from .. import kinds
from ..models import Note, Participant, Workshop

WALL, FACILITATOR, PARTICIPANT = "wall", "facilitator", "participant"


@dataclass(frozen=True)
class Viewer:
    kind: str
    participant: Participant | None = None


def visible_notes(workshop: Workshop, viewer: Viewer) -> QuerySet[Note]:
    notes = Note.objects.kept().filter(workshop=workshop)
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
    """What the wall shows, in the order it was shown."""
    return visible_notes(workshop, Viewer(WALL)).order_by("reveal_order", "pk")


def own_notes(participant: Participant) -> QuerySet[Note]:
    """A phone's own post-its, oldest first (with their group: a group round's post-its say
    which table's board they are on)."""
    viewer = Viewer(PARTICIPANT, participant)
    return (
        visible_notes(participant.workshop, viewer)
        .filter(participant=participant)
        .select_related("group")
        .order_by("created_at", "pk")
    )


def pink_notes(workshop: Workshop) -> QuerySet[Note]:
    """The trio's pink post-its, shown or not; the wall and phones see one once revealed."""
    return visible_notes(workshop, Viewer(FACILITATOR)).pink().order_by("created_at", "pk")


def pink_left(workshop: Workshop) -> int:
    """How many of the trio's pink post-its are not shown yet."""
    return pink_notes(workshop).unrevealed().count()


def participant_counts(workshop: Workshop) -> list[Participant]:
    """Per participant how many post-its they wrote (`written`) and how many are still
    unrevealed by kind (`left`: (key, number) per kind of the workshop, in its order; read
    one with `left_of(key)`): numbers, never text."""
    keys = kinds.keys_of(workshop)
    kept = Q(notes__deleted=False)
    hidden = kept & Q(notes__revealed_at__isnull=True)
    participants = list(
        Participant.objects.filter(workshop=workshop)
        .annotate(
            written=Count("notes", filter=kept),
            **{
                f"left_{i}": Count("notes", filter=hidden & Q(notes__kind=key))
                for i, key in enumerate(keys)
            },
        )
        .order_by("joined_at", "pk")
    )
    for participant in participants:
        participant.left = tuple(
            (key, getattr(participant, f"left_{i}")) for i, key in enumerate(keys)
        )
    return participants


def group_phones(groups) -> QuerySet[Participant]:
    """The phones a change to these groups moves: the participants seated there (the GROUP
    audience of live/changes.py; its plain-SQL twin is sync/revisions.group_phones_sql)."""
    ids = [getattr(g, "pk", g) for g in groups]
    return Participant.objects.filter(group_memberships__group_id__in=ids).distinct()


def author_label(note: Note, workshop: Workshop) -> str:
    if workshop.anonymous:
        return ""
    if note.colour == Note.Colour.PINK:
        return note.presenter_name or _("Trioen")
    return str(note.participant) if note.participant else ""
