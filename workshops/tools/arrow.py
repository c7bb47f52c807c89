"""The arrow (seed 000, "Hvad skal vi gøre?"): the chosen themes one at a time, down the
five questions to "Sæt i gang". The facilitator picks the theme and the question; the
note-taker types the answers on the console (saved as typed, live/views_arrow.py) and adds
the activities of question 4; the wall shows the answers as they are typed; phones show the
question and send suggestions. The questions' words are the method's (its phase's config)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actionplans.models import LEVEL_HELP, ActionPlan, Level, Suggestion
from actionplans.progress import is_made

from ..live import arrow
from ..live.forms_arrow import (
    ActivityForm,
    ActivityRefForm,
    PickThemeForm,
    SettleSuggestionForm,
    StepForm,
)
from ..methods.schema import Boolean, Choice, ListOf, PhaseConfig, StrictForm, Text
from ..methods.words import words
from . import SUGGEST, Action, LiveTool, boards, register


def answer_field_names() -> list[str]:
    """The plan fields a question may ask for: the plan's own texts, not its title."""
    from actionplans.actions import ANSWER_FIELDS

    return [name for name in ANSWER_FIELDS if name != "title"]


class FieldConfig(StrictForm):
    name = Choice(choices=answer_field_names, what=gettext_lazy("felt"), required=True)
    label = Text(max_length=200, required=True)


class QuestionConfig(StrictForm):
    title = Text(max_length=200, required=True)
    hint = Text(max_length=1000)
    fields = ListOf(FieldConfig, max_items=6)
    activities = Boolean()  # the question where the activities are added (seed 000: 4)


class ArrowConfig(PhaseConfig):
    go_label = Text(max_length=100)
    theme_label = Text(max_length=100)
    questions = ListOf(QuestionConfig, min_items=1, max_items=9)


# the tool's own words: seed 000's five questions and "Sæt i gang"
QUESTIONS = [
    {
        "title": gettext_lazy("Hvad ønsker vi at forandre?"),
        "hint": gettext_lazy(
            "Præcisér én sidste gang, hvad det er for en forandring, I ønsker – og hvorfor den er"
            " vigtig."
        ),
        "fields": [
            {"name": "change", "label": gettext_lazy("Hvad vil vi forandre?")},
            {"name": "why", "label": gettext_lazy("Hvorfor er det vigtigt?")},
        ],
    },
    {
        "title": gettext_lazy("Hvad vil vi opnå?"),
        "hint": gettext_lazy(
            "Beskriv, hvad en succes vil se ud som: Hvad er det konkrete mål? Hvordan kan vi "
            "konkret mærke eller se, at vi har nået målet?"
        ),
        "fields": [
            {"name": "goal", "label": gettext_lazy("Det konkrete mål")},
            {"name": "success_signs", "label": gettext_lazy("Sådan kan vi se eller mærke det")},
        ],
    },
    {
        "title": gettext_lazy("Hvilke barrierer er der for, at vi kan lykkes?"),
        "hint": gettext_lazy(
            "Er indsatsen enkel eller krævende? Kræver den ekstra tid eller økonomi? Modarbejder "
            "den eksisterende indsatser, eller kan den kobles til dem og skabe synergi?"
        ),
        "fields": [
            {"name": "barriers", "label": gettext_lazy("Barrierer")},
        ],
    },
    {
        "title": gettext_lazy("Hvilke indsatser sætter vi i gang?"),
        "hint": gettext_lazy(
            "Bliv så konkrete som muligt, så det senere kan måles og evalueres: hvad, hvem er "
            "tovholder, og hvornår er der deadline?"
        ),
        "fields": [
            {"name": "actions_text", "label": gettext_lazy("Indsatserne med jeres egne ord")},
        ],
        "activities": True,
    },
    {
        "title": gettext_lazy("Hvornår følger vi op, og hvem har ansvaret?"),
        "hint": gettext_lazy(
            "Aftal også, hvem der er med i arbejdet, og hvornår resten af enheden får en status –"
            " fx på bestemte personalemøder."
        ),
        "fields": [
            {"name": "follow_up_text", "label": gettext_lazy("Hvornår følger vi op?")},
            {"name": "responsible", "label": gettext_lazy("Ansvarlig for opfølgningen")},
            {"name": "participants", "label": gettext_lazy("Hvem er med i arbejdet?")},
            {
                "name": "communication",
                "label": gettext_lazy("Hvornår får resten af enheden status?"),
            },
        ],
    },
]
WORDS = {
    "go_label": gettext_lazy("Sæt i gang"),
    "theme_label": gettext_lazy("Tema"),
    "questions": QUESTIONS,
}


def _answers(questions: list[dict], plan) -> None:
    """Each question's fields with the plan's text (a plain dict per field)."""
    for question in questions:
        question["answers"] = [
            {**f, "value": getattr(plan, f["name"], "") if plan else ""}
            for f in question.get("fields", [])
        ]
        question["answered"] = any(a["value"].strip() for a in question["answers"])


def _current(workshop, chosen):
    """The theme the arrow is on, and its plan with activities: a fixed number of reads."""
    theme = next((t for t in chosen if t.pk == workshop.arrow_theme_id), None)
    if theme is None:
        return None, None
    plan = ActionPlan.objects.filter(theme=theme).first()
    if plan is not None:
        plan.activity_list = list(plan.activities.select_related("tovholder"))
        plan.made = is_made(plan.activity_list)
    return theme, plan


def board(workshop) -> dict:
    """What the wall and the console show: the chosen themes (each with whether its plan is
    made), the theme on the arrow, its question, the answers and activities, and for the
    console the new suggestions. A fixed number of queries, however many post-its."""
    config = words(workshop, "arrow")
    chosen = arrow.chosen_themes(workshop)
    made = {
        p.theme_id: is_made(p.activities.all())
        for p in ActionPlan.objects.filter(theme__in=chosen).prefetch_related("activities")
    }
    for number, theme in enumerate(chosen, start=1):
        theme.number = number
        theme.harassment = theme.is_kraenkelse
        theme.has_plan = theme.pk in made
        theme.plan_made = made.get(theme.pk, False)
    theme, plan = _current(workshop, chosen)
    questions = arrow.questions(workshop)
    _answers(questions, plan)
    step = workshop.arrow_step if theme else 0
    suggestions = []
    if plan is not None:
        suggestions = list(
            Suggestion.objects.filter(plan=plan, status=Suggestion.Status.NEW).select_related(
                "participant"
            )
        )
    return {
        **boards.NO_NOTES,
        "arrow_words": config,
        "chosen": chosen,
        "arrow_theme": theme,
        "plan": plan,
        "questions": questions,
        "step": step,
        "go_step": arrow.GO_STEP,
        "question": questions[step - 1] if 0 < step <= len(questions) else None,
        "suggestions": suggestions,
        "levels": [(value, label, LEVEL_HELP[value]) for value, label in Level.choices],
    }


def phone_board(workshop, participant) -> dict:
    """A phone's arrow: the theme and the question on the wall (no answers: the wall shows
    them), and the suggestion form."""
    theme = workshop.arrow_theme if workshop.arrow_theme_id else None
    questions = arrow.questions(workshop)
    step = workshop.arrow_step if theme else 0
    return {
        "arrow_words": words(workshop, "arrow"),
        "arrow_theme": theme,
        "step": step,
        "go_step": arrow.GO_STEP,
        "question": questions[step - 1] if 0 < step <= len(questions) else None,
    }


# The facilitator's actions -------------------------------------------------------------------


def pick(workshop, data) -> str:
    return arrow.pick_theme(workshop.pk, data["theme"].pk)


def step(workshop, data) -> str:
    return arrow.set_step(workshop.pk, data["step"])


def add_activity(workshop, data) -> str:
    activity = arrow.add_activity(
        workshop.pk,
        data["plan"],
        what=data["what"],
        level=data["level"],
        tovholder=data["tovholder"],
        deadline=data["deadline"],
    )
    return _("%(level)s: »%(what)s« er tilføjet.") % {
        "level": activity.get_level_display(),
        "what": activity.what[:60],
    }


def remove_activity(workshop, data) -> str:
    return arrow.remove_activity(workshop.pk, data["activity"])


def settle(workshop, data) -> str:
    return arrow.settle_suggestion(
        workshop.pk,
        data["suggestion"],
        accept=data["action"] == "accept",
        version=data["version"],
    )


register(
    LiveTool(
        name="arrow",
        template="arrow",
        phone=SUGGEST,
        board=board,
        phone_board=phone_board,
        workspace=True,
        config=ArrowConfig,
        words=WORDS,
        actions={
            "arrow_theme": Action(PickThemeForm, pick),
            "arrow_step": Action(StepForm, step),
            "add_activity": Action(ActivityForm, add_activity),
            "remove_activity": Action(ActivityRefForm, remove_activity),
            "suggestion": Action(SettleSuggestionForm, settle),
        },
    )
)
