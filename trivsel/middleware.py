from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Django's LoginRequiredMiddleware, but a view marked `login_not_required` is let
    through *before* the user is looked up. Django's own asks `request.user` first, which
    costs a session and a user query on every request of a browser that has a session
    cookie — on the live session's walls, every 1.5 s, for nothing."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
