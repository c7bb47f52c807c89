from django.core.management.base import BaseCommand

from workshops.methods import load_all


class Command(BaseCommand):
    help = "Load or refresh the workshop methods shipped in workshops/methods/*.json."

    def handle(self, *args, **options):
        for method in load_all():
            self.stdout.write(f"{method.name}: {method.phases.count()} faser")
