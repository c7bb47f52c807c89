"""Which reports of a round may show their answers: anonymity by threshold AND by subtraction.

A report covers its unit's whole subtree (the vendor's department row counts everyone below
the department, the organisation's row everyone). So a parent's figures minus the figures of
the children one can see describe the group that is left: the hidden children and the
people who belong to the parent directly. If that group has fewer respondents than the
threshold, its answers can be worked out by subtraction, so more must be hidden
(complementary suppression, as statistics offices do).

The rule, per round and the same for every user:

- *primary*: a report with fewer respondents than the threshold shows no answers
  (`rules.is_reportable`);
- *complementary*: for every report X that shows its answers, the respondents of X minus
  those of its **frontier** (the nearest shown reports below it, reached through hidden
  ones) must be 0 or at least the threshold. Where it is not, the smallest report of the
  frontier is hidden too (the smallest whose hiding adds people to the group left), until it
  is. The parent itself stays: with everything below it hidden, what is left is all of its
  own respondents. So the organisation's row, whose scores every report shows as
  "organisationens gennemsnit", is never hidden to protect others; its units are.

Why that is enough: call the people a shown report X covers minus those its frontier covers
X's *own group* (its remainder). Every respondent under a shown report is in exactly one own
group, and every shown report is the sum of its own group and its frontier's, so every shown
figure is a sum of own groups. Whatever a user adds and subtracts, a group they can isolate
is therefore a union of own groups, and each of these has 0 or at least the threshold
respondents. Hiding a report only changes the own group of the nearest shown report above it,
so one pass from the deepest reports up reaches the fixed point; the loop repeats the pass
anyway until nothing changes.

"Answers" are the scores, averages, colours, follow-up tracks and harassment counts.
Respondent and invitation counts are always shown: they say how many answered, not what
anybody answered, and the trio needs them to understand why a report is hidden. The rule
above already assumes everybody knows every count.

`suppression()` is the pure rule; `round_suppression()` reads a round's reports; the
querysets in `models` (`with_visibility()`, `ThemeScore.objects.visible()`) and the importer's
preview apply it, so every page, list and preview hides the same reports.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

TOO_FEW = "too_few"  # primary: fewer respondents than the threshold
PROTECTS_SMALLER = "protects_smaller"  # complementary: would let a smaller group be worked out


def suppression(
    groups: Mapping[Hashable, tuple[Hashable | None, int]], *, threshold: int, anonymous=True
) -> dict[Hashable, str]:
    """The reports to hide, each with its reason (TOO_FEW or PROTECTS_SMALLER).

    `groups` maps each report's key to (the key of the nearest report that contains it, or
    None; its respondents). A report contains every report below it (see `nesting`)."""
    if not anonymous:
        return {}
    children: dict[Hashable, list[Hashable]] = {key: [] for key in groups}
    for key, (parent, _respondents) in groups.items():
        if parent is not None and parent in children:
            children[parent].append(key)
    respondents = {key: count for key, (_parent, count) in groups.items()}
    hidden = {key: TOO_FEW for key, count in respondents.items() if count < threshold}

    def frontier(key) -> list:
        """The nearest shown reports below `key`, looking through hidden ones."""
        found, stack = [], list(children[key])
        while stack:
            child = stack.pop()
            if child in hidden:
                stack.extend(children[child])
            else:
                found.append(child)
        return found

    def remainder(key) -> int:
        return respondents[key] - sum(respondents[f] for f in frontier(key))

    def depth(key) -> int:
        steps = 0
        while (key := groups[key][0]) is not None and key in groups:
            steps += 1
        return steps

    deepest_first = sorted(groups, key=lambda key: (-depth(key), str(key)))
    changed = True
    while changed:
        changed = False
        for key in deepest_first:
            if key in hidden:
                continue
            # A negative remainder means the rows do not nest (the children count more
            # people than the parent, someone counted twice); what a subtraction then
            # isolates cannot be known, so it is closed like a small one.
            while remainder(key) != 0 and remainder(key) < threshold:
                hidden[_cheapest_to_hide(frontier(key), respondents, remainder)] = PROTECTS_SMALLER
                changed = True
    return hidden


def _cheapest_to_hide(frontier: list, respondents, remainder):
    """The smallest frontier report whose hiding closes the gap (one with a remainder of
    its own: hiding a report its children cover fully adds nobody to the group left);
    failing that, the smallest, so the next round looks through it. The frontier is never
    empty here: with nothing shown below, the remainder is the report's own respondents,
    and a shown report has at least the threshold."""
    by_size = sorted(frontier, key=lambda key: (respondents[key], str(key)))
    return next((key for key in by_size if remainder(key) > 0), by_size[0])


def nesting(paths: Mapping[Hashable, str]) -> dict:
    """key → key of the nearest report above it (or None). `paths` maps each report's key
    to its unit's materialised path ("/1/4/9/"); units without a report are looked through."""
    by_path = {path: key for key, path in paths.items()}
    parents = {}
    for key, path in paths.items():
        parts = path.strip("/").split("/")
        parent = None
        for end in range(len(parts) - 1, 0, -1):
            candidate = "/" + "/".join(parts[:end]) + "/"
            if candidate in by_path:
                parent = by_path[candidate]
                break
        parents[key] = parent
    return parents


def groups_of(rows: Iterable[tuple[Hashable, str, int]]) -> dict:
    """(key, unit path, respondents) rows → the `groups` that `suppression` takes."""
    rows = list(rows)
    paths = {key: path for key, path, _count in rows}
    parents = nesting(paths)
    return {key: (parents[key], count) for key, _path, count in rows}


# --- the database -----------------------------------------------------------------------


def round_suppression(round_) -> dict[int, str]:
    """Report id → reason, for the reports of `round_` that must not show their answers."""
    from .models import SurveyReport

    rows = SurveyReport.objects.filter(round=round_).values_list("pk", "unit__path", "respondents")
    return suppression(
        groups_of(rows), threshold=round_.anonymity_threshold, anonymous=round_.anonymous
    )


def hidden_report_ids(round_ids=None) -> set[int]:
    """The ids of every hidden report (of the given rounds, or of all rounds)."""
    from .models import Round

    rounds = Round.objects.filter(anonymous=True)
    if round_ids is not None:
        rounds = rounds.filter(pk__in=list(round_ids))
    hidden = set()
    for round_ in rounds:
        hidden |= set(round_suppression(round_))
    return hidden


def mark(reports: Iterable) -> list:
    """Set `scores_visible` and `hidden_because` (None, TOO_FEW or PROTECTS_SMALLER) on
    each report, deciding once per round."""
    from .models import Round

    reports = list(reports)
    round_ids = {report.round_id for report in reports}
    rounds = {round_.pk: round_ for round_ in Round.objects.filter(pk__in=round_ids)}
    decided = {round_id: round_suppression(rounds[round_id]) for round_id in rounds}
    for report in reports:
        report.hidden_because = decided.get(report.round_id, {}).get(report.pk)
        report.scores_visible = report.hidden_because is None
    return reports
