import pytest

from assessments.demo.loader import load_demo
from regions.enums import Stage
from regions.models import Criterion, CriterionValue, CriterionValueRevision, LegalCase
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
    # 2026 reads the Ombudsman opini, which covers only some regions: Maros has none, and that does not fail.
    assert outcome["73.09"].problems() == []
    assert (outcome["73.09"].results["ombudsman"].outcome, outcome["73.09"].eligible) == ("missing", True)
    assert outcome["35.72"].results["ombudsman"].value in ("Kualitas Tertinggi", "Kualitas Tinggi")
    assert [(p.criterion, p.outcome) for p in outcome["64.74"].problems()] == [("kasus", "fail")]
    # Designation also needs a Desa Antikorupsi: the four 2026 candidates have one, Kabupaten Blitar not.
    designation = {s.region.code: s for s in screen_regions(2026, stage=Stage.DESIGNATION)}
    assert [
        designation[code].results["desa_antikorupsi"].outcome for code in ("19.04", "73.09", "53.15")
    ] == [
        "pass",
        "pass",
        "pass",
    ]
    assert [p.criterion for p in designation["35.05"].problems()] == ["mcp", "bpk", "desa_antikorupsi"]
    assert outcome["35.05"].results["desa_antikorupsi"].counts is False
    # Earlier years keep the eight.
    assert [criterion.code for criterion in Criterion.objects.for_year(2025)] == [
        "mcp",
        "spi",
        "sakip",
        "ombudsman",
        "spip",
        "spbe",
        "bpk",
        "kasus",
    ]
