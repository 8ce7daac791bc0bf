import io
import shutil

import pytest
from django.core.management import CommandError, call_command

from regions.enums import RegionKind, TimeZone
from regions.models import Province, Region
from regions.services.region_import import RegionImportError, import_regions

pytestmark = pytest.mark.django_db


def csv_file(name: str, text: str) -> io.StringIO:
    handle = io.StringIO(text)
    handle.name = name
    return handle


PROVINCES = "kode,nama\n35,Jawa Timur\n52,Nusa Tenggara Barat\n"
REGIONS = (
    "kode,kode_provinsi,jenis,nama,nama_lengkap,otonom\n"
    "35.05,35,Kabupaten,Blitar,Kabupaten Blitar,1\n"
    "35.72,35,Kota,Blitar,Kota Blitar,1\n"
    "52.71,52,Kota,Mataram,Kota Mataram,1\n"
)


def test_full_shared_lists_import_with_blitar_kept_apart(wilayah_files):
    result = import_regions(*wilayah_files)

    assert (result.provinces.created, result.regions.created) == (38, 514)
    assert Province.objects.count() == 38
    assert Region.objects.count() == 514
    assert Region.objects.filter(kind=RegionKind.KABUPATEN).count() == 416
    assert Region.objects.filter(kind=RegionKind.KOTA).count() == 98
    assert sorted(Region.objects.filter(autonomous=False).values_list("code", flat=True)) == [
        "31.01", "31.71", "31.72", "31.73", "31.74", "31.75",
    ]  # fmt: skip
    kota, kabupaten = Region.objects.get(code="35.72"), Region.objects.get(code="35.05")
    assert (kota.full_name, kota.kind, kota.province.name) == ("Kota Blitar", "kota", "Jawa Timur")
    assert (kabupaten.full_name, kabupaten.kind) == ("Kabupaten Blitar", "kabupaten")
    assert Region.objects.get(code="52.71").time_zone == TimeZone.WITA
    assert Region.objects.get(code="91.71").time_zone == TimeZone.WIT
    assert Region.objects.get(code="61.71").time_zone == TimeZone.WIB
    assert Province.objects.filter(time_zone=TimeZone.WIT).count() == 8


def test_second_import_updates_nothing_and_duplicates_nothing(wilayah_files):
    import_regions(*wilayah_files)

    result = import_regions(*wilayah_files)

    assert vars(result.provinces) == {"created": 0, "updated": 0, "unchanged": 38}
    assert vars(result.regions) == {"created": 0, "updated": 0, "unchanged": 514}
    assert (Province.objects.count(), Region.objects.count()) == (38, 514)


def test_reimport_updates_changed_rows_in_place():
    import_regions(csv_file("provinsi.csv", PROVINCES), csv_file("kabupaten_kota.csv", REGIONS))
    blitar_pk = Region.objects.get(code="35.72").pk

    result = import_regions(
        csv_file("provinsi.csv", PROVINCES.replace("Jawa Timur", "Jawa Timur Raya")),
        csv_file(
            "kabupaten_kota.csv",
            REGIONS.replace("35.72,35,Kota,Blitar,Kota Blitar,1", "35.72,35,Kota,Blitar,Kota Blitar,0"),
        ),
    )

    assert vars(result.provinces) == {"created": 0, "updated": 1, "unchanged": 1}
    assert vars(result.regions) == {"created": 0, "updated": 1, "unchanged": 2}
    blitar = Region.objects.get(code="35.72")
    assert (blitar.pk, blitar.autonomous, blitar.province.name) == (blitar_pk, False, "Jawa Timur Raya")


def test_one_bad_row_and_nothing_changes(wilayah_files, tmp_path):
    provinces, regions = wilayah_files
    broken = tmp_path / "kabupaten_kota.csv"
    lines = regions.read_text(encoding="utf-8").splitlines()
    lines[500] = lines[500].replace(",1", ",ya")  # line 501 of the file
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copy(provinces, tmp_path / "provinsi.csv")

    with pytest.raises(RegionImportError) as excinfo:
        import_regions(tmp_path / "provinsi.csv", broken)

    assert [str(error) for error in excinfo.value.errors] == [
        "kabupaten_kota.csv, baris 501: otonom 'ya' tidak sah (0 atau 1).",
    ]
    assert (Province.objects.count(), Region.objects.count()) == (0, 0)


def test_every_bad_row_is_reported_with_its_line_and_reason():
    regions = (
        "kode,kode_provinsi,jenis,nama,nama_lengkap,otonom\n"
        "35.72,35,Kota,Blitar,Kota Blitar,1\n"
        "35.7X,35,Kota,Kediri,Kota Kediri,1\n"
        "35.72,35,Kota,Blitar,Kota Blitar,1\n"
        "36.01,35,Kabupaten,Pandeglang,Kabupaten Pandeglang,1\n"
        "99.01,99,Kabupaten,Entah,Kabupaten Entah,1\n"
        "35.06,35,Desa,Kediri,Desa Kediri,1\n"
        "35.07,35,Kabupaten,Malang,Kota Malang,1\n"
        "35.08,35,Kabupaten,,Kabupaten ,1\n"
        "35.09,35,Kabupaten,Jember,Kabupaten Jember,1,lebih\n"
    )
    with pytest.raises(RegionImportError) as excinfo:
        import_regions(csv_file("provinsi.csv", PROVINCES), csv_file("wilayah.csv", regions))

    assert [str(error) for error in excinfo.value.errors] == [
        "wilayah.csv, baris 3: kode '35.7X' tidak sah (bentuk 00.00, misalnya 35.72).",
        "wilayah.csv, baris 4: kode 35.72 sudah ada di baris 2.",
        "wilayah.csv, baris 4: nama lengkap Kota Blitar sudah ada di baris 2.",
        "wilayah.csv, baris 5: kode 36.01 tidak diawali kode provinsinya 35.",
        "wilayah.csv, baris 6: provinsi '99' tidak dikenal.",
        "wilayah.csv, baris 7: jenis 'Desa' tidak sah (Kabupaten atau Kota).",
        "wilayah.csv, baris 8: nama lengkap 'Kota Malang' tidak diawali jenisnya (Kabupaten).",
        "wilayah.csv, baris 9: nama kosong.",
        "wilayah.csv, baris 10: baris ini memiliki kolom lebih banyak dari kepala.",
    ]
    assert Region.objects.count() == 0


def test_bad_province_rows_and_missing_columns_are_reported():
    provinces = "kode,nama\n3,Jawa Timur\n35,\n35,Jawa Timur\n35,Jawa Timur Lagi\n"
    regions = "kode,jenis,nama\n35.72,Kota,Blitar\n"

    with pytest.raises(RegionImportError) as excinfo:
        import_regions(csv_file("provinsi.csv", provinces), csv_file("kabupaten_kota.csv", regions))

    assert [str(error) for error in excinfo.value.errors] == [
        "provinsi.csv, baris 2: kode provinsi '3' tidak sah (dua angka, misalnya 35).",
        "provinsi.csv, baris 3: nama kosong.",
        "provinsi.csv, baris 5: kode 35 sudah ada di baris 4.",
        "kabupaten_kota.csv, baris 1: kolom wajib tidak ada: kode_provinsi, nama_lengkap, otonom.",
    ]
    assert Province.objects.count() == 0


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    provinces = tmp_path / "provinsi.csv"
    provinces.write_bytes("kode,nama\n35,Jawa Timur\n".encode("utf-16"))
    regions = tmp_path / "kabupaten_kota.csv"
    regions.write_text(REGIONS, encoding="utf-8")

    with pytest.raises(RegionImportError) as excinfo:
        import_regions(provinces, regions)

    assert [str(error) for error in excinfo.value.errors] == [
        "provinsi.csv, baris 1: berkas bukan teks UTF-8.",
        "kabupaten_kota.csv, baris 2: provinsi '35' tidak dikenal.",
        "kabupaten_kota.csv, baris 3: provinsi '35' tidak dikenal.",
        "kabupaten_kota.csv, baris 4: provinsi '52' tidak dikenal.",
    ]


def test_command_prints_counts(wilayah_files, capsys):
    call_command("import_regions", *map(str, wilayah_files))

    assert capsys.readouterr().out == (
        "Provinsi: 38 baru, 0 diubah, 0 tetap.\nKabupaten/kota: 514 baru, 0 diubah, 0 tetap.\n"
    )


def test_command_reports_each_bad_row_and_fails(tmp_path, capsys):
    (tmp_path / "provinsi.csv").write_text(PROVINCES, encoding="utf-8")
    (tmp_path / "kabupaten_kota.csv").write_text(
        REGIONS.replace("Kota,Mataram", "Kot,Mataram"), encoding="utf-8"
    )

    with pytest.raises(CommandError, match=r"^1 baris bermasalah; tidak ada yang diimpor\.$"):
        call_command("import_regions", str(tmp_path / "provinsi.csv"), str(tmp_path / "kabupaten_kota.csv"))

    assert capsys.readouterr().err == (
        "kabupaten_kota.csv, baris 4: jenis 'Kot' tidak sah (Kabupaten atau Kota).\n"
    )
    assert Region.objects.count() == 0


def test_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Berkas tidak ditemukan"):
        call_command("import_regions", str(tmp_path / "tidak-ada.csv"), str(tmp_path / "juga-tidak.csv"))


def test_each_created_or_changed_row_leaves_an_audit_entry():
    from audit.models import AuditEntry

    import_regions(csv_file("provinsi.csv", PROVINCES), csv_file("kabupaten_kota.csv", REGIONS))
    assert sorted(AuditEntry.objects.values_list("object_repr", "before", "actor")) == sorted(
        [
            ("Jawa Timur", None, None),
            ("Nusa Tenggara Barat", None, None),
            *[(str(region), None, None) for region in Region.objects.all()],
        ]
    )
    AuditEntry.objects.all().delete()

    import_regions(
        csv_file("provinsi.csv", PROVINCES),
        csv_file(
            "kabupaten_kota.csv",
            REGIONS.replace("35.72,35,Kota,Blitar,Kota Blitar,1", "35.72,35,Kota,Blitar,Kota Blitar,0"),
        ),
    )
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_id, entry.before["autonomous"], entry.after["autonomous"]) == (
        "regions.import",
        str(Region.objects.get(code="35.72").pk),
        True,
        False,
    )
