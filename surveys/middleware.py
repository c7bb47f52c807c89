"""Pages for a logged-in user are never kept by a cache (issue 13, item 2).

Not installed by this app: to use it site-wide, add
`"surveys.middleware.PrivatePagesMiddleware"` to MIDDLEWARE right after
AuthenticationMiddleware. WhiteNoise sits before it and answers static files itself, so they
keep their long cache headers; a view that sets Cache-Control itself (the live session's
`never_cache` views) keeps its own, and the live check's fast path answers before Django."""

from django.utils.cache import patch_cache_control


class PrivatePagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Cache-Control first: a view that chose its own is not asked who the user is, so
        # the live check's views cost no session or user lookup here.
        if "Cache-Control" not in response and request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
