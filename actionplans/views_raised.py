"""What units raise to MED and HR: one list of the items in the user's scope, where MED and
HR acknowledge and answer (units.permissions.can_answer_raised). The answer shows back on the
unit's plans page. The trio sends a workshop's left-side themes on from its plans page."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units import permissions
from units.permissions import declare
from workshops.models import Workshop

from . import queries, raised
from .forms import RaisedAnswerForm, RaiseThemesForm
from .models import RaisedItem

ITEMS_PER_PAGE = 25


@declare("login")
def raised_list(request: HttpRequest) -> HttpResponse:
    items = queries.raised_items(permissions.filter_for(request.user, RaisedItem.objects.all()))
    status = request.GET.get("status", "")
    if status in RaisedItem.Status.values:
        items = items.filter(status=status)
    page = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("side"))
    for item in page:
        item.may_answer = permissions.can_answer_raised(request.user, item.unit)
        if item.may_answer:
            item.answer_form = RaisedAnswerForm(
                initial={"answer": item.answer}, prefix=f"r{item.pk}"
            )
    return render(
        request,
        "actionplans/raised_list.html",
        {"page": page, "status": status, "statuses": RaisedItem.Status.choices},
    )


def _item(request, raised_item_id) -> RaisedItem:
    try:
        item = RaisedItem.objects.select_related("unit").get(pk=raised_item_id)
    except RaisedItem.DoesNotExist:
        from django.http import Http404

        raise Http404 from None
    permissions.check_answer_raised(request.user, item.unit)
    return item


def _back(item) -> HttpResponse:
    return redirect(reverse("actionplans:raised_list") + f"#raised-{item.pk}")


@declare("raised_answer", method="POST")
@require_POST
def raised_acknowledge(request: HttpRequest, raised_item_id: int) -> HttpResponse:
    item = _item(request, raised_item_id)
    raised.acknowledge(item, user=request.user)
    messages.success(request, _("“%(title)s” er markeret som modtaget.") % {"title": item.title})
    return _back(item)


@declare("raised_answer", method="POST")
@require_POST
def raised_answer(request: HttpRequest, raised_item_id: int) -> HttpResponse:
    item = _item(request, raised_item_id)
    form = RaisedAnswerForm(request.POST, prefix=f"r{item.pk}")
    if not form.is_valid():
        item.may_answer, item.answer_form = True, form
        return render(
            request,
            "actionplans/raised_answer.html",
            {"item": item, "form": form},
            status=400,
        )
    raised.answer(item, form.cleaned_data["answer"], user=request.user)
    messages.success(request, _("Svaret er sendt til enheden."))
    return _back(item)


@declare("unit_change", method="POST")
@require_POST
def raise_themes(request: HttpRequest, workshop_id: int) -> HttpResponse:
    """The trio sends the matrix's left-side themes on to MED/HR ("løftes videre")."""
    workshop = permissions.get_for_unit(
        request.user, Workshop.objects.all(), "change", pk=workshop_id
    )
    form = RaiseThemesForm(request.POST, themes=raised.themes_to_raise(workshop))
    back = reverse("actionplans:plan_list", args=[workshop.unit_id]) + "#raised"
    if not form.is_valid():
        messages.error(request, form.errors["themes"][0])
        return redirect(back)
    made = raised.raise_themes(workshop, form.chosen())
    messages.success(request, _("%(n)s tema(er) er sendt videre til MED og HR.") % {"n": len(made)})
    return redirect(back)
