"""(C) Plenum (seed 004, Bilag 5: 25 minutes): "Leder spørger grupperne på skift" — the
wall shows one group's 2 + 2 at a time with their headings (Workshop.plenum_group), the
facilitator steps through the groups; phones show their own group's 2 + 2."""

from django.utils.translation import gettext as _

from ..live import groupwork as writes
from ..live.forms_group import PlenumGroupForm
from . import GROUP, Action, LiveTool, groupwork, register
from .group_leader import LEADER_ACTIONS


def plenum_board(workshop) -> dict:
    """Every group's board (the console) and the one the wall shows now: the chosen group
    when it is of this round, else the round's first."""
    context = groupwork.screen_board(workshop)
    found = context["group_boards"]
    showing = next((b for b in found if b.group.pk == workshop.plenum_group_id), None)
    if showing is None and found:
        showing = found[0]
    index = found.index(showing) if showing else -1
    context.update(
        plenum_board=showing,
        plenum_previous=found[index - 1].group if index > 0 else None,
        plenum_next=found[index + 1].group if 0 <= index < len(found) - 1 else None,
    )
    return context


def show(workshop, data) -> str:
    writes.show_plenum_group(workshop.pk, data["group"])
    return _("Væggen viser nu %(group)s.") % {"group": data["group"]}


register(
    LiveTool(
        name="group_plenum",
        config=groupwork.GroupWorkConfig,
        words=groupwork.GROUP_WORDS,
        template="group_plenum",
        phone=GROUP,
        board=plenum_board,
        phone_board=groupwork.phone_board,
        workspace=True,
        actions={"plenum_group": Action(PlenumGroupForm, show), **LEADER_ACTIONS},
    )
)
