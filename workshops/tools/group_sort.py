"""(B) Sorting and priorities (seed 004, Bilag 5: 15 minutes): the group sorts its own
post-its under headings it writes ("Hvad går igen?"), notes where they point in different
directions, and marks its 2 most important points and 2 most important actions — on any
phone of the group, every phone of the group in step (versions; the 2 + 2 hold in the
database). The wall shows the questions and each group's progress, not its post-its."""

from django.utils.translation import gettext as _

from ..live import groupwork as writes
from ..live.forms_group import DivergenceForm, HeadingForm, MarkForm, PlaceNoteForm
from . import GROUP, LiveTool, PhoneAction, groupwork, register
from .group_leader import LEADER_ACTIONS


def heading(participant, group, data) -> str:
    writes.add_heading(participant.workshop, group, data["title"])
    return _("Overskriften er sat op.")


def place(participant, group, data) -> str:
    writes.place_note(participant.workshop, group, data["note"], data["theme"], data["version"])
    return _("Post-it'en er flyttet.")


def divergence(participant, group, data) -> str:
    writes.set_divergence(
        participant.workshop, group, data["theme"], data["divergence"], data["version"]
    )
    return _("Det er noteret.")


def mark(participant, group, data) -> str:
    writes.mark(participant.workshop, group, data["note"], data["version"])
    return _("Markeret som en af de vigtigste.")


def unmark(participant, group, data) -> str:
    writes.unmark(participant.workshop, group, data["note"], data["version"])
    return _("Markeringen er fjernet.")


register(
    LiveTool(
        name="group_sort",
        config=groupwork.GroupWorkConfig,
        words=groupwork.GROUP_WORDS,
        template="group_sort",
        phone=GROUP,
        board=groupwork.screen_board,
        phone_board=groupwork.phone_board,
        workspace=True,
        actions=LEADER_ACTIONS,
        phone_actions={
            "overskrift": PhoneAction(HeadingForm, heading),
            "placer": PhoneAction(PlaceNoteForm, place),
            "retninger": PhoneAction(DivergenceForm, divergence),
            "marker": PhoneAction(MarkForm, mark),
            "fjern-markering": PhoneAction(MarkForm, unmark),
        },
    )
)
