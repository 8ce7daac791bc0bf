from decimal import Decimal

import pytest
from django.core.management import call_command

from accounts.enums import Role
from accounts.models import User
from assessments.demo.data import DEMO_PASSWORD
from assessments.models import RecordedResult
from regions.models import Province, Region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_load_demo_twice_duplicates_nothing(capsys):
    call_command("load_demo")  # the second time: the module's demo is the first

    assert Province.objects.count() == 38
    assert set(Region.objects.values_list("full_name", flat=True)) >= {
        "Kota Blitar", "Kabupaten Blitar", "Kota Mataram", "Kabupaten Minahasa Tenggara", "Kabupaten Kulon Progo",
        "Kota Surakarta", "Kota Payakumbuh", "Kabupaten Badung", "Kabupaten Bangka Tengah", "Kota Bontang",
        "Kabupaten Maros", "Kabupaten Manggarai Barat",
    }  # fmt: skip
    assert User.objects.filter(role=Role.STAFF).count() >= 1
    assert User.objects.filter(role=Role.ASSESSOR).values("institution").distinct().count() == 7
    inspector = User.objects.get(username="inspektur.blitar")
    assert (inspector.role, inspector.region.full_name) == (Role.INSPECTOR, "Kota Blitar")
    assert inspector.check_password(DEMO_PASSWORD)
    output = capsys.readouterr().out
    assert f"password for all: {DEMO_PASSWORD}" in output
    assert "inspektur.blitar" in output


def test_load_demo_twice_records_each_outside_result_once(capsys):
    call_command("load_demo")

    assert sorted(RecordedResult.objects.values_list("candidate__region__code", "total")) == [
        ("13.76", Decimal("94.75")),
        ("33.72", Decimal("96.10")),
        ("34.01", Decimal("95.10")),
        ("51.03", None),
        ("52.71", Decimal("91.85")),
        ("71.07", Decimal("90.80")),
    ]


def test_demo_events_carry_their_real_dates_not_the_load_date(capsys):
    call_command("load_demo")

    from assessments.models import CandidateEvent
    from audit.models import AuditEntry

    years = set(CandidateEvent.objects.values_list("at__year", flat=True))
    assert years == {2024, 2025, 2026}
    designation = CandidateEvent.objects.get(
        candidate__region__code="35.72", candidate__programme_year__year=2025, to_status="ditetapkan"
    )
    assert designation.at.date().isoformat() == "2025-01-17"
    assert AuditEntry.objects.filter(at__year__lt=2024).count() == 0
    assert AuditEntry.objects.filter(at__year__gt=2026).count() == 0


def test_demo_2026_cohort_is_in_progress_on_maros(capsys):
    call_command("load_demo")

    from assessments.enums import EvidenceStatus, StageStatus
    from assessments.models import Assessment, Document, ProgrammeYear, Score

    assert dict(ProgrammeYear.objects.values_list("year", "status")) == {
        2024: "selesai",
        2025: "selesai",
        2026: "berjalan",
    }
    maros = Assessment.objects.get(candidate__region__code="73.09", candidate__programme_year__year=2026)
    assert maros.candidate.status == "ditetapkan"
    assert maros.team.members.count() == 7
    assert sorted(maros.team.members.values_list("user__institution", flat=True).distinct()) == sorted(
        ["kpk", "panrb", "kemenkeu", "kemendagri", "bpkp", "ombudsman", "pemprov"]
    )
    sulsel = maros.team.members.get(user__username="penilai.sulsel")
    assert sulsel.conflict_reason.startswith("Kursi pemerintah provinsi")
    assert list(maros.stages.values_list("stage", "status")) == [("dokumen", StageStatus.OPEN)]
    assert Score.objects.filter(submission__stage__assessment=maros).count() == 8
    statuses = sorted(
        Document.objects.filter(candidate=maros.candidate).values_list(
            "current_version__review_status", flat=True
        )
    )
    assert statuses == sorted(
        [EvidenceStatus.ACCEPTED, EvidenceStatus.ACCEPTED, EvidenceStatus.REVISION]
        + [EvidenceStatus.WAITING] * 2
    )
    inspector = User.objects.get(username="inspektur.maros")
    assert inspector.has_perm("assessments.upload_evidence", maros.candidate) is True
    assert (
        User.objects.get(username="inspektur.blitar").has_perm("assessments.upload_evidence", maros.candidate)
        is False
    )
