"""Send the reminders that are due (actionplans/reminders.py). Safe to run every hour: a
reminder already sent is never sent again (docs/deployment.md has the cron line and the
systemd timer)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from actionplans.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Sender de påmindelser om handleplaner, der er tid til (idempotent; kør hver time)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Dagen, der regnes fra (ÅÅÅÅ-MM-DD); som standard i dag."
        )

    def handle(self, *args, date=None, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError:
                raise CommandError("--date skal være en dato som 2026-06-30.") from None
        sent = send_due_reminders(today)
        self.stdout.write(f"{sent} påmindelser sendt.")
