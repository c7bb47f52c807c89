from django.contrib import admin

from units import permissions

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: HR reads the logins of the people in their subtree, superusers all."""

    list_display = ["at", "kind", "username", "user", "ip"]
    list_filter = ["kind"]
    search_fields = ["username", "ip"]
    date_hierarchy = "at"
    list_select_related = ["user"]

    def has_module_permission(self, request):
        return permissions.is_hr(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.is_hr(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    has_delete_permission = has_change_permission

    def get_queryset(self, request):
        return permissions.filter_people_for(request.user, super().get_queryset(request))
