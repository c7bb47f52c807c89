from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from trivsel.validators import CheckedTextForm

from . import permissions
from .models import Membership, Unit


class CheckedAdminForm(CheckedTextForm, forms.ModelForm):
    """The admin's forms check their text like every form of the app: a name refuses
    control characters, a line break too (issue 19: a unit named with a line break stopped
    every reminder mail)."""


class HRAdminMixin:
    """HR administers the units and roles of their own subtree; the rule lives in
    units.permissions like every other access rule, not in Django's model permissions."""

    unit_field = "pk"
    form = CheckedAdminForm

    def has_module_permission(self, request):
        return permissions.is_hr(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.is_hr(request.user)

    has_add_permission = has_view_permission
    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        units = permissions.units_for(request.user, "change")
        return queryset.filter(**{f"{self.unit_field}__in": units})


class MembershipInline(admin.TabularInline):
    model = Membership
    form = CheckedAdminForm
    extra = 1


@admin.register(Unit)
class UnitAdmin(HRAdminMixin, admin.ModelAdmin):
    list_display = ["tree_name", "code", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]
    ordering = ["path"]
    list_per_page = 100

    @admin.display(description=_("enhed (i træet)"), ordering="path")
    def tree_name(self, unit):
        return unit.indented_name


@admin.register(Membership)
class MembershipAdmin(HRAdminMixin, admin.ModelAdmin):
    unit_field = "unit"
    list_display = ["user", "role", "unit"]
    list_filter = ["role", "unit__kind"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    autocomplete_fields = ["unit"]
    list_select_related = ["user", "unit"]
