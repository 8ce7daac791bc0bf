import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def upload(page, tmp_path, text: str) -> None:
    path = tmp_path / "mcp-2025.csv"
    path.write_text(text, encoding="utf-8")
    page.goto("/wilayah/kriteria/impor/")
    # The single-criterion form, below the one-workbook form of the same page.
    form = page.locator(".card", has_text="Satu kriteria per berkas")
    form.get_by_label("Kriteria").select_option("mcp")
    form.get_by_label("Tahun data").fill("2025")
    form.get_by_label("Nilai akhir").check()
    form.get_by_label("Berkas CSV atau XLSX").set_input_files(str(path))
    form.get_by_role("button", name="Unggah dan pratinjau").click()


def test_staff_import_a_spreadsheet_and_find_it_on_the_screening_page(
    page, tmp_path, staff, kota_blitar, kabupaten_blitar
):
    log_in(page, staff.username, PASSWORD)

    upload(page, tmp_path, "nama;nilai;sumber\nKota Blitar;74,99;Laporan MCSP 2025\nBlitar;80\n")

    expect(page.get_by_role("heading", level=1)).to_have_text("Pratinjau impor")
    expect(page.get_by_test_id("import-errors")).to_contain_text(
        "nama 'Blitar' ambigu: Kabupaten Blitar, Kota Blitar."
    )
    expect(page.get_by_test_id("count-errors")).to_have_text("1")
    expect(page.get_by_role("button", name="Konfirmasi impor")).to_have_count(0)

    upload(page, tmp_path, "nama;nilai;sumber\nKota Blitar;74,99;Laporan MCSP 2025\nKabupaten Blitar;80\n")

    expect(page.get_by_test_id("count-add")).to_have_text("2")
    expect(page.get_by_test_id("import-rows")).to_contain_text("Kabupaten Blitar")
    page.get_by_role("button", name="Konfirmasi impor").click()

    expect(page.locator(".alert-success")).to_contain_text("Impor diterapkan: 2 baru, 0 diubah, 0 tetap.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Skrining tahun program 2026")
    blitar = page.get_by_test_id("screening-row-35.72").get_by_test_id("outcome-mcp")
    expect(blitar).to_contain_text("74,99")
    expect(blitar).to_contain_text("Tidak memenuhi")
    blitar.hover()
    expect(page.locator(".popover")).to_contain_text(
        "Nilai MCP/MCSP · 74,99 · tahun data 2025 · Akhir · sumber: Laporan MCSP 2025 · syarat: ≥ 75,00",
    )
    expect(page.get_by_test_id("screening-row-35.05").get_by_test_id("outcome-mcp")).to_contain_text(
        "Memenuhi"
    )
