"""`manage.py demo` leaves a prepared workshop for Børnehaven Spiren (the story's unit
before its workshop), once."""

from django.core.management import call_command

from workshops.models import Workshop
from workshops.preparation import agenda_for, checklist_progress, pink_notes


def test_demo_has_one_prepared_workshop_for_spiren_and_is_idempotent(db):
    call_command("demo")
    call_command("demo")
    workshop = Workshop.objects.get(unit__code="BK-BF-01-B")
    assert workshop.date and workshop.place and workshop.timekeeper_name
    assert workshop.facilitator.username == "facilitator"
    notes = pink_notes(workshop)
    assert notes.count() == 4
    assert notes.filter(harassment=True).count() == 1
    assert workshop.prep_items.count() == 3
    done, total = checklist_progress(workshop)
    assert 0 < done < total
    assert not agenda_for(workshop).overruns
