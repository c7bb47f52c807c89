"""A facilitator (the facilitator role, named on a workshop, maybe from another unit) finds the
workshops they run on their home page and reads each one's preparation, with the way into the
live session; nothing else of the unit opens to them."""

import datetime

from django.urls import reverse

from units.models import Role

from . import factory


def test_the_facilitators_home_page_lists_the_workshops_they_run(client, world):
    pool = factory.user("frida", role=Role.FACILITATOR, unit=world.organisation)
    workshop = factory.live_workshop(
        world.unit, title="Trivselsdialog 2026", facilitator=pool, date=datetime.date(2026, 5, 12)
    )
    factory.live_workshop(world.other_unit, title="En andens dialog")
    client.force_login(pool)
    html = client.get(reverse("home")).content.decode()
    assert "Trivselsdialoger, du faciliterer" in html
    assert "Trivselsdialog 2026 · Egen enhed" in html and "tirsdag den 12. maj 2026" in html
    assert reverse("workshops:workshop_detail", args=[workshop.pk]) in html
    assert reverse("workshops:live", args=[workshop.pk]) in html
    assert "En andens dialog" not in html
    assert "Du har endnu ingen enheder" not in html


def test_the_facilitator_reads_the_workshop_page_and_finds_the_way_to_run_it(client, world):
    workshop = factory.live_workshop(world.unit, facilitator=world.facilitator)
    client.force_login(world.facilitator)
    response = client.get(reverse("workshops:workshop_detail", args=[workshop.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kør workshoppen" in html and reverse("workshops:live", args=[workshop.pk]) in html
    assert "Du kan læse planen, men ikke ændre den" in html
    assert reverse("workshops:workshop_edit", args=[workshop.pk]) not in html
    assert reverse("unit_detail", args=[world.unit.pk]) not in html  # the unit stays closed
    assert client.get(reverse("unit_detail", args=[world.unit.pk])).status_code == 404
    # no link on the page leads to a door that is closed to them (the unit's files)
    summary = reverse("actionplans:workshop_summary_pdf", args=[workshop.pk])
    assert summary not in html and client.get(summary).status_code == 404


def test_a_facilitator_of_no_workshop_is_told_whom_to_ask(client, world):
    client.force_login(world.facilitator)
    html = client.get(reverse("home")).content.decode()
    assert "Du har endnu ingen enheder" in html
