"""The trio writes pink post-its from the survey report before the session: one topic each,
works well / must change, optional factor, who presents, and the harassment flag. They can
be changed until they are revealed in the session."""

import pytest
from django.urls import reverse
from django.utils import timezone

from workshops.models import Note

from . import factory


@pytest.fixture
def workshop(world):
    return factory.prepared_workshop(world.unit)


def url(name, workshop, *args):
    return reverse(f"workshops:{name}", args=[workshop.pk, *args])


def test_trio_writes_a_pink_post_it_with_the_harassment_flag(client, world, workshop):
    client.force_login(world.amr)
    response = client.post(
        url("pink_note_create", workshop),
        {
            "text": "Uløste krænkelser i personalegruppen",
            "kind": "change",
            "factor": "social_stoette",
            "presenter_name": "Amira",
            "harassment": "on",
        },
        follow=True,
    )
    note = workshop.notes.get()
    assert (note.colour, note.kind, note.harassment) == (Note.Colour.PINK, "change", True)
    assert note.author == world.amr and note.revealed_at is None
    html = response.content.decode()
    assert "Krænkelse – kræver handling" in html
    assert "Fungerer mindre godt" in html and "Social støtte" in html
    assert "Præsenteres af Amira" in html and "Ikke vist endnu" in html


def test_kind_is_shown_as_works_well_or_must_change(client, world, workshop):
    factory.pink_note(workshop, text="Godt kollegaskab", kind="good")
    client.force_login(world.leader)
    html = client.get(url("pink_notes", workshop)).content.decode()
    assert "Fungerer godt" in html


def test_a_post_it_has_one_short_topic(client, world, workshop):
    client.force_login(world.leader)
    response = client.post(url("pink_note_create", workshop), {"text": "x" * 281})
    html = response.content.decode()
    assert "Højst 280 tegn – ét emne pr. post-it." in html
    assert "Vælg “Fungerer godt” eller “Fungerer mindre godt”." in html
    assert not workshop.notes.exists()


def test_harassment_cannot_be_marked_as_working_well(client, world, workshop):
    client.force_login(world.leader)
    response = client.post(
        url("pink_note_create", workshop),
        {"text": "Krænkelser", "kind": "good", "harassment": "on"},
    )
    assert "skal markeres som “Fungerer mindre godt”" in response.content.decode()


def test_trio_edits_and_deletes_after_confirming_while_not_revealed(client, world, workshop):
    note = factory.pink_note(workshop, text="Travlhed")
    client.force_login(world.tr)
    client.post(
        url("pink_note_edit", workshop, note.pk),
        {"text": "Travlhed om eftermiddagen", "kind": "change"},
    )
    note.refresh_from_db()
    assert note.text == "Travlhed om eftermiddagen"
    confirm = client.get(url("pink_note_delete", workshop, note.pk)).content.decode()
    assert "Vil du slette post-it’en “Travlhed om eftermiddagen”?" in confirm
    assert workshop.notes.exists()
    client.post(url("pink_note_delete", workshop, note.pk))
    assert not workshop.notes.exists()


def test_a_revealed_post_it_can_no_longer_be_changed(client, world, workshop):
    note = factory.pink_note(workshop, text="Vist", revealed_at=timezone.now())
    client.force_login(world.leader)
    response = client.post(
        url("pink_note_edit", workshop, note.pk), {"text": "Ændret", "kind": "good"}
    )
    assert response.status_code == 302
    client.post(url("pink_note_delete", workshop, note.pk))
    note.refresh_from_db()
    assert note.text == "Vist" and not note.deleted
    html = client.get(url("pink_notes", workshop)).content.decode()
    assert "Vist på workshoppen" in html
    assert url("pink_note_edit", workshop, note.pk) not in html


def test_yellow_notes_are_not_reachable_through_the_pink_pages(client, world, workshop):
    participant = workshop.participants.create(display_name="Karen")
    yellow = factory.yellow_note(participant, text="Gul seddel")
    client.force_login(world.leader)
    assert client.get(url("pink_note_edit", workshop, yellow.pk)).status_code == 404
    assert "Gul seddel" not in client.get(url("pink_notes", workshop)).content.decode()


def test_med_sees_the_pink_post_its_but_cannot_add_or_change(client, world, workshop):
    note = factory.pink_note(workshop, text="Arbejdspres")
    client.force_login(world.med)
    html = client.get(url("pink_notes", workshop)).content.decode()
    assert "Arbejdspres" in html
    assert "Ny pink post-it" not in html
    assert client.post(url("pink_note_create", workshop), {"text": "x"}).status_code == 403
    assert client.get(url("pink_note_edit", workshop, note.pk)).status_code == 403


def test_others_and_participants_never_reach_the_pink_post_its(client, world, workshop):
    factory.pink_note(workshop, text="Hemmelig")
    client.force_login(world.stranger)
    assert client.get(url("pink_notes", workshop)).status_code == 404
    client.logout()
    response = client.get(url("pink_notes", workshop))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_post_it_text_is_escaped(client, world, workshop):
    factory.pink_note(workshop, text="<script>alert(1)</script>")
    client.force_login(world.leader)
    html = client.get(url("pink_notes", workshop)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_med_sees_that_a_krænkelse_exists_but_not_its_words_before_the_workshop(
    client, world, workshop
):
    factory.pink_note(workshop, "Kollega X krænker Y ved vagtskifte", harassment=True)
    factory.pink_note(workshop, "Social støtte scorer højt", kind="good")
    url = reverse("workshops:pink_notes", args=[workshop.pk])
    client.force_login(world.med)
    html = client.get(url).content.decode()
    assert "Kollega X krænker Y" not in html and "Pink post-it om en krænkelse" in html
    assert "Social støtte scorer højt" in html
    for trio_or_hr in (world.leader, world.hr):
        client.force_login(trio_or_hr)
        assert "Kollega X krænker Y" in client.get(url).content.decode()
    workshop.notes.filter(harassment=True).update(revealed_at=timezone.now())
    client.force_login(world.med)
    assert "Kollega X krænker Y" in client.get(url).content.decode()


def test_the_pink_form_counts_characters_and_never_cuts(client, world, workshop):
    client.force_login(world.leader)
    html = client.get(reverse("workshops:pink_notes", args=[workshop.pk])).content.decode()
    assert 'data-max-length="280"' in html and 'maxlength="280"' not in html


def test_after_the_workshop_the_pink_post_its_read_as_a_record(client, world, workshop):
    """Issue 23: a closed workshop's pages said the post-its "are not shown to participants
    before you show them" – a preparation hint where a record of the session belongs."""
    factory.pink_note(workshop, text="Vist på væggen", revealed_at=timezone.now())
    factory.pink_note(workshop, text="Nåede vi ikke")
    client.force_login(world.leader)
    before = client.get(url("workshop_detail", workshop)).content.decode()
    assert "De vises ikke for deltagerne, før I selv viser dem på workshoppen." in before
    workshop.status, workshop.closed_at = "closed", timezone.now()
    workshop.save()

    detail = client.get(url("workshop_detail", workshop)).content.decode()
    assert "Trioen forberedte 2 pink post-its til workshoppen." in detail
    assert "De vises ikke for deltagerne" not in detail
    pink = client.get(url("pink_notes", workshop)).content.decode()
    assert "som de blev forberedt til workshoppen" in pink
    assert "Deltagerne ser dem først" not in pink
    assert "Ikke vist på workshoppen" in pink and "Vist på workshoppen" in pink
    assert "Ikke vist endnu" not in pink
    lists = client.get(url("prep_items", workshop)).content.decode()
    assert "blev ikke taget op i dialogen" in lists and "I fortæller blot" not in lists
