"""The live tools: one definition per tool, and the screens dispatch on it.

A method's phases name a tool (models.Tool). Its definition here says what a phone does in
it, whether post-its may be shown on the wall, how large the join code is on the wall, what
its board shows, and which actions the facilitator may take in it, each with a Django form.
Its screens are the partials `facilitator`, `wall` and `phone` of
templates/workshops/tools/<template>.html. No view or template branches on a tool's name: a
new tool is a module here (registered in TOOLS), its template and a method's JSON.

A tool also states its words and settings: `config` is the form (workshops/methods/schema.py)
that checks a phase's `config` in a method file (its fields are the keys allowed), and
`words` the tool's own Danish defaults for them. A phase's words are its config over these
defaults (workshops/methods/words.py), never another method's.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms

from ..methods.schema import PhaseConfig
from ..models import Tool

# What a phone does in a phase: the composer is shown for "write", the present button for
# "present", the ballot for "vote", the arrow's question and a suggestion for "suggest", the
# closing's two questions for "evaluate"; "wait" points at the wall.
WRITE, PRESENT, WAIT, VOTE = "write", "present", "wait", "vote"
SUGGEST, EVALUATE = "suggest", "evaluate"
# a phase run in groups: the phone shows its group's own board (workshops/tools/groupwork.py)
GROUP = "group"


@dataclass(frozen=True)
class Action:
    """Something the facilitator does in a tool: a form validates the POST, `run` makes the
    change (a function of workshops.live.actions) and returns a short Danish answer or ""."""

    form: type[forms.Form]
    run: Callable[..., str]


@dataclass(frozen=True)
class PhoneAction:
    """Something a phone does in a tool (its group's board): a form validates the POST (it
    knows the workshop and the phone's group), `run(participant, group, data)` makes the
    change and returns a short Danish answer. The one phone route asks the tool for it, so
    an action outside its phase is refused ("is it time for this?")."""

    form: type[forms.Form]
    run: Callable[..., str]


@dataclass(frozen=True)
class LiveTool:
    name: str
    template: str
    phone: str = WAIT
    reveals: bool = False  # post-its may be shown on the wall in this phase
    join_large: bool = False  # the wall shows the join code and QR large (else in a corner)
    board: Callable[..., dict] | None = None  # what its board shows (boards.py); None: no notes
    # what a phone shows beyond its own post-its, f(workshop, participant) -> context (the
    # ballot in a vote); None: nothing, the phone needs no board queries
    phone_board: Callable[..., dict] | None = None
    # a board the facilitator works on (grouping, sorting, the matrix): the console gives it
    # the full width in place of the miniature of the wall (its partial `workspace`)
    workspace: bool = False
    # the console's "Det ser rummet" shows the tool's wall partial (the vote's progress and
    # result), not the post-its shown
    room_from_wall: bool = False
    # the console's first links jump into the workspace (its partial `shortcuts`: <li>s)
    shortcuts: bool = False
    # the wall shows the table plan (who sits at which table, each round) when the workshop
    # has groups (workshops/groups.py): the welcome and the break before new tables
    table_plan: bool = False
    actions: dict[str, Action] = field(default_factory=dict)
    # the keys a phase's config may hold (a form of methods/schema.py) and the tool's own
    # defaults for them (Danish words through gettext_lazy, numbers, lists)
    config: type[PhaseConfig] = PhaseConfig
    words: dict = field(default_factory=dict)
    phone_actions: dict[str, PhoneAction] = field(default_factory=dict)

    @property
    def facilitator_partial(self) -> str:
        return f"workshops/tools/{self.template}.html#facilitator"

    @property
    def wall_partial(self) -> str:
        return f"workshops/tools/{self.template}.html#wall"

    @property
    def workspace_partial(self) -> str:
        return f"workshops/tools/{self.template}.html#workspace"

    @property
    def shortcuts_partial(self) -> str:
        return f"workshops/tools/{self.template}.html#shortcuts"

    @property
    def phone_partial(self) -> str:
        return f"workshops/tools/{self.template}.html#phone"


TOOLS: dict[str, LiveTool] = {}


def register(tool: LiveTool) -> LiveTool:
    TOOLS[tool.name] = tool
    return tool


# Before the first phase: the welcome screen.
BEFORE_START = LiveTool(name="before_start", template="welcome", join_large=True)


def tool_of(phase) -> LiveTool:
    """The definition of a phase's tool (the welcome screen before the first phase)."""
    if phase is None:
        return BEFORE_START
    return TOOLS[phase.tool]


from . import (  # noqa: E402, F401 - they register
    arrow,
    board,
    closing,
    group_examples,
    group_plenum,
    group_sort,
    grouping,
    matrix,
    presentation,
    reflection,
    sorting,
    vote,
    welcome,
)

assert set(TOOLS) == set(Tool.values), set(Tool.values) - set(TOOLS)  # noqa: S101
