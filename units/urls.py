from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("enheder/<int:unit_id>/", views.unit_detail, name="unit_detail"),
]
