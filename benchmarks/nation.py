"""The national-scale data every benchmark runs on, built once per run.

``build_nation()`` starts from the demo (``load_demo``: Kota Blitar 2025 scored by Satgas 1 through its
finalised plenary and announcements, the 2024-2026 cohorts) and adds what a real year at national scale
has: all 514 regencies and cities with three data years of the seven published criteria and some legal
cases, and a 2026 cohort of ``assessments`` designated candidates, each with a team of ``team_size``
assessors scoring the document stage (opened), the first one fully submitted and with its inspectorate's
evidence uploaded and partly reviewed. Everything that has a service goes through it (candidates, teams,
stages, scores, evidence); only the bulk criteria values are inserted directly, as the criteria import
does for many rows.

The load benchmark (``benchmarks/load``) builds the same data into its own database; every assessor's
password is ``PASSWORD``.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

REGION_COUNT = 514
PASSWORD = "benchmark-password"
# A minimal PDF that libmagic recognises as application/pdf.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Nation:
    staff: object
    year: int
    assessments: list = field(default_factory=list)  # the 2026 ones, in order
    assessors: dict = field(default_factory=dict)  # assessment pk -> [users]
    inspector: object = None  # of the first 2026 assessment's region
    plenary_assessment: object = None  # Kota Blitar 2025, finalised
    blitar_candidate: object = None


def _fill_regions(provinces) -> list:
    """Regions up to REGION_COUNT, spread over the demo's provinces (codes the demo does not use)."""
    from regions.enums import RegionKind
    from regions.models import Region

    missing = REGION_COUNT - Region.objects.count()
    return Region.objects.bulk_create(
        Region(
            province=provinces[i % len(provinces)],
            code=f"{provinces[i % len(provinces)].code}.{90 - i // len(provinces):02d}",
            kind=RegionKind.KABUPATEN,
            name=f"Uji {i}",
            full_name=f"Kabupaten Uji {i}",
            autonomous=True,
        )
        for i in range(missing)
    )


def _criteria(regions) -> None:
    from django.utils import timezone

    from regions.models import CriterionValue, LegalCase

    now = timezone.now()
    fields = {
        "mcp": {"score": Decimal("80")},
        "spi": {"score": Decimal("70")},
        "sakip": {"grade": "A"},
        "ombudsman": {"score": Decimal("81")},
        "spip": {"score": Decimal("3.2")},
        "spbe": {"score": Decimal("2.8")},
        "bpk": {"grade": "WTP"},
    }
    taken = set(CriterionValue.objects.values_list("region_id", "criterion", "data_year"))
    CriterionValue.objects.bulk_create(
        CriterionValue(region=region, criterion=criterion, data_year=year, entered_at=now, **values)
        for region in regions
        for criterion, values in fields.items()
        for year in (2023, 2024, 2025)
        if (region.pk, criterion, year) not in taken
    )
    LegalCase.objects.bulk_create(
        LegalCase(
            region=region,
            person_name="Uji",
            position="kepala_opd",
            stage="penyidikan",
            handler="kpk",
            started_on=dt.date(2025, 1, 1),
            entered_at=now,
        )
        for region in regions[::10]
    )


_password_hash = None


def _user(username: str, role: str, **fields):
    from accounts.models import User

    global _password_hash
    if _password_hash is None:  # hashed once: the real hasher takes a good part of a second
        from django.contrib.auth.hashers import make_password

        _password_hash = make_password(PASSWORD)
    return User.objects.create(
        username=username,
        name=username.replace(".", " ").title(),
        role=role,
        password=_password_hash,
        **fields,
    )


def build_nation(*, assessments: int = 8, team_size: int = 7) -> Nation:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.enums import Institution, Role
    from accounts.models import User
    from assessments.demo.loader import load_demo
    from assessments.enums import (
        CandidateStatus,
        EvidenceStatus,
        FrameworkStatus,
        ProposerKind,
        Stage,
        TeamRole,
    )
    from assessments.models import Assessment, Candidate, Framework, ProgrammeYear
    from assessments.services import candidates as steps
    from assessments.services.evidence import review_version, upload_documents
    from assessments.services.framework import publish_framework
    from assessments.services.scoring import Entry, open_stage, save_stage_scores
    from assessments.services.teams import add_team_member, create_team, schedule_assessment
    from regions.models import Province, Region

    load_demo()
    staff = User.objects.get(username="permas")
    provinces = list(Province.objects.order_by("code"))
    _fill_regions(provinces)
    regions = list(Region.objects.order_by("code"))
    _criteria(regions)

    year = ProgrammeYear.objects.get(year=2026)
    framework = Framework.objects.get(programme_year=year)
    if framework.status == FrameworkStatus.DRAFT:
        publish_framework(framework=framework, by=staff)
    candidates = list(
        Candidate.objects.filter(programme_year=year, status=CandidateStatus.DESIGNATED)
        .exclude(pk__in=Assessment.objects.values("candidate_id"))  # the demo's own 2026 assessment
        .order_by("region__code")
    )
    taken = {c.region_id for c in Candidate.objects.filter(programme_year=year)}
    for region in [r for r in regions if r.pk not in taken and r.name.startswith("Uji")]:
        if len(candidates) >= assessments:
            break
        candidate = steps.propose_candidate(
            programme_year=year,
            region=region,
            proposer_kind=ProposerKind.PROVINCE,
            proposer=f"Pemerintah Provinsi {region.province.name}",
            by=staff,
        )
        steps.screen_candidate(candidate=candidate, by=staff)
        steps.observe_candidate(candidate=candidate, by=staff, observed_on=dt.date(2025, 12, 3), team="Tim")
        steps.designate_candidate(
            candidate=candidate,
            by=staff,
            letter_number="BENCH/2026",
            letter_date=dt.date(2026, 1, 15),
            override_reason="Data tolok ukur.",
        )
        candidates.append(candidate)

    nation = Nation(staff=staff, year=2026)
    institutions = list(Institution)[:6]  # the central institutions
    indicators = list(framework.indicators.filter(source="penilai").order_by("order"))
    for number, candidate in enumerate(candidates[:assessments], start=1):
        team = create_team(programme_year=year, name=f"Satgas Uji {number}", by=staff)
        members = []
        for seat in range(team_size):
            user = _user(
                f"penilai.{number}.{seat}", Role.ASSESSOR, institution=institutions[seat % len(institutions)]
            )
            add_team_member(
                team=team, user=user, role=TeamRole.CHAIR if seat == 0 else TeamRole.MEMBER, by=staff
            )
            members.append(user)
        assessment = schedule_assessment(
            candidate=candidate,
            team=team,
            starts_on=dt.date(2026, 10, 1),
            ends_on=dt.date(2026, 10, 2),
            place="Kantor Bupati",
            by=staff,
        )
        open_stage(assessment, stage=Stage.DOCUMENTS, by=staff)
        nation.assessments.append(assessment)
        nation.assessors[assessment.pk] = members

    first = nation.assessments[0]
    for seat, user in enumerate(nation.assessors[first.pk]):
        save_stage_scores(
            first,
            assessor=user,
            stage=Stage.DOCUMENTS,
            scores={
                indicator.pk: Entry(
                    min(indicator.max_score, Decimal(60 + (seat * 7 + i) % 40)), "Catatan uji."
                )
                for i, indicator in enumerate(indicators)
            },
            submit=True,
            version=0,
        )
    nation.inspector = _user(
        "inspektur.uji",
        Role.INSPECTOR,
        institution=Institution.REGION,
        region=first.candidate.region,
    )
    all_indicators = list(framework.indicators.order_by("order"))
    for start in range(0, len(all_indicators), 2):
        documents = upload_documents(
            candidate=first.candidate,
            uploads=[
                (
                    f"Bukti indikator {i.code}",
                    SimpleUploadedFile(f"bukti-{i.code}.pdf", PDF, "application/pdf"),
                )
                for i in all_indicators[start : start + 2]
            ],
            indicators=all_indicators[start : start + 2],
            by=nation.inspector,
        )
        if start % 4 == 0:
            version = documents[0].versions.order_by("number").first()
            review_version(version=version, by=nation.assessors[first.pk][0], status=EvidenceStatus.ACCEPTED)

    nation.plenary_assessment = Assessment.objects.get(
        candidate__region__code="35.72", candidate__programme_year__year=2025
    )
    nation.blitar_candidate = nation.plenary_assessment.candidate
    _gather_statistics()
    return nation


def _gather_statistics() -> None:
    """Give the database's planner the statistics of the data just built, as a production database has
    them (PostgreSQL's autovacuum analyses a table once enough of it changed): without them it plans the
    freshly filled tables on guesses, and the benchmark would measure plans production never runs."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
