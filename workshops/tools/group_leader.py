"""The leader in the group work (seed 004, Bilag 5: "observatør med fokus på at lytte"): the
console shows every group's board and keeps the leader's own notes, which no wall or phone
ever shows. Shared by the group tools as their console action."""

from django.utils.translation import gettext as _

from ..live import groupwork as writes
from ..live.forms_group import LeaderNotesForm
from . import Action


def save_notes(workshop, data) -> str:
    writes.save_leader_notes(workshop.pk, data["leader_notes"])
    return _("Dine noter er gemt.")


LEADER_ACTIONS = {"leader_notes": Action(LeaderNotesForm, save_notes)}
