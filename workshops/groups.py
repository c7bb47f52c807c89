"""Groups: the tables of a phase a method runs in groups (seed 004: "Dan grupper med 3-4
personer i hver gruppe … en gruppefordeling til første runde … og en ny gruppefordeling til
anden runde"). A phase runs in groups when its config says
`"groups": {"round": N, "size": [3, 4]}`; its group theme is `config["topic"]`, a key of
`Workshop.topics`.

The interface other tools build on (the group day's examples, sorting, 2 + 2, plenum):

- `form_groups(people, size=(3, 4), seed=0)` — pure: people → tables of the method's size.
- `new_groups(people, earlier, size=(3, 4), seed=0)` — pure: round 2's tables, repeating as
  few pairs of round 1 as possible (`earlier`: person → their round-1 table).
- `smallest_group(sizes)` — pure: the table a late arrival joins.
- `group_of(participant, round)` — a participant's Group in a round (None: not placed).
- `form_ahead(workshop, names)`, `form_round(workshop, round)`,
  `move(workshop, member_id, group_id)`, `place_late_arrival(participant)` (called by
  `live.join`; claims a planned seat by name first) — the database side, each one
  transaction that records its change.
- `table_plan(workshop)`, `phone_group(workshop, participant)` — what the screens show.
- `record(workshop, "group_board", group=g)` (workshops/live/changes.py) — a change to one
  group's board: moves that group's phones, the wall and the console, no other phone.
  `group=` takes one Group or several (a move changes two tables).
"""

import random
from collections.abc import Hashable, Iterable, Sequence
from itertools import combinations

from django.db import transaction
from django.db.models import Count, Q

from .models import Group, GroupMember, Participant, Workshop

SIZE = (3, 4)  # seed 004: tables of 3–4
ROUNDS = (1, 2)  # seed 004: round 1 (trivselstema) and round 2 in new groups (ledelsestema)


def group_round(phase) -> int | None:
    """The group round a phase runs in, or None when the room works as one."""
    if phase is None:
        return None
    groups = (phase.config or {}).get("groups")
    return groups.get("round", 1) if groups else None


def group_size(phase) -> tuple[int, int]:
    """The table size a group phase asks for (`"size": [3, 4]`), else seed 004's."""
    groups = (phase.config or {}).get("groups") if phase is not None else None
    size = (groups or {}).get("size") or SIZE
    return int(size[0]), int(size[-1])


def round_size(workshop: Workshop, round_number: int) -> tuple[int, int]:
    """The table size of a round: its first phase's."""
    phases = workshop.phases.only("config").order_by("order", "pk")
    return next((group_size(p) for p in phases if group_round(p) == round_number), SIZE)


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


def group_in_round(participant, round_number: int) -> Group | None:
    """`group_of` for a phone's screen: kept on the participant object for its request (the
    route, the table block and the group tool's board each ask). Not for writes: a join or a
    move reads afresh with `group_of`."""
    kept = participant.__dict__.get("_group_in_round")
    if kept is not None and kept[0] == round_number:
        return kept[1]
    group = group_of(participant, round_number)
    participant._group_in_round = (round_number, group)
    return group


# Forming: pure functions of a list of people ---------------------------------------------------


def table_sizes(count: int, size: tuple[int, int] = SIZE) -> list[int]:
    """How many sit at each table: as few tables as the largest size allows, as even as can
    be, larger tables first. Fewer people than two of the smallest tables: one table (5
    people are one table of 5, not 3 + 2)."""
    low, high = size
    if count <= 0:
        return []
    tables = -(-count // high)  # ceil
    if count // tables < low:
        tables = max(1, count // low)
    base, extra = divmod(count, tables)
    return [base + 1] * extra + [base] * (tables - extra)


def form_groups(people: Sequence, size: tuple[int, int] = SIZE, seed=0) -> list[list]:
    """Round 1: the people shuffled (deterministic for a seed) and seated table by table."""
    order = list(people)
    random.Random(seed).shuffle(order)
    groups, start = [], 0
    for count in table_sizes(len(order), size):
        groups.append(order[start : start + count])
        start += count
    return groups


def repeated_pairs(groups: Iterable[Sequence], earlier: dict[Hashable, int]) -> int:
    """How many pairs at the same table sat at the same table before."""
    return sum(
        1
        for group in groups
        for a, b in combinations(group, 2)
        if earlier.get(a) is not None and earlier.get(a) == earlier.get(b)
    )


def fewest_repeats(tables: int, earlier_sizes: Sequence[int]) -> int:
    """A lower bound on the repeated pairs of any seating at `tables` new tables: the people
    of each earlier table spread over the new tables as evenly as can be, each earlier table
    on its own. With round 1's tables of 3–4 `new_groups` reaches it (tests/test_groups.py)."""
    total = 0
    for size in earlier_sizes:
        base, extra = divmod(size, tables)
        total += extra * (base + 1) * base // 2 + (tables - extra) * base * (base - 1) // 2
    return total


def new_groups(
    people: Sequence, earlier: dict[Hashable, int], size: tuple[int, int] = SIZE, seed=0
) -> list[list]:
    """Round 2: new tables that repeat as few pairs of round 1 as possible.

    Dealt out like cards: the people ordered table by table of round 1 (largest first, each
    table's people shuffled by the seed) and dealt round the new tables, so each earlier
    table's people spread over the new tables as evenly as can be. That is the fewest
    repeats possible (`fewest_repeats` is the lower bound, reached for 7..24 people with
    round 1's tables and with uneven ones, tests/test_groups.py). People without an earlier
    table (late arrivals) are dealt last."""
    rng = random.Random(seed)
    sizes = table_sizes(len(people), size)
    by_table: dict[int | None, list] = {}
    for person in people:
        by_table.setdefault(earlier.get(person), []).append(person)
    for members in by_table.values():
        rng.shuffle(members)
    tables = sorted((t for t in by_table if t is not None), key=lambda t: (-len(by_table[t]), t))
    deck = [p for t in tables for p in by_table[t]] + by_table.get(None, [])
    groups: list[list] = [[] for _ in sizes]
    turn = 0
    for person in deck:
        while len(groups[turn % len(groups)]) >= sizes[turn % len(groups)]:
            turn += 1
        groups[turn % len(groups)].append(person)
        turn += 1
    return groups


def smallest_group(sizes: dict[int, int]) -> int | None:
    """The table a late arrival joins: the one with fewest people, the lowest number of
    those (None: no tables)."""
    if not sizes:
        return None
    return min(sizes, key=lambda number: (sizes[number], number))


# The database side --------------------------------------------------------------------------


def same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _record(workshop, change, **kwargs):
    from .live.changes import record

    record(workshop, change, **kwargs)


class GroupsRefused(Exception):
    """A change the groups refuse, with a Danish message."""


def _check_not_started(workshop: Workshop, round_number: int) -> None:
    """A round whose tables have written post-its or headings is not formed anew: that would
    cut the group's board loose (move people instead)."""
    from django.utils.translation import gettext as _

    from .models import Note, Theme

    tables = Group.objects.filter(workshop=workshop, round_number=round_number)
    if (
        Note.objects.filter(group__in=tables).exists()
        or Theme.objects.filter(group__in=tables).exists()
    ):
        raise GroupsRefused(
            _(
                "Grupperne i runde %(n)s er i gang og har skrevet på deres tavle. Flyt "
                "personer i stedet for at danne grupperne forfra."
            )
            % {"n": round_number}
        )


def _save_round(workshop: Workshop, round_number: int, tables: list[list]) -> list[Group]:
    """Replace a round's tables by these (each a list of Participants or names)."""
    _check_not_started(workshop, round_number)
    Group.objects.filter(workshop=workshop, round_number=round_number).delete()
    groups = Group.objects.bulk_create(
        Group(workshop=workshop, round_number=round_number, number=n)
        for n in range(1, len(tables) + 1)
    )
    GroupMember.objects.bulk_create(
        GroupMember(
            group=group,
            round_number=round_number,
            participant=person if isinstance(person, Participant) else None,
            name="" if isinstance(person, Participant) else str(person)[:60],
        )
        for group, table in zip(groups, tables, strict=True)
        for person in table
    )
    return groups


def planned_names(workshop: Workshop) -> list[str]:
    """The names seated in round 1 (or any round), in table order: the list the planning
    group typed."""
    names = []
    for member in (
        GroupMember.objects.filter(group__workshop=workshop)
        .select_related("participant")
        .order_by("round_number", "group__number", "pk")
    ):
        label = member.name or str(member.participant)
        if not any(same_name(label, seen) for seen in names):
            names.append(label)
    return names


def clean_names(text_or_names) -> list[str]:
    """One name a line (or a list), trimmed, blank lines and repeats dropped."""
    lines = text_or_names.splitlines() if isinstance(text_or_names, str) else text_or_names
    names: list[str] = []
    for line in lines:
        name = " ".join(str(line).split())[:60]
        if name and not any(same_name(name, seen) for seen in names):
            names.append(name)
    return names


@transaction.atomic
def form_ahead(
    workshop: Workshop, names: Sequence[str], size=SIZE, seed=0, rounds=ROUNDS
) -> dict[int, list[Group]]:
    """The planning group's table plan before the day (seed 004, step 7): round 1 from the
    names, round 2 in new tables. Replaces any plan there was."""
    names = clean_names(names)
    first = form_groups(names, size, seed)
    plan = {rounds[0]: _save_round(workshop, rounds[0], first)}
    earlier = {name: n for n, table in enumerate(first) for name in table}
    for round_number in rounds[1:]:
        tables = new_groups(names, earlier, size, seed)
        plan[round_number] = _save_round(workshop, round_number, tables)
    _record(workshop, "groups")
    return plan


@transaction.atomic
def form_round(workshop: Workshop, round_number: int, size=SIZE, seed=0) -> list[Group]:
    """On the day: a round's tables from the participants present; round 2 and later in new
    tables after the round before."""
    people = list(Participant.objects.filter(workshop=workshop).order_by("number", "pk"))
    earlier = {
        member.participant: member.group_id
        for member in GroupMember.objects.filter(
            group__workshop=workshop, round_number=round_number - 1, participant__isnull=False
        ).select_related("participant")
    }
    first = not earlier
    tables = form_groups(people, size, seed) if first else new_groups(people, earlier, size, seed)
    groups = _save_round(workshop, round_number, tables)
    _record(workshop, "groups")
    return groups


class MoveRefused(GroupsRefused):
    """A move the groups refuse, with a Danish message."""


@transaction.atomic
def move(workshop: Workshop, member_id: int, group_id: int) -> GroupMember:
    """Seat a person at another table of the same round (before or during the round)."""
    from django.utils.translation import gettext as _

    member = (
        GroupMember.objects.select_for_update()
        .select_related("group")
        .filter(pk=member_id, group__workshop=workshop)
        .first()
    )
    target = Group.objects.filter(pk=group_id, workshop=workshop).first()
    if member is None or target is None:
        raise MoveRefused(_("Personen eller gruppen findes ikke i denne workshop."))
    if target.round_number != member.round_number:
        raise MoveRefused(_("Man kan kun flytte til en gruppe i samme runde."))
    before = member.group
    if before.pk == target.pk:
        return member
    member.group = target
    member.save(update_fields=["group"])
    _record(workshop, "group_members", group=[before, target])
    return member


def sizes_present(workshop: Workshop, round_number: int) -> dict[int, int]:
    """Per table of the round (by Group id): the participants seated there."""
    return dict(
        Group.objects.filter(workshop=workshop, round_number=round_number)
        .annotate(n=Count("members", filter=Q(members__participant__isnull=False)))
        .values_list("pk", "n")
    )


@transaction.atomic
def claim_planned_seats(participant: Participant) -> list[Group]:
    """A participant who joins by a name the table plan holds takes those seats (one per
    round). Returns the groups they were seated in."""
    name = participant.display_name
    if not name:
        return []
    claimed = []
    seats = (
        GroupMember.objects.select_for_update()
        .filter(group__workshop_id=participant.workshop_id, participant__isnull=True)
        .exclude(name="")
        .select_related("group")
        .order_by("round_number", "pk")
    )
    taken_rounds = set(
        GroupMember.objects.filter(participant=participant).values_list("round_number", flat=True)
    )
    for seat in seats:
        if seat.round_number in taken_rounds or not same_name(seat.name, name):
            continue
        seat.participant = participant
        seat.save(update_fields=["participant"])
        taken_rounds.add(seat.round_number)
        claimed.append(seat.group)
    return claimed


@transaction.atomic
def place_late_arrival(participant: Participant) -> list[Group]:
    """Seat a participant who has no table yet: their planned seat if the plan names them,
    else the smallest table (by people present) of every round already formed."""
    workshop = participant.workshop
    groups = claim_planned_seats(participant)
    seated = {g.round_number for g in groups} | set(
        GroupMember.objects.filter(participant=participant).values_list("round_number", flat=True)
    )
    rounds = (
        Group.objects.filter(workshop=workshop)
        .values_list("round_number", flat=True)
        .distinct()
        .order_by("round_number")
    )
    for round_number in rounds:
        if round_number in seated:
            continue
        group_id = smallest_group(sizes_present(workshop, round_number))
        member = GroupMember.objects.create(
            group_id=group_id, round_number=round_number, participant=participant
        )
        groups.append(member.group)
    if groups:
        _record(workshop, "group_members", group=groups)
    return groups


# What the screens show ------------------------------------------------------------------------


def table_plan(workshop: Workshop, rounds: Iterable[int] | None = None) -> list[dict]:
    """Every round's tables (or those of `rounds`) with who sits there: [{"round": 1,
    "groups": [{"group": g, "members": [GroupMember…]}]}]. Two queries."""
    members = GroupMember.objects.filter(group__workshop=workshop)
    tables = Group.objects.filter(workshop=workshop)
    if rounds is not None:
        members = members.filter(round_number__in=list(rounds))
        tables = tables.filter(round_number__in=list(rounds))
    seats: dict[int, list] = {}
    for member in members.select_related("participant").order_by("round_number", "pk"):
        seats.setdefault(member.group_id, []).append(member)
    rounds: dict[int, list] = {}
    for group in tables.order_by("round_number", "number"):
        rounds.setdefault(group.round_number, []).append(
            {"group": group, "members": seats.get(group.pk, [])}
        )
    return [{"round": n, "groups": groups} for n, groups in rounds.items()]


def next_round(workshop: Workshop) -> int | None:
    """The group round of the first group phase after the current one: the tables the room
    sits at next (the welcome: round 1; the break between rounds: round 2)."""
    phases = workshop.phases.only("config", "order").order_by("order", "pk")
    if workshop.current_phase is not None:
        phases = phases.filter(order__gt=workshop.current_phase.order)
    return next((n for n in (group_round(p) for p in phases) if n is not None), None)


def wall_plan(workshop: Workshop) -> list[dict]:
    """What the wall shows in a phase with the table plan: the next round's tables."""
    number = next_round(workshop)
    return [] if number is None else table_plan(workshop, [number])


def rounds_of(workshop: Workshop) -> list[int]:
    """The group rounds the workshop's phases run in (the console offers to form each)."""
    phases = workshop.phases.only("config")
    return sorted({n for n in (group_round(p) for p in phases) if n is not None})


def phone_group(workshop: Workshop, participant: Participant) -> dict:
    """What a phone shows in a group phase, read from the server every time: its table's
    number, who sits there and the round's theme. Empty outside group phases."""
    round_number = group_round(workshop.current_phase)
    if round_number is None:
        return {}
    group = group_in_round(participant, round_number)
    topic_key = (workshop.current_phase.config or {}).get("topic")
    topic = (workshop.topics or {}).get(topic_key) if topic_key else None
    members = list(group.members.select_related("participant").order_by("pk")) if group else []
    return {
        "group_round": round_number,
        "my_group": group,
        "group_members": members,
        "group_topic": topic,
    }


def plan_repeats(plan: list[dict]) -> dict[int, int]:
    """Per round after the first: how many pairs sit together again (the planning page says
    so, so a hand-made change that seats old neighbours again is seen)."""
    repeats, before = {}, None
    for round_ in plan:
        tables = [[_seat_key(m) for m in g["members"]] for g in round_["groups"]]
        if before is not None:
            repeats[round_["round"]] = repeated_pairs(tables, before)
        before = {key: n for n, table in enumerate(tables) for key in table}
    return repeats


def _seat_key(member) -> str:
    return " ".join((member.name or str(member.participant)).split()).casefold()
