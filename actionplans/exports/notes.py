"""A workshop's post-its as rows (issue 20): what the room saw, one row per post-it shown on
the wall, with its kind in the method's words. For the post-its' CSV and Excel file beside
the summary PDF; the same columns in both (csv_export and xlsx take them as `columns`).

Never who wrote a post-it, as in the summary PDF (a file travels further than the room), and
never a post-it that was not shown (it is still its writer's)."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from workshops import kinds
from workshops.live import visibility

from .rows import Column, local

COLUMNS = (
    Column("order", _("Nr."), 6),
    Column("colour", _("Farve"), 10),
    Column("kind", _("Slags"), 24),
    Column("text", _("Post-it"), 60),
    Column("factor", _("Faktor"), 18),
    Column("theme", _("Tema"), 30),
    Column("harassment", _("Krænkelse"), 11),
    Column("shown_at", _("Vist"), 17),
)


def note_rows(workshop) -> Iterator[tuple]:
    """COLUMNS' order, in the order the post-its were shown (visibility.revealed_notes)."""
    notes = visibility.revealed_notes(workshop).select_related("theme")
    for number, note in enumerate(notes, start=1):
        yield (
            number,
            str(note.get_colour_display()),
            kinds.label_of(workshop, note.kind),
            note.text,
            str(note.get_factor_display()) if note.factor else "",
            note.theme.title if note.theme else "",
            str(_("ja")) if note.harassment else "",
            local(note.revealed_at),
        )
