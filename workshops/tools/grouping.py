"""Grouping (seed 000, "udforsk og gruppér"): the facilitator groups the revealed post-its
into themes with the room, by dragging a post-it onto another or into a theme, or by its
"Flyt til …" menu (the same path without dragging); names, renames and merges themes. The
wall shows the themes with their post-its and counts."""

from django.utils.translation import gettext_lazy as _

from ..live import board
from ..live.forms import EmptyForm, MergeThemeForm, MoveNoteForm, MoveOntoForm, RenameThemeForm
from ..methods.schema import PhaseConfig, Text
from . import Action, LiveTool, boards, register


class GroupingConfig(PhaseConfig):
    unthemed_label = Text(max_length=100)
    new_theme_label = Text(max_length=100)


WORDS = {"unthemed_label": _("Post-its uden tema"), "new_theme_label": _("Nyt tema")}


def move(workshop, data) -> str:
    return board.move_note(workshop.pk, data["note"].pk, data["target"], version=data["version"])[0]


def onto(workshop, data) -> str:
    return board.move_onto(workshop.pk, data["note"].pk, data["onto"].pk, version=data["version"])[
        0
    ]


def rename(workshop, data) -> str:
    return board.rename_theme(workshop.pk, data["theme"].pk, data["title"], version=data["version"])


def merge(workshop, data) -> str:
    return board.merge_themes(
        workshop.pk, data["theme"].pk, data["into"].pk, version=data["version"]
    )


def undo(workshop, data) -> str:
    return board.undo_last(workshop.pk)


UNDO = Action(EmptyForm, undo)
THEME_ACTIONS = {"rename": Action(RenameThemeForm, rename), "undo": UNDO}

register(
    LiveTool(
        name="grouping",
        template="grouping",
        board=boards.themes_board,
        workspace=True,
        shortcuts=True,
        config=GroupingConfig,
        words=WORDS,
        actions={
            "move": Action(MoveNoteForm, move),
            "onto": Action(MoveOntoForm, onto),
            "merge": Action(MergeThemeForm, merge),
            **THEME_ACTIONS,
        },
    )
)
