"""Demo workshops: one story at three stages, dated relative to the day the demo is loaded
(run by `manage.py demo` after the organisation and the survey round).

- Børnehaven Spiren is *before* its workshop: the trio is preparing it (pink post-its
  drafted, programme with a break, part of the checklist ticked); it is held in some days.
- Vuggestuen Myretuen is *just after* its workshop, held a few days ago and closed: the
  room's post-its, grouped into themes, sorted, placed in the matrix, voted on, and the three
  chosen themes taken through the arrow into plans (their activities: actionplans/demo.py).
- Dagtilbud Lærkereden is *half a year on*: its workshop was held about six months ago; its
  plans have a history (actionplans/demo.py).

A second method: Ahornhaven Dag (Jens Winther, `plejeleder`) prepares a TalSammen
Udviklingsdialog (Nyborg's method, seed 004) in some weeks: 15 answer cards were handed out
and 14 answered, both rounds' tables are formed; the planning group is about to pick the
two themes."""

import datetime
import uuid

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from actionplans.actions import plan_for_theme
from actionplans.models import RaisedItem
from actionplans.raised import raise_themes, themes_to_raise
from surveys.models import Round
from units.demo import BEFORE, HALF_YEAR_ON, JUST_AFTER, NYBORG_BEFORE
from units.models import Unit

from . import groups, preparation, topic_choice
from .live import vote as votes
from .live.arrow import respondent_key
from .methods import load_all
from .models import ClosingAnswer, Method, Note, Participant, PrepItem, Theme, Tool, Vote, Workshop

DAYS = datetime.timedelta(days=1)

# --- Before: Børnehaven Spiren ----------------------------------------------------------

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
    (PrepItem.Kind.SOLVE_OURSELVES, "Vagtplanen for næste måned lægges ud to uger før"),
    (PrepItem.Kind.SOLVE_OURSELVES, "Fast punkt om fordeling af opgaver på personalemødet"),
    (PrepItem.Kind.PHYSICAL, "Støj i garderoben – lydabsorbenter er bestilt"),
]
TICKED = 3
DAYS_TO_WORKSHOP = 8

# --- Just after: Vuggestuen Myretuen ----------------------------------------------------

DAYS_SINCE_WORKSHOP = 3
PARTICIPANTS = ["Karen", "Jonas", "Sofie", "Peter", "Mette", "Ali", "Ida", "Lars", "Nanna"]
# (title, column, impact, influence, chosen, post-its: (participant index, kind, text))
THEMES = [
    (
        "Travlt i ydertimerne",
        "change",
        0.88,
        0.72,
        True,
        [
            (0, "change", "For få voksne fra kl. 15, når de første går hjem"),
            (3, "change", "Vi når ikke at tale med forældrene ved afhentning"),
            (5, "change", "Morgenen kl. 6.30–7.30 er presset med én voksen"),
            (7, "change", "Pauserne bliver skubbet, når nogen er syge"),
        ],
    ),
    (
        "Overlevering mellem morgen- og eftermiddagshold",
        "change",
        0.70,
        0.85,
        True,
        [
            (1, "change", "Beskeder fra forældre går tabt mellem holdene"),
            (4, "change", "Vi ved ikke, hvordan barnet har sovet"),
            (8, "change", "Tavlen i garderoben bliver ikke læst"),
        ],
    ),
    (
        "Støj på stuerne",
        "change",
        0.76,
        0.58,
        True,
        [
            (2, "change", "Larm ved frokost – vi går hjem med hovedpine"),
            (6, "change", "Puderummet giver ekko"),
            (0, "change", "Stolene skraber på gulvet"),
        ],
    ),
    (
        "Godt sammenhold",
        "keep",
        0.65,
        0.90,
        False,
        [
            (3, "good", "Vi griner meget sammen"),
            (5, "good", "Man får altid hjælp, når man spørger"),
            (8, "good", "God modtagelse af nye kolleger"),
            (1, "good", "Vi deler gode idéer til aktiviteter"),
        ],
    ),
    (
        "Vikardækning ved sygdom",
        "change",
        0.82,
        0.18,
        False,
        [
            (4, "change", "Der kommer ingen vikar før kl. 10"),
            (7, "change", "Vikarerne kender ikke børnene"),
        ],
    ),
    (
        "Legepladsen",
        "parking",
        0.35,
        0.60,
        False,
        [
            (2, "change", "Sandkassen trænger til nyt sand"),
            (6, "good", "Det nye bålsted er et hit"),
        ],
    ),
]
# the trio's pink post-its, presented after the yellow ones: (theme's place in THEMES, text)
JUST_AFTER_PINK = [
    (0, "Rapporten: krav og balance er det laveste tal i huset"),
    (4, "Vikardækningen ligger uden for huset – den kan vi ikke selv løse"),
]
JUST_AFTER_PREP = [
    (PrepItem.Kind.SOLVE_OURSELVES, "Garderobetavlen flyttes hen ved døren"),
    (PrepItem.Kind.PHYSICAL, "Puderummets ekko – målt af arbejdsmiljøkonsulenten"),
]
# the closing's two questions, answered on some phones: (good, adjust)
CLOSING_ANSWERS = [
    ("At alle kom til orde", ""),
    ("Godt at se, at vi er enige om ydertimerne", "Lidt mere tid til pilen"),
    ("Post-its to og to gjorde det trygt", ""),
    ("", "Mødet lå tidligt – svært for dem, der har lukket"),
    ("Konkrete aftaler med navne på", "Husk kaffen"),
]
# marks per participant index: themes by their place in THEMES (two marks each)
MARKS = [(0, 1), (0, 2), (0, 4), (1, 2), (0, 1), (2, 4), (0, 2), (1, 0), (2, 5)]

# --- Half a year on: Dagtilbud Lærkereden -------------------------------------------------

DAYS_SINCE_HALF_YEAR = 182
# (title, impact, influence, harassment) of the themes taken through the arrow
HALF_YEAR_THEMES = [
    ("Travlhed i ydertimerne", 0.85, 0.70, False),
    ("Nye opgaver uden at blive spurgt", 0.72, 0.64, False),
    ("Krænkende adfærd skal stoppes", 0.95, 0.80, True),
]


# --- Before, the Nyborg way: Ahornhaven Dag -------------------------------------------

NYBORG_DAYS_TO_WORKSHOP = 24
NYBORG_CARDS = 15
# who is coming: the planning group types them on "Grupper og bordplan"; both rounds' tables
# are formed from them ahead of the day
NYBORG_STAFF = [
    "Anne Kristensen",
    "Birgit Holm",
    "Camilla Dahl",
    "Dennis Poulsen",
    "Eva Lund",
    "Fatima Ali",
    "Gitte Berg",
    "Hans Mortensen",
    "Ida Nørgaard",
    "Jonas Kjær",
    "Kirsten Vestergaard",
    "Lone Bach",
    "Mette Juhl",
    "Nadia Olsen",
    "Ole Friis",
]
# the answered cards (trivselstema, own words, why; ledelsestema, own words, why); one card
# of the 15 is not answered
NYBORG_ANSWERS = [
    (
        "balance",
        "",
        "Vi løber for stærkt i morgentimerne, og pauserne ryger.",
        "kommunikation",
        "",
        "Beskeder fra ledelsen når ikke ud til os, der møder kl. 7.",
    ),
    (
        "balance",
        "",
        "Når to er syge, hænger resten af os i den hele dagen.",
        "borgeren",
        "",
        "Beboerne skal have tid til en snak, ikke kun pleje.",
    ),
    (
        "social-stoette",
        "",
        "De nye kolleger står alene de første uger.",
        "kommunikation",
        "",
        "Vi hører om ændringer på gangen i stedet for på mødet.",
    ),
    (
        "balance",
        "",
        "Jeg tager arbejdet med hjem i tankerne.",
        "helhed",
        "",
        "Overgangen fra sygehus til os går for tit galt.",
    ),
    (
        "forudsigelighed",
        "",
        "Vagtplanen ændres med kort varsel.",
        "ledelse-valgfrit",
        "Vagtplanlægning",
        "Hvem bestemmer, og hvornår får vi den?",
    ),
    (
        "social-stoette",
        "",
        "Vi er gode til at hjælpe hinanden – det skal vi holde fast i.",
        "borgeren",
        "",
        "Pårørende vil gerne inddrages mere.",
    ),
    (
        "balance",
        "",
        "Dokumentationen tager tid fra beboerne.",
        "kommunikation",
        "",
        "Jeg vil gerne vide, hvorfor beslutninger bliver truffet.",
    ),
    (
        "mestring",
        "",
        "Vi får flere beboere med demens og mangler viden.",
        "helhed",
        "",
        "Samarbejdet med hjemmesygeplejen kan blive bedre.",
    ),
    (
        "trivsel-valgfrit",
        "Weekendvagterne",
        "Weekenderne er tunge, og det er altid de samme.",
        "borgeren",
        "",
        "Beboernes egne ønsker forsvinder i travlheden.",
    ),
    (
        "social-stoette",
        "",
        "Tonen på aftenholdet og dagholdet er forskellig.",
        "kommunikation",
        "",
        "Tavlemødet kunne bruges bedre.",
    ),
    (
        "balance",
        "",
        "For mange opgaver ligger mellem kl. 11 og 13.",
        "helhed",
        "",
        "Terapeuterne og vi planlægger hver for sig.",
    ),
    (
        "forudsigelighed",
        "",
        "Vi ved ikke, hvem der har ansvaret for hvad.",
        "retning",
        "",
        "Hvad er målet med den nye dagrytme?",
    ),
    (
        "social-stoette",
        "",
        "Vi skal turde sige fra over for hinanden.",
        "borgeren",
        "",
        "Vi kan lære af, hvad beboerne selv siger om hverdagen.",
    ),
    (
        "balance",
        "",
        "Jeg vil gerne kunne holde pause uden dårlig samvittighed.",
        "kommunikation",
        "",
        "Mere nærvær fra ledelsen på gulvet.",
    ),
]


def weekday(day: datetime.date, step: int) -> datetime.date:
    """The day itself on a working day, else the nearest working day in `step`'s direction."""
    while day.weekday() >= 5:
        day += step * DAYS
    return day


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@transaction.atomic
def create(today: datetime.date | None = None) -> list[Workshop]:
    """The story's workshops (a unit that has one already is left alone)."""
    today = today or datetime.date.today()
    if not Method.objects.exists():
        load_all()  # a flushed database has lost what the data migration loaded
    made = []
    for code, make in (
        (BEFORE, before),
        (JUST_AFTER, just_after),
        (HALF_YEAR_ON, half_year_on),
        (NYBORG_BEFORE, nyborg_before),
    ):
        unit = Unit.objects.filter(code=code).first()
        if unit is not None and not unit.workshops.exists():
            made.append(make(unit, today))
    return made


def _workshop(unit, day: datetime.date, hour: int, **fields) -> Workshop:
    users = get_user_model().objects
    return preparation.create_workshop(
        unit=unit,
        title=f"Trivselsdialog {day.year}",
        round=Round.objects.filter(organisation__code="BK").order_by("-survey_opens").first(),
        date=day,
        start_time=datetime.time(hour, 0),
        planned_minutes=165,
        facilitator=users.filter(username="facilitator").first(),
        **fields,
    )


def _full_name(username: str) -> str:
    """A member of the unit's trio, by the demo's username."""
    user = get_user_model().objects.filter(username=username).first()
    return user.get_full_name() if user else ""


def before(unit, today: datetime.date) -> Workshop:
    workshop = _workshop(
        unit,
        weekday(today + DAYS_TO_WORKSHOP * DAYS, 1),
        13,
        place="Personalestuen, Børnehaven Spiren",
        expected_participants=11,
        timekeeper_name="Tobias Riis",
        note_taker_name="Amira Mortensen",
        expectations="At vi går hjem med 3–5 konkrete aftaler, som alle kan se sig selv i.",
    )
    preparation.add_break(workshop, after=workshop.phases.get(tool=Tool.SORTING), minutes=15)
    leader = get_user_model().objects.filter(username="leder").first()
    Note.objects.bulk_create(
        Note(
            workshop=workshop,
            colour=Note.Colour.PINK,
            kind=kind,
            text=text,
            factor=factor,
            presenter_name=presenter,
            harassment=harassment,
            author=leader,
        )
        for text, kind, factor, presenter, harassment in PINK_NOTES
    )
    for kind, text in PREP_ITEMS:
        preparation.add_prep_item(workshop, kind=kind, text=text)
    for item in workshop.checklist.all()[:TICKED]:
        preparation.set_checklist_done(item, True)
    return workshop


def just_after(unit, today: datetime.date) -> Workshop:
    held = weekday(today - DAYS_SINCE_WORKSHOP * DAYS, -1)
    workshop = _workshop(
        unit,
        held,
        9,
        place="Mødelokalet, Dagtilbud Lærkereden",
        expected_participants=10,
        timekeeper_name=_full_name("tr-bk-bf-01-a"),
        note_taker_name=_full_name("amr-bk-bf-01-a"),
        expectations="Konkrete aftaler om ydertimerne, som vi selv kan sætte i gang.",
        status=Workshop.Status.LIVE,
    )
    workshop.checklist.update(done=True)
    people = Participant.objects.bulk_create(
        Participant(workshop=workshop, number=number, display_name=name)
        for number, name in enumerate(PARTICIPANTS, start=1)
    )
    themes, order = [], 0
    for index, (title, column, impact, influence, _chosen, notes) in enumerate(THEMES, 1):
        theme = Theme.objects.create(
            workshop=workshop,
            title=title,
            order=index,
            column=column,
            impact=impact,
            influence=influence,
        )
        themes.append(theme)
        for person, kind, text in notes:
            order += 1
            Note.objects.create(
                workshop=workshop,
                colour=Note.Colour.YELLOW,
                participant=people[person],
                kind=kind,
                text=text,
                theme=theme,
                revealed_at=at(held, 9, 30) + order * datetime.timedelta(minutes=1),
                reveal_order=order,
            )
    leader = get_user_model().objects.filter(username="leder").first()
    for place, text in JUST_AFTER_PINK:
        order += 1
        Note.objects.create(
            workshop=workshop,
            colour=Note.Colour.PINK,
            kind="change",
            text=text,
            author=leader,
            presenter_name="Lise",
            theme=themes[place],
            revealed_at=at(held, 9, 30) + order * datetime.timedelta(minutes=1),
            reveal_order=order,
        )
    for kind, text in JUST_AFTER_PREP:
        preparation.add_prep_item(workshop, kind=kind, text=text)
    # the vote over the themes to change, as the room cast it
    to_vote = [theme for theme in themes if theme.column == "change"]
    votes.open_new_vote(workshop.pk, [theme.pk for theme in to_vote])
    for person, marks in zip(people, MARKS, strict=True):
        for place in marks:
            if themes[place] in to_vote:
                votes.add_mark(person, themes[place].pk, uuid.uuid4())
    votes.close_vote(workshop.pk)
    Vote.objects.filter(workshop=workshop).update(
        opened_at=at(held, 10, 40), closed_at=at(held, 10, 48), applied_at=at(held, 10, 50)
    )
    chosen = [theme for theme, data in zip(themes, THEMES, strict=True) if data[4]]
    Theme.objects.filter(pk__in=[theme.pk for theme in chosen]).update(chosen=True)
    ClosingAnswer.objects.bulk_create(
        ClosingAnswer(
            workshop=workshop,
            respondent=respondent_key(workshop.pk, person.pk),
            good=good,
            adjust=adjust,
        )
        for person, (good, adjust) in zip(people, CLOSING_ANSWERS, strict=False)
    )
    workshop = _closed(workshop, at(held, 11, 45))
    # the arrow reached each chosen theme on the day (its answers: actionplans/demo.py); made
    # after the close so that the follow-ups count from the day it was held
    for theme in chosen:
        plan_for_theme(theme)
    return workshop


def half_year_on(unit, today: datetime.date) -> Workshop:
    held = weekday(today - DAYS_SINCE_HALF_YEAR * DAYS, -1)
    workshop = _workshop(
        unit,
        held,
        13,
        place="Personalestuen, Dagtilbud Lærkereden",
        expected_participants=14,
        timekeeper_name=_full_name("tr-bk-bf-01"),
        note_taker_name=_full_name("amr-bk-bf-01"),
        status=Workshop.Status.LIVE,
    )
    workshop.checklist.update(done=True)
    leader = get_user_model().objects.filter(username="leder").first()
    for order, (title, impact, influence, harassment) in enumerate(HALF_YEAR_THEMES, 1):
        theme = Theme.objects.create(
            workshop=workshop,
            title=title,
            order=order,
            column="change",
            impact=impact,
            influence=influence,
            chosen=True,
        )
        Note.objects.create(
            workshop=workshop,
            colour=Note.Colour.PINK,
            kind="change",
            text=title,
            harassment=harassment,
            author=leader,
            presenter_name="Lise",
            theme=theme,
            revealed_at=at(held, 13, 20) + order * datetime.timedelta(minutes=1),
            reveal_order=order,
        )
    workshop = _closed(workshop, at(held, 15, 40))
    for theme in workshop.themes.filter(chosen=True):  # follow-ups from the day it was held
        plan_for_theme(theme)
    return workshop


def _closed(workshop: Workshop, when: datetime.datetime) -> Workshop:
    """Closed as the room closed it (on the day), with the matrix's raise side sent on."""
    closing = workshop.phases.get(tool=Tool.CLOSING)
    Workshop.objects.filter(pk=workshop.pk).update(
        status=Workshop.Status.CLOSED, closed_at=when, current_phase=closing
    )
    workshop.refresh_from_db()
    raise_themes(workshop, themes_to_raise(workshop))
    RaisedItem.objects.filter(workshop=workshop).update(created_at=when)
    return workshop


def nyborg_before(unit, today: datetime.date) -> Workshop:
    """Ahornhaven Dag some weeks before its TalSammen Udviklingsdialog (seed 004): date and
    timeline set, the employees' theme choices in (14 of 15 cards), the pick still to make."""
    jens = get_user_model().objects.filter(username="plejeleder").first()
    workshop = preparation.create_workshop(
        unit=unit,
        method=Method.objects.get(slug="nyborg-talsammen"),
        title=f"TalSammen Udviklingsdialog {today.year}",
        date=weekday(today + NYBORG_DAYS_TO_WORKSHOP * DAYS, 1),
        start_time=datetime.time(8, 0),
        planned_minutes=180,
        place="Cafeen, Plejecenter Ahornhaven",
        expected_participants=NYBORG_CARDS,
        facilitator=jens,  # in TalSammen the leader facilitates
    )
    # the planning group moved the information to the staff meeting held last week
    step = next(s for s in workshop.timeline if s.get("key") == "information")
    step["date"] = weekday(today - 5 * DAYS, -1).isoformat()
    workshop.save(update_fields=["timeline"])
    ballots = topic_choice.add_ballots(workshop, NYBORG_CARDS)
    for ballot, (trivsel, t_own, t_why, ledelse, l_own, l_why) in zip(
        ballots, NYBORG_ANSWERS, strict=False
    ):
        topic_choice.answer(
            ballot,
            {
                "trivsel": trivsel,
                "trivsel_own": t_own,
                "trivsel_why": t_why,
                "trivsel_core": "",
                "ledelse": ledelse,
                "ledelse_own": l_own,
                "ledelse_why": l_why,
                "ledelse_core": "",
            },
        )
    # Round 1 (trivselstema) at tables of 3–4 and round 2 (ledelsestema) at new tables;
    # forming them does not wait for the pick of the themes.
    groups.form_ahead(workshop, NYBORG_STAFF)
    return workshop
