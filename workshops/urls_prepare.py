"""The trio's preparation (issue 4); included under /workshops/ in the "workshops" namespace."""

from django.urls import path

from . import (
    converters,  # noqa: F401 - registers <id:…>
    views_groups,
    views_topics,
)
from . import views_prepare as views

W = "<id:workshop_id>/"

urlpatterns = [
    path("enhed/<id:unit_id>/ny/", views.workshop_create, name="workshop_create"),
    path(W, views.workshop_detail, name="workshop_detail"),
    path(W + "rediger/", views.workshop_edit, name="workshop_edit"),
    path(W + "dagsorden/", views.agenda, name="agenda"),
    path(W + "dagsorden/udskriv/", views.agenda_print, name="agenda_print"),
    path(W + "dagsorden/pause/", views.agenda_break, name="agenda_break"),
    path(W + "dagsorden/<id:phase_id>/flyt/", views.phase_move, name="phase_move"),
    path(W + "dagsorden/<id:phase_id>/minutter/", views.phase_minutes, name="phase_minutes"),
    path(W + "dagsorden/<id:phase_id>/fjern/", views.phase_delete, name="phase_delete"),
    path(W + "spilleregler/", views.ground_rules, name="ground_rules"),
    path(W + "pink/", views.pink_notes, name="pink_notes"),
    path(W + "pink/ny/", views.pink_note_create, name="pink_note_create"),
    path(W + "pink/<id:pink_note_id>/rediger/", views.pink_note_edit, name="pink_note_edit"),
    path(W + "pink/<id:pink_note_id>/slet/", views.pink_note_delete, name="pink_note_delete"),
    path(W + "punkter/", views.prep_items, name="prep_items"),
    path(W + "punkter/ny/", views.prep_item_create, name="prep_item_create"),
    path(W + "punkter/<id:prep_item_id>/slet/", views.prep_item_delete, name="prep_item_delete"),
    path(
        W + "tjekliste/<id:checklist_item_id>/",
        views.checklist_toggle,
        name="checklist_toggle",
    ),
    path(W + "tjekliste/ny/", views.checklist_add, name="checklist_add"),
    path(W + "invitation/", views.invitation, name="invitation"),
    path(W + "invitation/rediger/", views.invitation_edit, name="invitation_edit"),
    # groups and the table plan (workshops/groups.py)
    path(W + "grupper/", views_groups.groups_page, name="groups"),
    path(W + "grupper/udskriv/", views_groups.groups_print, name="groups_print"),
    path(W + "grupper/dan/", views_groups.groups_form_ahead, name="groups_form_ahead"),
    path(W + "grupper/flyt/", views_groups.groups_move, name="groups_move"),
    path(W + "grupper/runde/", views_groups.groups_form_round, name="groups_form_round"),
]

# before the day (seed 004, steps 1–7): themes chosen by answer cards, the follow-up timeline
urlpatterns += [
    path(W + "temavalg/", views_topics.topic_choice_page, name="topic_choice"),
    path(W + "temavalg/kort/", views_topics.topic_ballots_add, name="topic_ballots_add"),
    path(W + "temavalg/kort/udskriv/", views_topics.topic_slips, name="topic_slips"),
    path(W + "temavalg/vaelg/", views_topics.topic_pick, name="topic_pick"),
    path(W + "tidsplan/", views_topics.timeline, name="timeline"),
    path(W + "tidsplan/rediger/", views_topics.timeline_edit, name="timeline_edit"),
]
