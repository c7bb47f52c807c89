import secrets

from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from units import permissions
from units.admin import CheckedAdminForm, MembershipInline, ReadOnlyForHR
from units.models import Membership

from .models import AuditEvent

User = get_user_model()


class ReadOnlyLogForHR(ReadOnlyForHR):
    """A log in the admin: HR reads the entries of the people in their subtree (themselves
    included), superusers all; nobody adds, changes or deletes an entry."""

    def get_queryset(self, request):
        return permissions.filter_people_for(request.user, super().get_queryset(request))


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyLogForHR, admin.ModelAdmin):
    """Read-only: HR reads the logins of the people in their subtree, superusers all."""

    list_display = ["at", "kind", "username", "user", "ip"]
    list_filter = ["kind"]
    search_fields = ["username", "ip"]
    date_hierarchy = "at"
    list_select_related = ["user"]


@admin.register(LogEntry)
class ChangeLogAdmin(ReadOnlyLogForHR, admin.ModelAdmin):
    """The audit log of changes: Django's admin writes one LogEntry for every addition,
    change and deletion it makes (who, when, which object, which fields). Read-only; HR
    reads the entries written by the people of their subtree (themselves included)."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag"]
    # only the kinds of things in the log (the app's own, with Danish names), not every model
    list_filter = ["action_flag", ("content_type", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["object_repr", "user__username"]
    date_hierarchy = "action_time"
    list_select_related = ["user", "content_type"]


class PersonForm(CheckedAdminForm):
    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "is_active"]


class PersonMembershipInline(MembershipInline):
    fk_name = "user"
    autocomplete_fields = ["unit"]

    def get_min_num(self, request, obj=None, **kwargs):
        """A person HR adds holds a role in its subtree from the start (else the account
        would at once lie outside what HR reaches)."""
        return 0 if permissions.scope_for(request.user).everything else 1


admin.site.unregister(User)


@admin.register(User)
class PersonAdmin(UserAdmin):
    """Superusers administer accounts as Django does. HR administers the accounts of the
    people who hold a role in its subtree: name, e-mail and active, and their roles there
    (units.permissions.people_for / can_change_person). Never the superuser or staff flags,
    never a password: a new password goes by Django's own reset mail (the action below)."""

    inlines = [PersonMembershipInline]
    actions = ["send_password_mail"]
    hr_fieldsets = [
        (None, {"fields": ["username"]}),
        (_("Personlige oplysninger"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Adgang"), {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    hr_add_fieldsets = [
        (None, {"fields": ["username", "first_name", "last_name", "email"]}),
    ]

    @staticmethod
    def is_superuser(request):
        return permissions.scope_for(request.user).everything

    def has_module_permission(self, request):
        return permissions.is_hr(request.user)

    def has_view_permission(self, request, obj=None):
        if not permissions.is_hr(request.user):
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_add_permission(self, request):
        return permissions.is_hr(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return permissions.is_hr(request.user)
        return permissions.can_change_person(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return self.is_superuser(request)  # HR deactivates; it does not erase history

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:  # outside HR's people or gone: not found
            raise Http404
        return obj

    def get_list_display(self, request):
        if self.is_superuser(request):
            return super().get_list_display(request)
        return ["username", "first_name", "last_name", "email", "is_active", "roles"]

    def get_list_filter(self, request):
        if self.is_superuser(request):
            return super().get_list_filter(request)
        return ["is_active"]  # not the staff flags nor the groups: none of HR's business

    @admin.display(description=_("roller"))
    def roles(self, person):
        return "; ".join(
            f"{m.get_role_display()}, {m.unit.name}" for m in getattr(person, "roles_here", ())
        )

    def get_queryset(self, request):
        queryset = permissions.people_for(request.user, super().get_queryset(request))
        inside = Membership.objects.filter(unit__in=permissions.units_for(request.user, "change"))
        # the roles column names the roles inside HR's subtree only
        return queryset.prefetch_related(
            Prefetch("memberships", queryset=inside.select_related("unit"), to_attr="roles_here")
        )

    def get_fieldsets(self, request, obj=None):
        if self.is_superuser(request):
            return super().get_fieldsets(request, obj)
        return self.hr_add_fieldsets if obj is None else self.hr_fieldsets

    def get_readonly_fields(self, request, obj=None):
        if self.is_superuser(request):
            return super().get_readonly_fields(request, obj)
        return ["username", "last_login", "date_joined"] if obj else []

    def get_form(self, request, obj=None, **kwargs):
        if not self.is_superuser(request):
            kwargs["form"] = PersonForm
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change and not self.is_superuser(request):
            # a password nobody knows: the person chooses their own through the reset mail
            obj.set_password(secrets.token_urlsafe(32))
        super().save_model(request, obj, form, change)

    def construct_change_message(self, request, form, formsets, add=False):
        """Django stores a change's field names in English and translates them when the log
        is read; the user model's own labels ("First name") have no Danish entry as labels,
        so the log keeps the form's Danish labels instead."""
        message = super().construct_change_message(request, form, formsets, add)
        for part in message:
            if "changed" in part and "name" not in part["changed"]:
                part["changed"]["fields"] = [
                    str(form.fields[name].label or name)
                    for name in form.changed_data
                    if name in form.fields
                ]
        return message

    def user_change_password(self, request, id, form_url=""):
        if not self.is_superuser(request):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    @admin.action(description=_("Send mail med link til at vælge adgangskode"))
    def send_password_mail(self, request, queryset):
        sent = 0
        for person in queryset.exclude(email=""):
            if not self.has_change_permission(request, person):
                continue
            form = PasswordResetForm(data={"email": person.email})
            if form.is_valid():
                form.save(request=request, use_https=request.is_secure())
                self.log_change(request, person, _("Mail med link til ny adgangskode sendt."))
                sent += 1
        self.message_user(
            request,
            ngettext("%(count)d mail sendt.", "%(count)d mails sendt.", sent) % {"count": sent},
            messages.SUCCESS if sent else messages.WARNING,
        )
