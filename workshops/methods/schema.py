"""The shape of a method file, as Django forms.

A method file (workshops/methods/*.json) is read as plain JSON and checked by `MethodForm`:
its phases by `PhaseForm`, each phase's `config` by the form its tool declares
(`LiveTool.config`, in the tool's own module). Every problem is one Danish message that
names the field by its path, e.g. "faser[3].værktøj: ukendt værktøj 'arow'" (phases and
list items counted from 1, as the agenda counts them).

The fields here are strict: JSON has types, so a number written as text, a text where a
list belongs or an unknown key is an error, not something to coerce or ignore. A nested
object is a form of its own (`Nested`), a list of objects a `ListOf` one; an error inside
carries its path out to the file's message.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

AT = "at"  # the code of an error that carries the path inside a nested field


def nested_error(path: str, message: str) -> ValidationError:
    return ValidationError(
        "%(path)s: %(message)s", code=AT, params={"path": path, "message": message}
    )


def form_problems(form: forms.BaseForm, prefix: str = "") -> list[tuple[str, str]]:
    """(path, message) for every error of a bound form, nested paths followed."""
    found = []
    for key, errors in form.errors.as_data().items():
        segment = (
            prefix + ("." if prefix else "") + form.path_name(key) if key != "__all__" else prefix
        )
        for error in errors:
            if error.code == AT:
                found.append((segment + error.params["path"], str(error.params["message"])))
            else:
                found.append((segment, next(iter(error))))
    return found


class StrictForm(forms.Form):
    """A JSON object: its keys are the form's fields, an unknown key is an error. `names`
    gives a field's Danish name in messages (else its JSON key)."""

    names: dict[str, str] = {}

    def __init__(self, data, **kwargs):
        super().__init__(data=data, **kwargs)

    def path_name(self, key: str) -> str:
        return str(self.names.get(key, key))

    def full_clean(self):
        super().full_clean()
        if not isinstance(self.data, dict):
            return
        allowed = ", ".join(sorted(self.fields)) or _("ingen")
        for key in sorted(set(self.data) - set(self.fields)):
            self.add_error(
                None,
                nested_error(
                    "." + str(key) if key else "",
                    _("ukendt nøgle '%(key)s' (tilladt: %(allowed)s)")
                    % {"key": key, "allowed": allowed},
                ),
            )
        # a key that is absent is absent: an optional field left out is not written as ""
        self.cleaned_data = {
            key: value for key, value in self.cleaned_data.items() if key in self.data
        }


REQUIRED = _("skal udfyldes")


class Text(forms.Field):
    def __init__(self, *, max_length: int = 300, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.max_length = max_length

    def clean(self, value):
        if value is None:
            if self.required:
                raise ValidationError(REQUIRED)
            return ""
        if not isinstance(value, str):
            raise ValidationError(_("skal være en tekst"))
        if self.required and not value.strip():
            raise ValidationError(REQUIRED)
        if len(value) > self.max_length:
            raise ValidationError(
                _("højst %(limit)s tegn (har %(n)s)") % {"limit": self.max_length, "n": len(value)}
            )
        return value


class Integer(forms.Field):
    def __init__(self, *, min_value: int = 0, max_value: int = 32767, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.min_value, self.max_value = min_value, max_value

    def clean(self, value):
        if value is None:
            if self.required:
                raise ValidationError(REQUIRED)
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(_("skal være et helt tal, ikke %(value)r") % {"value": value})
        if not self.min_value <= value <= self.max_value:
            raise ValidationError(
                _("skal være mellem %(low)s og %(high)s")
                % {"low": self.min_value, "high": self.max_value}
            )
        return value


class Boolean(forms.Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        if value is None:
            return False
        if not isinstance(value, bool):
            raise ValidationError(_("skal være true eller false"))
        return value


class Choice(forms.Field):
    def __init__(self, *, choices, what=None, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.allowed, self.what = choices, what or _("værdi")

    def clean(self, value):
        if value is None:
            if self.required:
                raise ValidationError(REQUIRED)
            return None
        if not isinstance(value, str) or value not in self.allowed():
            raise ValidationError(
                _("ukendt %(what)s %(value)r (tilladt: %(allowed)s)")
                % {"what": self.what, "value": value, "allowed": ", ".join(self.allowed())}
            )
        return value


class TextList(forms.Field):
    def __init__(self, *, max_length: int = 300, max_items: int = 50, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.item = Text(max_length=max_length, required=True)
        self.max_items = max_items

    def clean(self, value):
        if value is None:
            if self.required:
                raise ValidationError(REQUIRED)
            return []
        if not isinstance(value, list):
            raise ValidationError(_("skal være en liste"))
        if len(value) > self.max_items:
            raise ValidationError(_("højst %(n)s punkter") % {"n": self.max_items})
        errors = []
        for index, item in enumerate(value, start=1):
            try:
                self.item.clean(item)
            except ValidationError as error:
                errors.append(nested_error(f"[{index}]", next(iter(error))))
        if errors:
            raise ValidationError(errors)
        return value


class Nested(forms.Field):
    """A JSON object checked by its own form."""

    def __init__(self, form: type[StrictForm], **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.form = form

    def clean(self, value):
        if value is None:
            if self.required:
                raise ValidationError(REQUIRED)
            return {}
        if not isinstance(value, dict):
            raise ValidationError(_("skal være et objekt ({…})"))
        return clean_nested(self.form(value), "")


def clean_nested(form: StrictForm, prefix: str) -> dict:
    if form.is_valid():
        return form.cleaned_data
    raise ValidationError(
        [
            nested_error(
                (prefix + ("." + path if path and not path.startswith(("[", ".")) else path)),
                message,
            )
            for path, message in form_problems(form)
        ]
    )


class ListOf(forms.Field):
    """A JSON list of objects, each checked by `form`."""

    def __init__(
        self, form: type[StrictForm], *, min_items: int = 0, max_items: int = 50, **kwargs
    ):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.form, self.min_items, self.max_items = form, min_items, max_items

    def clean(self, value):
        if value is None:
            if self.required:
                raise ValidationError(REQUIRED)
            return []
        if not isinstance(value, list):
            raise ValidationError(_("skal være en liste"))
        if not self.min_items <= len(value) <= self.max_items:
            raise ValidationError(
                _("skal have mellem %(low)s og %(high)s punkter")
                % {"low": self.min_items, "high": self.max_items}
            )
        cleaned, errors = [], []
        for index, item in enumerate(value, start=1):
            if not isinstance(item, dict):
                errors.append(nested_error(f"[{index}]", _("skal være et objekt ({…})")))
                continue
            try:
                cleaned.append(clean_nested(self.form(item), f"[{index}]"))
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return cleaned


class Raw(forms.Field):
    """A value another check takes care of (a phase's config: its tool's form)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        return value


class AnyList(forms.Field):
    """A list whose items a later part of the app checks (topics, the timeline)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        if value is None:
            return []
        if not isinstance(value, list):
            raise ValidationError(_("skal være en liste"))
        return value


class SizeRange(forms.Field):
    """A table size as [fewest, most] people (Nyborg: [3, 4])."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value):
        if value is None:
            return None
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(n, int) and not isinstance(n, bool) for n in value)
            or not 2 <= value[0] <= value[1] <= 12
        ):
            raise ValidationError(
                _("skal være [færrest, flest] personer ved et bord, fx [3, 4] (2–12)")
            )
        return value


class GroupsConfig(StrictForm):
    """A phase that runs in groups (workshops/groups.py): the round it belongs to and the
    size of its tables."""

    round = Integer(min_value=1, max_value=9)
    size = SizeRange()


class PhaseConfig(StrictForm):
    """The keys every phase's config may have, whatever its tool. A tool's own config form
    subclasses this one and adds its words and settings."""

    groups = Nested(GroupsConfig)
    # the group's theme: a key of Workshop.topics, the planning group's pick per kind
    # (workshops/topic_choice.py)
    topic = Choice(choices=lambda: ("trivsel", "ledelse"), what=_("temaart"))
    # where concrete krænkelser go instead of the dialogue (Nyborg's Bilag 4): the phone and
    # the console show it in any phase that says it
    beredskab = Text(max_length=1000)


NoConfig = PhaseConfig
