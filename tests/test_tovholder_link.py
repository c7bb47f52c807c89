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
