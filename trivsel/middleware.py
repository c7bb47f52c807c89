from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.utils.cache import patch_cache_control


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Django's LoginRequiredMiddleware, but a view marked `login_not_required` is let
    through *before* the user is looked up. Django's own asks `request.user` first, which
    costs a session and a user query on every request of a browser that has a session
    cookie — on the live session's walls, every 1.5 s, for nothing."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy, a Permissions-Policy and X-Robots-Tag on every answer
    (Django 5.2 has none of them built in). The policies are settings, so the live session's
    fast path, which answers before Django, sends the very same ones
    (workshops/sync/fastpath.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in policy_headers():
            response.headers.setdefault(name, value)
        return response


def policy_headers() -> list[tuple[str, str]]:
    from django.conf import settings

    headers = []
    if settings.CONTENT_SECURITY_POLICY:
        headers.append(("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY))
    if settings.PERMISSIONS_POLICY:
        headers.append(("Permissions-Policy", settings.PERMISSIONS_POLICY))
    if settings.ROBOTS_TAG:
        headers.append(("X-Robots-Tag", settings.ROBOTS_TAG))
    return headers


class PrivateByDefaultMiddleware:
    """No page is kept by a cache unless its view says so (issue 13, item 2): survey figures
    and names appear on many pages (units, reports, the preparation), so a Django answer
    without its own Cache-Control gets `private, no-store`. WhiteNoise answers static files
    before this, with their long cache headers; views that chose their own (never_cache,
    the JavaScript catalog's cache_page) keep them; the live check's fast path answers before
    Django. Asks nothing about the user, so it costs no session lookup."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_store=True)
        return response
