"""Reminders that keep plans alive (issue 12, docs/design.md "Plans that get done").

`send_due_reminders()` is what the hourly `send_reminders` command calls. It works out every
reminder due today, leaves out those already sent (their key is in SentReminder) and those
the recipient stopped, and sends each of the others in its own transaction together with its
SentReminder row. The row's unique key is what holds "never twice": a second run, or two runs
at once, find the key taken and send nothing. A mail that fails to send rolls its row back,
so the next hour tries again.

Who gets what:
- a tovholder, `SOON_DAYS` days before an activity's deadline and once when it has passed
  (an activity still open: not done, not dropped); deadlines passed more than
  `OVERDUE_WINDOW_DAYS` ago are not reminded of, so a first run on old data sends no flood;
- the unit's trio (leader, TR, AMR), `FOLLOW_UP_DAYS` days before a plan's first and second
  follow-up;
- each HR and MED member, once a month, a summary of their scope in the newest round: units
  without a plan while the deadline is still ahead, and overdue activities. Nothing to say,
  no mail.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from trivsel.safe_text import header_text
from units import permissions
from units.models import TRIO_ROLES, Membership, Role
from workshops.converters import is_token

from . import queries
from .models import (
    ActionPlan,
    Activity,
    ReminderKind,
    ReminderPreference,
    ReminderStop,
    ReminderStopKey,
    SentReminder,
    Tovholder,
)

logger = logging.getLogger(__name__)

SOON_DAYS = 3
OVERDUE_WINDOW_DAYS = 30
FOLLOW_UP_DAYS = 7
SUMMARY_LIST_LIMIT = 30
STOP_SALT = "actionplans.reminders.stop"


def stop_key(email: str) -> str:
    """The secret of an address's stop link (ReminderStopKey): random, made the first time
    and the same in every mail after, so a link in an old mail keeps working. Unlike the
    signed address it replaced, it does not spell out the address (docs/decisions.md)."""
    row, _created = ReminderStopKey.objects.get_or_create(email=email.strip().lower())
    return row.key


def email_from_stop_key(key: str) -> str | None:
    if not is_token(key):
        return None
    return ReminderStopKey.objects.filter(key=key).values_list("email", flat=True).first()


def replace_stop_key(email: str) -> str:
    """A new secret for the address: the links in the mails sent so far stop working."""
    ReminderStopKey.objects.filter(email=email.strip().lower()).delete()
    return stop_key(email)


def email_from_legacy_stop_key(key: str) -> str | None:
    """The address in a stop link of a mail sent before the per-address secret (the signed
    address). Such a link may still stop the reminders, but shows nothing about the address."""
    try:
        return signing.loads(key, salt=STOP_SALT)
    except signing.BadSignature:
        return None


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@dataclass
class Reminder:
    key: str
    kind: str
    email: str
    name: str
    subject: str
    template: str
    context: dict = field(default_factory=dict)
    user: object = None
    unit: object = None
    plan: object = None
    activity: object = None


def _activity_reminders(today: datetime.date) -> Iterator[Reminder]:
    # the tovholder's own link goes in the mail only while it works (it ends with the
    # person's membership or account: TovholderQuerySet.live_links)
    live_link = Tovholder.objects.live_links().filter(pk=OuterRef("tovholder_id"))
    open_with_holder = (
        Activity.objects.filter(stage__in=queries.OPEN_STAGES, tovholder__isnull=False)
        .select_related("tovholder__user", "plan__unit")
        .annotate(holder_link_live=Exists(live_link))
    )
    soon = open_with_holder.filter(
        deadline__gte=today, deadline__lte=today + datetime.timedelta(days=SOON_DAYS)
    )
    overdue = open_with_holder.filter(
        deadline__lt=today, deadline__gte=today - datetime.timedelta(days=OVERDUE_WINDOW_DAYS)
    )
    for kind, activities in (
        (ReminderKind.ACTIVITY_SOON, soon),
        (ReminderKind.ACTIVITY_OVERDUE, overdue),
    ):
        for activity in activities.order_by("deadline", "pk"):
            holder = activity.tovholder
            user = holder.user if holder.user_id and holder.user.is_active else None
            email = (holder.email or (user.email if user else "")).strip().lower()
            if not email:
                continue
            if kind == ReminderKind.ACTIVITY_SOON:
                subject = _("Påmindelse: deadline %(date)s for en aktivitet i %(unit)s")
            else:
                subject = _("Deadline overskredet for en aktivitet i %(unit)s")
            yield Reminder(
                key=f"{kind}:{activity.pk}:{activity.deadline.isoformat()}:{email}",
                kind=kind,
                email=email,
                name=holder.name,
                subject=subject
                % {"date": formats.date_format(activity.deadline), "unit": activity.plan.unit},
                template="actionplans/reminders/activity.txt",
                context={
                    "activity": activity,
                    "plan": activity.plan,
                    "overdue": kind == ReminderKind.ACTIVITY_OVERDUE,
                    "days": (activity.deadline - today).days,
                    # the tovholder's own link, when the trio has made one: one tap to the arrow
                    "status_url": absolute(reverse("tovholder_page", args=[holder.token]))
                    if activity.holder_link_live
                    else "",
                },
                user=user,
                unit=activity.plan.unit,
                plan=activity.plan,
                activity=activity,
            )


def _follow_up_reminders(today: datetime.date) -> Iterator[Reminder]:
    until = today + datetime.timedelta(days=FOLLOW_UP_DAYS)
    for number, field_name in ((1, "follow_up_first"), (2, "follow_up_second")):
        plans = ActionPlan.objects.filter(
            **{f"{field_name}__gte": today, f"{field_name}__lte": until}
        ).select_related("unit")
        for plan in plans.order_by("pk"):
            date = getattr(plan, field_name)
            trio = (
                Membership.objects.filter(unit=plan.unit_id, role__in=TRIO_ROLES)
                .select_related("user")
                .order_by("user_id")
            )
            seen = set()
            for membership in trio:
                user = membership.user
                email = user.email.strip().lower()
                if not email or not user.is_active or user.pk in seen:
                    continue
                seen.add(user.pk)
                yield Reminder(
                    key=f"follow_up:{number}:{plan.pk}:{date.isoformat()}:{user.pk}",
                    kind=ReminderKind.FOLLOW_UP,
                    email=email,
                    name=user.get_full_name() or user.username,
                    subject=_("Opfølgning på handleplanen «%(title)s» %(date)s")
                    % {"title": plan.title, "date": formats.date_format(date)},
                    template="actionplans/reminders/follow_up.txt",
                    context={"plan": plan, "number": number, "date": date},
                    user=user,
                    unit=plan.unit,
                    plan=plan,
                )


def followers() -> Iterable:
    """Active users with an e-mail address who hold an HR or MED role."""
    roles = Membership.objects.filter(user=OuterRef("pk"), role__in=(Role.HR, Role.MED))
    return (
        get_user_model()
        .objects.filter(Exists(roles), is_active=True)
        .exclude(email="")
        .order_by("pk")
    )


def _summaries(today: datetime.date) -> Iterator[Reminder]:
    from surveys.models import Round

    month = today.strftime("%Y-%m")
    year, week, _day = today.isocalendar()
    weekly = set(
        ReminderPreference.objects.filter(weekly_summary=True).values_list("user_id", flat=True)
    )
    for user in followers():
        units = permissions.units_for(user)
        rounds = Round.objects.filter(
            Exists(units.filter(path__startswith=OuterRef("organisation__path")))
        ).select_related("organisation")
        round_ = rounds.order_by("-survey_opens", "-pk").first()
        if round_ is None:
            continue
        rows = queries.overview_rows(round_, units, today=today)
        before_deadline = round_.action_plan_deadline and round_.action_plan_deadline >= today
        missing = [row for row in rows if row.plan_missing] if before_deadline else []
        overdue = [row for row in rows if row.overdue]
        if not missing and not overdue:
            continue
        email = user.email.strip().lower()
        every_week = user.pk in weekly
        subject = (
            _("Ugentlig oversigt over handleplaner: %(round)s")
            if every_week
            else _("Månedlig oversigt over handleplaner: %(round)s")
        )
        yield Reminder(
            # one a month, or one a ISO week for those who chose it
            key=f"summary:{year}-W{week:02d}:{user.pk}"
            if every_week
            else f"summary:{month}:{user.pk}",
            kind=ReminderKind.SUMMARY,
            email=email,
            name=user.get_full_name() or user.username,
            subject=subject % {"round": round_.name},
            template="actionplans/reminders/summary.txt",
            context={
                "round": round_,
                "weekly": every_week,
                "missing": missing[:SUMMARY_LIST_LIMIT],
                "missing_count": len(missing),
                "overdue": overdue[:SUMMARY_LIST_LIMIT],
                "overdue_count": sum(row.overdue for row in overdue),
                "overdue_units": len(overdue),
                "overview_url": absolute(reverse("actionplans:overview", args=[round_.pk])),
            },
            user=user,
        )


def _leader_summaries(today: datetime.date) -> Iterator[Reminder]:
    """Each unit's leader gets the summary of their own unit (a missing plan before the
    deadline, overdue activities), monthly or weekly as they chose. The rows are read once
    per round for the whole organisation (`queries.overview_rows`), not once per leader."""
    from surveys.models import Round
    from units.models import Unit

    month = today.strftime("%Y-%m")
    year, week, _day = today.isocalendar()
    weekly = set(
        ReminderPreference.objects.filter(weekly_summary=True).values_list("user_id", flat=True)
    )
    leaders = (
        Membership.objects.filter(role=Role.LEADER, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "unit")
        .order_by("pk")
    )
    rounds = list(Round.objects.select_related("organisation").order_by("-survey_opens", "-pk"))
    rows_of: dict[int, dict] = {}
    for membership in leaders:
        user, unit = membership.user, membership.unit
        round_ = next((r for r in rounds if unit.path.startswith(r.organisation.path)), None)
        if round_ is None:
            continue
        if round_.pk not in rows_of:
            rows = queries.overview_rows(round_, Unit.objects.all(), today=today)
            rows_of[round_.pk] = {row.unit_id: row for row in rows}
        row = rows_of[round_.pk].get(unit.pk)
        if row is None:
            continue
        before_deadline = round_.action_plan_deadline and round_.action_plan_deadline >= today
        missing = [row] if before_deadline and row.plan_missing else []
        overdue = [row] if row.overdue else []
        if not missing and not overdue:
            continue
        every_week = user.pk in weekly
        subject = (
            _("Ugentlig oversigt over handleplaner: %(unit)s")
            if every_week
            else _("Månedlig oversigt over handleplaner: %(unit)s")
        )
        period = f"{year}-W{week:02d}" if every_week else month
        yield Reminder(
            key=f"summary:{period}:{user.pk}:unit:{unit.pk}",
            kind=ReminderKind.SUMMARY,
            email=user.email.strip().lower(),
            name=user.get_full_name() or user.username,
            subject=subject % {"unit": unit.name},
            template="actionplans/reminders/summary.txt",
            context={
                "round": round_,
                "weekly": every_week,
                "own_unit": unit,
                "missing": missing,
                "missing_count": len(missing),
                "overdue": overdue,
                "overdue_count": row.overdue,
                "overdue_units": len(overdue),
                "overview_url": absolute(reverse("actionplans:plan_list", args=[unit.pk])),
            },
            user=user,
            unit=unit,
        )


def due_reminders(today: datetime.date) -> Iterator[Reminder]:
    yield from _activity_reminders(today)
    yield from _follow_up_reminders(today)
    yield from _summaries(today)
    yield from _leader_summaries(today)


def _message(reminder: Reminder) -> EmailMessage:
    stop_url = absolute(reverse("actionplans:reminder_stop", args=[stop_key(reminder.email)]))
    context = {
        **reminder.context,
        "name": reminder.name,
        "site_url": settings.SITE_URL.rstrip("/"),
        "stop_url": stop_url,
        "preferences_url": absolute(reverse("actionplans:reminder_preferences"))
        if reminder.user
        else "",
    }
    return EmailMessage(
        subject=header_text(reminder.subject),
        body=render_to_string(reminder.template, context),
        to=[reminder.email],
        headers={"List-Unsubscribe": f"<{stop_url}>"},
    )


def send_due_reminders(today: datetime.date | None = None) -> int:
    """Send every reminder due on `today` that was not sent before; the number sent."""
    today = today or timezone.localdate()
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        due = list(due_reminders(today))
        taken = set()
        keys = [reminder.key for reminder in due]
        for start in range(0, len(keys), 500):
            taken |= set(
                SentReminder.objects.filter(key__in=keys[start : start + 500]).values_list(
                    "key", flat=True
                )
            )
        stopped = set(ReminderStop.objects.values_list("email", flat=True))
        preferences = {
            pref.user_id: pref
            for pref in ReminderPreference.objects.filter(
                user__in=[r.user.pk for r in due if r.user is not None]
            )
        }
        for reminder in due:
            if reminder.key in taken or reminder.email in stopped:
                continue
            preference = preferences.get(reminder.user.pk) if reminder.user else None
            if preference is not None and not preference.wants(reminder.kind):
                continue
            if _send_once(reminder):
                sent += 1
    return sent


def _send_once(reminder: Reminder) -> bool:
    try:
        with transaction.atomic():
            SentReminder.objects.create(
                key=reminder.key,
                kind=reminder.kind,
                email=reminder.email,
                recipient_name=reminder.name[:200],
                user=reminder.user,
                unit=reminder.unit,
                plan=reminder.plan,
                activity=reminder.activity,
                subject=reminder.subject[:300],
            )
            _message(reminder).send()
    except IntegrityError:
        return False  # another run sent it a moment ago
    except Exception as error:  # noqa: BLE001 - one mail that cannot be sent stops no other
        # its row is rolled back, so the next run tries it again; the address and the key
        # name it, never the body (it holds the reminder's links)
        logger.error(
            "Reminder not sent (%s) to %s: %s: %s",
            reminder.key,
            reminder.email,
            type(error).__name__,
            str(error)[:200],
        )
        return False
    return True


def sent_to(email: str = "", user=None):
    """What one person has received, newest first: by their user, or by their address."""
    query = Q(pk__in=[])
    if email:
        query |= Q(email=email.strip().lower())
    if user is not None:
        query |= Q(user=user)
        if user.email:
            query |= Q(email=user.email.strip().lower())
    return SentReminder.objects.filter(query).select_related("unit")
