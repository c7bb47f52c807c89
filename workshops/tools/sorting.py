"""Sorting (seed 000, "bevare eller forandre"): every theme into the method's columns
(Albertslund: bevare, forandre, P-plads), by drag or by menu. A theme with a post-it about
krænkelser cannot be parked (board.sort_theme)."""

from ..live import board
from ..live.forms import SortThemeForm
from . import Action, LiveTool, boards, register
from .grouping import THEME_ACTIONS


def sort(workshop, data) -> str:
    return board.sort_theme(workshop.pk, data["theme"].pk, data["column"], version=data["version"])


register(
    LiveTool(
        name="sorting",
        template="sorting",
        board=boards.sort_board,
        workspace=True,
        shortcuts=True,
        actions={"sort": Action(SortThemeForm, sort), **THEME_ACTIONS},
    )
)
