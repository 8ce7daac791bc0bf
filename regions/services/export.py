"""The screening table as CSV or XLSX: kode, nama, one cell per criterion (pass/fail/missing), eligible.

Both go through ``antikorupsi.spreadsheets``, which keeps formula-like text (a region name starting
with "=") as text.
"""

from typing import TextIO

from antikorupsi import spreadsheets
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
    spreadsheets.write_csv(stream, [HEADER, *screening_rows(screenings)])


def build_xlsx(screenings: list[RegionScreening], *, title: str) -> bytes:
    return spreadsheets.build_xlsx([HEADER, *screening_rows(screenings)], title=title)
