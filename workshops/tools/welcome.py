"""Welcome and introduction (seed 000, point 1): the wall greets the room with the programme
of the day (the preparation's agenda with its clock times), who has which role, the ground
rules and the expectations, and how to join; phones wait."""

from ..agenda import build_agenda
from . import LiveTool, boards, register


def roles(workshop) -> list[tuple[str, str]]:
    """The roles the preparation named (seed 000: "Rollefordeling"), in the order of the day."""
    from django.utils.translation import gettext as _

    facilitator = workshop.facilitator_name
    if not facilitator and workshop.facilitator_id:
        user = workshop.facilitator
        facilitator = user.get_full_name() or user.get_username()
    named = (
        (_("Facilitator"), facilitator),
        (_("Tidsstyrer"), workshop.timekeeper_name),
        (_("Opsamler/referent"), workshop.note_taker_name),
    )
    return [(role, name) for role, name in named if name]


def welcome_board(workshop) -> dict:
    """The programme (one query for the phases), the roles and the room's rules. No post-its."""
    agenda = build_agenda(
        workshop.phases.order_by("order", "pk"), workshop.start_time, workshop.planned_minutes
    )
    return {**boards.NO_NOTES, "agenda": agenda, "roles": roles(workshop)}


register(
    LiveTool(
        name="intro", template="welcome", join_large=True, board=welcome_board, table_plan=True
    )
)
