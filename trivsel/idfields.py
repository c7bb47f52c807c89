"""Ids typed by anyone (a URL, a form field, a query string) stay within what the database
can hold: 64-bit integers. A larger number is "not found" or an invalid form, never a
500 (SQLite raised OverflowError in the raw reads and in `pk__in`; issue 19, item 6).

- URLs: the `<id:…>` converter (workshops/converters.py) matches 1-19 digits and refuses
  more than MAX_ID, so such a URL is a 404 before a view runs.
- Forms: `IdField` for an id in an integer field, `BoundedModelChoiceField` and
  `BoundedModelMultipleChoiceField` for a choice of rows; tests/test_out_of_range_ids.py
  holds every form of the project to them."""

from django import forms
from django.core.exceptions import ValidationError

MAX_ID = 2**63 - 1  # PostgreSQL's bigint and SQLite's INTEGER


def in_range(value) -> bool:
    """Whether a submitted id (str or int) is a whole number the database can hold; anything
    that is not a number is left to the field's own check."""
    try:
        number = int(str(value).strip())
    except ValueError:
        return True
    return -MAX_ID - 1 <= number <= MAX_ID


class IdField(forms.IntegerField):
    """A row's id (or a version number): a whole number from 1 to MAX_ID."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class BoundedModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not in_range(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            if not isinstance(pk, (list, dict)) and not in_range(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)
