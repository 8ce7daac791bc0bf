"""Import of the Kemendagri province and regency/city lists (the format of shared/data/wilayah).

Every row of both files is checked before anything is written; one bad row and nothing changes. A second
import of the same files updates what differs and never duplicates.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from audit.services import record_many
from regions.enums import RegionKind, time_zone_for_province_code
from regions.models import Province, Region, ScreeningVersion

PROVINCE_COLUMNS = ("kode", "nama")
REGION_COLUMNS = ("kode", "kode_provinsi", "jenis", "nama", "nama_lengkap", "otonom")
KIND_BY_LABEL = {"Kabupaten": RegionKind.KABUPATEN, "Kota": RegionKind.KOTA}


@dataclass(frozen=True)
class RowError:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return _("%(file)s, baris %(line)s: %(message)s") % {
            "file": self.file,
            "line": self.line,
            "message": self.message,
        }


class RegionImportError(Exception):
    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class RegionImportResult:
    provinces: Counts = field(default_factory=Counts)
    regions: Counts = field(default_factory=Counts)


@dataclass(frozen=True)
class _ProvinceRow:
    code: str
    name: str


@dataclass(frozen=True)
class _RegionRow:
    code: str
    province_code: str
    kind: str
    name: str
    full_name: str
    autonomous: bool


def import_regions(provinces: Path | TextIO, regions: Path | TextIO, *, by=None) -> RegionImportResult:
    """Check both files completely, then create or update provinces and regions in one transaction, with an
    audit entry for each one created or changed (``by`` None: the system, e.g. the management command)."""
    errors: list[RowError] = []
    province_rows = _parse_provinces(provinces, errors)
    known_province_codes = {row.code for row in province_rows} | set(
        Province.objects.values_list("code", flat=True)
    )
    region_rows = _parse_regions(regions, known_province_codes, errors)
    if errors:
        raise RegionImportError(errors)
    try:
        with transaction.atomic():
            result = RegionImportResult()
            changes = _save_provinces(province_rows, result.provinces)
            changes += _save_regions(region_rows, result.regions)
            record_many(actor=by, action="regions.import", changes=changes)
            if changes:
                ScreeningVersion.objects.raise_on_commit()
    except IntegrityError as exc:
        raise RegionImportError(
            [RowError(_file_label(regions), 0, _("data bertentangan dengan isi basis data: %s") % exc)]
        ) from exc
    return result


def _file_label(source: Path | TextIO) -> str:
    if isinstance(source, Path):
        return source.name
    return Path(getattr(source, "name", "berkas")).name


def _read_rows(
    source: Path | TextIO, columns: tuple[str, ...], errors: list[RowError]
) -> Iterator[tuple[int, dict]]:
    """Yield (line number, row) for each data row; header problems are reported as errors on line 1."""
    label = _file_label(source)
    try:
        text = source.read_text(encoding="utf-8-sig") if isinstance(source, Path) else source.read()
    except UnicodeDecodeError:
        errors.append(RowError(label, 1, _("berkas bukan teks UTF-8.")))
        return
    except OSError as exc:
        errors.append(RowError(label, 1, _("berkas tidak dapat dibaca: %s") % exc.strerror))
        return
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [column for column in columns if column not in header]
    if missing:
        errors.append(
            RowError(label, 1, _("kolom wajib tidak ada: %(columns)s.") % {"columns": ", ".join(missing)})
        )
        return
    reader.fieldnames = header
    for row in reader:
        if None in row:
            errors.append(
                RowError(label, reader.line_num, _("baris ini memiliki kolom lebih banyak dari kepala."))
            )
            continue
        yield reader.line_num, {key: (value or "").strip() for key, value in row.items()}


def _parse_provinces(source: Path | TextIO, errors: list[RowError]) -> list[_ProvinceRow]:
    label = _file_label(source)
    rows: list[_ProvinceRow] = []
    seen: dict[str, int] = {}
    for line, row in _read_rows(source, PROVINCE_COLUMNS, errors):
        code, name = row["kode"], row["nama"]
        problems = []
        if not (len(code) == 2 and code.isdigit()):
            problems.append(_("kode provinsi %(code)r tidak sah (dua angka, misalnya 35).") % {"code": code})
        elif code in seen:
            problems.append(
                _("kode %(code)s sudah ada di baris %(line)s.") % {"code": code, "line": seen[code]}
            )
        if not name:
            problems.append(_("nama kosong."))
        errors.extend(RowError(label, line, problem) for problem in problems)
        if not problems:
            seen[code] = line
            rows.append(_ProvinceRow(code, name))
    return rows


def _parse_regions(
    source: Path | TextIO, province_codes: set[str], errors: list[RowError]
) -> list[_RegionRow]:
    label = _file_label(source)
    rows: list[_RegionRow] = []
    seen_codes: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    for line, row in _read_rows(source, REGION_COLUMNS, errors):
        code, province_code, kind_label = row["kode"], row["kode_provinsi"], row["jenis"]
        name, full_name, autonomous = row["nama"], row["nama_lengkap"], row["otonom"]
        problems = []
        if not (len(code) == 5 and code[2] == "." and (code[:2] + code[3:]).isdigit()):
            problems.append(_("kode %(code)r tidak sah (bentuk 00.00, misalnya 35.72).") % {"code": code})
        elif code in seen_codes:
            problems.append(
                _("kode %(code)s sudah ada di baris %(line)s.") % {"code": code, "line": seen_codes[code]}
            )
        elif code[:2] != province_code:
            problems.append(
                _("kode %(code)s tidak diawali kode provinsinya %(province)s.")
                % {"code": code, "province": province_code}
            )
        if province_code not in province_codes:
            problems.append(_("provinsi %(code)r tidak dikenal.") % {"code": province_code})
        if kind_label not in KIND_BY_LABEL:
            problems.append(_("jenis %(kind)r tidak sah (Kabupaten atau Kota).") % {"kind": kind_label})
        if not name:
            problems.append(_("nama kosong."))
        if kind_label in KIND_BY_LABEL and name and not full_name.startswith(f"{kind_label} "):
            problems.append(
                _("nama lengkap %(full)r tidak diawali jenisnya (%(kind)s).")
                % {"full": full_name, "kind": kind_label}
            )
        elif full_name in seen_names:
            problems.append(
                _("nama lengkap %(full)s sudah ada di baris %(line)s.")
                % {"full": full_name, "line": seen_names[full_name]}
            )
        if autonomous not in {"0", "1"}:
            problems.append(_("otonom %(value)r tidak sah (0 atau 1).") % {"value": autonomous})
        errors.extend(RowError(label, line, problem) for problem in problems)
        if not problems:
            seen_codes[code] = line
            seen_names[full_name] = line
            rows.append(
                _RegionRow(code, province_code, KIND_BY_LABEL[kind_label], name, full_name, autonomous == "1")
            )
    return rows


def _save_provinces(rows: list[_ProvinceRow], counts: Counts) -> list:
    existing = {province.code: province for province in Province.objects.select_for_update()}
    new, changed, audit = [], [], []
    for row in rows:
        province = existing.get(row.code)
        if province is None:
            new.append(
                Province(code=row.code, name=row.name, time_zone=time_zone_for_province_code(row.code))
            )
        elif province.name != row.name:
            audit.append((province, {"name": province.name}, {"name": row.name}))
            province.name = row.name
            changed.append(province)
        else:
            counts.unchanged += 1
    Province.objects.bulk_update(changed, ["name"])
    created = Province.objects.bulk_create(new)
    counts.created, counts.updated = len(new), len(changed)
    return audit + [(province, None, {"name": province.name}) for province in _with_pks(Province, created)]


def _with_pks(model, rows: list) -> list:
    """Rows just bulk-created, with their primary keys (read back where the database does not return them)."""
    if all(row.pk is not None for row in rows):
        return rows
    return list(model.objects.filter(code__in=[row.code for row in rows]))


def _save_regions(rows: list[_RegionRow], counts: Counts) -> list:
    provinces = dict(Province.objects.values_list("code", "pk"))
    existing = {region.code: region for region in Region.objects.select_for_update()}
    fields = ("province_id", "kind", "name", "full_name", "autonomous")
    new, changed, audit = [], [], []
    for row in rows:
        values = {
            "province_id": provinces[row.province_code],
            "kind": row.kind,
            "name": row.name,
            "full_name": row.full_name,
            "autonomous": row.autonomous,
        }
        region = existing.get(row.code)
        if region is None:
            new.append(Region(code=row.code, **values))
        elif any(getattr(region, name) != value for name, value in values.items()):
            audit.append((region, {name: getattr(region, name) for name in fields}, values))
            for name, value in values.items():
                setattr(region, name, value)
            changed.append(region)
        else:
            counts.unchanged += 1
    Region.objects.bulk_update(changed, fields)
    created = Region.objects.bulk_create(new)
    counts.created, counts.updated = len(new), len(changed)
    return audit + [
        (region, None, {name: getattr(region, name) for name in fields})
        for region in _with_pks(Region, created)
    ]
