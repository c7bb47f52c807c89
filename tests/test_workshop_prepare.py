"""The trio prepares a workshop: create it, roles, ground rules, the two lists, checklist,
invitation; MED reads the same pages without edit controls; others get 404."""

from datetime import date, time

import pytest
from django.urls import reverse

from workshops import preparation
from workshops.models import PrepItem

from . import factory


@pytest.fixture
def workshop(world):
    return factory.prepared_workshop(
        world.unit,
        date=date(2026, 5, 12),
        start_time=time(9, 0),
        place="Personalestuen",
        timekeeper_name="Tobias",
    )


def url(name, workshop, *args):
    return reverse(f"workshops:{name}", args=[workshop.pk, *args])


def test_leader_creates_a_workshop_with_roles_and_lands_on_its_overview(client, world):
    client.force_login(world.leader)
    response = client.post(
        reverse("workshops:workshop_create", args=[world.unit.pk]),
        {
            "title": "Trivselsdialog 2026",
            "method": preparation.default_method().pk,
            "date": "2026-05-12",
            "start_time": "09:00",
            "place": "Personalestuen",
            "planned_minutes": "150",
            "expected_participants": "12",
            "facilitator": world.facilitator.pk,
            "timekeeper_name": "Tobias",
            "note_taker_name": "Amira",
        },
        follow=True,
    )
    workshop = world.unit.workshops.get()
    assert workshop.facilitator == world.facilitator
    assert workshop.phases.count() == 9 and workshop.checklist.count() == 7
    html = response.content.decode()
    assert "Trivselsdialogen er oprettet" in html
    assert "09.00–11.30" in html
    assert "0 af 7 punkter klaret" in html


def test_a_borrowed_facilitator_is_a_free_text_name(client, world, workshop):
    client.force_login(world.tr)
    data = {
        "title": workshop.title,
        "date": "2026-05-12",
        "start_time": "09:00",
        "planned_minutes": "150",
        "facilitator_name": "Frida fra Myretuen",
    }
    client.post(url("workshop_edit", workshop), data)
    workshop.refresh_from_db()
    assert preparation.facilitator_display(workshop) == "Frida fra Myretuen"


def test_create_form_explains_errors_in_danish(client, world):
    client.force_login(world.leader)
    response = client.post(
        reverse("workshops:workshop_create", args=[world.unit.pk]),
        {
            "title": "",
            "method": preparation.default_method().pk,
            "planned_minutes": "60",
            "facilitator": world.leader.pk,
            "facilitator_name": "Også en anden",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Planlæg mindst 2 timer (120 minutter)." in html
    assert "ikke begge" in html
    assert "Dette felt er påkrævet." in html
    assert not world.unit.workshops.exists()


def test_the_facilitator_choice_lists_unit_members_only(client, world):
    client.force_login(world.leader)
    html = client.get(reverse("workshops:workshop_create", args=[world.unit.pk])).content
    html = html.decode()
    assert world.leader.first_name in html
    assert world.other_leader.first_name not in html
    assert world.stranger.first_name not in html


def test_med_reads_the_plan_without_any_edit_controls(client, world, workshop):
    client.force_login(world.med)
    for name in ("workshop_detail", "agenda", "pink_notes", "prep_items", "invitation"):
        html = client.get(url(name, workshop)).content.decode()
        assert "Du kan læse planen, men ikke ændre den." in html, name
        assert 'method="post" action="/workshops/' not in html, name
        assert "/rediger/" not in html, name
    assert client.get(url("workshop_edit", workshop)).status_code == 403
    item = workshop.checklist.first()
    response = client.post(url("checklist_toggle", workshop, item.pk), {"done": "1"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert not item.done


def test_a_colleague_from_another_unit_does_not_find_the_workshop(client, world, workshop):
    client.force_login(world.other_leader)
    assert client.get(url("workshop_detail", workshop)).status_code == 404
    assert client.get(url("pink_notes", workshop)).status_code == 404


def test_ground_rules_are_prefilled_from_the_method_and_editable(client, world, workshop):
    client.force_login(world.amr)
    page = client.get(url("ground_rules", workshop)).content.decode()
    assert 'value="Vi er åbne og ærlige"' in page
    rules = list(workshop.ground_rules)
    rules[0] = "Vi er åbne, ærlige og venlige"
    client.post(
        url("ground_rules", workshop),
        {"rule": [*rules, "", "Telefonen ligger i tasken"], "expectations": "Tre aftaler"},
    )
    workshop.refresh_from_db()
    assert workshop.ground_rules[0] == "Vi er åbne, ærlige og venlige"
    assert workshop.ground_rules[-1] == "Telefonen ligger i tasken"
    assert len(workshop.ground_rules) == 6
    assert workshop.expectations == "Tre aftaler"


def test_a_ground_rule_is_removed_with_its_button(client, world, workshop):
    client.force_login(world.amr)
    rules = list(workshop.ground_rules)
    client.post(url("ground_rules", workshop), {"rule": rules, "remove": "1"})
    workshop.refresh_from_db()
    assert workshop.ground_rules == [rules[0], *rules[2:]]


def test_add_line_offers_one_more_empty_line_without_saving(client, world, workshop):
    client.force_login(world.amr)
    rules = list(workshop.ground_rules)
    page = client.post(url("ground_rules", workshop), {"rule": [*rules, "Ny"], "add": "1"})
    html = page.content.decode()
    assert html.count('name="rule"') == len(rules) + 1 + 3
    workshop.refresh_from_db()
    assert "Ny" not in workshop.ground_rules


def test_an_overlong_ground_rule_is_explained(client, world, workshop):
    client.force_login(world.amr)
    response = client.post(url("ground_rules", workshop), {"rule": ["x" * 201]})
    assert "En spilleregel kan højst være 200 tegn" in response.content.decode()


def test_trio_lists_what_they_solve_themselves_and_physical_items(client, world, workshop):
    client.force_login(world.leader)
    client.post(url("prep_item_create", workshop), {"list": "solve", "solve-text": "Ny vagtplan"})
    client.post(
        url("prep_item_create", workshop),
        {"list": "physical", "physical-text": "Støj i garderoben"},
    )
    assert list(workshop.prep_items.values_list("kind", "text")) == [
        (PrepItem.Kind.PHYSICAL, "Støj i garderoben"),
        (PrepItem.Kind.SOLVE_OURSELVES, "Ny vagtplan"),
    ]
    html = client.get(url("prep_items", workshop)).content.decode()
    assert "Det løser vi selv" in html and "Fysisk arbejdsmiljø" in html
    empty = client.post(url("prep_item_create", workshop), {"list": "solve", "solve-text": ""})
    assert "Skriv punktet." in empty.content.decode()


def test_deleting_a_prep_item_asks_first(client, world, workshop):
    item = factory.prep_item(workshop, text="Ny kaffemaskine")
    client.force_login(world.leader)
    confirm = client.get(url("prep_item_delete", workshop, item.pk))
    assert "Vil du slette punktet “Ny kaffemaskine”?" in confirm.content.decode()
    assert workshop.prep_items.exists()
    client.post(url("prep_item_delete", workshop, item.pk))
    assert not workshop.prep_items.exists()


def test_ticking_the_checklist_with_htmx_returns_the_checklist_with_progress(
    client, world, workshop
):
    client.force_login(world.tr)
    item = workshop.checklist.first()
    response = client.post(
        url("checklist_toggle", workshop, item.pk), {"done": "1"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="card" id="checklist"')
    assert "1 af 7 punkter klaret" in html
    assert f'id="check-{item.pk}" aria-pressed="true" autofocus' in html
    # the same post is idempotent, and unticking works without JavaScript
    client.post(url("checklist_toggle", workshop, item.pk), {"done": "1"})
    response = client.post(url("checklist_toggle", workshop, item.pk), {"done": "0"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert not item.done


def test_trio_adds_an_own_checklist_item(client, world, workshop):
    client.force_login(world.tr)
    response = client.post(
        url("checklist_add", workshop), {"label": "Kage er bestilt"}, headers={"HX-Request": "true"}
    )
    assert "Kage er bestilt" in response.content.decode()
    assert "0 af 8 punkter klaret" in response.content.decode()


def test_the_unit_page_shows_the_workshop_with_checklist_progress(client, world, workshop):
    preparation.set_checklist_done(workshop.checklist.first(), True)
    client.force_login(world.leader)
    html = client.get(reverse("unit_detail", args=[world.unit.pk])).content.decode()
    assert 'id="workshops"' in html
    assert "Tjekliste: 1 af 7 klaret" in html
    assert "Ny trivselsdialog" in html
    client.force_login(world.med)
    html = client.get(reverse("unit_detail", args=[world.unit.pk])).content.decode()
    assert "Tjekliste: 1 af 7 klaret" in html
    assert "Ny trivselsdialog" not in html


def test_invitation_is_prefilled_with_time_place_programme_and_preparation(client, world, workshop):
    client.force_login(world.leader)
    html = client.get(url("invitation", workshop)).content.decode()
    assert "tirsdag den 12. maj 2026 kl. 09.00–11.30" in html
    assert "Personalestuen" in html
    assert "09.10–09.20  Individuel refleksion" in html
    assert "Læs resultatrapporten, inden vi mødes." in html
    assert "hvad der fungerer godt" in html


def test_the_trio_edits_the_invitation_and_can_go_back_to_the_default(client, world, workshop):
    client.force_login(world.leader)
    form = client.get(url("invitation_edit", workshop)).content.decode()
    assert "Invitation til trivselsdialog i Egen enhed" in form
    client.post(url("invitation_edit", workshop), {"invitation_text": "Kom & <b>glæd</b> jer"})
    html = client.get(url("invitation", workshop)).content.decode()
    assert "Kom &amp; &lt;b&gt;glæd&lt;/b&gt; jer" in html  # user text is escaped
    empty = client.post(url("invitation_edit", workshop), {"invitation_text": ""})
    assert "Invitationen må ikke være tom." in empty.content.decode()
    client.post(url("invitation_edit", workshop), {"reset": "1"})
    workshop.refresh_from_db()
    assert workshop.invitation_text == ""
    assert "Læs resultatrapporten" in preparation.current_invitation(workshop)


def test_hr_may_prepare_any_unit(client, world, workshop):
    client.force_login(world.hr)
    assert client.get(url("workshop_edit", workshop)).status_code == 200
    assert client.get(reverse("workshops:workshop_create", args=[world.unit.pk])).status_code == 200
