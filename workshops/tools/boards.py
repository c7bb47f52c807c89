"""What a tool's board shows, as context for its partials. A tool names one of these as its
`board`; a tool without one shows no post-its (and reads none)."""

from .. import kinds
from ..live.visibility import author_label
from ..methods import words
from ..models import BoardAction, Note, Theme
from ..sync import reads

# The wall's layout rule (docs/decisions.md): the board gets denser as it fills. These are the
# numbers of post-its up to which each density level is the first guess; the browser (live.js)
# then settles on the largest level that fits the screen.
FIT_LEVELS = (6, 12, 20, 32, 48, 64, 80)
SPOTLIGHT_MAX = 4

NO_NOTES = {"revealed_total": 0, "kind_columns": [], "spotlight": [], "fit_level": 0}


def fit_level(count: int) -> int:
    return next((i for i, limit in enumerate(FIT_LEVELS) if count <= limit), len(FIT_LEVELS))


def kind_columns(workshop, notes) -> list[dict]:
    """The post-its by kind, one column per kind of the workshop in its order; a post-it of
    a kind the workshop does not know (none should be) gets a column of its own."""
    columns = {kind.key: {"kind": kind, "notes": []} for kind in kinds.kinds_of(workshop)}
    for note in notes:
        if note.kind not in columns:
            label = note.kind
            columns[note.kind] = {"kind": kinds.Kind(label, label, label, "", "grey"), "notes": []}
        columns[note.kind]["notes"].append(note)
    return list(columns.values())


def revealed_notes(workshop) -> dict:
    """The post-its shown so far in one column per kind of the workshop (`kind_columns`:
    {"kind", "notes"} in the method's order), and the last reveal apart (the spotlight,
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
        "kind_columns": kind_columns(workshop, revealed),
        "spotlight": spotlight,
        "fit_level": fit_level(len(revealed)),
    }


# The board tools: themes ------------------------------------------------------------------
# The same layout rule for themes: the density levels count the cards on the board (themes
# and post-its without a theme), and the browser settles on the largest level that fits.
THEME_FIT_LEVELS = (4, 8, 12, 18, 24, 32, 40, 60)


def theme_fit_level(count: int) -> int:
    return next((i for i, limit in enumerate(THEME_FIT_LEVELS) if count <= limit), 8)


def _themes(workshop, revealed: list[Note]) -> list[Theme]:
    """The workshop's themes, each with its revealed post-its (`theme.shown`), its count
    and whether it carries a krænkelse (`is_kraenkelse`, also as `harassment` for the
    templates). One query beside the post-its'."""
    themes = list(Theme.objects.filter(workshop=workshop).with_kraenkelse())
    by_theme = {t.pk: t for t in themes}
    for theme in themes:
        theme.shown = []
    for note in revealed:
        if note.theme_id in by_theme:
            by_theme[note.theme_id].shown.append(note)
    for number, theme in enumerate(themes, start=1):
        theme.number = number
        theme.count = len(theme.shown)
        theme.harassment = theme.is_kraenkelse
    return themes


def themes_board(workshop) -> dict:
    """Grouping: the themes with their post-its, and the post-its without a theme yet."""
    revealed = reads.revealed_notes(workshop)
    for note in revealed:
        note.author_label = author_label(note, workshop)
    themes = _themes(workshop, revealed)
    themed = {t.pk for t in themes}
    loose = [n for n in revealed if n.theme_id not in themed]
    return {
        "revealed_total": len(revealed),
        "themes": themes,
        "loose": loose,
        "fit_level": theme_fit_level(len(themes) + len(loose)),
        **_undo(workshop),
    }


def sort_board(workshop) -> dict:
    """Sorting: the method's columns with their themes, and the themes not sorted yet."""
    context = themes_board(workshop)
    columns = [dict(c) for c in words.sort_columns(workshop)]
    keys = {c["key"] for c in columns}
    for column in columns:
        column["themes"] = [t for t in context["themes"] if t.column == column["key"]]
    context.update(
        columns=columns,
        unsorted=[t for t in context["themes"] if t.column not in keys],
        fit_level=theme_fit_level(len(context["themes"])),
    )
    return context


def matrix_board(workshop) -> dict:
    """The matrix: the themes to work on (in the sort's work-on columns; all themes when
    none is sorted), placed or waiting, with the method's axes and quadrant guidance."""
    context = themes_board(workshop)
    config = words.words(workshop, "matrix")
    work_on = words.work_on_keys(workshop)
    themes = context["themes"]
    if any(t.column for t in themes):
        themes = [t for t in themes if t.column in work_on]
    raise_side = config.get("raise_side")
    for number, theme in enumerate(themes, start=1):
        theme.number = number
        # a krænkelse theme is on the arrow whatever was chosen (Theme.objects.on_arrow)
        theme.chosen = theme.chosen or theme.is_kraenkelse
        theme.quadrant = quadrant_of(theme)
        theme.raised = (
            bool(raise_side)
            and theme.quadrant is not None
            and (theme.quadrant.endswith("_" + raise_side))
        )
        if theme.placed:
            theme.x_pct = round(theme.influence * 100)
            theme.impact_pct = round(theme.impact * 100)
            theme.y_pct = 100 - theme.impact_pct
    context.update(
        matrix_themes=themes,
        placed=[t for t in themes if t.placed],
        waiting=[t for t in themes if not t.placed],
        raised=[t for t in themes if t.raised],
        chosen=[t for t in themes if t.chosen],
        axes=config,
        quadrants=[
            {"key": key, "text": config.get("quadrants", {}).get(key, "")}
            for key in ("top_left", "top_right", "bottom_left", "bottom_right")
        ],
        quadrant_choices=words.QUADRANTS,
        fit_level=theme_fit_level(len(themes)),
    )
    return context


def quadrant_of(theme) -> str | None:
    if not theme.placed:
        return None
    vertical = "top" if theme.impact >= 0.5 else "bottom"
    horizontal = "right" if theme.influence >= 0.5 else "left"
    return f"{vertical}_{horizontal}"


def _undo(workshop) -> dict:
    """The last board action (its undo button), and the themes it touched: the wall shows
    them marked until the next one, as it shows the pair just revealed."""
    last = BoardAction.objects.filter(workshop=workshop, undone=False).order_by("-pk").first()
    changed = {int(pk) for pk in last.before.get("themes", {})} if last else set()
    return {"last_action": last, "changed": changed}
