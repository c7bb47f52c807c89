"""A plain factory for test data: small functions with sensible defaults."""

import itertools

from django.contrib.auth import get_user_model

from units.models import Membership, Role, Unit

PASSWORD = "test-password-123"
_counter = itertools.count(1)


def unit(name=None, *, parent=None, kind=None, code=None) -> Unit:
    n = next(_counter)
    if kind is None:
        kind = Unit.Kind.ORGANISATION if parent is None else Unit.Kind.WORKPLACE
    return Unit.objects.create(
        name=name or f"Enhed {n}", code=code or f"T-{n}", kind=kind, parent=parent
    )


def user(username=None, *, role=None, unit=None, **fields):
    n = next(_counter)
    person = get_user_model().objects.create_user(
        username=username or f"user{n}",
        password=PASSWORD,
        first_name=fields.pop("first_name", f"Person{n}"),
        **fields,
    )
    if role:
        Membership.objects.create(user=person, unit=unit, role=role)
    return person


def trio(unit_):
    """Leader, TR and AMR of a unit."""
    return [user(role=role, unit=unit_) for role in (Role.LEADER, Role.TR, Role.AMR)]


def live_workshop(unit_, **fields):
    """A workshop created as the trio creates one: the default method's phases copied in."""
    from workshops.methods import load_all
    from workshops.models import Method
    from workshops.preparation import create_workshop

    if not Method.objects.filter(is_default=True).exists():
        load_all()  # a transactional test's flush removes what the data migration loaded
    return create_workshop(unit=unit_, **fields)


def live_phase(workshop, tool):
    return workshop.phases.get(tool=tool)


def yellow_note(participant, text="Godt samarbejde", kind="good", **fields):
    import uuid

    from workshops.models import Note

    return Note.objects.create(
        workshop=participant.workshop,
        participant=participant,
        colour=Note.Colour.YELLOW,
        kind=kind,
        text=text,
        client_key=fields.pop("client_key", uuid.uuid4()),
        **fields,
    )


def pink_note(workshop, text="Krav og balance er lav", kind="change", **fields):
    from workshops.models import Note

    return Note.objects.create(
        workshop=workshop, colour=Note.Colour.PINK, kind=kind, text=text, **fields
    )


# --- surveys (issue 3) -------------------------------------------------------------------


def survey_round(organisation, **fields):
    from surveys.models import Round

    fields.setdefault("name", f"Trivselsmåling {next(_counter)}")
    return Round.objects.create(organisation=organisation, **fields)


def survey_report(unit_, *, round_=None, respondents=12, invited=15, scores=None, **fields):
    """A report for `unit_` with theme scores (theme → (score, org average)), written
    directly, without the importer's anonymity filtering."""
    from decimal import Decimal

    from surveys import rules
    from surveys.models import SurveyReport, ThemeScore

    if round_ is None:
        organisation = Unit.objects.get(pk=unit_.ancestor_ids()[0])
        round_ = survey_round(organisation)
    if scores is None:
        scores = {theme: (Decimal("70.0"), Decimal("72.0")) for theme in round_.themes}
    values = [Decimal(str(score)) for score, _ in scores.values()]
    average = rules.mean(values)
    fields.setdefault("average", average)
    fields.setdefault("org_average", Decimal("72.0"))
    fields.setdefault(
        "colour",
        rules.colour_for(average, green_from=round_.green_from, yellow_from=round_.yellow_from),
    )
    fields.setdefault("track", rules.track_for(fields["colour"], average, fields["org_average"]))
    fields.setdefault("harassment_count", 0)
    report = SurveyReport.objects.create(
        round=round_, unit=unit_, respondents=respondents, invited=invited, **fields
    )
    for order, (theme, (score, org_average)) in enumerate(scores.items()):
        score = Decimal(str(score))
        ThemeScore.objects.create(
            report=report,
            order=order,
            theme=theme,
            score=score,
            org_average=None if org_average is None else Decimal(str(org_average)),
            colour=rules.colour_for(
                score, green_from=round_.green_from, yellow_from=round_.yellow_from
            ),
        )
    return report


# --- workshop preparation (issue 4) ------------------------------------------------------


def prepared_workshop(unit_, **fields):
    """A workshop created the way the trio creates one: the default method's phases, ground
    rules and checklist copied in."""
    from workshops.preparation import create_workshop

    return create_workshop(unit=unit_, **fields)


def prep_item(workshop, text="Vi bestiller nye stole", kind="solve"):
    from workshops.models import PrepItem

    return PrepItem.objects.create(workshop=workshop, kind=kind, text=text)


def checklist_item(workshop, label="Lokale er booket", done=False):
    from workshops.models import ChecklistItem

    return ChecklistItem.objects.create(workshop=workshop, label=label, done=done)


def tovholder(unit_, name="Mette Holm", **fields):
    from actionplans.models import Tovholder

    return Tovholder.objects.create(unit=unit_, name=name, **fields)


def action_plan(unit_, title="Støj i frokoststuen", **fields):
    from actionplans.models import ActionPlan

    return ActionPlan.objects.create(unit=unit_, title=title, **fields)


def activity(plan, what="Vi indkøber lydabsorbenter", level="gruppe", **fields):
    from actionplans.models import Activity

    return Activity.objects.create(plan=plan, what=what, level=level, **fields)


# --- the overview and reminders (issue 12) ---------------------------------------------------


def many_units(parent, count, *, kind=Unit.Kind.WORKPLACE, prefix="Enhed"):
    """`count` units below `parent` in three statements (bulk), for scale tests and the
    bench: their paths and depths are set as Unit.save() would."""
    start = next(_counter)
    units = Unit.objects.bulk_create(
        Unit(name=f"{prefix} {start}-{i}", code=f"M{start}-{i}", kind=kind, parent=parent)
        for i in range(count)
    )
    for made in units:
        made.path = f"{parent.path}{made.pk}/"
        made.depth = parent.depth + 1
    Unit.objects.bulk_update(units, ["path", "depth"], batch_size=500)
    return units


def plans_with_activities(units, round_, *, plans_per_unit=1, activities_per_plan=10, **fields):
    """Plans and activities for many units in bulk (stages cycle through the arrow)."""
    import datetime

    from actionplans.models import ActionPlan, Activity, Stage

    plans = ActionPlan.objects.bulk_create(
        ActionPlan(unit=u, round=round_, title=f"Plan {n}", **fields)
        for u in units
        for n in range(plans_per_unit)
    )
    stages = Stage.values
    today = datetime.date.today()
    Activity.objects.bulk_create(
        (
            Activity(
                plan=plan,
                order=i,
                what=f"Aktivitet {i}",
                level="gruppe",
                stage=stages[i % len(stages)],
                deadline=today + datetime.timedelta(days=i - 3),
            )
            for plan in plans
            for i in range(activities_per_plan)
        ),
        batch_size=2000,
    )
    return plans


# --- action plans after the session (issue 11) ------------------------------------------


def raised_item(unit_, title="Flere hænder i ydertimerne", **fields):
    from actionplans.models import RaisedItem

    return RaisedItem.objects.create(unit=unit_, title=title, **fields)


def board_link(unit_):
    from actionplans.links import rotate_board_link

    return rotate_board_link(unit_)


def tovholder_with_link(unit_, name="Mette Holm", **fields):
    from actionplans.links import rotate_tovholder_link

    return rotate_tovholder_link(tovholder(unit_, name=name, **fields))


# Exports (issue 12) --------------------------------------------------------------------


def summary_workshop(unit_, *, anonymous=False):
    """A workshop after the room's work: Karen's and Ali's post-its revealed and grouped into
    two themes (one with an æøå title), both placed in the matrix, a closed vote (Arbejdsro 2,
    Møder 1), and a plan for the chosen theme with one activity."""
    import datetime
    import uuid

    from django.utils import timezone

    from actionplans.actions import plan_for_theme
    from workshops import live
    from workshops.live import vote as votes
    from workshops.models import Theme

    workshop = live_workshop(unit_, date=datetime.date(2026, 3, 12), place="Personalestuen")
    karen = live.join(workshop, display_name="Karen")
    ali = live.join(workshop, display_name="Ali")
    calm = Theme.objects.create(
        workshop=workshop, title="Arbejdsro på stuerne", order=1, impact=0.9, influence=0.8
    )
    meetings = Theme.objects.create(
        workshop=workshop, title="Møder og Økonomi", order=2, impact=0.3, influence=0.2
    )
    now = timezone.now()
    for order, (who, text, theme) in enumerate(
        [
            (karen, "Larm ved frokost – særligt i våd gården", calm),
            (ali, "For mange møder om åbningstider", meetings),
        ],
        start=1,
    ):
        yellow_note(who, text=text, kind="change", revealed_at=now, reveal_order=order, theme=theme)
    votes.open_new_vote(workshop.pk, [calm.pk, meetings.pk])
    votes.add_mark(karen, calm.pk, uuid.uuid4())
    votes.add_mark(ali, calm.pk, uuid.uuid4())
    votes.add_mark(karen, meetings.pk, uuid.uuid4())
    votes.close_vote(workshop.pk)
    Theme.objects.filter(pk=calm.pk).update(chosen=True)
    plan = plan_for_theme(calm)
    activity(plan, what="Vi indfører stille hjørne i frokoststuen", tovholder=tovholder(unit_))
    if anonymous:
        workshop.anonymous = True
        workshop.save(update_fields=["anonymous"])
    return workshop


def tables(workshop, round_number, seating):
    """A round's tables as a scene: `seating` is a list of tables, each a list of
    Participants (or planned names). Written here, not by workshops/groups.py, so a test can
    set the scene before the change it checks."""
    from workshops.models import Group, GroupMember

    made = []
    for number, table in enumerate(seating, start=1):
        group = Group.objects.create(workshop=workshop, round_number=round_number, number=number)
        for person in table:
            named = isinstance(person, str)
            GroupMember.objects.create(
                group=group,
                round_number=round_number,
                participant=None if named else person,
                name=person if named else "",
            )
        made.append(group)
    return made
