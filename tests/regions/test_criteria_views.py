import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from regions.models import CriteriaImport, Criterion, CriterionValue, LegalCase, Region
from regions.services.criteria import record_value
from regions.services.monitoring import criteria_alerts, criteria_alerts_of
from tests.factories import ProvinceFactory, RegionFactory, UserFactory
from tests.regions.factories import PASSING, CriterionValueFactory, LegalCaseFactory, make_passing

pytestmark = pytest.mark.django_db

SCREENING = reverse("regions:screening")


@pytest.mark.parametrize(
    "url",
    [
        SCREENING,
        reverse("regions:screening_export"),
        reverse("regions:screening_rules", args=[2026]),
        reverse("regions:criteria_import"),
    ],
)
def test_only_staff_may_use_the_criteria_pages(client, staff, assessor, inspector, url):
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, f"/akun/masuk/?next={url}")
    for outsider in (assessor, inspector):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(staff)
    assert client.get(url).status_code == 200


def test_the_screening_page_shows_each_outcome_and_the_total(client, staff, kota_blitar, kota_mataram):
    make_passing(kota_blitar)
    client.force_login(staff)

    response = client.get(SCREENING, {"tahun": 2026})

    assert [(s.code, s.eligible) for s in response.context["verdicts"]] == [
        ("35.72", True),
        ("52.71", False),
    ]
    assert response.context["eligible_count"] == 1
    assert "74,99" not in response.text
    assert "80,00" in response.text


@pytest.mark.parametrize(
    ("params", "codes"),
    [
        ({"layak": "ya"}, ["35.72"]),
        ({"layak": "tidak"}, ["35.05", "52.71"]),
        ({"gagal": "mcp"}, ["35.05"]),
        ({"kurang": "1"}, ["52.71"]),
        ({"provinsi": "52"}, ["52.71"]),
        ({"jenis": "kabupaten"}, ["35.05"]),
        ({"q": "mataram"}, ["52.71"]),
        ({"urut": "-kode"}, ["52.71", "35.72", "35.05"]),
        ({"urut": "layak"}, ["35.72", "35.05", "52.71"]),
    ],
)
def test_the_screening_filters_and_sorts(
    client, staff, kota_blitar, kabupaten_blitar, kota_mataram, params, codes
):
    make_passing(kota_blitar)
    make_passing(kabupaten_blitar)
    CriterionValue.objects.filter(region=kabupaten_blitar, criterion="mcp").update(score=Decimal("74.99"))
    client.force_login(staff)

    response = client.get(SCREENING, {"tahun": 2026, **params})

    assert [s.code for s in response.context["verdicts"]] == codes


def make_regions(count: int) -> None:
    for _ in range(count):
        region = RegionFactory()
        for criterion, fields in PASSING.items():
            for year in (2023, 2024, 2025):
                CriterionValueFactory(region=region, criterion=criterion, data_year=year, **fields)
        LegalCaseFactory(region=region)


def test_the_screening_page_takes_the_same_queries_for_one_region_and_for_many(client, staff):
    client.force_login(staff)
    make_regions(1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(SCREENING, {"tahun": 2026}).status_code == 200
    make_regions(60)
    with CaptureQueriesContext(connection) as many:
        response = client.get(SCREENING, {"tahun": 2026})
    assert response.context["paginator"].count == 61
    assert len(many) == len(one)


def test_five_hundred_regions_with_three_years_of_all_criteria_take_the_same_queries_as_one(client, staff):
    client.force_login(staff)
    make_regions(1)
    with CaptureQueriesContext(connection) as one:
        client.get(SCREENING, {"tahun": 2026})
    province = ProvinceFactory(code="98", name="Provinsi Uji")
    # Around the codes RegionFactory has given already (its sequence runs on through the process).
    taken = set(Region.objects.values_list("code", flat=True))
    codes = (f"{80 + i // 90}.{i % 90 + 10:02d}" for i in range(540))
    regions = Region.objects.bulk_create(
        Region(
            province=province, code=code, kind="kabupaten", name=f"Uji {i}", full_name=f"Kabupaten Uji {i}"
        )
        for i, code in enumerate([code for code in codes if code not in taken][:499])
    )
    now = timezone.now()
    CriterionValue.objects.bulk_create(
        CriterionValue(region=region, criterion=criterion, data_year=year, entered_at=now, **fields)
        for region in regions
        for criterion, fields in PASSING.items()
        for year in (2023, 2024, 2025)
    )
    LegalCase.objects.bulk_create(
        LegalCase(
            region=region,
            person_name="Uji",
            position="kepala_opd",
            stage="selesai",
            handler="kpk",
            started_on=date(2024, 1, 1),
            entered_at=now,
        )
        for region in regions
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get(SCREENING, {"tahun": 2026})
    assert response.context["paginator"].count == 500
    assert response.context["eligible_count"] == 499
    assert len(many) == len(one)


def test_export_csv_and_xlsx_in_indonesian_with_values(client, staff, kota_blitar, kota_mataram):
    make_passing(kota_blitar)
    record_value(
        region=kota_blitar, criterion="mcp", data_year=2025, score=Decimal("74.99"), source="MCSP 2025"
    )
    client.force_login(staff)
    url = reverse("regions:screening_export")

    csv_response = client.get(url, {"tahun": 2026, "format": "csv"})
    xlsx_response = client.get(url, {"tahun": 2026, "format": "xlsx", "urut": "-kode"})

    assert csv_response["Content-Disposition"] == 'attachment; filename="skrining-2026-pencalonan.csv"'
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][:8] == [
        "Kode",
        "Kabupaten/kota",
        "Provinsi",
        "Nilai MCP/MCSP: nilai",
        "Nilai MCP/MCSP: tahun data",
        "Nilai MCP/MCSP: status",
        "Nilai MCP/MCSP: sumber",
        "Nilai MCP/MCSP: hasil",
    ]
    assert (len(rows[0]), rows[0][-1]) == (3 + 8 * 5 + 1, "Hasil")
    assert rows[1][:8] == [
        "35.72",
        "Kota Blitar",
        "Jawa Timur",
        "74,99",
        "2025",
        "Akhir",
        "MCSP 2025",
        "Tidak memenuhi",
    ]
    assert rows[1][-6:] == ["tidak ada kasus terbuka", "", "", "", "Memenuhi", "Tidak memenuhi"]
    assert rows[1][18:23] == ["A", "2025", "Akhir", "Contoh sumber", "Memenuhi"]  # SAKIP
    assert rows[1][33:38] == ["WTP 2025, WTP 2024", "2025, 2024", "Akhir", "Contoh sumber", "Memenuhi"]  # BPK
    assert rows[2][3:8] == ["", "2025", "", "", "Data tidak ada"]
    workbook = load_workbook(io.BytesIO(xlsx_response.content))
    sheet = workbook.active
    assert sheet.title == "Skrining 2026"
    assert sheet["A1"].value.startswith("Skrining tahun program 2026 (syarat pencalonan) · diekspor ")
    assert [cell.value for cell in sheet[2]][:4] == [
        "Kode",
        "Kabupaten/kota",
        "Provinsi",
        "Nilai MCP/MCSP: nilai",
    ]
    assert sheet.freeze_panes == "A3"
    assert [sheet["A3"].value, sheet["A4"].value] == ["52.71", "35.72"]
    assert (sheet["D4"].value, sheet["D4"].number_format) == (74.99, "[$-421]#,##0.00")
    assert (sheet["H4"].value, sheet["AR4"].value) == ("Tidak memenuhi", "Tidak memenuhi")
    assert (sheet.column_dimensions["B"].width, sheet.column_dimensions["A"].width) == (28, 8)


def test_the_exports_keep_a_formula_in_a_region_name_as_text(client, staff, jawa_timur):
    name = '=HYPERLINK("http://contoh.invalid","klik")'
    RegionFactory(province=jawa_timur, code="35.99", name=name, full_name=name)
    client.force_login(staff)
    url = reverse("regions:screening_export")

    csv_response = client.get(url, {"tahun": 2026, "format": "csv"})
    xlsx_response = client.get(url, {"tahun": 2026, "format": "xlsx"})

    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[1][:2] == ["35.99", f"'{name}"]
    cell = load_workbook(io.BytesIO(xlsx_response.content)).active["B3"]
    assert (cell.data_type, cell.value) == ("s", name)


def test_upload_preview_and_confirm(client, staff, kota_blitar, kabupaten_blitar):
    client.force_login(staff)
    upload = SimpleUploadedFile("mcp.csv", b"kode;nilai\n35.72;74,99\n35.05;80\n", content_type="text/csv")

    response = client.post(
        reverse("regions:criteria_import"),
        {"criterion": "mcp", "data_year": 2025, "final": "on", "file": upload},
    )

    batch = CriteriaImport.objects.get()
    assert response["Location"] == batch.get_absolute_url()
    preview = client.get(batch.get_absolute_url())
    assert (preview.context["counts"], preview.context["errors"]) == ({"add": 2, "change": 0, "same": 0}, [])
    assert CriterionValue.objects.count() == 0

    confirmed = client.post(batch.get_absolute_url(), {"terapkan": "1"})

    assert confirmed["Location"] == f"{SCREENING}?tahun=2026"
    batch.refresh_from_db()
    assert (batch.status, batch.applied_by, CriterionValue.objects.count()) == ("diterapkan", staff, 2)


def test_an_upload_with_errors_cannot_be_confirmed(client, staff, kota_blitar):
    client.force_login(staff)
    upload = SimpleUploadedFile("mcp.csv", b"nama,nilai\nKota Blitar,80\nBlitar Raya,x\n")
    client.post(reverse("regions:criteria_import"), {"criterion": "mcp", "data_year": 2025, "file": upload})
    batch = CriteriaImport.objects.get()

    preview = client.get(batch.get_absolute_url())
    client.post(batch.get_absolute_url(), {"terapkan": "1"})

    assert [e["line"] for e in preview.context["errors"]] == [3, 3]
    assert "Konfirmasi impor" not in preview.text
    assert CriterionValue.objects.count() == 0


def test_staff_change_a_years_threshold_on_the_catalogue_page(client, staff, kota_blitar):
    CriterionValueFactory(region=kota_blitar, criterion="mcp", data_year=2025, score=Decimal("76"))
    client.force_login(staff)
    url = reverse("regions:criterion_change", args=[2026, "mcp"])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: ("" if value is None else value) for name, value in data.items()}
    data["grades"] = ""
    data["positions"] = []
    data["min_score"] = "77"

    response = client.post(url, data)

    assert (response.status_code, response["Location"]) == (
        302,
        reverse("regions:screening_rules", args=[2026]),
    )
    assert Criterion.objects.filter(programme_year=2026).count() == 8
    assert Criterion.objects.get(programme_year=2026, code="mcp").min_score == Decimal("77.00")
    screening = client.get(SCREENING, {"tahun": 2026}).context
    codes = [criterion.code for criterion in screening["catalogue"]]
    assert screening["verdicts"][0].outcomes[codes.index("mcp")] == "fail"


def test_the_region_page_shows_values_over_the_years_and_the_cases(client, staff, kota_blitar):
    CriterionValueFactory(
        region=kota_blitar, criterion="mcp", data_year=2024, score=Decimal("70.5"), source="MCSP 2024"
    )
    CriterionValueFactory(region=kota_blitar, criterion="mcp", data_year=2025, score=Decimal("82.25"))
    LegalCaseFactory(region=kota_blitar, person_name="Budi Hartono")
    client.force_login(staff)

    response = client.get(kota_blitar.get_absolute_url(), {"tahun": 2026})

    mcp = response.context["histories"][0]
    assert [(v.data_year, v.display_value()) for v in mcp.values] == [(2024, "70,50"), (2025, "82,25")]
    assert "MCSP 2024" in response.text
    assert "Budi Hartono" in response.text
    assert response.context["screening"].results["kasus"].outcome == "fail"


def test_criteria_alerts_tell_what_changed_and_when(
    kota_blitar, kota_mataram, kabupaten_blitar, django_assert_num_queries
):
    make_passing(kota_blitar)
    make_passing(kota_mataram)
    record_value(region=kota_blitar, criterion="mcp", data_year=2025, score=Decimal("76"), status="akhir")
    record_value(region=kota_blitar, criterion="mcp", data_year=2025, score=Decimal("74.5"), status="akhir")
    LegalCaseFactory(region=kota_mataram, person_name="Lalu Budi", position="kepala_daerah")

    with django_assert_num_queries(4):
        alerts = criteria_alerts([kota_blitar, kota_mataram], programme_year=2026)

    assert [(a.region.code, a.criterion, a.outcome, a.message) for a in alerts] == [
        (
            "52.71",
            "kasus",
            "fail",
            "Kasus terbuka: Lalu Budi (Kepala daerah), tahap penyidikan oleh KPK sejak 1 Maret 2025.",
        ),
        ("35.72", "mcp", "fail", "2025: 76,00 menjadi 74,50 (syarat ≥ 75,00)."),
    ]
    assert criteria_alerts([], programme_year=2026) == []
    # From the regions' keys (the staff home): the regions are one more query when nothing is kept.
    with django_assert_num_queries(5):
        assert criteria_alerts_of([kota_mataram.pk, kota_blitar.pk], programme_year=2026) == alerts
    assert criteria_alerts_of([], programme_year=2026) == []


def test_the_region_list_exports_in_indonesian(client, staff, kota_blitar, kabupaten_blitar, kota_mataram):
    client.force_login(staff)
    url = reverse("regions:list_export")

    csv_response = client.get(url, {"provinsi": "35", "format": "csv"})
    xlsx_response = client.get(url, {"format": "xlsx"})

    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows == [
        ["Kode", "Nama resmi", "Jenis", "Provinsi", "Kode provinsi", "Zona waktu", "Daerah otonom"],
        ["35.05", "Kabupaten Blitar", "Kabupaten", "Jawa Timur", "35", "WIB", "Ya"],
        ["35.72", "Kota Blitar", "Kota", "Jawa Timur", "35", "WIB", "Ya"],
    ]
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    assert sheet["A1"].value.startswith("Kabupaten/kota · diekspor ")
    assert [sheet["B3"].value, sheet["B5"].value, sheet["F5"].value] == [
        "Kabupaten Blitar",
        "Kota Mataram",
        "WITA",
    ]
    assert sheet.freeze_panes == "A3"
    client.force_login(UserFactory(username="luar"))
    assert client.get(url).status_code == 404
