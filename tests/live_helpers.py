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


def post_note(phone, workshop, text="Godt samarbejde", kind="good", key=None, rev=None):
    """As static/js/live.js posts: a client key and, with `rev`, where the phone stands."""
    fields = {"kind": kind, "text": text, "client_key": str(key or uuid.uuid4())}
    if rev is not None:
        fields["rev"] = rev
    return phone.post(
        reverse("participant:note_add", args=[workshop.join_token]),
        fields,
        HTTP_X_REQUESTED_WITH="fetch",
    )


def change_note(phone, workshop, note_id, **fields):
    """Edit, delete or restore a post-it, as static/js/live.js posts it."""
    return phone.post(
        reverse("participant:note_change", args=[workshop.join_token, note_id]),
        fields,
        HTTP_X_REQUESTED_WITH="fetch",
    )


def phone_page(phone, workshop) -> str:
    response = phone.get(reverse("participant:screen", args=[workshop.join_token]))
    assert response.status_code == 200
    return response.content.decode()


def go_to(workshop, tool):
    return live.set_phase(workshop.pk, workshop.phases.get(tool=tool))


class Browser(Client):
    """A test client that keeps cookies as a browser does (RFC 6265): each under its path,
    sent only to addresses below it, the longest path first, then the oldest. Django's test
    client sends every cookie everywhere, in alphabetical order."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.jar = {}  # (name, path) -> value, oldest first

    def cookies_for(self, path: str) -> str:
        """The Cookie header this browser sends to `path`."""
        sent = [(p, name, value) for (name, p), value in self.jar.items() if path.startswith(p)]
        sent.sort(key=lambda cookie: -len(cookie[0]))
        return "; ".join(f"{name}={value}" for _, name, value in sent)

    def request(self, **request):
        request["HTTP_COOKIE"] = self.cookies_for(request["PATH_INFO"])
        response = super().request(**request)
        for name, morsel in response.cookies.items():
            self.jar[(name, morsel["path"] or "/")] = morsel.value
        return response


def screen_queries(workshop, user) -> dict[str, int]:
    """The queries the console's and the wall's catch-up read (a full update, since 0)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from workshops.permissions import screen_key

    console = Client()
    console.force_login(user)
    result = {}
    for screen in ("facilitator", "wall"):
        url = reverse("workshops:screen_sync", args=[workshop.pk, screen])
        with CaptureQueriesContext(connection) as queries:
            response = console.get(
                url,
                {"since": 0},
                HTTP_X_REQUESTED_WITH="fetch",
                HTTP_X_SCREEN_KEY=screen_key(workshop, user),
            )
        assert response.status_code == 200
        result[screen] = len(queries)
    return result
