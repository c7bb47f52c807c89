"""The arrow's and the closing's own requests: the note-taker's answer as typed (saved with a
debounce by static/js/arrow.js, guarded by the plan's version), a phone's suggestion and a
phone's closing answers. The facilitator's other arrow actions are the tool's actions
(workshops/tools/arrow.py), answered by views.tool_action."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplans.actions import PlanConflict
from units.permissions import declare

from ..permissions import get_workshop_by_token, get_workshop_to_facilitate, require_participant
from . import arrow
from .actions import LiveError
from .forms_arrow import AnswerForm, ClosingAnswerForm, PickThemeForm, SuggestionForm
from .views import _is_script, _participant_reply, _run


def _answer_reply(request, workshop_id, payload, status=200) -> HttpResponse:
    if _is_script(request):
        return JsonResponse(payload, status=status)
    if "error" in payload:
        messages.error(request, payload["error"])
    return redirect("workshops:live", workshop_id=workshop_id)


@declare("facilitate", method="POST")
@require_POST
def arrow_answer(request: HttpRequest, workshop_id: int) -> HttpResponse:
    """One answer of the plan, as typed. A stale version gets 409 with the fresh text: the
    console shows both, never a silent overwrite."""
    workshop = get_workshop_to_facilitate(request.user, workshop_id)
    form = AnswerForm(request.POST, workshop=workshop)
    if not form.is_valid():
        return _answer_reply(request, workshop_id, {"error": form.first_error()}, 400)
    data = form.cleaned_data
    try:
        plan = arrow.save_answer(
            workshop.pk, data["plan"], data["field"], data["text"], version=data["version"]
        )
    except PlanConflict as conflict:
        fresh = conflict.current
        return _answer_reply(
            request,
            workshop_id,
            {
                "error": str(conflict),
                "field": data["field"],
                "text": getattr(fresh, data["field"], ""),
                "version": fresh.version,
            },
            409,
        )
    except LiveError as error:
        return _answer_reply(request, workshop_id, {"error": str(error)}, 400)
    if not _is_script(request):
        messages.success(request, _("Svaret er gemt."))
    return _answer_reply(request, workshop_id, {"version": plan.version, "field": data["field"]})


def _phone_change(request, join_token, form_class, change) -> HttpResponse:
    """The shape of the phone's arrow and closing requests: its participant, a form, one
    change (a function of the participant and the form's data returning the phone's
    message), the answer; a refusal is said in Danish."""
    workshop = get_workshop_by_token(join_token)
    participant = require_participant(request, workshop)
    participant.workshop = workshop
    form = form_class(request.POST, workshop=workshop)
    if not form.is_valid():
        return _participant_reply(request, join_token, {"error": form.first_error()}, 400)
    try:
        message = change(participant, form.cleaned_data)
    except LiveError as error:
        return _participant_reply(request, join_token, {"error": str(error)}, 400)
    if request.headers.get("X-Requested-With") != "fetch":
        messages.success(request, message)
    participant.refresh_from_db(fields=["revision"])
    return _participant_reply(request, join_token, {"message": message}, participant=participant)


@declare("token", method="POST")
@require_POST
def participant_suggest(request: HttpRequest, join_token: str) -> HttpResponse:
    """A phone's suggestion for the question on the wall, to the note-taker."""

    def change(participant, data):
        arrow.suggest(participant, data["text"])
        return _("Tak! Dit forslag er sendt til referenten.")

    return _phone_change(request, join_token, SuggestionForm, change)


@declare("token", method="POST")
@require_POST
def participant_closing(request: HttpRequest, join_token: str) -> HttpResponse:
    """A phone's answers to the closing's two questions; sent again, they replace its own."""

    def change(participant, data):
        arrow.answer_closing(participant, good=data["good"], adjust=data["adjust"])
        return _("Tak for dit svar!")

    return _phone_change(request, join_token, ClosingAnswerForm, change)


@declare("facilitate", method="POST")
@require_POST
def arrow_take_up(request: HttpRequest, workshop_id: int) -> HttpResponse:
    """The way on from a refused close (a krænkelse theme without a plan), from any phase:
    the arrow, the theme, its activities."""
    return _run(
        request,
        workshop_id,
        PickThemeForm,
        lambda workshop, data: arrow.take_up(workshop.pk, data["theme"].pk),
    )
