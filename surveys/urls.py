from django.urls import path

from workshops import converters  # noqa: F401 - registers <id:…>

from . import views

app_name = "surveys"
urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("eksempel/", views.import_example, name="import_example"),
    path("maalinger/<id:round_id>/", views.round_detail, name="round_detail"),
    path("maalinger/<id:round_id>/import/", views.import_upload, name="import_upload"),
    path(
        "maalinger/<id:round_id>/import/bekraeft/",
        views.import_confirm,
        name="import_confirm",
    ),
    path("<id:report_id>/", views.report_detail, name="report_detail"),
]
