from django.core.management.base import BaseCommand, CommandError

from workshops.methods import MethodFileError, check_files, load_files
from workshops.models import Method

STATUS = {"new": "ny", "updated": "opdateret", "unchanged": "uændret"}


class Command(BaseCommand):
    help = (
        "Check the workshop methods in workshops/methods/*.json and load new and changed ones "
        "(also done after every migrate). Prints every problem and exits 1 on any; nothing "
        "is loaded then."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Only check the files against the database."
        )

    def handle(self, *args, check=False, **options):
        try:
            if check:
                found, problems = check_files(Method)
                if problems:
                    raise MethodFileError(problems)
                for data in found:
                    self.stdout.write(f"{data['name']}: version {data['version']} i orden")
                return
            loaded = load_files()
        except MethodFileError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            count = len(error.problems)
            raise CommandError(
                f"{count} problem{'er' if count != 1 else ''} i metodefilerne – intet er indlæst."
            ) from None
        for item in loaded:
            self.stdout.write(
                f"{item.method.name}: version {item.method.version}, {item.phases} faser "
                f"({STATUS[item.status]})"
            )
