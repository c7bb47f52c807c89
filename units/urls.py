from django.urls import path

from workshops import converters  # noqa: F401 - registers <id:…>

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("enheder/<id:unit_id>/", views.unit_detail, name="unit_detail"),
]
