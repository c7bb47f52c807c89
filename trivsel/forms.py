from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from .validators import CheckedTextForm


class LoginForm(CheckedTextForm, AuthenticationForm):
    """Django's login form, with a failed login tied to both fields: each is marked invalid
    and described by the message, so a screen reader on either field hears why."""

    non_field_errors_id = "login-error"
    password_length = 1000  # a longer one is refused before it is hashed (issue 19)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django's form sets the username's max_length after making the field: not checked
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))
        self.fields["password"].validators.append(MaxLengthValidator(self.password_length))

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            for name in ("username", "password"):
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": self.non_field_errors_id}
                )
            raise
