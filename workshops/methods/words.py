"""A board tool's words come from the method's data (a phase's `config`, copied from the
method's JSON): the sort columns, the matrix's axes and quadrant guidance, the vote's
defaults. A phase without its own words takes the default method's (Albertslund's, from its
JSON file), so no word of a method is written twice and a new method needs only its JSON."""

import json
from functools import cache

from django.utils.translation import gettext_lazy as _

from . import method_files


@cache
def _default_words() -> dict[str, dict]:
    for path in method_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("is_default"):
            words = {}
            for phase in data["phases"]:
                words.setdefault(phase["tool"], phase.get("config", {}))
            return words
    return {}


def words(workshop, tool: str) -> dict:
    """The words of `tool` in this workshop: its phase's own (the current phase when it uses
    the tool, else the first such phase of the agenda), else the default method's. Read once
    per workshop object."""
    cached = workshop.__dict__.setdefault("_tool_words", {})
    if tool not in cached:
        phase = workshop.current_phase
        if phase is None or phase.tool != tool:
            phase = workshop.phases.filter(tool=tool).exclude(config={}).first()
        own = phase.config if phase is not None else None
        cached[tool] = own or _default_words().get(tool, {})
    return cached[tool]


def default_words(tool: str) -> dict:
    """The default method's words for `tool`, for what has no workshop (a plan made by hand)."""
    return _default_words().get(tool, {})


def sort_columns(workshop) -> list[dict]:
    return words(workshop, "sorting").get("columns", [])


def parking_keys(workshop) -> set[str]:
    return {c["key"] for c in sort_columns(workshop) if c.get("parking")}


def work_on_keys(workshop) -> set[str]:
    """The columns whose themes go on to the matrix (all but parking when none says)."""
    columns = sort_columns(workshop)
    marked = {c["key"] for c in columns if c.get("work_on")}
    return marked or {c["key"] for c in columns if not c.get("parking")}


# The matrix's four fields, by the two halves of its axes: a place chosen by menu, not drag.
QUADRANTS = [
    ("top_right", _("Øverst til højre")),
    ("top_left", _("Øverst til venstre")),
    ("bottom_right", _("Nederst til højre")),
    ("bottom_left", _("Nederst til venstre")),
]
QUADRANT_CENTRES = {  # (impact, influence)
    "top_left": (0.75, 0.25),
    "top_right": (0.75, 0.75),
    "bottom_left": (0.25, 0.25),
    "bottom_right": (0.25, 0.75),
}
