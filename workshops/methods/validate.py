"""Check a method file before it is loaded: `problems(data)` lists every problem as one
Danish line naming its field ("faser[3].værktøj: ukendt værktøj 'arow'"); a file with
problems is never loaded. The shape is schema.py's forms; a phase's `config` is checked by
the form its tool declares (workshops/tools: `LiveTool.config`)."""

import json
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .schema import (
    AnyList,
    Boolean,
    Choice,
    Integer,
    ListOf,
    Raw,
    StrictForm,
    Text,
    TextList,
    clean_nested,
    form_problems,
    nested_error,
)


def tool_names() -> list[str]:
    from ..tools import TOOLS

    return sorted(TOOLS)


class PhaseForm(StrictForm):
    names = {
        "name": _("navn"),
        "minutes": _("minutter"),
        "tool": _("værktøj"),
        "source": _("kilde"),
        "instructions": _("instruktion"),
        "participant_prompt": _("tekst til deltagerne"),
        "materials": _("materialer"),
        "config": "config",
    }

    name = Text(max_length=200, required=True)
    minutes = Integer(min_value=1, max_value=600, required=True)
    tool = Choice(choices=tool_names, what=_("værktøj"), required=True)
    # the paragraph of the method's document this phase implements
    source = Text(max_length=300, required=True)
    instructions = Text(max_length=5000)
    participant_prompt = Text(max_length=1000)
    materials = Text(max_length=300)
    config = Raw()  # checked in clean() by the form of the phase's tool

    def clean(self):
        from ..tools import TOOLS

        tool = TOOLS.get(self.cleaned_data.get("tool") or "")
        config = self.data.get("config")
        if tool is None or config is None:
            self.cleaned_data["config"] = config or {}
            return self.cleaned_data
        if not isinstance(config, dict):
            self.add_error("config", _("skal være et objekt ({…})"))
            return self.cleaned_data
        try:
            self.cleaned_data["config"] = clean_nested(tool.config(config), "")
        except ValidationError as error:
            for item in error.error_list:
                self.add_error("config", item)
        return self.cleaned_data


class NoteKinds(forms.Field):
    """The method's post-it kinds, checked by workshops/kinds.py (the one module that reads
    them), each problem on its own path."""

    def clean(self, value):
        from ..kinds import problems as kind_problems

        errors = []
        for problem in kind_problems(value):
            where, message = problem.split(": ", 1)
            errors.append(nested_error(where.removeprefix("note_kinds"), message))
        if errors:
            raise ValidationError(errors)
        return value


class MethodForm(StrictForm):
    names = {
        "slug": "slug",
        "name": _("navn"),
        "description": _("beskrivelse"),
        "source": _("kilde"),
        "version": "version",
        "is_default": _("standardmetode"),
        "ground_rules": _("spilleregler"),
        "checklist": _("tjekliste"),
        "phases": _("faser"),
        "topics": _("temaer"),
        "timeline": _("tidsplan"),
        "note_kinds": "note_kinds",
    }

    slug = Text(max_length=50, required=True)
    name = Text(max_length=200, required=True)
    description = Text(max_length=5000)
    source = Text(max_length=300, required=True)  # the document the method comes from
    version = Integer(min_value=1, max_value=100000, required=True)
    is_default = Boolean()
    ground_rules = TextList(max_length=300)
    checklist = TextList(max_length=300)
    phases = ListOf(PhaseForm, min_items=1, max_items=40, required=True)
    # before the day (seed 004): the themes to choose from and the planning's steps; their
    # items are checked by the parts of the app that use them
    topics = AnyList()
    timeline = AnyList()
    # the post-it kinds the room writes (Albertslund: fungerer godt / mindre godt)
    note_kinds = NoteKinds(required=True)

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug and not all(c.isascii() and (c.isalnum() or c == "-") for c in slug):
            raise ValidationError(_("kun små bogstaver a–z, tal og bindestreg"))
        return slug


def problems(data) -> list[str]:
    """Every problem of a method file's data, each one Danish line; [] when it is valid."""
    if not isinstance(data, dict):
        return [str(_("filen skal være ét JSON-objekt ({…})"))]
    form = MethodForm(data)
    if form.is_valid():
        return []
    return [f"{path.lstrip('.') or _('filen')}: {message}" for path, message in form_problems(form)]


def read(path: Path) -> tuple[dict | None, list[str]]:
    """A method file's data and its problems (a file that is not JSON has one)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return None, [str(_("filen kan ikke læses som JSON: %(error)s") % {"error": error})]
    return data, problems(data)
