"""The arrow (seed 000, "Hvad skal vi gøre?") and the closing, live. The room takes the chosen
themes one at a time down the arrow's five questions to "Sæt i gang"; the note-taker types the
answers on the console, the wall shows them as they are typed, phones send suggestions. At the
close, phones answer two questions about the dialogue itself.

Like actions.py, each change is one transaction that records which screens it refreshes
(changes.py). A plan's answers are versioned (actionplans.actions.save_answers): a stale
save from a second laptop is refused with the fresh text, never written over it.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from actionplans import actions as plans
from actionplans.editing import delete_activity
from actionplans.models import ANSWER_LENGTH, ActionPlan, Activity, Suggestion, Tovholder

from ..methods.words import words
from ..models import ClosingAnswer, Theme, Tool, Workshop
from .actions import LiveError, _locked
from .changes import record

QUESTIONS = 5
GO_STEP = QUESTIONS + 1  # "Sæt i gang": the plan as a whole
SUGGESTION_MAX = 500
CLOSING_MAX = 1000


def questions(workshop) -> list[dict]:
    """The arrow's five questions in the method's words, numbered 1..5."""
    found = words(workshop, "arrow").get("questions", [])
    return [{**q, "number": n} for n, q in enumerate(found, start=1)]


def answer_fields(workshop) -> dict[str, int]:
    """The plan fields the method's questions ask for, each with its question's number."""
    return {f["name"]: q["number"] for q in questions(workshop) for f in q.get("fields", [])}


def chosen_themes(workshop) -> list[Theme]:
    """The themes on the arrow (chosen, and every krænkelse theme), each with
    `is_kraenkelse`."""
    return list(
        Theme.objects.filter(workshop=workshop).on_arrow().with_kraenkelse().order_by("order", "pk")
    )


def _check_open(workshop) -> None:
    if workshop.status == Workshop.Status.CLOSED:
        raise LiveError(_("Workshoppen er afsluttet."))


# The facilitator: which theme, which question ------------------------------------------------


@transaction.atomic
def pick_theme(workshop_id: int, theme_id: int) -> str:
    """The room takes up a chosen theme: its plan is made the first time, the arrow starts
    at its top."""
    workshop = _locked(workshop_id)
    theme = Theme.objects.filter(workshop=workshop, pk=theme_id).on_arrow().first()
    if theme is None:
        raise LiveError(_("Vælg et af de temaer, der er gået videre til pilen."))
    plans.plan_for_theme(theme)
    if workshop.arrow_theme_id != theme.pk:
        workshop.arrow_theme, workshop.arrow_step = theme, 1
        workshop.save(update_fields=["arrow_theme", "arrow_step"])
    record(workshop, "arrow")
    return _("Pilen: »%(title)s«.") % {"title": theme.title}


@transaction.atomic
def set_step(workshop_id: int, step: int) -> str:
    """Go to one of the five questions, or to "Sæt i gang" (the plan as a whole)."""
    workshop = _locked(workshop_id)
    if workshop.arrow_theme_id is None:
        raise LiveError(_("Vælg først et tema."))
    workshop.arrow_step = min(max(step, 1), GO_STEP)
    workshop.save(update_fields=["arrow_step"])
    record(workshop, "arrow")
    if workshop.arrow_step == GO_STEP:
        return words(workshop, "arrow").get("go_label", _("Sæt i gang"))
    return _("Spørgsmål %(n)s af %(total)s.") % {"n": workshop.arrow_step, "total": QUESTIONS}


def _plan(workshop, plan_id: int) -> ActionPlan:
    plan = ActionPlan.objects.filter(pk=plan_id, workshop=workshop).first()
    if plan is None:
        raise LiveError(_("Den handleplan hører ikke til denne workshop."))
    return plan


# The note-taker: answers and activities --------------------------------------------------------


@transaction.atomic
def save_answer(workshop_id: int, plan_id: int, field: str, text: str, *, version: int):
    """One answer as typed, if nobody saved the plan since `version` (else PlanConflict with
    the fresh plan). Plans stay editable after the workshop is closed."""
    workshop = _locked(workshop_id)
    if field not in answer_fields(workshop):
        raise LiveError(_("Det felt findes ikke i pilen."))
    limit = ActionPlan._meta.get_field(field).max_length or ANSWER_LENGTH  # the plan's limit
    if len(text) > limit:
        raise LiveError(
            _("Svaret er %(n)s tegn. Der er plads til %(max)s – gør det kortere.")
            % {"n": len(text), "max": limit}
        )
    plan = plans.save_answers(_plan(workshop, plan_id).pk, version=version, **{field: text})
    record(workshop, "plan")
    return plan


@transaction.atomic
def add_activity(workshop_id: int, plan_id: int, *, what, level, tovholder="", deadline=None):
    """An activity of question 4; the tovholder by name in the plan's unit (the same name is
    the same person there)."""
    workshop = _locked(workshop_id)
    plan = _plan(workshop, plan_id)
    holder = None
    if tovholder.strip():
        holder, _created = Tovholder.objects.get_or_create(
            unit_id=plan.unit_id, name=" ".join(tovholder.split())
        )
    activity = plans.add_activity(
        plan, what=what.strip(), level=level, tovholder=holder, deadline=deadline
    )
    record(workshop, "plan")
    return activity


@transaction.atomic
def remove_activity(workshop_id: int, activity_id: int) -> str:
    workshop = _locked(workshop_id)
    activity = Activity.objects.filter(pk=activity_id, plan__workshop=workshop).first()
    if activity is None:
        raise LiveError(_("Aktiviteten findes ikke længere."))
    # as on the plan page: an answer from MED/HR stays, and the room is told ("plan")
    delete_activity(activity)
    return _("Aktiviteten »%(what)s« er fjernet.") % {"what": activity.what[:60]}


# Suggestions from the phones -------------------------------------------------------------------


@transaction.atomic
def suggest(participant, text: str) -> Suggestion:
    """A phone's suggestion for the question on the wall, to the note-taker. In anonymous
    mode it names nobody."""
    from ..tools import SUGGEST, tool_of

    workshop = _locked(participant.workshop_id)
    _check_open(workshop)
    if tool_of(workshop.current_phase).phone != SUGGEST or workshop.arrow_theme_id is None:
        raise LiveError(_("Der er ikke et spørgsmål at foreslå til lige nu."))
    text = text.strip()
    if not text:
        raise LiveError(_("Skriv dit forslag."))
    plan = plans.plan_for_theme(workshop.arrow_theme)
    suggestion = Suggestion.objects.create(
        plan=plan,
        question=min(workshop.arrow_step, QUESTIONS),
        text=text,
        participant=None if workshop.anonymous else participant,
    )
    record(workshop, "suggestion")
    return suggestion


@transaction.atomic
def settle_suggestion(workshop_id: int, suggestion_id: int, *, accept: bool, version=None) -> str:
    """Take a suggestion into its question's first answer (added below what is there, guarded
    by the plan's version as any save), or set it aside."""
    workshop = _locked(workshop_id)
    suggestion = (
        Suggestion.objects.select_related("plan")
        .filter(pk=suggestion_id, plan__workshop=workshop, status=Suggestion.Status.NEW)
        .first()
    )
    if suggestion is None:
        raise LiveError(_("Forslaget er allerede taget med eller lagt til side."))
    if accept:
        fields = [f for f, n in answer_fields(workshop).items() if n == suggestion.question]
        if not fields:
            raise LiveError(_("Det spørgsmål har ikke et svarfelt."))
        plan = suggestion.plan
        current = getattr(plan, fields[0])
        text = f"{current.rstrip()}\n{suggestion.text}" if current.strip() else suggestion.text
        plans.save_answers(
            plan.pk, version=plan.version if version is None else version, **{fields[0]: text}
        )
        suggestion.status = Suggestion.Status.ACCEPTED
        message = _("Forslaget er taget med i svaret.")
    else:
        suggestion.status = Suggestion.Status.DISMISSED
        message = _("Forslaget er lagt til side.")
    suggestion.save(update_fields=["status"])
    record(workshop, "plan")
    return message


# The closing -------------------------------------------------------------------------------------


def respondent_key(workshop_id: int, participant_id: int) -> str:
    """The key a phone's closing answer carries: nobody can tell whose it is without the
    server's secret; the phone recomputes it to find and correct its own."""
    message = f"closing:{workshop_id}:participant:{participant_id}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def own_closing_answer(participant) -> ClosingAnswer | None:
    return ClosingAnswer.objects.filter(
        workshop_id=participant.workshop_id,
        respondent=respondent_key(participant.workshop_id, participant.pk),
    ).first()


@transaction.atomic
def answer_closing(participant, *, good: str, adjust: str) -> ClosingAnswer:
    """A phone's answer to the closing's two questions; sent again, it replaces its own."""
    from ..tools import EVALUATE, tool_of

    workshop = _locked(participant.workshop_id)
    _check_open(workshop)
    if tool_of(workshop.current_phase).phone != EVALUATE:
        raise LiveError(_("Evalueringen er ikke åben lige nu."))
    good, adjust = good.strip(), adjust.strip()
    if not good and not adjust:
        raise LiveError(_("Skriv et svar på mindst ét af spørgsmålene."))
    answer, _created = ClosingAnswer.objects.update_or_create(
        workshop=workshop,
        respondent=respondent_key(workshop.pk, participant.pk),
        defaults={"good": good, "adjust": adjust},
    )
    record(workshop, "closing_answer", authors=[participant.pk])
    return answer


def closing_refusal(workshop) -> str:
    """Why the workshop cannot be closed yet ("" when it can): a theme with a krænkelse
    post-it always gets a plan (seed 000)."""
    missing = plans.harassment_themes_without_plan(workshop)
    if not missing:
        return ""
    titles = ", ".join(f"»{t.title}«" for t in missing)
    return _(
        "Workshoppen kan ikke afsluttes endnu: %(titles)s har en post-it om krænkelser og skal "
        "have en handleplan med mindst én aktivitet med tovholder og deadline. Krænkelser "
        "kræver altid handling."
    ) % {"titles": titles}


def take_up_label(theme) -> str:
    return _("Tag »%(title)s« op på pilen") % {"title": theme.title}


def closing_way_on(workshop) -> dict | None:
    """The one-click way on from a refused close: the first krænkelse theme without a made
    plan, taken up on the arrow at its activities (take_up)."""
    from django.urls import reverse

    from .actions import way_on

    missing = plans.harassment_themes_without_plan(workshop)
    if not missing:
        return None
    theme = missing[0]
    return way_on(
        take_up_label(theme),
        reverse("workshops:arrow_take_up", args=[workshop.pk]),
        theme=theme.pk,
    )


def activities_step(workshop) -> int:
    """The number of the question that takes the activities (Albertslund: 4)."""
    return next((q["number"] for q in questions(workshop) if q.get("activities")), 1)


@transaction.atomic
def take_up(workshop_id: int, theme_id: int) -> str:
    """From wherever the room is (a refused close, say): go to the arrow, take up a theme
    on it and open the question with its activities, in one click."""
    from .actions import set_phase

    workshop = _locked(workshop_id)
    _check_open(workshop)
    phase = workshop.phases.filter(tool=Tool.ARROW).order_by("order", "pk").first()
    if phase is None:
        raise LiveError(_("Dagsordenen har ingen fase med pilen. Tilføj den i forberedelsen."))
    if workshop.current_phase_id != phase.pk:
        set_phase(workshop.pk, phase)
    picked = pick_theme(workshop.pk, theme_id)
    return f"{picked} {set_step(workshop.pk, activities_step(workshop))}"
