"""The screening table as CSV or XLSX: kode, nama, one cell per criterion (pass/fail/missing), eligible."""

import csv
import io
from typing import TextIO

from regions.services.screening import CRITERIA_ORDER, RegionScreening

HEADER = ["kode", "nama", *CRITERIA_ORDER, "eligible"]


def screening_rows(screenings: list[RegionScreening]) -> list[list[str]]:
    return [
        [
            screening.region.code,
            screening.region.full_name,
            *(screening.results[criterion].outcome for criterion in CRITERIA_ORDER),
            "yes" if screening.eligible else "no",
        ]
        for screening in screenings
    ]


def write_csv(screenings: list[RegionScreening], stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(screening_rows(screenings))


def build_xlsx(screenings: list[RegionScreening], *, title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(HEADER)
    for row in screening_rows(screenings):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
