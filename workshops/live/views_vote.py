"""The phone's side of the vote: set a mark on a theme, or take one back. A form with the
CSRF token and the participant's cookie, like every phone action; the answer is JSON with
the phone's new regions (static/js/live.js: `[data-live-action]` forms)."""

import uuid

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.permissions import declare

from ..permissions import get_workshop_by_token, require_participant
from ..tools import VOTE, tool_of
from . import vote as votes
from .actions import LiveError
from .forms_vote import MarkForm
from .views import _participant_reply


@declare("token", method="POST")
@require_POST
def participant_mark(request: HttpRequest, join_token: str) -> HttpResponse:
    workshop = get_workshop_by_token(join_token)
    participant = require_participant(request, workshop)
    participant.workshop = workshop
    form = MarkForm(request.POST, workshop=workshop)
    if not form.is_valid():
        return _participant_reply(request, join_token, {"error": form.first_error()}, 400)
    if tool_of(workshop.current_phase).phone != VOTE:
        return _participant_reply(
            request, join_token, {"error": _("Det er ikke tid til at stemme.")}, 400
        )
    data = form.cleaned_data
    try:
        if data["change"] == "add":
            mark, created = votes.add_mark(
                participant, data["theme"].pk, data["client_key"] or uuid.uuid4()
            )
            payload = {"slot": mark.slot, "created": created}
        else:
            payload = {"removed": votes.remove_mark(participant, data["slot"])}
    except LiveError as error:
        return _participant_reply(request, join_token, {"error": str(error)}, 400)
    participant.refresh_from_db(fields=["revision"])
    return _participant_reply(request, join_token, payload, participant=participant)
