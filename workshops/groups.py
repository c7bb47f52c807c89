"""Groups: the tables of a phase a method runs in groups (seed 004: 3–4 people, new groups
in round 2). A phase runs in groups when its config says `"groups": {"round": N, ...}`."""

from .models import Group


def group_round(phase) -> int | None:
    """The group round a phase runs in, or None when the room works as one."""
    if phase is None:
        return None
    groups = (phase.config or {}).get("groups")
    return groups.get("round", 1) if groups else None


def group_of(participant, round_number: int) -> Group | None:
    """The participant's group in that round (None: not placed yet)."""
    return (
        Group.objects.filter(members__participant=participant, round_number=round_number)
        .select_related("workshop")
        .first()
    )
