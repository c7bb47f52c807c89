"""A tovholder without an account follows their own activities through a personal link:
made, rotated and closed by the trio, shown as a QR and sent by e-mail."""

import pytest
from django.core import mail
from django.urls import reverse

from actionplans.models import Stage
from tests import factory


@pytest.fixture
def held(world):
    plan = factory.action_plan(world.unit)
    holder = factory.tovholder_with_link(world.unit, email="mette@example.dk")
    activity = factory.activity(plan, what="Lydabsorbenter", tovholder=holder)
    return holder, activity


def page(holder):
    return reverse("tovholder_page", args=[holder.token])


def move(client, holder, activity, stage, comment=""):
    return client.post(
        reverse("tovholder_stage", args=[holder.token, activity.pk]),
        {f"a{activity.pk}-stage": stage, f"a{activity.pk}-comment": comment},
    )


def test_the_link_is_long_and_unguessable(held):
    holder, _ = held
    assert len(holder.token) >= 43


def test_the_tovholder_moves_the_arrow_on_their_phone_without_login(client, held):
    holder, activity = held
    html = client.get(page(holder)).content.decode()
    assert "Hej Mette Holm" in html and "Lydabsorbenter" in html
    assert move(client, holder, activity, "under_way", "Bestilt").status_code == 302
    activity.refresh_from_db()
    assert activity.stage == Stage.UNDER_WAY
    update = activity.updates.get()
    assert (update.by_name, update.by_user, update.comment) == ("Mette Holm", None, "Bestilt")


def test_the_page_shows_only_the_tovholders_own_activities(client, world, held):
    holder, activity = held
    other = factory.activity(activity.plan, what="Andens aktivitet", tovholder=None)
    assert "Andens aktivitet" not in client.get(page(holder)).content.decode()
    assert move(client, holder, other, "done").status_code == 404
    other.refresh_from_db()
    assert other.stage == Stage.NOT_STARTED


def test_another_tovholders_activity_is_refused(client, world, held):
    holder, _ = held
    colleague = factory.tovholder_with_link(world.unit, name="Karl Berg")
    theirs = factory.activity(factory.action_plan(world.unit), tovholder=colleague)
    assert move(client, holder, theirs, "done").status_code == 404


def test_dropping_needs_a_reason_and_the_typed_comment_is_kept(client, held):
    holder, activity = held
    response = move(client, holder, activity, "dropped")
    assert response.status_code == 400
    assert "Skriv en begrundelse" in response.content.decode()
    activity.refresh_from_db()
    assert activity.stage == Stage.NOT_STARTED


def test_a_rotated_link_stops_working_at_once(client, world, held):
    holder, activity = held
    old = holder.token
    client.force_login(world.leader)
    client.post(reverse("actionplans:tovholder_link", args=[world.unit.pk, holder.pk]))
    holder.refresh_from_db()
    assert holder.token != old
    client.logout()
    assert client.get(reverse("tovholder_page", args=[old])).status_code == 404
    old_post = client.post(reverse("tovholder_stage", args=[old, activity.pk]))
    assert old_post.status_code == 404
    assert client.get(page(holder)).status_code == 200


def test_a_closed_link_is_asked_about_first_then_dead(client, world, held):
    holder, _ = held
    old = holder.token
    client.force_login(world.leader)
    revoke = reverse("actionplans:tovholder_revoke", args=[world.unit.pk, holder.pk])
    assert "Vil du lukke" in client.get(revoke).content.decode()
    client.post(revoke)
    holder.refresh_from_db()
    assert holder.token is None
    assert client.get(reverse("tovholder_page", args=[old])).status_code == 404
    qr = reverse("actionplans:tovholder_qr", args=[world.unit.pk, holder.pk])
    assert client.get(qr).status_code == 410


def test_the_link_is_a_qr_code_and_is_sent_by_e_mail(client, world, held):
    holder, _ = held
    client.force_login(world.leader)
    qr = client.get(reverse("actionplans:tovholder_qr", args=[world.unit.pk, holder.pk]))
    assert qr["Content-Type"] == "image/svg+xml"
    client.post(reverse("actionplans:tovholder_send", args=[world.unit.pk, holder.pk]))
    [sent] = mail.outbox
    assert sent.to == ["mette@example.dk"] and holder.token in sent.body
    assert "Mette Holm" in sent.body


def test_no_e_mail_is_sent_without_an_address(client, world):
    holder = factory.tovholder_with_link(world.unit, name="Uden Mail")
    client.force_login(world.leader)
    client.post(reverse("actionplans:tovholder_send", args=[world.unit.pk, holder.pk]))
    assert mail.outbox == []


def test_med_and_another_unit_cannot_make_links(client, world, held):
    holder, _ = held
    rotate = reverse("actionplans:tovholder_link", args=[world.unit.pk, holder.pk])
    client.force_login(world.med)
    assert client.post(rotate).status_code == 403
    client.force_login(world.other_leader)
    assert client.post(rotate).status_code == 404
    other_unit = reverse("actionplans:tovholder_link", args=[world.other_unit.pk, holder.pk])
    client.force_login(world.leader)
    assert client.post(other_unit).status_code == 404  # the tovholder is not of that unit


def test_a_token_that_is_not_token_shaped_is_a_404_before_the_database(client, db):
    assert client.get("/t/%00abc/").status_code == 404


# --- a link lives as long as the person's access (issue 19, item 1) ---------------------------


@pytest.fixture
def member_held(world):
    """The TR picked from the unit's members as tovholder, with a live link and an e-mail."""
    from actionplans.editing import tovholder_for
    from actionplans.links import rotate_tovholder_link

    world.tr.email = "tr@example.dk"
    world.tr.save()
    holder = rotate_tovholder_link(tovholder_for(world.unit, user=world.tr))
    activity = factory.activity(
        factory.action_plan(world.unit), what="Ny vagtplan", tovholder=holder
    )
    return holder, activity


def leaves_the_unit(person, unit):
    from units.models import Membership

    Membership.objects.filter(user=person, unit=unit).delete()


def deactivate(person):
    person.is_active = False
    person.save()


def test_a_removed_and_deactivated_members_link_stops_opening_and_moving(
    client, world, member_held
):
    holder, activity = member_held
    assert client.get(page(holder)).status_code == 200
    leaves_the_unit(world.tr, world.unit)
    deactivate(world.tr)

    assert client.get(page(holder)).status_code == 404
    assert move(client, holder, activity, "dropped", "Jeg er stoppet").status_code == 404
    activity.refresh_from_db()
    assert activity.stage == Stage.NOT_STARTED and not activity.updates.exists()


@pytest.mark.parametrize("ending", ["membership removed", "account deactivated", "account deleted"])
def test_a_members_link_ends_with_the_membership_or_the_account(client, world, member_held, ending):
    holder, _ = member_held
    if ending == "membership removed":
        leaves_the_unit(world.tr, world.unit)
    elif ending == "account deactivated":
        deactivate(world.tr)
    else:
        world.tr.delete()  # the tovholder stays (user set to None), the link does not
    assert client.get(page(holder)).status_code == 404


def test_a_free_text_tovholders_link_ends_when_nothing_of_theirs_is_open(client, world, held):
    holder, activity = held
    dropped = factory.activity(activity.plan, tovholder=holder, stage=Stage.DROPPED)
    assert client.get(page(holder)).status_code == 200
    activity.stage = Stage.DONE
    activity.save()
    assert client.get(page(holder)).status_code == 404
    assert move(client, holder, dropped, "under_way").status_code == 404

    factory.activity(activity.plan, what="Ny opgave", tovholder=holder)  # given a new task
    assert client.get(page(holder)).status_code == 200


def test_the_trio_sees_which_links_work_and_why_the_others_ended(client, world, held, member_held):
    free, _ = held
    member, _ = member_held
    done_holder = factory.tovholder_with_link(world.unit, name="Karl Berg")
    factory.activity(factory.action_plan(world.unit), tovholder=done_holder, stage=Stage.DONE)
    leaves_the_unit(world.tr, world.unit)
    client.force_login(world.leader)
    html = client.get(reverse("actionplans:tovholder_list", args=[world.unit.pk])).content.decode()

    def card(holder):
        start = html.index(f'id="tovholder-{holder.pk}"')
        return html[start : html.index("</li>\n", html.index('class="tovholder__email"', start))]

    assert "Virker" in card(free) and free.token in card(free)
    assert "Virker ikke længere" in card(member) and member.token not in card(member)
    assert "ikke længere medlem af enheden" in card(member)
    assert "Virker ikke længere" in card(done_holder) and "ingen åbne aktiviteter" in card(
        done_holder
    )


def test_an_ended_link_is_neither_sent_nor_remade_nor_shown_as_a_qr(client, world, member_held):
    holder, _ = member_held
    deactivate(world.tr)
    client.force_login(world.leader)
    args = [world.unit.pk, holder.pk]
    client.post(reverse("actionplans:tovholder_send", args=args))
    assert mail.outbox == []
    old = holder.token
    client.post(reverse("actionplans:tovholder_link", args=args))
    holder.refresh_from_db()
    assert holder.token == old
    assert client.get(reverse("actionplans:tovholder_qr", args=args)).status_code == 410


def unused_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_when_the_mail_server_cannot_be_reached_the_trio_is_told_and_the_link_stays(
    client, world, held, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", unused_port()
    settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = False, 2
    holder, _ = held
    token = holder.token
    client.force_login(world.leader)
    send = reverse("actionplans:tovholder_send", args=[world.unit.pk, holder.pk])
    response = client.post(send, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mailen kunne ikke sendes, fordi mailserveren ikke svarer" in html
    assert "Linket er sendt" not in html
    holder.refresh_from_db()
    assert holder.token == token
    assert client.get(reverse("tovholder_page", args=[token])).status_code == 200


def test_the_thank_you_names_the_activity_without_cutting_a_word(client, world):
    plan = factory.action_plan(world.unit)
    holder = factory.tovholder_with_link(world.unit)
    what = "Vi aftaler faste pauser i ydertimerne, så der også bliver roligt at tale om dagen"
    activity = factory.activity(plan, what=what, tovholder=holder)
    response = move(client, holder, activity, "under_way")
    html = client.get(response["Location"]).content.decode()
    assert "Tak! “Vi aftaler faste pauser i ydertimerne, så der også bliver…” står" in html
    assert "bliver ro”" not in html  # not "roligt" cut after two letters
