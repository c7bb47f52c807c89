"""The links that reach plans without a login, and the trio's pages to make them.

- A tovholder's personal link (/t/<token>/): a phone page with their own activities only,
  where they move the status arrow and comment. Declared "public": whoever holds a live link
  gets the page, as with the wall link; a rotated or revoked token is a 404, and so is a link
  whose holder's access has ended (membership or account gone, or, for a free-text name, no
  open activity left). The trio's list shows each link as live or ended, and why.
- The staff-room board (/tavle/<token>/): read-only, large type, polls a cheap signature every
  2 s and fetches its regions only when something changed; never post-it authors or scores.
"""

import io
import logging

import segno
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from trivsel.text import shorten
from units import permissions
from units.permissions import declare

from . import links, queries
from .forms import TovholderEmailForm
from .models import LinkState, Stage, Tovholder
from .progress import plan_percent, unit_percent
from .views import move_by_form, stage_context

BOARD_POLL_MS = 2000
logger = logging.getLogger(__name__)


def _qr(url: str, title: str) -> HttpResponse:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=8, border=2, title=title)
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


# --- the trio's page of tovholdere and their links ----------------------------------------


def _tovholder(request, unit_id, tovholder_id) -> Tovholder:
    """The unit's tovholder, with `link_state` (whether their link works, or why not)."""
    return permissions.get_for_unit(
        request.user,
        Tovholder.objects.with_link_state(),
        "change",
        pk=tovholder_id,
        unit_id=unit_id,
    )


def _link_works(tovholder) -> bool:
    return tovholder.link_state == LinkState.LIVE


def _link_ended(tovholder) -> bool:
    """The person's access has ended, so a link (old or new) does not work."""
    return tovholder.link_state not in (LinkState.LIVE, LinkState.NONE)


def tovholder_url(request, tovholder) -> str:
    if not tovholder.token:
        return ""
    return request.build_absolute_uri(reverse("tovholder_page", args=[tovholder.token]))


def _cannot_have_a_link(request, tovholder) -> None:
    messages.error(
        request,
        _("%(name)s’s link virker ikke: %(why)s.")
        % {"name": tovholder.name, "why": LinkState(tovholder.link_state).label.lower()},
    )


def _to_list(unit_id, tovholder=None) -> HttpResponse:
    anchor = f"#tovholder-{tovholder.pk}" if tovholder else ""
    return redirect(reverse("actionplans:tovholder_list", args=[unit_id]) + anchor)


@declare("unit_change")
def tovholder_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = permissions.get_unit_for(request.user, unit_id, "change")
    tovholdere = list(
        unit.tovholdere.with_link_state()
        .select_related("user")
        .prefetch_related("activities__plan")
        .order_by("name", "pk")
    )
    for tovholder in tovholdere:
        tovholder.url = tovholder_url(request, tovholder) if _link_works(tovholder) else ""
        tovholder.link_ended = _link_ended(tovholder)
        tovholder.email_form = TovholderEmailForm(
            initial={"email": tovholder.email}, prefix=f"t{tovholder.pk}"
        )
    return render(
        request, "actionplans/tovholder_list.html", {"unit": unit, "tovholdere": tovholdere}
    )


@declare("unit_change", method="POST")
@require_POST
def tovholder_link(request: HttpRequest, unit_id: int, tovholder_id: int) -> HttpResponse:
    """Make the link, or a new one in its place (the old one stops working)."""
    tovholder = _tovholder(request, unit_id, tovholder_id)
    if _link_ended(tovholder):  # a new link would not work either
        _cannot_have_a_link(request, tovholder)
        return _to_list(unit_id, tovholder)
    had_link = bool(tovholder.token)
    links.rotate_tovholder_link(tovholder)
    messages.success(
        request,
        _("Der er lavet et nyt link. Det gamle virker ikke længere.")
        if had_link
        else _("Linket er lavet."),
    )
    return _to_list(unit_id, tovholder)


@declare("unit_change")
def tovholder_revoke(request: HttpRequest, unit_id: int, tovholder_id: int) -> HttpResponse:
    tovholder = _tovholder(request, unit_id, tovholder_id)
    if request.method == "POST":
        links.revoke_tovholder_link(tovholder)
        messages.success(request, _("Linket er lukket."))
        return _to_list(unit_id, tovholder)
    return render(
        request,
        "actionplans/confirm.html",
        {
            "unit": tovholder.unit,
            "title": _("Luk tovholderens link"),
            "question": _(
                "Vil du lukke %(name)s’s personlige link? Det holder op med at virke med det "
                "samme; I kan lave et nyt bagefter."
            )
            % {"name": tovholder.name},
            "confirm": _("Ja, luk linket"),
            "cancel_url": reverse("actionplans:tovholder_list", args=[unit_id]),
        },
    )


@declare("unit_change", method="POST")
@require_POST
def tovholder_email(request: HttpRequest, unit_id: int, tovholder_id: int) -> HttpResponse:
    tovholder = _tovholder(request, unit_id, tovholder_id)
    form = TovholderEmailForm(request.POST, prefix=f"t{tovholder.pk}")
    if not form.is_valid():
        messages.error(request, form.errors["email"][0])
        return _to_list(unit_id, tovholder)
    tovholder.email = form.cleaned_data["email"]
    tovholder.save(update_fields=["email"])
    messages.success(request, _("E-mailadressen er gemt."))
    return _to_list(unit_id, tovholder)


@declare("unit_change", method="POST")
@require_POST
def tovholder_send(request: HttpRequest, unit_id: int, tovholder_id: int) -> HttpResponse:
    tovholder = _tovholder(request, unit_id, tovholder_id)
    if _link_ended(tovholder):
        _cannot_have_a_link(request, tovholder)
        return _to_list(unit_id, tovholder)
    if not tovholder.email or not tovholder.token:
        messages.error(request, _("Tovholderen skal have både et link og en e-mailadresse."))
        return _to_list(unit_id, tovholder)
    try:
        links.send_tovholder_link(tovholder, tovholder_url(request, tovholder))
    except OSError as error:  # the mail server cannot be reached or refuses (SMTPException)
        logger.warning("Tovholder link not sent to tovholder %s: %r", tovholder.pk, error)
        messages.error(
            request,
            _(
                "Mailen kunne ikke sendes, fordi mailserveren ikke svarer. Linket virker "
                "stadig: giv det til tovholderen på en anden måde (kopiér det eller vis "
                "QR-koden), eller prøv igen senere."
            ),
        )
        return _to_list(unit_id, tovholder)
    messages.success(request, _("Linket er sendt til %(email)s.") % {"email": tovholder.email})
    return _to_list(unit_id, tovholder)


@declare("unit_change")
def tovholder_qr(request: HttpRequest, unit_id: int, tovholder_id: int) -> HttpResponse:
    tovholder = _tovholder(request, unit_id, tovholder_id)
    if not _link_works(tovholder):
        return HttpResponse(status=410)  # closed or ended (the page itself may be seen)
    return _qr(tovholder_url(request, tovholder), _("QR-kode til tovholderens link"))


# --- the tovholder's own page (no login) ---------------------------------------------------


def _tovholder_context(tovholder, **extra) -> dict:
    return {
        "tovholder": tovholder,
        "unit": tovholder.unit,
        "activities": list(queries.tovholder_activities(tovholder)),
        **stage_context(),
        **extra,
    }


@declare("public")
@never_cache
def tovholder_page(request: HttpRequest, tovholder_token: str) -> HttpResponse:
    tovholder = links.tovholder_by_token(tovholder_token)
    # the token never leaves in a Referer: the site's policy is same-origin (a stricter
    # no-referrer makes the browser send "Origin: null", which CSRF refuses)
    return render(request, "actionplans/tovholder_page.html", _tovholder_context(tovholder))


@declare("public", method="POST")
@require_POST
@never_cache
def tovholder_stage(request: HttpRequest, tovholder_token: str, activity_id: int) -> HttpResponse:
    """The tovholder moves their own activity's arrow; another's activity is a 404."""
    tovholder = links.tovholder_by_token(tovholder_token)
    activity = links.own_activity(tovholder, activity_id)
    form, error = move_by_form(request, activity, by_name=tovholder.name)
    if form.is_valid() and not error:
        messages.success(
            request,
            _("Tak! “%(what)s” står nu som %(stage)s.")
            % {"what": shorten(activity.what, 60), "stage": Stage(activity.stage).label.lower()},
        )
        page = reverse("tovholder_page", args=[tovholder_token])
        return redirect(f"{page}#activity-{activity.pk}")
    context = _tovholder_context(
        tovholder, failed_pk=activity.pk, stage_form=form, stage_error=error
    )
    return render(request, "actionplans/tovholder_page.html", context, status=400)


# --- the staff-room board ------------------------------------------------------------------


@declare("unit_change", method="POST")
@require_POST
def board_link_rotate(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = permissions.get_unit_for(request.user, unit_id, "change")
    had_link = links.board_link(unit) is not None
    links.rotate_board_link(unit)
    messages.success(
        request,
        _("Der er lavet et nyt link til tavlen. Det gamle virker ikke længere.")
        if had_link
        else _("Linket til tavlen er lavet. Åbn det på skærmen i personalestuen."),
    )
    return redirect(reverse("actionplans:plan_list", args=[unit.pk]) + "#staff-board")


@declare("unit_change")
def board_link_revoke(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = permissions.get_unit_for(request.user, unit_id, "change")
    if request.method == "POST":
        links.revoke_board_link(unit)
        messages.success(request, _("Linket til tavlen er lukket."))
        return redirect(reverse("actionplans:plan_list", args=[unit.pk]) + "#staff-board")
    return render(
        request,
        "actionplans/confirm.html",
        {
            "unit": unit,
            "title": _("Luk tavlens link"),
            "question": _(
                "Vil du lukke linket til tavlen i personalestuen? Skærmen holder op med at vise "
                "planerne inden for få sekunder."
            ),
            "confirm": _("Ja, luk linket"),
            "cancel_url": reverse("actionplans:plan_list", args=[unit.pk]),
        },
    )


@declare("unit_change")
def board_qr(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = permissions.get_unit_for(request.user, unit_id, "change")
    link = links.board_link(unit)
    if link is None:
        return HttpResponse(status=410)  # no live link (never made, or closed)
    url = request.build_absolute_uri(reverse("staff_board", args=[link.token]))
    return _qr(url, _("QR-kode til tavlen"))


def _board_context(unit, token) -> dict:
    plans = list(queries.unit_plans(unit))
    for plan in plans:
        plan.percent = plan_percent(plan.activities.all())
        plan.done_count = sum(a.stage == Stage.DONE for a in plan.activities.all())
    done = [a for plan in plans for a in plan.activities.all() if a.stage == Stage.DONE]
    count = len(plans)
    return {
        "unit": unit,
        "plans": plans,
        "celebrated": sorted(done, key=lambda a: a.stage_changed_at or a.updated_at, reverse=True),
        "unit_percent": unit_percent([plan.activities.all() for plan in plans]),
        "signature": links.board_signature(unit),
        "board_token": token,
        "poll_ms": BOARD_POLL_MS,
        "fit": min(count, 9) if count else 1,
    }


@declare("public")
@never_cache
def staff_board(request: HttpRequest, board_token: str) -> HttpResponse:
    unit = links.unit_by_board_token(board_token)
    return render(request, "actionplans/staff_board.html", _board_context(unit, board_token))


@declare("public")
@never_cache
def staff_board_regions(request: HttpRequest, board_token: str) -> HttpResponse:
    """The board's poll: 204 while nothing changed, else its regions. A revoked link makes
    the screen reload into the "link closed" page."""
    try:
        unit = links.unit_by_board_token(board_token)
    except Http404:  # rotated or revoked
        response = HttpResponse(status=404)
        response["HX-Refresh"] = "true"
        return response
    since = request.GET.get("since")
    if since is None:  # not the board's poll: the board itself
        return redirect("staff_board", board_token=board_token)
    if since == links.board_signature(unit):
        return HttpResponse(status=204)
    return render(
        request, "actionplans/staff_board.html#regions", _board_context(unit, board_token)
    )
