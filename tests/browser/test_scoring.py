"""An assessor scores the document examination of Kota Blitar on a phone-sized screen: a draft, then later the
submission; a second assessor sees the first one's scores only after submitting their own."""

import pytest
from playwright.sync_api import expect

from tests.assessments.scoring_factories import build_scoring
from tests.browser.conftest import log_in
from tests.factories import PASSWORD

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def scoring(kota_blitar, kota_mataram, assessor, staff):
    return build_scoring(region=kota_blitar, other_region=kota_mataram, member=assessor, staff=staff)


def open_document_stage(page):
    page.get_by_test_id("assessment-card").filter(has_text="Kota Blitar").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kota Blitar")
    page.get_by_test_id("stage-dokumen").get_by_role("link", name="Isi nilai").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pemeriksaan dokumen")


def test_assessors_score_the_document_examination(page, browser, live_server, scoring):
    page.set_viewport_size(PHONE)
    log_in(page, "penilai", PASSWORD)
    expect(page.get_by_test_id("remaining")).to_have_text("2 belum dinilai")
    open_document_stage(page)

    # The criterion-fed indicator shows its value instead of a field.
    expect(page.get_by_test_id("criterion-1")).to_contain_text("92,15")
    first, second = page.get_by_test_id("indicator-2"), page.get_by_test_id("indicator-3")
    first.get_by_label("Nilai").fill("80")
    first.get_by_label("Catatan").fill("SOP pengawasan lengkap.")
    save_bar = page.locator(".save-bar")
    expect(save_bar).to_be_in_viewport()  # sticky at the bottom of a phone screen
    save_bar.get_by_role("button", name="Simpan draf").click()
    expect(page.get_by_role("alert").filter(has_text="Nilai tersimpan.")).to_be_visible()
    expect(page.get_by_test_id("submission-status")).to_have_text("Draf")

    # Later: back from the list, the draft is still there; an empty score blocks the submission.
    page.goto("/penilai/")
    expect(page.get_by_test_id("remaining")).to_have_text("1 belum dinilai")
    open_document_stage(page)
    expect(first.get_by_label("Nilai")).to_have_value("80,00")
    page.get_by_role("button", name="Kirim nilai").click()
    expect(page.get_by_text("Wajib diisi untuk mengirim.")).to_be_visible()
    expect(first.get_by_label("Catatan")).to_have_value("SOP pengawasan lengkap.")
    second.get_by_label("Nilai").fill("3,5")
    page.get_by_role("button", name="Kirim nilai").click()
    expect(page.get_by_role("alert").filter(has_text="Nilai tahap ini terkirim.")).to_be_visible()
    expect(page.get_by_test_id("submission-status")).to_have_text("Dikirim")

    # The second assessor, on their own device.
    context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport=PHONE)
    other = context.new_page()
    log_in(other, "penilai.kpk", PASSWORD)
    open_document_stage(other)
    expect(other.get_by_test_id("others-hidden")).to_be_visible()
    expect(other.get_by_text("Andi Pratama")).to_have_count(0)
    other.get_by_test_id("indicator-2").get_by_label("Nilai").fill("75")
    other.get_by_test_id("indicator-3").get_by_label("Nilai").fill("3")
    other.get_by_role("button", name="Kirim nilai").click()
    expect(other.get_by_role("alert").filter(has_text="Nilai tahap ini terkirim.")).to_be_visible()
    others = other.get_by_test_id("others-2")
    expect(others).to_contain_text("Andi Pratama")
    expect(others).to_contain_text("80,00")
    expect(others).to_contain_text("SOP pengawasan lengkap.")
    context.close()
