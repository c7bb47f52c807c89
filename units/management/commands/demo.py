import datetime
import importlib
import importlib.util

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from units import demo

# Each app may add demo data of its own in <app>/demo.py with a create(today) function;
# they run in this order after the organisation exists.
LATER_APPS = ["surveys", "workshops", "actionplans"]


class Command(BaseCommand):
    help = (
        "Load the demo municipality once (a database that has it is left alone) and print the "
        "demo logins. --reset empties the database and loads it again with today's dates."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Empty the whole database (manage.py flush) and load the demo again.",
        )

    def handle(self, *args, reset=False, **options):
        if reset:
            if not settings.DEBUG:
                raise CommandError("demo --reset empties the database; it runs only with DEBUG.")
            call_command("flush", interactive=False, verbosity=0)
        if demo.present():
            self.stdout.write(
                "Demo-data er allerede indlæst; de bliver ikke lagt igen. "
                "`make demo-reset` (manage.py demo --reset) tømmer databasen og lægger dem "
                "forfra med dagens datoer."
            )
        else:
            load(datetime.date.today())
            self.stdout.write(self.style.SUCCESS("Demo-data er klar: Bøgely Kommune (fiktiv)."))
        self.stdout.write(
            f"Log ind på {settings.SITE_URL} med adgangskoden '{demo.DEMO_PASSWORD}':"
        )
        for username, description in demo.logins():
            self.stdout.write(f"  {username:<12} {description}")


@transaction.atomic
def load(today: datetime.date) -> None:
    """The whole demo in one transaction (all or nothing), dated relative to `today`."""
    demo.create()
    for app in LATER_APPS:
        if importlib.util.find_spec(f"{app}.demo"):
            importlib.import_module(f"{app}.demo").create(today)
