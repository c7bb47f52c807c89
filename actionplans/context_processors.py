from functools import partial

from units import permissions


def navigation(request):
    """`follows_units` for the main menu's link to the overview: a callable, so the template
    asks (and the memberships are read) only where the menu is shown to a logged-in user."""
    return {"follows_units": partial(permissions.follows_units, request.user)}
