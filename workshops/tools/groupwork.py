"""The group work of a method (seed 004, Nyborg TalSammen): at tables of 3–4, each group
writes post-its to its own board (A), sorts them under its own headings and marks its two
most important points and actions (B), and shows its 2 + 2 to the room (C). The reads every
group tool shares: the phone's group and board, every group's board for the console, the
topic the round is about and the method's words about the beredskab (Bilag 4).

Queries are fixed: a phone reads its group, its group's post-its and headings (3); the
console and the wall read the round's groups, members, post-its and headings (4), however
many post-its and groups there are (tests/test_group_queries.py).
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from .. import kinds
from ..groups import group_in_round, group_round
from ..methods.schema import PhaseConfig, Text
from ..models import Group, GroupMember, Note, Theme
from . import boards

# kinds: Nyborg's post-it kinds (seed 004, A: "vigtig pointe" / "ønsket handling"), in the
# order a group's flipover shows them. When the kinds come from the method (issue 20, item 2)
# this becomes the workshop's kinds; every group tool, form and template reads it from here.


def group_kinds(workshop) -> list[tuple[str, str, str]]:
    """The method's post-it kinds as the group tools show them: (key, label, plural)."""
    return [(kind.key, kind.label, kind.plural) for kind in kinds.kinds_of(workshop)]


# seed 004, B: "de 2 vigtigste pointer og de 2 vigtigste ønskede handlinger"
PRIORITIES_PER_KIND = 2

# Bilag 4, when a method's phase names no words of its own
DEFAULT_BEREDSKAB = _(
    "Konkrete krænkelser drøftes ikke i dialogen. Oplever du grænseoverskridende adfærd, så "
    "brug beredskabet: din leder, TR/AMR, HR's trivselskonsulent eller whistleblowerordningen."
)


class GroupWorkConfig(PhaseConfig):
    """A group tool's phase: the round's theme by its key (`topic`), what the theme is called
    ("Trivselstema"), and the beredskab's words."""

    topic_label = Text(max_length=100)


GROUP_WORDS = {"beredskab": DEFAULT_BEREDSKAB, "topic_label": ""}


@dataclass
class KindColumn:
    kind: str
    label: str
    plural: str
    notes: list = field(default_factory=list)

    @property
    def marked(self) -> list:
        return sorted((n for n in self.notes if n.priority), key=lambda n: n.priority)


@dataclass
class GroupBoard:
    """One group's board as every screen shows it: its post-its by kind, its headings with
    their post-its, and its marked 2 + 2."""

    group: Group
    members: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    kinds: list = field(default_factory=list)  # the workshop's (key, label, plural), in order

    @property
    def columns(self) -> list[KindColumn]:
        return [
            KindColumn(kind, label, plural, [n for n in self.notes if n.kind == kind])
            for kind, label, plural in self.kinds
        ]

    @property
    def unsorted(self) -> list:
        return [n for n in self.notes if n.theme_id is None]

    @property
    def headings(self) -> list:
        for theme in self.themes:
            theme.group_notes = [n for n in self.notes if n.theme_id == theme.pk]
        return self.themes

    @property
    def marked(self) -> list[KindColumn]:
        """The 2 + 2 (the plenum's), each with its heading."""
        titles = {t.pk: t.title for t in self.themes}
        columns = self.columns
        for column in columns:
            for note in column.notes:
                note.heading = titles.get(note.theme_id, "")
            column.notes = column.marked
        return columns

    @property
    def marked_count(self) -> int:
        return sum(1 for n in self.notes if n.priority)


def phase_round(workshop) -> int | None:
    return group_round(workshop.current_phase)


def config(workshop) -> dict:
    phase = workshop.current_phase
    return (phase.config or {}) if phase is not None else {}


def topic(workshop) -> dict:
    """The theme the round talks about (chosen before the day, Workshop.topics), by the key
    the phase's config names ("trivsel", "ledelse")."""
    words = config(workshop)
    key = words.get("topic", "")
    chosen = (workshop.topics or {}).get(key) or {}
    return {
        "key": key,
        "label": words.get("topic_label", ""),
        "title": chosen.get("title", ""),
        "description": chosen.get("description", ""),
    }


def beredskab(workshop) -> str:
    return config(workshop).get("beredskab") or DEFAULT_BEREDSKAB


def _kept_notes():
    return Note.objects.kept()


def round_boards(workshop, round_number: int | None) -> list[GroupBoard]:
    """Every group's board in this round (the console, the wall): four queries."""
    if round_number is None:
        return []
    groups = list(
        Group.objects.filter(workshop=workshop, round_number=round_number).prefetch_related(
            Prefetch(
                "members",
                queryset=GroupMember.objects.select_related("participant").order_by("pk"),
            )
        )
    )
    shown_kinds = group_kinds(workshop)
    found = {
        g.pk: GroupBoard(group=g, members=list(g.members.all()), kinds=shown_kinds) for g in groups
    }
    if found:
        for note in _kept_notes().filter(group__in=list(found)).order_by("created_at", "pk"):
            found[note.group_id].notes.append(note)
        for theme in Theme.objects.filter(group__in=list(found)).order_by("order", "pk"):
            found[theme.group_id].themes.append(theme)
    return list(found.values())


def group_board(group: Group) -> GroupBoard:
    """One group's board (a phone): two queries."""
    return GroupBoard(
        group=group,
        notes=list(_kept_notes().filter(group=group).order_by("created_at", "pk")),
        themes=list(Theme.objects.filter(group=group).order_by("order", "pk")),
        kinds=group_kinds(group.workshop),  # group_of reads the workshop with the group
    )


def phone_group(workshop, participant) -> Group | None:
    """The phone's group in this phase's round, read once per request (groups.group_in_round:
    the route, the table block and the board all ask)."""
    round_number = phase_round(workshop)
    return None if round_number is None else group_in_round(participant, round_number)


def phone_board(workshop, participant) -> dict:
    """What a phone shows in a group phase: its group, the round's topic, its group's board
    (no other group's), the kinds and the beredskab."""
    group = phone_group(workshop, participant)
    return {
        "group": group,
        "group_board": group_board(group) if group is not None else None,
        "group_kinds": group_kinds(workshop),
        "topic": topic(workshop),
        "beredskab": beredskab(workshop),
        "priorities_per_kind": PRIORITIES_PER_KIND,
    }


def screen_board(workshop) -> dict:
    """What the console and the wall get in a group phase: every group's board of the round
    (the wall's partials show only what the method shows on the wall)."""
    group_boards = round_boards(workshop, phase_round(workshop))
    return {
        **boards.NO_NOTES,
        "group_boards": group_boards,
        "group_kinds": group_kinds(workshop),
        "topic": topic(workshop),
        "beredskab": beredskab(workshop),
        "priorities_per_kind": PRIORITIES_PER_KIND,
        "group_note_total": sum(len(b.notes) for b in group_boards),
    }
