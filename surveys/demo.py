"""Demo round for Bøgely Kommune, imported through the real importer from the example file."""

import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction

from units.models import Unit

from . import importer
from .models import Round

EXAMPLE_FILE = Path(settings.BASE_DIR) / "fixtures" / "report-import-example.csv"
ROUND_NAME = "Trivselsmåling og APV 2026"


@transaction.atomic
def create() -> Round:
    """Create or refresh the 2026 round with the dates of seed 001 and import its reports."""
    organisation = Unit.objects.get(code="BK")
    round_, _ = Round.objects.update_or_create(
        organisation=organisation,
        name=ROUND_NAME,
        defaults={
            "survey_opens": datetime.date(2026, 4, 8),
            "survey_closes": datetime.date(2026, 4, 22),
            "reports_released": datetime.date(2026, 5, 5),
            "workshops_from": datetime.date(2026, 5, 11),
            "workshops_until": datetime.date(2026, 6, 30),
            "action_plan_deadline": datetime.date(2026, 6, 30),
        },
    )
    importer.import_file(round_, EXAMPLE_FILE.read_bytes(), EXAMPLE_FILE.name)
    return round_
