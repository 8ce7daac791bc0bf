import pytest

from assessments.demo.loader import load_demo
from regions.models import CriterionValue, CriterionValueRevision, LegalCase
from regions.services.screening import screen_regions

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_demo_criteria_make_the_pilots_eligible_and_load_idempotently():
    counts = (
        CriterionValue.objects.count(),
        CriterionValueRevision.objects.count(),
        LegalCase.objects.count(),
    )

    load_demo()

    assert (
        CriterionValue.objects.count(),
        CriterionValueRevision.objects.count(),
        LegalCase.objects.count(),
    ) == counts
    outcome = {s.region.code: s for s in screen_regions(2026)}
    assert [outcome[code].eligible for code in ("35.72", "52.71", "71.07")] == [True, True, True]
    assert [p.criterion for p in outcome["35.05"].problems()] == ["mcp", "bpk"]
    assert [(p.criterion, p.outcome) for p in outcome["73.09"].problems()] == [("ombudsman", "missing")]
    assert [(p.criterion, p.outcome) for p in outcome["64.74"].problems()] == [("kasus", "fail")]
