from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from assessments import defaults
from assessments.enums import FrameworkStatus, IndicatorSource
from assessments.models import Framework, Indicator
from assessments.queries.programme import diff_frameworks, framework_tree
from assessments.services import framework as services
from assessments.services.programme import add_predicate_band, create_programme_year
from audit.models import AuditEntry
from tests.assessments.factories import AssessmentFactory, ProgrammeYearFactory

pytestmark = pytest.mark.django_db


def test_equal_weights_sum_to_exactly_100():
    weights = defaults.equal_weights(19)
    assert weights == [Decimal("5.27")] * 6 + [Decimal("5.26")] * 13
    assert sum(weights) == Decimal("100.00")
    assert defaults.equal_weights(3) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]


def test_a_new_programme_year_has_pass_mark_90_and_the_istimewa_band(staff):
    programme_year = create_programme_year(year=2026, by=staff)

    assert (programme_year.name, programme_year.pass_mark) == ("Percontohan 2026", Decimal("90"))
    assert list(programme_year.predicate_bands.values_list("name", "min_score", "max_score")) == [
        ("Istimewa", Decimal("90"), Decimal("100"))
    ]
    assert programme_year.predicate_for(Decimal("92.15")).name == "Istimewa"
    assert programme_year.predicate_for(Decimal("89.99")) is None


def test_predicate_bands_may_not_overlap(staff):
    programme_year = create_programme_year(year=2026, by=staff)
    add_predicate_band(
        programme_year=programme_year,
        name="Baik",
        min_score=Decimal("80"),
        max_score=Decimal("89.99"),
        by=staff,
    )

    with pytest.raises(ValidationError) as error:
        add_predicate_band(
            programme_year=programme_year,
            name="Cukup",
            min_score=Decimal("70"),
            max_score=Decimal("80"),
            by=staff,
        )
    assert error.value.code == "band_overlap"  # fmt: skip


def test_the_default_framework_has_6_components_19_indicators_and_is_illustrative(staff):
    framework = services.create_default_framework(programme_year=ProgrammeYearFactory(year=2025), by=staff)

    tree = framework_tree(framework)
    assert [(component.name, len(component.indicators.all())) for component in tree] == [
        ("Tata Kelola Pemerintahan Daerah", 1),
        ("Peningkatan Kualitas Pengawasan", 6),
        ("Peningkatan Kualitas Pelayanan Publik", 4),
        ("Budaya Kerja Antikorupsi", 4),
        ("Peran Serta Masyarakat", 3),
        ("Kearifan Lokal", 1),
    ]
    assert (framework.illustrative, framework.status, framework.weight_sum()) == (
        True,
        FrameworkStatus.DRAFT,
        Decimal("100.00"),
    )
    first = framework.indicators.get(code="1")
    assert (first.source, first.criterion, first.rubric_levels.count()) == (
        IndicatorSource.CRITERION,
        "mcp",
        0,
    )
    assert [first.score_for_value(Decimal(v)) for v in ("95", "80", "76.5", "60")] == [
        Decimal("100"),
        Decimal("90"),
        Decimal("80"),
        Decimal("0"),
    ]
    assert framework.indicators.get(code="19").rubric_levels.count() == 5


def test_publishing_refuses_weights_that_do_not_sum_to_100(staff):
    framework = services.create_default_framework(programme_year=ProgrammeYearFactory(year=2025), by=staff)
    indicator = framework.indicators.get(code="2")
    services.save_indicator(framework=framework, indicator=indicator, weight=Decimal("5.25"), by=staff)

    with pytest.raises(ValidationError) as error:
        services.publish_framework(framework=framework, by=staff)
    assert (error.value.code, error.value.message) == (
        "weights_not_100",
        "Jumlah bobot 99,98, harus tepat 100.",
    )
    framework.refresh_from_db()
    assert framework.status == FrameworkStatus.DRAFT

    services.save_indicator(framework=framework, indicator=indicator, weight=Decimal("5.27"), by=staff)
    services.publish_framework(framework=framework, by=staff)
    framework.refresh_from_db()
    assert (framework.status, framework.published_by) == (FrameworkStatus.PUBLISHED, staff)
    assert AuditEntry.objects.filter(action="framework.publish").count() == 1


def test_a_published_framework_is_changed_only_after_going_back_to_draft(staff):
    framework = services.create_default_framework(programme_year=ProgrammeYearFactory(year=2025), by=staff)
    services.publish_framework(framework=framework, by=staff)
    indicator = framework.indicators.get(code="2")

    with pytest.raises(ValidationError) as error:
        services.save_indicator(framework=framework, indicator=indicator, name="Baru", by=staff)
    assert error.value.code == "framework_published"

    services.unpublish_framework(framework=framework, by=staff, reason="Koreksi nama indikator.")
    services.save_indicator(framework=framework, indicator=indicator, name="Baru", by=staff)
    assert Indicator.objects.get(pk=indicator.pk).name == "Baru"


def test_a_framework_in_use_is_frozen_and_can_only_be_copied(staff, kota_blitar):
    programme_year = ProgrammeYearFactory(year=2025)
    framework = services.create_default_framework(programme_year=programme_year, by=staff)
    services.publish_framework(framework=framework, by=staff)
    AssessmentFactory(
        candidate__programme_year=programme_year, candidate__region=kota_blitar, framework=framework
    )
    indicator = framework.indicators.get(code="2")

    for attempt in (
        lambda: services.unpublish_framework(framework=framework, by=staff, reason="x"),
        lambda: services.save_indicator(
            framework=framework, indicator=indicator, weight=Decimal("1"), by=staff
        ),
        lambda: services.delete_indicator(indicator=indicator, by=staff),
        lambda: services.save_component(framework=framework, order=7, name="Baru", by=staff),
    ):
        with pytest.raises(ValidationError) as error:
            attempt()
        assert error.value.code == "framework_frozen"
    assert framework.is_frozen is True

    copy = services.copy_framework(source=framework, programme_year=ProgrammeYearFactory(year=2026), by=staff)
    assert (copy.status, copy.copied_from, copy.is_frozen, copy.weight_sum()) == (
        FrameworkStatus.DRAFT,
        framework,
        False,
        Decimal("100.00"),
    )
    assert copy.indicators.get(code="1").value_mappings.count() == 4
    assert copy.indicators.get(code="5").rubric_levels.count() == 5


def test_a_year_has_one_framework(staff):
    programme_year = ProgrammeYearFactory(year=2025)
    services.create_default_framework(programme_year=programme_year, by=staff)
    with pytest.raises(ValidationError) as error:
        services.create_default_framework(programme_year=programme_year, by=staff)
    assert error.value.code == "framework_exists"
    assert Framework.objects.count() == 1


def test_the_diff_shows_added_removed_and_changed_indicators(staff):
    old = services.create_default_framework(programme_year=ProgrammeYearFactory(year=2025), by=staff)
    new = services.copy_framework(source=old, programme_year=ProgrammeYearFactory(year=2026), by=staff)
    services.save_indicator(
        framework=new,
        indicator=new.indicators.get(code="3"),
        weight=Decimal("10.00"),
        name="Sistem pelaporan pelanggaran terintegrasi",
        by=staff,
    )
    services.delete_indicator(indicator=new.indicators.get(code="19"), by=staff)
    services.save_indicator(
        framework=new,
        component=new.components.get(order=6),
        order=20,
        code="20",
        name="Indikator baru",
        weight=Decimal("1"),
        by=staff,
    )

    changes = diff_frameworks(old, new)
    assert [(change.code, change.kind) for change in changes] == [
        ("3", "changed"),
        ("20", "added"),
        ("19", "removed"),
    ]
    assert changes[0].changes == [
        ("nama", "Sistem pelaporan pelanggaran (WBS)", "Sistem pelaporan pelanggaran terintegrasi"),
        ("bobot", "5,27", "10,00"),
    ]  # fmt: skip
    assert diff_frameworks(old, old) == []
