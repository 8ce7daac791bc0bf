"""The five PDF reports of issue 7 on Kota Blitar 2025's demo data (the plenary of 19 indicators scored by
Satgas 1, the provisional and final announcements), and a programme year's summary with all 514 regions
assessed: the summary's context alone and the whole PDF.

Each run renders the PDF as issuing does (``reports.contexts`` builds the report, ``render_document``
renders it with its number, verification code and QR code; issuing unchanged content again would only
serve the stored file). ``python -m benchmarks reports`` prints each
median and its ratio to the trivial view; each runs in a rolled-back transaction (the issued documents
and the year of 514 assessments are not kept).
"""

from benchmarks import Benchmark
from benchmarks.nation import REGION_COUNT

BASE_URL = "https://antikorupsi.example"


def blitar(_nation):
    """The demo's Kota Blitar 2025 (through its final announcement): the plenary and both announcements."""
    from assessments.enums import AnnouncementKind
    from assessments.models import Plenary

    plenary = Plenary.objects.select_related(
        "assessment__candidate__region__province", "assessment__candidate__programme_year", "assessment__team"
    ).get(assessment__candidate__region__code="35.72", assessment__candidate__programme_year__year=2025)
    announcements = {a.kind: a for a in plenary.announcements.all()}
    return {
        "plenary": plenary,
        "provisional": announcements[AnnouncementKind.PROVISIONAL],
        "final": announcements[AnnouncementKind.FINAL],
    }


def year_of_514(nation):
    """A programme year with 514 assessed regions in 38 provinces: finalised plenaries, every region with
    its provisional announcement, every second one with its final one, every tenth revoked."""
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from assessments.enums import AnnouncementKind, CandidateStatus, PlenaryStatus, ProposerKind
    from assessments.models import (
        Announcement,
        Assessment,
        Candidate,
        Framework,
        Plenary,
        ProgrammeYear,
        Team,
    )
    from regions.models import Region

    now = timezone.now()
    staff = nation.staff
    programme_year = ProgrammeYear.objects.create(year=2030, name="Percontohan 2030")
    framework = Framework.objects.create(programme_year=programme_year)
    regions = list(Region.objects.order_by("code"))
    teams = Team.objects.bulk_create(
        Team(programme_year=programme_year, name=f"Satgas {i + 1}") for i in range(20)
    )
    candidates = Candidate.objects.bulk_create(
        Candidate(
            programme_year=programme_year,
            region=region,
            status=CandidateStatus.REVOKED if i % 10 == 0 else CandidateStatus.PILOT,
            proposer_kind=ProposerKind.PROVINCE,
            proposer="Pemerintah Provinsi",
            revoked_on=dt.date(2031, 2, 1) if i % 10 == 0 else None,
            revocation_reason="Kepala daerah tersangka." if i % 10 == 0 else "",
        )
        for i, region in enumerate(regions)
    )
    assessments = Assessment.objects.bulk_create(
        Assessment(
            candidate=candidate,
            team=teams[i % len(teams)],
            framework=framework,
            starts_on=dt.date(2030, 11, 4),
            ends_on=dt.date(2030, 11, 5),
            place="Kantor Bupati",
            time_zone="Asia/Jakarta",
        )
        for i, candidate in enumerate(candidates)
    )
    totals = [Decimal("80") + Decimal(i % 200) / 10 for i in range(REGION_COUNT)]
    plenaries = Plenary.objects.bulk_create(
        Plenary(
            assessment=assessment,
            status=PlenaryStatus.FINALISED,
            finalised_at=now,
            held_on=dt.date(2030, 11, 5),
            total=totals[i],
            predicate="Istimewa" if totals[i] >= 90 else "Baik",
            laik=totals[i] >= 90,
        )
        for i, assessment in enumerate(assessments)
    )
    Announcement.objects.bulk_create(
        Announcement(
            plenary=plenary,
            kind=kind,
            announced_on=dt.date(2030, 11, 6),
            place="Kantor Bupati",
            official_name="Ibnu Basuki Widodo",
            official_position="Wakil Ketua KPK",
            total=totals[i],
            predicate=plenary.predicate,
            laik=plenary.laik,
            published_at=now,
            published_by=staff,
        )
        for i, plenary in enumerate(plenaries)
        for kind in [AnnouncementKind.PROVISIONAL] + ([AnnouncementKind.FINAL] if i % 2 else [])
    )
    return {"programme_year": programme_year, "staff": staff}


def issue(report) -> None:
    """Render the PDF as issuing does (number, verification code and QR code): issuing the same content
    again would serve the stored file, so the benchmark renders without storing."""
    from reports.services.issuing import new_code, render_document

    assert len(render_document(report, code=new_code(), base_url=BASE_URL, number="B/1/X/2025")) > 0


def provisional_announcement(state) -> None:
    from reports import contexts

    issue(contexts.announcement_report(state["provisional"]))


def final_announcement(state) -> None:
    from reports import contexts

    issue(contexts.announcement_report(state["final"]))


def plenary_record(state) -> None:
    from reports import contexts

    issue(contexts.plenary_record_report(state["plenary"]))


def score_report(state) -> None:
    from reports import contexts

    issue(contexts.score_report(state["plenary"]))


def year_summary_context(state) -> None:
    from reports import contexts

    report = contexts.year_summary_report(state["programme_year"])
    assert len(report.context["rows"]) == REGION_COUNT


def year_summary_pdf(state) -> None:
    from reports import contexts

    issue(contexts.year_summary_report(state["programme_year"]))


BENCHMARKS = [
    Benchmark(
        "reports: provisional announcement PDF, Kota Blitar",
        provisional_announcement,
        blitar,
        repeat=5,
        rollback=True,
    ),
    Benchmark(
        "reports: final announcement PDF, Kota Blitar", final_announcement, blitar, repeat=5, rollback=True
    ),
    Benchmark("reports: plenary record PDF, Kota Blitar", plenary_record, blitar, repeat=5, rollback=True),
    Benchmark("reports: score report PDF, Kota Blitar", score_report, blitar, repeat=5, rollback=True),
    Benchmark(
        "reports: year summary context, 514 regions",
        year_summary_context,
        year_of_514,
        repeat=7,
        rollback=True,
    ),
    Benchmark(
        "reports: year summary PDF, 514 regions", year_summary_pdf, year_of_514, repeat=3, rollback=True
    ),
]
