"""Demo round for Bøgely Kommune, imported through the real importer from the example file.

Its dates follow seed 001's timeline, placed relative to the day the demo is loaded: the
survey ran about eight months ago, and the round's trivselsdialoger run from half a year
ago until a month from now (the story's three units are at three stages of it)."""

import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction

from units.models import Unit

from . import importer
from .models import Round

EXAMPLE_FILE = Path(settings.BASE_DIR) / "fixtures" / "report-import-example.csv"


def round_name(today: datetime.date) -> str:
    return f"Trivselsmåling og APV {round_dates(today)['survey_opens'].year}"


def round_dates(today: datetime.date) -> dict[str, datetime.date]:
    day = datetime.timedelta(days=1)
    return {
        "survey_opens": today - 240 * day,
        "survey_closes": today - 226 * day,
        "reports_released": today - 213 * day,
        "workshops_from": today - 207 * day,
        "workshops_until": today + 30 * day,
        "action_plan_deadline": today + 45 * day,
    }


@transaction.atomic
def create(today: datetime.date | None = None) -> Round:
    """Create or refresh the round and import its reports."""
    today = today or datetime.date.today()
    organisation = Unit.objects.get(code="BK")
    round_, _ = Round.objects.update_or_create(
        organisation=organisation, name=round_name(today), defaults=round_dates(today)
    )
    importer.import_file(round_, EXAMPLE_FILE.read_bytes(), EXAMPLE_FILE.name)
    return round_
