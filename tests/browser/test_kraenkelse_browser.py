"""Issue 18, items 1, 2 and 8 in a real browser: a krænkelse theme is on the arrow whatever
the vote says and every refusal offers the one-click way on; an Organisation activity agreed
in the room reaches MED at once; a phone votes by keyboard and hears what is left, and shows
a mark from the mark's own answer; an older answer never puts the console back."""

import uuid

from playwright.sync_api import expect

from actionplans.models import RaisedItem
from workshops import live
from workshops.live import vote as votes
from workshops.models import Note, Theme

from .. import factory
from .conftest import log_in
from .test_live_room_browser import open_wall
from .test_vote_browser import TITLES, join

HARASSED = "Tonen ved vagtskifte"


def kraenkelse_room(unit, people=11):
    """Seven themes sorted into «Forandre» and one carrying the trio's krænkelse post-it,
    shown on the wall in the presentation; eleven others in the room."""
    workshop = factory.live_workshop(unit, title="Trivselsdialog 2026")
    others = [live.join(workshop, display_name=f"Kollega {i + 1}") for i in range(people)]
    themes = [
        Theme.objects.create(workshop=workshop, title=title, order=i, column="change")
        for i, title in enumerate(TITLES, start=1)
    ]
    harassed = Theme.objects.create(
        workshop=workshop, title=HARASSED, order=len(TITLES) + 1, column="change"
    )
    pink = factory.pink_note(workshop, "Krænkende tone ved vagtskifte", harassment=True)
    live.set_phase(workshop.pk, workshop.phases.get(tool="presentation"))
    live.reveal_pink(workshop.pk)
    Note.objects.filter(pk=pink.pk).update(theme=harassed)
    return workshop, others, themes, harassed


def console_page(new_page, live_server, workshop):
    page = new_page("laptop")
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, live_server, "leder", factory.PASSWORD)
    page.goto(f"{live_server.url}/workshops/{workshop.pk}/live/")
    return page


def test_a_krænkelse_theme_goes_on_to_the_arrow_whatever_the_vote_says(
    live_server,
    trio,  # noqa: F811 - the fixture
    new_page,
    screenshot,
):
    workshop, others, themes, harassed = kraenkelse_room(trio)
    factory.user("med", role="med", unit=trio.parent)
    live.set_phase(workshop.pk, workshop.phases.get(tool="vote"))
    console = console_page(new_page, live_server, workshop)
    wall = open_wall(new_page, live_server, workshop)
    phone = new_page("phone")
    join(phone, live_server, workshop.join_code, "Karen")

    # The console does not offer it for the ballot, and says why.
    expect(console.locator("#vote-new-besides")).to_contain_text(HARASSED)
    expect(console.locator(f'input[name=themes][value="{harassed.pk}"]')).to_have_count(0)
    console.locator("#vote-open").click()
    expect(wall.locator(".vote-wall__big")).to_contain_text("0 af 12 har stemt")
    expect(wall.locator(".vote-wall__themes li")).to_have_count(len(TITLES))
    expect(wall.locator("#region-wall")).not_to_contain_text(HARASSED)

    # The phone: calmly told it is chosen already, no button for it.
    expect(phone.locator("#vote-besides-phone")).to_contain_text(f"»{HARASSED}«")
    expect(phone.locator(f"#vote-add-{harassed.pk}")).to_have_count(0)
    phone.locator(".vote-ballot").scroll_into_view_if_needed()
    screenshot(phone, "kraenkelse-vote-phone")

    # Everybody votes; the top three are counted besides it.
    phone.get_by_role("button", name=f"Sæt streg på »{TITLES[0]}«").click()
    expect(phone.locator("#vote-left")).to_have_text("Du har 1 streg tilbage")
    for i, person in enumerate(others):
        for place in ((0, 1), (0, 2), (1, 3))[i % 3]:
            votes.add_mark(person, themes[place].pk, uuid.uuid4())
    console.locator("#vote-close").click()
    expect(wall.locator(".vote-result__row")).to_have_count(len(TITLES))
    expect(wall.locator("#region-wall")).not_to_contain_text(HARASSED)  # no "0 streger" for it
    expect(console.locator("#vote-besides")).to_contain_text(HARASSED)
    console.locator("#vote-apply").click()
    expect(wall.locator(".vote-result__row.is-chosen")).to_have_count(3)
    screenshot(wall, "kraenkelse-vote-result-projector")
    screenshot(console, "kraenkelse-vote-applied-laptop")
    assert Theme.objects.get(pk=harassed.pk).column == "change"

    # On the arrow: the three and the krænkelse theme.
    console.locator("#phase-next").click()
    expect(console.locator(f"#arrow-theme-{harassed.pk}")).to_be_visible()
    expect(console.locator("[id^=arrow-theme-]")).to_have_count(4)

    # Item 2: an Organisation activity agreed in the room reaches MED at once.
    console.locator(f"#arrow-theme-{harassed.pk}").click()
    console.locator("#arrow-step-4").click()
    form = console.locator("#add-activity")
    form.get_by_label("Hvad skal der gøres?").fill("Fælles retningslinje for tonen")
    form.locator("input[name=level][value=organisation]").check()
    form.get_by_label("Tovholder").fill("Mette Holm")
    form.get_by_label("Deadline").fill("2027-03-01")
    form.get_by_role("button", name="Tilføj aktivitet").click()
    expect(console.locator(".arrow-editor .arrow-activity__what")).to_contain_text(
        "Fælles retningslinje for tonen"
    )
    assert RaisedItem.objects.filter(title="Fælles retningslinje for tonen").exists()
    med = new_page("laptop")
    log_in(med, live_server, "med", factory.PASSWORD)
    med.goto(f"{live_server.url}/handleplaner/loeftet-videre/")
    expect(med.locator("main")).to_contain_text("Fælles retningslinje for tonen")


def test_parking_and_closing_are_refused_with_the_way_on(
    live_server,
    trio,  # noqa: F811 - the fixture
    new_page,
    screenshot,
):
    workshop, _others, _themes, harassed = kraenkelse_room(trio, people=2)
    Theme.objects.filter(pk=harassed.pk).update(column="")
    live.set_phase(workshop.pk, workshop.phases.get(tool="sorting"))
    console = console_page(new_page, live_server, workshop)

    # Sorting: the P-plads is refused by name; the way on is one key press away.
    # (its P-plads button says it cannot be parked; pressed anyway, by keyboard)
    console.locator(f"#sort-{harassed.pk}-parking").focus()
    console.keyboard.press("Enter")
    toast = console.locator("[data-toast]")
    expect(toast).to_contain_text(f"»{HARASSED}« kan ikke parkeres")
    way_on = toast.get_by_role("button", name=f"Sæt »{HARASSED}« i »Forandre«")
    expect(way_on).to_be_focused()
    screenshot(console, "kraenkelse-parking-refused-laptop")
    console.keyboard.press("Enter")
    expect(console.locator(f"#sort-{harassed.pk}-change")).to_have_attribute("aria-pressed", "true")

    # Closing: refused by name; one click takes the room to its activities on the arrow.
    live.set_phase(workshop.pk, workshop.phases.get(tool="closing"))
    expect(console.locator("#closing-refusal")).to_contain_text(HARASSED)
    console.locator("#closing-close").click()
    expect(toast).to_contain_text("Krænkelser kræver altid handling")
    toast.get_by_role("button", name=f"Tag »{HARASSED}« op på pilen").click()
    expect(console.locator(".arrow-editor__theme")).to_have_text(HARASSED)
    expect(console.locator("#add-activity")).to_be_visible()


def test_a_phone_votes_by_keyboard_and_hears_what_is_left(
    live_server,
    trio,  # noqa: F811 - the fixture
    new_page,
    screenshot,
):
    workshop, _others, themes, harassed = kraenkelse_room(trio, people=2)
    live.set_phase(workshop.pk, workshop.phases.get(tool="vote"))
    votes.open_new_vote(workshop.pk, [t.pk for t in themes])
    phone = new_page("phone")
    join(phone, live_server, workshop.join_code, "Karen")
    announced = phone.locator("[data-phone-announce]")
    expect(phone.locator("#vote-left")).to_have_text("Du har 2 streger tilbage")

    # From here on the polls say "nothing new": what the phone shows comes from the mark's
    # own answer (which holds the new ballot), not from asking again.
    polls = []

    def nothing_new(route):
        polls.append(route.request.url)
        route.fulfill(status=204)

    phone.route("**/sync/**", nothing_new)
    first, second = themes[0], themes[3]
    phone.locator(f"#vote-add-{first.pk}").focus()
    phone.keyboard.press("Enter")
    # focus stays with the theme: its "Fjern streg" took the place of "Sæt streg"
    expect(phone.locator(f"#vote-remove-{first.pk}")).to_be_focused()
    expect(announced).to_have_text("Du har 1 streg tilbage")
    expect(phone.locator(".vote-ballot__theme.is-marked")).to_have_count(1)

    phone.locator(f"#vote-add-{second.pk}").focus()
    phone.keyboard.press("Enter")
    expect(phone.locator(f"#vote-remove-{second.pk}")).to_be_focused()
    expect(announced).to_have_text("Du har 0 streger tilbage")
    screenshot(phone, "vote-phone-keyboard")

    phone.keyboard.press("Enter")  # take it back again
    expect(phone.locator(f"#vote-add-{second.pk}")).to_be_focused()
    expect(announced).to_have_text("Du har 1 streg tilbage")

    # A phase change is said in the same live region.
    phone.unroute("**/sync/**")
    live.set_phase(workshop.pk, workshop.phases.get(tool="arrow"))
    expect(announced).to_contain_text("Ny fase: Hvad skal vi gøre? (pilen).")


def test_an_older_answer_never_puts_the_console_back(
    live_server,
    trio,  # noqa: F811 - the fixture
    new_page,
):
    """A poll under way while the console closed the vote: its answer (rendered before the
    close) comes in after the close's own answer, and is dropped."""
    workshop, _others, themes, _harassed = kraenkelse_room(trio, people=2)
    live.set_phase(workshop.pk, workshop.phases.get(tool="vote"))
    votes.open_new_vote(workshop.pk, [t.pk for t in themes])
    console = console_page(new_page, live_server, workshop)
    expect(console.locator("#vote-close")).to_be_visible()
    before = console.evaluate(
        """async () => {
          const root = document.querySelector('[data-live]');
          const answer = await fetch(root.dataset.syncUrl + '?since=0',
            { headers: { 'X-Screen-Key': root.dataset.screenKey } });
          return answer.text();
        }"""
    )
    assert 'id="vote-close"' in before
    console.locator("#vote-close").click()
    expect(console.locator("#vote-apply")).to_be_visible()
    console.evaluate("(html) => window.trivselLive.applyRegions(html)", before)
    expect(console.locator("#vote-apply")).to_be_visible()
    expect(console.locator("#vote-close")).to_have_count(0)
