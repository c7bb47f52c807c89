from django.contrib import admin
from django.db.models import Count, Q
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from units import permissions
from units.admin import ReadOnlyForHR

from .models import Method, Workshop


@admin.register(Method)
class MethodAdmin(ReadOnlyForHR, admin.ModelAdmin):
    """HR reads which methods exist, their versions, their phases with the paragraph each
    implements, and which units of their subtree ran which (with the version each workshop
    was copied from). Read-only: a method is a file in workshops/methods/, loaded on migrate;
    nobody changes it here."""

    list_display = ["name", "version", "is_default", "phase_count", "units_count"]
    fields = ["name", "slug", "version", "source", "description", "phase_list", "unit_list"]
    readonly_fields = fields

    def _workshops(self, request):
        return permissions.filter_for(request.user, Workshop.objects.all(), "change")

    def get_object(self, request, object_id, from_field=None):
        """The method, with the workshops of HR's subtree that ran it (read per request)."""
        method = super().get_object(request, object_id, from_field)
        if method is not None:
            method.reached = list(
                self._workshops(request)
                .filter(method=method)
                .select_related("unit")
                .order_by("unit__path", "-date", "-created_at")
            )
        return method

    def get_queryset(self, request):
        reach = Q(workshop__in=self._workshops(request))
        return (
            super()
            .get_queryset(request)
            .annotate(
                phases_count=Count("phases", distinct=True),
                units_count=Count("workshop__unit", filter=reach, distinct=True),
            )
        )

    @admin.display(description=_("faser"), ordering="phases_count")
    def phase_count(self, method):
        return method.phases_count

    @admin.display(description=_("enheder, der har brugt den"), ordering="units_count")
    def units_count(self, method):
        return method.units_count

    @admin.display(description=_("faser"))
    def phase_list(self, method):
        return format_html(
            "<ol>{}</ol>",
            format_html_join(
                "",
                "<li>{} ({} min., {}) – <i>{}</i></li>",
                (
                    (p.name, p.minutes, p.get_tool_display(), p.source or "–")
                    for p in method.phases.order_by("order")
                ),
            ),
        )

    @admin.display(description=_("brugt af"))
    def unit_list(self, method):
        rows = [
            (
                w.unit.name,
                w.title,
                date_format(w.date, "SHORT_DATE_FORMAT") if w.date else gettext("uden dato"),
                gettext("version %(n)s") % {"n": w.method_version}
                if w.method_version
                else gettext("før versioner"),
            )
            for w in getattr(method, "reached", [])
        ]
        if not rows:
            return gettext("Ingen enheder i dit område har brugt metoden endnu.")
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}, {} ({})</li>", rows))
