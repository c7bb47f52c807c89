"""The reads that pages, the staff-room board, the overview and the exports share, so a file
and the screen never disagree. Each returns a queryset with what its callers show loaded in a
fixed number of queries; callers narrow it through the permission module first."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.models import TRIO_ROLES, Membership, Role, Unit

from .models import OPEN_STAGE_VALUES, ActionPlan, Activity, Stage, StatusUpdate


def activities_in_order() -> QuerySet[Activity]:
    return Activity.objects.select_related("tovholder").order_by("order", "pk")


def with_activities(plans: QuerySet[ActionPlan]) -> QuerySet[ActionPlan]:
    """Plans with their activities (and each activity's tovholder) in two queries."""
    return plans.select_related("unit", "round", "workshop").prefetch_related(
        Prefetch("activities", queryset=activities_in_order())
    )


def unit_plans(unit, round_=None) -> QuerySet[ActionPlan]:
    """A unit's plans, newest round first, with their activities."""
    plans = ActionPlan.objects.filter(unit=unit)
    if round_ is not None:
        plans = plans.filter(round=round_)
    return with_activities(plans).order_by("-round__survey_opens", "created_at", "pk")


def activity_rows(plans: QuerySet[ActionPlan]) -> QuerySet[Activity]:
    """One row per activity of the given plans, as the vendors' action-plan modules take them
    (the HR workbook, the CSV): the plan, its unit and round, the tovholder, and when the
    activity was last updated."""
    latest_update = StatusUpdate.objects.filter(activity=OuterRef("pk")).order_by(
        "-created_at", "-pk"
    )
    return (
        Activity.objects.filter(plan__in=plans)
        .select_related("plan", "plan__unit", "plan__round", "tovholder")
        # a subquery, not Max() over a join: no GROUP BY over every selected column (20,000
        # rows: 0.8 s against 1.4 s on SQLite, bench/export_bench.py)
        .annotate(last_update=Subquery(latest_update.values("created_at")[:1]))
        .order_by("plan__unit__path", "plan__created_at", "plan_id", "order", "pk")
    )


# --- the HR and MED overview of a round (issue 12) -----------------------------------------
# One row per unit, read in a fixed number of queries however many units there are (each read
# below is one grouped query over the round), then filtered, sorted and totalled in Python:
# 2,000 rows are cheap to hold, and a file export and the page take the same rows.

OPEN_STAGES = OPEN_STAGE_VALUES
# the units that hold the trivselsdialog and write plans (an organisation's or a department's
# own row is shown for its report, plan or workshop, but is never missing a plan)
WORKSHOP_KINDS = (Unit.Kind.WORKPLACE, Unit.Kind.TEAM)


@dataclass(frozen=True)
class Contact:
    """One of a unit's trio, for the overview's mail links."""

    role: str
    name: str
    email: str

    @property
    def role_label(self) -> str:
        return TRIO_LABELS.get(self.role, self.role)


TRIO_ORDER = {Role.LEADER: 0, Role.TR: 1, Role.AMR: 2}
TRIO_LABELS = {Role.LEADER: _("Leder"), Role.TR: _("TR"), Role.AMR: _("AMR")}


@dataclass
class OverviewRow:
    """What the overview (and HR's export) says about one unit in one round. Colour, track
    and the survey's harassment count are None when the unit has no report or anonymity
    hides its answers (`scores_visible` False, `hidden_because` says why)."""

    unit_id: int
    name: str
    code: str
    path: str
    depth: int
    kind: str = ""
    department_id: int | None = None
    department_name: str = ""
    has_report: bool = False
    scores_visible: bool = False
    hidden_because: str | None = None
    colour: str | None = None
    track: str | None = None
    survey_harassment: int | None = None
    workshop_date: datetime.date | None = None
    workshop_held: bool = False
    has_workshop: bool = False
    plans: int = 0
    plans_made: int = 0
    activities: int = 0
    stages: dict = field(default_factory=dict)
    overdue: int = 0
    harassment_noted: bool = False
    kraenkelse_planned: bool = False
    days_left: int | None = None
    contacts: list[Contact] = field(default_factory=list)

    @property
    def holds_workshops(self) -> bool:
        """Workplaces and teams hold the trivselsdialog and write plans; the organisation's
        and a department's own row (shown for its report) is not missing one."""
        return self.kind in WORKSHOP_KINDS

    @property
    def plan_missing(self) -> bool:
        return self.holds_workshops and self.plans == 0

    @property
    def harassment(self) -> bool:
        """Krænkelser reported: a pink post-it marked as harassment in the unit's workshops
        of the round, or unresolved harassment in a report whose answers may be shown."""
        return self.harassment_noted or bool(self.survey_harassment)

    @property
    def harassment_without_plan(self) -> bool:
        """Krænkelser reported, and no plan of the round works on them: none for a workshop
        theme carrying a krænkelse post-it, none tagged with the survey's krænkelse theme."""
        return self.harassment and not self.kraenkelse_planned

    @property
    def leader(self) -> Contact | None:
        return next((c for c in self.contacts if c.role == Role.LEADER), None)

    @property
    def colour_label(self) -> str:
        from surveys.models import Colour

        return Colour(self.colour).label if self.colour in Colour.values else ""

    @property
    def track_label(self) -> str:
        from surveys.models import Track

        return Track(self.track).label if self.track in Track.values else ""

    @property
    def days_overdue(self) -> int:
        """Days since the round's plan deadline passed (0 when it has not)."""
        return max(0, -(self.days_left or 0))

    @property
    def stage_counts(self) -> list[tuple[str, str, int]]:
        """(stage, label, count) for every stage, the arrow's order first."""
        return [(value, label, self.stages.get(value, 0)) for value, label in Stage.choices]

    @property
    def stages_present(self) -> list[tuple[str, str, int]]:
        """(stage, label, count) for the stages the unit has activities in."""
        return [
            (value, str(label), self.stages[value])
            for value, label in Stage.choices
            if value in self.stages
        ]


def overview_units(round_, units: QuerySet) -> QuerySet:
    """The units of `round_`'s organisation among `units` (already narrowed by the permission
    module) that get a row: open workplaces and teams, and any other unit (a closed one too:
    the organisation import closes units, it does not delete them) with a report, a workshop
    or a plan in the round."""
    from surveys.models import SurveyReport
    from workshops.models import Workshop

    return units.filter(path__startswith=round_.organisation.path).filter(
        Q(kind__in=WORKSHOP_KINDS, closed_on__isnull=True)
        | Q(pk__in=SurveyReport.objects.filter(round=round_).values("unit_id"))
        | Q(pk__in=Workshop.objects.filter(round=round_).values("unit_id"))
        | Q(pk__in=ActionPlan.objects.filter(round=round_).values("unit_id"))
    )


def overview_rows(round_, units: QuerySet, *, today: datetime.date | None = None):
    """One OverviewRow per unit of `overview_units(round_, units)`, in tree order, in a fixed
    number of queries (8)."""
    from surveys import anonymity
    from surveys.models import SurveyReport
    from workshops.models import Note, Workshop

    today = today or timezone.localdate()
    scope = overview_units(round_, units)
    deadline = round_.action_plan_deadline
    days_left = (deadline - today).days if deadline else None
    rows = {
        pk: OverviewRow(
            unit_id=pk,
            name=name,
            code=code,
            path=path,
            depth=depth,
            kind=kind,
            days_left=days_left,
        )
        for pk, name, code, path, depth, kind in scope.order_by("path").values_list(
            "pk", "name", "code", "path", "depth", "kind"
        )
    }
    departments = dict(
        Unit.objects.filter(
            path__startswith=round_.organisation.path, kind=Unit.Kind.DEPARTMENT
        ).values_list("pk", "name")
    )
    for row in rows.values():
        for ancestor in reversed([int(part) for part in row.path.strip("/").split("/")]):
            if ancestor in departments:
                row.department_id, row.department_name = ancestor, departments[ancestor]
                break

    # every report of the round, not only those in scope: hiding one to protect another
    # depends on all of them (complementary suppression)
    reports = list(
        SurveyReport.objects.filter(round=round_).values_list(
            "pk", "unit_id", "unit__path", "respondents", "colour", "track", "harassment_count"
        )
    )
    hidden = anonymity.suppression(
        anonymity.groups_of((pk, path, count) for pk, _u, path, count, *_rest in reports),
        threshold=round_.anonymity_threshold,
        anonymous=round_.anonymous,
    )
    for pk, unit_id, _path, _count, colour, track, harassment_count in reports:
        row = rows.get(unit_id)
        if row is None:
            continue
        row.has_report = True
        row.hidden_because = hidden.get(pk)
        row.scores_visible = row.hidden_because is None
        if row.scores_visible:
            row.colour, row.track, row.survey_harassment = colour or None, track, harassment_count

    # The reads below take the whole round and keep the rows in scope: a filter on the scope
    # in SQL (a subquery per read) cost more than the rows it saves, even for MED.
    workshops = Workshop.objects.filter(round=round_)
    for unit_id, status, date in workshops.values_list("unit_id", "status", "date"):
        row = rows.get(unit_id)
        if row is None:
            continue
        # held: closed in the app, or its date has passed (a workshop run on paper);
        # a held workshop is shown before a planned one, and among equals the latest date
        held = status == Workshop.Status.CLOSED or (date is not None and date < today)
        rank = (held, date or datetime.date.min)
        if not row.has_workshop or rank >= (
            row.workshop_held,
            row.workshop_date or datetime.date.min,
        ):
            row.workshop_held, row.workshop_date = held, date
        row.has_workshop = True

    # each plan, and whether it works on krænkelser: its workshop theme carries a krænkelse
    # post-it, or it is tagged with the survey's krænkelse theme
    on_kraenkelse_theme = Exists(Note.objects.kraenkelse().filter(theme=OuterRef("theme_id")))
    for unit_id, survey_themes, on_theme in (
        ActionPlan.objects.filter(round=round_)
        .annotate(on_theme=on_kraenkelse_theme)
        .values_list("unit_id", "survey_themes", "on_theme")
    ):
        row = rows.get(unit_id)
        if row is None:
            continue
        row.plans += 1
        tagged = survey_themes if isinstance(survey_themes, list) else ()
        if on_theme or any(is_kraenkelse_survey_theme(theme) for theme in tagged):
            row.kraenkelse_planned = True

    # one row per unit: the number of plans that are made, and the activities per stage
    made = Q(tovholder__isnull=False, deadline__isnull=False) & ~Q(stage=Stage.DROPPED)
    per_stage = {f"s_{stage}": Count("pk", filter=Q(stage=stage)) for stage in Stage.values}
    activities = (
        Activity.objects.filter(plan__round=round_)
        .values("plan__unit_id")
        .annotate(
            made=Count("plan_id", filter=made, distinct=True),
            late=Count("pk", filter=Q(deadline__lt=today, stage__in=OPEN_STAGES)),
            **per_stage,
        )
        .values_list("plan__unit_id", "made", "late", *per_stage)
    )
    stage_values = Stage.values
    for unit_id, made_count, late, *counts in activities:
        row = rows.get(unit_id)
        if row is None:
            continue
        row.plans_made, row.overdue = made_count, late
        row.stages = {stage: n for stage, n in zip(stage_values, counts, strict=True) if n}
        row.activities = sum(counts)

    noted = Note.objects.kraenkelse().filter(workshop__round=round_)
    for unit_id in noted.order_by().values_list("workshop__unit_id", flat=True).distinct():
        if unit_id in rows:
            rows[unit_id].harassment_noted = True

    # the trio of each unit, leader first, for the mail links
    trio = Membership.objects.filter(
        role__in=TRIO_ROLES,
        unit__path__startswith=round_.organisation.path,
        user__is_active=True,
    ).values_list(
        "unit_id", "role", "user__first_name", "user__last_name", "user__username", "user__email"
    )
    for unit_id, role, first, last, username, email in trio:
        row = rows.get(unit_id)
        if row is not None:
            name = f"{first} {last}".strip() or username
            row.contacts.append(Contact(role=role, name=name, email=email))
    for row in rows.values():
        if len(row.contacts) > 1:
            row.contacts.sort(key=lambda c: (TRIO_ORDER.get(c.role, 9), c.name.casefold()))
    return list(rows.values())


def is_kraenkelse_survey_theme(theme: str) -> bool:
    """The survey's theme about krænkelser («Krænkende adfærd» in the 2026 survey; a
    vendor's wording may differ, the stem does not)."""
    return "krænk" in theme.casefold()


@dataclass
class Headline:
    """What HR reads first on Monday morning about a round: the days to the plans' deadline
    and the three numbers to act on, each the size of one of the overview's filters."""

    deadline: datetime.date | None
    days_left: int | None
    without_plan: int
    overdue_activities: int
    units_with_overdue: int
    harassment_without_plan: int

    @property
    def days_overdue(self) -> int:
        return max(0, -(self.days_left or 0))


def headline(round_, rows, *, today: datetime.date | None = None) -> Headline:
    """The headline of `overview_rows` (all the rows in the user's scope, not a filtered few):
    the counts match `filter_rows(missing=…)`, `(overdue=…)`, `(harassment_without_plan=…)`."""
    today = today or timezone.localdate()
    deadline = round_.action_plan_deadline
    return Headline(
        deadline=deadline,
        days_left=(deadline - today).days if deadline else None,
        without_plan=sum(row.plan_missing for row in rows),
        overdue_activities=sum(row.overdue for row in rows),
        units_with_overdue=sum(bool(row.overdue) for row in rows),
        harassment_without_plan=sum(row.harassment_without_plan for row in rows),
    )


COLOUR_ORDER = {"red": 0, "yellow": 1, "green": 2, None: 3}

SORT_KEYS = {
    "navn": lambda row: (row.name.casefold(), row.unit_id),
    "afdeling": lambda row: (row.department_name.casefold(), row.name.casefold(), row.unit_id),
    "farve": lambda row: (COLOUR_ORDER.get(row.colour, 3), row.name.casefold(), row.unit_id),
    "mangler": lambda row: (not row.plan_missing, row.plans_made > 0, row.name.casefold()),
    "forsinket": lambda row: (-row.overdue, row.name.casefold(), row.unit_id),
    "aktiviteter": lambda row: (-row.activities, row.name.casefold(), row.unit_id),
    "workshop": lambda row: (
        row.workshop_date or datetime.date.max,
        row.name.casefold(),
        row.unit_id,
    ),
}


def filter_rows(
    rows,
    *,
    department=None,
    colour="",
    track="",
    missing=False,
    overdue=False,
    harassment=False,
    harassment_without_plan=False,
    search="",
):
    """The rows that match every given filter. `colour` "hidden" matches units whose
    answers are not shown (or that have no report); a hidden colour never matches a colour."""
    needle = search.strip().casefold()
    chosen = []
    for row in rows:
        if department is not None and row.department_id != department:
            continue
        if colour == "hidden" and row.colour is not None:
            continue
        if colour and colour != "hidden" and row.colour != colour:
            continue
        if track and row.track != track:
            continue
        if missing and not row.plan_missing:
            continue
        if overdue and not row.overdue:
            continue
        if harassment and not row.harassment:
            continue
        if harassment_without_plan and not row.harassment_without_plan:
            continue
        if needle and needle not in row.name.casefold() and needle != row.code.casefold():
            continue
        chosen.append(row)
    return chosen


def sort_rows(rows, order: str = "afdeling"):
    """`order` is a key of SORT_KEYS, "-" in front for the reverse."""
    key = SORT_KEYS.get(order.lstrip("-"), SORT_KEYS["afdeling"])
    return sorted(rows, key=key, reverse=order.startswith("-"))


@dataclass
class Totals:
    name: str = ""
    units: int = 0
    missing: int = 0
    plans: int = 0
    activities: int = 0
    overdue: int = 0
    harassment: int = 0
    stages: dict = field(default_factory=dict)

    def add(self, row: OverviewRow) -> None:
        self.units += 1
        self.missing += row.plan_missing
        self.plans += row.plans
        self.activities += row.activities
        self.overdue += row.overdue
        self.harassment += row.harassment
        for stage, count in row.stages.items():
            self.stages[stage] = self.stages.get(stage, 0) + count

    @property
    def stage_counts(self) -> list[tuple[str, str, int]]:
        return [(value, label, self.stages.get(value, 0)) for value, label in Stage.choices]


def department_totals(rows) -> tuple[list[Totals], Totals]:
    """Totals per department (by name; units outside any department last) and overall."""
    per: dict[int | None, Totals] = {}
    overall = Totals()
    for row in rows:
        per.setdefault(row.department_id, Totals(name=row.department_name)).add(row)
        overall.add(row)
    ordered = sorted(per.items(), key=lambda item: (item[0] is None, item[1].name.casefold()))
    return [totals for _key, totals in ordered], overall


# --- across units (issue 12): what recurs, IGLO, items raised, the effect -------------------


@dataclass
class Recurring:
    label: str
    units: int
    plans: int = 0
    variants: list[str] = field(default_factory=list)  # the other wordings counted with it


def _normalised(title: str) -> str:
    return " ".join(title.split()).casefold()


def recurring_plan_themes(round_, units: QuerySet) -> tuple[list[Recurring], list[Recurring]]:
    """Plan titles that say the same in Danish (case, inflection, word order and stop words
    aside: `wording.theme_key`) and the survey themes plans are tagged with, each with the
    number of units that work on it, most units first. A group is named by its most used
    wording; the others are its variants."""
    from .wording import theme_key

    by_title: dict[tuple, dict] = {}
    by_survey_theme: dict[str, dict] = {}
    plans = ActionPlan.objects.filter(round=round_, unit__in=overview_units(round_, units))
    for unit_id, title, survey_themes in plans.order_by("pk").values_list(
        "unit_id", "title", "survey_themes"
    ):
        entry = by_title.setdefault(theme_key(title), {"wordings": {}, "units": set(), "n": 0})
        wording = entry["wordings"].setdefault(_normalised(title), [title, 0])
        wording[1] += 1
        entry["units"].add(unit_id)
        entry["n"] += 1
        for theme in survey_themes if isinstance(survey_themes, list) else ():
            tagged = by_survey_theme.setdefault(theme, {"label": theme, "units": set(), "n": 0})
            tagged["units"].add(unit_id)
            tagged["n"] += 1

    def ranked(found):
        return sorted(found, key=lambda r: (-r.units, -r.plans, r.label.casefold()))

    titles = []
    for entry in by_title.values():
        # the most used wording names the group (the first written among equals)
        wordings = sorted(entry["wordings"].values(), key=lambda w: -w[1])
        titles.append(
            Recurring(
                wordings[0][0],
                len(entry["units"]),
                entry["n"],
                variants=[title for title, _n in wordings[1:]],
            )
        )
    themes = [Recurring(e["label"], len(e["units"]), e["n"]) for e in by_survey_theme.values()]
    return ranked(titles), ranked(themes)


@dataclass
class FactorCount:
    factor: str
    label: str
    good: int = 0
    change: int = 0
    units: int = 0


def factor_counts(round_, units: QuerySet) -> list[FactorCount]:
    """The postcard's six factors across the round's workshops: post-its that work well and
    less well, and in how many units. Counts only; no post-it text leaves its workshop."""
    from workshops import kinds
    from workshops.models import Factor, Note

    notes = (
        Note.objects.kept()
        .filter(workshop__round=round_, workshop__unit__in=overview_units(round_, units))
        .exclude(factor="")
    )
    counts = {value: FactorCount(value, label) for value, label in Factor.choices}
    for factor, kind, n in (
        notes.values("factor", "kind").annotate(n=Count("pk")).values_list("factor", "kind", "n")
    ):
        if factor in counts:
            # the postcard's factors are Albertslund's; so are the two kinds counted here
            if kind == kinds.GOOD:
                counts[factor].good += n
            elif kind == kinds.CHANGE:
                counts[factor].change += n
    for factor, n in (
        notes.values("factor")
        .annotate(n=Count("workshop__unit", distinct=True))
        .values_list("factor", "n")
    ):
        if factor in counts:
            counts[factor].units = n
    return sorted(counts.values(), key=lambda c: (-(c.good + c.change), str(c.label)))


@dataclass
class LevelCount:
    level: str
    label: str
    activities: int = 0
    units: int = 0


def level_counts(round_, units: QuerySet) -> list[LevelCount]:
    """IGLO: activities and units per level, in the order I, G, L, O."""
    from .models import Level

    counts = {value: LevelCount(value, label) for value, label in Level.choices}
    activities = Activity.objects.filter(
        plan__round=round_, plan__unit__in=overview_units(round_, units)
    )
    for level, n, unit_count in (
        activities.values("level")
        .annotate(n=Count("pk"), u=Count("plan__unit", distinct=True))
        .values_list("level", "n", "u")
    ):
        if level in counts:
            counts[level].activities, counts[level].units = n, unit_count
    return list(counts.values())


def round_raised_items(round_, units: QuerySet) -> QuerySet:
    """The items the round's units raised to MED and HR, waiting ones first, with their unit."""
    from .models import RaisedItem

    return raised_items(
        RaisedItem.objects.filter(round=round_, unit__in=overview_units(round_, units))
    )


def raised_status_counts(items: QuerySet) -> list[tuple[str, str, int]]:
    from .models import RaisedItem

    found = dict(
        items.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return [(value, label, found.get(value, 0)) for value, label in RaisedItem.Status.choices]


def later_round(round_):
    """The organisation's next round after `round_` (the re-measurement), or None."""
    from surveys.models import Round

    if round_.survey_opens is None:
        return None
    return (
        Round.objects.filter(
            organisation=round_.organisation_id, survey_opens__gt=round_.survey_opens
        )
        .order_by("survey_opens", "pk")
        .first()
    )


@dataclass
class Effect:
    unit_id: int
    unit_name: str
    plan_title: str
    theme: str
    before: object = None  # Decimal or None when not shown (no score, or anonymity)
    after: object = None

    @property
    def change(self):
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def effects(round_, later, units: QuerySet) -> list[Effect]:
    """For each plan of `round_` tagged with survey themes: the unit's score on each theme in
    `round_` and in `later`. A score is read only from a report whose answers may be shown
    (the same anonymity rule as every report page); otherwise it stays None."""
    from surveys.anonymity import hidden_report_ids
    from surveys.models import ThemeScore, reportable_q

    plans = [
        plan
        for plan in ActionPlan.objects.filter(round=round_, unit__in=overview_units(round_, units))
        .select_related("unit")
        .order_by("unit__path", "created_at", "pk")
        if isinstance(plan.survey_themes, list) and plan.survey_themes
    ]
    if not plans or later is None:
        return []
    rounds = [round_.pk, later.pk]
    scores = {
        (round_id, unit_id, theme): score
        for round_id, unit_id, theme, score in ThemeScore.objects.filter(reportable_q("report__"))
        .exclude(report__in=hidden_report_ids(rounds))
        .filter(report__round__in=rounds, report__unit__in=[plan.unit_id for plan in plans])
        .values_list("report__round_id", "report__unit_id", "theme", "score")
    }
    return [
        Effect(
            unit_id=plan.unit_id,
            unit_name=plan.unit.name,
            plan_title=plan.title,
            theme=theme,
            before=scores.get((round_.pk, plan.unit_id, theme)),
            after=scores.get((later.pk, plan.unit_id, theme)),
        )
        for plan in plans
        for theme in plan.survey_themes
    ]


# --- after the session: the plan pages, the tovholder's link, what is raised ----------------


def plan_page(plans: QuerySet[ActionPlan]) -> QuerySet[ActionPlan]:
    """One plan as its page shows it: activities, each with its tovholder and its history
    (newest first), in three queries."""
    from .models import StatusUpdate

    return plans.select_related("unit", "round", "workshop", "theme").prefetch_related(
        Prefetch(
            "activities",
            queryset=activities_in_order().prefetch_related(
                Prefetch("updates", queryset=StatusUpdate.objects.order_by("-created_at", "-pk"))
            ),
        )
    )


def upcoming_follow_ups(unit, today, limit: int = 5) -> list[tuple]:
    """The unit's next follow-up dates, soonest first: (date, plan, which), from `today` on
    and the overdue ones of unfinished plans within the last month (shown as overdue)."""
    import datetime

    since = today - datetime.timedelta(days=31)
    rows = []
    for plan in ActionPlan.objects.filter(unit=unit).only(
        "pk", "title", "follow_up_first", "follow_up_second", "unit_id"
    ):
        for which, day in (("first", plan.follow_up_first), ("second", plan.follow_up_second)):
            if day and day >= since:
                rows.append((day, plan, which))
    rows.sort(key=lambda row: (row[0], row[1].pk))
    return rows[:limit]


def tovholder_activities(tovholder) -> QuerySet[Activity]:
    """A tovholder's own activities (their link shows these and nothing else)."""
    from .models import StatusUpdate

    return (
        Activity.objects.filter(tovholder=tovholder)
        .select_related("plan")
        .prefetch_related(
            Prefetch("updates", queryset=StatusUpdate.objects.order_by("-created_at", "-pk"))
        )
        .order_by("deadline", "plan__created_at", "order", "pk")
    )


def raised_items(items):
    """Raised items with their unit, plan and who answered: the new ones first, then the
    acknowledged, then the answered; newest first within each."""
    from django.db.models import Case, IntegerField, Value, When

    from .models import RaisedItem

    waiting = Case(
        When(status=RaisedItem.Status.RAISED, then=Value(0)),
        When(status=RaisedItem.Status.ACKNOWLEDGED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        items.select_related(
            "unit", "activity", "activity__plan", "theme", "answered_by", "acknowledged_by"
        )
        .annotate(waiting=waiting)
        .order_by("waiting", "-created_at", "-pk")
    )


def plans_in_scope(user, round_) -> QuerySet[ActionPlan]:
    """The round's plans of every unit the user may view (HR: their subtree; MED: their
    unit and below; the trio: their own unit), through the permission module."""
    from units.permissions import filter_for

    return filter_for(user, ActionPlan.objects.for_round(round_))


def plans_without_activities(plans: QuerySet[ActionPlan]) -> QuerySet[ActionPlan]:
    """The given plans that have no activity yet, in the order of `activity_rows`, so an
    export lists a plan that exists before its activities are written."""
    return (
        plans.filter(activities__isnull=True)
        .select_related("unit", "round")
        .order_by("unit__path", "created_at", "pk")
    )
