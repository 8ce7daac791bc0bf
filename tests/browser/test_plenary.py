"""The plenary of Kota Blitar 2025 on the demo data: the team chair records the agreed scores, the meeting and
its attendance and finalises; Dit Permas staff publish the provisional announcement and download its PDF."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.models import User
from assessments.demo import loader
from assessments.demo import plenary as demo
from assessments.demo.data import DEMO_PASSWORD
from assessments.enums import CandidateStatus, PlenaryStatus, Stage, StageStatus
from assessments.models import Assessment, AssessmentStage, Plenary
from assessments.services.scoring import open_stage
from tests.browser.conftest import log_in
from tests.reports.pdf import pdf_text

pytestmark = pytest.mark.django_db(transaction=True)

MEETING_ATTENDEES = "\n".join(
    [
        "Andi Pratama; Ketua Satgas 1; KPK",
        "Maria Ulfa; Anggota; BPKP",
        "Rudi Hartono; Anggota; Kementerian PAN-RB",
    ]
)
WITNESSES = "\n".join(f"{name}; {position}" for name, position in demo.FORKOPIMDA_BLITAR)


@pytest.fixture
def blitar_scored(monkeypatch):
    """The demo with Kota Blitar 2025's four stages scored by Satgas 1, and no plenary yet."""

    def stage_scores_only(people):
        demo.prepare_assessment({person.username: person for person in people})

    monkeypatch.setattr(loader, "load_blitar_2025", stage_scores_only)
    loader.load_demo()


def test_the_chair_runs_the_plenary_and_staff_publish_the_provisional_announcement(
    page, browser, live_server, blitar_scored
):
    assessment = Assessment.objects.get(candidate__region__code="35.72", candidate__programme_year__year=2025)
    open_stage(
        assessment, stage=Stage.QA, by=User.objects.get(username="permas")
    )  # still open at the meeting
    page.set_viewport_size({"width": 1366, "height": 768})

    # The chair, from their home page.
    log_in(page, "penilai.kpk", DEMO_PASSWORD)
    page.locator("div.col-12", has_text="Kota Blitar").get_by_test_id("plenary-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapat pleno · Kota Blitar")
    expect(page.get_by_test_id("plenary-status")).to_have_text("Berjalan")
    # The whole page of 19 indicators fits in four screens of a 1366 x 768 laptop.
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 4 * 768, height

    # The meeting view, one indicator at a time, walked with the arrow keys in disagreement order.
    order = page.locator("tbody[data-indicator]").evaluate_all(
        "rows => rows.map(row => row.dataset.indicator)"
    )
    # Each step is a page load: a key pressed before the page's script has run would be lost (seen on a
    # slow machine), so each waits for the previous page to finish loading.
    with page.expect_navigation():
        page.get_by_test_id("meeting-view").click()
    expect(page.get_by_test_id("meeting-indicator")).to_contain_text(f"{order[0]}. ")
    for key, index in (("ArrowRight", 1), ("ArrowRight", 2), ("ArrowLeft", 1)):
        with page.expect_navigation():
            page.keyboard.press(key)
        expect(page.get_by_test_id("meeting-indicator")).to_contain_text(f"{order[index]}. ")
    page.get_by_role("link", name="Kembali ke halaman pleno").click()

    # Every agreed score in one form, one submit (prefilled with the median; the team agrees otherwise).
    for code, value in demo.PLENARY_SCORES.items():
        row = page.locator(f'tbody[data-indicator="{code}"]')
        row.get_by_label(f"Nilai pleno {code}", exact=True).fill(str(value))
        row.get_by_label(f"Alasan {code}", exact=True).fill("Disepakati tim setelah diskusi bukti dukung.")
    page.get_by_test_id("save-scores").click()
    expect(page.get_by_role("alert").filter(has_text="Nilai pleno 18 indikator disimpan.")).to_be_visible()
    expect(page.get_by_test_id("total")).to_have_text("92,15")
    expect(page.get_by_test_id("predicate")).to_have_text("Istimewa")

    page.get_by_test_id("meeting-summary").click()
    page.get_by_label("Tanggal rapat").fill("2025-11-06")
    page.get_by_label("Tempat").fill("Kantor Wali Kota Blitar")
    page.get_by_label("Peserta yang hadir").fill(MEETING_ATTENDEES)
    page.get_by_role("button", name="Simpan data rapat").click()
    expect(page.get_by_role("alert").filter(has_text="Data rapat dan kehadiran disimpan.")).to_be_visible()

    # Finalising through the confirmation page, which lists what is frozen and the stage it closes.
    page.get_by_test_id("finalise").click()
    expect(page.get_by_test_id("total")).to_have_text("92,15")
    expect(page.get_by_test_id("open-stages")).to_have_text("Diskusi dan tanya jawab")
    page.get_by_role("button", name="Ya, finalkan rapat pleno").click()
    expect(
        page.get_by_role("alert").filter(has_text="Rapat pleno difinalkan: nilai total 92,15.")
    ).to_be_visible()
    expect(page.get_by_test_id("plenary-status")).to_have_text("Final")
    expect(page.get_by_test_id("finalise")).to_have_count(0)
    expect(page.get_by_role("link", name="Terbitkan pengumuman sementara")).to_have_count(0)  # staff only
    assert set(AssessmentStage.objects.filter(assessment=assessment).values_list("status", flat=True)) == {
        StageStatus.CLOSED
    }

    # Dit Permas staff, on their own device, from the programme year's assessments.
    context = browser.new_context(base_url=live_server.url, locale="id-ID", timezone_id="Asia/Jakarta")
    staff = context.new_page()
    log_in(staff, "permas", DEMO_PASSWORD)
    content = staff.locator("#content")
    staff.get_by_role("link", name="Program").click()  # opens the current year, 2026
    content.get_by_role("link", name="Tahun program", exact=True).click()  # the other years, one click away
    content.get_by_role("link", name="Percontohan 2025").click()
    content.get_by_role("link", name="Penilaian", exact=True).click()
    content.get_by_role("link", name="Kota Blitar").click()
    content.get_by_role("link", name="Rapat pleno").click()
    expect(staff.get_by_test_id("total")).to_have_text("92,15")

    staff.get_by_role("link", name="Terbitkan pengumuman sementara").click()
    staff.get_by_label("Tanggal pengumuman").fill("2025-11-07")
    staff.get_by_label("Tempat").fill("Balai Kota Koesoemo Wicitro, Kota Blitar")
    staff.get_by_label("Pejabat yang mengumumkan").fill("Ibnu Basuki Widodo")
    staff.get_by_label("Jabatan pejabat").fill("Wakil Ketua KPK")
    staff.get_by_label("Saksi (Forkopimda)").fill(WITNESSES)
    staff.get_by_role("button", name="Terbitkan pengumuman").click()
    expect(staff.get_by_role("alert").filter(has_text="Pengumuman diterbitkan.")).to_be_visible()

    staff.get_by_role("link", name="PDF pengumuman sementara").click()  # not issued yet: the issue page
    with staff.expect_download() as download:
        staff.get_by_role("button", name="Terbitkan dokumen").click()
    assert download.value.suggested_filename.startswith(
        "Pengumuman hasil penilaian sementara Kota Blitar, Percontohan 2025 "
    )
    text = pdf_text(Path(download.value.path()).read_bytes())
    assert "PENGUMUMAN HASIL PENILAIAN SEMENTARA" in text
    assert "Kota Blitar" in text
    assert "92,15" in text
    assert "Predikat Istimewa" in text
    assert "Jumat, 7 November 2025" in text
    assert "Ibnu Basuki Widodo" in text
    assert "Kapolres Blitar Kota" in text
    context.close()

    plenary = Plenary.objects.select_related("assessment__candidate").get(
        assessment__candidate__region__code="35.72", assessment__candidate__programme_year__year=2025
    )
    assert (plenary.status, str(plenary.total), plenary.predicate) == (
        PlenaryStatus.FINALISED,
        "92.15",
        "Istimewa",
    )
    assert plenary.attendees.count() == 3
    assert plenary.assessment.candidate.status == CandidateStatus.ANNOUNCED
