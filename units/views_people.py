"""HR's pages for people and roles (issue 23, item 2): a unit's people, a person's page, the
search, the invitation, and the changes — each looked up through units.permissions, each
change one function of units/people.py that writes the change log."""

from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from trivsel.idfields import in_range

from . import people, permissions
from .models import Membership
from .people_forms import (
    ChangeRoleForm,
    ConfirmForm,
    InviteForm,
    LendForm,
    PeopleSearchForm,
    RoleForm,
)
from .permissions import declare

User = get_user_model()
PEOPLE_PER_PAGE = 50


def get_person_for(user, person_id):
    """A person HR finds (one who holds or held a role in its subtree); 403 for anyone who
    is not HR, 404 for a person outside HR's subtree (their existence is not revealed)."""
    permissions.require_hr(user)
    try:
        return permissions.people_managed_by(user, User.objects.all()).get(pk=person_id)
    except User.DoesNotExist:
        raise Http404 from None


def get_account_for(user, person_id):
    """A person whose account HR may change (deactivate, re-activate, invite again)."""
    person = get_person_for(user, person_id)
    if not permissions.may_manage_account(user, person):
        raise PermissionDenied
    return person


def get_membership_for(user, person, membership_id) -> Membership:
    """One of the person's roles (also an ended one) in a unit whose people HR manages. HR
    never changes their own roles: nobody widens their own access."""
    try:
        membership = Membership.history.select_related("unit", "user").get(
            pk=membership_id, user=person
        )
    except Membership.DoesNotExist:
        raise Http404 from None
    permissions.check_people(user, membership.unit)
    check_not_self(user, person)
    return membership


def check_not_self(user, person) -> None:
    if person.pk == user.pk and not permissions.scope_for(user).everything:
        raise PermissionDenied


@declare("hr")
def people_list(request: HttpRequest) -> HttpResponse:
    permissions.require_hr(request.user)
    search = PeopleSearchForm(request.GET)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    found = permissions.people_managed_by(request.user, User.objects.all())
    if query:
        found = found.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(email__icontains=query)
            | Q(username__icontains=query)
        )
    roles = Membership.objects.filter(unit__in=permissions.hr_units(request.user))
    found = found.order_by("first_name", "last_name", "username").prefetch_related(
        Prefetch("memberships", queryset=roles.select_related("unit"), to_attr="roles_here")
    )
    page = Paginator(found, PEOPLE_PER_PAGE).get_page(request.GET.get("side"))
    return render(
        request,
        "units/people_list.html",
        {"page": page, "search": search, "query": query},
    )


@declare("people")
def unit_people(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = permissions.get_unit_for(request.user, unit_id, "view")
    permissions.check_people(request.user, unit)
    return render(
        request,
        "units/unit_people.html",
        {
            "unit": unit,
            "ancestors": unit.ancestors(),
            "members": unit.memberships.select_related("user").order_by("role", "user__first_name"),
            "former": Membership.history.filter(unit=unit, ended_on__isnull=False)
            .select_related("user")
            .order_by("-ended_on"),
        },
    )


def person_page(request, person, *, role_form=None, lend_form=None, status=200):
    user = request.user
    managed = set(permissions.hr_units(user).values_list("pk", flat=True))
    roles = list(Membership.history.filter(user=person).select_related("unit").order_by("-pk"))
    from workshops.models import Workshop

    log = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(person.pk)
    ).select_related("user")
    return render(
        request,
        "units/person_detail.html",
        {
            "person": person,
            "current": [m for m in roles if m.ended_on is None and m.unit_id in managed],
            "elsewhere": sum(1 for m in roles if m.ended_on is None and m.unit_id not in managed),
            "past": [m for m in roles if m.ended_on is not None and m.unit_id in managed],
            "facilitates": Workshop.objects.filter(
                facilitator=person, unit__in=permissions.hr_units(user)
            ).select_related("unit"),
            "log": log.order_by("-action_time")[:50],
            "may_manage_account": permissions.may_manage_account(user, person),
            "is_self": person.pk == user.pk and not permissions.scope_for(user).everything,
            "role_form": role_form or RoleForm(user=user),
            "change_form": ChangeRoleForm(),
            "lend_form": lend_form or LendForm(user=user),
        },
        status=status,
    )


@declare("hr")
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    return person_page(request, get_person_for(request.user, person_id))


@declare("hr")
def invite(request: HttpRequest) -> HttpResponse:
    permissions.require_hr(request.user)
    initial = {}
    unit_id = request.GET.get("enhed", "")
    if request.method != "POST" and unit_id.isdigit() and in_range(unit_id):
        initial["unit"] = permissions.hr_units(request.user).filter(pk=unit_id).first()
    form = InviteForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        person = people.invite(by=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("%(name)s er inviteret. Mailen med link til adgangskode er sendt til %(email)s.")
            % {"name": person.get_full_name(), "email": person.email},
        )
        return redirect("person_detail", person.pk)
    return render(request, "units/invite.html", {"form": form})


@declare("hr", method="POST")
@require_POST
def role_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for(request.user, person_id)
    check_not_self(request.user, person)
    form = RoleForm(request.POST, user=request.user)
    if not form.is_valid():
        return person_page(request, person, role_form=form, status=400)
    people.add_role(by=request.user, person=person, **form.cleaned_data)
    messages.success(request, _("Rollen er tilføjet."))
    return redirect("person_detail", person.pk)


@declare("hr", method="POST")
@require_POST
def role_change(request: HttpRequest, person_id: int, membership_id: int) -> HttpResponse:
    person = get_person_for(request.user, person_id)
    membership = get_membership_for(request.user, person, membership_id)
    form = ChangeRoleForm(request.POST)
    if membership.ended_on is not None or not form.is_valid():
        messages.error(request, _("Vælg en rolle."))
        return redirect("person_detail", person.pk)
    people.change_role(by=request.user, membership=membership, role=form.cleaned_data["role"])
    messages.success(request, _("Rollen er skiftet. Den gamle rolle står i historikken."))
    return redirect("person_detail", person.pk)


def confirm(request, *, title, question, button, cancel_url, undo_hint):
    return render(
        request,
        "units/people_confirm.html",
        {
            "title": title,
            "question": question,
            "button": button,
            "cancel_url": cancel_url,
            "undo_hint": undo_hint,
            "form": ConfirmForm(),
        },
    )


@declare("hr")
def role_end(request: HttpRequest, person_id: int, membership_id: int) -> HttpResponse:
    person = get_person_for(request.user, person_id)
    membership = get_membership_for(request.user, person, membership_id)
    if membership.ended_on is not None:
        return redirect("person_detail", person.pk)
    if request.method == "POST" and ConfirmForm(request.POST).is_valid():
        people.end_membership(by=request.user, membership=membership)
        messages.success(
            request,
            _("Rollen er afsluttet. Den står i historikken, hvor du kan genoptage den."),
        )
        return redirect("person_detail", person.pk)
    return confirm(
        request,
        title=_("Afslut rolle"),
        question=_("Afslut %(person)s' rolle som %(role)s? Rollen giver ikke længere adgang.")
        % {
            "person": person.get_full_name() or person.username,
            "role": people.describe(membership),
        },
        button=_("Ja, afslut rollen"),
        cancel_url=reverse("person_detail", args=[person.pk]),
        undo_hint=_("Rollen bliver stående i historikken, og du kan genoptage den."),
    )


@declare("hr", method="POST")
@require_POST
def role_reopen(request: HttpRequest, person_id: int, membership_id: int) -> HttpResponse:
    person = get_person_for(request.user, person_id)
    membership = get_membership_for(request.user, person, membership_id)
    if membership.ended_on is not None and ConfirmForm(request.POST).is_valid():
        if people.reopen_membership(by=request.user, membership=membership):
            messages.success(request, _("Rollen gælder igen."))
        else:
            messages.warning(request, _("Personen har allerede den rolle igen."))
    return redirect("person_detail", person.pk)


@declare("hr")
def deactivate(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_account_for(request.user, person_id)
    if request.method == "POST" and ConfirmForm(request.POST).is_valid():
        people.deactivate(by=request.user, person=person)
        messages.success(
            request, _("Kontoen er deaktiveret. Du kan aktivere den igen her på siden.")
        )
        return redirect("person_detail", person.pk)
    return confirm(
        request,
        title=_("Deaktivér konto"),
        question=_(
            "Deaktivér %(person)s' konto? Personen kan ikke længere logge ind, og deres "
            "personlige links holder op med at virke."
        )
        % {"person": person.get_full_name() or person.username},
        button=_("Ja, deaktivér kontoen"),
        cancel_url=reverse("person_detail", args=[person.pk]),
        undo_hint=_("Intet slettes: roller, planer og historik bliver stående."),
    )


@declare("hr", method="POST")
@require_POST
def reactivate(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_account_for(request.user, person_id)
    if not person.is_active and ConfirmForm(request.POST).is_valid():
        people.reactivate(by=request.user, person=person)
        messages.success(request, _("Kontoen er aktiv igen."))
    return redirect("person_detail", person.pk)


@declare("hr", method="POST")
@require_POST
def resend_invitation(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_account_for(request.user, person_id)
    if person.is_active and person.email and ConfirmForm(request.POST).is_valid():
        people.resend_invitation(by=request.user, person=person)
        messages.success(
            request, _("Invitationen er sendt til %(email)s.") % {"email": person.email}
        )
    return redirect("person_detail", person.pk)


@declare("hr", method="POST")
@require_POST
def lend(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for(request.user, person_id)
    form = LendForm(request.POST, user=request.user)
    if not form.is_valid():
        return person_page(request, person, lend_form=form, status=400)
    people.lend_facilitator(by=request.user, person=person, workshop=form.cleaned_data["workshop"])
    messages.success(request, _("Personen er facilitator for workshoppen og ser kun den."))
    return redirect("person_detail", person.pk)


@declare("hr", method="POST")
@require_POST
def lend_end(request: HttpRequest, person_id: int, workshop_id: int) -> HttpResponse:
    from workshops.models import Workshop

    person = get_person_for(request.user, person_id)
    try:
        workshop = Workshop.objects.select_related("unit").get(pk=workshop_id)
    except Workshop.DoesNotExist:
        raise Http404 from None
    permissions.check_people(request.user, workshop.unit)
    # already someone else's (or no one's): nothing to end, the page shows how it stands
    if workshop.facilitator_id == person.pk and ConfirmForm(request.POST).is_valid():
        people.end_facilitation(by=request.user, person=person, workshop=workshop)
        messages.success(request, _("Personen er ikke længere facilitator for workshoppen."))
    return redirect("person_detail", person.pk)


class InviteConfirmView(auth_views.PasswordResetConfirmView):
    """The invitation's link: Django's own reset-confirm view with Django's token, in the
    invitation's words. A deactivated account's link does nothing."""

    template_name = "units/invite_confirm.html"
    success_url = reverse_lazy("login")
    reset_url_token = "vaelg-adgangskode"

    def get_user(self, uidb64):
        person = super().get_user(uidb64)
        return person if person is not None and person.is_active else None

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Din adgangskode er gemt. Log ind med den nu."))
        return response


invite_confirm = declare("public")(InviteConfirmView.as_view())
