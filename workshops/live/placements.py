"""Placements per phase (issue 20, item 2): a method may sort twice or place in a matrix
twice (Cabi, seed 003: "kan påvirkes / kan ikke påvirkes", then "vigtigt / haster"); each
phase keeps its own.

The Theme's `column`, `impact`, `influence` and `chosen` stay the working copy every tool,
template, summary and query reads (so Albertslund's screens, their query counts and the raw
reads of workshops/sync are untouched). When the room changes phase and the workshop has
more than one phase of the tool the room leaves or enters, `switch()` keeps the working copy
of the phase it leaves in `Placement` rows and loads the phase it enters from them (nothing
kept yet: not sorted, not placed). A method with one phase per tool (Albertslund, Nyborg)
never gets a Placement row: its behaviour is exactly as before.
"""

from ..models import Placement, Theme, Tool, WorkshopPhase

# the fields each tool owns ("chosen" is the matrix's; the vote sets the working copy)
FIELDS = {
    Tool.SORTING: ("column",),
    Tool.MATRIX: ("impact", "influence", "chosen"),
}
BLANK = {"column": "", "impact": None, "influence": None, "chosen": False}


def keep(workshop, phase) -> None:
    """The working copy of `phase`'s tool, kept as that phase's placements."""
    fields = FIELDS[phase.tool]
    themes = list(Theme.objects.filter(workshop=workshop, group__isnull=True))
    kept = {p.theme_id: p for p in Placement.objects.filter(phase=phase)}
    new = []
    for theme in themes:
        placement = kept.get(theme.pk) or Placement(theme=theme, phase=phase)
        for name in fields:
            setattr(placement, name, getattr(theme, name))
        if placement.pk:
            placement.save(update_fields=list(fields))
        else:
            new.append(placement)
    Placement.objects.bulk_create(new)


def load(workshop, phase) -> None:
    """The themes' working copy of `phase`'s tool from that phase's placements (nothing
    kept: not sorted / not placed). A theme that changes gets a new version, so a console
    that still shows the other phase gets a conflict, not a silent overwrite."""
    fields = FIELDS[phase.tool]
    kept = {p.theme_id: p for p in Placement.objects.filter(phase=phase)}
    for theme in Theme.objects.filter(workshop=workshop, group__isnull=True):
        source = kept.get(theme.pk)
        values = {n: getattr(source, n) if source else BLANK[n] for n in fields}
        if all(getattr(theme, n) == v for n, v in values.items()):
            continue
        for name, value in values.items():
            setattr(theme, name, value)
        theme.version += 1
        theme.save(update_fields=[*fields, "version"])


def switch(workshop, old_id: int | None, new) -> None:
    """The room goes from the phase `old_id` to `new` (either may be None); call inside the
    phase change's transaction, before its record(). One query when a phase is left or a
    sort/matrix phase entered; none else."""
    if old_id is None and (new is None or new.tool not in FIELDS):
        return
    if new is not None and new.pk == old_id:
        return
    tools = dict(workshop.phases.filter(tool__in=list(FIELDS)).values_list("pk", "tool"))
    repeated = {t for t in FIELDS if list(tools.values()).count(t) > 1}
    if old_id in tools and tools[old_id] in repeated:
        keep(workshop, WorkshopPhase(pk=old_id, tool=tools[old_id]))
    if new is not None and new.tool in repeated:
        load(workshop, new)


def elsewhere(workshop, phase_id: int | None):
    """The phase an undone board action was made in, when it is not the current one and its
    tool runs more than once in the workshop: that phase's placements, not the working copy,
    get the undo (the undo is keyed by theme and phase). None otherwise."""
    if not phase_id or phase_id == workshop.current_phase_id:
        return None
    phase = WorkshopPhase.objects.filter(
        pk=phase_id, workshop=workshop, tool__in=list(FIELDS)
    ).first()
    if phase is None or workshop.phases.filter(tool=phase.tool).count() < 2:
        return None
    return phase


def split(phase, fields: dict) -> tuple[dict, dict]:
    """An undo's fields of one theme: (those for the working copy, those for `phase`'s
    placement)."""
    if phase is None:
        return fields, {}
    own = FIELDS[phase.tool]
    return (
        {k: v for k, v in fields.items() if k not in own},
        {k: v for k, v in fields.items() if k in own},
    )


def put(theme, phase, fields: dict) -> None:
    if phase is not None and fields:
        Placement.objects.update_or_create(theme=theme, phase=phase, defaults=fields)
