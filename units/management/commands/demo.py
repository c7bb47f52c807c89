import importlib
import importlib.util

from django.core.management.base import BaseCommand

from units import demo

# Each app may add demo data of its own in <app>/demo.py with a create() function;
# they run in this order after the organisation exists.
LATER_APPS = ["surveys", "workshops", "actionplans"]


class Command(BaseCommand):
    help = "Create or refresh the demo municipality (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        logins = demo.create()
        for app in LATER_APPS:
            if importlib.util.find_spec(f"{app}.demo"):
                importlib.import_module(f"{app}.demo").create()
        self.stdout.write(self.style.SUCCESS("Demo-data er klar: Bøgely Kommune (fiktiv)."))
        self.stdout.write(
            f"Log ind på http://127.0.0.1:8000 med adgangskoden '{demo.DEMO_PASSWORD}':"
        )
        for username, description in logins:
            self.stdout.write(f"  {username:<12} {description}")
