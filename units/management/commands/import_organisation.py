from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from surveys.importer import ImportRejected
from units import orgimport


class Command(BaseCommand):
    help = (
        "Importér organisationen (enheder og personers roller) fra løn- eller HR-systemets "
        "fil: én xlsx med arkene »enheder« og »personer«, eller to CSV-filer. Kontrollerer kun "
        "(prøvekørsel), medmindre --apply er givet. Alt eller intet. Se "
        "docs/organisation-import.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="xlsx med to ark, eller enhedernes csv-fil")
        parser.add_argument("--personer", help="personernes csv-fil (når file er en csv)")
        parser.add_argument(
            "--apply", action="store_true", help="gem ændringerne (uden: kun en prøvekørsel)"
        )

    def handle(self, *args, file, personer, apply, **options):
        data, name = self._read(file)
        people = self._read(personer) if personer else None
        try:
            plan = orgimport.import_files(data, name, people, dry_run=not apply)
        except ImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(
                f"Intet er importeret: {len(rejected.problems)} fejl i filen."
            ) from None
        self.stdout.write(orgimport.summary(plan))
        for unit in plan.closed[:50]:
            self.stdout.write(f"  lukkes: {unit.code} {unit.name}")
        if not apply:
            self.stdout.write("Prøvekørsel: intet er gemt. Kør igen med --apply for at gemme.")
            return
        self.stdout.write(self.style.SUCCESS("Importen er gennemført."))

    def _read(self, file) -> tuple[bytes, str]:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Filen findes ikke: {path}")
        if path.stat().st_size > orgimport.LIMITS.upload_bytes:
            raise CommandError(str(orgimport.too_large()))
        return path.read_bytes(), path.name
