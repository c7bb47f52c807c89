"""Demo plans for the story's two units that have held their workshop (workshops/demo.py
made the workshops and the plans of their chosen themes; run by `manage.py demo`).

- Vuggestuen Myretuen, *just after*: the arrow's answers and freshly made activities, every
  deadline ahead, and an Organisation-level activity just raised to MED/HR.
- Dagtilbud Lærkereden, *half a year on*: activities done, under way, one past its deadline,
  one adjusted, each with its status history dated over the half year, and the raised
  Organisation-level activity answered by HR.

Every date counts from the workshop's date or from the day the demo is loaded."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from units.demo import HALF_YEAR_ON, JUST_AFTER
from units.models import Unit
from workshops.models import Workshop

from . import editing, links, raised
from .actions import move_stage, save_answers
from .models import ActionPlan, Activity, Level, RaisedItem, Stage, StatusUpdate

S = Stage

# Per unit: {plan title: (answers, activities)}. An activity: (what, level, tovholder
# username or name, deadline, stages walked). A deadline is ("held", days) from the workshop
# or ("today", days) from the day the demo is loaded; a stage is (stage, days after the
# workshop, comment).
JUST_AFTER_PLANS = {
    "Travlt i ydertimerne": (
        {
            "change": "For få voksne fra kl. 15 og om morgenen før kl. 7.30.",
            "why": "Børnene mærker det, og vi går hjem trætte og med dårlig samvittighed.",
            "goal": "To voksne på hver stue i ydertimerne.",
            "success_signs": "Ingen stue står alene efter kl. 15 i en hel måned.",
            "barriers": "Kræver en ny vagtplan; vikardækning ligger uden for huset.",
            "follow_up_text": "Status på personalemødet hver måned.",
            "responsible": "Lise Bech",
            "participants": "Hele personalegruppen",
            "communication": "På personalemødet og på tavlen i personalestuen.",
            "effect_evaluation": "Vi tæller i en måned, hvor ofte en stue står alene.",
        },
        [
            (
                "Forskudt mødetid: én voksen møder kl. 7.00 og går kl. 16.30",
                Level.MANAGEMENT,
                "leder",
                ("today", 21),
                [(S.PLANNED, 0, "Aftalt i workshoppen")],
            ),
            (
                "Fast voksen i garderoben ved afhentning",
                Level.GROUP,
                "Karen Juhl",
                ("today", 30),
                [],
            ),
            (
                "Fælles vikarpulje for hele Lærkereden",
                Level.ORGANISATION,
                "leder",
                ("today", 60),
                [],
            ),
        ],
    ),
    "Overlevering mellem morgen- og eftermiddagshold": (
        {
            "change": "Beskeder fra forældre og om børnenes dag går tabt mellem holdene.",
            "goal": "Alle beskeder når frem samme dag.",
            "success_signs": "Forældrene oplever, at vi ved, hvordan barnets dag har været.",
            "responsible": "Lise Bech",
        },
        [
            (
                "Overleveringsark pr. stue, udfyldt inden kl. 12",
                Level.GROUP,
                "Mette Brix",
                ("today", 14),
                [(S.PLANNED, 0, "")],
            ),
            (
                "Fem minutters overlap kl. 12.30 i vagtplanen",
                Level.MANAGEMENT,
                "leder",
                ("today", 28),
                [],
            ),
        ],
    ),
    "Støj på stuerne": (
        {
            "change": "Larm ved frokost og ekko i puderummet.",
            "goal": "En roligere frokost og et puderum, man kan tale i.",
            "barriers": "Lydabsorbenter skal betales af husets budget.",
        },
        [
            (
                "Filt under stolene og lydabsorbenter i puderummet",
                Level.MANAGEMENT,
                "leder",
                ("today", 45),
                [],
            ),
            ("Frokost i to hold på Sommerfuglestuen", Level.GROUP, "Ali Dam", ("today", 10), []),
        ],
    ),
}

HALF_YEAR_PLANS = {
    "Travlhed i ydertimerne": (
        {
            "change": "Der er for få voksne fra kl. 15, og børnene mærker det.",
            "why": "Vi går hjem trætte og med dårlig samvittighed.",
            "goal": "To voksne på hver stue til kl. 16.30.",
            "success_signs": "Ingen stue står alene efter kl. 15 i en hel måned.",
            "barriers": "Kræver ny vagtplan; ekstra timer koster penge.",
            "follow_up_text": "Status på personalemødet hver måned.",
            "responsible": "Lise Bech",
            "communication": "På personalemøderne og på tavlen i personalestuen.",
        },
        [
            (
                "Ny vagtplan med to voksne fra kl. 15",
                Level.MANAGEMENT,
                "leder",
                ("held", 60),
                [
                    (S.PLANNED, 7, ""),
                    (S.UNDER_WAY, 30, "Udkast sendt rundt"),
                    (S.DONE, 58, "Gælder fra den 1. i næste måned"),
                ],
            ),
            (
                "Fast aftale om, hvem der tager telefonen efter kl. 15",
                Level.GROUP,
                "tr-bk-bf-01",
                ("held", 150),
                [(S.PLANNED, 10, ""), (S.UNDER_WAY, 45, "Prøves af på Mariehønen")],
            ),
            (
                "Ekstra timer til ydertimerne i næste års budget",
                Level.ORGANISATION,
                "leder",
                ("today", 40),
                [(S.PLANNED, 5, "Sendt til områdeleder og MED")],
            ),
        ],
    ),
    "Nye opgaver uden at blive spurgt": (
        {
            "change": "Nye opgaver kommer oven i uden dialog.",
            "goal": "Vi kender nye opgaver 14 dage før, og vi taler om hvad der skal vige.",
            "barriers": "Nogle opgaver kommer med kort varsel fra forvaltningen.",
            "communication": "Fast punkt på personalemødet.",
        },
        [
            (
                "Fast punkt 'nye opgaver' på personalemødet",
                Level.GROUP,
                "amr-bk-bf-01",
                ("held", 120),
                [
                    (S.PLANNED, 7, ""),
                    (S.UNDER_WAY, 21, ""),
                    (S.NEARLY_DONE, 95, "Kører; skal evalueres"),
                    (S.DONE, 118, "Evalueret på personalemødet: punktet bliver"),
                ],
            ),
            (
                "Lederen melder nye opgaver ud 14 dage før",
                Level.MANAGEMENT,
                "leder",
                ("today", 10),
                [(S.PLANNED, 7, ""), (S.UNDER_WAY, 60, "Første gang ved budgetudmeldingen")],
            ),
            (
                "Hver tager en snak med lederen om sin opgavefordeling",
                Level.INDIVIDUAL,
                "Sofie Dam",
                ("today", 60),
                [],
            ),
        ],
    ),
    "Krænkende adfærd skal stoppes": (
        {
            "change": "Tre har oplevet krænkende adfærd. Det skal stoppe.",
            "goal": "Alle ved, hvordan man siger fra, og hvem man går til.",
            "responsible": "Lise Bech",
        },
        [
            (
                "Klar procedure for at sige fra – hængt op i personalestuen",
                Level.MANAGEMENT,
                "leder",
                ("held", 30),
                [(S.UNDER_WAY, 3, ""), (S.DONE, 25, "Hænger ved kaffemaskinen")],
            ),
            (
                "Workshop om god omgangstone med AMR",
                Level.GROUP,
                "amr-bk-bf-01",
                ("today", 35),
                [
                    (S.PLANNED, 14, ""),
                    (S.ADJUSTED, 150, "Flyttet en måned: konsulenten var syg"),
                ],
            ),
        ],
    ),
}
ANSWER_AFTER_DAYS = 40
HR_ANSWER = (
    "Tak. Vi tager ydertimerne med i budgetforhandlingen og vender tilbage efter MED-mødet "
    "i næste måned."
)


@transaction.atomic
def create(today: datetime.date | None = None) -> list[ActionPlan]:
    today = today or datetime.date.today()
    made = []
    for code, plans in ((JUST_AFTER, JUST_AFTER_PLANS), (HALF_YEAR_ON, HALF_YEAR_PLANS)):
        unit = Unit.objects.filter(code=code).first()
        workshop = Workshop.objects.filter(unit=unit).order_by("date").first()
        if workshop is None or Activity.objects.filter(plan__unit=unit).exists():
            continue  # no workshop, or activities made already: never overwrite them
        made += _plans(unit, workshop, plans, today)
        links.rotate_board_link(unit)
    _answer_raised_item(HALF_YEAR_ON)
    return made


def _moment(day: datetime.date, hour: int = 14) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _plans(unit, workshop, plans, today) -> list[ActionPlan]:
    held = workshop.date
    names = {activity[2] for _answers, activities in plans.values() for activity in activities}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=names)}
    made = []
    for title, (answers, activities) in plans.items():
        plan = ActionPlan.objects.filter(workshop=workshop, title=title).first()
        if plan is None:
            plan = editing.create_plan(unit, title=title, round_=workshop.round, workshop=workshop)
        plan = save_answers(plan.pk, version=plan.version, **answers)
        for what, level, holder, (base, days), stages in activities:
            person = users.get(holder)
            tovholder = editing.tovholder_for(unit, user=person, name="" if person else holder)
            deadline = (held if base == "held" else today) + datetime.timedelta(days=days)
            activity = editing.save_activity(
                plan, tovholder=tovholder, what=what, level=level, deadline=deadline
            )
            Activity.objects.filter(pk=activity.pk).update(created_at=_moment(held, 12))
            for stage, after, comment in stages:
                update = move_stage(activity, stage, comment=comment, by_name=tovholder.name)
                when = _moment(held + datetime.timedelta(days=after), 12 if after == 0 else 14)
                StatusUpdate.objects.filter(pk=update.pk).update(created_at=when)
                Activity.objects.filter(pk=activity.pk).update(stage_changed_at=when)
                activity.refresh_from_db()
        RaisedItem.objects.filter(activity__plan=plan).update(created_at=_moment(held, 12))
        ActionPlan.objects.filter(pk=plan.pk).update(created_at=_moment(held, 12))
        made.append(plan)
    return made


def _answer_raised_item(code: str) -> None:
    """HR has answered the Organisation-level activity raised half a year ago."""
    hr = get_user_model().objects.filter(username="hr").first()
    item = (
        RaisedItem.objects.filter(unit__code=code, activity__isnull=False)
        .exclude(status=RaisedItem.Status.ANSWERED)
        .first()
    )
    if item is None or hr is None:
        return
    raised.answer(item, HR_ANSWER, user=hr)
    when = item.created_at + datetime.timedelta(days=ANSWER_AFTER_DAYS)
    RaisedItem.objects.filter(pk=item.pk).update(acknowledged_at=when, answered_at=when)
