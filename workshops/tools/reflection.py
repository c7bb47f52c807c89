"""Individual reflection: every phone writes yellow post-its; the wall shows how to join and
how many each has written (never what), and the postcard's six factors to think along
(seed 003, "De seks guldkorn"; the same six a phone may tag a post-it with)."""

from django.utils.translation import gettext_lazy as _

from ..models import Factor
from . import WRITE, LiveTool, boards, register

# Seed 003's short explanation of each factor, in its words.
FACTOR_HINTS = {
    Factor.DEMANDS: _("Tempo, arbejdsmængde, deadlines, følelsesmæssige og sociale krav"),
    Factor.INFLUENCE: _("På indretning, på hvordan arbejdet gøres, og hvem man arbejder med"),
    Factor.MEANING: _("Sammenhængen med resten af arbejdet og formålet med indsatsen"),
    Factor.SUPPORT: _("Støtte, hjælp og feedback fra leder og kolleger, når der er brug for det"),
    Factor.PREDICTABILITY: _("Information om planer og begivenheder, så vi undgår uvished"),
    Factor.REWARD: _("Løn, udvikling eller almindelig anerkendelse, der svarer til indsatsen"),
}


def reflection_board(workshop) -> dict:
    """No post-its on the wall while they are written: only the six factors (no query)."""
    return {
        **boards.NO_NOTES,
        "factors": [(factor.label, FACTOR_HINTS[factor]) for factor in Factor],
    }


register(
    LiveTool(
        name="reflection",
        template="reflection",
        phone=WRITE,
        join_large=True,
        board=reflection_board,
    )
)
