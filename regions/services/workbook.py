"""One workbook for a programme year's criteria: the template to fill and its import in one preview.

- ``build_template(programme_year)``: an XLSX with a "Petunjuk" sheet and one sheet per criterion of the
  year's catalogue (named by its code), every region listed with its code and name, the current value of the
  newest data year filled in, the accepted grades (or Ya/Tidak) as a drop-down; the cases sheet lists the
  recorded cases with drop-downs for position, stage and handler.
- ``prepare_workbook``: reads every sheet like a single-criterion file (``criteria_import._parse_rows``),
  keeps one ``CriteriaImport`` per sheet and data year under a ``CriteriaWorkbook``, with errors by sheet and
  line and the rows that would change; rows whose value is left empty are not read.
- ``apply_workbook``: applies every sheet in one transaction, or nothing; ``discard_workbook`` throws the
  preview away. Previews expire after ``PREVIEW_LIFETIME`` (``criteria_import.expire_previews``).
"""

import io
import zipfile
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit.services import record
from regions.enums import CaseHandler, CasePosition, CaseStage, CriterionKind, ImportStatus
from regions.models import CriteriaImport, CriteriaWorkbook, Criterion, CriterionValue, LegalCase, Region
from regions.services.criteria_import import (
    ADD,
    CHANGE,
    SAME,
    CriteriaImportError,
    _apply_rows,
    _classify,
    _parse_rows,
    _Reader,
    _refuse_unless_pending,
    _text,
    expire_previews,
)

GUIDE = "Petunjuk"
VALUE_HEADER = ["kode", "nama", "nilai", "tahun_data", "tanggal", "sumber", "tautan", "keterangan"]
CASE_HEADER = [
    "kode",
    "nama",
    "nama_orang",
    "jabatan",
    "tahap",
    "penangan",
    "tanggal_mulai",
    "tanggal_selesai",
    "sumber",
    "keterangan",
]


def _quoted_list(items) -> str:
    return '"' + ",".join(str(item) for item in items) + '"'


def build_template(programme_year: int) -> bytes:
    """The year's workbook to fill (five queries: the catalogue, the regions, the values, the cases)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    catalogue = Criterion.objects.for_year(programme_year)
    regions = list(Region.objects.order_by("code").values_list("pk", "code", "full_name"))
    newest = {
        criterion.code: criterion.data_years(programme_year)[0]
        for criterion in catalogue
        if criterion.takes_values
    }
    values = {
        (value.region_id, value.criterion): value
        for value in CriterionValue.objects.filter(criterion__in=newest).order_by()
        if newest.get(value.criterion) == value.data_year
    }
    workbook = Workbook()
    guide = workbook.active
    guide.title = GUIDE
    guide.append([_("Buku kerja kriteria tahun program %s") % programme_year])
    guide["A1"].font = Font(bold=True, size=13)
    guide.append([_("Dibuat %s") % date_format(timezone.localtime(), "j F Y H:i")])
    guide.append([])
    guide.append(
        [
            _(
                "Isi kolom nilai di lembar tiap kriteria; baris yang nilainya dibiarkan kosong tidak dibaca. "
                "Angka boleh memakai koma desimal (74,99). Jangan mengubah nama lembar atau kolom. Unggah buku "
                "kerja ini utuh di halaman Impor data kriteria: semua lembar diperiksa dalam satu pratinjau "
                "dan diterapkan sekaligus."
            )
        ]
    )
    guide.append([])
    guide.append(
        [_("Lembar"), _("Kriteria"), _("Penerbit"), _("Tahun data"), _("Nilai yang diterima"), _("Syarat")]
    )
    for cell in guide[guide.max_row]:
        cell.font = Font(bold=True)
    for criterion in catalogue:
        guide.append(
            [
                criterion.code,
                criterion.name,
                criterion.publisher,
                ", ".join(str(year) for year in criterion.data_years(programme_year)) or _("keadaan terkini"),
                criterion.scale_label() if criterion.takes_values else _("satu baris per kasus"),
                criterion.threshold_label(),
            ]
        )
    for letter, width in zip("ABCDEF", (18, 40, 22, 14, 40, 40), strict=True):
        guide.column_dimensions[letter].width = width

    for criterion in catalogue:
        sheet = workbook.create_sheet(criterion.code[:31])
        if criterion.is_cases:
            _case_sheet(sheet, criterion, regions)
            continue
        data_year = newest[criterion.code]
        sheet.append(
            [
                _("%(name)s · tahun data %(year)s · nilai: %(scale)s")
                % {"name": criterion.name, "year": data_year, "scale": criterion.scale_label()}
            ]
        )
        sheet["A1"].font = Font(bold=True)
        sheet.append(VALUE_HEADER)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for pk, code, name in regions:
            value = values.get((pk, criterion.code))
            shown = None
            if value is not None:
                shown = value.grade or (
                    int(value.score) if criterion.kind == CriterionKind.COUNT else float(value.score)
                )
            sheet.append(
                [
                    code,
                    name,
                    shown,
                    data_year,
                    value.as_of if value else None,
                    value.source if value else None,
                    value.source_url if value else None,
                    value.note if value else None,
                ]
            )
        last = max(sheet.max_row, 3)
        if criterion.grade_list:
            allowed = DataValidation(
                type="list", formula1=_quoted_list(criterion.grade_list), allow_blank=True
            )
            allowed.error = _("Pilih salah satu dari: %s.") % ", ".join(criterion.grade_list)
            allowed.errorTitle = _("Nilai tidak sah")
            allowed.showErrorMessage = not criterion.grade_bands
            sheet.add_data_validation(allowed)
            allowed.add(f"C3:C{last}")
        for letter, width in zip("ABCDEFGH", (9, 30, 18, 11, 13, 30, 30, 30), strict=True):
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = "C3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _case_sheet(sheet, criterion: Criterion, regions) -> None:
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet.append([_("%(name)s · satu baris per kasus; baris kosong tidak dibaca") % {"name": criterion.name}])
    sheet["A1"].font = Font(bold=True)
    sheet.append(CASE_HEADER)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    names = {pk: (code, name) for pk, code, name in regions}
    for case in LegalCase.objects.order_by("region__code", "started_on"):
        code, name = names.get(case.region_id, ("", ""))
        sheet.append(
            [
                code,
                name,
                case.person_name,
                case.position,
                case.stage,
                case.handler,
                case.started_on,
                case.ended_on,
                case.source,
                case.note,
            ]
        )
    last = max(sheet.max_row + 200, 300)
    for column, choices in (("D", CasePosition.values), ("E", CaseStage.values), ("F", CaseHandler.values)):
        allowed = DataValidation(type="list", formula1=_quoted_list(choices), allow_blank=True)
        sheet.add_data_validation(allowed)
        allowed.add(f"{column}3:{column}{last}")
    for letter, width in zip("ABCDEFGHIJ", (9, 26, 26, 20, 14, 11, 14, 14, 30, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "C3"


def _sheet_tables(sheet) -> tuple[list[str], list[tuple[int, dict]]]:
    """A sheet's header (the first row starting with "kode" or "nama") and its rows below it, numbered
    as the spreadsheet numbers them."""
    lines = list(sheet.iter_rows(values_only=True))
    for index, cells in enumerate(lines):
        first = str(cells[0] or "").strip().lower() if cells else ""
        if first in ("kode", "nama"):
            header = [str(cell or "").strip().lower() for cell in cells]
            rows = []
            for number, row_cells in enumerate(lines[index + 1 :], start=index + 2):
                if all(cell is None or str(cell).strip() == "" for cell in row_cells):
                    continue
                rows.append(
                    (
                        number,
                        {
                            name: (row_cells[i] if i < len(row_cells) else None)
                            for i, name in enumerate(header)
                            if name
                        },
                    )
                )
            return header, rows
    return [], []


def prepare_workbook(
    *, content: bytes, file_name: str, programme_year: int, final: bool = False, by=None
) -> CriteriaWorkbook:
    """Read and check every sheet of the workbook and store one preview; nothing else changes."""
    from openpyxl import load_workbook

    expire_previews(by=by)
    workbook = CriteriaWorkbook(
        programme_year=programme_year,
        file_name=Path(file_name).name[:255],
        final=final,
        created_by=by if by is not None and by.is_authenticated else None,
    )
    errors: list[dict] = []
    sheets: list[CriteriaImport] = []
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        book = None
        errors.append(
            {"sheet": "", "line": 0, "message": _("Berkas bukan buku kerja XLSX yang dapat dibaca.")}
        )
    if book is not None:
        catalogue = {criterion.code: criterion for criterion in Criterion.objects.for_year(programme_year)}
        for sheet in book.worksheets:
            if sheet.title == GUIDE:
                continue
            criterion = catalogue.get(sheet.title)
            if criterion is None:
                errors.append(
                    {
                        "sheet": sheet.title,
                        "line": 0,
                        "message": _("lembar ini bukan kriteria katalog %(year)s (%(codes)s).")
                        % {"year": programme_year, "codes": ", ".join(catalogue)},
                    }
                )
                continue
            sheets.extend(_read_sheet(sheet, criterion, programme_year, workbook, errors))
        book.close()
    if not sheets and not errors:
        errors.append({"sheet": "", "line": 0, "message": _("Buku kerja tidak berisi nilai yang diisi.")})
    with transaction.atomic():
        workbook.errors = [error for error in errors if error["sheet"] == "" or error["line"] == 0]
        workbook.save()
        for batch in sheets:
            batch.workbook = workbook
            batch.errors = sorted(batch.errors, key=lambda error: error["line"])
            batch.save()
    return workbook


def _read_sheet(
    sheet, criterion: Criterion, programme_year: int, workbook, errors: list[dict]
) -> list[CriteriaImport]:
    header, rows = _sheet_tables(sheet)
    if not header:
        errors.append(
            {"sheet": sheet.title, "line": 0, "message": _("baris judul kolom (kode, nama, ...) tidak ada.")}
        )
        return []
    if criterion.is_cases:
        filled = [(line, cells) for line, cells in rows if _text(cells.get("nama_orang"))]
        groups = {None: filled} if filled else {}
    else:
        newest = criterion.data_years(programme_year)[0]
        groups: dict[int | None, list] = {}
        for line, cells in rows:
            if not _text(cells.get("nilai")):
                continue  # a region left empty in the template
            year_text = _text(cells.get("tahun_data"))
            if not year_text:
                year = newest
            elif year_text.isdigit() and 2000 <= int(year_text) <= programme_year:
                year = int(year_text)
            else:
                errors.append(
                    {
                        "sheet": sheet.title,
                        "line": line,
                        "message": _("tahun_data %(value)r bukan tahun 2000-%(year)s.")
                        % {"value": year_text, "year": programme_year},
                    }
                )
                continue
            groups.setdefault(year, []).append((line, cells))
    batches = []
    for data_year, group_rows in sorted(groups.items(), key=lambda item: -(item[0] or 0)):
        sheet_errors: list[dict] = []
        parsed = _parse_rows(criterion, _Reader(header, group_rows), sheet_errors)
        batch = CriteriaImport(
            criterion=criterion.code,
            criterion_name=criterion.name,
            kind=criterion.kind,
            data_year=data_year,
            final=workbook.final,
            file_name=workbook.file_name,
            sheet=sheet.title[:31],
            rows=parsed,
            created_by=workbook.created_by,
        )
        batch.summary = _classify(batch, sheet_errors)
        batch.errors = [{**error, "sheet": sheet.title} for error in sheet_errors]
        errors.extend(batch.errors)
        batches.append(batch)
    return batches


def workbook_errors(workbook: CriteriaWorkbook) -> list[dict]:
    """Every error of the workbook, by sheet and line."""
    errors = list(workbook.errors)
    for batch in workbook.sheets.all():
        errors.extend({**error, "sheet": error.get("sheet") or batch.sheet} for error in batch.errors)
    return sorted(errors, key=lambda error: (error.get("sheet", ""), error["line"]))


def apply_workbook(workbook: CriteriaWorkbook, *, by=None) -> CriteriaWorkbook:
    """Apply every sheet of the previewed workbook in one transaction; any error and nothing changes."""
    with transaction.atomic():
        workbook = CriteriaWorkbook.objects.select_for_update().get(pk=workbook.pk)
        _refuse_unless_pending(workbook)
        if errors := workbook_errors(workbook):
            raise CriteriaImportError(errors)
        at = timezone.now()
        totals = {ADD: 0, CHANGE: 0, SAME: 0}
        for batch in workbook.sheets.select_for_update().order_by("pk"):
            for key, count in _apply_rows(batch, by=by, at=at).items():
                totals[key] += count
        workbook.status = ImportStatus.APPLIED
        workbook.applied_by = by if by is not None and by.is_authenticated else None
        workbook.applied_at = at
        workbook.save(update_fields=["status", "applied_by", "applied_at"])
        record(actor=by, action="regions.criteria_workbook.apply", obj=workbook, after=totals)
    workbook.totals = totals
    return workbook


@transaction.atomic
def discard_workbook(workbook: CriteriaWorkbook, *, by=None) -> CriteriaWorkbook:
    """Throw a waiting workbook preview away (an expired one too); nothing else changes."""
    workbook = CriteriaWorkbook.objects.select_for_update().get(pk=workbook.pk)
    if workbook.status != ImportStatus.PENDING:
        raise CriteriaImportError([{"line": 0, "message": _("Impor ini sudah diterapkan atau dibatalkan.")}])
    workbook.status = ImportStatus.DISCARDED
    workbook.save(update_fields=["status"])
    workbook.sheets.update(status=ImportStatus.DISCARDED)
    record(actor=by, action="regions.criteria_workbook.discard", obj=workbook)
    return workbook
