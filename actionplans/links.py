"""The two kinds of link that reach a unit's plans without a login: a tovholder's personal
link (only their own activities) and the staff-room board (read-only, the whole unit).

Both are `secrets.token_urlsafe(32)` (models.new_link_token): 256 bits, never derived from
anything guessable. Rotating makes a new token (the old one answers 404 at once); revoking
sets it to None. A tovholder's link also ends with the person's access: the membership or the
account for a member, the last open activity for a free-text name (one rule,
`Tovholder.objects.live_links()`, used by the page, the reminders and the trio's list).
Lookups take the token as typed in the URL and compare it in the database, through the
`<token:…>` path converter, so anything that is not token-shaped is a 404 before a query."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Count, Max
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone

from .models import ActionPlan, Activity, StaffRoomLink, Tovholder, new_link_token

# --- the tovholder's link ---------------------------------------------------------------------


def rotate_tovholder_link(tovholder: Tovholder) -> Tovholder:
    """Make (or remake) the tovholder's link; a link sent before stops working."""
    tovholder.token = new_link_token()
    tovholder.token_created_at = timezone.now()
    tovholder.save(update_fields=["token", "token_created_at"])
    return tovholder


def revoke_tovholder_link(tovholder: Tovholder) -> Tovholder:
    tovholder.token = None
    tovholder.token_created_at = None
    tovholder.save(update_fields=["token", "token_created_at"])
    return tovholder


def tovholder_by_token(token: str) -> Tovholder:
    """The tovholder whose link this is; 404 once it is rotated or revoked, or has ended with
    the person's access (`TovholderQuerySet.with_link_state`)."""
    if not token:
        raise Http404
    try:
        return Tovholder.objects.live_links().select_related("unit").get(token=token)
    except Tovholder.DoesNotExist:
        raise Http404 from None


def own_activity(tovholder: Tovholder, activity_id) -> Activity:
    """One of the tovholder's own activities; any other is a 404 (its existence is not
    revealed)."""
    try:
        return Activity.objects.select_related("plan", "tovholder").get(
            pk=activity_id, tovholder=tovholder
        )
    except (Activity.DoesNotExist, ValueError):
        raise Http404 from None


def send_tovholder_link(tovholder: Tovholder, url: str) -> None:
    """E-mail the personal link to the tovholder (only called when an address is known)."""
    context = {"tovholder": tovholder, "url": url, "unit": tovholder.unit}
    send_mail(
        subject=render_to_string("actionplans/email/tovholder_link_subject.txt", context).strip(),
        message=render_to_string("actionplans/email/tovholder_link.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[tovholder.email],
    )


# --- the staff-room board -------------------------------------------------------------------


def rotate_board_link(unit) -> StaffRoomLink:
    link, created = StaffRoomLink.objects.get_or_create(unit=unit)
    link.token = new_link_token()
    link.rotated_at = None if created else timezone.now()
    link.save(update_fields=["token", "rotated_at"])
    return link


def revoke_board_link(unit) -> None:
    StaffRoomLink.objects.filter(unit=unit).update(token=None, rotated_at=timezone.now())


def board_link(unit) -> StaffRoomLink | None:
    return StaffRoomLink.objects.filter(unit=unit, token__isnull=False).first()


def unit_by_board_token(token: str):
    if not token:
        raise Http404
    try:
        return StaffRoomLink.objects.select_related("unit").get(token=token).unit
    except StaffRoomLink.DoesNotExist:
        raise Http404 from None


def board_signature(unit) -> str:
    """What the board shows changes only when a plan or an activity is added, edited,
    removed or moved: two aggregate reads, compared by the board's poll every ~2 s."""
    plans = ActionPlan.objects.filter(unit=unit).aggregate(n=Count("pk"), at=Max("updated_at"))
    activities = Activity.objects.filter(plan__unit=unit).aggregate(
        n=Count("pk"), at=Max("updated_at")
    )
    stamp = [plans["n"], plans["at"], activities["n"], activities["at"]]
    return "-".join(
        str(int(value.timestamp() * 1_000_000)) if hasattr(value, "timestamp") else str(value)
        for value in stamp
    )
