"""The live screens as a reader meets them: where the join code is in each phase, headings
without skipped levels, titles that say where you are, and the console's drawers."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from workshops import live
from workshops.models import Workshop

from . import factory
from .live_helpers import go_to, phone_joins


class Outline(HTMLParser):
    """Headings in document order, the <title>, and elements with an aria-label."""

    def __init__(self):
        super().__init__()
        self.headings: list[int] = []
        self.labelled: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))
        if "aria-label" in dict(attrs):
            self.labelled.append(tag)
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def outline(html: str) -> Outline:
    parsed = Outline()
    parsed.feed(html)
    return parsed


@pytest.fixture
def workshop(world):
    return factory.live_workshop(world.unit)


@pytest.fixture
def leader(client, world):
    client.force_login(world.leader)
    return client


def wall(client, workshop) -> str:
    return client.get(reverse("workshops:wall", args=[workshop.pk])).content.decode()


def test_the_join_code_stays_in_a_corner_of_the_wall_while_joining_is_open(leader, workshop):
    go_to(workshop, "reflection")
    html = wall(leader, workshop)
    assert "wall__join" in html and "wall__corner-join" not in html  # large while people join
    go_to(workshop, "presentation")
    html = wall(leader, workshop)
    assert "wall__corner-join" in html and workshop.join_code in html
    assert reverse("workshops:qr", args=[workshop.pk]) in html
    go_to(workshop, "vote")
    assert workshop.join_code in wall(leader, workshop)
    live.set_status(workshop.pk, Workshop.Status.CLOSED)
    html = wall(leader, workshop)
    assert workshop.join_code not in html and "wall__corner-join" not in html


@pytest.mark.parametrize(
    "tool", [None, "intro", "reflection", "presentation", "grouping", "closing"]
)
def test_the_wall_and_the_console_never_skip_a_heading_level(leader, world, workshop, tool):
    factory.pink_note(workshop)
    karen = live.join(workshop, display_name="Karen")
    factory.yellow_note(karen, "Godt", "good")
    factory.yellow_note(karen, "Mindre godt", "change")
    if tool:
        go_to(workshop, "presentation")
        live.reveal_next_pair(workshop.pk, karen.pk)
        go_to(workshop, tool)
    for name in ("workshops:wall", "workshops:live"):
        html = leader.get(reverse(name, args=[workshop.pk])).content.decode()
        levels = outline(html).headings
        assert levels[0] == 1 or name == "workshops:live", (name, levels)
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, (name, tool, levels)


def test_no_paragraph_on_the_wall_carries_an_aria_label(leader, workshop):
    for tool in ("intro", "reflection", "presentation"):
        go_to(workshop, tool)
        assert "p" not in outline(wall(leader, workshop)).labelled


def test_each_live_page_has_a_title_that_says_where_you_are(leader, workshop):
    reflection = workshop.phases.get(tool="reflection")
    phone = phone_joins(workshop, "Karen")
    screen = reverse("participant:screen", args=[workshop.join_token])
    assert outline(phone.get(screen).content.decode()).title.startswith("Velkommen · ")
    live.set_phase(workshop.pk, reflection)
    phone_title = outline(phone.get(screen).content.decode()).title
    assert phone_title.startswith(f"{reflection.name} · {workshop.title}")
    assert phone_title.endswith("Trivselsdialog")
    wall_title = outline(wall(leader, workshop)).title
    assert wall_title.startswith(f"Væg: {reflection.name}")
    console = leader.get(reverse("workshops:live", args=[workshop.pk])).content.decode()
    assert outline(console).title.startswith(f"Facilitator: {reflection.name}")
    join = reverse("participant:join")
    assert outline(phone.get(join).content.decode()).title.startswith("Deltag i en")


def test_a_console_update_renders_the_drawers_that_are_open_and_no_others(leader, world, workshop):
    from workshops.permissions import screen_key

    factory.pink_note(workshop, text="Trioens pink")
    live.join(workshop, display_name="Karen")
    url = reverse("workshops:screen_sync", args=[workshop.pk, "facilitator"])
    key = screen_key(workshop, world.leader)
    closed = leader.get(url, {"since": 0}, HTTP_X_SCREEN_KEY=key).content.decode()
    assert 'id="region-console"' in closed
    assert 'id="region-participants"' not in closed and "Trioens pink" not in closed
    opened = leader.get(
        url, {"since": 0, "open": "participants,pink"}, HTTP_X_SCREEN_KEY=key
    ).content
    assert b'id="region-participants"' in opened and b"Trioens pink" in opened
    assert b'id="region-wall-link"' not in opened


@pytest.mark.parametrize("tool,queries", [("reflection", 4), ("presentation", 5)])
def test_the_wall_reads_post_its_only_in_a_phase_whose_board_shows_them(
    client, world, workshop, django_assert_num_queries, tool, queries
):
    """While people write, the wall shows who has written how many, never a post-it: its
    update is its one read of the workshop, the key's user and roles, and the counts."""
    from workshops.permissions import screen_key

    karen = live.join(workshop, display_name="Karen")
    for kind in ("good", "change"):
        factory.yellow_note(karen, "Tekst", kind)
    go_to(workshop, tool)
    url = reverse("workshops:screen_sync", args=[workshop.pk, "wall"])
    key = screen_key(workshop, world.leader)
    with django_assert_num_queries(queries):
        assert client.get(url, {"since": 0}, HTTP_X_SCREEN_KEY=key).status_code == 200
