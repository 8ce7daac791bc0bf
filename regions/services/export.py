"""The screening table as CSV or XLSX for machines: kode, nama, one cell per criterion code of the year's
catalogue (pass/fail/missing), eligible. The command line (``manage.py screening``) prints it.

Both go through ``antikorupsi.spreadsheets``, which keeps formula-like text (a region name starting
with "=") as text.
"""

from typing import TextIO

from django.utils.translation import gettext as _

from antikorupsi import exports, spreadsheets
from regions.enums import CriterionKind, Stage
from regions.services.screening import RegionScreening


def criterion_codes(screenings: list[RegionScreening]) -> list[str]:
    """The criteria codes of the screened year's catalogue, in its order."""
    return list(screenings[0].results) if screenings else []


def header(codes: list[str]) -> list[str]:
    return ["kode", "nama", *codes, "eligible"]


def screening_rows(screenings: list[RegionScreening], codes: list[str]) -> list[list[str]]:
    return [
        [
            screening.region.code,
            screening.region.full_name,
            *(screening.results[code].outcome for code in codes),
            "yes" if screening.eligible else "no",
        ]
        for screening in screenings
    ]


def write_csv(screenings: list[RegionScreening], stream: TextIO, *, codes: list[str] | None = None) -> None:
    codes = criterion_codes(screenings) if codes is None else codes
    spreadsheets.write_csv(stream, [header(codes), *screening_rows(screenings, codes)])


def build_xlsx(screenings: list[RegionScreening], *, title: str, codes: list[str] | None = None) -> bytes:
    codes = criterion_codes(screenings) if codes is None else codes
    return spreadsheets.build_xlsx([header(codes), *screening_rows(screenings, codes)], title=title)


def screening_export(
    screenings: list[RegionScreening], *, programme_year: int, stage: str, catalogue: list
) -> exports.Export:
    """The screening for people (the page's CSV and XLSX): per region, for each criterion of the catalogue
    its value or grade, data year(s), provisional or final, source and verdict (Memenuhi / Tidak memenuhi /
    Data tidak ada), then the overall result for the screened step."""
    columns = [
        exports.Column(_("Kode"), width=8),
        exports.Column(_("Kabupaten/kota"), width=28),
        exports.Column(_("Provinsi"), width=22),
    ]
    kinds = {}
    for criterion in catalogue:
        single = len(criterion.data_years(programme_year)) == 1
        kind = exports.TEXT
        if single and criterion.kind == CriterionKind.SCORE:
            kind = exports.NUMBER
        elif single and criterion.kind == CriterionKind.COUNT:
            kind = exports.INTEGER
        kinds[criterion.code] = kind
        name = criterion.name
        columns += [
            exports.Column(_("%s: nilai") % name, kind, width=16 if kind != exports.TEXT else 24),
            exports.Column(_("%s: tahun data") % name, width=10),
            exports.Column(_("%s: status") % name, width=10),
            exports.Column(_("%s: sumber") % name, width=28),
            exports.Column(_("%s: hasil") % name, width=16),
        ]
    columns.append(exports.Column(_("Hasil"), width=16))
    rows = []
    for screening in screenings:
        row = [screening.region.code, screening.region.full_name, screening.region.province.name]
        for criterion in catalogue:
            result = screening.results[criterion.code]
            value = result.value
            if kinds[criterion.code] != exports.TEXT:
                value = result.values[0].score if result.values else None
            verdict = (
                result.outcome_label if result.counts else _("%s (tidak menentukan)") % result.outcome_label
            )
            row += [
                value,
                ", ".join(str(year) for year in result.data_years),
                result.status,
                result.source,
                verdict,
            ]
        row.append(_("Memenuhi") if screening.eligible else _("Tidak memenuhi"))
        rows.append(row)
    stage_label = _("syarat penetapan") if stage == Stage.DESIGNATION else _("syarat pencalonan")
    return exports.Export(
        title=_("Skrining tahun program %(year)s (%(stage)s)")
        % {"year": programme_year, "stage": stage_label},
        file_name=f"skrining-{programme_year}-{stage}",
        columns=columns,
        rows=rows,
        sheet=_("Skrining %s") % programme_year,
    )
