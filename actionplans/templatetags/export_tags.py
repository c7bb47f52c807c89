"""The status arrow drawn (seed 001's "Hvor langt er vi?"): one chevron for each step after
"Ikke startet", those reached filled, with the stage always written beside it, so the meaning
never rests on colour. Justeret and Opgivet stand beside the arrow: dashed, with the reason."""

from django import template

from ..models import ARROW_STAGES, Stage

register = template.Library()

STEP = 30  # one chevron's width in the SVG's units


@register.inclusion_tag("actionplans/exports/_arrow.html")
def status_arrow(stage: str, reason: str = ""):
    reached = ARROW_STAGES.index(stage) if stage in ARROW_STAGES else 0
    steps = []
    for index, step in enumerate(ARROW_STAGES[1:], start=1):
        x = (index - 1) * STEP
        notch = x + 4 if index > 1 else x
        steps.append(
            {
                "label": step.label,
                "filled": index <= reached,
                "points": f"{x},0 {x + 26},0 {x + 30},9 {x + 26},18 {x},18 {notch},9",
            }
        )
    return {
        "steps": steps,
        "width": STEP * len(steps),
        "label": Stage(stage).label if stage in Stage.values else stage,
        "beside": stage not in ARROW_STAGES,
        "reason": reason,
    }
