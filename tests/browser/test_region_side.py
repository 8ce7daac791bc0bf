"""The region's side of the cycle in a browser (issue 13): the Maros inspector fills and submits a
self-assessment linking evidence and an assessor sees it beside the scoring field; staff run two monev
rounds and the trend shows both; the chair records a recommendation, the inspector answers it with
evidence and staff close it; an objection is filed, answered, and the final announcement then publishes."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from assessments.enums import AnnouncementKind, ObjectionStatus
from assessments.enums import RecommendationStatus as RS
from assessments.models import Announcement, Objection, Recommendation, SelfAssessment
from assessments.services.evidence import upload_document
from regions.enums import RegionKind, TimeZone, ValueStatus
from regions.services.criteria import record_value
from tests.assessments.evidence_fixtures import make_pdf
from tests.assessments.region_fixtures import announce, finalise, pdf_upload, region_evidence_root  # noqa: F401
from tests.assessments.scoring_factories import build_scoring
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, ProvinceFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


class Maros:
    """Kabupaten Maros assessed by Satgas 1, with its inspector ``inspektur.maros``."""

    def __init__(self, staff, assessor, kota_mataram):
        sulsel = ProvinceFactory(code="73", name="Sulawesi Selatan", time_zone=TimeZone.WITA)
        region = RegionFactory(province=sulsel, code="73.09", kind=RegionKind.KABUPATEN, name="Maros")
        self.scoring = build_scoring(region=region, other_region=kota_mataram, member=assessor, staff=staff)
        self.assessment = self.scoring.assessment
        self.candidate = self.assessment.candidate
        self.indicators = self.scoring.indicators
        self.inspector = UserFactory(
            username="inspektur.maros", name="Muhammad Idrus", inspector=True, region=region
        )
        self.staff = staff


@pytest.fixture
def maros(staff, assessor, kota_mataram):
    return Maros(staff, assessor, kota_mataram)


def switch_user(page, user) -> None:
    page.context.clear_cookies()
    log_in(page, user.username, PASSWORD)


def test_the_inspector_submits_a_self_assessment_and_the_assessor_sees_it(page, maros):
    first = maros.indicators[0]
    document = upload_document(
        candidate=maros.candidate,
        title="Perwali WBS",
        indicators=[first],
        file=pdf_upload(),
        by=maros.inspector,
    )
    log_in(page, maros.inspector.username, PASSWORD)
    page.get_by_role("link", name="Penilaian mandiri").first.click()
    page.get_by_label("Nilai mandiri 2").fill("87,5")
    page.get_by_label("Penjelasan 2").fill("WBS terhubung ke JAGA sejak 2024.")
    page.get_by_label("Perwali WBS (v1)").check()
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.get_by_test_id("self-status")).to_have_text("Draf")
    page.get_by_label("Nilai mandiri 3").fill("3,5")
    page.get_by_test_id("self-submit").click()
    expect(page.get_by_test_id("self-status")).to_have_text("Dikirim")
    expect(page.get_by_label("Nilai mandiri 2")).to_be_disabled()
    score = SelfAssessment.objects.get().scores.get(indicator=first)
    assert (score.value, list(score.documents.all())) == (Decimal("87.50"), [document])

    switch_user(page, maros.scoring.member)
    page.goto(f"/penilaian/{maros.assessment.pk}/dokumen/nilai/")
    expect(page.get_by_test_id("self-score-2")).to_have_text("Nilai mandiri daerah: 87,50")
    expect(page.get_by_test_id("self-score-3")).to_have_text("Nilai mandiri daerah: 3,50")


def test_staff_run_two_monev_rounds_and_the_trend_shows_both(page, maros):
    log_in(page, maros.staff.username, PASSWORD)
    for held_on, values in (("2025-05-12", ("60", "2")), ("2025-08-04", ("90", "3"))):
        page.goto(f"/daerah/calon/{maros.candidate.pk}/monev/")
        form = page.get_by_test_id("round-form")
        form.get_by_label("Tanggal").fill(held_on)
        form.get_by_label("Jenis").select_option("monev")
        form.get_by_role("button", name="Buka putaran").click()
        page.get_by_label("Nilai berjalan 2").fill(values[0])
        page.get_by_label("Nilai berjalan 3").fill(values[1])
        page.get_by_test_id("round-save").click()
        expect(page.locator(".alert-success")).to_contain_text("Nilai berjalan tersimpan.")
    page.goto(f"/daerah/calon/{maros.candidate.pk}/monev/")
    chart = page.get_by_test_id("trend-chart-2")
    expect(chart.get_by_test_id("trend-dot")).to_have_count(2)
    expect(chart).to_contain_text("1: 55%")
    expect(chart).to_contain_text("2: 83%")
    expect(page.get_by_test_id("trend-latest")).to_have_text("74,25")

    switch_user(page, maros.inspector)
    expect(page.get_by_test_id("candidacy-2025").get_by_test_id("trend-dot")).to_have_count(4)  # 2 components


def test_a_recommendation_is_recorded_answered_with_evidence_and_closed(page, maros, tmp_path):
    evidence = tmp_path / "sk-upg.pdf"
    evidence.write_bytes(make_pdf("SK UPG"))
    log_in(page, maros.scoring.member.username, PASSWORD)  # the chair
    page.goto(f"/daerah/calon/{maros.candidate.pk}/rekomendasi/")
    form = page.get_by_test_id("recommendation-form")
    form.get_by_label("Indikator").select_option(label="3. Indikator 3")
    form.get_by_label("Rekomendasi").fill("Tetapkan SK UPG dan laporkan gratifikasi secara berkala.")
    form.get_by_label("OPD penanggung jawab").fill("Inspektorat Daerah")
    form.get_by_label("Batas waktu").fill("2026-03-31")
    form.get_by_role("button", name="Simpan rekomendasi").click()
    expect(page.locator(".alert-success")).to_contain_text("Rekomendasi tercatat.")
    item = Recommendation.objects.get()

    switch_user(page, maros.inspector)
    page.get_by_test_id(f"due-{item.pk}").get_by_role("link").click()
    page.get_by_label("Tindak lanjut").fill("SK UPG Nomor 12/2026 ditetapkan.")
    page.get_by_label("Berkas bukti").set_input_files(str(evidence))
    page.get_by_role("button", name="Kirim tindak lanjut").click()
    expect(page.get_by_test_id("recommendation-status")).to_have_text("Dalam proses")
    expect(page.get_by_test_id("follow-up")).to_contain_text("sk-upg.pdf")

    switch_user(page, maros.staff)
    page.goto(item.get_absolute_url())
    page.get_by_label("Terima, selesai").check()
    page.get_by_role("button", name="Simpan keputusan").click()
    expect(page.get_by_test_id("recommendation-status")).to_have_text("Selesai")
    item.refresh_from_db()
    assert item.status == RS.DONE


def test_an_objection_is_filed_answered_and_the_final_announcement_publishes(page, maros, tmp_path):
    record_value(
        region=maros.candidate.region,
        criterion="mcp",
        data_year=2025,
        score=Decimal("93"),
        status=ValueStatus.FINAL,
    )
    plenary = finalise(maros)
    announce(plenary, maros.staff, announced_on=date.today())
    evidence = tmp_path / "perwali.pdf"
    evidence.write_bytes(make_pdf("Perwali WBS"))

    log_in(page, maros.inspector.username, PASSWORD)
    page.goto(f"/daerah/calon/{maros.candidate.pk}/sanggah/")
    row = page.get_by_test_id("objection-indicator-2")
    row.get_by_label("Alasan sanggahan").fill("Perwali WBS terbit sebelum penilaian.")
    row.get_by_label("Nilai yang diminta").fill("90")
    row.get_by_label("Bukti").set_input_files(str(evidence))
    page.get_by_role("button", name="Ajukan sanggahan").click()
    expect(page.get_by_test_id("objection-status")).to_have_text("Diajukan")

    switch_user(page, maros.staff)
    page.goto(f"/program/penilaian/{maros.assessment.pk}/pengumuman/akhir/")
    page.get_by_label("Tanggal pengumuman").fill("2025-12-09")
    page.get_by_role("button", name="Terbitkan pengumuman").click()
    expect(page.locator(".alert-danger, .invalid-feedback, .alert-block").first).to_contain_text(
        "Sanggahan daerah belum dijawab seluruhnya"
    )
    assert not Announcement.objects.filter(kind=AnnouncementKind.FINAL).exists()

    switch_user(page, maros.scoring.member)
    page.goto(f"/daerah/calon/{maros.candidate.pk}/sanggah/")
    answer = page.get_by_test_id("answer-form-2")
    answer.get_by_label("Diterima").check()
    answer.get_by_label("Nilai baru").fill("90")
    answer.get_by_label("Alasan").fill("Bukti sah.")
    answer.get_by_role("button", name="Simpan jawaban").click()
    expect(page.get_by_test_id("answer-2")).to_have_text("Diterima")
    assert Objection.objects.get().status == ObjectionStatus.ANSWERED

    switch_user(page, maros.staff)
    page.goto(f"/program/penilaian/{maros.assessment.pk}/pengumuman/akhir/")
    page.get_by_label("Tanggal pengumuman").fill("2025-12-09")
    page.get_by_role("button", name="Terbitkan pengumuman").click()
    expect(page.locator(".alert-success")).to_contain_text("Pengumuman diterbitkan.")
    assert Announcement.objects.get(kind=AnnouncementKind.FINAL).total == Decimal("84.25")
