"""The trio's preparation: plain functions that change a workshop's plan.

Views validate input and call these; every write a live screen shows happens in one
transaction that records it (workshops/live/changes.py), so any open live screen notices."""

from __future__ import annotations

from datetime import date, time

from django.db import transaction
from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from trivsel.formats.da.formats import WEEKDAY_DATE_FORMAT

from .agenda import Agenda, build_agenda
from .live.changes import record
from .models import ChecklistItem, Method, Note, PrepItem, Tool, Workshop, WorkshopPhase

BREAK_MINUTES = 15


def default_method() -> Method:
    """The method marked as default (the Albertslund trivselsdialog), else the first one."""
    return Method.objects.order_by("-is_default", "name").first()


@transaction.atomic
def create_workshop(*, unit, method: Method | None = None, **fields) -> Workshop:
    """Create a workshop for `unit` with the method's phases, ground rules, post-it kinds and
    checklist copied in, so the trio can change their own plan without touching the method.

    `fields` are Workshop fields (date, start_time, place, planned_minutes, round, ...)."""
    method = method or default_method()
    fields.setdefault("ground_rules", list(method.default_ground_rules))
    fields.setdefault("topic_choices", list(method.topics))
    fields.setdefault("timeline", [{**step, "date": ""} for step in method.timeline])
    fields.setdefault("note_kinds", list(method.note_kinds))
    workshop = Workshop.objects.create(
        unit=unit, method=method, method_version=method.version, **fields
    )
    WorkshopPhase.objects.bulk_create(
        WorkshopPhase(
            workshop=workshop,
            order=index,
            name=phase.name,
            minutes=phase.minutes,
            tool=phase.tool,
            instructions=phase.instructions,
            participant_prompt=phase.participant_prompt,
            materials=phase.materials,
            config=phase.config,
        )
        for index, phase in enumerate(method.phases.order_by("order"), start=1)
    )
    ChecklistItem.objects.bulk_create(
        ChecklistItem(workshop=workshop, label=label, order=index)
        for index, label in enumerate(method.default_checklist, start=1)
    )
    return workshop


def agenda_for(workshop: Workshop) -> Agenda:
    return build_agenda(workshop.phases.all(), workshop.start_time, workshop.planned_minutes)


def _renumber(workshop: Workshop, phases: list[WorkshopPhase]) -> None:
    for index, phase in enumerate(phases, start=1):
        phase.order = index
    WorkshopPhase.objects.bulk_update(phases, ["order"])
    record(workshop, "agenda")


@transaction.atomic
def add_break(
    workshop: Workshop, *, after: WorkshopPhase | None, minutes: int = BREAK_MINUTES
) -> WorkshopPhase:
    """Insert a break after `after` (at the very start when None)."""
    phases = list(workshop.phases.select_for_update())
    position = phases.index(after) + 1 if after is not None else 0
    pause = WorkshopPhase.objects.create(
        workshop=workshop, order=0, name=_("Pause"), minutes=minutes, tool=Tool.BREAK
    )
    phases.insert(position, pause)
    _renumber(workshop, phases)
    return pause


@transaction.atomic
def move_phase(phase: WorkshopPhase, direction: str) -> bool:
    """Swap a phase with its neighbour ("up" or "down"); False when it is already at that end."""
    phases = list(phase.workshop.phases.select_for_update())
    index = phases.index(phase)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(phases):
        return False
    phases[index], phases[other] = phases[other], phases[index]
    _renumber(phase.workshop, phases)
    return True


@transaction.atomic
def set_phase_minutes(phase: WorkshopPhase, minutes: int) -> None:
    phase.minutes = minutes
    phase.save(update_fields=["minutes"])
    record(phase.workshop, "agenda")


@transaction.atomic
def remove_phase(phase: WorkshopPhase) -> None:
    workshop = phase.workshop
    if workshop.current_phase_id == phase.pk:
        workshop.current_phase = None
        workshop.save(update_fields=["current_phase"])
    phase.delete()
    _renumber(workshop, list(workshop.phases.all()))


@transaction.atomic
def set_checklist_done(item: ChecklistItem, done: bool) -> None:
    item.done = done
    item.save(update_fields=["done"])


def checklist_progress(workshop: Workshop) -> tuple[int, int]:
    """(done, total) for the workshop's checklist."""
    counts = workshop.checklist.aggregate(total=Count("pk"), done=Count("pk", filter=Q(done=True)))
    return counts["done"], counts["total"]


def facilitator_display(workshop: Workshop) -> str:
    if workshop.facilitator_id:
        person = workshop.facilitator
        return person.get_full_name() or person.get_username()
    return workshop.facilitator_name


def long_date(day: date | None) -> str:
    return formats.date_format(day, WEEKDAY_DATE_FORMAT) if day else ""


def clock(moment: time | None) -> str:
    return moment.strftime("%H.%M") if moment else ""


def default_invitation(workshop: Workshop, agenda: Agenda | None = None) -> str:
    """A Danish invitation text with time, place, programme and how to prepare (seed 000's
    invitation template); the trio edits it freely afterwards."""
    agenda = agenda or agenda_for(workshop)
    if workshop.topic_choices:  # a method whose themes are chosen ahead (seed 004, Bilag 3)
        from .topic_choice import invitation

        return invitation(workshop, agenda)
    lines = [
        _("Invitation til trivselsdialog i %(unit)s") % {"unit": workshop.unit.name},
        "",
        _("Kære alle"),
        "",
    ]
    when = []
    if workshop.date:
        when.append(long_date(workshop.date))
    if agenda.starts:
        when.append(
            _("kl. %(start)s–%(end)s") % {"start": clock(agenda.starts), "end": clock(agenda.ends)}
        )
    sentence = _("Vi inviterer til trivselsdialog")
    if when:
        sentence += " " + " ".join(when)
    lines.append(sentence + ".")
    if workshop.place:
        lines.append(_("Sted: %(place)s") % {"place": workshop.place})
    lines.append("")
    survey = workshop.round.name if workshop.round_id else _("trivselsmålingen og APV'en")
    lines.append(
        _(
            "Vi tager udgangspunkt i resultaterne af %(survey)s og taler sammen om, hvad der "
            "fungerer godt, og hvad vi gerne vil ændre. Sammen vælger vi de vigtigste emner og "
            "aftaler konkrete indsatser."
        )
        % {"survey": survey}
    )
    lines += ["", _("Program")]
    for row in agenda.rows:
        if row.starts:
            lines.append(f"{clock(row.starts)}–{clock(row.ends)}  {row.phase.name}")
        else:
            lines.append(
                _("%(name)s (ca. %(minutes)s min.)")
                % {"name": row.phase.name, "minutes": row.minutes}
            )
    lines += [
        "",
        _("Sådan forbereder du dig"),
        _("• Læs resultatrapporten, inden vi mødes."),
        _(
            "• Tænk over, hvad der fungerer godt i dit arbejde og på arbejdspladsen – og hvad "
            "der fungerer mindre godt."
        ),
        "",
    ]
    facilitator = facilitator_display(workshop)
    if facilitator:
        lines += [_("Workshoppen faciliteres af %(name)s.") % {"name": facilitator}, ""]
    lines += [_("Vi glæder os til at se dig."), "", _("Venlig hilsen"), _("Trioen")]
    return "\n".join(lines)


def current_invitation(workshop: Workshop) -> str:
    return workshop.invitation_text or default_invitation(workshop)


# --- pink post-its, the trio's lists and the checklist ----------------------------------


def pink_notes_qs():
    return Note.objects.pink()


def pink_notes(workshop: Workshop):
    """The trio's pink post-its for a workshop, for the preparation pages only: the live
    session decides separately what participants may see (nothing before it is revealed)."""
    return pink_notes_qs().filter(workshop=workshop).order_by("created_at", "pk")


@transaction.atomic
def add_pink_note(workshop: Workshop, *, author, form):
    """Save a validated PinkNoteForm as one of the workshop's pink post-its."""
    note = form.save(commit=False)
    note.workshop = workshop
    note.colour = Note.Colour.PINK
    note.author = author
    note.save()
    record(workshop, "pink")
    return note


@transaction.atomic
def change_pink_note(note: Note, *, form) -> Note:
    """Save a validated PinkNoteForm over an existing pink post-it."""
    note = form.save()
    record(note.workshop, "pink")
    return note


@transaction.atomic
def delete_pink_note(note: Note) -> None:
    workshop = note.workshop
    note.delete()
    record(workshop, "pink")


@transaction.atomic
def current_round(unit, day: date | None = None):
    """The survey round a new workshop of `unit` belongs to by default (surveys.models:
    RoundQuerySet.current_for), on `day` (today when None)."""
    from surveys.models import Round

    return Round.objects.current_for(unit, day or timezone.localdate())


def plans_round(workshop: Workshop):
    """The round the workshop's plans count in: its own, else the unit's current round on the
    day it is held (today while it has no date), so no plan falls outside every round."""
    return workshop.round if workshop.round_id else current_round(workshop.unit, workshop.date)


def plans_round_id(workshop: Workshop) -> int | None:
    found = plans_round(workshop)
    return found.pk if found else None


def anonymity_fixed(workshop: Workshop) -> bool:
    """Named or anonymous post-its is settled once a post-it has been shown on the wall:
    names already seen cannot be taken back, nor added afterwards."""
    return bool(workshop.pk) and workshop.notes.filter(revealed_at__isnull=False).exists()


@transaction.atomic
def change_details(workshop: Workshop, *, form) -> Workshop:
    """Save a validated WorkshopForm: the title and the unit show on the live screens. Turning
    anonymous on forgets the names the phones gave so far (anonymous mode stores none)."""
    workshop = form.save()
    record(workshop, "details")
    if {"round", "date"} & set(form.changed_data):
        from actionplans.models import ActionPlan

        ActionPlan.objects.filter(workshop=workshop).update(round_id=plans_round_id(workshop))
    if "anonymous" in form.changed_data:
        if workshop.anonymous:
            workshop.participants.exclude(display_name="").update(display_name="")
        record(workshop, "settings")
    return workshop


@transaction.atomic
def change_ground_rules(workshop: Workshop, *, rules: list[str], expectations: str) -> Workshop:
    """The room's ground rules and the expectations: on the welcome wall and the closing's,
    so a change made while the workshop runs shows at once."""
    workshop.ground_rules = rules
    workshop.expectations = expectations
    workshop.save(update_fields=["ground_rules", "expectations", "updated_at"])
    record(workshop, "ground_rules")
    return workshop


def prep_counts(workshop: Workshop) -> dict[str, int]:
    counts = dict.fromkeys(PrepItem.Kind.values, 0)
    for kind, n in workshop.prep_items.order_by().values_list("kind").annotate(n=Count("pk")):
        counts[kind] = n
    return counts


def add_prep_item(workshop: Workshop, *, kind: str, text: str):
    last = workshop.prep_items.filter(kind=kind).order_by("-order").first()
    return PrepItem.objects.create(
        workshop=workshop, kind=kind, text=text, order=(last.order + 1) if last else 1
    )


def add_checklist_item(workshop: Workshop, *, label: str) -> ChecklistItem:
    last = workshop.checklist.order_by("-order").first()
    return ChecklistItem.objects.create(
        workshop=workshop, label=label, order=(last.order + 1) if last else 1
    )
