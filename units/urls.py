from django.urls import path

from workshops import converters  # noqa: F401 - registers <id:…>

from . import views
from . import views_people as people

urlpatterns = [
    path("", views.home, name="home"),
    path("enheder/<id:unit_id>/", views.unit_detail, name="unit_detail"),
    # people and roles, HR only (issue 23, item 2)
    path("enheder/<id:unit_id>/personer/", people.unit_people, name="unit_people"),
    path("personer/", people.people_list, name="people_list"),
    path("personer/inviter/", people.invite, name="person_invite"),
    path("personer/<id:person_id>/", people.person_detail, name="person_detail"),
    path("personer/<id:person_id>/roller/", people.role_add, name="person_role_add"),
    path(
        "personer/<id:person_id>/roller/<id:membership_id>/skift/",
        people.role_change,
        name="person_role_change",
    ),
    path(
        "personer/<id:person_id>/roller/<id:membership_id>/afslut/",
        people.role_end,
        name="person_role_end",
    ),
    path(
        "personer/<id:person_id>/roller/<id:membership_id>/genoptag/",
        people.role_reopen,
        name="person_role_reopen",
    ),
    path("personer/<id:person_id>/deaktiver/", people.deactivate, name="person_deactivate"),
    path("personer/<id:person_id>/aktiver/", people.reactivate, name="person_reactivate"),
    path(
        "personer/<id:person_id>/invitation/",
        people.resend_invitation,
        name="person_resend_invitation",
    ),
    path("personer/<id:person_id>/facilitator/", people.lend, name="person_lend"),
    path(
        "personer/<id:person_id>/facilitator/<id:workshop_id>/slut/",
        people.lend_end,
        name="person_lend_end",
    ),
    # the invitation's link (no login: the person has no password yet)
    path(
        "invitation/<uidb64>/<token>/",
        people.invite_confirm,
        name="invite_confirm",
    ),
]
