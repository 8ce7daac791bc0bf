from datetime import date

import pytest
from django.core.management import call_command

from assessments.enums import CandidateStatus, FrameworkStatus
from assessments.models import Assessment, Candidate, CandidateEvent, Framework, ProgrammeYear, TeamMember

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_three_cohorts_and_satgas_1_and_loads_twice(capsys):
    call_command("load_demo")
    events = CandidateEvent.objects.count()
    call_command("load_demo")

    assert CandidateEvent.objects.count() == events
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
        (2026, FrameworkStatus.DRAFT),
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
            ("Kabupaten Minahasa Tenggara", "ditetapkan"),
            ("Kota Blitar", "percontohan"),  # carried on by the plenary demo (issue 7)
            ("Kota Mataram", "ditetapkan"),
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
    assessment = Assessment.objects.get()
    assert (assessment.candidate, assessment.team.name, assessment.starts_on, assessment.ends_on) == (
        blitar,
        "Satgas 1",
        date(2025, 11, 5),
        date(2025, 11, 6),
    )
    assert assessment.framework.is_frozen is True
    assert sorted(TeamMember.objects.values_list("user__institution", flat=True)) == sorted(
        ["kpk", "panrb", "kemenkeu", "kemendagri", "bpkp", "ombudsman", "pemprov"]
    )
    assert TeamMember.objects.get(role="ketua").user.username == "penilai.kpk"
    assert Candidate.objects.filter(status=CandidateStatus.REVOKED).count() == 0
