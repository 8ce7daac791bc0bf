"""Factories and a ready-made assessment for the scoring tests.

``build_scoring(...)`` gives the Kota Blitar 2025 assessment of "Satgas 1" on a published framework with a
criterion-fed indicator (MCSP) and assessor-scored indicators, the team-bound personas (an assessor on the
team, a second member, a recused member), and a second assessment (Kota Mataram, "Satgas 2") with its own
assessor.
"""

from dataclasses import dataclass
from decimal import Decimal

import factory

from accounts.enums import Institution
from assessments.enums import IndicatorSource, Stage, TeamRole
from assessments.models import Assessment, Indicator, RubricLevel, ValueMapping
from assessments.services.scoring import open_stage
from regions.services.criteria import record_value
from tests.assessments.factories import (
    AssessmentFactory,
    CandidateFactory,
    ComponentFactory,
    FrameworkFactory,
    IndicatorFactory,
    ProgrammeYearFactory,
    RecusalFactory,
    TeamFactory,
    TeamMemberFactory,
)
from tests.factories import UserFactory


class RubricLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RubricLevel

    indicator = factory.SubFactory(IndicatorFactory)
    score = Decimal("100")
    label = "Sangat baik"
    description = "Terpenuhi seluruhnya."


class ValueMappingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ValueMapping

    indicator = factory.SubFactory(IndicatorFactory)
    min_value = Decimal("75")
    score = Decimal("100")


@dataclass
class Scoring:
    assessment: Assessment
    other_assessment: Assessment
    indicators: list[Indicator]  # the assessor-scored ones, in order
    fed: Indicator  # indicator 1, fed by the MCSP value
    member: object  # the `assessor` persona, on the team
    colleague: object  # a second member of the same team
    recused: object  # on the team, recused from this assessment
    outsider: object  # an assessor of the other team
    staff: object


def build_framework(programme_year, *, scored: int = 2, max_scores=None):
    """A published framework: component 1 holds the MCSP-fed indicator, component 2 the scored ones."""
    framework = FrameworkFactory(programme_year=programme_year, published=True)
    governance = ComponentFactory(framework=framework, order=1, name="Tata Kelola Pemerintahan Daerah")
    supervision = ComponentFactory(framework=framework, order=2, name="Peningkatan Kualitas Pengawasan")
    fed = IndicatorFactory(
        component=governance,
        order=1,
        code="1",
        name="Nilai MCP/MCSP",
        weight=Decimal("10"),
        source=IndicatorSource.CRITERION,
        criterion="mcp",
    )
    ValueMappingFactory(indicator=fed, min_value=Decimal("75"), score=Decimal("80"))
    ValueMappingFactory(indicator=fed, min_value=Decimal("90"), score=Decimal("100"))
    max_scores = max_scores or [Decimal("100"), Decimal("4")] + [Decimal("100")] * max(0, scored - 2)
    indicators = []
    for number in range(scored):
        indicator = IndicatorFactory(
            component=supervision,
            order=number + 2,
            code=str(number + 2),
            name=f"Indikator {number + 2}",
            description="Uraian indikator.",
            weight=Decimal("90") / scored,
            max_score=max_scores[number],
        )
        RubricLevelFactory(indicator=indicator, score=max_scores[number], label="Sangat baik")
        RubricLevelFactory(indicator=indicator, score=Decimal("0"), label="Tidak ada")
        indicators.append(indicator)
    return framework, fed, indicators


def build_scoring(
    *, region, other_region, member, staff, scored: int = 2, open_stages=(Stage.DOCUMENTS,)
) -> Scoring:
    programme_year = ProgrammeYearFactory(year=2025)
    framework, fed, indicators = build_framework(programme_year, scored=scored)
    record_value(region=region, criterion="mcp", data_year=2024, score=Decimal("92.15"))
    team = TeamFactory(programme_year=programme_year, name="Satgas 1")
    TeamMemberFactory(team=team, user=member, role=TeamRole.CHAIR)
    colleague = UserFactory(username="penilai.kpk", name="Budi Santoso", institution=Institution.KPK)
    TeamMemberFactory(team=team, user=colleague)
    recused = UserFactory(
        username="penilai.kemendagri", name="Citra Lestari", institution=Institution.KEMENDAGRI
    )
    TeamMemberFactory(team=team, user=recused)
    assessment = AssessmentFactory(
        candidate=CandidateFactory(programme_year=programme_year, region=region, status="ditetapkan"),
        team=team,
        framework=framework,
        place="Kantor Wali Kota Blitar",
    )
    RecusalFactory(assessment=assessment, user=recused)
    other_team = TeamFactory(programme_year=programme_year, name="Satgas 2")
    outsider = UserFactory(username="penilai.lain", name="Dewi Anggraini", institution=Institution.OMBUDSMAN)
    TeamMemberFactory(team=other_team, user=outsider, role=TeamRole.CHAIR)
    other_assessment = AssessmentFactory(
        candidate=CandidateFactory(programme_year=programme_year, region=other_region, status="ditetapkan"),
        team=other_team,
        framework=framework,
        place="Kantor Wali Kota Mataram",
    )
    for stage in open_stages:
        open_stage(assessment, stage=stage, by=staff)
        open_stage(other_assessment, stage=stage, by=staff)
    return Scoring(
        assessment=assessment,
        other_assessment=other_assessment,
        indicators=indicators,
        fed=fed,
        member=member,
        colleague=colleague,
        recused=recused,
        outsider=outsider,
        staff=staff,
    )
