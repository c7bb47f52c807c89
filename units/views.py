from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from workshops.permissions import workshops_facilitated_by

from . import permissions
from .forms import UnitSearchForm
from .models import Membership, Unit
from .permissions import declare

UNITS_PER_PAGE = 50


@declare("login")
def home(request: HttpRequest) -> HttpResponse:
    """What this user can act on: the trio their units, MED their subtree, HR everything, and
    a facilitator the workshops they run."""
    scope = permissions.scope_for(request.user)
    own = Unit.objects.filter(pk__in=scope.trio_unit_ids).select_related("parent")
    visible = permissions.units_for(request.user).exclude(pk__in=scope.trio_unit_ids)
    search = UnitSearchForm(request.GET)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    if query:
        visible = visible.filter(name__icontains=query) | visible.filter(code__iexact=query)
    page = Paginator(visible.select_related("parent"), UNITS_PER_PAGE).get_page(
        request.GET.get("side")
    )
    return render(
        request,
        "units/home.html",
        {
            "own_units": own,
            "facilitated": list(workshops_facilitated_by(request.user)),
            "page": page,
            "query": query,
            "search_error": next(iter(search.errors.get("q", [])), ""),
            "is_hr": scope.is_hr,
            "roles": Membership.objects.filter(user=request.user).select_related("unit"),
        },
    )


@declare("unit_view")
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = permissions.get_unit_for(request.user, unit_id, "view")
    return render(
        request,
        "units/unit_detail.html",
        {
            "unit": unit,
            "ancestors": unit.ancestors(),
            "children": permissions.units_for(request.user).filter(parent=unit),
            "members": unit.memberships.select_related("user").order_by("role"),
            "may_change": permissions.can(request.user, "change", unit),
            "manages_people": permissions.manages_people(request.user, unit),
        },
    )
