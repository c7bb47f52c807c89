from django.urls import path

from . import views_overview

app_name = "actionplans"
urlpatterns: list = []

# the HR and MED overview, across units, reminders (issue 12)
urlpatterns += [
    path("overblik/", views_overview.overview_index, name="overview_index"),
    path("overblik/<int:round_id>/", views_overview.overview, name="overview"),
    path("overblik/<int:round_id>/paa-tvaers/", views_overview.across, name="across"),
    path("paamindelser/", views_overview.reminder_preferences, name="reminder_preferences"),
    path("paamindelser/stop/<str:stop_key>/", views_overview.reminder_stop, name="reminder_stop"),
]
