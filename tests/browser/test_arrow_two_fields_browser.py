"""The note-taker fills two answers of the same question one after the other on a slow
connection: the first save is still on its way when the second field's timer fires. A plan's
answers share one version, so the console sends the second save only after the first has
come back — never a "changed elsewhere" conflict with the note-taker's own text, and the
console's region is not held behind it (the step the facilitator clicks next appears)."""

from playwright.sync_api import expect

from actionplans.models import ActionPlan

from .test_arrow_browser import arrow_room, console_page


def test_two_answers_typed_quickly_on_a_slow_line_are_both_saved_without_a_conflict(
    live_server,
    trio,
    new_page,
):
    workshop, noise, _tone = arrow_room(trio)
    console = console_page(new_page, live_server, workshop)
    held = []
    console.route("**/live/pil/svar/", lambda route: held.append(route))

    console.locator(f"#arrow-theme-{noise.pk}").click()
    console.locator("#arrow-step-2").click()
    expect(console.get_by_label("Det konkrete mål")).to_be_visible()
    console.get_by_label("Det konkrete mål").fill("Ro ved frokosten")
    console.wait_for_timeout(1200)  # its save has left and is held on the line
    console.get_by_label("Sådan kan vi se eller mærke det").fill("Færre spiser i bilen")
    console.wait_for_timeout(1200)  # the second field's timer has fired meanwhile

    # Let the line through, one request at a time, until nothing more is sent.
    for _ in range(10):
        if not held:
            console.wait_for_timeout(600)
            if not held:
                break
        held.pop(0).continue_()
        console.wait_for_timeout(300)

    expect(console.locator("[data-answer-conflict]:visible")).to_have_count(0)
    states = console.locator("[data-answer-state]")
    expect(states.nth(0)).to_contain_text("Gemt")
    expect(states.nth(1)).to_contain_text("Gemt")
    plan = ActionPlan.objects.get(theme=noise)
    assert (plan.goal, plan.success_signs) == ("Ro ved frokosten", "Færre spiser i bilen")

    # The region is not held: the next question appears when the facilitator clicks it.
    console.locator("#arrow-step-4").click()
    expect(console.locator("#add-activity")).to_be_visible()
