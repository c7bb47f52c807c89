"""A board tool's words come from the method's data (a phase's `config`, copied from the
method's JSON into the workshop): the sort columns, the matrix's axes and quadrant guidance,
the vote's defaults, the arrow's questions. What a phase does not say, the tool says itself:
each tool states its own Danish defaults (`LiveTool.words`, in the tool's module). Nothing
falls back to another method's words (issue 20: a Nyborg phase without words showed
Albertslund's)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


def _plain(value):
    """The defaults with their lazy Danish texts made plain strings (for JSON and caches)."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def default_words(tool: str) -> dict:
    """The tool's own words, for what has no workshop (a plan made by hand)."""
    from ..tools import TOOLS

    found = TOOLS.get(tool)
    return _plain(found.words) if found is not None else {}


def words(workshop, tool: str) -> dict:
    """The words of `tool` in this workshop: its phase's own (the current phase when it uses
    the tool, else the latest such phase before the current one — a matrix after two sorts
    reads the second sort's columns —, else the first of the agenda) over the tool's own
    defaults. Read once per workshop object."""
    cached = workshop.__dict__.setdefault("_tool_words", {})
    if tool not in cached:
        phase = workshop.current_phase
        if phase is None or phase.tool != tool:
            current = phase
            found = list(
                workshop.phases.filter(tool=tool).exclude(config={}).order_by("order", "pk")
            )
            before = [
                p for p in found if current and (p.order, p.pk) <= (current.order, current.pk)
            ]
            phase = before[-1] if before else (found[0] if found else None)
        own = phase.config if phase is not None else {}
        cached[tool] = {**default_words(tool), **(own or {})}
    return cached[tool]


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
