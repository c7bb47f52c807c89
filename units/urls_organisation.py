from django.urls import path

from . import views_organisation as views

app_name = "organisation"
urlpatterns = [
    path("", views.organisation_import, name="import"),
    path("bekraeft/", views.organisation_confirm, name="confirm"),
    path("eksport/", views.organisation_export, name="export"),
    path("eksempel/", views.organisation_example, name="example"),
]
