"""Groups: the tables of a phase a method runs in groups (seed 004: 3–4 people, new groups
in round 2). A phase runs in groups when its config says `"groups": {"round": N, ...}`."""

from .models import Group, Participant


def group_round(phase) -> int | None:
    """The group round a phase runs in, or None when the room works as one."""
    if phase is None:
        return None
    groups = (phase.config or {}).get("groups")
    return groups.get("round", 1) if groups else None


def group_of(participant, round_number: int) -> Group | None:
    """The participant's group in that round (None: not placed yet). On every phone's screen
    and action in a group phase: the group's own row only, in id order (a participant is in
    one group per round), not the workshop's row nor the model's ordering by the workshop's
    date (a join and a sort); the workshop is the participant's when it is at hand."""
    group = (
        Group.objects.filter(members__participant=participant, round_number=round_number)
        .order_by("pk")
        .first()
    )
    if group is not None and Participant.workshop.is_cached(participant):
        group.workshop = participant.workshop
    return group
