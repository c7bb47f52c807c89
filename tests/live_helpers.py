"""Small helpers for the live-session tests: phones are Django test clients with a cookie."""

import uuid

from django.test import Client
from django.urls import reverse

from workshops import live


def phone_joins(workshop, name="Karen") -> Client:
    phone = Client()
    phone.post(
        reverse("participant:join_workshop", args=[workshop.join_token]), {"display_name": name}
    )
    return phone


def post_note(phone, workshop, text="Godt samarbejde", polarity="good", key=None, rev=None):
    """As static/js/live.js posts: a client key and, with `rev`, where the phone stands."""
    fields = {"polarity": polarity, "text": text, "client_key": str(key or uuid.uuid4())}
    if rev is not None:
        fields["rev"] = rev
    return phone.post(
        reverse("participant:note_add", args=[workshop.join_token]),
        fields,
        HTTP_X_REQUESTED_WITH="fetch",
    )


def go_to(workshop, tool):
    return live.set_phase(workshop.pk, workshop.phases.get(tool=tool))
