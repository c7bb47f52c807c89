"""A downloaded file is saved under a name with the unit's own letters (æ, ø, å), and with an
ASCII name beside it for the programs that read only that one (RFC 6266)."""

import datetime
from urllib.parse import unquote

from django.urls import reverse

from trivsel.downloads import attachment

from . import factory


def saved_name(disposition: str) -> str:
    """The name a browser saves the file under: filename* when it is there."""
    for part in disposition.split(";"):
        name, _, value = part.strip().partition("=")
        if name == "filename*":
            assert value.startswith("UTF-8''")
            return unquote(value[len("UTF-8''") :])
    return disposition.split('filename="')[1].split('"')[0]


def test_the_summary_of_a_workshop_in_æblegården_is_saved_as_æblegården(client, world):
    unit = factory.unit("Børnehuset Æblegården", parent=world.department)
    workshop = factory.live_workshop(unit, date=datetime.date(2026, 3, 12))
    client.force_login(world.hr)
    response = client.get(reverse("actionplans:workshop_summary_pdf", args=[workshop.pk]))
    disposition = response["Content-Disposition"]
    assert saved_name(disposition).startswith("opsamling-børnehuset-æblegården-2026-03-12")
    assert disposition.startswith('attachment; filename="opsamling-boernehuset-aeblegaarden-')


def test_a_workbook_of_a_round_keeps_its_letters_too(client, world):
    round_ = factory.survey_round(world.organisation, name="Måling 2026")
    client.force_login(world.hr)
    response = client.get(reverse("actionplans:round_workbook_xlsx", args=[round_.pk]))
    assert saved_name(response["Content-Disposition"]).startswith("handleplaner-måling-2026-")


def test_a_plain_name_needs_no_second_form():
    assert attachment("handleplaner.pdf") == 'attachment; filename="handleplaner.pdf"'
