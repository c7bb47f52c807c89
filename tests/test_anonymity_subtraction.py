"""Anonymity by subtraction (issue 13, item 1).

A MED member reads their department's report and the reports of the units below it; HR reads
them all, and every report shows the organisation's average. If a unit with 4 answers is
hidden but its department and its siblings are shown, the department minus the siblings *is*
the small unit: its scores within rounding, its harassment count exactly.

These tests build organisations (one small unit, several, small units at several depths, a
department with people of its own, an organisation whose units are all shown but one), log in
as MED and as HR, open every page they may open (report pages, unit pages, HR's round pages),
note whose answers each page shows, and then try every subtraction those answers allow: a
shown report minus any set of shown reports below it that do not overlap. No such group may
have between 1 and threshold − 1 respondents. The counts of respondents are taken as known
to everybody (they are on every page, and a worst case anyway).
"""

import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.core import signing
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from surveys import anonymity, views
from surveys.anonymity import PROTECTS_SMALLER, TOO_FEW
from surveys.models import SurveyReport
from units.models import Role, Unit

from . import factory
from .test_report_page import upload

THRESHOLD = 5
THEMES = ["Tryghed", "Krav"]
HARASSMENT_SENTENCE = "har oplevet krænkende adfærd, som ikke er løst"
PROTECTED_TEXT = "Skjult, så man ikke kan regne en mindre enheds svar ud (under 5 besvarelser)"


# --- building an organisation with its reports ------------------------------------------


@dataclass
class Tree:
    """An organisation whose every unit has a report that counts its whole subtree, as the
    vendor's department and organisation rows do. Each unit's scores are a number no other
    unit has (its marker), so a page shows a unit's answers exactly when its marker is on it."""

    round: object
    units: dict = field(default_factory=dict)  # code → Unit
    parent: dict = field(default_factory=dict)  # code → parent code or None
    respondents: dict = field(default_factory=dict)
    harassment: dict = field(default_factory=dict)
    markers: dict = field(default_factory=dict)  # code → the unit's score as a page shows it
    reports: dict = field(default_factory=dict)

    def ancestors(self, code):
        while (code := self.parent[code]) is not None:
            yield code

    def report_of(self, code):
        return self.reports[code]


def build(spec, *, med_at=None):
    """`spec` is (code, own respondents, [child specs]): the unit's respondents are its own
    people plus its children's. Everyone's own group reports one case of harassment."""
    organisation = factory.unit(spec[0], code=spec[0])
    round_ = factory.survey_round(
        organisation, themes=THEMES, anonymity_threshold=THRESHOLD, name="Trivsel 2026"
    )
    tree = Tree(round=round_)
    tree.units[spec[0]] = organisation

    def walk(node, parent_code):
        code, own, children = node
        if parent_code is not None:
            tree.units[code] = factory.unit(code, code=code, parent=tree.units[parent_code])
        tree.parent[code] = parent_code
        tree.markers[code] = f"{11 + 2 * len(tree.markers)},3"
        for child in children:
            walk(child, code)
        below = [child[0] for child in children]
        tree.respondents[code] = own + sum(tree.respondents[c] for c in below)
        tree.harassment[code] = (1 if own else 0) + sum(tree.harassment[c] for c in below)

    walk(spec, None)
    org_score = Decimal(tree.markers[spec[0]].replace(",", "."))
    for code, unit in tree.units.items():
        score = Decimal(tree.markers[code].replace(",", "."))
        tree.reports[code] = factory.survey_report(
            unit,
            round_=round_,
            respondents=tree.respondents[code],
            invited=tree.respondents[code] + 3,
            scores={theme: (score, org_score) for theme in THEMES},
            org_average=org_score,
            harassment_count=tree.harassment[code],
        )
    tree.hr = factory.user("hr", role=Role.HR, unit=organisation)
    tree.med = factory.user("med", role=Role.MED, unit=tree.units[med_at or spec[0]])
    return tree


# --- what a user sees, read from the pages ----------------------------------------------


def pages_of(client, user, tree):
    """Every page with survey figures the user may open, as HTML."""
    client.force_login(user)
    pages = {}
    for code, report in tree.reports.items():
        response = client.get(reverse("surveys:report_detail", args=[report.pk]))
        if response.status_code == 404:
            continue
        assert response.status_code == 200
        pages[("report", code)] = response.content.decode()
        response = client.get(reverse("unit_detail", args=[tree.units[code].pk]))
        assert response.status_code == 200
        pages[("unit", code)] = response.content.decode()
    if user == tree.hr:
        for name, url in [
            ("round", reverse("surveys:round_detail", args=[tree.round.pk])),
            ("rounds", reverse("surveys:round_list")),
        ]:
            pages[(name, None)] = client.get(url).content.decode()
    return pages


def answers_seen(pages, tree) -> set:
    """The units whose answers (scores, average, harassment count, colour, track) some page
    shows. The organisation's scores are on every shown report as its average."""
    seen = set()
    for (kind, code), html in pages.items():
        for other, marker in tree.markers.items():
            if re.search(rf"(?<![\d,]){marker}(?!\d)", html):
                seen.add(other)
        if kind == "report" and HARASSMENT_SENTENCE in html:
            seen.add(code)
        if kind == "unit" and ("report-summary__alert" in html or ">Opfølgning</dt>" in html):
            seen.add(code)
    return seen


def isolated_groups(tree, seen) -> list[str]:
    """Every subtraction the seen answers allow that isolates 1..threshold-1 respondents:
    a seen report minus any set of seen reports below it that do not overlap."""
    found = []
    for top in sorted(seen):
        below = sorted(code for code in seen if top in tree.ancestors(code))
        for size in range(len(below) + 1):
            for subset in itertools.combinations(below, size):
                if any(a in tree.ancestors(b) for a in subset for b in subset):
                    continue  # overlapping: one is inside the other
                left = tree.respondents[top] - sum(tree.respondents[c] for c in subset)
                if 0 < left < THRESHOLD:
                    harassment = tree.harassment[top] - sum(tree.harassment[c] for c in subset)
                    found.append(
                        f"{top} − {' − '.join(subset) or '∅'} = {left} besvarelser, "
                        f"{harassment} krænkelser"
                    )
    return found


def check_nobody_is_isolated(client, tree):
    """MED, HR, and the two together: no subtraction isolates a small group."""
    seen = {}
    for user in (tree.med, tree.hr):
        seen[user] = answers_seen(pages_of(client, user, tree), tree)
        assert isolated_groups(tree, seen[user]) == [], user.username
    assert isolated_groups(tree, seen[tree.med] | seen[tree.hr]) == []
    return seen[tree.med], seen[tree.hr]


def hidden_on_the_pages(client, tree):
    client.force_login(tree.hr)
    return set(tree.units) - answers_seen(pages_of(client, tree.hr, tree), tree)


# --- the stories ------------------------------------------------------------------------

ONE_SMALL_UNIT = (
    "ORG",
    20,
    [
        ("D1", 0, [("A", 4, []), ("B", 12, []), ("C", 9, [])]),
        ("D2", 0, [("E", 15, []), ("F", 11, [])]),
    ],
)


def test_the_department_minus_the_shown_siblings_no_longer_gives_away_a_unit_of_four(client, db):
    tree = build(ONE_SMALL_UNIT, med_at="D1")
    med_sees, hr_sees = check_nobody_is_isolated(client, tree)
    # A has 4 answers; C (9), the smallest sibling, is hidden with it so that D1 − B is 13
    assert {"A", "C"} & (med_sees | hr_sees) == set()
    assert med_sees == {"ORG", "D1", "B"}
    assert hr_sees == {"ORG", "D1", "D2", "B", "E", "F"}


def test_the_protected_sibling_says_why_in_plain_danish(client, db):
    tree = build(ONE_SMALL_UNIT, med_at="D1")
    client.force_login(tree.med)
    html = client.get(reverse("surveys:report_detail", args=[tree.report_of("C").pk]))
    html = html.content.decode()
    assert PROTECTED_TEXT in html
    assert "Ingen resultater – af hensyn til en mindre enhed" in html
    assert "9 af 12" in html  # how many answered is still shown
    unit_page = client.get(reverse("unit_detail", args=[tree.units["C"].pk])).content.decode()
    assert "Resultaterne er skjult, så man ikke kan regne en mindre enheds svar ud" in unit_page
    small = client.get(reverse("surveys:report_detail", args=[tree.report_of("A").pk]))
    assert "Ingen resultater – for få besvarelser" in small.content.decode()


def test_hrs_round_page_hides_the_protected_sibling_and_its_track(client, db):
    tree = build(ONE_SMALL_UNIT)
    client.force_login(tree.hr)
    url = reverse("surveys:round_detail", args=[tree.round.pk])
    html = client.get(url).content.decode()
    assert PROTECTED_TEXT in html
    row = next(row for row in html.split("<tr") if ">C</a>" in row)
    assert "Rød" not in row and "afdelingschef" not in row
    # filtering by track lists only the reports whose track is shown
    red = client.get(url, {"spor": "with_head_and_hr"}).content.decode()
    assert ">C</a>" not in red and ">A</a>" not in red and ">B</a>" in red
    hidden = client.get(url, {"spor": "no_report"}).content.decode()
    assert ">C</a>" in hidden and ">A</a>" in hidden
    rounds = client.get(reverse("surveys:round_list")).content.decode()
    counts = re.findall(r"<td>(\d+)</td>", rounds)
    assert counts == ["8", "0", "6", "2"]  # reports, with head, with head and HR, hidden


SEVERAL_SMALL_UNITS = (
    "ORG",
    30,
    [
        ("D", 0, [("A", 3, []), ("B", 1, []), ("C", 20, []), ("E", 16, [])]),
        ("G", 12, []),
        ("H", 2, []),
    ],
)


def test_several_small_units_in_one_department(client, db):
    tree = build(SEVERAL_SMALL_UNITS, med_at="D")
    check_nobody_is_isolated(client, tree)
    assert hidden_on_the_pages(client, tree) == {"A", "B", "E", "H"}


SEVERAL_DEPTHS = (
    "ORG",
    10,
    [
        (
            "D",
            0,
            [
                ("W", 0, [("T1", 3, []), ("T2", 22, [])]),
                ("W2", 0, [("T3", 2, []), ("T4", 28, [])]),
                ("S", 4, []),
            ],
        ),
        ("K", 3, []),
        ("L", 25, []),
    ],
)


def test_small_units_at_several_depths(client, db):
    tree = build(SEVERAL_DEPTHS, med_at="D")
    check_nobody_is_isolated(client, tree)
    # T2 and T4 hide with their small siblings; then D − W − W2 would be S alone, so W goes
    assert hidden_on_the_pages(client, tree) == {"T1", "T2", "T3", "T4", "S", "K", "W"}


PARENT_WITH_OWN_PEOPLE = (
    "ORG",
    40,
    [("D", 3, [("A", 15, []), ("B", 16, [])]), ("E", 20, [])],
)


def test_a_department_with_three_people_of_its_own(client, db):
    tree = build(PARENT_WITH_OWN_PEOPLE, med_at="D")
    med_sees, _hr_sees = check_nobody_is_isolated(client, tree)
    assert med_sees == {"ORG", "D", "B"}  # A hidden: D − A − B would be the three


ORGANISATION_AVERAGE = (
    "ORG",
    0,
    [("D1", 30, []), ("D2", 0, [("E", 12, []), ("F", 15, [])]), ("D3", 3, [])],
)


def test_the_organisations_average_minus_every_other_unit(client, db):
    tree = build(ORGANISATION_AVERAGE, med_at="D2")
    med_sees, hr_sees = check_nobody_is_isolated(client, tree)
    # MED sees the organisation's scores as the average on D2's, E's and F's reports
    assert "ORG" in med_sees
    # hiding D2 would add nobody (E and F would still be subtracted), so D1 is hidden
    assert hr_sees == {"ORG", "D2", "E", "F"}


def test_nothing_more_is_hidden_when_every_group_left_is_large_enough(client, db):
    tree = build(("ORG", 0, [("D", 0, [("A", 5, []), ("B", 7, [])]), ("E", 10, [])]))
    check_nobody_is_isolated(client, tree)
    assert hidden_on_the_pages(client, tree) == set()


def test_a_named_round_hides_nothing(client, db):
    tree = build(ONE_SMALL_UNIT)
    tree.round.anonymous = False
    tree.round.save()
    assert hidden_on_the_pages(client, tree) == set()


def test_the_import_preview_and_the_stored_reports_hide_the_same(client, db):
    organisation = factory.unit("ORG", code="ORG")
    d1 = factory.unit("D1", code="D1", parent=organisation, kind=Unit.Kind.DEPARTMENT)
    for code in ("A", "B", "C"):
        factory.unit(code, code=code, parent=d1)
    round_ = factory.survey_round(organisation, themes=THEMES)
    hr = factory.user("hr", role=Role.HR, unit=organisation)
    data = (
        "enhedskode;inviterede;besvarelser;krænkelser;Tryghed;Krav\r\n"
        "ORG;120;100;3;70,0;65,0\r\n"
        "D1;30;25;3;66,1;61,1\r\n"
        "A;5;4;2;37,7;31,9\r\n"
        "B;14;12;1;72,2;66,4\r\n"
        "C;11;9;0;77,7;71,7\r\n"
    ).encode("utf-8-sig")
    client.force_login(hr)
    response = upload(client, round_, data)
    html = response.content.decode()
    assert "skjules også, så man ikke kan regne en mindre enheds svar ud" in html
    assert PROTECTED_TEXT in html
    payload = response.context["payload"]
    rows = {
        cells[0]: cells
        for _n, cells in signing.loads(payload, salt=views.PREVIEW_SALT)["table"]["rows"]
    }
    assert rows["C"] == ["C", "11", "9", "", "", ""]  # travels emptied, like A's
    assert "77,7" not in html and "77,7" not in str(rows)
    response = client.post(
        reverse("surveys:import_confirm", args=[round_.pk]), {"payload": payload}
    )
    assert response.status_code == 302
    stored = SurveyReport.objects.get(unit__code="C")
    assert (stored.harassment_count, stored.average, stored.scores.count()) == (None, None, 0)
    assert SurveyReport.objects.get(unit__code="B").scores.count() == 2


# --- the rule itself ----------------------------------------------------------------------


def groups(spec):
    """(code, own, children) → the `groups` argument of `anonymity.suppression`."""
    result = {}

    def walk(node, parent):
        code, own, children = node
        total = own + sum(walk(child, code) for child in children)
        result[code] = (parent, total)
        return total

    walk(spec, None)
    return result


@pytest.mark.parametrize(
    "spec,hidden",
    [
        (ONE_SMALL_UNIT, {"A": TOO_FEW, "C": PROTECTS_SMALLER}),
        (
            SEVERAL_SMALL_UNITS,
            {"A": TOO_FEW, "B": TOO_FEW, "H": TOO_FEW, "E": PROTECTS_SMALLER},
        ),
        (
            SEVERAL_DEPTHS,
            {
                **dict.fromkeys(["T1", "T3", "S", "K"], TOO_FEW),
                **dict.fromkeys(["T2", "T4", "W"], PROTECTS_SMALLER),
            },
        ),
        (PARENT_WITH_OWN_PEOPLE, {"A": PROTECTS_SMALLER}),
        (ORGANISATION_AVERAGE, {"D3": TOO_FEW, "D1": PROTECTS_SMALLER}),
        # two small siblings together are enough: nothing more to hide
        (("D", 0, [("A", 3, []), ("B", 2, []), ("C", 9, [])]), dict.fromkeys("AB", TOO_FEW)),
        # exactly the threshold left over is enough
        (("D", 5, [("A", 9, [])]), {}),
        # a unit with no people of its own, fully covered by its children
        (("D", 0, [("A", 9, []), ("B", 9, [])]), {}),
    ],
)
def test_the_rule_on_small_trees(spec, hidden):
    assert anonymity.suppression(groups(spec), threshold=THRESHOLD) == hidden


def test_rows_that_do_not_nest_are_closed_like_a_small_remainder():
    # P counts 14, its units 10 + 3 + 5: someone is counted twice, and P − A = 4 may be real
    rows = {"P": (None, 14), "A": ("P", 10), "B": ("P", 3), "C": ("P", 5)}
    hidden = anonymity.suppression(rows, threshold=THRESHOLD)
    assert hidden == {"B": TOO_FEW, "C": PROTECTS_SMALLER, "A": PROTECTS_SMALLER}


def test_a_named_round_suppresses_nothing():
    assert anonymity.suppression(groups(ONE_SMALL_UNIT), threshold=5, anonymous=False) == {}


def test_reports_nest_by_the_unit_tree_looking_through_units_without_a_report():
    paths = {"org": "/1/", "a": "/1/4/9/", "b": "/1/4/", "c": "/1/7/12/", "x": "/2/"}
    assert anonymity.nesting(paths) == {
        "org": None,
        "a": "b",
        "b": "org",
        "c": "org",  # /1/7/ has no report
        "x": None,
    }


@st.composite
def trees(draw):
    """A random tree of up to 9 reports, each with its own people (often few)."""
    size = draw(st.integers(1, 9))
    parents = [None] + [draw(st.integers(0, n - 1)) for n in range(1, size)]
    own = [draw(st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 9, 15])) for _ in range(size)]
    totals = list(own)
    for node in range(size - 1, 0, -1):
        totals[parents[node]] += totals[node]
    return {node: (parents[node], totals[node]) for node in range(size)}


@settings(max_examples=300, deadline=None)
@given(trees(), st.integers(2, 6))
def test_no_subtraction_of_shown_reports_isolates_a_small_group(tree, threshold):
    hidden = anonymity.suppression(tree, threshold=threshold)
    shown = [key for key in tree if key not in hidden]
    respondents = {key: count for key, (_parent, count) in tree.items()}

    def ancestors(key):
        while (key := tree[key][0]) is not None:
            yield key

    assert all(hidden.get(key) == TOO_FEW for key in tree if respondents[key] < threshold)
    assert tree[0][1] < threshold or 0 in shown  # the organisation is never hidden for others
    for top in shown:
        below = [key for key in shown if top in ancestors(key)]
        for size in range(len(below) + 1):
            for subset in itertools.combinations(below, size):
                if any(a in ancestors(b) for a in subset for b in subset):
                    continue
                left = respondents[top] - sum(respondents[key] for key in subset)
                assert not 0 < left < threshold, (top, subset, left)
