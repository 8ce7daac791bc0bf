import pytest
from playwright.sync_api import expect

from accounts.enums import Institution
from assessments.models import Candidate, Team
from tests.assessments.factories import ProgrammeYearFactory, give_passing_values
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_walk_a_region_from_proposal_to_designated_candidate_and_build_a_team(page, staff, kota_blitar):
    ProgrammeYearFactory(year=2025)
    give_passing_values(kota_blitar, 2025)
    UserFactory(name="Andi Pratama", institution=Institution.KPK)
    UserFactory(name="Maria Ulfa", institution=Institution.BPKP)
    log_in(page, staff.username, PASSWORD)

    content = page.locator("#content")
    page.get_by_role("link", name="Program").click()
    content.get_by_role("link", name="Percontohan 2025").click()
    content.get_by_role("link", name="Calon", exact=True).click()
    content.get_by_role("link", name="Catat usulan").click()
    page.get_by_label("Kabupaten/kota").select_option(label="35.72 Kota Blitar")
    page.get_by_label("Nama pengusul").fill("Pemerintah Provinsi Jawa Timur")
    page.get_by_label("Nomor surat usulan").fill("100/123/2024")
    page.get_by_role("button", name="Simpan").click()

    status = page.get_by_test_id("candidate-status")
    expect(status).to_have_text("Diusulkan")
    content.get_by_role("link", name="Skrining").click()
    page.get_by_role("button", name="Simpan").click()
    expect(status).to_have_text("Diskrining")

    content.get_by_role("link", name="Catat observasi").click()
    page.get_by_label("Tanggal observasi").fill("2024-12-03")
    page.get_by_label("Tim observasi").fill("Tim observasi 2")
    page.get_by_role("button", name="Simpan").click()
    expect(status).to_have_text("Diobservasi")

    content.get_by_role("link", name="Tetapkan sebagai calon").click()
    page.get_by_label("Nomor surat penetapan").fill("B/393/DKM.01.02/80-84/01/2025")
    page.get_by_label("Tanggal surat penetapan").fill("2025-01-17")
    page.get_by_role("button", name="Simpan").click()
    expect(status).to_have_text("Ditetapkan sebagai calon")
    expect(page.get_by_test_id("designation-letter")).to_have_text(
        "B/393/DKM.01.02/80-84/01/2025, 17 Januari 2025"
    )
    timeline = page.get_by_test_id("timeline").locator("li")
    expect(timeline).to_have_count(4)
    expect(timeline.nth(2)).to_contain_text("3 Desember 2024 · Tim observasi 2")
    assert Candidate.objects.get().status == "ditetapkan"

    content.get_by_role("link", name="Tim penilai").click()
    page.get_by_placeholder("Misalnya Satgas 1").fill("Satgas 1")
    page.get_by_role("button", name="Buat tim").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Satgas 1")
    page.get_by_label("Penilai").select_option(label="Andi Pratama (KPK)")
    page.get_by_label("Peran").select_option(label="Ketua")
    page.get_by_role("button", name="Tambah").click()
    page.get_by_label("Penilai").select_option(label="Maria Ulfa (BPKP)")
    page.get_by_role("button", name="Tambah").click()

    rows = page.get_by_test_id("member")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Andi Pratama")
    expect(rows.nth(0)).to_contain_text("Ketua")
    expect(rows.nth(1)).to_contain_text("Maria Ulfa")
    assert list(Team.objects.get().members.values_list("user__name", "role")) == [
        ("Maria Ulfa", "anggota"),
        ("Andi Pratama", "ketua"),
    ]
