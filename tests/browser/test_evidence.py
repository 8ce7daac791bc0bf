"""The evidence loop in a browser: the Kota Blitar inspector uploads a PDF for two indicators, an assessor
asks for a revision, the inspector uploads a new version, the assessor accepts it."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from assessments.models import Document
from tests.assessments.evidence_fixtures import *  # noqa: F403
from tests.assessments.evidence_fixtures import make_pdf
from tests.browser.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def switch_user(page, user) -> None:
    page.context.clear_cookies()
    log_in(page, user.username, PASSWORD)


def test_upload_revision_new_version_accept(page, tmp_path, blitar, inspector, assessor):
    first = tmp_path / "Perwali UPG.pdf"
    first.write_bytes(make_pdf("Perwali UPG tanpa tanda tangan"))
    second = tmp_path / "Perwali UPG ttd.pdf"
    second.write_bytes(make_pdf("Perwali UPG bertanda tangan"))

    # The inspector opens the workspace from the home page and uploads one PDF for indicators 3 and 4.
    log_in(page, inspector.username, PASSWORD)
    page.get_by_role("link", name="Buka ruang kerja bukti dukung").click()
    expect(page.get_by_test_id("completeness")).to_have_text("0%")
    page.get_by_test_id("indicator-3").get_by_role("link", name="Unggah").click()
    expect(page.get_by_label("3. Sistem pelaporan pelanggaran (WBS)")).to_be_checked()
    page.get_by_label("4. Unit pengendalian gratifikasi").check()
    page.get_by_label("Judul").fill("Perwali UPG")
    page.get_by_label("Berkas").set_input_files(str(first))
    page.get_by_role("button", name="Unggah", exact=True).click()

    expect(page.locator(".alert-success")).to_contain_text('Dokumen "Perwali UPG" diunggah.')
    expect(page.get_by_test_id("completeness")).to_have_text("100%")
    for code in ("3", "4"):
        expect(page.get_by_test_id(f"indicator-{code}")).to_contain_text("Perwali UPG")
        expect(page.get_by_test_id(f"indicator-{code}")).to_contain_text("Menunggu pemeriksaan")
    document = Document.objects.get()

    # An assessor of Satgas 1 asks for a revision; the inspector is told by e-mail.
    switch_user(page, assessor)
    page.goto(f"/bukti-dukung/calon/{blitar.pk}/")
    page.get_by_test_id("indicator-3").get_by_role("link", name="Perwali UPG").click()
    page.get_by_label("Perlu perbaikan").check()
    page.get_by_label("Catatan untuk daerah").fill("Belum ditandatangani wali kota.")
    page.get_by_role("button", name="Simpan pemeriksaan").click()
    expect(page.get_by_test_id("version-1")).to_contain_text("Belum ditandatangani wali kota.")
    expect(page.get_by_test_id("version-1")).to_contain_text("Perlu perbaikan")
    assert [(message.to, message.subject) for message in mail.outbox] == [
        ([inspector.email], "Bukti dukung perlu perbaikan: Perwali UPG")
    ]

    # The inspector sees the note and answers with a new version.
    switch_user(page, inspector)
    page.goto(document.get_absolute_url())
    expect(page.get_by_test_id("review-note")).to_contain_text("Belum ditandatangani wali kota.")
    page.get_by_label("Berkas versi baru").set_input_files(str(second))
    page.get_by_label("Catatan unggahan").fill("Sudah ditandatangani.")
    page.get_by_role("button", name="Unggah versi baru").click()
    expect(page.locator(".alert-success")).to_contain_text("Versi 2 diunggah dan menunggu pemeriksaan.")
    expect(page.get_by_test_id("version-2")).to_contain_text("Menunggu pemeriksaan")
    expect(page.get_by_test_id("version-1")).to_contain_text("Perlu perbaikan")

    # The assessor accepts version 2; both indicators show it accepted.
    switch_user(page, assessor)
    page.goto(document.get_absolute_url())
    page.get_by_label("Diterima").check()
    page.get_by_role("button", name="Simpan pemeriksaan").click()
    expect(page.get_by_test_id("version-2")).to_contain_text("Diterima")
    page.goto(f"/bukti-dukung/calon/{blitar.pk}/")
    for code in ("3", "4"):
        expect(page.get_by_test_id(f"indicator-{code}")).to_contain_text("Diterima")
    expect(page.get_by_test_id("accepted")).to_have_text("2")

    # The PDF opens in the browser from the include's link, checked and served inline.
    response = page.request.get(f"/bukti-dukung/berkas/{document.versions.get(number=2).pk}/")
    assert (response.status, response.headers["content-disposition"]) == (
        200,
        'inline; filename="Perwali UPG ttd.pdf"',
    )
    assert response.body() == make_pdf("Perwali UPG bertanda tangan")
