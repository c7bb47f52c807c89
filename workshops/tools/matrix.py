"""The matrix (seed 000, "find mulighedsrummet"): the themes to work on placed on the
method's two axes (Albertslund: betydning for trivsel og arbejdsmiljø × vores indflydelse),
by dragging on the board or by a quadrant and two fine positions; themes on the side the
method names are marked "løftes videre" for MED/HR. The room picks the themes that go on to
the arrow."""

from ..live import board
from ..live.forms import ChooseThemeForm, PlaceThemeForm
from . import Action, LiveTool, boards, register
from .grouping import THEME_ACTIONS


def place(workshop, data) -> str:
    impact, influence = data["position"]
    return board.place_theme(
        workshop.pk, data["theme"].pk, impact, influence, version=data["version"]
    )


def choose(workshop, data) -> str:
    return board.choose_theme(
        workshop.pk, data["theme"].pk, data["chosen"], version=data["version"]
    )


register(
    LiveTool(
        name="matrix",
        template="matrix",
        board=boards.matrix_board,
        workspace=True,
        shortcuts=True,
        actions={
            "place": Action(PlaceThemeForm, place),
            "choose": Action(ChooseThemeForm, choose),
            **THEME_ACTIONS,
        },
    )
)
