"""Demo: Kota Blitar 2025 from designation to the final announcement.

Satgas 1 scores the four stages, the plenary settles a total of exactly 92,15 "Istimewa", the provisional
result is announced on 7 November 2025 by Wakil Ketua KPK Ibnu Basuki Widodo with the Forkopimda of Kota
Blitar as witnesses, and the final announcement follows once the final MCSP 2025 value is imported.

How 92,15 comes out of the illustrative framework (weights 5,27 for indicators 1-6, 5,26 for 7-19):
indicator 1 takes 90 from the MCSP value (the demo criteria give Kota Blitar 85,15 provisional, 86,02 final:
both in the 80-90 band), losing 0,527; indicators 2-6 score 75, 75, 80, 78 and 76 (116 points lost on weight
5,27: 6,1132); indicator 9 scores 85 and 17 scores 92 (23 points lost on weight 5,26: 1,2098); everything
else 100. 100 - 0,527 - 6,1132 - 1,2098 = 92,15 exactly.

The witnesses' positions are those of Kota Blitar's Forkopimda; apart from the mayor, their names are
invented for the demo.

Idempotent: every step looks for what it would create first, so loading again changes nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from accounts.models import User
from assessments.demo.clock import at, moment
from assessments.enums import (
    AnnouncementKind,
    Stage,
)
from assessments.models import (
    Assessment,
    Score,
)
from assessments.queries.plenary import submitted_values
from assessments.services import announcements as announcement_services
from assessments.services import plenary as plenary_services
from assessments.services import scoring as scoring_services
from regions.enums import ValueStatus
from regions.models import CriterionValue, Region
from regions.services.criteria import record_value

YEAR = 2025
PLENARY_SCORES = {code: Decimal("100") for code in map(str, range(2, 20))}
PLENARY_SCORES.update(
    {
        "2": Decimal("75"),
        "3": Decimal("75"),
        "4": Decimal("80"),
        "5": Decimal("78"),
        "6": Decimal("76"),
        "9": Decimal("85"),
        "17": Decimal("92"),
    }
)
MCSP_FINAL = Decimal("86.02")
# Each assessor's stage score departs from the plenary score by one of these, in turn, so the plenary page
# has spreads to sort by.
OFFSETS = [Decimal("0"), Decimal("-5"), Decimal("5"), Decimal("-10"), Decimal("0"), Decimal("5")]
FORKOPIMDA_BLITAR = [
    ("Syauqul Muhibbin", "Wali Kota Blitar"),
    ("Dwi Hartono", "Ketua DPRD Kota Blitar"),
    ("AKBP Bagus Wicaksono", "Kapolres Blitar Kota"),
    ("Letkol Inf. Rudi Hermawan", "Dandim 0808/Blitar"),
    ("Sri Wulandari", "Kepala Kejaksaan Negeri Blitar"),
]


def prepare_assessment(people: dict[str, User]) -> Assessment:
    """Kota Blitar's 2025 assessment (scheduled by ``assessments.demo.programme``) with every Satgas 1
    member's submitted scores of the four stages."""
    assessment = Assessment.objects.select_related("team", "framework").get(
        candidate__programme_year__year=YEAR, candidate__region__code="35.72"
    )
    members = [member.user for member in assessment.team.members.select_related("user").order_by("pk")]
    _stage_scores(assessment, members, staff=people["permas"])
    return assessment


def _stage_scores(assessment: Assessment, assessors: list[User], *, staff: User) -> None:
    """Every member's scores of the four stages, through the same services as the scoring pages (each stage
    opened, every member's scores submitted with their history, the stage closed)."""
    if Score.objects.filter(submission__stage__assessment=assessment).exists():
        return
    indicators = list(assessment.framework.indicators.filter(source="penilai").order_by("order"))
    for stage_index, stage in enumerate(Stage.values):
        scoring_services.open_stage(assessment, stage=stage, by=staff)
        for assessor_index, assessor in enumerate(assessors):
            scores = {}
            for indicator_index, indicator in enumerate(indicators):
                offset = OFFSETS[(stage_index + assessor_index + indicator_index) % len(OFFSETS)]
                value = min(Decimal("100"), max(Decimal("0"), PLENARY_SCORES[indicator.code] + offset))
                note = ""
                if assessor_index == 0 and indicator.code in {"9", "17"}:
                    note = {
                        "9": "SKM belum mencakup seluruh unit layanan.",
                        "17": "Survei kesadaran masyarakat perlu diperluas.",
                    }[indicator.code]
                scores[indicator.pk] = scoring_services.Entry(value, note)
            scoring_services.save_stage_scores(
                assessment, assessor=assessor, stage=stage, scores=scores, submit=True, version=0
            )
        scoring_services.close_stage(assessment, stage=stage, by=staff)


def run_plenary(assessment: Assessment, people: dict[str, User], *, finalise: bool = True):
    """The plenary scores, meeting and attendance; then finalise."""
    chair = people["penilai.kpk"]
    plenary = plenary_services.plenary_for(assessment)
    if plenary.is_finalised:
        return plenary
    threshold = assessment.candidate.programme_year.plenary_reason_threshold
    for indicator in assessment.framework.indicators.filter(source="penilai"):
        value = PLENARY_SCORES[indicator.code]
        values = submitted_values(assessment, indicator)
        mean = sum(values, Decimal("0")) / len(values)
        # A written reason only where the agreed score departs from the assessors' mean by more than the
        # year's threshold (the berita acara prints the reasons the plenary wrote).
        reason = "Disepakati tim setelah diskusi bukti dukung." if abs(value - mean) > threshold else ""
        plenary_services.record_plenary_score(
            plenary=plenary, indicator=indicator, value=value, reason=reason, by=chair
        )
    plenary_services.record_meeting(
        plenary=plenary,
        held_on=date(2025, 11, 6),
        place="Kantor Wali Kota Blitar",
        attendees=[
            (member.user.name, member.user.position, member.user.get_institution_display())
            for member in assessment.team.members.select_related("user").order_by("pk")
        ],
        notes="Rapat pleno Satgas 1 atas penilaian Kota Blitar.",
        recommendations=(
            "Perluas Survei Kepuasan Masyarakat ke seluruh unit layanan.\n"
            "Perkuat sinergi APIP dengan APH dan tindak lanjut pengaduan masyarakat."
        ),
        by=chair,
    )
    if finalise:
        plenary = plenary_services.finalize_plenary(plenary=plenary, by=chair)
    return plenary


def announce(plenary, people: dict[str, User], *, kind: str, announced_on: date):
    existing = plenary.announcements.filter(kind=kind).first()
    if existing is not None:
        return existing
    return announcement_services.publish_announcement(
        plenary=plenary,
        kind=kind,
        announced_on=announced_on,
        place="Balai Kota Koesoemo Wicitro, Kota Blitar",
        official_name="Ibnu Basuki Widodo",
        official_position="Wakil Ketua KPK",
        witnesses=FORKOPIMDA_BLITAR,
        by=people["permas"],
    )


def import_final_mcsp(region: Region, staff: User) -> None:
    value = CriterionValue.objects.filter(region=region, criterion="mcp", data_year=YEAR).first()
    if value is None or value.status != ValueStatus.FINAL:
        record_value(
            region=region,
            criterion="mcp",
            data_year=YEAR,
            score=MCSP_FINAL,
            status=ValueStatus.FINAL,
            as_of=date(2025, 12, 1),
            source="Hasil akhir MCSP KPK 2025",
            by=staff,
        )


def blitar_objection(plenary, people: dict[str, User]) -> None:
    from assessments.demo.region_side import load_blitar_objection

    load_blitar_objection(plenary, people)


def load_blitar_2025(people: list[User]) -> None:
    """Each chapter at its real date: scoring on the two days on site, the plenary on the evening of the
    second, the announcements and the final MCSP value on theirs."""
    by_name = {person.username: person for person in people}
    with at(moment("2025-11-05", 16)):
        assessment = prepare_assessment(by_name)
    with at(moment("2025-11-06", 19)):
        plenary = run_plenary(assessment, by_name)
    with at(moment("2025-11-07", 10)):
        announce(plenary, by_name, kind=AnnouncementKind.PROVISIONAL, announced_on=date(2025, 11, 7))
    with at(moment("2025-11-10", 10)):
        blitar_objection(plenary, by_name)  # answered inside the window, before the final announcement
    with at("2025-12-01"):
        import_final_mcsp(assessment.candidate.region, by_name["permas"])
    with at(moment("2025-12-09", 10)):
        announce(plenary, by_name, kind=AnnouncementKind.FINAL, announced_on=date(2025, 12, 9))
