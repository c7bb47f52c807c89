"""Security review, issue 13 items 2 and 3: what of a survey file reaches the browser and its
cache, and how much work one uploaded file may cause."""

import json
import re
from decimal import Decimal

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from surveys import importer, views
from surveys.models import SurveyReport

from . import factory


@pytest.fixture
def small_round(world):
    return factory.survey_round(world.organisation, themes=["Tryghed", "Krav"])


def upload(client, round_, data, name="rapport.csv"):
    file = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(reverse("surveys:import_upload", args=[round_.pk]), {"file": file})


def confirm(client, round_, payload):
    return client.post(reverse("surveys:import_confirm", args=[round_.pk]), {"payload": payload})


def file_with_a_small_unit(world):
    """The unit has 4 answers (under the threshold of 5) and scores no other row has."""
    return (
        "enhedskode;inviterede;besvarelser;krænkelser;Tryghed;Krav\r\n"
        f"{world.organisation.code};100;80;1;70,0;65,0\r\n"
        f"{world.other_unit.code};20;12;0;62,5;58,0\r\n"
        f"{world.unit.code};9;4;3;93,7;41,3\r\n"
    ).encode("utf-8-sig")


# --- item 2: the preview's payload and the browser's cache ----------------------------------


def test_the_preview_payload_holds_nothing_of_a_unit_below_the_threshold(client, world):
    round_ = factory.survey_round(world.organisation, themes=["Tryghed", "Krav"])
    client.force_login(world.hr)
    response = upload(client, round_, file_with_a_small_unit(world))
    html = response.content.decode()
    field = re.search(r'name="payload" value="([^"]+)"', html).group(1)
    data = signing.loads(field, salt=views.PREVIEW_SALT)  # signed, so anyone can read it
    text = json.dumps(data, ensure_ascii=False)
    assert "93,7" not in text and "41,3" not in text and "93,7" not in html
    rows = {cells[0]: cells for _row, cells in data["table"]["rows"]}
    assert rows[world.unit.code] == [world.unit.code, "9", "4", "", "", ""]
    assert rows[world.other_unit.code][3:] == ["0", "62,5", "58,0"]

    assert confirm(client, round_, field).status_code == 302
    small = SurveyReport.objects.get(unit=world.unit)
    assert (small.respondents, small.harassment_count, small.scores.count()) == (4, None, 0)
    other = SurveyReport.objects.get(unit=world.other_unit)
    assert other.scores.get(theme="Tryghed").score == Decimal("62.5")
    assert other.org_average == Decimal("67.5") and other.harassment_count == 0


def test_a_round_made_named_after_the_preview_is_not_imported_without_the_stripped_scores(
    client, world
):
    round_ = factory.survey_round(world.organisation, themes=["Tryghed", "Krav"])
    client.force_login(world.hr)
    payload = upload(client, round_, file_with_a_small_unit(world)).context["payload"]
    round_.anonymous = False
    round_.save()
    response = confirm(client, round_, payload)
    assert response.status_code == 400
    assert "Upload filen igen" in response.content.decode()
    assert SurveyReport.objects.count() == 0


def test_an_organisation_below_the_threshold_gives_no_averages(small_round, world):
    data = (
        "enhedskode;inviterede;besvarelser;krænkelser;Tryghed;Krav\r\n"
        f"{world.organisation.code};10;4;0;70,0;65,0\r\n"
        f"{world.unit.code};5;5;0;60,0;60,0\r\n"  # inconsistent, but possible
    ).encode()
    plan = importer.plan_import(small_round, importer.read_table(data, "a.csv"))
    assert plan.ok and all(report.org_average is None for report in plan.reports)


def no_store(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def test_pages_with_survey_figures_are_never_stored_by_a_cache(client, world):
    round_ = factory.survey_round(world.organisation, themes=["Tryghed", "Krav"])
    client.force_login(world.hr)
    preview = upload(client, round_, file_with_a_small_unit(world))
    assert "Forhåndsvisning" in preview.content.decode() and no_store(preview)
    refused = confirm(client, round_, "nonsense")
    assert refused.status_code == 400 and no_store(refused)
    done = confirm(client, round_, preview.context["payload"])
    assert done.status_code == 302 and no_store(done)
    report = SurveyReport.objects.get(unit=world.other_unit)
    for url in (
        reverse("surveys:round_list"),
        reverse("surveys:round_detail", args=[round_.pk]),
        reverse("surveys:import_upload", args=[round_.pk]),
        reverse("surveys:report_detail", args=[report.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200 and no_store(response), url


def test_the_private_pages_middleware_marks_only_a_logged_in_users_pages(rf, world):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from surveys.middleware import PrivatePagesMiddleware

    def answer(user, **headers):
        request = rf.get("/")
        request.user = user
        return PrivatePagesMiddleware(lambda request: HttpResponse(headers=headers))(request)

    assert no_store(answer(world.leader))
    assert "Cache-Control" not in answer(AnonymousUser())
    kept = "max-age=0, no-cache, no-store, must-revalidate, private"
    assert answer(world.leader, **{"Cache-Control": kept})["Cache-Control"] == kept


def test_the_private_pages_middleware_covers_the_unit_page(client, world, settings):
    auth = "django.contrib.auth.middleware.AuthenticationMiddleware"
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(middleware.index(auth) + 1, "surveys.middleware.PrivatePagesMiddleware")
    settings.MIDDLEWARE = middleware
    client.force_login(world.leader)
    assert no_store(client.get(reverse("unit_detail", args=[world.unit.pk])))
