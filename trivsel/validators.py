"""Text typed into the app is checked here, once: no control characters.

A NUL cannot be stored in PostgreSQL (it was a 500 there, while SQLite stored it), and the
other control characters (escape, backspace, bell, the C1 range …) have no place in a name,
a post-it or an invitation: invisible, they make two texts look alike or upset whatever
shows them. A multi-line field (a textarea) keeps its tabs and line breaks; a one-line field
refuses those too. Every form of the app is a `CheckedTextForm`, which puts the check on all
its text fields (tests/test_control_characters.py walks the forms).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode's control characters (Cc)
CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # all but \t \n \r


@deconstructible
class NoControlCharacters:
    message = _(
        "Teksten indeholder et usynligt kontroltegn (tegn nr. %(position)s), som ikke kan "
        "gemmes. Slet det, og prøv igen."
    )
    code = "control_character"

    def __init__(self, multiline: bool = False):
        self.multiline = multiline

    def __call__(self, value) -> None:
        if not isinstance(value, str):
            return
        found = (CONTROL_BUT_LINES if self.multiline else CONTROL).search(value)
        if found:
            raise ValidationError(
                self.message, code=self.code, params={"position": found.start() + 1}
            )

    def __eq__(self, other):
        return isinstance(other, NoControlCharacters) and self.multiline == other.multiline


TOO_LONG = _("Teksten er for lang: skriv højst %(limit_value)d tegn (den har %(show_value)d).")


class CheckedTextForm:
    """A form mixin: each text field refuses control characters, a textarea's all but tab
    and line breaks. It replaces Django's own NUL check, so a NUL gets one message. A text
    over its limit (every text field has one, from its model or its form: issue 19) is told
    so in Danish, unless the form words it itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.error_messages.setdefault("max_length", TOO_LONG)
                field.validators = [
                    *(
                        v
                        for v in field.validators
                        if not isinstance(v, ProhibitNullCharactersValidator)
                    ),
                    NoControlCharacters(multiline=isinstance(field.widget, forms.Textarea)),
                ]
