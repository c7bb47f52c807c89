"""A post-it's kinds come from the method (issue 20): Albertslund's "fungerer godt / fungerer
mindre godt", Nyborg's "vigtig pointe / ønsket handling", Cabi's "lyst til at gå på arbejde /
gør det besværligt". A method file lists them as `note_kinds`; a workshop copies them when it
is made (`Workshop.note_kinds`) and keeps them when the method changes later.

One entry: {"key": "good", "label": "Fungerer godt", "short": "Godt", "sign": "+",
"colour": "green"} and, optionally, "positive": true (a kind that says something works; a
krænkelse, which always asks for action, cannot be written as one).

This module is the one place that reads them: a workshop's kinds, the label of a key, the
choices of a form, and the problems of a method file's list (`problems`, for the method
file's validation)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext as _

from .methods import method_files

# Albertslund's keys: the values every post-it had before kinds came from the method, and the
# ones the postcard's factor counts (actionplans/queries.factor_counts) still read.
GOOD, CHANGE = "good", "change"

# The palette's colour keys (static/css/app.css `.kind--<colour>`): each a dark background
# with white text, at least 4.5:1 (WCAG AA; tests/test_note_kinds.py checks), so a badge
# reads the same on a yellow, a pink or a white ground. The sign carries the meaning too.
PALETTE = {
    "green": "#1f6f3f",
    "amber": "#7a4a00",
    "blue": "#0b4f8a",
    "purple": "#5b2a86",
    "red": "#a4161a",
    "teal": "#0f5e5e",
    "grey": "#45525f",
}

KEY_MAX_LENGTH = 20  # Note.kind's max_length
LABEL_MAX_LENGTH = 60
SHORT_MAX_LENGTH = 30
SIGN_MAX_LENGTH = 3
MAX_KINDS = 6
FIELDS = {"key", "label", "short", "plural", "sign", "colour", "positive"}


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    short: str
    sign: str
    colour: str
    positive: bool = False
    plural: str = ""  # a column's heading ("Vigtige pointer"); the label when not given

    @classmethod
    def from_data(cls, data: dict) -> Kind:
        return cls(
            key=data["key"],
            label=data["label"],
            short=data.get("short") or data["label"],
            sign=data.get("sign", ""),
            colour=data.get("colour", "grey"),
            positive=bool(data.get("positive", False)),
            plural=data.get("plural") or data["label"],
        )


@cache
def default_kinds() -> tuple[dict, ...]:
    """The default method's kinds, from its file (Albertslund's): for a workshop whose
    note_kinds are empty (none is after the data migration; a row made by hand could be)."""
    for path in method_files():
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("is_default"):
            return tuple(data.get("note_kinds", ()))
    return ()


def parse(data) -> tuple[Kind, ...]:
    return tuple(Kind.from_data(entry) for entry in (data or default_kinds()))


def kinds_of(workshop) -> tuple[Kind, ...]:
    """The workshop's post-it kinds in the method's order (read once per workshop object)."""
    raw = workshop.note_kinds
    cached = workshop.__dict__.get("_note_kinds")
    if cached is None or cached[0] is not raw:  # read again when the field was replaced
        cached = workshop.__dict__["_note_kinds"] = (raw, parse(raw))
    return cached[1]


def keys_of(workshop) -> list[str]:
    return [kind.key for kind in kinds_of(workshop)]


def kind_of(workshop, key: str) -> Kind | None:
    return next((kind for kind in kinds_of(workshop) if kind.key == key), None)


def label_of(workshop, key: str, *, short: bool = False) -> str:
    """The label of a key in this workshop; an unknown key is shown as it is, never hidden."""
    kind = kind_of(workshop, key)
    if kind is None:
        return key
    return kind.short if short else kind.label


def choices(workshop) -> list[tuple[str, str]]:
    return [(kind.key, kind.label) for kind in kinds_of(workshop)]


def offer(field, workshop) -> None:
    """A form's kind field (a ChoiceField) offers the workshop's kinds, and says them when
    none, or one that is not the workshop's, is chosen."""
    field.choices = choices(workshop)
    message = choose_message(workshop)
    field.error_messages = {**field.error_messages, "required": message, "invalid_choice": message}


def is_positive(workshop, key: str) -> bool:
    kind = kind_of(workshop, key)
    return bool(kind and kind.positive)


def choose_message(workshop) -> str:
    """What a form says when no kind (or an unknown one) is chosen: the kinds' own words,
    e.g. "Vælg “Fungerer godt” eller “Fungerer mindre godt”."."""
    labels = [f"“{kind.label}”" for kind in kinds_of(workshop)]
    if len(labels) == 1:
        return _("Vælg %(label)s.") % {"label": labels[0]}
    return _("Vælg %(first)s eller %(last)s.") % {
        "first": ", ".join(labels[:-1]),
        "last": labels[-1],
    }


def problems(data) -> list[str]:
    """What is wrong with a method file's `note_kinds`, each a Danish message naming the
    field; [] when it is right. (For the method file's validation: workshops/methods.)"""
    if not isinstance(data, list) or not data:
        return [_("note_kinds: skriv en liste med mindst én slags post-it.")]
    found = []
    if len(data) > MAX_KINDS:
        found.append(_("note_kinds: højst %(n)s slags post-its.") % {"n": MAX_KINDS})
    keys = set()
    limits = {
        "label": LABEL_MAX_LENGTH,
        "short": SHORT_MAX_LENGTH,
        "plural": LABEL_MAX_LENGTH,
        "sign": SIGN_MAX_LENGTH,
    }
    for number, entry in enumerate(data, start=1):
        where = f"note_kinds[{number}]"
        if not isinstance(entry, dict):
            found.append(_("%(where)s: skal være et objekt med key og label.") % {"where": where})
            continue
        unknown = sorted(set(entry) - FIELDS)
        if unknown:
            found.append(
                _("%(where)s: ukendt felt %(fields)s.")
                % {"where": where, "fields": ", ".join(unknown)}
            )
        key = entry.get("key")
        if not isinstance(key, str) or not key.isascii() or not key.isidentifier():
            found.append(
                _("%(where)s.key: skal være et kort navn med bogstaver a–z, tal og _.")
                % {"where": where}
            )
        elif len(key) > KEY_MAX_LENGTH:
            found.append(
                _("%(where)s.key: højst %(n)s tegn.") % {"where": where, "n": KEY_MAX_LENGTH}
            )
        elif key in keys:
            found.append(
                _("%(where)s.key: “%(key)s” står der to gange.") % {"where": where, "key": key}
            )
        else:
            keys.add(key)
        if not isinstance(entry.get("label"), str) or not entry.get("label", "").strip():
            found.append(_("%(where)s.label: skriv slagsens navn.") % {"where": where})
        for field, limit in limits.items():
            value = entry.get(field, "")
            if not isinstance(value, str):
                found.append(
                    _("%(where)s.%(field)s: skal være tekst.") % {"where": where, "field": field}
                )
            elif len(value) > limit:
                found.append(
                    _("%(where)s.%(field)s: højst %(n)s tegn.")
                    % {"where": where, "field": field, "n": limit}
                )
        if entry.get("colour", "grey") not in PALETTE:
            found.append(
                _("%(where)s.colour: vælg en af %(colours)s.")
                % {"where": where, "colours": ", ".join(PALETTE)}
            )
        if not isinstance(entry.get("positive", False), bool):
            found.append(_("%(where)s.positive: skal være true eller false.") % {"where": where})
    return found
