"""Nyborg's TalSammen day with the whole room in real browsers (seed 004): twelve phones at
390×844 join by the code as a person does, the leader forms round 1's tables on the console
(1366×768) and moves the day on from there, the wall (1920×1080) follows. Round 1: every phone
writes to its own group's board and sees no other group's post-its; the wall shows no post-it
text while the groups write and sort; one phone per group puts up a heading, moves a post-it
under it and marks the 2 + 2, and another phone of the group sees it without a reload; the
plenum steps through each group's 2 + 2 on the wall. The break forms round 2's new tables on
the console; round 2 the same, shorter; then the closing. Screenshots in test-artifacts/."""

from playwright.sync_api import expect

from tests.group_helpers import TOPICS, nyborg_workshop
from workshops.models import GroupMember, Note, Participant

from .. import factory
from .conftest import log_in
from .test_live_room_browser import open_wall

NAMES = [
    "Karen", "Ali", "Bente", "Dennis", "Eva", "Frank", "Gitte", "Hans", "Ida", "Jens",
    "Lars", "Mona",
]  # fmt: skip
LABELS = {"point": "Vigtig pointe", "action": "Ønsket handling"}
SLOW = 15_000  # the phones ask every ~1.5 s, the console every 3 s; 14 pages share one server


def join(page, live_server, workshop, name):
    page.goto(f"{live_server.url}/d/")
    page.get_by_label("Kode").fill(workshop.join_code.lower())
    page.get_by_role("button", name="Deltag").click()
    page.get_by_label("Dit navn").fill(name)
    page.get_by_role("button", name="Deltag").click()
    expect(page.get_by_label("Dit navn")).to_have_count(0)  # in the room


def tables(workshop, round_number) -> dict[int, list[str]]:
    """Group number → the names at that table, as the database seated them."""
    seated: dict[int, list[str]] = {}
    for member in (
        GroupMember.objects.filter(group__workshop=workshop, round_number=round_number)
        .select_related("group", "participant")
        .order_by("group__number", "pk")
    ):
        seated.setdefault(member.group.number, []).append(member.participant.display_name)
    return seated


def next_phase(console, name):
    console.locator("#phase-next").click()
    expect(console.locator("#phase-heading")).to_have_text(name, timeout=SLOW)


def write(phone, kind, text):
    phone.locator(".group-composer").get_by_label(LABELS[kind]).check()
    phone.get_by_label("Én pointe eller handling pr. post-it").fill(text)
    phone.locator("#group-note-send").click()
    expect(phone.locator(".group-phone-board")).to_contain_text(text)


def note(workshop, text) -> Note:
    return Note.objects.get(workshop=workshop, text=text)


def mark(phone, workshop, text):
    pk = note(workshop, text).pk
    phone.locator(f"#mark-{pk}").click()
    expect(phone.locator(f"#unmark-{pk}")).to_be_visible()


def sees_only_own_group(phone, name, own: list[str], others: list[str]):
    """The group's board on this phone; nowhere on it another group's post-it (its own
    post-its from round 1 stay in its "Din post-it" list: every text begins with its author)."""
    board = phone.locator(".group-phone-board")
    for text in own:
        expect(board).to_contain_text(text, timeout=SLOW)
    for text in (t for t in others if not t.startswith(f"{name} ")):
        expect(phone.get_by_text(text)).to_have_count(0)


def test_twelve_phones_run_a_nyborg_day_in_groups_through_both_rounds(
    live_server, trio, new_page, screenshot
):
    workshop = nyborg_workshop(trio, title="Udviklingsdialog 2026", topics=TOPICS)
    console = new_page("laptop")
    console.on("dialog", lambda dialog: dialog.accept())  # "Dan grupperne … forfra?"
    log_in(console, live_server, "leder", factory.PASSWORD)
    console.goto(f"{live_server.url}/workshops/{workshop.pk}/live/")
    wall = open_wall(new_page, live_server, workshop)

    phones = {}
    for name in NAMES:
        phones[name] = new_page("phone")
        join(phones[name], live_server, workshop, name)
    assert Participant.objects.filter(workshop=workshop).count() == 12

    # the leader forms round 1's tables from the twelve present: three tables of four
    drawer = console.locator("#drawer-groups")
    if drawer.get_attribute("open") is None:
        drawer.locator("summary").click()
    console.locator("#form-round-1").click()
    expect(drawer.locator(".table-plan__table")).to_have_count(3, timeout=SLOW)
    round_1 = tables(workshop, 1)
    assert sorted(len(names) for names in round_1.values()) == [4, 4, 4]

    next_phase(console, "Velkomst og rammesætning")
    next_phase(console, "Trivselstema: A. Eksempler")

    # (A) every phone sees its own table and the theme, and writes one post-it: at each table
    # two write a vigtig pointe and two an ønsket handling
    texts_1: dict[int, dict[str, list[str]]] = {}
    for number, names in round_1.items():
        texts_1[number] = {"point": [], "action": []}
        for seat, name in enumerate(names):
            phone = phones[name]
            expect(phone.locator("#my-group")).to_have_text(
                f"Du sidder i Gruppe {number}", timeout=SLOW
            )
            expect(phone.get_by_role("heading", name="Arbejdsglæde")).to_be_visible()
            kind = "point" if seat < 2 else "action"
            text = f"{name} fortæller om gruppe {number}s hverdag"
            write(phone, kind, text)
            texts_1[number][kind].append(text)
    all_texts_1 = {n: t["point"] + t["action"] for n, t in texts_1.items()}
    for number, names in round_1.items():
        others = [t for n, ts in all_texts_1.items() if n != number for t in ts]
        for name in names:
            sees_only_own_group(phones[name], name, all_texts_1[number], others)
    for number in round_1:
        expect(wall.locator(".group-wall__counts")).to_contain_text(
            f"Gruppe {number}: 4 post-its", timeout=SLOW
        )
    expect(wall.locator(".group-wall__topic")).to_have_text("Arbejdsglæde")
    for text in (t for ts in all_texts_1.values() for t in ts):
        expect(wall.locator("body")).not_to_contain_text(text)
    screenshot(wall, "nyborg12-wall-examples-1920")

    # (B) one phone per table puts up a heading, moves a post-it under it and marks the 2 + 2;
    # another phone at the same table sees the heading and the marks by itself
    next_phase(console, "Trivselstema: B. Sorter")
    headings_1 = {}
    for number, names in round_1.items():
        sorter, neighbour = phones[names[0]], phones[names[1]]
        expect(sorter.get_by_label("Hvad går igen? Skriv en overskrift")).to_be_visible(
            timeout=SLOW
        )
        headings_1[number] = f"Det går igen ved bord {number}"
        sorter.get_by_label("Hvad går igen? Skriv en overskrift").fill(headings_1[number])
        sorter.locator("#group-heading-send").click()
        expect(sorter.locator(".group-heading__title").first).to_have_text(headings_1[number])
        moved = note(workshop, texts_1[number]["action"][0]).pk
        sorter.locator(f"#place-{moved}").select_option(label=headings_1[number])
        sorter.locator(f"#place-send-{moved}").click()
        expect(sorter.locator(".group-heading").first).to_contain_text(texts_1[number]["action"][0])
        for text in all_texts_1[number]:
            mark(sorter, workshop, text)
        expect(sorter.locator("#group-progress")).to_contain_text("2/2 vigtige pointer")
        expect(sorter.locator("#group-progress")).to_contain_text("2/2 ønskede handlinger")
        expect(neighbour.locator(".postit--marked")).to_have_count(4, timeout=SLOW)
        expect(neighbour.locator(".group-heading__title").first).to_have_text(headings_1[number])
        expect(neighbour.locator(".group-heading").first).to_contain_text(
            texts_1[number]["action"][0]
        )
        others = [t for n, ts in all_texts_1.items() if n != number for t in ts]
        for text in others:
            expect(neighbour.get_by_text(text)).to_have_count(0)
    for number in round_1:
        expect(wall.locator(".group-wall__counts")).to_contain_text(
            f"Gruppe {number}: 1 overskrift · 2/2 vigtige pointer · 2/2 ønskede handlinger",
            timeout=SLOW,
        )
    for text in (t for ts in all_texts_1.values() for t in ts):
        expect(wall.locator("body")).not_to_contain_text(text)
    expect(console.locator(".postit--marked")).to_have_count(12, timeout=SLOW)
    screenshot(console, "nyborg12-console-sort-1366")
    screenshot(phones[round_1[1][0]], "nyborg12-phone-sort-390")

    # (C) the plenum: the wall shows each table's 2 + 2 with its heading, in turn
    next_phase(console, "Trivselstema: C. Plenum")
    for number in sorted(round_1):
        if number > 1:
            console.locator("#plenum-next").click()
        expect(wall.locator("#plenum-group")).to_contain_text(f"Gruppe {number}", timeout=SLOW)
        plenum = wall.locator(".plenum")
        for text in all_texts_1[number]:
            expect(plenum).to_contain_text(text)
        expect(plenum).to_contain_text(headings_1[number])
        for text in (t for n, ts in all_texts_1.items() if n != number for t in ts):
            expect(plenum).not_to_contain_text(text)
        if number == 1:
            screenshot(wall, "nyborg12-wall-plenum-1920")

    # the break: round 2's new tables, formed on the console, on the wall
    next_phase(console, "Pause – nye grupper")
    console.locator("#form-round-2").click()
    expect(wall.get_by_role("heading", name="Runde 2")).to_be_visible(timeout=SLOW)
    expect(wall.locator(".wall__table-plan .table-plan__table")).to_have_count(3, timeout=SLOW)
    round_2 = tables(workshop, 2)
    assert sorted(len(names) for names in round_2.values()) == [4, 4, 4]
    assert all(
        len(set(names) & set(old)) < 4 for names in round_2.values() for old in round_1.values()
    )

    # round 2 on the ledelsestema, shorter: two at each new table write, one marks 1 + 1
    next_phase(console, "Ledelsestema: A. Eksempler")
    texts_2 = {}
    for number, names in round_2.items():
        for name in names:
            expect(phones[name].locator("#my-group")).to_have_text(
                f"Du sidder i Gruppe {number}", timeout=SLOW
            )
            expect(phones[name].get_by_role("heading", name="Tydelig retning")).to_be_visible()
        texts_2[number] = {
            "point": f"{names[0]} om retningen ved bord {number}",
            "action": f"{names[1]} ønsker et fast ledelsesmøde ved bord {number}",
        }
        write(phones[names[0]], "point", texts_2[number]["point"])
        write(phones[names[1]], "action", texts_2[number]["action"])
    for number, names in round_2.items():
        others = [t for n, ts in texts_2.items() if n != number for t in ts.values()]
        others += [t for ts in all_texts_1.values() for t in ts]  # round 1's board stays behind
        sees_only_own_group(phones[names[3]], names[3], list(texts_2[number].values()), others)
    for text in (t for ts in texts_2.values() for t in ts.values()):
        expect(wall.locator("body")).not_to_contain_text(text)

    next_phase(console, "Ledelsestema: B. Sorter")
    for number, names in round_2.items():
        for text in texts_2[number].values():
            expect(phones[names[2]].locator(f"#mark-{note(workshop, text).pk}")).to_be_visible(
                timeout=SLOW
            )
            mark(phones[names[2]], workshop, text)
        expect(phones[names[3]].locator(".postit--marked")).to_have_count(2, timeout=SLOW)
    screenshot(phones[round_2[1][3]], "nyborg12-phone-round2-sort-390")

    next_phase(console, "Ledelsestema: C. Plenum")
    for number in sorted(round_2):
        if number > 1:
            console.locator("#plenum-next").click()
        expect(wall.locator("#plenum-group")).to_contain_text(f"Gruppe {number}", timeout=SLOW)
        for text in texts_2[number].values():
            expect(wall.locator(".plenum")).to_contain_text(text)

    # the closing: the phones ask for the short evaluation
    next_phase(console, "Fælles afslutning")
    for phone in phones.values():
        expect(phone.locator("#closing-good")).to_be_visible(timeout=SLOW)
