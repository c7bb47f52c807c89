"""HR's changes to people and roles (issue 23, item 2): invite, add and change roles, end a
role, deactivate and re-activate an account, lend a facilitator to one workshop.

Each function does one change and writes it to the change log (Django's admin LogEntry, the
log HR already reads in the admin): who (`by`), when, which person, and what in Danish. The
views check who may do it (units.permissions: check_people, may_manage_account) before
calling; these functions trust their arguments.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from trivsel.safe_text import header_text

from .models import Membership, Role, Unit

User = get_user_model()

# Django's own reset token (default_token_generator) carries the invitation; it is valid
# for settings.PASSWORD_RESET_TIMEOUT (3 days, Django's default) and dies as soon as the
# password is set or the person logs in.
INVITE_VALID_DAYS = 3


def log(by, person, message: str, *, flag=CHANGE) -> None:
    """One entry in the change log about `person`, written by `by`."""
    LogEntry.objects.log_actions(by.pk, [person], flag, message, single_object=True)


def describe(membership: Membership) -> str:
    return f"{membership.get_role_display()}, {membership.unit.name}"


def invite_url(person) -> str:
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    path = reverse("invite_confirm", kwargs={"uidb64": uid, "token": token})
    return settings.SITE_URL.rstrip("/") + path


def send_invitation(person, *, by, unit: Unit, role: str) -> None:
    """The invitation mail, in Danish: who invited, in which role, and the link to choose a
    password (3 days)."""
    context = {
        "person": person,
        "inviter": by.get_full_name() or by.get_username(),
        "unit": unit.name,
        "role": Role(role).label,
        "url": invite_url(person),
        "days": INVITE_VALID_DAYS,
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("units/email/invite_subject.txt", context).strip()
        body = render_to_string("units/email/invite.txt", context)
    send_mail(
        subject=header_text(subject),
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[person.email],
    )


@transaction.atomic
def invite(*, by, email: str, first_name: str, last_name: str, unit: Unit, role: str):
    """A new account (username = the e-mail address) with a role in `unit`, and the mail
    with the link to choose a password. The account's password is a random one nobody knows,
    so Django's own "forgot password" also works for them once the invitation has expired."""
    person = User(
        username=email, email=email, first_name=first_name, last_name=last_name, is_active=True
    )
    person.set_password(secrets.token_urlsafe(32))
    person.save()
    membership = Membership.objects.create(user=person, unit=unit, role=role)
    log(
        by,
        person,
        _("Inviteret som %(role)s. Mail med link til at vælge adgangskode sendt.")
        % {"role": describe(membership)},
        flag=ADDITION,
    )
    # sent last, inside the transaction: a mail that cannot be sent leaves no account behind
    send_invitation(person, by=by, unit=unit, role=role)
    return person


def resend_invitation(*, by, person) -> None:
    membership = person.memberships.select_related("unit").first()
    if membership is None:
        membership = Membership.history.filter(user=person).select_related("unit").last()
    send_invitation(person, by=by, unit=membership.unit, role=membership.role)
    log(by, person, _("Invitationen er sendt igen."))


def add_role(*, by, person, unit: Unit, role: str) -> Membership:
    """A current role; asking for one the person already holds changes nothing."""
    membership, created = Membership.objects.get_or_create(user=person, unit=unit, role=role)
    if created:
        log(by, person, _("Rolle tilføjet: %(role)s.") % {"role": describe(membership)})
    return membership


@transaction.atomic
def change_role(*, by, membership: Membership, role: str) -> Membership:
    """A new role in the same unit: the old one ends today (its row stays for the history)
    and the new one starts."""
    if membership.role == role:
        return membership
    old = describe(membership)
    membership.end(timezone.localdate())
    new, _created = Membership.objects.get_or_create(
        user=membership.user, unit=membership.unit, role=role
    )
    log(
        by,
        membership.user,
        _("Rolle skiftet: %(old)s → %(new)s.") % {"old": old, "new": describe(new)},
    )
    return new


def end_membership(*, by, membership: Membership) -> None:
    membership.end(timezone.localdate())
    log(by, membership.user, _("Rolle afsluttet: %(role)s.") % {"role": describe(membership)})


def reopen_membership(*, by, membership: Membership) -> bool:
    """Undo an ended role (a slip): it is current again, unless the person already holds the
    same role there again (then nothing changes)."""
    if Membership.objects.filter(
        user=membership.user, unit=membership.unit, role=membership.role
    ).exists():
        return False
    membership.ended_on = None
    membership.save(update_fields=["ended_on"])
    log(by, membership.user, _("Rolle genoptaget: %(role)s.") % {"role": describe(membership)})
    return True


def deactivate(*, by, person) -> None:
    """The account can no longer log in; nothing is deleted (their names on plans and in the
    logs stay). Their personal tovholder links die with it (actionplans.links)."""
    person.is_active = False
    person.save(update_fields=["is_active"])
    log(by, person, _("Konto deaktiveret."))


def reactivate(*, by, person) -> None:
    person.is_active = True
    person.save(update_fields=["is_active"])
    log(by, person, _("Konto aktiveret igen."))


def lend_facilitator(*, by, person, workshop) -> None:
    """Make `person` the workshop's facilitator: they run that one workshop's live session
    and read its preparation, nothing else (workshops.permissions). A free-text facilitator
    name gives way to the account."""
    previous = workshop.facilitator
    workshop.facilitator = person
    workshop.facilitator_name = ""
    workshop.save(update_fields=["facilitator", "facilitator_name"])
    message = _("Lånt som facilitator til én workshop: %(workshop)s (%(unit)s).") % {
        "workshop": workshop.title,
        "unit": workshop.unit.name,
    }
    log(by, person, message)
    if previous is not None and previous.pk != person.pk:
        log(
            by,
            previous,
            _("Ikke længere facilitator for workshoppen %(workshop)s (%(unit)s).")
            % {"workshop": workshop.title, "unit": workshop.unit.name},
        )


def end_facilitation(*, by, person, workshop) -> None:
    workshop.facilitator = None
    workshop.save(update_fields=["facilitator"])
    log(
        by,
        person,
        _("Ikke længere facilitator for workshoppen %(workshop)s (%(unit)s).")
        % {"workshop": workshop.title, "unit": workshop.unit.name},
    )
