"""Demo: a prepared workshop for Børnehaven Spiren (idempotent; run by `manage.py demo`)."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from surveys.models import Round
from units.models import Unit

from . import preparation
from .methods import load_all
from .models import Method, Note, PrepItem, Tool, Workshop

UNIT_CODE = "BK-BF-01-B"
TITLE = "Trivselsdialog 2026"

PINK_NOTES = [
    ("Vi hjælper hinanden, når det brænder på", "good", "social_stoette", "Lise", False),
    ("Travlhed i ydertimerne – for få voksne fra kl. 15", "change", "krav", "Tobias", False),
    ("Nye opgaver kommer uden at vi bliver spurgt", "change", "indflydelse", "Lise", False),
    (
        "Uløste krænkelser: tre har svaret, at de har oplevet krænkende adfærd",
        "change",
        "",
        "Amira",
        True,
    ),
]
PREP_ITEMS = [
    (PrepItem.Kind.SOLVE_OURSELVES, "Vagtplanen for august lægges ud to uger før"),
    (PrepItem.Kind.SOLVE_OURSELVES, "Fast punkt om fordeling af opgaver på personalemødet"),
    (PrepItem.Kind.PHYSICAL, "Støj i garderoben – lydabsorbenter er bestilt"),
]
TICKED = 3


@transaction.atomic
def create() -> Workshop | None:
    unit = Unit.objects.filter(code=UNIT_CODE).first()
    if unit is None:
        return None
    workshop = Workshop.objects.filter(unit=unit, title=TITLE).first()
    if workshop is not None:
        return workshop  # already prepared; the demo never overwrites what users changed
    if not Method.objects.exists():
        load_all()  # a flushed test database has lost what the data migration loaded
    users = get_user_model().objects
    workshop = preparation.create_workshop(
        unit=unit,
        title=TITLE,
        round=Round.objects.filter(name="Trivselsmåling og APV 2026").first(),
        date=datetime.date(2026, 5, 19),
        start_time=datetime.time(13, 0),
        place="Personalestuen, Børnehaven Spiren",
        planned_minutes=165,
        expected_participants=11,
        facilitator=users.filter(username="facilitator").first(),
        timekeeper_name="Tobias Riis",
        note_taker_name="Amira Mortensen",
        expectations="At vi går hjem med 3–5 konkrete aftaler, som alle kan se sig selv i.",
    )
    preparation.add_break(workshop, after=workshop.phases.get(tool=Tool.SORTING), minutes=15)
    leader = users.filter(username="leder").first()
    for text, polarity, factor, presenter, harassment in PINK_NOTES:
        Note.objects.create(
            workshop=workshop,
            colour=Note.Colour.PINK,
            polarity=polarity,
            text=text,
            factor=factor,
            presenter_name=presenter,
            harassment=harassment,
            author=leader,
        )
    for kind, text in PREP_ITEMS:
        preparation.add_prep_item(workshop, kind=kind, text=text)
    for item in workshop.checklist.all()[:TICKED]:
        preparation.set_checklist_done(item, True)
    return workshop
