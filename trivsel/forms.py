from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from .validators import CheckedTextForm


class LoginForm(CheckedTextForm, AuthenticationForm):
    """Django's login form, with a failed login tied to both fields: each is marked invalid
    and described by the message, so a screen reader on either field hears why."""

    non_field_errors_id = "login-error"

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            for name in ("username", "password"):
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": self.non_field_errors_id}
                )
            raise
