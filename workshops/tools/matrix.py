"""The matrix (seed 000, "find mulighedsrummet"): the themes to work on placed on the
method's two axes (Albertslund: betydning for trivsel og arbejdsmiljø × vores indflydelse),
by dragging on the board or by a quadrant and two fine positions; themes on the side the
method names are marked "løftes videre" for MED/HR. The room picks the themes that go on to
the arrow."""

from django.utils.translation import gettext_lazy as _

from ..live import board
from ..live.forms import ChooseThemeForm, PlaceThemeForm
from ..methods.schema import Choice, Nested, PhaseConfig, StrictForm, Text
from . import Action, LiveTool, boards, register
from .grouping import THEME_ACTIONS


class AxisConfig(StrictForm):
    label = Text(max_length=100, required=True)
    low = Text(max_length=100, required=True)
    high = Text(max_length=100, required=True)


class QuadrantsConfig(StrictForm):
    top_right = Text(max_length=300)
    top_left = Text(max_length=300)
    bottom_right = Text(max_length=300)
    bottom_left = Text(max_length=300)


class MatrixConfig(PhaseConfig):
    vertical = Nested(AxisConfig)
    horizontal = Nested(AxisConfig)
    quadrants = Nested(QuadrantsConfig)
    # the side whose themes are raised to MED/HR ("left": little influence); null: none
    raise_side = Choice(choices=lambda: ["left", "right"], what=_("side"))
    raise_label = Text(max_length=100)
    raise_hint = Text(max_length=300)


# the tool's own words: seed 000's mulighedsrum (betydning × vores indflydelse)
WORDS = {
    "vertical": {
        "label": _("Betydning for trivsel og arbejdsmiljø"),
        "low": _("Lille betydning"),
        "high": _("Stor betydning"),
    },
    "horizontal": {
        "label": _("Vores indflydelse"),
        "low": _("Lille indflydelse"),
        "high": _("Stor indflydelse"),
    },
    "quadrants": {
        "top_right": _("Stor betydning, og vi kan selv handle: her sætter vi i gang."),
        "top_left": _("Betydning, men ikke vores beslutning: løftes i ledelsesstrengen eller MED."),
        "bottom_right": _("Vi kan selv, men det betyder mindre: små, hurtige forbedringer."),
        "bottom_left": _("Lille betydning og lille indflydelse: lad det ligge."),
    },
    "raise_side": "left",
    "raise_label": _("Løftes videre"),
    "raise_hint": _("Ikke vores beslutning: trioen tager det med til ledelsesstrengen eller MED."),
}


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
        config=MatrixConfig,
        words=WORDS,
        actions={
            "place": Action(PlaceThemeForm, place),
            "choose": Action(ChooseThemeForm, choose),
            **THEME_ACTIONS,
        },
    )
)
