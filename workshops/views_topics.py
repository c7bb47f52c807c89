"""Before the day (seed 004, steps 1–7): the planning group's theme page, answer cards and
follow-up timeline, and the employee's answer card behind a link without an account.

The planning group is the unit's trio (leader plus employee representatives) and HR: the
"change" rule of units.permissions. The tally with the employees' reasons is theirs only
(unit_change); the timeline is read by whoever may read the workshop's preparation."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from units.permissions import declare

from . import topic_choice
from .forms_topics import BallotCountForm, TimelineFormSet, TopicAnswerForm, TopicPickForm
from .views_prepare import _page, _to, _workshop


def ballot_url(request, ballot) -> str:
    return request.build_absolute_uri(reverse("topic_ballot", args=[ballot.token]))


def _qr_inline(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_inline(scale=3, border=2, omitsize=True)


# --- the planning group's theme page ----------------------------------------------------


def _no_topics(request, workshop) -> HttpResponse:
    messages.error(request, _("Workshoppens metode har ingen temaer, der skal vælges på forhånd."))
    return _to("topic_choice", workshop)


def _topics_page(request, workshop, *, pick_form=None, count_form=None, status=200):
    answered, cards = topic_choice.ballot_counts(workshop)
    tally = topic_choice.tally(workshop)
    counts = {row.key: row.count for rows in tally.values() for row in rows}
    if pick_form is None and workshop.topic_choices:
        initial = {}
        for kind in topic_choice.KINDS:
            chosen = workshop.topics.get(kind) if isinstance(workshop.topics, dict) else None
            if chosen:
                initial[kind] = chosen.get("key")
                found = topic_choice.topic(workshop, chosen.get("key", ""))
                if found and found.get("own_text"):
                    initial[f"{kind}_own"] = chosen.get("title", "")
        pick_form = TopicPickForm(workshop=workshop, initial=initial, counts=counts)
    return render(
        request,
        "workshops/topic_choice.html",
        _page(
            request,
            workshop,
            offers=topic_choice.offers_topics(workshop),
            tally=[
                {"kind": kind, "label": topic_choice.KINDS[kind], "rows": rows}
                for kind, rows in tally.items()
            ],
            picked=[
                {"label": topic_choice.KINDS[kind], "title": topic_choice.picked(workshop, kind)}
                for kind in topic_choice.kinds_of(workshop)
            ],
            answered=answered,
            cards=cards,
            pick_form=pick_form,
            count_form=count_form or BallotCountForm(),
        ),
        status=status,
    )


def _counts(workshop) -> dict[str, int]:
    return {row.key: row.count for rows in topic_choice.tally(workshop).values() for row in rows}


@declare("unit_change")
def topic_choice_page(request: HttpRequest, workshop_id: int) -> HttpResponse:
    return _topics_page(request, _workshop(request, workshop_id, "change"))


@declare("unit_change", method="POST")
@require_POST
def topic_ballots_add(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id, "change")
    if not topic_choice.offers_topics(workshop):
        return _no_topics(request, workshop)
    form = BallotCountForm(request.POST)
    if not form.is_valid():
        return _topics_page(request, workshop, count_form=form, status=400)
    made = topic_choice.add_ballots(workshop, form.cleaned_data["count"])
    if made:
        messages.success(
            request,
            _("%(count)s svarkort er lavet. Udskriv dem, og giv ét til hver medarbejder.")
            % {"count": len(made)},
        )
    else:
        messages.error(
            request,
            _("Der er allerede %(max)s svarkort, og der kan ikke laves flere.")
            % {"max": topic_choice.MAX_BALLOTS},
        )
    return _to("topic_choice", workshop, "#cards")


@declare("unit_change")
def topic_slips(request: HttpRequest, workshop_id: int) -> HttpResponse:
    """A print page of the unused answer cards, each with its QR code and link."""
    workshop = _workshop(request, workshop_id, "change")
    slips = [
        {"url": ballot_url(request, ballot), "qr": _qr_inline(ballot_url(request, ballot))}
        for ballot in workshop.topic_ballots.filter(used=False)
    ]
    return render(request, "workshops/topic_slips.html", _page(request, workshop, slips=slips))


@declare("unit_change", method="POST")
@require_POST
def topic_pick(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id, "change")
    if not topic_choice.offers_topics(workshop):
        return _no_topics(request, workshop)
    if "clear" in request.POST:
        topic_choice.unpick(workshop)
        messages.success(request, _("Valget af temaer er fortrudt."))
        return _to("topic_choice", workshop, "#pick")
    form = TopicPickForm(request.POST, workshop=workshop, counts=_counts(workshop))
    if not form.is_valid():
        return _topics_page(request, workshop, pick_form=form, status=400)
    topic_choice.pick(workshop, form.chosen())
    if workshop.invitation_text:  # their own text does not follow the pick
        messages.warning(
            request,
            _(
                "Temaerne er valgt. I har rettet invitationen selv, så temaerne står ikke i "
                "den: skriv dem ind, eller sæt invitationen tilbage til standardteksten."
            ),
        )
    else:
        messages.success(
            request,
            _("Temaerne er valgt. Invitationen nævner dem nu – se den igennem, og send den ud."),
        )
    return _to("topic_choice", workshop, "#pick")


# --- the follow-up timeline --------------------------------------------------------------


@declare("workshop_view")
def timeline(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id)
    return render(
        request,
        "workshops/timeline.html",
        _page(request, workshop, steps=topic_choice.timeline(workshop)),
    )


@declare("unit_change")
def timeline_edit(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = _workshop(request, workshop_id, "change")
    if request.method == "POST" and "reset" in request.POST:
        topic_choice.reset_timeline(workshop)
        messages.success(request, _("Tidsplanen er sat tilbage til metodens trin."))
        return _to("timeline", workshop)
    steps = [step for step in topic_choice.timeline(workshop)]
    # the rows in the stored order, so a row's offset stays with it
    stored = sorted(steps, key=lambda s: s.index)
    initial = [{"title": s.title, "who": s.who, "date": s.date} for s in stored]
    formset = TimelineFormSet(request.POST or None, initial=initial, prefix="step")
    if request.method == "POST" and formset.is_valid():
        topic_choice.set_timeline(workshop, [form.cleaned_data for form in formset.forms])
        messages.success(request, _("Tidsplanen er gemt."))
        return _to("timeline", workshop)
    return render(
        request,
        "workshops/timeline_form.html",
        _page(request, workshop, formset=formset),
        status=400 if request.method == "POST" else 200,
    )


# --- the employee's answer card (no account) ----------------------------------------------


@declare("public")
@never_cache
def topic_ballot(request: HttpRequest, ballot_token: str) -> HttpResponse:
    """One answer card: the form while the card is unused, else a thank-you or a closed
    notice. Whoever holds the card's link may answer once; nothing names them."""
    ballot = topic_choice.open_ballot(ballot_token)
    if ballot is None:
        raise Http404
    workshop = ballot.workshop
    context = {"workshop": workshop, "unit": workshop.unit, "ballot": ballot}
    if ballot.used:
        return render(request, "workshops/topic_ballot.html", {**context, "state": "used"})
    if not topic_choice.may_answer(ballot):
        return render(request, "workshops/topic_ballot.html", {**context, "state": "closed"})
    form = TopicAnswerForm(request.POST or None, workshop=workshop)
    if request.method == "POST" and form.is_valid():
        if not topic_choice.answer(ballot, form.cleaned_data):
            return render(request, "workshops/topic_ballot.html", {**context, "state": "used"})
        return render(request, "workshops/topic_ballot.html", {**context, "state": "thanks"})
    return render(
        request,
        "workshops/topic_ballot.html",
        {**context, "state": "open", "form": form},
        status=400 if request.method == "POST" else 200,
    )
