from django.contrib import admin

from units.admin import HRAdminMixin

from .models import Round


@admin.register(Round)
class RoundAdmin(HRAdminMixin, admin.ModelAdmin):
    """HR creates rounds here; reports come in through the import (Målinger → Importér)."""

    unit_field = "organisation"
    list_display = ["name", "organisation", "survey_opens", "reports_released"]
    autocomplete_fields = ["organisation"]
    fieldsets = [
        (None, {"fields": ["name", "organisation", "anonymous", "anonymity_threshold"]}),
        (
            "Tidsplan",
            {
                "fields": [
                    "survey_opens",
                    "survey_closes",
                    "reports_released",
                    "workshops_from",
                    "workshops_until",
                    "action_plan_deadline",
                ]
            },
        ),
        ("Temaer og farver", {"fields": ["themes", "green_from", "yellow_from"]}),
    ]
