"""The vote (seed 000: "hver deltager sætter en streg ved de 2 emner, de finder vigtigst"):
the facilitator opens a vote over some themes, each participant has N marks, the tally is
hidden until the vote closes, and the top K themes go on to the arrow, the rest to the
P-plads. A theme with a post-it about krænkelser is never on the ballot: it is on the arrow
whatever the vote says (seed 000: some problems always require action), so the top K are
counted besides it and the result never parks it. Like actions.py, each change is one
transaction that records which screens it refreshes (changes.py).

Secrecy: a mark carries a ballot key, an HMAC of the vote and the participant under the
server's secret, never the participant. From the ballot key nobody can go back to a
participant without the secret; the phone (and the facilitator voting for someone without
a phone) recomputes its own key to find its own marks. No screen reads marks by ballot
except the voter's own.

The limit holds in the database (models.VoteMark): a ballot's marks take slots 1..N, unique
per ballot, and a ballot's `distinct_key` (the theme when a theme may carry one mark of a
ballot, else the slot) is unique too. Adding a mark inserts at the lowest free slot inside a
savepoint; when another request took the slot first, the next is tried; none free, the
participant is told. Two marks sent at once can never exceed N, on SQLite or PostgreSQL.
"""

import hashlib
import hmac
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..methods.words import parking_keys
from ..methods.words import words as tool_words
from ..models import BoardAction, Participant, Theme, Vote, VoteMark, Workshop
from . import board
from .actions import LiveError, _locked_open, _next_number
from .changes import record
from .forms_vote import MARKS_MAX, MARKS_MIN


def ballot_key(vote_id: int, participant_id: int) -> str:
    """The key a participant's marks carry in one vote: nobody can tell whose it is without
    the server's secret, and it differs from vote to vote."""
    message = f"vote:{vote_id}:participant:{participant_id}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def open_vote(workshop) -> Vote | None:
    return Vote.objects.filter(workshop=workshop, status=Vote.Status.OPEN).first()


def current_vote(workshop) -> Vote | None:
    """The vote a screen shows: the open one, else the last one."""
    return Vote.objects.filter(workshop=workshop).order_by("-opened_at", "-pk").first()


def _check_open_workshop(workshop) -> None:
    if workshop.status == Workshop.Status.CLOSED:
        raise LiveError(_("Workshoppen er afsluttet – der kan ikke stemmes."))


# The settings ----------------------------------------------------------------------------


@transaction.atomic
def update_settings(workshop_id: int, *, marks: int, several_on_one: bool, live_tally: bool):
    """The vote's settings, fixed while a vote is open: a limit changed mid-vote would leave
    some ballots over it (as on other boards)."""
    workshop = _locked_open(workshop_id)
    if open_vote(workshop) is not None:
        raise LiveError(
            _("Indstillingerne kan ikke ændres, mens afstemningen er åben. Luk den først.")
        )
    if not MARKS_MIN <= marks <= MARKS_MAX:
        raise LiveError(_("Antal streger skal være mellem 1 og 10."))
    workshop.vote_marks = marks
    workshop.vote_several_on_one = several_on_one
    workshop.vote_live_tally = live_tally
    workshop.save(update_fields=["vote_marks", "vote_several_on_one", "vote_live_tally"])
    record(workshop, "vote")
    return workshop


# Opening and closing ---------------------------------------------------------------------


def _forget_earlier_votes(workshop) -> None:
    """A new vote seals the earlier ones: an undo still takes back what an earlier vote did
    to the themes, never reopens it beside the new one (one open vote per workshop)."""
    for action in BoardAction.objects.filter(workshop=workshop, undone=False):
        if action.before.get("votes"):
            action.before["votes"] = {}
            action.save(update_fields=["before"])


@transaction.atomic
def open_new_vote(workshop_id: int, theme_ids: list[int]) -> Vote:
    workshop = _locked_open(workshop_id)
    _check_open_workshop(workshop)
    if open_vote(workshop) is not None:
        raise LiveError(_("Der er allerede en åben afstemning. Luk den først."))
    # a krænkelse theme is already on the arrow: never a ballot option
    themes = list(Theme.objects.filter(workshop=workshop, pk__in=theme_ids).without_kraenkelse())
    if len(themes) < 2:
        raise LiveError(_("Vælg mindst to temaer at stemme om."))
    _forget_earlier_votes(workshop)
    vote = Vote.objects.create(
        workshop=workshop,
        marks_per_person=workshop.vote_marks,
        several_on_one=workshop.vote_several_on_one,
        live_tally=workshop.vote_live_tally,
    )
    vote.themes.set(themes)
    record(workshop, "vote")
    return vote


@transaction.atomic
def close_vote(workshop_id: int) -> str:
    """Close the open vote: the tally is shown. One of the board actions an undo takes back
    (the vote opens again, its marks as they were)."""
    workshop = _locked_open(workshop_id)
    vote = open_vote(workshop)
    if vote is None:
        raise LiveError(_("Der er ingen åben afstemning at lukke."))
    label = _("Afstemningen er lukket.")
    board.remember(workshop, label, votes=[vote])
    vote.status = Vote.Status.CLOSED
    vote.closed_at = timezone.now()
    vote.save(update_fields=["status", "closed_at"])
    record(workshop, "vote")
    return label


# The result ------------------------------------------------------------------------------


@dataclass
class Result:
    """A closed vote's tally, most marks first, and what the facilitator chooses from."""

    vote: Vote
    themes: list[Theme]  # the ballot's themes, each with .marks_count
    top_options: list[int]
    top: int
    # the workshop's krænkelse themes: on the arrow besides the top K, never parked
    besides: list[Theme] = field(default_factory=list)
    most: int = 0
    sure: list[Theme] = field(default_factory=list)  # go on at `top`
    tied: list[Theme] = field(default_factory=list)  # tied at the boundary: the facilitator
    # picks `open_places` of them
    open_places: int = 0


def tally(vote: Vote) -> list[Theme]:
    """The ballot's themes with their marks (`marks_count`), most marks first. One query.
    A theme that got a krænkelse post-it after the vote opened is left out: it is on the
    arrow whatever the vote says. Only for a closed vote, or an open one with a live tally:
    the callers decide (tools/vote.py)."""
    return ballot_and_besides(vote, counted=True)[0]


def ballot_and_besides(vote: Vote, *, counted: bool = False) -> tuple[list[Theme], list[Theme]]:
    """In one query: the ballot's themes (with `marks_count` when `counted`, then most marks
    first) and the workshop's krænkelse themes, on the arrow besides whatever the vote says
    (their marks are never read)."""
    on_ballot = Exists(Vote.themes.through.objects.filter(vote_id=vote.pk, theme_id=OuterRef("pk")))
    themes = Theme.objects.filter(workshop_id=vote.workshop_id).with_kraenkelse()
    themes = themes.annotate(on_ballot=on_ballot)
    if counted:
        themes = themes.annotate(marks_count=Count("marks", filter=Q(marks__vote=vote)))
    themes = list(themes.order_by("order", "pk"))
    ballot = [t for t in themes if t.on_ballot and not t.is_kraenkelse]
    if counted:
        ballot.sort(key=lambda t: -t.marks_count)  # stable: the board's order among equals
    return ballot, [t for t in themes if t.is_kraenkelse]


def top_range(workshop) -> tuple[list[int], int]:
    """K's choices (the method's top_min..top_max) and its default (top)."""
    config = tool_words(workshop, "vote")
    low, high = int(config.get("top_min", 3)), int(config.get("top_max", 5))
    top = int(config.get("top", low))
    return list(range(low, high + 1)), min(max(top, low), high)


def boundary(themes: list[Theme], top: int) -> tuple[list[Theme], list[Theme], int]:
    """At K = `top`: the themes sure to go on, those tied at the boundary, and how many of
    the tied go on (0 tied when there is no tie)."""
    if len(themes) <= top:
        return list(themes), [], 0
    threshold = themes[top - 1].marks_count
    sure = [t for t in themes if t.marks_count > threshold]
    level = [t for t in themes if t.marks_count == threshold]
    if len(sure) + len(level) == top:
        return sure + level, [], 0
    return sure, level, top - len(sure)


def ballot_themes(vote: Vote):
    """The themes a phone can set a mark on, in the board's order."""
    return vote.themes.without_kraenkelse().order_by("order", "pk")


def kraenkelse_themes(workshop) -> list[Theme]:
    """The themes on the arrow whatever a vote says, in the board's order."""
    return list(Theme.objects.filter(workshop=workshop).kraenkelse().order_by("order", "pk"))


def result(workshop, vote: Vote, themes=None, besides=None) -> Result:
    if themes is None:
        themes, besides = ballot_and_besides(vote, counted=True)
    if besides is None:
        besides = kraenkelse_themes(workshop)
    options, top = top_range(workshop)
    sure, tied, places = boundary(themes, top)
    return Result(
        vote=vote,
        themes=themes,
        besides=besides,
        top_options=options,
        top=top,
        most=max((t.marks_count for t in themes), default=0),
        sure=sure,
        tied=tied,
        open_places=places,
    )


def check_choice(themes: list[Theme], chosen_ids: set[int], top: int) -> None:
    """The themes that go on are K of them, and none with fewer marks than one left out:
    only a tie is the facilitator's to settle."""
    if len(chosen_ids) != top:
        raise LiveError(
            ngettext(
                "Vælg %(top)s tema, der går videre – du har valgt %(n)s.",
                "Vælg %(top)s temaer, der går videre – du har valgt %(n)s.",
                top,
            )
            % {"top": top, "n": len(chosen_ids)}
        )
    chosen = [t for t in themes if t.pk in chosen_ids]
    left = [t for t in themes if t.pk not in chosen_ids]
    if chosen and left:
        weakest = min(chosen, key=lambda t: t.marks_count)
        strongest = max(left, key=lambda t: t.marks_count)
        if strongest.marks_count > weakest.marks_count:
            raise LiveError(
                _(
                    "»%(more)s« har flere streger end »%(fewer)s«. Kun temaer med lige mange "
                    "streger kan vælges frem for hinanden."
                )
                % {"more": strongest.title, "fewer": weakest.title}
            )


@transaction.atomic
def apply_result(workshop_id: int, top: int, chosen_ids: set[int]) -> str:
    """ "Videre til pilen": the chosen themes go on to the arrow, the rest of the ballot's to
    the P-plads, in one click that one undo takes back. The top K are counted besides the
    krænkelse themes, which are on the arrow whatever the vote says and never parked (one
    that got its krænkelse post-it after the vote opened is sent on here too)."""
    workshop = _locked_open(workshop_id)
    vote = current_vote(workshop)
    if vote is None or vote.status != Vote.Status.CLOSED:
        raise LiveError(_("Luk afstemningen, før resultatet sendes videre."))
    if vote.applied_at is not None:
        raise LiveError(_("Resultatet er allerede sendt videre. Fortryd det først."))
    options, _default = top_range(workshop)
    if top not in options:
        raise LiveError(
            _("Vælg mellem %(low)s og %(high)s temaer.") % {"low": options[0], "high": options[-1]}
        )
    themes = tally(vote)
    ballot = {t.pk for t in themes}
    chosen_ids = {pk for pk in chosen_ids if pk in ballot}
    top = min(top, len(themes))
    check_choice(themes, chosen_ids, top)
    besides = list(vote.themes.kraenkelse())
    parking = sorted(parking_keys(workshop))
    label = ngettext(
        "Afstemningens resultat: %(n)s tema videre til pilen.",
        "Afstemningens resultat: %(n)s temaer videre til pilen.",
        top,
    ) % {"n": top}
    board.remember(workshop, label, themes=[*themes, *besides], votes=[vote])
    for theme in themes:
        theme.chosen = theme.pk in chosen_ids
        if not theme.chosen and parking:
            theme.column = parking[0]
        theme.version += 1
        theme.save(update_fields=["chosen", "column", "version"])
    for theme in besides:
        theme.chosen = True
        theme.version += 1
        theme.save(update_fields=["chosen", "version"])
    vote.applied_at = timezone.now()
    vote.save(update_fields=["applied_at"])
    record(workshop, "vote")
    always = kraenkelse_themes(workshop)
    if always:
        also = _("Desuden på pilen, fordi krænkelser altid kræver handling: %(titles)s.")
        label += " " + also % {"titles": ", ".join(f"»{t.title}«" for t in always)}
    return label


# Marks -----------------------------------------------------------------------------------


def full_refusal(vote: Vote) -> str:
    return ngettext(
        "Du har brugt din %(n)s streg – flyt den, hvis du vil stemme på noget andet.",
        "Du har brugt dine %(n)s streger – flyt en, hvis du vil stemme på noget andet.",
        vote.marks_per_person,
    ) % {"n": vote.marks_per_person}


def _vote_for_marks(workshop) -> Vote:
    _check_open_workshop(workshop)
    vote = open_vote(workshop)
    if vote is None:
        raise LiveError(_("Der er ingen åben afstemning. Kig op på væggen."))
    return vote


@transaction.atomic
def add_mark(participant: Participant, theme_id: int, client_key) -> tuple[VoteMark, bool]:
    """A mark on a theme, at the ballot's lowest free slot; (mark, created). A retry with the
    same client key is answered with the mark it made, counted once."""
    workshop = participant.workshop
    vote = _vote_for_marks(workshop)
    ballot = ballot_key(vote.pk, participant.pk)
    marks = VoteMark.objects.filter(vote=vote, ballot=ballot)
    theme = ballot_themes(vote).filter(pk=theme_id).first()
    if theme is None:
        already = Theme.objects.filter(workshop=workshop, pk=theme_id).kraenkelse().first()
        if already is not None:
            raise LiveError(
                _("»%(title)s« er allerede valgt til pilen og skal ikke have en streg.")
                % {"title": already.title}
            )
        raise LiveError(_("Det tema er ikke med i afstemningen."))
    for _attempt in range(vote.marks_per_person + 2):
        # each attempt reads the ballot again, in one statement (one snapshot): a retry of
        # this very mark may have got in meanwhile, and its answer is that mark, whatever
        # the ballot holds now
        ballot_marks = list(marks.all())  # a fresh read each time, never the cache
        earlier = next((m for m in ballot_marks if m.client_key == client_key), None)
        if earlier is not None:
            return earlier, False
        taken = {m.slot: m.theme_id for m in ballot_marks}
        free = [s for s in range(1, vote.marks_per_person + 1) if s not in taken]
        if not free:
            raise LiveError(full_refusal(vote))
        if not vote.several_on_one and theme.pk in taken.values():
            raise LiveError(
                _("Du har allerede en streg på »%(title)s«. Hver streg på sit eget tema.")
                % {"title": theme.title}
            )
        slot = free[0]
        try:
            with transaction.atomic():  # a savepoint: a lost race leaves the rest standing
                mark = VoteMark.objects.create(
                    vote=vote,
                    theme=theme,
                    ballot=ballot,
                    slot=slot,
                    distinct_key=slot if vote.several_on_one else theme.pk,
                    client_key=client_key,
                )
        except IntegrityError:
            # another request of this ballot took the slot or the theme first, or a retry of
            # this very mark got in first: look again
            continue
        record(workshop, "vote_mark", authors=[participant.pk])
        return mark, True
    raise LiveError(full_refusal(vote))  # pragma: no cover - each attempt fills a slot


@transaction.atomic
def remove_mark(participant: Participant, slot: int) -> bool:
    """Take back the mark in a slot; a retry (nothing there any more) changes nothing."""
    workshop = participant.workshop
    vote = _vote_for_marks(workshop)
    ballot = ballot_key(vote.pk, participant.pk)
    deleted, _kinds = VoteMark.objects.filter(vote=vote, ballot=ballot, slot=slot).delete()
    if deleted:
        record(workshop, "vote_mark", authors=[participant.pk])
    return bool(deleted)


def own_marks(vote: Vote, participant: Participant) -> dict[int, int]:
    """The participant's own marks: slot -> theme id."""
    ballot = ballot_key(vote.pk, participant.pk)
    return dict(
        VoteMark.objects.filter(vote=vote, ballot=ballot)
        .order_by("slot")
        .values_list("slot", "theme_id")
    )


def voters(vote: Vote) -> int:
    """How many ballots have at least one mark: "9 af 12 har stemt"."""
    return VoteMark.objects.filter(vote=vote).values("ballot").distinct().count()


# For a participant without a phone ---------------------------------------------------------


@transaction.atomic
def mark_on_behalf(
    workshop_id: int, participant_id: int | None, theme_id: int, *, remove: bool, name=""
) -> tuple[Participant, int]:
    """The facilitator sets (or takes back) a mark for a participant without a phone, who
    says it to them; `participant_id` None makes a new such participant. Returns the
    participant and their marks left. The console never shows anyone's marks."""
    workshop = _locked_open(workshop_id)
    vote = _vote_for_marks(workshop)
    if participant_id is None:
        participant = Participant.objects.create(
            workshop=workshop,
            number=_next_number(workshop.pk),
            display_name="" if workshop.anonymous else name.strip()[:60],
            on_behalf=True,
        )
        record(workshop, "join")
    else:
        participant = Participant.objects.get(pk=participant_id, workshop=workshop, on_behalf=True)
    participant.workshop = workshop
    if remove:
        mine = own_marks(vote, participant)
        slots = [slot for slot, theme in mine.items() if theme == theme_id]
        if not slots:
            raise LiveError(_("Deltageren har ingen streg på det tema."))
        remove_mark(participant, max(slots))
    else:
        add_mark(participant, theme_id, uuid.uuid4())
    return participant, vote.marks_per_person - len(own_marks(vote, participant))
