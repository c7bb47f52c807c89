"""The presentation round (seed 000, "Vores hverdag" a): two post-its at a time, one that
works well and one that works less well, then the trio's pink ones. The wall shows the pair
just revealed large, and every post-it shown so far."""

from django.utils.translation import ngettext

from ..live import actions
from ..live.forms import EmptyForm, RevealPairForm, RevealPinkForm
from . import PRESENT, Action, LiveTool, boards, register


def _shown(notes) -> str:
    return ngettext("%(n)s post-it vist.", "%(n)s post-its vist.", len(notes)) % {"n": len(notes)}


def reveal_pair(workshop, data) -> str:
    participant = data.get("participant")
    return _shown(actions.reveal_next_pair(workshop.pk, participant.pk if participant else None))


def reveal_pink(workshop, data) -> str:
    note = data.get("note")
    return _shown(actions.reveal_pink(workshop.pk, note.pk if note else None))


def undo_reveal(workshop, data) -> str:
    notes = actions.undo_reveal(workshop.pk)
    return ngettext(
        "Visningen er fortrudt: %(n)s post-it er skjult igen.",
        "Visningen er fortrudt: %(n)s post-its er skjult igen.",
        len(notes),
    ) % {"n": len(notes)}


register(
    LiveTool(
        name="presentation",
        template="presentation",
        phone=PRESENT,
        reveals=True,
        board=boards.revealed_notes,
        actions={
            "reveal_pair": Action(RevealPairForm, reveal_pair),
            "reveal_pink": Action(RevealPinkForm, reveal_pink),
            "undo_reveal": Action(EmptyForm, undo_reveal),
        },
    )
)
