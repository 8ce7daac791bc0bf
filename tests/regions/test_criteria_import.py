import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from audit.models import AuditEntry
from regions.enums import CaseStage, ImportStatus, ValueStatus
from regions.models import CriteriaImport, CriterionValue, CriterionValueRevision, LegalCase
from regions.services.criteria_import import (
    CriteriaImportError,
    apply_import,
    import_file,
    prepare_import,
)

pytestmark = pytest.mark.django_db


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def xlsx(tmp_path, rows, name="mcp.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def values():
    return {
        (v.region.full_name, v.criterion, v.data_year): (v.score, v.grade, v.status)
        for v in CriterionValue.objects.select_related("region")
    }


def test_csv_with_semicolons_and_decimal_commas(tmp_path, kota_blitar, kabupaten_blitar, staff):
    path = write(
        tmp_path,
        "mcp.csv",
        "kode;nilai;tanggal;sumber;keterangan\n35.72;74,99;07/11/2025;Laporan MCSP 2025;\n35.05;75;;;\n",
    )

    batch = import_file(path, criterion="mcp", data_year=2025, final=True, by=staff)

    assert batch.summary == {"tambah": 2, "ubah": 0, "tetap": 0}
    assert (batch.status, batch.applied_by) == (ImportStatus.APPLIED, staff)
    assert values() == {
        ("Kota Blitar", "mcp", 2025): (Decimal("74.99"), "", "akhir"),
        ("Kabupaten Blitar", "mcp", 2025): (Decimal("75.00"), "", "akhir"),
    }
    value = CriterionValue.objects.get(region=kota_blitar)
    assert (value.as_of, value.source, value.entered_by) == (dt.date(2025, 11, 7), "Laporan MCSP 2025", staff)
    assert AuditEntry.objects.filter(action="regions.criteria_import.apply").count() == 1


def test_csv_with_commas_and_a_quoted_decimal_comma_by_name(tmp_path, kota_blitar, kabupaten_blitar):
    path = write(tmp_path, "spi.csv", 'nama,nilai\nKota Blitar,"68,5"\nKab. Blitar,67.9\n')

    import_file(path, criterion="spi", data_year=2025)

    assert values() == {
        ("Kota Blitar", "spi", 2025): (Decimal("68.50"), "", "akhir"),
        ("Kabupaten Blitar", "spi", 2025): (Decimal("67.90"), "", "akhir"),
    }


def test_a_decimal_comma_in_a_comma_separated_file_is_refused_never_guessed(
    tmp_path, kota_blitar, kota_mataram
):
    path = write(tmp_path, "mcp.csv", "kode,nilai,sumber\n52.71,80,MCSP\n35.72,64.74,74,99\n")

    with pytest.raises(CriteriaImportError) as caught:
        import_file(path, criterion="mcp", data_year=2025)

    assert caught.value.errors == [
        {
            "line": 3,
            "message": "baris ini berisi 4 sel, sedangkan judul kolom hanya 3. Angka dengan koma desimal "
            "(74,99) memecah sel di berkas yang dipisah koma: simpan berkas dengan titik koma (;) sebagai "
            'pemisah kolom, atau beri tanda kutip pada angka ("74,99").',
        }
    ]
    assert str(caught.value).startswith("Baris 3: baris ini berisi 4 sel")
    assert CriterionValue.objects.count() == 0
    assert CriteriaImport.objects.get().status == ImportStatus.DISCARDED


def test_empty_cells_past_the_header_are_not_an_error(tmp_path, kota_blitar):
    path = write(tmp_path, "mcp.csv", "kode;nilai\n35.72;74,99;;\n")

    import_file(path, criterion="mcp", data_year=2025)

    assert values() == {("Kota Blitar", "mcp", 2025): (Decimal("74.99"), "", "sementara")}


def test_xlsx_with_text_and_number_cells(tmp_path, kota_blitar, kota_mataram):
    path = xlsx(
        tmp_path,
        [
            ["kode", "nama", "nilai", "tanggal"],
            ["35.72", None, "3,25", dt.datetime(2025, 5, 2)],
            [None, "Kota Mataram", 2.6, None],
        ],
    )

    batch = import_file(path, criterion="spbe", data_year=2024)

    assert batch.summary == {"tambah": 2, "ubah": 0, "tetap": 0}
    assert values() == {
        ("Kota Blitar", "spbe", 2024): (Decimal("3.25"), "", "akhir"),
        ("Kota Mataram", "spbe", 2024): (Decimal("2.60"), "", "akhir"),
    }


def test_a_bare_shared_name_is_ambiguous_and_nothing_is_imported(
    tmp_path, kota_blitar, kabupaten_blitar, kota_mataram
):
    path = write(tmp_path, "sakip.csv", "nama,nilai\nKota Mataram,BB\nBlitar,A\nKota Malang,B\n35.99,B\n")

    with pytest.raises(CriteriaImportError) as caught:
        import_file(path, criterion="sakip", data_year=2025)

    assert [error["line"] for error in caught.value.errors] == [3, 4, 5]
    assert caught.value.errors[0]["message"] == (
        "nama 'Blitar' ambigu: Kabupaten Blitar, Kota Blitar. Tulis nama resmi lengkap atau kodenya."
    )
    assert caught.value.errors[1]["message"] == (
        "nama 'Kota Malang' tidak dikenal; tulis nama resmi lengkap, misalnya Kota Blitar."
    )
    assert CriterionValue.objects.count() == 0


@pytest.mark.parametrize(
    ("criterion", "cell", "message"),
    [
        ("mcp", "100,5", "nilai 100,5 di luar skala 0-100."),
        ("spip", "5,1", "nilai 5,1 di luar skala 0-5."),
        ("mcp", "74,999", "nilai 74,999 memiliki lebih dari dua angka desimal."),
        ("mcp", "tinggi", "nilai 'tinggi' bukan angka (misalnya 74,99)."),
        ("sakip", "BBB", "nilai 'BBB' tidak sah; pilih salah satu dari AA, A, BB, B, CC, C, D."),
        ("bpk", "WTPP", "nilai 'WTPP' tidak sah; pilih salah satu dari WTP, WDP, TW, TMP."),
        ("ombudsman", "F", "nilai 'F' tidak sah; pilih salah satu dari A, B, C, D, E."),
        ("mcp", "", "nilai kosong."),
    ],
)
def test_one_bad_row_and_nothing_changes(tmp_path, kota_blitar, kota_mataram, criterion, cell, message):
    good = {"sakip": "A", "bpk": "WTP", "ombudsman": "B"}.get(criterion, "4")
    path = write(tmp_path, "data.csv", f'kode;nilai\n52.71;{good}\n35.72;"{cell}"\n')

    with pytest.raises(CriteriaImportError) as caught:
        import_file(path, criterion=criterion, data_year=2025)

    assert caught.value.errors == [{"line": 3, "message": message}]
    assert CriterionValue.objects.count() == 0


def test_a_reimport_updates_never_duplicates_and_keeps_the_history(
    tmp_path, kota_blitar, kota_mataram, staff
):
    first = write(tmp_path, "a.csv", "kode,nilai\n35.72,70\n52.71,80\n")
    second = write(tmp_path, "b.csv", "kode,nilai\n35.72,76\n52.71,80\n")
    import_file(first, criterion="mcp", data_year=2025)

    again = import_file(first, criterion="mcp", data_year=2025)
    changed = import_file(second, criterion="mcp", data_year=2025, by=staff)

    assert again.summary == {"tambah": 0, "ubah": 0, "tetap": 2}
    assert changed.summary == {"tambah": 0, "ubah": 1, "tetap": 1}
    assert CriterionValue.objects.count() == 2
    blitar = CriterionValue.objects.get(region=kota_blitar)
    assert [(r.score, r.status, r.changed_by, r.import_batch_id) for r in blitar.revisions.all()] == [
        (Decimal("70.00"), "sementara", None, CriteriaImport.objects.order_by("pk")[0].pk),
        (Decimal("76.00"), "sementara", staff, changed.pk),
    ]


def test_a_provisional_mcp_value_never_overwrites_a_final_one(tmp_path, kota_blitar):
    path = write(tmp_path, "mcp.csv", "kode,nilai\n35.72,91\n")
    import_file(path, criterion="mcp", data_year=2025, final=True)
    running = write(tmp_path, "running.csv", "kode,nilai\n35.72,60\n")

    with pytest.raises(CriteriaImportError) as caught:
        import_file(running, criterion="mcp", data_year=2025)

    assert caught.value.errors == [
        {
            "line": 2,
            "message": "Kota Blitar sudah punya nilai akhir 91,00 untuk tahun data 2025; nilai sementara "
            "tidak boleh menimpanya (impor sebagai nilai akhir bila ini koreksi).",
        }
    ]
    value = CriterionValue.objects.get()
    assert (value.score, value.status, value.revisions.count()) == (Decimal("91.00"), ValueStatus.FINAL, 1)


def test_provisional_then_final_keeps_both_in_the_history(tmp_path, kota_blitar):
    import_file(write(tmp_path, "a.csv", "kode,nilai\n35.72,88\n"), criterion="mcp", data_year=2025)
    import_file(
        write(tmp_path, "b.csv", "kode,nilai\n35.72,88\n"), criterion="mcp", data_year=2025, final=True
    )

    assert list(CriterionValueRevision.objects.values_list("score", "status")) == [
        (Decimal("88.00"), "sementara"),
        (Decimal("88.00"), "akhir"),
    ]


def test_the_preview_stores_the_rows_and_the_confirm_applies_exactly_them(
    tmp_path, kota_blitar, kota_mataram, staff
):
    import_file(write(tmp_path, "a.csv", "kode,nilai\n35.72,B\n"), criterion="sakip", data_year=2025)
    content = b"kode,nilai\n35.72,A\n52.71,BB\n"

    batch = prepare_import(
        content=content, file_name="sakip.csv", criterion="sakip", data_year=2025, by=staff
    )

    assert (batch.summary, batch.errors, batch.status) == (
        {"tambah": 1, "ubah": 1, "tetap": 0},
        [],
        "menunggu",
    )
    assert [(row["line"], row["region"], row["action"]) for row in batch.rows] == [
        (2, "Kota Blitar", "ubah"),
        (3, "Kota Mataram", "tambah"),
    ]
    assert CriterionValue.objects.get(region=kota_blitar).grade == "B"

    apply_import(batch, by=staff)

    assert {k: v[1] for k, v in values().items()} == {
        ("Kota Blitar", "sakip", 2025): "A",
        ("Kota Mataram", "sakip", 2025): "BB",
    }
    with pytest.raises(CriteriaImportError):
        apply_import(batch, by=staff)


def test_cases_import_and_update_by_person_and_start_date(tmp_path, kota_blitar):
    header = "kode,nama_orang,jabatan,tahap,penangan,tanggal_mulai,tanggal_selesai\n"
    import_file(
        write(tmp_path, "a.csv", header + "35.72,Budi,kepala_opd,penyidikan,KPK,2025-03-01,\n"),
        criterion="kasus",
        data_year=None,
    )
    batch = import_file(
        write(tmp_path, "b.csv", header + "35.72,Budi,kepala_opd,selesai,KPK,01/03/2025,2025-09-30\n"),
        criterion="kasus",
        data_year=None,
    )

    case = LegalCase.objects.get()
    assert batch.summary == {"tambah": 0, "ubah": 1, "tetap": 0}
    assert (case.stage, case.ended_on, case.handler) == (CaseStage.SELESAI, dt.date(2025, 9, 30), "kpk")
    assert list(case.revisions.values_list("stage", flat=True)) == ["penyidikan", "selesai"]


def test_case_rows_are_checked(tmp_path, kota_blitar):
    path = write(
        tmp_path,
        "kasus.csv",
        "kode,nama_orang,jabatan,tahap,penangan,tanggal_mulai\n35.72,Budi,camat,sidang,Polisi,kemarin\n",
    )

    with pytest.raises(CriteriaImportError) as caught:
        import_file(path, criterion="kasus", data_year=None)

    assert [error["message"] for error in caught.value.errors] == [
        "jabatan 'camat' tidak sah; pilih salah satu dari kepala_daerah, wakil_kepala_daerah, "
        "sekretaris_daerah, kepala_opd, lainnya.",
        "tahap 'sidang' tidak sah; pilih salah satu dari penyelidikan, penyidikan, penuntutan, persidangan, selesai.",
        "penangan 'Polisi' tidak sah; pilih salah satu dari kpk, polri, kejaksaan.",
        "tanggal_mulai 'kemarin' bukan tanggal (misalnya 2025-11-07 atau 07/11/2025).",
    ]


def test_a_missing_column_is_reported_on_row_one(tmp_path, kota_blitar):
    with pytest.raises(CriteriaImportError) as caught:
        import_file(write(tmp_path, "x.csv", "wilayah,skor\n35.72,80\n"), criterion="mcp", data_year=2025)

    assert caught.value.errors == [{"line": 1, "message": "kolom wajib tidak ada: kode/nama, nilai."}]


def test_the_command_imports_and_reports_counts(tmp_path, kota_blitar):
    path = write(tmp_path, "bpk.csv", "kode,nilai\n35.72,wtp\n")
    out = io.StringIO()

    call_command("import_criteria", str(path), "--criterion", "bpk", "--year", "2024", stdout=out)

    assert out.getvalue() == "1 baru, 0 diubah, 0 tetap.\n"
    assert values() == {("Kota Blitar", "bpk", 2024): (None, "WTP", "akhir")}


def test_the_command_prints_each_error_and_fails(tmp_path, kota_blitar):
    path = write(tmp_path, "mcp.csv", "kode,nilai\n35.72,x\n")
    err = io.StringIO()

    with pytest.raises(CommandError, match=r"^1 baris bermasalah; tidak ada yang diimpor\.$"):
        call_command("import_criteria", str(path), "--criterion", "mcp", "--year", "2025", stderr=err)

    assert err.getvalue() == "Baris 2: nilai 'x' bukan angka (misalnya 74,99).\n"


def test_the_screening_command_prints_the_csv_table(kota_blitar, kota_mataram):
    from tests.regions.factories import make_passing

    make_passing(kota_blitar)
    out = io.StringIO()

    call_command("screening", "--year", "2026", "--format", "csv", stdout=out)

    assert out.getvalue().splitlines() == [
        "kode,nama,mcp,spi,sakip,ombudsman,spip,spbe,bpk,kasus,eligible",
        "35.72,Kota Blitar,pass,pass,pass,pass,pass,pass,pass,pass,yes",
        "52.71,Kota Mataram,missing,missing,missing,missing,missing,missing,missing,pass,no",
    ]
    assert "kasus" == "kasus"
