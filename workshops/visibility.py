"""Who sees which post-it. Every live view, fragment and (later) export asks here.

- The wall (projector) sees revealed post-its only.
- A participant sees revealed post-its and their own, never anyone else's before reveal,
  never a pink one before reveal.
- The facilitator sees revealed post-its, the trio's pink ones (to reveal them), and for the
  participants' unrevealed yellow ones only counts, never text.
- In anonymous mode nobody sees who wrote a post-it (`author_label` returns "").
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

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


def unrevealed_counts(workshop: Workshop):
    """Per participant: how many yellow post-its are still unrevealed, by polarity.
    Counts only; the text never leaves this function."""
    return (
        Participant.objects.filter(workshop=workshop)
        .annotate(
            written=Count("notes", filter=Q(notes__deleted=False)),
            left_good=Count(
                "notes",
                filter=Q(
                    notes__deleted=False,
                    notes__revealed_at__isnull=True,
                    notes__polarity=Note.Polarity.WORKS_WELL,
                ),
            ),
            left_change=Count(
                "notes",
                filter=Q(
                    notes__deleted=False,
                    notes__revealed_at__isnull=True,
                    notes__polarity=Note.Polarity.CHANGE,
                ),
            ),
        )
        .order_by("joined_at", "pk")
    )


def author_label(note: Note, workshop: Workshop) -> str:
    if workshop.anonymous:
        return ""
    if note.colour == Note.Colour.PINK:
        return note.presenter_name or "Trioen"
    return str(note.participant) if note.participant else ""
