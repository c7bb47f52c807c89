"""Helpers for the vote's tests: a room in the vote phase with themes, phones that mark."""

import uuid
from types import SimpleNamespace

from django.urls import reverse

from workshops import live
from workshops.models import Theme

from . import factory
from .live_helpers import go_to


def themes_for(workshop, titles, column="change"):
    return [
        Theme.objects.create(workshop=workshop, title=title, order=i, column=column)
        for i, title in enumerate(titles, start=1)
    ]


def vote_room(unit, titles=("Arbejdsro", "Møder", "Kaffe", "Vagtplan", "Introduktion")):
    """A workshop in its vote phase: five themes sorted into «Forandre», Karen and Ali with
    phones, Bent without one (the facilitator votes for him)."""
    workshop = factory.live_workshop(unit)
    karen = live.join(workshop, display_name="Karen")
    ali = live.join(workshop, display_name="Ali")
    bent = live.join(workshop, display_name="Bent", on_behalf=True)
    themes = themes_for(workshop, titles)
    go_to(workshop, "vote")
    return SimpleNamespace(workshop=workshop, karen=karen, ali=ali, bent=bent, themes=themes)


def phone_mark(phone, workshop, *, theme=None, slot=None, key=None, action=None):
    """As the phone's ballot form posts (static/js/live.js, `[data-live-action]`)."""
    fields = {"change": action or ("add" if theme is not None else "remove")}
    if theme is not None:
        fields["theme"] = theme.pk
        fields["client_key"] = str(key or uuid.uuid4())
    if slot is not None:
        fields["slot"] = slot
    return phone.post(
        reverse("participant:vote_mark", args=[workshop.join_token]),
        fields,
        HTTP_X_REQUESTED_WITH="fetch",
    )


def console_action(client, workshop, action, data=None):
    return client.post(
        reverse("workshops:tool_action", args=[workshop.pk, action]),
        data or {},
        HTTP_HX_REQUEST="true",
    )
