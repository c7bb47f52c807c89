from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from trivsel.validators import CheckedTextForm

from . import permissions
from .models import Membership, Unit


class CheckedAdminForm(CheckedTextForm, forms.ModelForm):
    """The admin's forms check their text like every form of the app: a name refuses
    control characters, a line break too (issue 19: a unit named with a line break stopped
    every reminder mail)."""


class ScopedChoicesMixin:
    """A unit or a person chosen in an admin form is one HR may reach: the choices (and what
    the autocomplete widget accepts on POST) are HR's subtree and its people."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Unit:
            kwargs["queryset"] = permissions.units_for(request.user, "change")
        elif db_field.related_model is get_user_model():
            kwargs["queryset"] = permissions.people_for(
                request.user, get_user_model().objects.all()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReadOnlyForHR:
    """An admin page HR reads and nobody changes there (the login log, the change log, the
    methods: each is written elsewhere)."""

    def has_module_permission(self, request):
        return permissions.is_hr(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.is_hr(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    has_delete_permission = has_change_permission


class HRAdminMixin(ScopedChoicesMixin):
    """HR administers the units and roles of their own subtree; the rule lives in
    units.permissions like every other access rule, not in Django's model permissions.
    Anything outside the subtree is not found (404), as in the app's own views."""

    unit_field = "pk"
    form = CheckedAdminForm

    def unit_of(self, obj) -> Unit:
        unit = obj
        for part in self.unit_field.split("__") if self.unit_field != "pk" else ():
            unit = getattr(unit, part)
        return unit

    def has_module_permission(self, request):
        return permissions.is_hr(request.user)

    def has_view_permission(self, request, obj=None):
        if not permissions.is_hr(request.user):
            return False
        return obj is None or permissions.can(request.user, "change", self.unit_of(obj))

    def has_add_permission(self, request, obj=None):
        return permissions.is_hr(request.user)

    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        units = permissions.units_for(request.user, "change")
        return queryset.filter(**{f"{self.unit_field}__in": units})

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:  # outside the subtree or gone: not found, never "it exists"
            raise Http404
        return obj


class MembershipInline(HRAdminMixin, admin.TabularInline):
    model = Membership
    unit_field = "unit"
    extra = 1
    autocomplete_fields = ["user"]

    def has_view_permission(self, request, obj=None):
        return permissions.is_hr(request.user)  # obj is the page's unit or person

    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission


class UnitForm(CheckedAdminForm):
    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent and self.instance.pk and parent.path.startswith(self.instance.path):
            raise forms.ValidationError(_("En enhed kan ikke ligge under sig selv."))
        return parent


@admin.register(Unit)
class UnitAdmin(HRAdminMixin, admin.ModelAdmin):
    form = UnitForm
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

    def has_delete_permission(self, request, obj=None):
        """HR deletes a unit made by mistake, never one with a history: deleting would take
        its workshops, plans and reports with it. Superusers decide those."""
        if not super().has_delete_permission(request, obj):
            return False
        if obj is None or permissions.scope_for(request.user).everything:
            return True
        return not any(
            related.exists()
            for related in (obj.children, obj.workshops, obj.plans, obj.survey_reports, obj.rounds)
        )

    def get_readonly_fields(self, request, obj=None):
        """The unit where HR holds its role is the top of its subtree: HR renames it but does
        not move it (that would move HR's own scope)."""
        scope = permissions.scope_for(request.user)
        if obj is not None and not scope.everything and obj.path in scope.hr_paths:
            return ["parent"]
        return []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent" and not permissions.scope_for(request.user).everything:
            kwargs["required"] = True  # a new top unit would lie outside HR's subtree
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Membership)
class MembershipAdmin(HRAdminMixin, admin.ModelAdmin):
    unit_field = "unit"
    list_display = ["user", "role", "unit"]
    list_filter = ["role", "unit__kind"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "unit__name"]
    autocomplete_fields = ["unit", "user"]
    list_select_related = ["user", "unit"]
