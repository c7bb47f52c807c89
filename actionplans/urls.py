from django.urls import path

from . import views_exports as exports

app_name = "actionplans"
urlpatterns: list = [
    # downloads (views_exports.py)
    path("enhed/<int:unit_id>/handleplaner.pdf", exports.unit_plans_pdf, name="unit_plans_pdf"),
    path("enhed/<int:unit_id>/handleplaner.xlsx", exports.unit_plans_xlsx, name="unit_plans_xlsx"),
    path(
        "trivselsdialog/<int:workshop_id>/opsamling.pdf",
        exports.workshop_summary_pdf,
        name="workshop_summary_pdf",
    ),
    path(
        "trivselsdialog/<int:workshop_id>/invitation.pdf",
        exports.invitation_pdf,
        name="invitation_pdf",
    ),
    path(
        "maaling/<int:round_id>/handleplaner.xlsx",
        exports.round_workbook_xlsx,
        name="round_workbook_xlsx",
    ),
    path("maaling/<int:round_id>/handleplaner.csv", exports.round_rows_csv, name="round_rows_csv"),
]
