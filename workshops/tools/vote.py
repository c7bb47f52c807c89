"""The vote (seed 000, mulighedsrummet: "hver deltager sætter en streg ved de 2 emner"): the
facilitator opens a vote over the themes they pick, phones set their marks, the wall shows
how many have voted (never the tally before the close, unless the facilitator chose a live
tally), and on close the top K go on to the arrow, the rest to the P-plads.

Nobody sees who voted for what: the board reads counts per theme and the number of ballots,
never marks by ballot; a phone reads its own marks by its own ballot key (live/vote.py)."""

import uuid

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..live import vote as votes
from ..live.forms import EmptyForm
from ..live.forms_vote import ApplyResultForm, MarkForMeForm, OpenVoteForm, VoteSettingsForm
from ..methods.schema import Integer, PhaseConfig
from ..methods.words import parking_keys, work_on_keys
from ..models import Participant, Theme, Vote
from . import VOTE, Action, LiveTool, boards, register
from .grouping import UNDO


class VoteConfig(PhaseConfig):
    marks = Integer(min_value=1, max_value=10)  # marks per participant
    top = Integer(min_value=1, max_value=20)  # how many themes go on, by default
    top_min = Integer(min_value=1, max_value=20)  # the least the facilitator may choose
    top_max = Integer(min_value=1, max_value=20)  # the most

    def clean(self):
        given = {key: value for key, value in self.cleaned_data.items() if value is not None}
        found = {**WORDS, **given}
        if not found["top_min"] <= found["top"] <= found["top_max"]:
            self.add_error(None, _("top skal ligge mellem top_min og top_max"))
        return self.cleaned_data


# seed 000: two marks each, the 3–5 themes with most marks go on
WORDS = {"marks": 2, "top": 3, "top_min": 3, "top_max": 5}

# The wall's layout rule for the ballot and the result: the more themes, the smaller the
# type, down to the floor (20 px at 1920×1080). Themes per level.
WALL_LEVELS = (8, 12, 16, 22)
BAR_STEPS = 20  # bars are drawn in 5 % steps (a class per step: no inline style)


def wall_level(count: int) -> int:
    return next((i for i, limit in enumerate(WALL_LEVELS) if count <= limit), len(WALL_LEVELS))


def _bars(themes, most: int) -> None:
    for theme in themes:
        share = theme.marks_count / most if most else 0
        theme.bar_step = round(share * BAR_STEPS) * (100 // BAR_STEPS)


def board(workshop) -> dict:
    """What the wall and the console show in the vote: the vote and its themes, how many
    have voted, and the tally once it may be seen (closed, or a live tally). A krænkelse
    theme is never on the ballot: the console names it as going on besides the vote, the
    wall does not point at it. A fixed number of queries, however many post-its and
    themes."""
    context = {**boards.NO_NOTES, **boards._undo(workshop)}
    vote = votes.current_vote(workshop)
    context["vote"] = vote
    is_open = vote is not None and vote.status == Vote.Status.OPEN
    context["vote_open"] = is_open
    besides = None
    if vote is not None:
        context["voters"] = votes.voters(vote)
        if is_open and not vote.live_tally:
            # the titles only: the tally is not read at all until the vote closes
            themes, besides = votes.ballot_and_besides(vote)
            context["tally_shown"] = False
        else:
            themes, besides = votes.ballot_and_besides(vote, counted=True)
            context["tally_shown"] = True
            most = max((t.marks_count for t in themes), default=0)
            _bars(themes, most)
            if not is_open:
                context["result"] = votes.result(workshop, vote, themes, besides)
                context["marks_total"] = sum(t.marks_count for t in themes)
                parking = parking_keys(workshop)
                for theme in themes:
                    theme.parked = theme.column in parking
        context["ballot_themes"] = themes
        context["wall_level"] = wall_level(len(themes))
    if not is_open:
        # a new vote: the themes to pick from, those being worked on ticked; a krænkelse
        # theme is never a ballot option (it is on the arrow whatever the vote says)
        every = list(Theme.objects.filter(workshop=workshop).with_kraenkelse())
        candidates = [t for t in every if not t.is_kraenkelse]
        besides = [t for t in every if t.is_kraenkelse]
        work_on = work_on_keys(workshop)
        picked = {t.pk for t in candidates if t.column in work_on}
        if not picked:
            picked = {t.pk for t in candidates}
        for theme in candidates:
            theme.picked = theme.pk in picked
        context["candidates"] = candidates
    else:
        context["behalf_participants"] = list(
            Participant.objects.filter(workshop=workshop, on_behalf=True)
        )
    context["kraenkelse_themes"] = besides or []
    return context


def phone_board(workshop, participant) -> dict:
    """A phone's ballot: the themes, its own marks (by slot), the marks left; after the close
    the result; the krænkelse themes said calmly to be chosen already. Never anyone else's
    marks."""
    vote = votes.current_vote(workshop)
    if vote is None:
        return {"vote": None, "kraenkelse_themes": votes.kraenkelse_themes(workshop)}
    mine = votes.own_marks(vote, participant)
    is_open = vote.status == Vote.Status.OPEN
    themes, besides = votes.ballot_and_besides(vote, counted=not is_open)
    for theme in themes:
        theme.my_slots = [slot for slot, theme_id in mine.items() if theme_id == theme.pk]
        theme.client_key = uuid.uuid4()  # a retry of this form reuses it: counted once
    if not is_open:
        _bars(themes, max((t.marks_count for t in themes), default=0))
    return {
        "vote": vote,
        "vote_open": is_open and workshop.status != workshop.Status.CLOSED,
        "ballot_themes": themes,
        "marks_used": len(mine),
        "marks_left": vote.marks_per_person - len(mine),
        "kraenkelse_themes": besides,
    }


# The facilitator's actions -------------------------------------------------------------------


def save_settings(workshop, data) -> str:
    votes.update_settings(
        workshop.pk,
        marks=data["marks"],
        several_on_one=data["several_on_one"],
        live_tally=data["live_tally"],
    )
    return _("Afstemningens indstillinger er gemt.")


def open_vote(workshop, data) -> str:
    vote = votes.open_new_vote(workshop.pk, [t.pk for t in data["themes"]])
    marks = ngettext("%(marks)s streg hver", "%(marks)s streger hver", vote.marks_per_person) % {
        "marks": vote.marks_per_person
    }
    return _("Afstemningen er åben over %(n)s temaer med %(marks)s.") % {
        "n": len(data["themes"]),
        "marks": marks,
    }


def close_vote(workshop, data) -> str:
    return votes.close_vote(workshop.pk)


def apply_result(workshop, data) -> str:
    return votes.apply_result(workshop.pk, data["top"], {t.pk for t in data["themes"]})


def mark_for(workshop, data) -> str:
    participant, left = votes.mark_on_behalf(
        workshop.pk,
        None if data["participant"] == MarkForMeForm.NEW else int(data["participant"]),
        data["theme"].pk,
        remove=data["action"] == "remove",
        name=data["name"],
    )
    done = _("Stregen er fjernet") if data["action"] == "remove" else _("Stregen er sat")
    return ngettext(
        "%(done)s for %(name)s, der har %(n)s streg tilbage.",
        "%(done)s for %(name)s, der har %(n)s streger tilbage.",
        left,
    ) % {"done": done, "name": participant, "n": left}


register(
    LiveTool(
        name="vote",
        template="vote",
        phone=VOTE,
        board=board,
        phone_board=phone_board,
        room_from_wall=True,
        config=VoteConfig,
        words=WORDS,
        actions={
            "vote_settings": Action(VoteSettingsForm, save_settings),
            "open_vote": Action(OpenVoteForm, open_vote),
            "close_vote": Action(EmptyForm, close_vote),
            "apply_vote": Action(ApplyResultForm, apply_result),
            "mark_for": Action(MarkForMeForm, mark_for),
            "undo": UNDO,  # the board's undo (the close and the result are board actions)
        },
    )
)
