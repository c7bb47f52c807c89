from functools import partial

from units import permissions


def navigation(request):
    """What the main menu offers, asked of the permission module: `follows_units` (HR and
    MED: the overview and the inbox of what units raise) and `menu_is_hr` (the surveys and
    their report import). Callables, so the template asks (and the memberships are read,
    once per request) only where the menu is shown to a logged-in user."""
    return {
        "follows_units": partial(permissions.follows_units, request.user),
        "menu_is_hr": partial(permissions.is_hr, request.user),
    }
