"""Before the day (seed 004, steps 1–7 and Bilag 1–3): employees choose the themes, the
planning group picks them, the invitation names them, and the follow-up timeline is set.

- Each employee gets an answer card (a TopicBallot: a random token shown as a QR code and a
  link) and answers once, without an account and without a name: one trivselstema and one
  ledelsestema from the method's list (Bilag 1), each with why it matters and how it helps
  the core task (Bilag 2). "Valgfrit tema" takes their own words.
- The planning group (the unit's trio and HR: units.permissions' "change") sees the tally
  with the reasons and picks one theme of each kind; the pick is `Workshop.topics`.
- The timeline is the method's steps, each dated from the workshop's date by its default
  offset until the planning group sets a date of its own.

Plain functions; views validate with forms and call these."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .live.changes import record
from .models import TopicAnswer, TopicBallot, Workshop

KINDS = {"trivsel": gettext_lazy("Trivselstema"), "ledelse": gettext_lazy("Ledelsestema")}
MAX_BALLOTS = 300  # a workplace's staff; more cards than that is a typing slip
MAX_TIMELINE_STEPS = 30


def topics_of(workshop: Workshop, kind: str) -> list[dict]:
    return [topic for topic in workshop.topic_choices if topic.get("kind") == kind]


def kinds_of(workshop: Workshop) -> list[str]:
    """The kinds of theme the workshop's method offers, in KINDS' order."""
    present = {topic.get("kind") for topic in workshop.topic_choices}
    return [kind for kind in KINDS if kind in present]


def offers_topics(workshop: Workshop) -> bool:
    return bool(workshop.topic_choices)


def topic(workshop: Workshop, key: str) -> dict | None:
    return next((t for t in workshop.topic_choices if t.get("key") == key), None)


# --- answer cards ----------------------------------------------------------------------


@transaction.atomic
def add_ballots(workshop: Workshop, count: int) -> list[TopicBallot]:
    """`count` more answer cards (one per employee invited); never past MAX_BALLOTS."""
    count = max(0, min(count, MAX_BALLOTS - workshop.topic_ballots.count()))
    return TopicBallot.objects.bulk_create(TopicBallot(workshop=workshop) for _ in range(count))


def open_ballot(token: str) -> TopicBallot | None:
    """The card of a link, with its workshop, or None (an unknown token is a 404)."""
    return (
        TopicBallot.objects.select_related("workshop", "workshop__unit").filter(token=token).first()
    )


def may_answer(ballot: TopicBallot) -> bool:
    """A card answers until it is used, while its workshop is still being prepared and its
    themes are not picked yet."""
    workshop = ballot.workshop
    return (
        not ballot.used
        and workshop.status == Workshop.Status.PLANNED
        and not workshop.topics
        and offers_topics(workshop)
    )


@transaction.atomic
def answer(ballot: TopicBallot, data: dict) -> bool:
    """Store a card's answer (a TopicAnswerForm's cleaned_data). The card is marked used in
    the same transaction, by a conditional update, so two tabs posting at once give one
    answer: False for the second. The answer keeps no link to the card."""
    used = TopicBallot.objects.filter(pk=ballot.pk, used=False).update(used=True)
    if not used:
        return False
    TopicAnswer.objects.create(workshop_id=ballot.workshop_id, **data)
    ballot.used = True
    return True


def ballot_counts(workshop: Workshop) -> tuple[int, int]:
    """(answered, cards) of the workshop."""
    ballots = list(workshop.topic_ballots.values_list("used", flat=True))
    return sum(ballots), len(ballots)


# --- the tally and the pick -------------------------------------------------------------


@dataclass
class TallyRow:
    topic: dict
    count: int = 0
    # (own theme's words or "", why, core task) of each answer that chose it
    reasons: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.topic["key"]


def tally(workshop: Workshop) -> dict[str, list[TallyRow]]:
    """Per kind, each theme with how many chose it and their reasons, most chosen first
    (ties in the method's order). A theme nobody chose is listed with 0."""
    result = {kind: [TallyRow(t) for t in topics_of(workshop, kind)] for kind in kinds_of(workshop)}
    rows = {kind: {row.key: row for row in rows} for kind, rows in result.items()}
    for answer_ in workshop.topic_answers.order_by("pk"):
        for kind in result:
            row = rows[kind].get(getattr(answer_, kind))
            if row is None:  # a theme the method no longer offers
                continue
            row.count += 1
            row.reasons.append(
                (
                    getattr(answer_, f"{kind}_own"),
                    getattr(answer_, f"{kind}_why"),
                    getattr(answer_, f"{kind}_core"),
                )
            )
    for kind in result:
        order = {row.key: index for index, row in enumerate(result[kind])}
        result[kind].sort(key=lambda row: (-row.count, order[row.key]))
    return result


@transaction.atomic
def pick(workshop: Workshop, chosen: dict[str, tuple[str, str]]) -> Workshop:
    """The planning group's choice: {kind: (theme key, own title for "valgfrit")}."""
    topics = {}
    for kind, (key, own) in chosen.items():
        found = topic(workshop, key)
        title = own if found.get("own_text") else found["title"]
        description = "" if found.get("own_text") else found.get("description", "")
        topics[kind] = {"key": key, "title": title, "description": description}
    workshop.topics = topics
    workshop.save(update_fields=["topics", "updated_at"])
    record(workshop, "details")  # the round's theme shows on the live screens
    return workshop


@transaction.atomic
def unpick(workshop: Workshop) -> None:
    workshop.topics = {}
    workshop.save(update_fields=["topics", "updated_at"])
    record(workshop, "details")


def picked(workshop: Workshop, kind: str) -> str:
    chosen = workshop.topics.get(kind) if isinstance(workshop.topics, dict) else None
    return chosen.get("title", "") if chosen else ""


# --- the follow-up timeline -------------------------------------------------------------


@dataclass
class Step:
    index: int
    title: str
    who: str
    description: str
    days: int | None
    date: datetime.date | None
    set_by_hand: bool


def step_date(step: dict, day: datetime.date | None) -> tuple[datetime.date | None, bool]:
    """A step's date: the one the planning group set, else the workshop's date plus its
    offset; (None, False) while neither is known."""
    if step.get("date"):
        try:
            return datetime.date.fromisoformat(step["date"]), True
        except ValueError:
            pass
    if day is not None and isinstance(step.get("days"), int):
        return day + datetime.timedelta(days=step["days"]), False
    return None, False


def timeline(workshop: Workshop) -> list[Step]:
    """The workshop's steps in date order (steps without a date keep their place at the end)."""
    steps = []
    for index, raw in enumerate(workshop.timeline):
        date, by_hand = step_date(raw, workshop.date)
        steps.append(
            Step(
                index=index,
                title=raw.get("title", ""),
                who=raw.get("who", ""),
                description=raw.get("description", ""),
                days=raw.get("days"),
                date=date,
                set_by_hand=by_hand,
            )
        )
    return sorted(steps, key=lambda s: (s.date is None, s.date or datetime.date.min, s.index))


@transaction.atomic
def set_timeline(workshop: Workshop, rows: list[dict]) -> None:
    """Save the planning group's rows ({"title", "who", "date"}, from TimelineFormSet's
    cleaned data, in the form's order). A row keeps its method step's offset while its date is
    the one the offset gives; a date of its own is stored as such."""
    old = list(workshop.timeline)
    steps = []
    for index, row in enumerate(rows):
        if not row.get("title"):
            continue  # an emptied title removes the step
        before = old[index] if index < len(old) else {}
        step = {
            "key": before.get("key", ""),
            "title": row["title"],
            "who": row.get("who", ""),
            "description": before.get("description", ""),
            "days": before.get("days"),
            "date": "",
        }
        offset_date, _by_hand = step_date({"days": step["days"]}, workshop.date)
        if row.get("date") and row["date"] != offset_date:
            step["date"] = row["date"].isoformat()
        steps.append(step)
    workshop.timeline = steps[:MAX_TIMELINE_STEPS]
    workshop.save(update_fields=["timeline", "updated_at"])


@transaction.atomic
def reset_timeline(workshop: Workshop) -> None:
    """Back to the method's steps, each dated by its offset from the workshop's date."""
    workshop.timeline = [{**step, "date": ""} for step in workshop.method.timeline]
    workshop.save(update_fields=["timeline", "updated_at"])


# --- the invitation (Bilag 3) -------------------------------------------------------------


def invitation(workshop: Workshop, agenda) -> str:
    """Bilag 3's invitation: time and place, the purpose, both chosen themes and the
    everyday example to bring for each, the programme. Before the themes are picked it says
    so, rather than inviting to a dialogue about nothing."""
    from .preparation import clock, facilitator_display, long_date

    when = []
    if workshop.date:
        when.append(long_date(workshop.date))
    if agenda.starts:
        when.append(
            _("kl. %(start)s–%(end)s") % {"start": clock(agenda.starts), "end": clock(agenda.ends)}
        )
    lines = [
        _("Invitation til Udviklingsdialog om trivsel og ledelse i %(unit)s")
        % {"unit": workshop.unit.name},
        "",
        _("Dato og tidspunkt: %(when)s") % {"when": " ".join(when) or _("følger")},
        _("Sted: %(place)s") % {"place": workshop.place or _("følger")},
        "",
        _(
            "Udviklingsdialogen er en lejlighed til at tale om det, der er vigtigt for dig og "
            "dine kolleger, så vi sammen kan udvikle trivsel og ledelse i fællesskab."
        ),
        "",
        _(
            "I Udviklingsdialogen skal vi drøfte følgende temaer, som planlægningsgruppen har "
            "valgt ud fra de temaer, som I har foreslået:"
        ),
    ]
    for kind in kinds_of(workshop):
        lines.append(
            f"{KINDS[kind]}: {picked(workshop, kind) or _('(vælges af planlægningsgruppen)')}"
        )
    lines += [
        "",
        _("Forberedelse til Udviklingsdialogen"),
        _(
            "Resultatet af Udviklingsdialogen afhænger af, hvad du byder ind med. Derfor er det "
            "vigtigt, at du har forberedt dig godt."
        ),
    ]
    for kind in kinds_of(workshop):
        title = picked(workshop, kind)
        lines.append(
            _(
                "• Forbered et konkret hverdagseksempel på en oplevelse, du har haft, hvor "
                "%(kind)s “%(title)s” kom i spil. Du fortæller om det i en gruppe på 3–4."
            )
            % {"kind": str(KINDS[kind]).lower(), "title": title or "…"}
        )
    lines += [
        _(
            "Eksemplerne kan være noget, der fungerer godt i hverdagen, som vi kan bygge videre "
            "på – eller noget, der er svært, hvor vi sammen skal finde ideer til løsninger. Vi "
            "taler fremadrettet og konstruktivt om eksemplerne."
        ),
        "",
        _("Program"),
    ]
    for row in agenda.rows:
        if row.starts:
            lines.append(f"{clock(row.starts)}–{clock(row.ends)}  {row.phase.name}")
        else:
            lines.append(f"{row.phase.name}")
    facilitator = facilitator_display(workshop)
    if facilitator:
        lines += ["", _("Dialogen faciliteres af %(name)s.") % {"name": facilitator}]
    lines += [
        "",
        _("Vi glæder os til at se dig til Udviklingsdialog."),
        "",
        _("Venlig hilsen"),
        _("Planlægningsgruppen"),
    ]
    return "\n".join(lines)
