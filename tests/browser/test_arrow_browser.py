"""The arrow and the closing in a real browser: from a chosen theme down the five questions
with the wall and the console in step (text typed on the console appears on the wall), a
refresh that loses nothing, a second laptop's stale save shown as a conflict, a phone's
suggestion taken into the answer, a plan with three activities at different IGLO levels;
then the closing, refused while the krænkelse theme has no plan, with the evaluation
answered on two phones. Screenshots of the wall at 1920×1080 (long answers), the console at
1366×768 and a phone at 390×844."""

from playwright.sync_api import expect

from actionplans.models import ActionPlan
from workshops import live
from workshops.models import ClosingAnswer, Note, Theme, Workshop

from .. import factory
from .conftest import log_in
from .test_live_room_browser import open_wall, smallest_text_px
from .test_vote_browser import outside_the_screen

FLOOR_PX = 20
LONG = (
    "Vi vil have ro til at tale sammen ved frokosten, så pausen bliver en rigtig pause. "
    "I dag larmer opvaskemaskinen, stolene skraber, og der er ingen lydabsorbenter i loftet, "
    "så man må råbe for at blive hørt. Mange går ud og spiser alene i bilen. "
)


def arrow_room(unit):
    workshop = factory.live_workshop(
        unit, title="Trivselsdialog 2026", expectations="At vi går hjem med 3–5 konkrete aftaler."
    )
    pink = factory.pink_note(workshop, "Krænkende tone på vagtskift", harassment=True)
    live.set_phase(workshop.pk, workshop.phases.get(tool="presentation"))
    live.reveal_pink(workshop.pk)
    noise = Theme.objects.create(
        workshop=workshop, title="Støj i frokoststuen", order=1, chosen=True
    )
    tone = Theme.objects.create(workshop=workshop, title="Tonen på vagtskift", order=2, chosen=True)
    Note.objects.filter(pk=pink.pk).update(theme=tone)
    live.set_phase(workshop.pk, workshop.phases.get(tool="arrow"))
    return workshop, noise, tone


def join(page, live_server, code, name, heading):
    page.goto(f"{live_server.url}/d/")
    page.get_by_label("Kode").fill(code.lower())
    page.get_by_role("button", name="Deltag").click()
    page.get_by_label("Dit navn (valgfrit)").fill(name)
    page.get_by_role("button", name="Deltag").click()
    expect(page.get_by_role("heading", name=heading)).to_be_visible()


def console_page(new_page, live_server, workshop):
    page = new_page("laptop")
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, live_server, "leder", factory.PASSWORD)
    page.goto(f"{live_server.url}/workshops/{workshop.pk}/live/")
    return page


def add_activity(console, what, level, tovholder, deadline):
    form = console.locator("#add-activity")
    form.get_by_label("Hvad skal der gøres?").fill(what)
    form.locator(f"input[name=level][value={level}]").check()
    form.get_by_label("Tovholder").fill(tovholder)
    form.get_by_label("Deadline").fill(deadline)
    form.get_by_role("button", name="Tilføj aktivitet").click()
    expect(console.locator(".arrow-editor .arrow-activity__what", has_text=what)).to_be_visible()


def test_from_a_chosen_theme_down_the_arrow_to_a_plan_and_the_closing(
    live_server,
    trio,  # noqa: F811 - the fixture
    new_page,
    screenshot,
):
    workshop, noise, tone = arrow_room(trio)
    console = console_page(new_page, live_server, workshop)
    wall = open_wall(new_page, live_server, workshop)
    phones = [new_page("phone"), new_page("phone")]
    for phone, name in zip(phones, ("Karen", "Ali"), strict=True):
        join(phone, live_server, workshop.join_code, name, "Hvad skal vi gøre? (pilen)")

    # The facilitator takes up the first theme: wall, console and phones at question 1.
    console.locator(f"#arrow-theme-{noise.pk}").click()
    expect(wall.locator(".arrow-wall__question")).to_have_text("1. Hvad ønsker vi at forandre?")
    expect(phones[0].locator(".phone__question")).to_contain_text("Hvad ønsker vi at forandre?")

    # The note-taker types; the wall shows it without anyone touching it.
    console.get_by_label("Hvad vil vi forandre?").press_sequentially("Mindre støj ved frokosten")
    expect(wall.locator(".arrow-answers")).to_contain_text("Mindre støj ved frokosten")
    expect(console.locator("[data-answer-state]").first).to_contain_text("Gemt")

    # Typed, then the page reloaded before the save: nothing is lost.
    console.get_by_label("Hvorfor er det vigtigt?").fill(LONG * 2)
    console.reload()
    expect(console.get_by_label("Hvorfor er det vigtigt?")).to_have_value(LONG * 2)
    expect(wall.locator(".arrow-answers")).to_contain_text("rigtig pause")
    plan = ActionPlan.objects.get(theme=noise)
    assert plan.why == LONG * 2

    # A phone sends a suggestion; the note-taker takes it into the answer.
    phones[0].get_by_label("Dit forslag til referenten").fill("Lydabsorbenter i loftet")
    phones[0].get_by_role("button", name="Send forslag").click()
    expect(phones[0].locator("[data-toast]")).to_contain_text("sendt til referenten")
    expect(phones[0].get_by_label("Dit forslag til referenten")).to_have_value("")
    console.get_by_role("button", name="Tag med i svaret").click()
    expect(console.get_by_label("Hvad vil vi forandre?")).to_have_value(
        "Mindre støj ved frokosten\nLydabsorbenter i loftet"
    )
    expect(wall.locator(".arrow-answers")).to_contain_text("Lydabsorbenter i loftet")
    screenshot(phones[0], "arrow-phone")

    # A second laptop typing in the same answer on an old version gets a conflict.
    second = console_page(new_page, live_server, workshop)
    second.get_by_label("Hvorfor er det vigtigt?").click()  # its region is held from now on
    console.get_by_label("Hvorfor er det vigtigt?").fill("Ro i pausen")
    expect(wall.locator(".arrow-answers")).to_contain_text("Ro i pausen")
    second.get_by_label("Hvorfor er det vigtigt?").press_sequentially(" og mere")
    conflict = second.locator("form:has(#answer-why) [data-answer-conflict]")
    expect(conflict).to_contain_text("ændret et andet sted")
    expect(conflict.locator(".arrow-answer__fresh")).to_have_text("Ro i pausen")
    conflict.get_by_role("button", name="Brug den gemte tekst").click()
    expect(second.get_by_label("Hvorfor er det vigtigt?")).to_have_value("Ro i pausen")
    plan.refresh_from_db()
    assert plan.why == "Ro i pausen"
    second.close()

    # Questions 2 and 3, long answers: the wall still fits the projector.
    console.locator("#arrow-next").click()
    expect(wall.locator(".arrow-wall__question")).to_contain_text("2. Hvad vil vi opnå?")
    console.get_by_label("Det konkrete mål").fill(LONG * 3)
    console.get_by_label("Sådan kan vi se eller mærke det").fill(LONG * 3)
    expect(wall.locator(".arrow-answers")).to_contain_text("Mange går ud", timeout=10_000)
    wall.wait_for_timeout(600)
    assert outside_the_screen(wall, ".arrow-answers__item, .arrow-steps__step") == []
    assert smallest_text_px(wall, ".arrow-answers__text") >= FLOOR_PX
    screenshot(wall, "arrow-wall-long-answers")

    # Question 4: three activities at different IGLO levels.
    console.locator("#arrow-step-4").click()
    expect(wall.locator(".arrow-wall__question")).to_contain_text("4. Hvilke indsatser")
    add_activity(console, "Lydabsorbenter i loftet", "ledelse", "Lise", "2026-06-30")
    add_activity(console, "Opvask efter frokost", "gruppe", "Mette Holm", "2026-05-15")
    add_activity(console, "Sig til, når det larmer", "individ", "Ali", "2026-04-30")
    expect(wall.locator(".arrow-activity")).to_have_count(3)
    screenshot(console, "arrow-console")
    levels = sorted(plan.activities.values_list("level", flat=True))
    assert levels == ["gruppe", "individ", "ledelse"]

    # "Sæt i gang": the whole plan on the wall.
    console.locator("#arrow-step-6").click()
    expect(wall.locator(".arrow-steps__go")).to_have_class(
        "arrow-steps__step arrow-steps__go is-current"
    )
    wall.wait_for_timeout(600)
    assert outside_the_screen(wall, ".arrow-answers__item, .arrow-activity") == []
    assert smallest_text_px(wall, ".arrow-answers__text, .arrow-activity__what") >= FLOOR_PX
    screenshot(wall, "arrow-wall-saet-i-gang")

    # Closing is refused while the krænkelse theme has no plan, and says why.
    console.locator("#phase-next").click()
    expect(console.locator("#closing-refusal")).to_contain_text("Tonen på vagtskift")
    console.locator("#closing-close").click()
    expect(console.locator("[data-toast]")).to_contain_text("Krænkelser kræver altid handling")
    assert Workshop.objects.get(pk=workshop.pk).status == Workshop.Status.LIVE

    # The refusal's one click: back on the arrow, the krænkelse theme at its activities.
    console.locator("[data-toast]").get_by_role(
        "button", name="Tag »Tonen på vagtskift« op på pilen"
    ).click()
    expect(console.locator(".arrow-editor__theme")).to_have_text("Tonen på vagtskift")
    expect(console.locator("#add-activity")).to_be_visible()
    add_activity(console, "Fælles aftale om tonen", "gruppe", "Mette Holm", "2026-05-01")
    console.locator("#phase-next").click()
    expect(console.locator("#closing-close")).to_be_visible()
    expect(console.locator("#closing-refusal")).to_have_count(0)

    # The closing: the expectations on the wall, two phones answer, the trio reads it.
    expect(wall.locator(".closing-wall__expectations")).to_contain_text("3–5 konkrete aftaler")
    answers = [("Vi blev hørt", "Mere tid til pilen"), ("Gode aftaler", "")]
    for phone, (good, adjust) in zip(phones, answers, strict=True):
        phone.get_by_label("Hvad har været særligt godt?").fill(good)
        phone.get_by_label("Er der noget, vi skal justere næste gang?").fill(adjust)
        phone.get_by_role("button", name="Send svar").click()
        expect(phone.locator("#closing-saved")).to_be_visible()
    expect(wall.locator(".closing-wall__count")).to_contain_text("2 har svaret")
    expect(console.locator(".closing-summary")).to_contain_text("Vi blev hørt")
    expect(console.locator(".closing-summary")).to_contain_text("Mere tid til pilen")
    screenshot(wall, "closing-wall")
    screenshot(phones[1], "closing-phone")
    console.locator("#closing-close").click()
    expect(console.locator(".closing-console")).to_contain_text("Workshoppen er afsluttet")
    assert Workshop.objects.get(pk=workshop.pk).status == Workshop.Status.CLOSED
    assert ClosingAnswer.objects.filter(workshop=workshop).count() == 2
