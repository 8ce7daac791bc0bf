"""Every CSV and XLSX export writes formula-like text as text (antikorupsi.spreadsheets), read back."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from antikorupsi.spreadsheets import build_xlsx, write_csv

DANGEROUS = [
    '=HYPERLINK("http://contoh.invalid","klik")',
    "+62 812",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
]


def read_xlsx(content: bytes):
    return list(load_workbook(io.BytesIO(content)).active.iter_rows())


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_is_a_string_cell_in_xlsx(text):
    rows = read_xlsx(build_xlsx([["nama"], [text]], title="uji"))

    cell = rows[1][0]
    # XML turns a carriage return into a line feed; the cell is text all the same.
    assert (cell.data_type, cell.value) == ("s", text.replace("\r", "\n"))


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_gets_a_leading_quote_in_csv(text):
    stream = io.StringIO()

    write_csv(stream, [["nama"], [text]])

    assert list(csv.reader(io.StringIO(stream.getvalue(), newline=""))) == [["nama"], ["'" + text]]


def test_numbers_stay_numbers_and_plain_text_is_untouched():
    row = [-5, Decimal("-74.99"), 2.5, "Kota Blitar", "74,99"]

    cells = read_xlsx(build_xlsx([row], title="uji"))[0]
    stream = io.StringIO()
    write_csv(stream, [row])

    assert [(cell.data_type, cell.value) for cell in cells] == [
        ("n", -5),
        ("n", -74.99),
        ("n", 2.5),
        ("s", "Kota Blitar"),
        ("s", "74,99"),
    ]
    assert stream.getvalue() == '-5,-74.99,2.5,Kota Blitar,"74,99"\r\n'
