"""Sorting (seed 000, "bevare eller forandre"): every theme into the method's columns
(Albertslund: bevare, forandre, P-plads), by drag or by menu. A theme with a post-it about
krænkelser cannot be parked (board.sort_theme)."""

from django.utils.translation import gettext_lazy as _

from ..live import board
from ..live.forms import SortThemeForm
from ..methods.schema import Boolean, ListOf, PhaseConfig, StrictForm, Text, nested_error
from . import Action, LiveTool, boards, register
from .grouping import THEME_ACTIONS


class ColumnConfig(StrictForm):
    key = Text(max_length=30, required=True)
    label = Text(max_length=100, required=True)
    hint = Text(max_length=300)
    work_on = Boolean()  # its themes go on to the matrix
    parking = Boolean()  # the P-plads: a krænkelse theme is never parked here


class SortingConfig(PhaseConfig):
    columns = ListOf(ColumnConfig, min_items=1, max_items=8)

    def clean(self):
        keys = [c.get("key") for c in self.cleaned_data.get("columns", [])]
        for index, key in enumerate(keys, start=1):
            if key in keys[: index - 1]:
                self.add_error(
                    "columns",
                    nested_error(
                        f"[{index}].key", _("nøglen '%(key)s' er brugt før") % {"key": key}
                    ),
                )
        return self.cleaned_data


# the tool's own columns (seed 000's bevare / forandre / P-plads)
WORDS = {
    "columns": [
        {"key": "keep", "label": _("Bevare"), "hint": _("Det, vi vil bevare eller gøre mere af")},
        {
            "key": "change",
            "label": _("Forandre"),
            "hint": _("Det, vi vil ændre eller forbedre"),
            "work_on": True,
        },
        {
            "key": "parking",
            "label": _("P-plads"),
            "hint": _("Vigtigt, men ikke det mest presserende lige nu"),
            "parking": True,
        },
    ]
}


def sort(workshop, data) -> str:
    return board.sort_theme(workshop.pk, data["theme"].pk, data["column"], version=data["version"])


register(
    LiveTool(
        name="sorting",
        template="sorting",
        board=boards.sort_board,
        workspace=True,
        shortcuts=True,
        config=SortingConfig,
        words=WORDS,
        actions={"sort": Action(SortThemeForm, sort), **THEME_ACTIONS},
    )
)
