from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from units import permissions
from units.admin import HRAdminMixin
from units.models import Unit

from .models import Round


@admin.register(Round)
class RoundAdmin(HRAdminMixin, admin.ModelAdmin):
    """HR creates rounds here; reports come in through the import (Målinger → Importér)."""

    unit_field = "organisation"
    list_display = ["name", "organisation", "survey_opens", "reports_released"]
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
        (_("Temaer og farver"), {"fields": ["themes", "green_from", "yellow_from"]}),
    ]

    def organisations(self, request):
        """A round belongs to an organisation: HR whose subtree holds one (HR at the root)
        creates and changes its rounds; a department's HR reads none of them here."""
        return permissions.units_for(request.user, "change").filter(kind=Unit.Kind.ORGANISATION)

    def has_add_permission(self, request, obj=None):
        return permissions.is_hr(request.user) and self.organisations(request).exists()

    def get_queryset(self, request):
        return super().get_queryset(request).filter(organisation__in=self.organisations(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "organisation":
            field.queryset = self.organisations(request)
        return field
