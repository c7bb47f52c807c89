from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class UnitQuerySet(models.QuerySet):
    def subtree_of(self, units):
        """The given units and every unit below them."""
        query = models.Q(pk__in=[])
        for unit in units:
            query |= models.Q(path__startswith=unit.path)
        return self.filter(query)

    def open(self):
        """Units that still exist: an organisation import closes a unit instead of deleting it."""
        return self.filter(closed_on__isnull=True)


class Unit(models.Model):
    """A node of the organisation: organisation → department → workplace → team, any depth.

    `path` is a materialised path ("/1/4/9/") kept by save(), so "this unit and everything
    below it" is one indexed prefix query instead of a recursive walk.
    """

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        DEPARTMENT = "department", _("Afdeling")
        WORKPLACE = "workplace", _("Arbejdsplads")
        TEAM = "team", _("Team/enhed")

    name = models.CharField(_("navn"), max_length=200)
    code = models.CharField(
        _("enhedskode"),
        max_length=50,
        unique=True,
        help_text=_("Koden, som målingsleverandøren bruger for enheden (fx AK-0412)."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("overordnet enhed"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=500, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    closed_on = models.DateField(
        _("lukket den"),
        null=True,
        blank=True,
        help_text=_("En nedlagt enhed lukkes, så dens handleplaner og historik bevares."),
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("enhed")
        verbose_name_plural = _("enheder")
        ordering = ["path"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.pk is None:
                super().save(*args, **kwargs)
                kwargs.pop("force_insert", None)
            old_path = self.path
            parent_path = self.parent.path if self.parent_id else "/"
            self.path = f"{parent_path}{self.pk}/"
            self.depth = self.path.count("/") - 2
            if self.parent_id and self.pk in self.parent.ancestor_ids():
                raise ValueError("A unit cannot be placed below itself.")
            super().save(
                update_fields=["name", "code", "kind", "parent", "path", "depth", "closed_on"]
            )
            if old_path and old_path != self.path:
                self._move_descendants(old_path)

    def _move_descendants(self, old_path):
        for unit in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
            unit.path = self.path + unit.path[len(old_path) :]
            unit.depth = unit.path.count("/") - 2
            unit.save_base(update_fields=["path", "depth"])

    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to and including this unit."""
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def ancestors(self):
        return Unit.objects.filter(pk__in=self.ancestor_ids()[:-1]).order_by("depth")

    @property
    def indented_name(self):
        return "— " * self.depth + self.name


class Role(models.TextChoices):
    LEADER = "leader", _("Leder")
    TR = "tr", _("Tillidsrepræsentant (TR)")
    AMR = "amr", _("Arbejdsmiljørepræsentant (AMR)")
    MED = "med", _("MED-medlem")
    HR = "hr", _("HR")
    FACILITATOR = "facilitator", _("Facilitator")


TRIO_ROLES = frozenset({Role.LEADER, Role.TR, Role.AMR})


class CurrentMembershipManager(models.Manager):
    """Memberships that have not ended: every rule and page asks about today's roles."""

    def get_queryset(self):
        return super().get_queryset().filter(ended_on__isnull=True)


class Membership(models.Model):
    """A person's role in a unit. Ending a role sets `ended_on` instead of deleting the row,
    so the audit trail and last year's trio survive a re-import; `objects` (and the related
    managers `user.memberships`, `unit.memberships`) see current roles only, `history` all.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("enhed"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    ended_on = models.DateField(_("ophørt den"), null=True, blank=True)

    objects = CurrentMembershipManager()
    history = models.Manager()  # noqa: DJ012 (a second manager, not a field)

    class Meta:
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        base_manager_name = "history"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                condition=models.Q(ended_on__isnull=True),
                name="unique_current_membership",
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.unit}"

    def end(self, on):
        """End the role on a date; the row stays for the history."""
        self.ended_on = on
        self.save(update_fields=["ended_on"])
