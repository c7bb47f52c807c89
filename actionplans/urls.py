from django.urls import path

from workshops import converters  # noqa: F401 - registers <id:…>

from . import views, views_links, views_overview, views_raised
from . import views_exports as exports

app_name = "actionplans"
urlpatterns: list = []

# the HR and MED overview, across units, reminders (issue 12)
urlpatterns += [
    path("overblik/", views_overview.overview_index, name="overview_index"),
    path("overblik/<id:round_id>/", views_overview.overview, name="overview"),
    path("overblik/<id:round_id>/paa-tvaers/", views_overview.across, name="across"),
    path("paamindelser/", views_overview.reminder_preferences, name="reminder_preferences"),
    path("paamindelser/stop/<str:stop_key>/", views_overview.reminder_stop, name="reminder_stop"),
]

# After the session (issue 11): a unit's plans, a plan's page, activities and their status
# arrow, tovholdere and their links, the staff-room board's link, what is raised to MED/HR.
urlpatterns += [
    path("enheder/<id:unit_id>/", views.plan_list, name="plan_list"),
    path("enheder/<id:unit_id>/ny/", views.plan_create, name="plan_create"),
    path("<id:plan_id>/", views.plan_detail, name="plan_detail"),
    path("<id:plan_id>/svar/", views.plan_answers, name="plan_answers"),
    path("<id:plan_id>/slet/", views.plan_delete, name="plan_delete"),
    path("<id:plan_id>/temaer/", views.plan_survey_themes, name="plan_survey_themes"),
    path("<id:plan_id>/opfoelgning/", views.plan_follow_ups, name="plan_follow_ups"),
    path("<id:plan_id>/aktiviteter/ny/", views.activity_create, name="activity_create"),
    path(
        "<id:plan_id>/aktiviteter/<id:activity_id>/",
        views.activity_edit,
        name="activity_edit",
    ),
    path(
        "<id:plan_id>/aktiviteter/<id:activity_id>/slet/",
        views.activity_delete,
        name="activity_delete",
    ),
    path(
        "<id:plan_id>/aktiviteter/<id:activity_id>/status/",
        views.activity_stage,
        name="activity_stage",
    ),
    path(
        "enheder/<id:unit_id>/tovholdere/",
        views_links.tovholder_list,
        name="tovholder_list",
    ),
    path(
        "enheder/<id:unit_id>/tovholdere/<id:tovholder_id>/link/",
        views_links.tovholder_link,
        name="tovholder_link",
    ),
    path(
        "enheder/<id:unit_id>/tovholdere/<id:tovholder_id>/luk/",
        views_links.tovholder_revoke,
        name="tovholder_revoke",
    ),
    path(
        "enheder/<id:unit_id>/tovholdere/<id:tovholder_id>/email/",
        views_links.tovholder_email,
        name="tovholder_email",
    ),
    path(
        "enheder/<id:unit_id>/tovholdere/<id:tovholder_id>/send/",
        views_links.tovholder_send,
        name="tovholder_send",
    ),
    path(
        "enheder/<id:unit_id>/tovholdere/<id:tovholder_id>/qr.svg",
        views_links.tovholder_qr,
        name="tovholder_qr",
    ),
    path("enheder/<id:unit_id>/tavle/link/", views_links.board_link_rotate, name="board_link"),
    path("enheder/<id:unit_id>/tavle/luk/", views_links.board_link_revoke, name="board_revoke"),
    path("enheder/<id:unit_id>/tavle/qr.svg", views_links.board_qr, name="board_qr"),
    path("loeftet-videre/", views_raised.raised_list, name="raised_list"),
    path(
        "loeftet-videre/<id:raised_item_id>/modtaget/",
        views_raised.raised_acknowledge,
        name="raised_acknowledge",
    ),
    path(
        "loeftet-videre/<id:raised_item_id>/svar/",
        views_raised.raised_answer,
        name="raised_answer",
    ),
    path(
        "trivselsdialog/<id:workshop_id>/loeft-videre/",
        views_raised.raise_themes,
        name="raise_themes",
    ),
    # downloads (views_exports.py)
    path("enhed/<id:unit_id>/handleplaner.pdf", exports.unit_plans_pdf, name="unit_plans_pdf"),
    path("enhed/<id:unit_id>/handleplaner.xlsx", exports.unit_plans_xlsx, name="unit_plans_xlsx"),
    path(
        "trivselsdialog/<id:workshop_id>/opsamling.pdf",
        exports.workshop_summary_pdf,
        name="workshop_summary_pdf",
    ),
    path(
        "trivselsdialog/<id:workshop_id>/post-its.xlsx",
        exports.workshop_notes_xlsx,
        name="workshop_notes_xlsx",
    ),
    path(
        "trivselsdialog/<id:workshop_id>/post-its.csv",
        exports.workshop_notes_csv,
        name="workshop_notes_csv",
    ),
    path(
        "trivselsdialog/<id:workshop_id>/invitation.pdf",
        exports.invitation_pdf,
        name="invitation_pdf",
    ),
    path(
        "maaling/<id:round_id>/handleplaner.xlsx",
        exports.round_workbook_xlsx,
        name="round_workbook_xlsx",
    ),
    path("maaling/<id:round_id>/handleplaner.csv", exports.round_rows_csv, name="round_rows_csv"),
]
