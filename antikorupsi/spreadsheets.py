"""The one way every CSV and XLSX export of the project writes its cells: text that a spreadsheet program
would run as a formula stays text.

A region name, a note or a source typed by anyone ends up in an export that staff open in Excel or
LibreOffice. A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read there as
a formula (``=HYPERLINK(...)``, ``=cmd|...``), so:
- in CSV, such text is prefixed with a single quote (OWASP's "CSV injection" advice), which the
  spreadsheet shows as the text itself;
- in XLSX, such text is written as a string cell (never a formula cell), unchanged.
Real numbers (``int``, ``float``, ``Decimal``) are never touched: a negative score stays a number.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: Any) -> Any:
    """The value as it may go into a CSV file: formula-like text gets a leading single quote."""
    return "'" + value if is_formula_like(value) else value


def write_csv(stream: TextIO, rows: Iterable[Sequence[Any]], **writer_options) -> None:
    """Write rows (the header included) as CSV, every text cell neutralised.

    Lines end in CRLF as RFC 4180 says, which also makes the writer quote a cell holding a lone carriage
    return (with a bare "\n" terminator it would not, and the row would split in two).
    """
    writer = csv.writer(stream, lineterminator="\r\n", **writer_options)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])


def xlsx_row(sheet, row: Sequence[Any]) -> list:
    """The cells of one row of a write-only XLSX sheet: text always a string cell, numbers numbers."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in row:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str) and value:
            # openpyxl turns text starting with "=" into a formula cell; a string cell is shown as typed.
            cell.data_type = "s"
        cells.append(cell)
    return cells


def build_xlsx(rows: Iterable[Sequence[Any]], *, title: str) -> bytes:
    """A one-sheet XLSX workbook of the rows (the header included), every text cell a string cell."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
