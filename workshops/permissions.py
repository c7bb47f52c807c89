"""Who may run a workshop's live session, and how a phone proves it is a participant.

Running the session (facilitator screen, wall, controls) is the unit's trio and HR (the
"change" rule of units.permissions), plus the user named as the workshop's facilitator, who
may be borrowed from another unit. Participants have no account: their phone holds a random
token in a cookie that is valid for one workshop only and sent only to its addresses.
"""

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from units import permissions as unit_permissions

from .converters import is_token
from .models import Participant, Workshop

SCREEN_SALT = "trivsel.live.screen"
SCREEN_KEY_MAX_AGE = 16 * 3600


def get_workshop_to_facilitate(user, workshop_id) -> Workshop:
    try:
        workshop = Workshop.objects.select_related("unit", "current_phase").get(pk=workshop_id)
    except Workshop.DoesNotExist:
        raise Http404 from None
    check_may_facilitate(user, workshop)
    return workshop


def workshops_facilitated_by(user):
    """The workshops this user is named facilitator of, newest first (their home page)."""
    if not user.is_authenticated or not user.is_active:
        return Workshop.objects.none()
    return (
        Workshop.objects.filter(facilitator=user)
        .select_related("unit")
        .order_by("status", "-date", "-created_at")
    )


def get_workshop_to_view(user, queryset, workshop_id) -> Workshop:
    """A workshop's preparation pages (read): whoever may view its unit, and its facilitator,
    who may come from another unit. 404 for everyone else, as units.permissions.check."""
    try:
        workshop = queryset.select_related("unit").get(pk=workshop_id)
    except Workshop.DoesNotExist:
        raise Http404 from None
    if not (workshop.facilitator_id and workshop.facilitator_id == user.pk):
        unit_permissions.check(user, "view", workshop.unit)
    return workshop


def check_may_facilitate(user, workshop: Workshop) -> None:
    """As units.permissions.check: 404 when the user may not see the unit, 403 when they may
    see it but not run its workshop."""
    if workshop.facilitator_id and workshop.facilitator_id == user.pk:
        return
    unit_permissions.check(user, "change", workshop.unit)


def screen_key(workshop: Workshop, user=None, *, wall_token: str | None = None) -> str:
    """A signed key a facilitator's or wall's screen sends with its cheap revision check,
    so that check needs neither a session nor a user lookup. A wall opened by its wall link
    signs the link's token instead of a user: revoking the link ends the key too."""
    return signing.dumps(
        [workshop.pk, user.pk if user else None, wall_token], salt=SCREEN_SALT, compress=True
    )


def _screen_claims(key: str) -> list | None:
    try:
        claims = signing.loads(key, salt=SCREEN_SALT, max_age=SCREEN_KEY_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return claims if isinstance(claims, list) and len(claims) == 3 else None


def screen_key_valid(key: str, workshop_id: int) -> bool:
    claims = _screen_claims(key)
    return claims is not None and claims[0] == workshop_id


def screen_wall_token(key: str) -> str | None:
    """The wall link's token a screen key was signed for (None: a facilitator's key)."""
    claims = _screen_claims(key)
    return claims[2] if claims else None


def may_facilitate(user, workshop: Workshop) -> bool:
    """check_may_facilitate as a yes/no, for a user named by a screen's key."""
    if user is None or not user.is_active:
        return False
    if workshop.facilitator_id and workshop.facilitator_id == user.pk:
        return True
    return unit_permissions.can(user, "change", workshop.unit)


def wall_key_allows(key: str, workshop: Workshop) -> bool:
    """Whether the wall's update may be shown on the strength of its signed key (the wall has
    no login of its own). The key dies with the access it was made from: a wall link's once
    the link is revoked or replaced; a facilitator's once that user is deactivated or may no
    longer run the workshop. And the wall goes dark when the workshop is closed."""
    claims = _screen_claims(key)
    if claims is None or claims[0] != workshop.pk:
        return False
    if workshop.status == Workshop.Status.CLOSED:
        return False
    user_id, wall_token = claims[1], claims[2]
    if wall_token is not None:
        return workshop.wall_token == wall_token
    user = get_user_model().objects.filter(pk=user_id).first()
    return may_facilitate(user, workshop)


def get_workshop_by_wall_token(wall_token: str) -> Workshop:
    """The workshop of a live wall link; 404 once it is revoked or the workshop is closed."""
    try:
        return (
            Workshop.objects.select_related("unit", "current_phase")
            .exclude(status=Workshop.Status.CLOSED)
            .get(wall_token=wall_token)
        )
    except Workshop.DoesNotExist:
        raise Http404 from None


def participant_cookie_name(workshop: Workshop) -> str:
    return f"tp{workshop.pk}"


def participant_cookie_path(workshop: Workshop) -> str:
    """The workshop's own addresses (/d/<join token>/): a browser sends a participant cookie
    only there, so one that joined many workshops sends one cookie, not all of them."""
    return reverse("participant:screen", args=[workshop.join_token])


def get_participant(request, workshop: Workshop) -> Participant | None:
    token = request.COOKIES.get(participant_cookie_name(workshop), "")
    if not is_token(token):
        return None
    return Participant.objects.filter(workshop=workshop, token=token).first()


def require_participant(request, workshop: Workshop) -> Participant:
    participant = get_participant(request, workshop)
    if participant is None:
        raise PermissionDenied
    return participant


def get_workshop_by_token(join_token: str) -> Workshop:
    try:
        return Workshop.objects.select_related("current_phase").get(join_token=join_token)
    except Workshop.DoesNotExist:
        raise Http404 from None


def get_participant_by_token(request, join_token: str) -> Participant:
    """The phone's participant (with its workshop and phase) in one query; 403 without the
    cookie."""
    from .sync.reads import phone_participant
    from .sync.revisions import cookie_tokens

    participant = phone_participant(join_token, cookie_tokens(request.COOKIES))
    if participant is None:
        raise PermissionDenied
    return participant
