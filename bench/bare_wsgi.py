"""A bare Django view on the project's settings and middleware, for the baseline figure.

Served by the same gunicorn command as the app (`bench.bare_wsgi:application`), so the live
check's cost can be printed as a ratio of "what one Django request costs at all". It adds
nothing to the app's own URLs.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trivsel.settings")

from django.conf import settings  # noqa: E402
from django.contrib.auth.decorators import login_not_required  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


@login_not_required
def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bare/", bare)]

settings.ROOT_URLCONF = __name__
application = get_wsgi_application()
