"""Seed 002's colours and follow-up tracks, and seed 001's anonymity threshold, as tables."""

from decimal import Decimal as D

import pytest

from surveys import rules
from surveys.models import Colour, SurveyReport, ThemeScore, Track

from . import factory


@pytest.mark.parametrize(
    "score,colour",
    [
        (D("100"), Colour.GREEN),
        (D("75.0"), Colour.GREEN),  # the green limit itself is green
        (D("74.9"), Colour.YELLOW),
        (D("60.0"), Colour.YELLOW),  # the yellow limit itself is yellow
        (D("59.9"), Colour.RED),
        (D("0"), Colour.RED),
    ],
)
def test_score_colour_follows_the_rounds_limits(score, colour):
    assert rules.colour_for(score, green_from=D("75"), yellow_from=D("60")) == colour


@pytest.mark.parametrize(
    "colour,average,org_average,track",
    [
        # green → the unit itself, whatever the organisation's average
        (Colour.GREEN, D("80"), D("70"), Track.UNIT),
        (Colour.GREEN, D("76"), D("78"), Track.UNIT),
        # yellow above the organisation's average → like green
        (Colour.YELLOW, D("72.0"), D("71.9"), Track.UNIT),
        # exactly at the average is not below it
        (Colour.YELLOW, D("71.9"), D("71.9"), Track.UNIT),
        # yellow below → with the department head, re-measured in January
        (Colour.YELLOW, D("71.8"), D("71.9"), Track.WITH_HEAD),
        # no organisation average to compare with → never skip the department head
        (Colour.YELLOW, D("74"), None, Track.WITH_HEAD),
        # red → department head and HR, re-measured in January, even above the average
        (Colour.RED, D("55"), D("71.9"), Track.WITH_HEAD_AND_HR),
        (Colour.RED, D("55"), D("50"), Track.WITH_HEAD_AND_HR),
    ],
)
def test_follow_up_track_is_exactly_seed_002(colour, average, org_average, track):
    assert rules.track_for(colour, average, org_average) == track


@pytest.mark.parametrize(
    "respondents,anonymous,reportable",
    [(4, True, False), (5, True, True), (0, True, False), (4, False, True), (0, False, True)],
)
def test_fewer_than_five_answers_hide_the_report_unless_the_round_is_named(
    world, respondents, anonymous, reportable
):
    round_ = factory.survey_round(world.organisation, anonymous=anonymous)
    report = factory.survey_report(world.unit, round_=round_, respondents=respondents)
    assert rules.is_reportable(respondents, threshold=5, anonymous=anonymous) is reportable
    # the queryset rule that every view uses agrees with the Python rule
    assert SurveyReport.objects.reportable().filter(pk=report.pk).exists() is reportable
    shown = SurveyReport.objects.with_visibility().get(pk=report.pk)
    assert shown.scores_visible is reportable
    assert ThemeScore.objects.visible().filter(report=report).exists() is reportable
    assert report.visible_scores().exists() is reportable


def test_a_raised_threshold_hides_reports_that_were_imported_before(world):
    round_ = factory.survey_round(world.organisation)
    report = factory.survey_report(world.unit, round_=round_, respondents=6)
    assert report.visible_scores().count() == len(round_.themes)
    round_.anonymity_threshold = 7
    round_.save()
    assert report.visible_scores().count() == 0


def test_response_rate_is_whole_percent_and_safe_when_nobody_was_invited():
    assert SurveyReport(invited=22, respondents=19).response_rate == 86
    assert SurveyReport(invited=0, respondents=0).response_rate is None


def test_gap_is_score_minus_organisation_average():
    assert ThemeScore(score=D("64.8"), org_average=D("72.4")).gap == D("-7.6")
    assert ThemeScore(score=D("64.8"), org_average=None).gap is None


def test_mean_rounds_half_up_to_one_decimal():
    assert rules.mean([D("70.0"), D("70.1")]) == D("70.1")
    assert rules.mean([None, None]) is None
