"""HR's forms for people and roles (issue 23, item 2). Each form that offers units or
workshops offers only those inside HR's subtree (units.permissions.hr_units)."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trivsel.idfields import BoundedModelChoiceField
from trivsel.validators import CheckedTextForm

from . import permissions
from .models import Role, Unit


def unit_field(user):
    units = permissions.hr_units(user).open() if user else Unit.objects.none()
    field = BoundedModelChoiceField(label=_("Enhed"), queryset=units.order_by("path"))
    field.label_from_instance = lambda unit: unit.indented_name
    return field


def role_field(**kwargs):
    return forms.ChoiceField(label=_("Rolle"), choices=Role.choices, **kwargs)


class PeopleSearchForm(CheckedTextForm, forms.Form):
    q = forms.CharField(label=_("Søg efter navn eller e-mail"), required=False, max_length=200)


class InviteForm(CheckedTextForm, forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    first_name = forms.CharField(label=_("Fornavn"), max_length=150)
    last_name = forms.CharField(label=_("Efternavn"), max_length=150, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(user)
        self.fields["role"] = role_field(initial=Role.LEADER)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        taken = get_user_model().objects.filter(Q(username__iexact=email) | Q(email__iexact=email))
        if taken.exists():
            raise forms.ValidationError(
                _(
                    "Der findes allerede en bruger med denne e-mail. Find personen under "
                    "Personer, og giv dem en rolle dér."
                )
            )
        return email


class RoleForm(CheckedTextForm, forms.Form):
    """A new role for a person: a unit of HR's subtree and a role."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = unit_field(user)
        self.fields["role"] = role_field()


class ChangeRoleForm(CheckedTextForm, forms.Form):
    role = role_field()


class LendForm(CheckedTextForm, forms.Form):
    """A workshop of HR's subtree that is not over, for a borrowed facilitator."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from workshops.models import Workshop

        workshops = Workshop.objects.none()
        if user is not None:
            workshops = (
                Workshop.objects.filter(unit__in=permissions.hr_units(user))
                .exclude(status=Workshop.Status.CLOSED)
                .select_related("unit")
                .order_by("unit__path", "date")
            )
        self.fields["workshop"] = BoundedModelChoiceField(label=_("Workshop"), queryset=workshops)
        self.fields["workshop"].label_from_instance = lambda w: f"{w.title} · {w.unit.name}"


class ConfirmForm(CheckedTextForm, forms.Form):
    """A confirmation: nothing to fill in, only the POST (with its CSRF token)."""
