from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import etag
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog

from actionplans import views_links as plan_links
from units.permissions import declare
from workshops import converters  # noqa: F401 - registers <token:…>
from workshops import views_topics as workshop_topics
from workshops.live import views as live_views

from . import public as public_answers
from .forms import LoginForm

public = declare("public")

urlpatterns = [
    path(
        "login/", public(auth_views.LoginView.as_view(authentication_form=LoginForm)), name="login"
    ),
    path(
        "logout/", declare("login", method="POST")(auth_views.LogoutView.as_view()), name="logout"
    ),
    path(
        "adgangskode/nulstil/",
        public(auth_views.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path(
        "adgangskode/nulstil/sendt/",
        public(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "adgangskode/nulstil/<uidb64>/<token>/",
        public(auth_views.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "adgangskode/nulstil/faerdig/",
        public(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
    path("", include("units.urls")),
    path("rapporter/", include("surveys.urls")),
    path("organisation/", include("units.urls_organisation")),
    path("workshops/", include("workshops.urls")),
    path("handleplaner/", include("actionplans.urls")),
    path("d/", include("workshops.urls_participant")),
    # the wall-only link for a projector PC: no login, only what the room sees
    path("v/<token:wall_token>/", live_views.wall_by_link, name="wall_link"),
    path("v/<token:wall_token>/qr.svg", live_views.wall_link_join_qr, name="wall_link_join_qr"),
    # a tovholder's personal link (their own activities) and the staff-room board (read-only)
    path("t/<token:tovholder_token>/", plan_links.tovholder_page, name="tovholder_page"),
    path(
        "t/<token:tovholder_token>/<id:activity_id>/",
        plan_links.tovholder_stage,
        name="tovholder_stage",
    ),
    path("tavle/<token:board_token>/", plan_links.staff_board, name="staff_board"),
    # an employee's answer card for the themes of a workshop (seed 004, Bilag 2; no login)
    path("tema/<token:ballot_token>/", workshop_topics.topic_ballot, name="topic_ballot"),
    path(
        "tavle/<token:board_token>/opdater/",
        plan_links.staff_board_regions,
        name="staff_board_regions",
    ),
    # the texts of static/js/live.js, through Django's translation. The browser asks again on
    # every page load and gets "304 Not Modified" until a deploy changes the catalogue (its
    # ETag is the catalogue's fingerprint), so a deploy's new texts are used at once.
    path(
        "jsi18n/",
        public(
            cache_control(no_cache=True)(
                etag(public_answers.catalog_etag)(JavaScriptCatalog.as_view())
            )
        ),
        name="javascript_catalog",
    ),
    path("robots.txt", public(public_answers.robots_txt), name="robots_txt"),
    path(
        "favicon.ico",
        public(RedirectView.as_view(url=f"{settings.STATIC_URL}favicon.svg", permanent=True)),
        name="favicon",
    ),
]

# The admin speaks the app's words (Django's own texts come in Danish from its catalogue).
admin.site.site_header = _("Trivselsdialog – administration")
admin.site.site_title = _("Trivselsdialog – administration")
admin.site.index_title = _("Trivselsdialog – administration")

# The admin has its own login and permission system (is_staff); it is not walked by the
# access test, which covers the application's own views.
urlpatterns += [path("admin/", admin.site.urls)]
