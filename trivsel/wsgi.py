import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trivsel.settings")
django_application = get_wsgi_application()

# The live session's "anything new?" check answers "no" before Django's request cycle.
from workshops.sync.fastpath import with_fast_path  # noqa: E402

application = with_fast_path(django_application)
