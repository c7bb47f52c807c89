"""The page a locked-out login gets (django-axes calls it through AXES_LOCKOUT_CALLABLE):
in Danish, saying how long to wait, with the status axes uses (429)."""

from django.conf import settings
from django.shortcuts import render


def lockout_page(request, credentials=None):
    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return render(
        request,
        "registration/lockout.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
