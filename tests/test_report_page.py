"""The trio reads their unit's report; HR imports it in the browser (upload → preview → confirm)."""

from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from surveys import importer
from surveys.models import SurveyReport

from . import factory

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "report-import-example.csv"
SAFETY = "Min enhed – psykologisk tryghed"
DEMANDS = "Mit arbejde – krav og balance"


def report_for(world, respondents=12, **fields):
    scores = {
        SAFETY: ("64.8", "72.4"),
        DEMANDS: ("58.2", "64.1"),
        "Mit arbejde – motivation og tilfredshed": ("71.9", "75.3"),
        "Krænkende adfærd": ("86.5", "84.6"),
    }
    return factory.survey_report(world.unit, respondents=respondents, scores=scores, **fields)


def page(client, user, report):
    client.force_login(user)
    return client.get(reverse("surveys:report_detail", args=[report.pk]))


def test_trio_sees_scores_against_the_organisation_with_colour_words(client, world):
    report = report_for(world)
    response = page(client, world.leader, report)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Resultatrapport: Egen enhed" in html
    assert "58,2" in html and "Rød" in html and "Gul" in html  # the colour as a word
    assert "Organisationen 64,1 (-5,9)" in html
    assert 'width="58.2"' in html  # the SVG bar is not localised
    assert 'aria-hidden="true"' in html and "Søjlen er enhedens score" in html


def test_lowest_themes_and_biggest_gaps_are_highlighted(client, world):
    html = page(client, world.leader, report_for(world)).content.decode()
    assert html.count("score-row--lowest") == 2
    assert "Laveste temaer" in html and "Største forskelle til organisationen" in html
    assert "7,6 point under" in html  # psychological safety: 64.8 vs 72.4


def test_follow_up_track_is_explained(client, world):
    html = page(client, world.leader, report_for(world)).content.decode()
    assert "Opfølgning sammen med afdelingschefen" in html
    assert "der måles igen i januar" in html


def test_harassment_guidance_is_shown_when_harassment_is_reported(client, world):
    html = page(client, world.tr, report_for(world, harassment_count=2)).content.decode()
    assert "Krænkende adfærd skal følges op" in html
    assert "2 medarbejdere har svaret" in html
    assert "nultolerance" in html
    html = page(client, world.tr, report_for_other_round(world)).content.decode()
    assert "Krænkende adfærd skal følges op" not in html


def report_for_other_round(world):
    return factory.survey_report(world.unit, harassment_count=0)


def test_psychological_safety_note_and_extra_care_when_it_is_low(client, world):
    html = page(client, world.amr, report_for(world)).content.decode()
    assert "Psykologisk tryghed i dialogen" in html
    assert "Psykologisk tryghed scorer ikke grønt hos jer" in html


def test_prepare_button_links_to_the_units_workshops_for_the_trio_only(client, world):
    report = report_for(world)
    target = reverse("unit_detail", args=[world.unit.pk]) + "#workshops"
    assert target in page(client, world.leader, report).content.decode()
    assert target not in page(client, world.med, report).content.decode()


def test_four_answers_show_no_scores_anywhere_but_explain_why(client, world):
    report = report_for(world, respondents=4, harassment_count=1)
    for user in (world.leader, world.hr, world.med):
        html = page(client, user, report).content.decode()
        assert "Ingen resultater – for få besvarelser" in html
        assert "Kun 4 personer har svaret" in html and "mindst 5 besvarelser" in html
        for leaked in ("58,2", "64,1", "Rød", "Organisationen 72", "medarbejdere har svaret"):
            assert leaked not in html, leaked
    client.force_login(world.leader)
    unit_page = client.get(reverse("unit_detail", args=[world.unit.pk])).content.decode()
    assert "For få besvarelser til at vise resultater" in unit_page
    assert "Samlet" not in unit_page
    client.force_login(world.hr)
    listing = client.get(reverse("surveys:round_detail", args=[report.round_id])).content.decode()
    assert "Skjult – for få svar" in listing and "Gul" not in listing


def test_five_answers_show_the_report(client, world):
    html = page(client, world.leader, report_for(world, respondents=5)).content.decode()
    assert "58,2" in html and "Ingen resultater" not in html


def test_named_round_shows_even_two_answers(client, world):
    round_ = factory.survey_round(world.organisation, anonymous=False)
    html = page(client, world.leader, report_for(world, respondents=2, round_=round_)).content
    assert "58,2" in html.decode()


def test_hostile_text_in_a_theme_name_is_escaped(client, world):
    report = factory.survey_report(world.unit, scores={"<script>alert(1)</script>": ("50", "60")})
    html = page(client, world.leader, report).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_unit_page_shows_a_summary_with_a_link_to_the_report(client, world):
    report = report_for(world, harassment_count=1)
    client.force_login(world.leader)
    html = client.get(reverse("unit_detail", args=[world.unit.pk])).content.decode()
    assert "Resultatrapport" in html and "12 af 15" in html
    assert reverse("surveys:report_detail", args=[report.pk]) in html
    assert "Krænkende adfærd er rapporteret" in html
    assert "Målinger og import" not in html  # only HR gets the import link


def test_unit_page_without_report_says_so(client, world):
    client.force_login(world.med)
    html = client.get(reverse("unit_detail", args=[world.other_unit.pk])).content.decode()
    assert "Der er endnu ingen resultatrapport for enheden." in html


def upload(client, round_, data, name="rapport.csv", **extra):
    file = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(reverse("surveys:import_upload", args=[round_.pk]), {"file": file}, **extra)


def good_csv(world):
    return (
        "enhedskode;inviterede;besvarelser;krænkelser;Tryghed\r\n"
        f"{world.organisation.code};100;80;0;70,0\r\n"
        f"{world.unit.code};20;12;0;62,5\r\n"
    ).encode("cp1252")


def test_hr_uploads_sees_a_preview_and_nothing_is_saved_until_confirmed(client, world):
    round_ = factory.survey_round(world.organisation, themes=["Tryghed"])
    client.force_login(world.hr)
    response = upload(client, round_, good_csv(world))
    html = response.content.decode()
    assert "Forhåndsvisning" in html and "Intet er gemt endnu" in html
    assert "Importér 2 rapporter" in html
    assert SurveyReport.objects.count() == 0
    payload = response.context["payload"]
    response = client.post(
        reverse("surveys:import_confirm", args=[round_.pk]), {"payload": payload}
    )
    assert response.status_code == 302
    report = SurveyReport.objects.get(unit=world.unit)
    assert report.scores.get().score == Decimal("62.5") and report.imported_by == world.hr
    assert "2 rapporter er importeret" in client.get(response["Location"]).content.decode()


def test_htmx_upload_returns_only_the_result_fragment(client, world):
    round_ = factory.survey_round(world.organisation, themes=["Tryghed"])
    client.force_login(world.hr)
    html = upload(client, round_, good_csv(world), HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<div id="import-result"')
    assert "<html" not in html


def test_bad_upload_lists_problems_with_row_and_column(client, world):
    round_ = factory.survey_round(world.organisation, themes=["Tryghed"])
    client.force_login(world.hr)
    data = good_csv(world).replace(b";12;", b";tolv;")
    html = upload(client, round_, data).content.decode()
    assert "Filen kan ikke importeres – intet er gemt" in html
    assert "besvarelser" in html and "»tolv« er ikke et helt tal" in html
    assert "<td>3</td>" in html
    assert SurveyReport.objects.count() == 0


def test_huge_upload_is_refused_without_being_stored(client, world):
    round_ = factory.survey_round(world.organisation, themes=["Tryghed"])
    client.force_login(world.hr)
    html = upload(client, round_, b"x" * (importer.MAX_UPLOAD_BYTES + 10)).content.decode()
    assert "Filen er for stor" in html
    assert SurveyReport.objects.count() == 0


def test_tampered_or_foreign_preview_is_refused(client, world):
    round_ = factory.survey_round(world.organisation, themes=["Tryghed"])
    other = factory.survey_round(world.organisation, themes=["Tryghed"])
    client.force_login(world.hr)
    payload = upload(client, round_, good_csv(world)).context["payload"]
    for target, data in ((round_, payload + "x"), (other, payload)):
        response = client.post(
            reverse("surveys:import_confirm", args=[target.pk]), {"payload": data}
        )
        assert response.status_code == 400
        assert "Forhåndsvisningen er udløbet eller ugyldig" in response.content.decode()
    assert SurveyReport.objects.count() == 0


def test_upload_without_csrf_token_is_refused(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.hr)
    round_ = factory.survey_round(world.organisation, themes=["Tryghed"])
    assert upload(client, round_, good_csv(world)).status_code == 403


def test_hr_round_list_links_to_import_and_counts_tracks(client, world):
    round_ = factory.survey_round(world.organisation, name="Trivselsmåling og APV 2026")
    report_for(world)
    client.force_login(world.hr)
    html = client.get(reverse("surveys:round_list")).content.decode()
    assert "Trivselsmåling og APV 2026" in html
    assert reverse("surveys:import_upload", args=[round_.pk]) in html


def test_hr_filters_a_rounds_reports_by_follow_up_track(client, world):
    round_ = factory.survey_round(world.organisation)
    report_for(world, round_=round_)  # yellow below → with head
    factory.survey_report(world.other_unit, round_=round_, scores={SAFETY: ("80", "72")})
    client.force_login(world.hr)
    url = reverse("surveys:round_detail", args=[round_.pk])
    html = client.get(url, {"spor": "with_head"}).content.decode()
    assert world.unit.name in html and world.other_unit.name not in html


def test_example_file_can_be_downloaded_by_hr(client, world):
    client.force_login(world.hr)
    response = client.get(reverse("surveys:import_example"), {"format": "csv"})
    assert b"".join(response.streaming_content) == EXAMPLE.read_bytes()
