"""A group's post-it sent on a bad line: the server took it, but its answer never reached the
phone. The person presses "Sæt op på gruppens tavle" again, as anyone would; the phone sends
the same post-it (its client key), so the group's board has it once, never twice."""

from playwright.sync_api import expect

from tests.group_helpers import TOPICS, nyborg_workshop
from workshops import live
from workshops.models import Note, Participant

from .test_group_day_browser import phase, seat


def test_a_group_post_it_sent_again_after_a_lost_answer_is_on_the_board_once(
    live_server,
    trio,  # noqa: F811 - the fixture
    new_page,
):
    workshop = nyborg_workshop(trio, title="Udviklingsdialog 2026", topics=TOPICS)
    others = [live.join(workshop, display_name=f"Kollega {i + 1}") for i in range(2)]
    live.set_phase(workshop.pk, phase(workshop, "group_examples", 1))
    phone = new_page("phone")
    phone.goto(f"{live_server.url}/d/")
    phone.get_by_label("Kode").fill(workshop.join_code.lower())
    phone.get_by_role("button", name="Deltag").click()
    phone.get_by_label("Dit navn (valgfrit)").fill("Karen")
    phone.get_by_role("button", name="Deltag").click()
    karen = Participant.objects.get(workshop=workshop, display_name="Karen")
    seat(workshop, 1, [[karen, *others]])
    phone.reload()
    expect(phone.locator("#my-group")).to_have_text("Du sidder i Gruppe 1")

    lost = []

    def lose_the_answer(route):
        if not lost:
            lost.append(route.fetch())  # the server takes the post-it …
            route.abort()  # … and its answer is lost on the way back
        else:
            route.continue_()

    phone.route("**/handling/skriv/", lose_the_answer)
    composer = phone.locator(".group-composer")
    composer.get_by_label("Ønsket handling").check()
    composer.get_by_label("Én pointe eller handling pr. post-it").fill("Et fast fredagsmøde")
    composer.get_by_role("button", name="Sæt op på gruppens tavle").click()
    expect(phone.locator("[data-toast]")).to_contain_text("forbindelse")
    assert lost and lost[0].status == 200
    assert Note.objects.filter(text="Et fast fredagsmøde").count() == 1

    composer.get_by_role("button", name="Sæt op på gruppens tavle").click()  # pressed again
    expect(phone.locator(".group-phone-board")).to_contain_text("Et fast fredagsmøde")
    phone.wait_for_timeout(2000)  # a kept retry (data-retry-offline) would come now
    assert Note.objects.filter(text="Et fast fredagsmøde").count() == 1
    expect(phone.locator(".group-phone-board")).to_contain_text("(1)")

    # the next post-it is a new one (the key is spent once the server has answered)
    composer.get_by_label("Én pointe eller handling pr. post-it").fill("Makkerordning")
    composer.get_by_role("button", name="Sæt op på gruppens tavle").click()
    expect(phone.locator(".group-phone-board")).to_contain_text("Makkerordning")
    assert Note.objects.filter(workshop=workshop).count() == 2
