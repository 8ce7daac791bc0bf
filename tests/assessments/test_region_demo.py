"""The demo's region side: Maros 2026 (self-assessment submitted, two monitoring rounds, the 2025
observation's recommendations open) and Kota Blitar's 2025 recommendations tracked; loading twice
duplicates nothing."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from assessments.enums import RecommendationSource, SelfAssessmentStatus
from assessments.enums import RecommendationStatus as RS
from assessments.models import MonitoringRound, Objection, Recommendation, RegionSchedule, SelfAssessment
from assessments.queries.region import monitoring_trend

pytestmark = pytest.mark.django_db


def test_the_demo_region_side(capsys):
    call_command("load_demo")
    call_command("load_demo")

    self_assessment = SelfAssessment.objects.get(candidate__region__code="73.09")
    assert (self_assessment.status, self_assessment.submitted_by.username) == (
        SelfAssessmentStatus.SUBMITTED,
        "inspektur.maros",
    )
    assert self_assessment.scores.count() == 18  # every indicator but the one fed by the MCSP value
    rounds = MonitoringRound.objects.filter(candidate__region__code="73.09")
    assert list(rounds.values_list("number", "kind")) == [(1, "koordinasi"), (2, "monev")]
    trend = monitoring_trend(self_assessment.candidate)
    assert [row.scored for row in trend.rounds] == [18, 18]
    assert trend.rounds[0].total < trend.rounds[1].total < Decimal("90")
    maros = Recommendation.objects.filter(candidate__region__code="73.09")
    assert sorted(maros.values_list("source", "status")) == [(RecommendationSource.OBSERVATION, RS.OPEN)] * 3
    blitar = Recommendation.objects.filter(candidate__region__code="35.72").order_by("pk")
    assert list(blitar.values_list("indicator__code", "status")) == [("9", RS.DONE), ("6", RS.IN_PROGRESS)]
    objection = Objection.objects.get(plenary__assessment__candidate__region__code="35.72")
    assert list(objection.points.values_list("indicator__code", "answer")) == [("9", "ditolak")]
    assert objection.status == "dijawab"
    assert RegionSchedule.objects.get(programme_year__year=2026).objection_working_days == 5
