"""Demo: Børnehaven Spiren's action plans after its trivselsdialog, with activities at
different stages and their history, an Organisation-level activity answered by HR, and a
staff-room board link (idempotent; run by `manage.py demo` after the workshop demo)."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from units.models import Unit
from workshops.models import Workshop

from . import editing, links, raised
from .actions import move_stage, save_answers
from .models import ActionPlan, Level, RaisedItem, Stage

UNIT_CODE = "BK-BF-01-B"
S = Stage

# (title, answers, activities: (what, level, tovholder username or name, deadline, stages
# walked with comments))
PLANS = [
    (
        "Travlhed i ydertimerne",
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
                (2026, 9, 1),
                [
                    (S.PLANNED, ""),
                    (S.UNDER_WAY, "Udkast sendt rundt"),
                    (S.DONE, "Gælder fra 1. sept."),
                ],
            ),
            (
                "Fast aftale om, hvem der tager telefonen efter kl. 15",
                Level.GROUP,
                "tr",
                (2026, 12, 1),
                [(S.PLANNED, ""), (S.UNDER_WAY, "Prøves af på Mariehønen")],
            ),
            (
                "Ekstra timer til ydertimerne i budget 2027",
                Level.ORGANISATION,
                "leder",
                (2027, 1, 15),
                [(S.PLANNED, "Sendt til områdeleder og MED")],
            ),
        ],
    ),
    (
        "Nye opgaver uden at blive spurgt",
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
                "amr",
                (2026, 10, 1),
                [(S.PLANNED, ""), (S.UNDER_WAY, ""), (S.NEARLY_DONE, "Kører; skal evalueres")],
            ),
            (
                "Lederen melder nye opgaver ud 14 dage før",
                Level.MANAGEMENT,
                "leder",
                (2026, 12, 15),
                [(S.PLANNED, "")],
            ),
            (
                "Hver tager en snak med lederen om sin opgavefordeling",
                Level.INDIVIDUAL,
                "Sofie Dam",
                (2027, 2, 1),
                [],
            ),
        ],
    ),
    (
        "Krænkende adfærd skal stoppes",
        {
            "change": "Tre har oplevet krænkende adfærd. Det skal stoppe.",
            "goal": "Alle ved, hvordan man siger fra, og hvem man går til.",
            "responsible": "Amira Mortensen",
        },
        [
            (
                "Klar procedure for at sige fra – hængt op i personalestuen",
                Level.MANAGEMENT,
                "leder",
                (2026, 8, 15),
                [(S.UNDER_WAY, ""), (S.DONE, "Hænger ved kaffemaskinen")],
            ),
            (
                "Workshop om god omgangstone med AMR",
                Level.GROUP,
                "amr",
                (2026, 11, 30),
                [
                    (S.PLANNED, ""),
                    (S.ADJUSTED, "Flyttet til januar: konsulenten var syg"),
                ],
            ),
        ],
    ),
]


@transaction.atomic
def create() -> list[ActionPlan]:
    unit = Unit.objects.filter(code=UNIT_CODE).first()
    if unit is None or ActionPlan.objects.filter(unit=unit).exists():
        return []  # no demo unit, or plans made already: never overwrite what users changed
    workshop = Workshop.objects.filter(unit=unit).order_by("date").first()
    users = {u.username: u for u in get_user_model().objects.filter(memberships__unit=unit)}
    hr = get_user_model().objects.filter(username="hr").first()
    plans = []
    for title, answers, activities in PLANS:
        plan = editing.create_plan(
            unit, title=title, round_=workshop.round if workshop else None, workshop=workshop
        )
        plan = save_answers(plan.pk, version=plan.version, **answers)
        for what, level, holder, deadline, stages in activities:
            person = users.get(holder)
            tovholder = editing.tovholder_for(unit, user=person, name="" if person else holder)
            activity = editing.save_activity(
                plan,
                tovholder=tovholder,
                what=what,
                level=level,
                deadline=datetime.date(*deadline),
            )
            for stage, comment in stages:
                move_stage(activity, stage, comment=comment, by_name=tovholder.name)
                activity.refresh_from_db()
        plans.append(plan)
    item = RaisedItem.objects.filter(unit=unit, activity__isnull=False).first()
    if item and hr:
        raised.answer(
            item,
            "Tak. Vi tager ydertimerne med i budgetforhandlingen for 2027 og vender tilbage "
            "efter MED-mødet i januar.",
            user=hr,
        )
    links.rotate_board_link(unit)
    return plans
