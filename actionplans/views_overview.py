"""HR and MED follow every unit's plans: the overview of a round, what recurs across units,
and each person's reminders (issue 12)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.vary import vary_on_headers

from surveys.models import Round
from units import permissions
from units.permissions import declare

from . import queries, reminders
from .models import ReminderPreference, ReminderStop
from .overview_forms import OverviewFilterForm, ReminderPreferenceForm, ReminderStopForm

ROWS_PER_PAGE = 50
RAISED_PER_PAGE = 25


def rounds_for(user):
    """The rounds of the organisations the user follows units in, newest first."""
    units = permissions.units_for(user)
    return (
        Round.objects.filter(Exists(units.filter(path__startswith=OuterRef("organisation__path"))))
        .select_related("organisation")
        .order_by("-survey_opens", "-pk")
    )


def _round_for(user, round_id) -> Round:
    permissions.require_oversight(user)
    try:
        return rounds_for(user).get(pk=round_id)
    except Round.DoesNotExist:
        raise Http404 from None


@declare("oversight")
@never_cache
def overview_index(request: HttpRequest) -> HttpResponse:
    """The newest round's overview; an empty page while there is no round."""
    permissions.require_oversight(request.user)
    newest = rounds_for(request.user).first()
    if newest is not None:
        return redirect("actionplans:overview", round_id=newest.pk)
    return render(request, "actionplans/overview/no_rounds.html")


@declare("oversight")
@never_cache
@vary_on_headers("HX-Request")
def overview(request: HttpRequest, round_id: int) -> HttpResponse:
    round_ = _round_for(request.user, round_id)
    rows = queries.overview_rows(round_, permissions.units_for(request.user))
    departments = sorted(
        {(row.department_id, row.department_name) for row in rows if row.department_id},
        key=lambda item: item[1].casefold(),
    )
    form = OverviewFilterForm(request.GET or None, departments=departments)
    shown = queries.sort_rows(queries.filter_rows(rows, **form.filters()), form.order())
    per_department, overall = queries.department_totals(shown)
    page = Paginator(shown, ROWS_PER_PAGE).get_page(request.GET.get("side"))
    template = "actionplans/overview/overview.html"
    if request.htmx:
        template += "#results"
    return render(
        request,
        template,
        {
            "round": round_,
            "rounds": rounds_for(request.user),
            "form": form,
            "page": page,
            "order": form.order(),
            "all_count": len(rows),
            "headline": queries.headline(round_, rows),
            "per_department": per_department,
            "overall": overall,
            "stages": queries.Stage.choices,
        },
    )


@declare("oversight")
@never_cache
def across(request: HttpRequest, round_id: int) -> HttpResponse:
    """What recurs across the units of a round, and whether the scores moved."""
    round_ = _round_for(request.user, round_id)
    units = permissions.units_for(request.user)
    titles, survey_themes = queries.recurring_plan_themes(round_, units)
    items = queries.round_raised_items(round_, units)
    later = queries.later_round(round_)
    return render(
        request,
        "actionplans/overview/across.html",
        {
            "round": round_,
            "rounds": rounds_for(request.user),
            "titles": titles[:20],
            "title_count": len(titles),
            "survey_themes": survey_themes,
            "factors": queries.factor_counts(round_, units),
            "levels": queries.level_counts(round_, units),
            "raised_page": Paginator(items, RAISED_PER_PAGE).get_page(request.GET.get("side")),
            "raised_counts": queries.raised_status_counts(items),
            "later": later,
            "effects": queries.effects(round_, later, units),
        },
    )


@declare("login")
@never_cache
def reminder_preferences(request: HttpRequest) -> HttpResponse:
    """What reminders this user gets, what they have been sent, and a way to stop them."""
    preference = ReminderPreference.objects.filter(user=request.user).first()
    preference = preference or ReminderPreference(user=request.user)
    form = ReminderPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Dine valg af påmindelser er gemt."))
        return redirect("actionplans:reminder_preferences")
    email = request.user.email.strip().lower()
    return render(
        request,
        "actionplans/overview/preferences.html",
        {
            "form": form,
            "email": email,
            "stopped": bool(email) and ReminderStop.objects.filter(email=email).exists(),
            "stop_key": reminders.stop_key(email) if email else "",
            "sent": reminders.sent_to(email, request.user)[:50],
        },
    )


@declare("public")
@never_cache
def reminder_stop(request: HttpRequest, stop_key: str) -> HttpResponse:
    """The link in every reminder: see what this address has received, stop or start again.
    No login: a tovholder often has no account. The address's secret is the only key; a link
    from a mail sent before the secrets (the signed address) can only stop, and shows nothing."""
    email = reminders.email_from_stop_key(stop_key)
    legacy = email is None
    if legacy:
        email = reminders.email_from_legacy_stop_key(stop_key)
    if email is None:
        return render(request, "actionplans/overview/stop_invalid.html", status=400)
    form = ReminderStopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["action"] == "stop":
            ReminderStop.objects.get_or_create(email=email)
            messages.success(request, _("Der bliver ikke sendt flere påmindelser til adressen."))
        elif not legacy:  # an old link only stops
            ReminderStop.objects.filter(email=email).delete()
            messages.success(request, _("Påmindelserne til adressen er slået til igen."))
        return redirect("actionplans:reminder_stop", stop_key=stop_key)
    return render(
        request,
        "actionplans/overview/stop.html",
        {
            "legacy": legacy,
            "email": "" if legacy else email,
            "stopped": ReminderStop.objects.filter(email=email).exists(),
            "sent": [] if legacy else reminders.sent_to(email)[:20],
        },
    )
