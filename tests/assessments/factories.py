"""Factories for the assessments app, and a helper that gives a region passing criteria values."""

from datetime import date
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.enums import Institution
from assessments.enums import CandidateStatus, FrameworkStatus, ProposerKind, TeamRole
from assessments.models import (
    Assessment,
    Candidate,
    Component,
    Framework,
    Indicator,
    PredicateBand,
    ProgrammeYear,
    Recusal,
    Team,
    TeamMember,
)
from tests.factories import RegionFactory, UserFactory
from tests.regions.factories import make_passing


class ProgrammeYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeYear
        django_get_or_create = ("year",)

    year = 2025
    name = factory.LazyAttribute(lambda o: f"Percontohan {o.year}")


class PredicateBandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PredicateBand

    programme_year = factory.SubFactory(ProgrammeYearFactory)
    name = "Istimewa"
    min_score = Decimal("90")
    max_score = Decimal("100")


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    programme_year = factory.SubFactory(ProgrammeYearFactory)
    status = FrameworkStatus.DRAFT

    class Params:
        published = factory.Trait(
            status=FrameworkStatus.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )


class ComponentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Component

    framework = factory.SubFactory(FrameworkFactory)
    order = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Komponen {n + 1}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    component = factory.SubFactory(ComponentFactory)
    framework = factory.SelfAttribute("component.framework")
    order = factory.Sequence(lambda n: n + 1)
    code = factory.Sequence(lambda n: str(n + 1))
    name = factory.Sequence(lambda n: f"Indikator {n + 1}")
    weight = Decimal("100")
    max_score = Decimal("100")


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    programme_year = factory.SubFactory(ProgrammeYearFactory)
    region = factory.SubFactory(RegionFactory)
    status = CandidateStatus.PROPOSED
    proposer_kind = ProposerKind.PROVINCE
    proposer = factory.LazyAttribute(lambda o: f"Pemerintah Provinsi {o.region.province.name}")
    revoked_on = factory.LazyAttribute(
        lambda o: date(2026, 2, 1) if o.status == CandidateStatus.REVOKED else None
    )
    revocation_reason = factory.LazyAttribute(
        lambda o: "Kepala daerah tersangka korupsi." if o.status == CandidateStatus.REVOKED else ""
    )


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    programme_year = factory.SubFactory(ProgrammeYearFactory)
    name = factory.Sequence(lambda n: f"Satgas {n + 1}")


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory(UserFactory)
    role = TeamRole.MEMBER


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    candidate = factory.SubFactory(CandidateFactory, status=CandidateStatus.DESIGNATED)
    team = factory.SubFactory(TeamFactory, programme_year=factory.SelfAttribute("..candidate.programme_year"))
    framework = factory.LazyAttribute(
        lambda o: (
            Framework.objects.filter(programme_year=o.candidate.programme_year).first()
            or FrameworkFactory(programme_year=o.candidate.programme_year, published=True)
        )
    )
    starts_on = date(2025, 11, 5)
    ends_on = date(2025, 11, 6)
    place = "Kantor Wali Kota"
    time_zone = factory.LazyAttribute(lambda o: o.candidate.region.province.time_zone)


class RecusalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recusal

    assessment = factory.SubFactory(AssessmentFactory)
    user = factory.SubFactory(UserFactory)
    reason = "Berasal dari pemerintah daerah yang dinilai."


# One helper gives a region passing criteria values; it lives with the regions app's factories.
give_passing_values = make_passing


def provincial_member(province, **kwargs):
    return UserFactory(institution=Institution.PROVINCE, province=province, **kwargs)
