"""The worksheet (LKE) as an XLSX file: one row per indicator, the columns the reader may see, numbers written
as Indonesian text with a decimal comma (92,15) so the sheet reads the same whatever the spreadsheet's
locale."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from antikorupsi.spreadsheets import build_xlsx
from assessments.queries.region import Worksheet


def decimal_text(value: Decimal | None) -> str:
    """Two decimals with a decimal comma and no thousands separator; empty for no value."""
    return "" if value is None else f"{value:.2f}".replace(".", ",")


def worksheet_header(sheet: Worksheet) -> list[str]:
    header = [
        _("Komponen"),
        _("Kode"),
        _("Indikator"),
        _("Bobot"),
        _("Rubrik"),
        _("Nilai mandiri"),
        _("Penjelasan mandiri"),
        _("Bukti dukung (judul, versi, status)"),
    ]
    if sheet.show_scores:
        header += [f"{stage_label} - {assessor}" for _stage, stage_label, assessor in sheet.columns]
        header.append(_("Rata-rata penilai"))
    if sheet.show_agreed:
        header += [_("Nilai pleno"), _("Nilai tertimbang"), _("Rekomendasi")]
    if sheet.show_scores:
        header.append(_("Catatan"))
    return header


def worksheet_rows(sheet: Worksheet) -> list[list[str]]:
    rows = []
    for row in sheet.rows:
        indicator = row.indicator
        evidence = "; ".join(
            f"{document.title}, v{document.current_version.number if document.current_version else 0}, "
            f"{document.get_status_display()}"
            for document in row.documents
        )
        line = [
            f"{indicator.component.order}. {indicator.component.name}",
            indicator.code,
            indicator.name,
            decimal_text(indicator.weight),
            row.rubric,
            decimal_text(row.self_score.value if row.self_score else None),
            row.self_score.justification if row.self_score else "",
            evidence,
        ]
        if sheet.show_scores:
            by_column = {(s.stage, s.assessor): s.value for s in row.stage_scores}
            line += [
                decimal_text(by_column.get((stage, assessor))) for stage, _label, assessor in sheet.columns
            ]
            line.append(decimal_text(row.mean))
        if sheet.show_agreed:
            line += [
                decimal_text(row.agreed),
                decimal_text(row.weighted),
                "; ".join(f"{item.text} ({item.agency})" for item in row.recommendations),
            ]
        if sheet.show_scores:
            line.append("\n".join(row.notes))
        rows.append(line)
    return rows


def build_worksheet_xlsx(sheet: Worksheet) -> bytes:
    """Through ``antikorupsi.spreadsheets``: text a spreadsheet would run as a formula stays text."""
    return build_xlsx([worksheet_header(sheet), *worksheet_rows(sheet)], title="LKE")
