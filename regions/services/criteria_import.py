"""Import of criteria values and legal cases from CSV or XLSX, the way the publishers' data arrives.

``prepare_import`` reads and checks every row and stores them in a ``CriteriaImport`` with what each row
would do (add, change, unchanged) and every error with its row number; nothing else changes. ``apply_import``
applies exactly the stored rows in one transaction, or nothing when any row fails. The command line does
both in one go (``import_file``).
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from regions.enums import CaseHandler, CasePosition, CaseStage, ImportStatus, ValueStatus
from regions.models import (
    PREVIEW_LIFETIME,
    CriteriaImport,
    CriteriaWorkbook,
    Criterion,
    CriterionValue,
    LegalCase,
    Region,
)
from regions.models.catalogue import clean_text
from regions.services.criteria import (
    CREATED,
    UNCHANGED,
    UPDATED,
    CriteriaError,
    provisional_over_final_message,
    record_case,
    record_value,
)

ADD, CHANGE, SAME = "tambah", "ubah", "tetap"
VALUE_COLUMNS = ("nilai",)
CASE_COLUMNS = ("nama_orang", "jabatan", "tahap", "penangan", "tanggal_mulai")
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan"),
            ("februari", "feb", "pebruari"),
            ("maret", "mar"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("agustus", "agu", "agt", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct"),
            ("november", "nov", "nop", "nopember"),
            ("desember", "des", "dec"),
        ],
        start=1,
    )
    for name in names
}
HANDLERS = {value: value for value in CaseHandler.values}


class CriteriaImportError(Exception):
    def __init__(self, errors: list[dict]):
        self.errors = errors
        super().__init__("\n".join(format_error(error) for error in errors))


def format_error(error: dict) -> str:
    if error.get("sheet") and error["line"]:
        return _("Lembar %(sheet)s, baris %(line)s: %(message)s") % error
    if error.get("sheet"):
        return _("Lembar %(sheet)s: %(message)s") % error
    if error["line"]:
        return _("Baris %(line)s: %(message)s") % error
    return error["message"]


@dataclass
class _Reader:
    """Rows of a CSV or XLSX file as (spreadsheet row number, {column: cell}) with lower-case headers."""

    header: list[str]
    rows: list[tuple[int, dict]]


def read_table(content: bytes, file_name: str) -> _Reader:
    if file_name.lower().endswith(".xlsx") or content[:2] == b"PK":
        return _read_xlsx(content)
    return _read_csv(content)


def _read_csv(content: bytes) -> _Reader:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise CriteriaImportError([{"line": 1, "message": _("berkas bukan teks UTF-8.")}]) from exc
    first = text.split("\n", 1)[0]
    # Spreadsheets with a decimal comma save CSV with semicolons; take whichever separates the header.
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines = list(reader)
    if not lines:
        return _Reader([], [])
    header = [cell.strip().lower() for cell in lines[0]]
    rows, errors = [], []
    for number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if any(cell.strip() for cell in cells[len(header) :]):
            # Never guess which cells belong together: "64.74,74,99" in a comma-separated file is most
            # likely 74,99 with a decimal comma, but it could be anything.
            errors.append({"line": number, "message": _too_many_cells_message(cells, header, delimiter)})
            continue
        rows.append((number, {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header)}))
    if errors:
        raise CriteriaImportError(errors)
    return _Reader(header, rows)


def _too_many_cells_message(cells: list[str], header: list[str], delimiter: str) -> str:
    message = _("baris ini berisi %(cells)s sel, sedangkan judul kolom hanya %(columns)s.") % {
        "cells": len(cells),
        "columns": len(header),
    }
    if delimiter == ",":
        message += " " + _(
            "Angka dengan koma desimal (74,99) memecah sel di berkas yang dipisah koma: simpan berkas "
            'dengan titik koma (;) sebagai pemisah kolom, atau beri tanda kutip pada angka ("74,99").'
        )
    return message


def _read_xlsx(content: bytes) -> _Reader:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise CriteriaImportError([{"line": 1, "message": _("berkas XLSX tidak dapat dibaca.")}]) from exc
    sheet = workbook.worksheets[0]
    lines = list(sheet.iter_rows(values_only=True))
    workbook.close()
    if not lines:
        return _Reader([], [])
    header = [str(cell or "").strip().lower() for cell in lines[0]]
    rows = []
    for number, cells in enumerate(lines[1:], start=2):
        if all(cell is None or str(cell).strip() == "" for cell in cells):
            continue
        rows.append(
            (number, {name: (cells[i] if i < len(cells) else None) for i, name in enumerate(header) if name})
        )
    return _Reader(header, rows)


_text = clean_text


def parse_date(cell) -> date | None:
    """A date as 2025-11-07, 07/11/2025, 7-11-2025, 7 November 2025, or a spreadsheet date."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = _text(cell).lower()
    if not text:
        return None
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        year, month, day = (int(part) for part in match.groups())
    elif match := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text):
        day, month, year = (int(part) for part in match.groups())
    elif (match := re.fullmatch(r"(\d{1,2}) ([a-z]+)\.? (\d{4})", text)) and match.group(2) in MONTHS:
        day, month, year = int(match.group(1)), MONTHS[match.group(2)], int(match.group(3))
    else:
        raise ValueError(text)
    return date(year, month, day)


class RegionFinder:
    """Finds a region by Kemendagri code or by its full official name (one query for all rows)."""

    def __init__(self):
        self.by_code: dict[str, Region] = {}
        self.by_full_name: dict[str, Region] = {}
        self.by_name: dict[str, list[Region]] = {}
        for region in Region.objects.all():
            self.by_code[region.code] = region
            self.by_full_name[self._key(region.full_name)] = region
            self.by_name.setdefault(self._key(region.name), []).append(region)

    @staticmethod
    def _key(name: str) -> str:
        name = re.sub(r"\s+", " ", name).strip().lower()
        return re.sub(r"^kab(\.|upaten)? ?", "kabupaten ", name)

    def find(self, code: str, name: str) -> tuple[Region | None, str]:
        """The region, or None and the reason."""
        if code:
            region = self.by_code.get(code)
            if region is None:
                return None, _("kode %(code)r tidak dikenal.") % {"code": code}
            if name and self._key(name) not in (self._key(region.full_name), self._key(region.name)):
                return None, _("kode %(code)s adalah %(region)s, bukan %(name)s.") % {
                    "code": code,
                    "region": region.full_name,
                    "name": name,
                }
            return region, ""
        if not name:
            return None, _("isi kode atau nama kabupaten/kota.")
        if region := self.by_full_name.get(self._key(name)):
            return region, ""
        matches = self.by_name.get(self._key(name), [])
        if len(matches) > 1:
            return None, _("nama %(name)r ambigu: %(options)s. Tulis nama resmi lengkap atau kodenya.") % {
                "name": name,
                "options": ", ".join(sorted(region.full_name for region in matches)),
            }
        return None, _("nama %(name)r tidak dikenal; tulis nama resmi lengkap, misalnya Kota Blitar.") % {
            "name": name
        }


def status_for(criterion: Criterion, final: bool) -> str:
    """Only a criterion whose publisher releases a running value (MCP/MCSP) has provisional values; every
    other criterion's value is final."""
    if criterion.has_provisional and not final:
        return ValueStatus.PROVISIONAL
    return ValueStatus.FINAL


def parse_value(criterion: Criterion, cell) -> tuple[Decimal | None, str]:
    """(score, grade) of a ``nilai`` cell on the criterion's scale; ValueError with the reason."""
    return criterion.parse_value(cell)


def find_criterion(code: str, data_year: int | None) -> Criterion | None:
    """The catalogue entry that says how values of ``code`` for ``data_year`` are read (for cases, whose
    values have no data year: the newest catalogue's)."""
    if data_year is None:
        row = Criterion.objects.filter(code=code).order_by("-programme_year").first()
        return row or Criterion.objects.definition(code, 0)
    return Criterion.objects.definition(code, data_year)


def _choice(cell, choices: dict[str, str], label: str) -> str:
    key = _text(cell).lower().replace(" ", "_")
    if key not in choices:
        raise ValueError(
            _("%(label)s %(value)r tidak sah; pilih salah satu dari %(options)s.")
            % {"label": label, "value": _text(cell), "options": ", ".join(choices)}
        )
    return choices[key]


STAGES = {value: value for value in CaseStage.values}
POSITIONS = {value: value for value in CasePosition.values}


def _parse_rows(criterion: Criterion, table: _Reader, errors: list[dict]) -> list[dict]:
    needed = CASE_COLUMNS if criterion.is_cases else VALUE_COLUMNS
    missing = [column for column in needed if column not in table.header]
    if "kode" not in table.header and "nama" not in table.header:
        missing.insert(0, "kode/nama")
    if missing:
        errors.append({"line": 1, "message": _("kolom wajib tidak ada: %s.") % ", ".join(missing)})
        return []
    finder = RegionFinder()
    rows, seen = [], {}
    for line, cells in table.rows:
        problems = []
        region, reason = finder.find(_text(cells.get("kode")), _text(cells.get("nama")))
        if region is None:
            problems.append(reason)
        row = {"line": line, "region_id": region.pk if region else None, "region": str(region or "")}
        if criterion.is_cases:
            row["person_name"] = _text(cells.get("nama_orang"))
            if not row["person_name"]:
                problems.append(_("nama_orang kosong."))
            for column, key, choices in (
                ("jabatan", "position", POSITIONS),
                ("tahap", "stage", STAGES),
                ("penangan", "handler", HANDLERS),
            ):
                try:
                    row[key] = _choice(cells.get(column), choices, column)
                except ValueError as exc:
                    problems.append(str(exc))
            for column, key, required in (
                ("tanggal_mulai", "started_on", True),
                ("tanggal_selesai", "ended_on", False),
            ):
                try:
                    parsed = parse_date(cells.get(column))
                except ValueError:
                    problems.append(
                        _("%(column)s %(value)r bukan tanggal (misalnya 2025-11-07 atau 07/11/2025).")
                        % {"column": column, "value": _text(cells.get(column))}
                    )
                    continue
                if parsed is None and required:
                    problems.append(_("%s kosong.") % column)
                row[key] = parsed.isoformat() if parsed else None
            if row.get("started_on") and row.get("ended_on") and row["ended_on"] < row["started_on"]:
                problems.append(_("tanggal_selesai sebelum tanggal_mulai."))
            identity = (row["region_id"], row["person_name"], row.get("started_on"))
        else:
            try:
                score, grade = criterion.parse_value(cells.get("nilai"))
                row["score"], row["grade"] = (None if score is None else str(score)), grade
            except ValueError as exc:
                problems.append(str(exc))
            try:
                as_of = parse_date(cells.get("tanggal"))
                row["as_of"] = as_of.isoformat() if as_of else None
            except ValueError:
                problems.append(
                    _("tanggal %(value)r bukan tanggal (misalnya 2025-11-07 atau 07/11/2025).")
                    % {"value": _text(cells.get("tanggal"))}
                )
            identity = (row["region_id"],)
        row["source"] = _text(cells.get("sumber"))[:255]
        row["source_url"] = _text(cells.get("tautan"))[:200]
        row["note"] = _text(cells.get("keterangan"))
        if region is not None and not problems:
            if identity in seen:
                problems.append(
                    _("%(region)s sudah ada di baris %(line)s.") % {"region": region, "line": seen[identity]}
                )
            else:
                seen[identity] = line
        errors.extend({"line": line, "message": problem} for problem in problems)
        if not problems:
            rows.append(row)
    return rows


def _classify(batch: CriteriaImport, errors: list[dict]) -> dict[str, int]:
    """Mark each stored row as to add, to change or unchanged against the current data (two queries)."""
    counts = {ADD: 0, CHANGE: 0, SAME: 0}
    region_ids = {row["region_id"] for row in batch.rows}
    if batch.is_cases:
        existing = {
            (case.region_id, case.person_name, case.started_on.isoformat()): case
            for case in LegalCase.objects.filter(region_id__in=region_ids)
        }
        for row in batch.rows:
            case = existing.get((row["region_id"], row["person_name"], row["started_on"]))
            wanted = {key: row[key] for key in ("position", "stage", "handler", "ended_on", "source", "note")}
            row["action"] = ADD if case is None else (SAME if _same(case.snapshot(), wanted) else CHANGE)
            row["before"] = case.snapshot() if case else None
            counts[row["action"]] += 1
        return counts
    status = _batch_status(batch)
    existing = {
        value.region_id: value
        for value in CriterionValue.objects.filter(
            criterion=batch.criterion, data_year=batch.data_year, region_id__in=region_ids
        ).select_related("region")
    }
    for row in batch.rows:
        value = existing.get(row["region_id"])
        row["status"] = status
        wanted = {key: row[key] for key in ("score", "grade", "as_of", "source", "source_url", "note")}
        if value is not None and value.status == ValueStatus.FINAL and status == ValueStatus.PROVISIONAL:
            if _same(value.snapshot(), wanted):
                # The final value as it stands (a template filled with the current values): unchanged.
                row["status"] = ValueStatus.FINAL
            else:
                errors.append({"line": row["line"], "message": provisional_over_final_message(value)})
        wanted["status"] = row["status"]
        row["action"] = ADD if value is None else (SAME if _same(value.snapshot(), wanted) else CHANGE)
        row["before"] = value.snapshot() if value else None
        counts[row["action"]] += 1
    return counts


def _batch_status(batch: CriteriaImport) -> str:
    criterion = find_criterion(batch.criterion, batch.data_year)
    return status_for(criterion, batch.final) if criterion is not None else ValueStatus.FINAL


def _same(current: dict, wanted: dict) -> bool:
    return all(current[key] == value for key, value in wanted.items())


def prepare_import(
    *, content: bytes, file_name: str, criterion: str, data_year: int | None, final: bool = False, by=None
) -> CriteriaImport:
    """Read and check the file, store its rows with the preview, and change nothing else. ``criterion`` is
    a catalogue code; the catalogue that reads ``data_year`` says how the values are read."""
    expire_previews(by=by)
    definition = find_criterion(criterion, data_year)
    if definition is None:
        raise ValueError(f"Unknown criterion {criterion!r}")
    if not definition.is_cases and data_year is None:
        raise ValueError("A data year is required for every criterion but legal cases.")
    errors: list[dict] = []
    try:
        rows = _parse_rows(definition, read_table(content, file_name), errors)
    except CriteriaImportError as exc:
        rows, errors = [], exc.errors
    if not rows and not errors:
        errors.append({"line": 0, "message": _("berkas tidak berisi baris data.")})
    batch = CriteriaImport(
        criterion=criterion,
        criterion_name=definition.name,
        kind=definition.kind,
        data_year=None if definition.is_cases else data_year,
        final=final,
        file_name=Path(file_name).name[:255],
        rows=rows,
        created_by=by if by is not None and by.is_authenticated else None,
    )
    batch.summary = _classify(batch, errors)
    batch.errors = sorted(errors, key=lambda error: error["line"])
    batch.save()
    return batch


def _refuse_unless_pending(preview) -> None:
    if preview.status == ImportStatus.PENDING and preview.is_expired:
        raise CriteriaImportError(
            [
                {
                    "line": 0,
                    "message": _(
                        "Pratinjau ini kedaluwarsa (lebih dari %(hours)d jam tanpa konfirmasi); unggah berkasnya lagi."
                    )
                    % {"hours": PREVIEW_LIFETIME.total_seconds() // 3600},
                }
            ]
        )
    if preview.status != ImportStatus.PENDING:
        raise CriteriaImportError(
            [{"line": 0, "message": _("Impor ini sudah diterapkan, dibatalkan atau kedaluwarsa.")}]
        )


def _apply_rows(batch: CriteriaImport, *, by, at) -> dict[str, int]:
    """Write the previewed rows of one batch (inside the caller's transaction); returns its summary."""
    errors: list[dict] = []
    _classify(batch, errors)  # the data may have changed since the preview
    if errors:
        raise CriteriaImportError(errors)
    definition = None if batch.is_cases else find_criterion(batch.criterion, batch.data_year)
    regions = Region.objects.in_bulk({row["region_id"] for row in batch.rows})
    counts = {CREATED: 0, UPDATED: 0, UNCHANGED: 0}
    try:
        for row in batch.rows:
            if batch.is_cases:
                _obj, change = record_case(
                    region=regions[row["region_id"]],
                    person_name=row["person_name"],
                    started_on=date.fromisoformat(row["started_on"]),
                    position=row["position"],
                    stage=row["stage"],
                    handler=row["handler"],
                    ended_on=date.fromisoformat(row["ended_on"]) if row["ended_on"] else None,
                    source=row["source"],
                    note=row["note"],
                    by=by,
                    batch=batch,
                    at=at,
                )
            else:
                _obj, change = record_value(
                    region=regions[row["region_id"]],
                    criterion=batch.criterion,
                    data_year=batch.data_year,
                    score=Decimal(row["score"]) if row["score"] is not None else None,
                    grade=row["grade"],
                    status=row["status"],
                    as_of=date.fromisoformat(row["as_of"]) if row["as_of"] else None,
                    source=row["source"],
                    source_url=row["source_url"],
                    note=row["note"],
                    by=by,
                    batch=batch,
                    at=at,
                    definition=definition,
                )
            counts[change] += 1
    except CriteriaError as exc:
        raise CriteriaImportError([{"line": row["line"], "sheet": batch.sheet, "message": str(exc)}]) from exc
    batch.status = ImportStatus.APPLIED
    batch.applied_by = by if by is not None and by.is_authenticated else None
    batch.applied_at = at
    batch.summary = {ADD: counts[CREATED], CHANGE: counts[UPDATED], SAME: counts[UNCHANGED]}
    batch.save(update_fields=["status", "applied_by", "applied_at", "summary", "rows"])
    return batch.summary


def apply_import(batch: CriteriaImport, *, by=None) -> CriteriaImport:
    """Apply exactly the previewed rows in one transaction; any error and nothing changes. A sheet of a
    workbook is applied with its whole workbook (``apply_workbook``)."""
    with transaction.atomic():
        batch = CriteriaImport.objects.select_for_update().get(pk=batch.pk)
        if batch.workbook_id:
            raise CriteriaImportError(
                [{"line": 0, "message": _("Lembar ini diterapkan bersama seluruh buku kerjanya.")}]
            )
        _refuse_unless_pending(batch)
        if batch.errors:
            raise CriteriaImportError(batch.errors)
        _apply_rows(batch, by=by, at=timezone.now())
        record(actor=by, action="regions.criteria_import.apply", obj=batch, after=batch.summary)
    return batch


@transaction.atomic
def discard_import(batch: CriteriaImport, *, by=None) -> CriteriaImport:
    """Throw a waiting preview away (an expired one too); nothing else changes."""
    batch = CriteriaImport.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportStatus.PENDING or batch.workbook_id:
        raise CriteriaImportError([{"line": 0, "message": _("Impor ini sudah diterapkan atau dibatalkan.")}])
    batch.status = ImportStatus.DISCARDED
    batch.save(update_fields=["status"])
    record(actor=by, action="regions.criteria_import.discard", obj=batch)
    return batch


@transaction.atomic
def expire_previews(*, by=None, now=None) -> int:
    """Mark every preview (single file or workbook) left unconfirmed past ``PREVIEW_LIFETIME`` as expired,
    each with an audit entry; returns how many. The upload pages call it before a new upload; so does
    ``manage.py expire_criteria_previews``."""
    cutoff = (now or timezone.now()) - PREVIEW_LIFETIME
    count = 0
    for model, action in (
        (CriteriaWorkbook, "regions.criteria_workbook.expire"),
        (CriteriaImport, "regions.criteria_import.expire"),
    ):
        stale = model.objects.select_for_update().filter(status=ImportStatus.PENDING, created_at__lte=cutoff)
        if model is CriteriaImport:
            stale = stale.filter(workbook__isnull=True)
        for preview in stale:
            preview.status = ImportStatus.EXPIRED
            preview.save(update_fields=["status"])
            if model is CriteriaWorkbook:
                preview.sheets.update(status=ImportStatus.EXPIRED)
            record(actor=by, action=action, obj=preview)
            count += 1
    return count


def import_file(
    path: Path, *, criterion: str, data_year: int | None, final: bool = False, by=None
) -> CriteriaImport:
    """Prepare and apply in one go (the command line); raises CriteriaImportError on any bad row."""
    batch = prepare_import(
        content=path.read_bytes(),
        file_name=path.name,
        criterion=criterion,
        data_year=data_year,
        final=final,
        by=by,
    )
    if batch.errors:
        discard_import(batch, by=by)
        raise CriteriaImportError(batch.errors)
    return apply_import(batch, by=by)


VALUE_FIELDS_SHOWN = (
    ("score", "nilai"),
    ("grade", "predikat"),
    ("status", "status"),
    ("as_of", "tanggal"),
    ("source", "sumber"),
    ("source_url", "tautan"),
    ("note", "keterangan"),
)
CASE_FIELDS_SHOWN = (
    ("position", "jabatan"),
    ("stage", "tahap"),
    ("handler", "penangan"),
    ("ended_on", "tanggal_selesai"),
    ("source", "sumber"),
    ("note", "keterangan"),
)


def _shown(value) -> str:
    if value in (None, ""):
        return "—"
    text = str(value)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return text.replace(".", ",")
    return text


def row_changes(row: dict, *, is_cases: bool) -> list[tuple[str, str, str]]:
    """What a previewed row changes, field by field: (column, old, new); for a new row every field it
    fills (old "—"), for an unchanged row nothing."""
    fields = CASE_FIELDS_SHOWN if is_cases else VALUE_FIELDS_SHOWN
    before = row.get("before") or {}
    changes = []
    for key, label in fields:
        new = row.get(key)
        old = before.get(key) if before else None
        if before and old == new:
            continue
        if not before and new in (None, ""):
            continue
        changes.append((label, _shown(old), _shown(new)))
    return changes
