"""Demo: the region's side of the cycle (issue 13).

Kabupaten Maros (2026): the observation's recommendations of 2025 (open), two monitoring rounds with
running scores, and a self-assessment submitted by ``inspektur.maros`` that links the evidence already
uploaded. Kota Blitar (2025): the plenary's recommendations tracked, one done, one followed up and waiting
for staff, and its objection to indicator 9 answered (rejected) before the final announcement. The 2026
self-assessment deadline and objection window. Everything goes through the services; loading again changes
nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from accounts.models import User
from assessments.demo.clock import at, moment
from assessments.enums import CandidateStatus, RecommendationSource, SelfAssessmentStatus
from assessments.models import (
    Candidate,
    Document,
    Objection,
    ProgrammeYear,
    Recommendation,
    RegionSchedule,
    SelfAssessment,
)
from assessments.services import monitoring as monitoring_services
from assessments.services import objections as objection_services
from assessments.services import recommendations as recommendation_services
from assessments.services.selfassessment import SelfEntry, save_self_assessment, set_region_schedule

MAROS = "73.09"
BLITAR = "35.72"

MAROS_OBSERVATION = [
    (
        "3",
        "Integrasikan whistleblowing system daerah dengan aplikasi JAGA dan KPK Whistleblower's System.",
        "Inspektorat Daerah",
        "2026-06-30",
    ),
    (
        "9",
        "Lakukan survei kepuasan masyarakat di seluruh unit layanan dan umumkan hasilnya.",
        "Bagian Organisasi Setda",
        "2026-09-30",
    ),
    (
        "16",
        "Bentuk forum warga antikorupsi di setiap kecamatan.",
        "Dinas Pemberdayaan Masyarakat dan Desa",
        "2026-10-31",
    ),
]
# (round number, date, kind, share of each indicator's maximum, notes)
MAROS_ROUNDS = [
    (
        1,
        "2026-04-14",
        "koordinasi",
        Decimal("0.62"),
        "Rapat koordinasi dengan Sekda dan Inspektur; pemetaan bukti.",
    ),
    (2, "2026-08-18", "monev", Decimal("0.81"), "Monev kedua: WBS dan UPG berjalan, SKM belum menyeluruh."),
]
MAROS_OBSERVED_ON = "2025-10-14"  # when the candidate records no observation date
MAROS_SELF_ASSESSMENT_ON = "2026-11-20"
BLITAR_PLENARY = [
    (
        "9",
        "Perluas Survei Kepuasan Masyarakat ke seluruh unit layanan.",
        "Bagian Organisasi Setda",
        "2026-03-31",
    ),
    (
        "6",
        "Perkuat sinergi APIP dengan APH dan tindak lanjut pengaduan masyarakat.",
        "Inspektorat Daerah",
        "2026-06-30",
    ),
]


def _share(indicator, share: Decimal, nudge: int = 0) -> Decimal:
    """A demo score: ``share`` of the indicator's maximum, varied a little by indicator."""
    value = indicator.max_score * (share + Decimal(nudge % 5) / 100)
    return min(value, indicator.max_score).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def load_maros(people: dict[str, User]) -> None:
    staff = people["permas"]
    candidate = (
        Candidate.objects.select_related("programme_year", "region")
        .filter(programme_year__year=2026, region__code=MAROS)
        .first()
    )
    inspector = people.get("inspektur.maros")
    if candidate is None or candidate.status != CandidateStatus.DESIGNATED or inspector is None:
        return
    indicators = {
        indicator.code: indicator
        for indicator in candidate.programme_year.framework.indicators.order_by("order")
    }
    for code, text, agency, due_on in MAROS_OBSERVATION:
        if code not in indicators or Recommendation.objects.filter(candidate=candidate, text=text).exists():
            continue
        with at(moment(candidate.observed_on or MAROS_OBSERVED_ON, 15)):
            recommendation_services.add_recommendation(
                candidate=candidate,
                source=RecommendationSource.OBSERVATION,
                indicator=indicators[code],
                text=text,
                agency=agency,
                due_on=date.fromisoformat(due_on),
                by=staff,
            )
    for number, held_on, kind, share, notes in MAROS_ROUNDS:
        if candidate.monitoring_rounds.filter(number=number).exists():
            continue
        with at(moment(held_on, 14)):
            monitoring_round = monitoring_services.open_round(
                candidate=candidate, held_on=date.fromisoformat(held_on), kind=kind, notes=notes, by=staff
            )
            monitoring_services.record_round_scores(
                monitoring_round=monitoring_round,
                scores={
                    indicator.pk: (_share(indicator, share, index), "")
                    for index, indicator in enumerate(indicators.values())
                    if not indicator.is_fed_by_criterion
                },
                by=staff,
            )
    existing = SelfAssessment.objects.filter(candidate=candidate).first()
    if existing is not None and existing.status == SelfAssessmentStatus.SUBMITTED:
        return
    submitted_at = moment(MAROS_SELF_ASSESSMENT_ON, 16)
    documents: dict[int, list[int]] = {}
    uploaded = Document.objects.filter(candidate=candidate, created_at__lte=submitted_at)
    for document in uploaded.prefetch_related("indicators"):
        for indicator in document.indicators.all():
            documents.setdefault(indicator.pk, []).append(document.pk)
    with at(submitted_at):
        save_self_assessment(
            candidate=candidate,
            entries={
                indicator.pk: SelfEntry(
                    _share(indicator, Decimal("0.88"), index),
                    f"Capaian indikator {indicator.code} menurut Inspektorat Kabupaten Maros.",
                    tuple(documents.get(indicator.pk, ())),
                )
                for index, indicator in enumerate(indicators.values())
                if not indicator.is_fed_by_criterion
            },
            by=inspector,
            submit=True,
            today=submitted_at.date(),
        )


def load_blitar(people: dict[str, User]) -> None:
    candidate = (
        Candidate.objects.select_related("programme_year")
        .filter(programme_year__year=2025, region__code=BLITAR)
        .first()
    )
    if candidate is None:
        return
    indicators = {
        indicator.code: indicator for indicator in candidate.programme_year.framework.indicators.all()
    }
    chair, staff, inspector = people["penilai.kpk"], people["permas"], people["inspektur.blitar"]
    for index, (code, text, agency, due_on) in enumerate(BLITAR_PLENARY):
        if Recommendation.objects.filter(candidate=candidate, text=text).exists():
            continue
        with at(moment("2025-11-06", 21)):  # recorded by the chair after the plenary
            item = recommendation_services.add_recommendation(
                candidate=candidate,
                source=RecommendationSource.PLENARY,
                indicator=indicators.get(code),
                text=text,
                agency=agency,
                due_on=date.fromisoformat(due_on),
                by=chair,
            )
        if index == 0:
            with at(moment("2026-02-10", 10)):
                recommendation_services.follow_up(
                    recommendation=item,
                    text="SKM 2026 dilaksanakan di 42 unit layanan; hasilnya diumumkan di laman Pemkot.",
                    by=inspector,
                )
            with at(moment("2026-02-20", 10)):
                recommendation_services.accept_follow_up(
                    recommendation=item, by=staff, note="Sesuai laporan SKM."
                )
        else:
            with at(moment("2026-05-15", 10)):
                recommendation_services.follow_up(
                    recommendation=item,
                    text="Nota kesepahaman APIP-APH ditandatangani; laporan tindak lanjut pengaduan disusun.",
                    by=inspector,
                )


def load_blitar_objection(plenary, people: dict[str, User]) -> None:
    """Kota Blitar objected to indicator 9 within the window; the team rejected it with a reason (the
    final figures stay those of the demo)."""
    if (
        Objection.objects.filter(plenary=plenary).exists()
        or plenary.announcements.filter(kind="akhir").exists()
    ):
        return
    indicator = plenary.assessment.framework.indicators.get(code="9")
    objection = objection_services.file_objection(
        plenary=plenary,
        points=[
            objection_services.PointInput(
                indicator=indicator,
                argument="Survei kepuasan masyarakat 2025 sudah mencakup seluruh unit layanan; laporan terlampir.",
            )
        ],
        by=people["inspektur.blitar"],
        today=date(2025, 11, 10),
    )
    objection_services.answer_point(
        point=objection.points.get(),
        accepted=False,
        reason="Laporan SKM 2025 mencakup 31 dari 42 unit layanan; nilai pleno tetap.",
        by=people["penilai.kpk"],
    )


def load_region_side(people: dict[str, User]) -> None:
    staff = people["permas"]
    year = ProgrammeYear.objects.filter(year=2026).first()
    if year is not None and not RegionSchedule.objects.filter(programme_year=year).exists():
        with at("2026-01-15"):
            set_region_schedule(
                programme_year=year,
                self_assessment_due_on=date.fromisoformat(MAROS_SELF_ASSESSMENT_ON),
                objection_working_days=5,
                by=staff,
            )
    load_blitar(people)
    load_maros(people)
