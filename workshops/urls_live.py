from django.urls import path

from . import converters  # noqa: F401 - registers <id:…>
from .live import views, views_arrow

# The facilitator's side, under /workshops/ (namespace "workshops"). Danish paths, as every
# address a user sees (docs/decisions.md).
urlpatterns = [
    path("<id:workshop_id>/live/", views.facilitator, name="live"),
    path("<id:workshop_id>/live/vaeg/", views.wall, name="wall"),
    path("<id:workshop_id>/live/qr.svg", views.qr_code, name="qr"),
    path("<id:workshop_id>/live/sync/<str:screen>/", views.screen_sync, name="screen_sync"),
    path("<id:workshop_id>/live/fase/", views.phase_action, name="phase"),
    path("<id:workshop_id>/live/tid/", views.timer_action, name="timer"),
    path("<id:workshop_id>/live/tid/automatisk/", views.autostart_action, name="autostart"),
    path("<id:workshop_id>/live/handling/<str:action>/", views.tool_action, name="tool_action"),
    path("<id:workshop_id>/live/status/", views.status_action, name="status"),
    path("<id:workshop_id>/live/pil/svar/", views_arrow.arrow_answer, name="arrow_answer"),
    path("<id:workshop_id>/live/pil/tema/", views_arrow.arrow_take_up, name="arrow_take_up"),
    path("<id:workshop_id>/live/postit/", views.note_on_behalf, name="note_on_behalf"),
    path("<id:workshop_id>/live/indstillinger/", views.settings_action, name="live_settings"),
    path("<id:workshop_id>/live/vaeglink/", views.wall_link_action, name="wall_link_action"),
    path("<id:workshop_id>/live/vaeglink/qr.svg", views.wall_link_qr, name="wall_link_qr"),
]
