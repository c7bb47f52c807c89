"""What the room found in the first live sessions: how participants are named and numbered,
anonymous mode, a closed workshop's code, one kind label, the favicon, the wall-only
link, the timer that starts with its phase, and undoing a reveal."""

import re
from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from workshops import live
from workshops.models import Note, Participant, Workshop

from . import factory
from .live_helpers import go_to, phone_joins, phone_page, post_note

HTMX = {"HTTP_HX_REQUEST": "true"}
FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


@pytest.fixture
def workshop(world):
    return factory.live_workshop(world.unit)


@pytest.fixture
def leader(client, world):
    client.force_login(world.leader)
    return client


def page(client, name, workshop) -> str:
    response = client.get(reverse(name, args=[workshop.pk]))
    assert response.status_code == 200
    return response.content.decode()


def sync_key(html: str) -> str:
    """The signed key a wall or console page sends with its check."""
    return unquote(re.search(r'data-screen-key="([^"]+)"', html).group(1))


# Numbering ---------------------------------------------------------------------------------


def test_participants_are_numbered_per_workshop_and_a_nameless_one_is_deltager_2(
    leader, world, workshop
):
    # another workshop's phones join first, so the database ids are not 1, 2, 3 here
    earlier = factory.live_workshop(world.other_unit)
    for name in ("A", "B", "C", "D"):
        phone_joins(earlier, name)
    phone_joins(workshop, "Karen")
    phone_joins(workshop, "")
    phone_joins(workshop, "Ali")
    nameless = Participant.objects.get(workshop=workshop, display_name="")
    assert nameless.number == 2 and nameless.pk != 2

    assert [p.number for p in Participant.objects.filter(workshop=workshop).order_by("pk")] == [
        1,
        2,
        3,
    ]
    assert [p.number for p in Participant.objects.filter(workshop=earlier).order_by("pk")] == [
        1,
        2,
        3,
        4,
    ]
    go_to(workshop, "reflection")  # the wall lists who has written how much
    for screen in ("workshops:live", "workshops:wall"):
        html = page(leader, screen, workshop)
        assert "Deltager 2" in html, screen
        assert f"Deltager {nameless.pk}" not in html, screen
        assert "Karen" in html and "Ali" in html, screen


def test_numbers_restart_at_1_in_another_workshop(world, workshop):
    live.join(workshop, display_name="Karen")
    live.join(workshop)
    other = factory.live_workshop(world.unit)
    first = live.join(other)
    assert first.number == 1
    assert str(first) == "Deltager 1"


def test_a_phone_written_for_by_the_facilitator_gets_the_next_number(workshop):
    live.join(workshop, display_name="Karen")
    live.add_note_on_behalf(workshop.pk, name="", kind="good", text="For en uden telefon")
    helped = Participant.objects.get(workshop=workshop, on_behalf=True)
    assert helped.number == 2 and str(helped) == "Deltager 2"


# Anonymous mode ------------------------------------------------------------------------------


def test_in_anonymous_mode_the_join_page_asks_no_name_and_says_so(world):
    workshop = factory.live_workshop(world.unit, anonymous=True)
    html = phone_page(Client(), workshop)
    assert 'name="display_name"' not in html
    assert "anonym" in html.lower()


def test_in_a_named_session_the_join_page_asks_for_a_name(workshop):
    html = phone_page(Client(), workshop)
    assert 'name="display_name"' in html


def test_in_anonymous_mode_a_posted_name_is_not_stored(leader, world):
    workshop = factory.live_workshop(world.unit, anonymous=True)
    phone = phone_joins(workshop, "Karen")
    participant = Participant.objects.get(workshop=workshop)
    assert participant.display_name == ""
    assert "Karen" not in Participant.objects.values_list("display_name", flat=True)
    html = phone_page(phone, workshop)
    assert "Anonym" in html and "Karen" not in html
    wall = page(leader, "workshops:wall", workshop)
    assert "Anonym" in wall and "Karen" not in wall


def test_the_facilitator_cannot_name_a_participant_in_anonymous_mode(world):
    workshop = factory.live_workshop(world.unit, anonymous=True)
    live.add_note_on_behalf(workshop.pk, name="Bent", kind="good", text="Hej")
    assert Participant.objects.get(workshop=workshop).display_name == ""


def test_a_closed_workshops_code_tells_a_latecomer_it_is_closed(client, workshop):
    live.set_status(workshop.pk, Workshop.Status.CLOSED)
    response = client.post(reverse("participant:join"), {"code": workshop.join_code.lower()})
    html = response.content.decode()
    assert response.status_code == 410
    assert "afsluttet" in html
    assert "Vi kender ikke den kode" not in html


def test_a_closed_workshop_lets_nobody_in_by_its_link_either(workshop):
    live.set_status(workshop.pk, Workshop.Status.CLOSED)
    phone = Client()
    response = phone.post(
        reverse("participant:join_workshop", args=[workshop.join_token]), {"display_name": "Sen"}
    )
    assert response.status_code == 403 and "afsluttet" in response.content.decode()
    assert not Participant.objects.filter(workshop=workshop).exists()


# One kind label -------------------------------------------------------------------------


def test_the_kind_label_is_fungerer_mindre_godt_on_every_live_page(leader, workshop):
    phone = phone_joins(workshop, "Karen")
    go_to(workshop, "reflection")
    post_note(phone, workshop, text="Godt", kind="good")
    post_note(phone, workshop, text="Mindre godt", kind="change")
    post_note(phone, workshop, text="Endnu ikke vist", kind="change")
    factory.pink_note(workshop, "Pink", kind="change")
    go_to(workshop, "presentation")
    karen = Participant.objects.get(workshop=workshop)
    live.reveal_next_pair(workshop.pk, karen.pk)
    live.reveal_pink(workshop.pk)
    key = sync_key(page(leader, "workshops:wall", workshop))
    pages = {
        "console": page(leader, "workshops:live", workshop),
        "wall": page(leader, "workshops:wall", workshop),
        "wall update": leader.get(
            reverse("workshops:screen_sync", args=[workshop.pk, "wall"]),
            {"since": -1},
            HTTP_X_SCREEN_KEY=key,
        ).content.decode(),
        "console update": leader.get(
            reverse("workshops:screen_sync", args=[workshop.pk, "facilitator"]),
            {"since": -1},
            HTTP_X_SCREEN_KEY=key,
        ).content.decode(),
        "phone": phone_page(phone, workshop),
    }
    for name, html in pages.items():
        assert "Fungerer mindre godt" in html, name
        assert "skal ændres" not in html.lower(), name
    for name, html in {
        "join page": phone_page(Client(), workshop),
        "code page": Client().get(reverse("participant:join")).content.decode(),
    }.items():
        assert "skal ændres" not in html.lower(), name


def test_the_favicon_is_found(client):
    response = client.get("/favicon.ico")
    assert response.status_code in (301, 302)
    assert response["Location"] == static("favicon.svg")
    assert finders.find("favicon.svg")


# The wall-only link -----------------------------------------------------------------------------


def open_wall_link(leader, workshop) -> str:
    response = leader.post(
        reverse("workshops:wall_link_action", args=[workshop.pk]), {"action": "open"}, **HTMX
    )
    assert response.status_code == 200
    token = Workshop.objects.get(pk=workshop.pk).wall_token
    assert token
    return token


def wall_by_link(token):
    return Client().get(reverse("wall_link", args=[token]))


def wall_check(key, workshop, since):
    return Client().get(
        reverse("workshops:screen_sync", args=[workshop.pk, "wall"]),
        {"since": since},
        HTTP_X_SCREEN_KEY=key,
    )


def test_the_wall_link_shows_the_wall_without_a_login_and_updates_by_its_key(leader, workshop):
    factory.pink_note(workshop, "Hemmelig pink")
    phone = phone_joins(workshop, "Karen")
    go_to(workshop, "reflection")
    post_note(phone, workshop, text="Karens hemmelige")
    token = open_wall_link(leader, workshop)

    response = wall_by_link(token)
    html = response.content.decode()
    assert response.status_code == 200
    assert workshop.join_code in html
    assert "Hemmelig pink" not in html and "Karens hemmelige" not in html
    assert "login" not in response.get("Location", "")

    key = sync_key(html)
    current = Workshop.objects.get(pk=workshop.pk).revision
    assert wall_check(key, workshop, current).status_code == 204
    changed = wall_check(key, workshop, current - 1)
    assert changed.status_code == 200
    assert "Hemmelig pink" not in changed.content.decode()
    # the wall's key is no key to the facilitator's console
    console = Client().get(
        reverse("workshops:screen_sync", args=[workshop.pk, "facilitator"]),
        {"since": -1},
        HTTP_X_SCREEN_KEY=key,
    )
    assert console.status_code in (403, 404)


def test_revoking_the_wall_link_ends_the_page_and_its_updates(leader, workshop):
    token = open_wall_link(leader, workshop)
    key = sync_key(wall_by_link(token).content.decode())
    response = leader.post(
        reverse("workshops:wall_link_action", args=[workshop.pk]), {"action": "revoke"}, **HTMX
    )
    assert response.status_code == 200
    assert wall_by_link(token).status_code == 404
    assert wall_check(key, workshop, -1).status_code == 403
    # the revision the dead wall last saw: even "nothing new" is refused
    assert wall_check(key, workshop, workshop.revision).status_code == 403


def test_closing_the_workshop_ends_the_wall_link(leader, workshop):
    token = open_wall_link(leader, workshop)
    key = sync_key(wall_by_link(token).content.decode())
    live.set_status(workshop.pk, Workshop.Status.CLOSED)
    assert wall_by_link(token).status_code == 404
    # the projector already showing it gets the calm last screen, nothing of the session
    last = wall_check(key, workshop, -1)
    assert last.status_code == 410
    assert "Tak for i dag" in last.content.decode()
    assert workshop.join_code not in last.content.decode()
    # dead for good: reopening does not bring the old link back
    live.set_status(workshop.pk, Workshop.Status.LIVE)
    assert wall_by_link(token).status_code == 404
    assert wall_check(key, workshop, -1).status_code == 403


def test_a_closed_workshops_wall_link_is_refused_even_while_it_is_still_set(leader, workshop):
    """The page and its updates check the status themselves, not only the token."""
    token = open_wall_link(leader, workshop)
    key = sync_key(wall_by_link(token).content.decode())
    Workshop.objects.filter(pk=workshop.pk).update(status=Workshop.Status.CLOSED)
    assert wall_by_link(token).status_code == 404
    assert wall_check(key, workshop, -1).status_code == 410  # the thank-you, no session


def test_a_new_wall_link_ends_the_old_one(leader, workshop):
    old = open_wall_link(leader, workshop)
    old_key = sync_key(wall_by_link(old).content.decode())
    new = open_wall_link(leader, workshop)
    assert new != old
    assert wall_by_link(old).status_code == 404
    assert wall_check(old_key, workshop, -1).status_code == 403
    fresh = wall_by_link(new)
    assert fresh.status_code == 200
    assert wall_check(sync_key(fresh.content.decode()), workshop, -1).status_code == 200


# The timer that starts with its phase ------------------------------------------------------------


def test_a_phase_set_to_autostart_starts_its_timer_when_the_facilitator_goes_to_it(
    leader, workshop
):
    reflection = workshop.phases.get(tool="reflection")
    response = leader.post(
        reverse("workshops:autostart", args=[workshop.pk]),
        {"phase": reflection.pk, "timer_autostart": "on"},
        **HTMX,
    )
    assert response.status_code == 200
    before = timezone.now()
    leader.post(
        reverse("workshops:phase", args=[workshop.pk]),
        {"action": "goto", "phase": reflection.pk},
        **HTMX,
    )
    workshop.refresh_from_db()
    assert workshop.current_phase == reflection
    assert workshop.timer_ends_at is not None
    expected = before + timedelta(minutes=reflection.minutes)
    assert abs((workshop.timer_ends_at - expected).total_seconds()) < 5
    assert workshop.timer_remaining_seconds is None


def test_a_phase_without_autostart_starts_with_its_timer_paused(leader, workshop):
    presentation = workshop.phases.get(tool="presentation")
    assert not presentation.timer_autostart
    leader.post(
        reverse("workshops:phase", args=[workshop.pk]),
        {"action": "goto", "phase": presentation.pk},
        **HTMX,
    )
    workshop.refresh_from_db()
    assert workshop.current_phase == presentation
    assert workshop.timer_ends_at is None
    assert workshop.timer_remaining_seconds == presentation.minutes * 60


# Undoing a reveal ---------------------------------------------------------------------------------


def test_undoing_a_reveal_hides_the_last_pair_and_makes_it_editable_again(leader, workshop):
    phone = phone_joins(workshop, "Karen")
    go_to(workshop, "reflection")
    post_note(phone, workshop, text="Første gode", kind="good")
    post_note(phone, workshop, text="Første mindre gode", kind="change")
    post_note(phone, workshop, text="Anden gode", kind="good")
    post_note(phone, workshop, text="Anden mindre gode", kind="change")
    karen = Participant.objects.get(workshop=workshop)
    go_to(workshop, "presentation")
    live.reveal_next_pair(workshop.pk, karen.pk)
    live.reveal_next_pair(workshop.pk, karen.pk)
    last = list(Note.objects.filter(text__startswith="Anden"))
    change_url = reverse("participant:note_change", args=[workshop.join_token, last[0].pk])
    go_to(workshop, "reflection")  # where phones write: a presented post-it stays as it is
    refused = phone.post(
        change_url,
        {"action": "edit", "version": last[0].version, "text": "Rettet", "kind": "good"},
        **FETCH,
    )
    assert refused.status_code == 409
    go_to(workshop, "presentation")
    key = sync_key(page(leader, "workshops:wall", workshop))
    seen = Workshop.objects.get(pk=workshop.pk).revision

    response = leader.post(
        reverse("workshops:tool_action", args=[workshop.pk, "undo_reveal"]), **HTMX
    )

    assert response.status_code == 200
    assert Note.objects.filter(text__startswith="Anden", revealed_at__isnull=True).count() == 2
    assert Note.objects.filter(text__startswith="Første", revealed_at__isnull=False).count() == 2
    wall = wall_check(key, workshop, seen)
    assert wall.status_code == 200  # the wall moves
    assert "Anden gode" not in wall.content.decode()
    assert "Første gode" in wall.content.decode()
    go_to(workshop, "reflection")
    phone_html = phone_page(phone, workshop)
    for note in last:
        item = re.search(rf'<li[^>]*data-note-id="{note.pk}".*?</li>', phone_html, re.S).group(0)
        assert "ikke vist endnu" in item and "data-edit-note" in item
    edited = phone.post(
        change_url,
        {"action": "edit", "version": last[0].version, "text": "Rettet", "kind": "good"},
        **FETCH,
    )
    assert edited.status_code == 200
    assert Note.objects.get(pk=last[0].pk).text == "Rettet"
