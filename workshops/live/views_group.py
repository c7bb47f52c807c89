"""The phone's one route for a tool's actions (`/d/<token>/handling/<action>/`): the
participant, then the tool asks "is it time for this?" (the current phase's tool offers the
action), "is this your group?" (the phone's group in this phase's round; its form takes
only that group's post-its and headings), a Django form, one change, and the phone's new
region in the answer."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from units.permissions import declare

from ..models import Workshop
from ..permissions import get_workshop_by_token, require_participant
from ..tools import tool_of
from ..tools.groupwork import phone_group
from . import actions as live
from .groupwork import HeadingConflict
from .views import _participant_reply


def _refuse(request, join_token, message, status=400) -> HttpResponse:
    return _participant_reply(request, join_token, {"error": str(message)}, status=status)


@declare("token", method="POST")
@require_POST
def participant_action(request: HttpRequest, join_token: str, action: str) -> HttpResponse:
    workshop = get_workshop_by_token(join_token)
    participant = require_participant(request, workshop)
    participant.workshop = workshop
    found = tool_of(workshop.current_phase).phone_actions.get(action)
    if found is None or workshop.status == Workshop.Status.CLOSED:
        return _refuse(request, join_token, _("Det er ikke tid til det nu."))
    group = phone_group(workshop, participant)
    if group is None:
        return _refuse(request, join_token, _("Du er ikke i en gruppe endnu – spørg lederen."))
    form = found.form(request.POST, workshop=workshop, group=group)
    if not form.is_valid():
        return _refuse(request, join_token, form.first_error())
    try:
        message = found.run(participant, group, form.cleaned_data)
    except (live.Conflict, HeadingConflict) as conflict:
        participant.refresh_from_db(fields=["revision"])
        return _participant_reply(
            request, join_token, {"error": str(conflict)}, 409, participant=participant
        )
    except live.LiveError as error:
        return _refuse(request, join_token, error)
    participant.refresh_from_db(fields=["revision"])
    return _participant_reply(request, join_token, {"message": message}, participant=participant)
