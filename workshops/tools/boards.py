"""What a tool's board shows, as context for its partials. A tool names one of these as its
`board`; a tool without one shows no post-its (and reads none)."""

from ..live.visibility import author_label
from ..models import Note
from ..sync import reads

# The wall's layout rule (docs/decisions.md): the board gets denser as it fills. These are the
# numbers of post-its up to which each density level is the first guess; the browser (live.js)
# then settles on the largest level that fits the screen.
FIT_LEVELS = (6, 12, 20, 32, 48, 64, 80)
SPOTLIGHT_MAX = 4

NO_NOTES = {"revealed_total": 0, "good": [], "change": [], "spotlight": [], "fit_level": 0}


def fit_level(count: int) -> int:
    return next((i for i, limit in enumerate(FIT_LEVELS) if count <= limit), len(FIT_LEVELS))


def revealed_notes(workshop) -> dict:
    """The post-its shown so far in two columns, and the last reveal apart (the spotlight,
    shown large until the next one)."""
    revealed = reads.revealed_notes(workshop)
    for note in revealed:
        note.author_label = author_label(note, workshop)
    spotlight = []
    if revealed:
        last = max(revealed, key=lambda n: (n.reveal_order or 0, n.pk)).revealed_at
        spotlight = [n for n in revealed if n.revealed_at == last][-SPOTLIGHT_MAX:]
        for note in spotlight:
            note.is_new = True
    return {
        "revealed_total": len(revealed),
        "good": [n for n in revealed if n.polarity == Note.Polarity.WORKS_WELL],
        "change": [n for n in revealed if n.polarity == Note.Polarity.CHANGE],
        "spotlight": spotlight,
        "fit_level": fit_level(len(revealed)),
    }
