"""The colour and follow-up rules of seed 002 and the anonymity rule of seed 001, as plain
functions so they can be tested as a table."""

from decimal import ROUND_HALF_UP, Decimal

from .models import Colour, Track


def colour_for(score: Decimal, *, green_from: Decimal, yellow_from: Decimal) -> str:
    """Green at or above `green_from`, yellow at or above `yellow_from`, otherwise red."""
    if score >= green_from:
        return Colour.GREEN
    if score >= yellow_from:
        return Colour.YELLOW
    return Colour.RED


def track_for(colour: str, average: Decimal, org_average: Decimal | None) -> str:
    """Seed 002: green, or yellow with an average above the organisation's → the unit itself;
    yellow below the average → with the department head (re-measured in January);
    red → department head and HR (re-measured in January).

    A yellow report exactly at the organisation's average is not below it, so it stays with
    the unit; a yellow report without an organisation average is treated as below it, so
    a missing number never lets a report skip the department head."""
    if colour == Colour.GREEN:
        return Track.UNIT
    if colour == Colour.RED:
        return Track.WITH_HEAD_AND_HR
    if org_average is not None and average >= org_average:
        return Track.UNIT
    return Track.WITH_HEAD


def is_reportable(respondents: int, *, threshold: int, anonymous: bool) -> bool:
    """The anonymity rule (the same as `models.reportable_q`): fewer answers than the
    threshold in an anonymous round → no scores anywhere."""
    return not anonymous or respondents >= threshold


def mean(values) -> Decimal | None:
    values = [value for value in values if value is not None]
    if not values:
        return None
    return one_decimal(sum(values, Decimal(0)) / len(values))


def one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def lowest(scores, n: int = 2) -> list:
    """The `n` lowest theme scores: where the dialogue should look first."""
    return sorted(scores, key=lambda score: (score.score, score.order))[:n]


def biggest_gaps(scores, n: int = 2, minimum: Decimal = Decimal("2.0")) -> list:
    """Up to `n` themes furthest from the organisation's average (either way), ignoring
    differences under `minimum` points, which are noise rather than news."""
    far = [s for s in scores if s.gap is not None and abs(s.gap) >= minimum]
    return sorted(far, key=lambda score: (-abs(score.gap), score.order))[:n]
