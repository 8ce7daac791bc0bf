"""One workbook for a programme year's criteria: the template, the import in one preview with changes
field by field and errors by sheet and line, one confirmation for all or nothing, expiry and discarding."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AuditEntry
from regions.enums import CriterionKind, Gate, ImportStatus
from regions.models import CriteriaImport, CriteriaWorkbook, CriterionValue, LegalCase
from regions.services.catalogue import add_criterion, create_catalogue
from regions.services.criteria import record_value
from regions.services.criteria_import import CriteriaImportError, apply_import, prepare_import
from regions.services.workbook import apply_workbook, build_template, discard_workbook, prepare_workbook

pytestmark = pytest.mark.django_db

EIGHT_SHEETS = ["Petunjuk", "mcp", "spi", "sakip", "ombudsman", "spip", "spbe", "bpk", "kasus"]


@pytest.fixture
def catalogue_2026(staff):
    create_catalogue(programme_year=2026, by=staff)
    add_criterion(
        programme_year=2026,
        code="desa_antikorupsi",
        values={
            "name": "Memiliki Desa Antikorupsi",
            "publisher": "Dit Permas KPK",
            "kind": CriterionKind.YES_NO,
            "gate": Gate.DESIGNATION,
        },
        by=staff,
    )


def template_book(year=2026):
    return load_workbook(io.BytesIO(build_template(year)))


def fill(book, sheet: str, code: str, value, **columns) -> None:
    """Type a value (and other columns) in a region's row of a sheet."""
    ws = book[sheet]
    header = [cell.value for cell in ws[2]]
    for row in ws.iter_rows(min_row=3):
        if row[0].value == code:
            row[header.index("nilai")].value = value
            for name, cell_value in columns.items():
                row[header.index(name)].value = cell_value
            return
    raise AssertionError(f"{code} not in {sheet}")


def saved(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_template_has_a_sheet_per_criterion_every_region_and_the_grades_as_a_drop_down(
    catalogue_2026, kota_blitar, kota_mataram
):
    record_value(region=kota_blitar, criterion="mcp", data_year=2025, score=Decimal("81.5"), source="MCSP")

    book = template_book()

    assert book.sheetnames == [*EIGHT_SHEETS, "desa_antikorupsi"]
    mcp = book["mcp"]
    assert mcp["A1"].value == "Nilai MCP/MCSP · tahun data 2025 · nilai: 0-100"
    assert [cell.value for cell in mcp[2]] == [
        "kode",
        "nama",
        "nilai",
        "tahun_data",
        "tanggal",
        "sumber",
        "tautan",
        "keterangan",
    ]
    assert [[cell.value for cell in row][:4] for row in mcp.iter_rows(min_row=3)] == [
        ["35.72", "Kota Blitar", 81.5, 2025],
        ["52.71", "Kota Mataram", None, 2025],
    ]
    sakip = book["sakip"].data_validations.dataValidation
    assert [(v.type, v.formula1, str(v.sqref)) for v in sakip] == [("list", '"AA,A,BB,B,CC,C,D"', "C3:C4")]
    desa = book["desa_antikorupsi"].data_validations.dataValidation
    assert [v.formula1 for v in desa] == ['"Ya,Tidak"']
    assert book["bpk"]["A1"].value == "Opini BPK · tahun data 2025 · nilai: WTP, WDP, TW, TMP"
    assert book["Petunjuk"]["A1"].value == "Buku kerja kriteria tahun program 2026"


def test_the_template_lists_the_countrys_514_regions(catalogue_2026, wilayah_files):
    from regions.services.region_import import import_regions

    import_regions(*wilayah_files)

    book = template_book()

    assert book["spi"].max_row - 2 == 514
    assert book["spi"]["A3"].value == "11.01"


def test_one_workbook_previews_every_sheet_and_one_confirm_applies_them_all(
    staff, catalogue_2026, kota_blitar, kota_mataram
):
    record_value(region=kota_blitar, criterion="spi", data_year=2025, score=Decimal("70"), source="SPI 2025")
    book = template_book()
    fill(book, "mcp", "35.72", 82.25, sumber="MCSP 2025")
    fill(book, "mcp", "52.71", "79,5", sumber="MCSP 2025")
    fill(book, "spi", "35.72", 73.6, sumber="SPI 2025")
    fill(book, "sakip", "52.71", "BB")
    fill(book, "bpk", "35.72", "WTP", tahun_data=2024)
    fill(book, "desa_antikorupsi", "35.72", "Ya")

    workbook = prepare_workbook(
        content=saved(book), file_name="kriteria-2026.xlsx", programme_year=2026, final=True, by=staff
    )

    assert workbook.errors == []
    sheets = {(batch.sheet, batch.data_year): batch for batch in workbook.sheets.all()}
    assert sorted(sheets) == [
        ("bpk", 2024),
        ("desa_antikorupsi", 2025),
        ("mcp", 2025),
        ("sakip", 2025),
        ("spi", 2025),
    ]
    assert CriterionValue.objects.count() == 1  # nothing applied yet
    spi_row = sheets[("spi", 2025)].rows[0]
    assert spi_row["action"] == "ubah"

    apply_workbook(workbook, by=staff)

    assert CriterionValue.objects.count() == 6
    assert CriterionValue.objects.get(region=kota_mataram, criterion="mcp").score == Decimal("79.50")
    assert CriterionValue.objects.get(region=kota_blitar, criterion="bpk").data_year == 2024
    assert CriterionValue.objects.get(region=kota_blitar, criterion="spi").score == Decimal("73.60")
    workbook.refresh_from_db()
    assert workbook.status == ImportStatus.APPLIED
    assert set(workbook.sheets.values_list("status", flat=True)) == {ImportStatus.APPLIED}
    assert AuditEntry.objects.get(action="regions.criteria_workbook.apply").after == {
        "tambah": 5,
        "ubah": 1,
        "tetap": 0,
    }


def test_errors_by_sheet_and_line_and_nothing_applies(staff, catalogue_2026, kota_blitar, kota_mataram):
    book = template_book()
    fill(book, "mcp", "35.72", 82)
    fill(book, "sakip", "52.71", "Sangat baik")
    fill(book, "spbe", "35.72", "7,2")
    book.create_sheet("lain")

    workbook = prepare_workbook(content=saved(book), file_name="k.xlsx", programme_year=2026, by=staff)

    from regions.services.workbook import workbook_errors

    assert [(e["sheet"], e["line"], e["message"]) for e in workbook_errors(workbook)] == [
        (
            "lain",
            0,
            "lembar ini bukan kriteria katalog 2026 (mcp, spi, sakip, ombudsman, spip, spbe, bpk, kasus, desa_antikorupsi).",
        ),
        ("sakip", 4, "nilai 'Sangat baik' tidak sah; pilih salah satu dari AA, A, BB, B, CC, C, D."),
        ("spbe", 3, "nilai 7,2 di luar skala 0-5."),
    ]
    with pytest.raises(CriteriaImportError):
        apply_workbook(workbook, by=staff)
    assert CriterionValue.objects.count() == 0


def test_the_preview_page_shows_changes_field_by_field_and_confirms_once(
    client, staff, catalogue_2026, kota_blitar, kota_mataram
):
    record_value(
        region=kota_blitar,
        criterion="mcp",
        data_year=2025,
        score=Decimal("80"),
        source="MCSP lama",
        status="sementara",
    )
    book = template_book()
    fill(book, "mcp", "35.72", "81,25", sumber="MCSP 2025")
    fill(book, "mcp", "52.71", 77)
    client.force_login(staff)

    response = client.post(
        reverse("regions:criteria_workbook_upload"),
        {"programme_year": 2026, "final": "on", "file": SimpleUploadedFile("k.xlsx", saved(book))},
    )
    workbook = CriteriaWorkbook.objects.get()
    page = client.get(workbook.get_absolute_url())

    assert response["Location"] == workbook.get_absolute_url()
    mcp = page.context["sheets"][0]
    assert [(row["region"], row["action"], row["changes"]) for row in mcp["rows"]] == [
        (
            "Kota Blitar",
            "ubah",
            [
                ("nilai", "80,00", "81,25"),
                ("status", "sementara", "akhir"),
                ("sumber", "MCSP lama", "MCSP 2025"),
            ],
        ),
        ("Kota Mataram", "tambah", [("nilai", "—", "77,00"), ("status", "—", "akhir")]),
    ]
    assert 'data-testid="change-mcp-3"' in page.text
    client.post(workbook.get_absolute_url(), {"terapkan": "1"})
    assert CriterionValue.objects.get(region=kota_blitar, criterion="mcp").score == Decimal("81.25")
    again = client.post(workbook.get_absolute_url(), {"terapkan": "1"})
    assert [str(m) for m in again.wsgi_request._messages][-1] == (
        "Impor ini sudah diterapkan, dibatalkan atau kedaluwarsa."
    )


def test_previews_expire_after_a_day_and_can_be_discarded(staff, catalogue_2026, kota_blitar):
    book = template_book()
    fill(book, "mcp", "35.72", 82)
    old = prepare_workbook(content=saved(book), file_name="k.xlsx", programme_year=2026, by=staff)
    single = prepare_import(
        content=b"kode;nilai\n35.72;80\n", file_name="m.csv", criterion="mcp", data_year=2025, by=staff
    )
    CriteriaWorkbook.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))
    CriteriaImport.objects.filter(pk=single.pk).update(created_at=timezone.now() - timedelta(hours=25))
    old.refresh_from_db()
    single.refresh_from_db()

    assert (old.is_expired, single.is_expired) == (True, True)
    with pytest.raises(CriteriaImportError) as error:
        apply_import(single, by=staff)
    assert error.value.errors[0]["message"].startswith("Pratinjau ini kedaluwarsa")
    out = io.StringIO()
    call_command("expire_criteria_previews", stdout=out)
    assert out.getvalue() == "2 pratinjau impor kedaluwarsa.\n"
    old.refresh_from_db()
    assert old.status == ImportStatus.EXPIRED
    assert set(old.sheets.values_list("status", flat=True)) == {ImportStatus.EXPIRED}

    fresh = prepare_workbook(content=saved(book), file_name="k.xlsx", programme_year=2026, by=staff)
    discard_workbook(fresh, by=staff)
    fresh.refresh_from_db()
    assert fresh.status == ImportStatus.DISCARDED
    assert CriterionValue.objects.count() == 0
    assert AuditEntry.objects.filter(action__endswith=".expire").count() == 2


def test_a_sheet_cannot_be_applied_on_its_own_and_cases_come_in_too(staff, catalogue_2026, kota_blitar):
    book = template_book()
    ws = book["kasus"]
    ws.append(
        [
            "35.72",
            "Kota Blitar",
            "Fulan",
            "kepala_opd",
            "penyidikan",
            "kpk",
            "2025-03-01",
            None,
            "Berita",
            None,
        ]
    )

    workbook = prepare_workbook(content=saved(book), file_name="k.xlsx", programme_year=2026, by=staff)
    sheet = workbook.sheets.get()

    with pytest.raises(CriteriaImportError):
        apply_import(sheet, by=staff)
    apply_workbook(workbook, by=staff)
    assert LegalCase.objects.get().person_name == "Fulan"


def test_a_file_that_is_not_a_workbook_is_refused_in_indonesian(staff):
    workbook = prepare_workbook(content=b"bukan xlsx", file_name="k.xlsx", programme_year=2026, by=staff)

    assert workbook.errors == [
        {"sheet": "", "line": 0, "message": "Berkas bukan buku kerja XLSX yang dapat dibaca."}
    ]


def test_the_template_download_and_upload_pages_are_staff_only(client, staff, assessor, catalogue_2026):
    url = reverse("regions:criteria_template", args=[2026])
    client.force_login(assessor)
    assert client.get(url).status_code == 404
    client.force_login(staff)

    response = client.get(url)

    assert response["Content-Disposition"] == 'attachment; filename="kriteria-2026.xlsx"'
    assert load_workbook(io.BytesIO(response.content)).sheetnames[-1] == "desa_antikorupsi"
