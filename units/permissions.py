"""The one place that answers "may this user see / change this unit's things".

Rules (issue #2):
- HR: view and change everything in the subtree of the unit where they hold the HR role
  (usually the organisation root). Superusers count as HR everywhere.
- MED members: view their unit and everything below it; never change.
- The trio (leader, TR, AMR): view and change their own unit.
- A workshop's facilitator (the user named on the workshop; usually one holding the
  facilitator role on a unit above, who may come from another unit): runs that workshop's
  live session and reads its preparation, nothing else of the unit
  (workshops/permissions.py). The facilitator role itself only makes a user one the trio
  can name.
- Everyone else: nothing.

Views look objects up through `get_unit_for` / `get_for_unit` and never test roles
themselves; templates receive booleans from views and never decide access.

Each view also *declares* its rule with `declare(...)`; tests/test_access.py walks every URL
pattern and checks each kind of user's answer against the declared rule, so a view whose
behaviour and declaration disagree, or a new view with no declaration, fails the suite.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from .models import TRIO_ROLES, Role, Unit

Action = Literal["view", "change"]

# What a view declares. The access test knows the expected answer of each rule for each
# kind of user (see tests/test_access.py: EXPECTED).
RULES = {
    "public": "anyone, also without login",
    "login": "any logged-in user",
    "unit_view": "users who may view the unit in the URL",
    "unit_change": "users who may change the unit in the URL",
    "hr": "HR only",
    "oversight": "HR and MED members, each reading their own scope (the overview, HR's exports)",
    "token": "holders of a participant cookie or a signed screen key (no login involved)",
    "raised_answer": "MED and HR over the unit in the URL: they answer what it raises to them",
    "people": "HR over the unit in the URL: its people and roles (MED and the trio see it, no)",
    "workshop_view": "users who may view the workshop's unit, and the workshop's facilitator",
    "facilitate": "users who may change the workshop's unit, and the workshop's facilitator",
}


def declare(rule: str, *, method: str = "GET"):
    """Mark a view with its access rule (for the all-URLs access test).

    `method` is the HTTP method the test uses to call it: POST for views that only accept
    POST (they answer 405 to a GET before any permission check could show)."""
    if rule not in RULES:
        raise ValueError(f"Unknown access rule {rule!r}")

    def mark(view):
        view.access_rule = rule
        view.access_method = method
        if rule in ("public", "token"):
            view = login_not_required(view)
        return view

    return mark


@dataclass(frozen=True)
class Scope:
    """What one user may reach, read once per request from their memberships."""

    everything: bool = False
    hr_paths: tuple[str, ...] = ()
    med_paths: tuple[str, ...] = ()
    trio_unit_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_hr(self) -> bool:
        return self.everything or bool(self.hr_paths)

    @property
    def oversees(self) -> bool:
        """HR or MED somewhere: follows the plans of a subtree (the overview, HR's exports)."""
        return self.is_hr or bool(self.med_paths)

    def can(self, action: Action, unit: Unit) -> bool:
        if self.everything or unit.path.startswith(self.hr_paths or ("\0",)):
            return True
        if unit.pk in self.trio_unit_ids:
            return True
        return action == "view" and unit.path.startswith(self.med_paths or ("\0",))

    def units_q(self, action: Action, prefix: str = "") -> Q:
        """A filter for a queryset of units (or of things with `prefix` = "unit__")."""
        if self.everything:
            return Q()
        query = Q(**{f"{prefix}pk__in": list(self.trio_unit_ids)})
        paths = self.hr_paths + (self.med_paths if action == "view" else ())
        for path in paths:
            query |= Q(**{f"{prefix}path__startswith": path})
        return query


def scope_for(user) -> Scope:
    if not user.is_authenticated or not user.is_active:
        return Scope()
    cached = getattr(user, "_trivsel_scope", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        scope = Scope(everything=True)
    else:
        hr, med, trio = [], [], set()
        for role, unit_id, path in user.memberships.values_list("role", "unit_id", "unit__path"):
            if role == Role.HR:
                hr.append(path)
            elif role == Role.MED:
                med.append(path)
            elif role in TRIO_ROLES:
                trio.add(unit_id)
        scope = Scope(hr_paths=tuple(hr), med_paths=tuple(med), trio_unit_ids=frozenset(trio))
    user._trivsel_scope = scope
    return scope


def can(user, action: Action, unit: Unit) -> bool:
    return scope_for(user).can(action, unit)


def is_hr(user) -> bool:
    return scope_for(user).is_hr


def units_for(user, action: Action = "view") -> QuerySet[Unit]:
    scope = scope_for(user)
    if not (scope.everything or scope.hr_paths or scope.med_paths or scope.trio_unit_ids):
        return Unit.objects.none()
    return Unit.objects.filter(scope.units_q(action))


def filter_for(user, queryset: QuerySet, action: Action = "view", unit_field: str = "unit"):
    """Restrict a queryset of things that belong to a unit to what the user may reach."""
    scope = scope_for(user)
    if not (scope.everything or scope.hr_paths or scope.med_paths or scope.trio_unit_ids):
        return queryset.none()
    return queryset.filter(scope.units_q(action, prefix=f"{unit_field}__"))


def check(user, action: Action, unit: Unit) -> None:
    """404 when the user may not even see the unit (its existence is not revealed),
    403 when they may see it but not do `action`."""
    if not can(user, "view", unit):
        raise Http404
    if not can(user, action, unit):
        raise PermissionDenied


def get_unit_for(user, unit_id, action: Action = "view") -> Unit:
    try:
        unit = Unit.objects.get(pk=unit_id)
    except Unit.DoesNotExist:
        raise Http404 from None
    check(user, action, unit)
    return unit


def get_for_unit(
    user, queryset: QuerySet, action: Action = "view", unit_field: str = "unit", **lookup
) -> Model:
    """Fetch one object that belongs to a unit, checking the user's right to `action` it."""
    try:
        obj = queryset.select_related(unit_field).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None
    unit = obj
    for part in unit_field.split("__"):
        unit = getattr(unit, part)
    check(user, action, unit)
    return obj


def require_hr(user) -> None:
    if not is_hr(user):
        raise PermissionDenied


def follows_units(user) -> bool:
    """HR and MED follow plans across units (the overview, HR's exports); the trio follows
    its own unit."""
    return scope_for(user).oversees


def require_oversight(user) -> None:
    """HR or MED; what they then read is narrowed by `filter_for`."""
    if not follows_units(user):
        raise PermissionDenied


def filter_people_for(user, queryset: QuerySet, user_field: str = "user") -> QuerySet:
    """Rows about people (the audit log of logins) that this user may read: HR reads the
    rows of people who hold a role in their subtree; superusers read every row, also those
    about no known person (a mistyped or guessed username). Everyone else reads none."""
    scope = scope_for(user)
    if scope.everything:
        return queryset
    if not scope.hr_paths:
        return queryset.none()
    units = Unit.objects.filter(scope.units_q("change"))
    return queryset.filter(**{f"{user_field}__memberships__unit__in": units}).distinct()


def can_answer_raised(user, unit: Unit) -> bool:
    """MED and HR over a unit acknowledge and answer what it raises to them (seeds 000, 001,
    004: O-items go to MED/HR). The one change MED makes: answering is what an item is raised
    to MED for; it changes nothing of the unit's own. The trio raises, it does not answer."""
    scope = scope_for(user)
    if scope.everything or unit.path.startswith(scope.hr_paths or ("\0",)):
        return True
    return unit.path.startswith(scope.med_paths or ("\0",))


def check_answer_raised(user, unit: Unit) -> None:
    """404 when the unit is out of sight, 403 when it is seen but not answered for."""
    if not can(user, "view", unit):
        raise Http404
    if not can_answer_raised(user, unit):
        raise PermissionDenied


def people_for(user, queryset: QuerySet) -> QuerySet:
    """The user accounts HR administers: people who hold a role in HR's subtree (a queryset
    of users). Superusers reach every account; everyone else none."""
    scope = scope_for(user)
    if scope.everything:
        return queryset
    if not scope.hr_paths:
        return queryset.none()
    from .models import Membership

    inside = Membership.objects.filter(unit__in=Unit.objects.filter(scope.units_q("change")))
    return queryset.filter(pk__in=inside.values("user_id"))


def can_change_person(user, person) -> bool:
    """HR changes an account (name, e-mail, active) only when the whole person is inside its
    subtree: every role they hold is there. A leader who is also on another department's
    MED, or an HR consultant above, is read-only to a department's HR: a change would reach
    beyond its scope. Superusers' accounts are changed by superusers only."""
    scope = scope_for(user)
    if scope.everything:
        return True
    if not scope.hr_paths or person.is_superuser:
        return False
    paths = list(person.memberships.values_list("unit__path", flat=True))
    return bool(paths) and all(path.startswith(scope.hr_paths) for path in paths)


# --- people and roles (issue 23, item 2) ----------------------------------------------------
# HR manages the people and roles of its subtree only; MED and the trio never do. The rule
# is HR's paths alone: an HR consultant who is also a leader of a unit elsewhere manages no
# one in that unit (units_for(user, "change") would also hold the trio's own units).


def hr_units(user) -> QuerySet[Unit]:
    """The units HR administers (issue 23): the subtrees where the user holds the HR role, all
    units for superusers. A trio role elsewhere adds nothing here. The organisation import may
    change these and nothing else, and the export reads these."""
    scope = scope_for(user)
    if scope.everything:
        return Unit.objects.all()
    if not scope.hr_paths:
        return Unit.objects.none()
    query = Q(pk__in=[])
    for path in scope.hr_paths:
        query |= Q(path__startswith=path)
    return Unit.objects.filter(query)


def manages_people(user, unit: Unit) -> bool:
    scope = scope_for(user)
    return scope.everything or unit.path.startswith(scope.hr_paths or ("\0",))


def check_people(user, unit: Unit) -> None:
    """As `check`: 404 when the unit is out of sight, 403 when seen but its people are not
    this user's to manage (MED, the trio)."""
    if not can(user, "view", unit):
        raise Http404
    if not manages_people(user, unit):
        raise PermissionDenied


def people_managed_by(user, queryset: QuerySet) -> QuerySet:
    """The people HR finds and reads: everyone who holds or held a role in its subtree. The
    ended roles count, so a person whose last role HR just ended can still be found,
    deactivated or given a role again."""
    scope = scope_for(user)
    if scope.everything:
        return queryset
    if not scope.hr_paths:
        return queryset.none()
    from .models import Membership

    held = Membership.history.filter(unit__in=hr_units(user))
    return queryset.filter(pk__in=held.values("user_id"))


def may_manage_account(user, person) -> bool:
    """HR changes an account (deactivates, re-activates, re-sends the invitation) only when
    the whole person is inside its subtree: every current role, or, with none left, a past
    one. Never their own account (another HR or a superuser does: nobody widens or ends
    their own access) and never a superuser's."""
    scope = scope_for(user)
    if person.pk == user.pk:
        return False
    if scope.everything:
        return True
    if not scope.hr_paths or person.is_superuser:
        return False
    from .models import Membership

    current = list(person.memberships.values_list("unit__path", flat=True))
    if current:
        return all(path.startswith(scope.hr_paths) for path in current)
    past = Membership.history.filter(user=person).values_list("unit__path", flat=True)
    return any(path.startswith(scope.hr_paths) for path in past)
