"""The closing (seed 000, point 6; seed 004's evaluation): the wall shows the room's
expectations from the preparation again ("Blev forventningerne indfriet?"), phones answer two
short questions about the dialogue itself, the console shows the trio a summary, and the
facilitator closes the workshop, refused while a krænkelse theme has no made plan."""

from django.utils.translation import gettext_lazy as _

from actionplans.actions import harassment_themes_without_plan

from ..live import arrow
from ..methods.schema import PhaseConfig, Text
from ..methods.words import words
from ..models import ClosingAnswer
from . import EVALUATE, LiveTool, boards, register


class ClosingConfig(PhaseConfig):
    expectations_label = Text(max_length=200)
    good_label = Text(max_length=200)
    adjust_label = Text(max_length=200)


WORDS = {
    "expectations_label": _("Blev forventningerne indfriet?"),
    "good_label": _("Hvad har været særligt godt?"),
    "adjust_label": _("Er der noget, vi skal justere næste gang?"),
}


def summary(workshop) -> dict:
    """The phones' answers for the trio: the console in the closing, the workshop's page
    after it. No answer says whose it is."""
    answers = list(ClosingAnswer.objects.filter(workshop=workshop))
    return {
        "words": words(workshop, "closing"),
        "answers": answers,
        "good": [a.good for a in answers if a.good],
        "adjust": [a.adjust for a in answers if a.adjust],
    }


def board(workshop) -> dict:
    found = summary(workshop)
    return {
        **boards.NO_NOTES,
        "closing_words": found["words"],
        "closing_answers": found["answers"],
        "closing_good": found["good"],
        "closing_adjust": found["adjust"],
        "closing_refusal": arrow.closing_refusal(workshop),
        # each krænkelse theme without a made plan, with its one-click way on
        "closing_missing": [
            {"theme": theme, "label": arrow.take_up_label(theme)}
            for theme in harassment_themes_without_plan(workshop)
        ],
    }


def phone_board(workshop, participant) -> dict:
    return {
        "closing_words": words(workshop, "closing"),
        "own_answer": arrow.own_closing_answer(participant),
    }


register(
    LiveTool(
        name="closing",
        template="closing",
        phone=EVALUATE,
        board=board,
        phone_board=phone_board,
        room_from_wall=True,
        config=ClosingConfig,
        words=WORDS,
    )
)
