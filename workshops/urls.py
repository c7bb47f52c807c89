from django.urls import include, path

app_name = "workshops"
urlpatterns = [
    path("", include("workshops.urls_prepare")),
    path("", include("workshops.urls_live")),
]
