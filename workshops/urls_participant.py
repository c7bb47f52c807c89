from django.urls import path

from . import converters  # noqa: F401 - registers <token:…>
from .live import views, views_arrow, views_group, views_vote

# The participants' side, short URLs under /d/ (namespace "participant").
app_name = "participant"
urlpatterns = [
    path("", views.join_by_code, name="join"),
    path("<token:join_token>/", views.participant_screen, name="screen"),
    path("<token:join_token>/deltag/", views.participant_join, name="join_workshop"),
    path("<token:join_token>/sync/", views.participant_sync, name="sync"),
    path("<token:join_token>/postit/", views.participant_note_add, name="note_add"),
    # A post-it's URL is its list's URL plus its id (participant.html builds it so)
    path(
        "<token:join_token>/postit/<id:note_id>/",
        views.participant_note_change,
        name="note_change",
    ),
    path("<token:join_token>/praesenter/", views.participant_present, name="present"),
    path("<token:join_token>/stem/", views_vote.participant_mark, name="vote_mark"),
    path("<token:join_token>/forslag/", views_arrow.participant_suggest, name="suggest"),
    path("<token:join_token>/evaluering/", views_arrow.participant_closing, name="closing"),
    # a tool's phone actions (the group work's): the tool says whether it is time for it
    path(
        "<token:join_token>/handling/<str:action>/",
        views_group.participant_action,
        name="action",
    ),
]
