from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from surveys import importer
from surveys.models import Round


class Command(BaseCommand):
    help = (
        "Importér målingsleverandørens rapporter (xlsx eller csv) til en måling. Alt eller "
        "intet: ved fejl importeres ingenting. Se docs/report-import.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="xlsx- eller csv-fil i det dokumenterede format")
        parser.add_argument("--round", required=True, help="målingens id eller præcise navn")
        parser.add_argument(
            "--dry-run", action="store_true", help="kontrollér filen uden at gemme noget"
        )

    def handle(self, *args, file, round, dry_run, **options):
        round_ = self._round(round)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Filen findes ikke: {path}")
        if path.stat().st_size > importer.MAX_UPLOAD_BYTES:
            raise CommandError(str(importer.too_large_problem()))
        try:
            plan = importer.plan_import(round_, importer.read_table(path.read_bytes(), path.name))
        except importer.ImportRejected as rejected:
            self._fail(rejected.problems)
        if not plan.ok:
            self._fail(plan.problems)
        self.stdout.write(
            f"{round_}: {plan.created_count} nye og {plan.replaced_count} erstattede rapporter, "
            f"{len(plan.removed)} fjernes, {plan.hidden_count} under anonymitetsgrænsen."
        )
        if dry_run:
            self.stdout.write("Prøvekørsel: intet er gemt.")
            return
        importer.apply_plan(plan)
        self.stdout.write(self.style.SUCCESS("Importen er gennemført."))

    def _round(self, value) -> Round:
        rounds = Round.objects.filter(pk=int(value)) if value.isdigit() else Round.objects.none()
        rounds = rounds or Round.objects.filter(name=value)
        if len(rounds) != 1:
            raise CommandError(f"Fandt ikke præcis én måling med id eller navn »{value}«.")
        return rounds[0]

    def _fail(self, problems):
        for problem in problems:
            self.stderr.write(f"  {problem}")
        raise CommandError(f"Intet er importeret: {len(problems)} fejl i filen.")
