"""(A) Examples (seed 004, Bilag 5: 30 minutes): each phone shows its group and the round's
theme; while one tells, the others write post-its as *vigtig pointe* or *ønsket handling* to
their group's board. The wall shows the theme and the two questions, never a post-it; the
console shows every group's board live and the leader's own notes (the leader listens)."""

import uuid

from django.utils.translation import gettext as _

from ..live import groupwork as writes
from ..live.forms_group import GroupNoteForm
from . import GROUP, LiveTool, PhoneAction, groupwork, register
from .group_leader import LEADER_ACTIONS


def write(participant, group, data) -> str:
    writes.add_group_note(
        participant,
        group,
        client_key=data["client_key"] or uuid.uuid4(),
        kind=data["kind"],
        text=data["text"],
    )
    return _("Post-it'en er sat op på gruppens tavle.")


register(
    LiveTool(
        name="group_examples",
        config=groupwork.GroupWorkConfig,
        words=groupwork.GROUP_WORDS,
        template="group_examples",
        phone=GROUP,
        board=groupwork.screen_board,
        phone_board=groupwork.phone_board,
        workspace=True,
        actions=LEADER_ACTIONS,
        phone_actions={"skriv": PhoneAction(GroupNoteForm, write)},
    )
)
