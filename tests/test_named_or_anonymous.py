"""Named or anonymous post-its is chosen while preparing the workshop, in plain Danish, and the
console shows the choice without offering to change it in front of the room. Turning
anonymous on forgets names already given; after the first post-it is shown it is settled."""

import re

from django.urls import reverse

from workshops import live, preparation
from workshops.models import Participant

from . import factory
from .live_helpers import go_to, phone_joins


def details(workshop, **changes):
    return {
        "title": workshop.title,
        "planned_minutes": str(workshop.planned_minutes),
        "anonymous": "False",
        **changes,
    }


def test_the_trio_chooses_anonymous_post_its_when_creating_the_workshop(client, world):
    client.force_login(world.leader)
    create = reverse("workshops:workshop_create", args=[world.unit.pk])
    form = client.get(create).content.decode()
    assert "Skriver deltagerne post-its med navn eller anonymt?" in form
    assert "Vælg anonymt, hvis den psykologiske tryghed i enheden er lav" in form
    assert 'name="anonymous" value="False"' in form and 'name="anonymous" value="True"' in form
    response = client.post(
        create,
        {
            "title": "Trivselsdialog 2026",
            "method": preparation.default_method().pk,
            "planned_minutes": "150",
            "anonymous": "True",
        },
        follow=True,
    )
    workshop = world.unit.workshops.get()
    assert workshop.anonymous
    assert "Anonymt – ingen kan se, hvem der har skrevet hvad" in response.content.decode()


def test_the_console_shows_the_choice_read_only(client, world):
    workshop = factory.live_workshop(world.unit, anonymous=True)
    client.force_login(world.leader)
    html = client.get(reverse("workshops:live", args=[workshop.pk])).content.decode()
    assert "Post-its er anonyme" in html and "valgt i forberedelsen" in html
    assert 'name="anonymous"' not in html
    settings_url = reverse("workshops:live_settings", args=[workshop.pk])
    client.post(settings_url, {"min_notes": "1"})  # the console's settings keep the choice
    workshop.refresh_from_db()
    assert workshop.anonymous and workshop.min_notes_per_person == 1


def test_turning_anonymous_on_forgets_the_names_already_given(client, world):
    workshop = factory.live_workshop(world.unit)
    phone_joins(workshop, "Karen")
    phone_joins(workshop, "Ali")
    client.force_login(world.leader)
    edit = reverse("workshops:workshop_edit", args=[workshop.pk])
    assert client.post(edit, details(workshop, anonymous="True")).status_code == 302
    workshop.refresh_from_db()
    assert workshop.anonymous
    names = Participant.objects.filter(workshop=workshop).values_list("display_name", flat=True)
    assert list(names) == ["", ""]
    html = client.get(reverse("workshops:live", args=[workshop.pk])).content.decode()
    assert "Karen" not in html and "Ali" not in html


def test_the_choice_is_settled_once_a_post_it_has_been_shown(client, world):
    workshop = factory.live_workshop(world.unit)
    factory.pink_note(workshop)
    go_to(workshop, "presentation")
    live.reveal_pink(workshop.pk)
    client.force_login(world.leader)
    edit = reverse("workshops:workshop_edit", args=[workshop.pk])
    radios = re.findall(r'<input[^>]*name="anonymous"[^>]*>', client.get(edit).content.decode())
    assert len(radios) == 2 and all(" disabled" in radio for radio in radios)
    client.post(edit, details(workshop, anonymous="True"))
    workshop.refresh_from_db()
    assert not workshop.anonymous
