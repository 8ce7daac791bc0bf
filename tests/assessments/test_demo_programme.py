from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from assessments.enums import CandidateStatus, FrameworkStatus
from assessments.models import (
    Assessment,
    Candidate,
    CandidateEvent,
    Framework,
    ProgrammeYear,
    RecordedResult,
    TeamMember,
)
from audit.models import AuditEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_the_demo_has_the_three_cohorts_and_satgas_1_and_loads_twice(capsys):
    events, audit, results = (
        CandidateEvent.objects.count(),
        AuditEntry.objects.count(),
        list(RecordedResult.objects.values()),
    )
    call_command("load_demo")

    assert CandidateEvent.objects.count() == events
    assert AuditEntry.objects.count() == audit
    assert list(RecordedResult.objects.values()) == results
    assert list(ProgrammeYear.objects.values_list("year", "name")) == [
        (2026, "Percontohan 2026"),
        (2025, "Percontohan 2025"),
        (2024, "Percontohan 2024"),
    ]
    assert list(
        Framework.objects.order_by("programme_year__year").values_list("programme_year__year", "status")
    ) == [
        (2024, FrameworkStatus.PUBLISHED),
        (2025, FrameworkStatus.PUBLISHED),
        (2026, FrameworkStatus.PUBLISHED),  # Kabupaten Maros's assessment is scheduled on it
    ]
    cohorts = {
        year: sorted(
            Candidate.objects.filter(programme_year__year=year).values_list("region__full_name", "status")
        )
        for year in (2024, 2025, 2026)
    }
    assert cohorts == {
        2024: [
            ("Kabupaten Badung", "dikukuhkan"),
            ("Kabupaten Kulon Progo", "dikukuhkan"),
            ("Kota Payakumbuh", "dikukuhkan"),
            ("Kota Surakarta", "dikukuhkan"),
        ],
        2025: [
            ("Kabupaten Minahasa Tenggara", "percontohan"),  # on a result decided outside the system
            ("Kota Blitar", "percontohan"),  # carried on by the plenary demo (issue 7)
            ("Kota Mataram", "percontohan"),
        ],
        2026: [
            ("Kabupaten Bangka Tengah", "ditetapkan"),
            ("Kabupaten Manggarai Barat", "ditetapkan"),
            ("Kabupaten Maros", "ditetapkan"),
            ("Kota Bontang", "ditetapkan"),
        ],
    }
    blitar = Candidate.objects.get(programme_year__year=2025, region__full_name="Kota Blitar")
    assert (blitar.designation_letter_number, blitar.designation_letter_date) == (
        "B/393/DKM.01.02/80-84/01/2025",
        date(2025, 1, 17),
    )
    assessment = Assessment.objects.get(candidate=blitar)
    assert (assessment.candidate, assessment.team.name, assessment.starts_on, assessment.ends_on) == (
        blitar,
        "Satgas 1",
        date(2025, 11, 5),
        date(2025, 11, 6),
    )
    assert assessment.framework.is_frozen is True
    members = TeamMember.objects.filter(team=assessment.team)
    assert sorted(members.values_list("user__institution", flat=True)) == sorted(
        ["kpk", "panrb", "kemenkeu", "kemendagri", "bpkp", "ombudsman", "pemprov"]
    )
    assert members.get(role="ketua").user.username == "penilai.kpk"
    assert Candidate.objects.filter(status=CandidateStatus.REVOKED).count() == 0


def test_the_demo_records_the_results_decided_outside_the_system():
    results = sorted(
        RecordedResult.objects.values_list(
            "candidate__programme_year__year", "candidate__region__full_name", "total", "predicate"
        )
    )
    assert results == [
        (2024, "Kabupaten Badung", None, ""),
        (2024, "Kabupaten Kulon Progo", Decimal("95.10"), "Istimewa"),
        (2024, "Kota Payakumbuh", Decimal("94.75"), "Istimewa"),
        (2024, "Kota Surakarta", Decimal("96.10"), "Istimewa"),
        (2025, "Kabupaten Minahasa Tenggara", Decimal("90.80"), "Istimewa"),
        (2025, "Kota Mataram", Decimal("91.85"), "Istimewa"),
    ]
    mataram = Candidate.objects.get(programme_year__year=2025, region__code="52.71")
    assert [(event.from_status, event.to_status) for event in mataram.events.all()][-3:] == [
        (CandidateStatus.ASSESSED, CandidateStatus.ANNOUNCED),
        (
            CandidateStatus.ANNOUNCED,
            CandidateStatus.ANNOUNCED,
        ),  # the result, recorded before the pilot status
        (CandidateStatus.ANNOUNCED, CandidateStatus.PILOT),
    ]
    assert mataram.events.all()[len(mataram.events.all()) - 2].data["total"] == "91.85"


def test_the_demo_records_a_missing_result_for_a_cohort_walked_before_results_existed(capsys):
    """A database loaded before results were recorded gets them on the next load, once."""
    RecordedResult.objects.filter(candidate__programme_year__year=2024).delete()

    call_command("load_demo")
    call_command("load_demo")

    assert RecordedResult.objects.filter(candidate__programme_year__year=2024).count() == 4
