"""One way every list page exports its rows for people: CSV and XLSX in Indonesian.

A page builds an ``Export`` (a title naming what and which year, columns with word headers, rows of plain
Python values) and returns ``export_response(export, request.GET.get("format"))``:

- CSV: semicolon-separated (what a spreadsheet set to Indonesian expects), UTF-8 with a byte-order mark,
  numbers with the decimal comma (92,15), dates as 6 November 2025, the header row first;
- XLSX: a title row naming the list, the year and the date of export, the header row frozen below it,
  column widths, numbers as numbers with a two-decimal format under the Indonesian locale ([$-421]: 92,15),
  dates as dates.

Both write their cells through ``antikorupsi.spreadsheets``, which keeps formula-like text as text.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from antikorupsi import spreadsheets

TEXT, NUMBER, INTEGER, DATE, DATETIME = "text", "number", "integer", "date", "datetime"
# Two decimals shown with the Indonesian separators whatever the reader's own settings ([$-421] = id-ID).
NUMBER_FORMAT = "[$-421]#,##0.00"
INTEGER_FORMAT = "[$-421]#,##0"
DATE_FORMAT = "[$-421]d mmmm yyyy"
DATETIME_FORMAT = "[$-421]d mmmm yyyy hh:mm"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Column:
    header: str  # words, in Indonesian: "Kabupaten/kota", "Nilai MCP/MCSP"
    kind: str = TEXT
    width: int = 16  # in characters, for the XLSX


@dataclass
class Export:
    title: str  # e.g. "Skrining tahun program 2026 (syarat pencalonan)"
    file_name: str  # without extension, e.g. "skrining-2026"
    columns: list[Column]
    rows: list[Sequence[Any]] = field(default_factory=list)
    sheet: str = ""  # the XLSX sheet's name (31 characters at most); the title by default

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]


def text_cell(value: Any, kind: str) -> Any:
    """A value as CSV text for Indonesian readers: decimal comma, Indonesian dates, "" for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if kind == NUMBER and isinstance(value, int | float | Decimal):
        return f"{Decimal(str(value)):.2f}".replace(".", ",")
    if kind == INTEGER and isinstance(value, int | float | Decimal):
        return str(int(value))
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j F Y H:i")
    if isinstance(value, date):
        return date_format(value, "j F Y")
    return str(value)


def csv_bytes(export: Export) -> bytes:
    stream = io.StringIO()
    kinds = [column.kind for column in export.columns]
    spreadsheets.write_csv(
        stream,
        [
            export.headers,
            *(
                [text_cell(value, kind) for value, kind in zip(row, kinds, strict=True)]
                for row in export.rows
            ),
        ],
        delimiter=";",
    )
    return ("\ufeff" + stream.getvalue()).encode("utf-8")


def _xlsx_value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if kind in (NUMBER, INTEGER) and isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).replace(tzinfo=None)
    if isinstance(value, date):
        return value
    return str(value)


def xlsx_bytes(export: Export, *, exported_at: datetime | None = None) -> bytes:
    """The workbook: the title row (what, which year, when exported), the frozen header row, the rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    exported_at = timezone.localtime(exported_at or timezone.now())
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = (export.sheet or export.title)[:31].replace("/", "-").replace(":", " ")
    title = _("%(title)s · diekspor %(date)s") % {
        "title": export.title,
        "date": date_format(exported_at, "j F Y H:i"),
    }
    sheet.append(spreadsheets.xlsx_row(sheet, [title]))
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(spreadsheets.xlsx_row(sheet, export.headers))
    header_fill = PatternFill("solid", fgColor="F2F2F2")
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    formats = {NUMBER: NUMBER_FORMAT, INTEGER: INTEGER_FORMAT, DATE: DATE_FORMAT, DATETIME: DATETIME_FORMAT}
    kinds = [column.kind for column in export.columns]
    for row in export.rows:
        values = [_xlsx_value(value, kind) for value, kind in zip(row, kinds, strict=True)]
        sheet.append(spreadsheets.xlsx_row(sheet, values))
        for cell, kind in zip(sheet[sheet.max_row], kinds, strict=True):
            if kind in formats and cell.value is not None and not isinstance(cell.value, str):
                cell.number_format = formats[kind]
    for index, column in enumerate(export.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A3"
    if export.columns:
        sheet.auto_filter.ref = f"A2:{get_column_letter(len(export.columns))}{max(sheet.max_row, 2)}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(export: Export, file_format: str | None) -> HttpResponse:
    """The export as a download: XLSX when ``file_format`` is "xlsx", else CSV."""
    name = slugify(export.file_name) or "ekspor"
    if file_format == "xlsx":
        response = HttpResponse(xlsx_bytes(export), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(csv_bytes(export), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
