"""Frameworks: the illustrative default, copying, editing while a draft, publishing.

Every change goes through ``_lock_editable``: a framework can change only while it is a draft and no
assessment uses it; once used it is frozen and can only be copied.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from assessments import defaults
from assessments.enums import FrameworkStatus, IndicatorSource
from assessments.models import Component, Framework, Indicator, ProgrammeYear, RubricLevel, ValueMapping
from assessments.models.framework import WEIGHT_TOTAL
from audit.services import record
from regions.models import Criterion

INDICATOR_FIELDS = (
    "component",
    "order",
    "code",
    "name",
    "description",
    "expected_evidence",
    "weight",
    "max_score",
    "source",
    "criterion",
)


def _lock_editable(framework: Framework) -> Framework:
    locked = Framework.objects.select_for_update().select_related("programme_year").get(pk=framework.pk)
    if locked.is_frozen:
        raise ValidationError(
            _("Kerangka ini sudah dipakai penilaian dan tidak dapat diubah lagi; salin ke tahun lain."),
            code="framework_frozen",
        )
    if locked.status != FrameworkStatus.DRAFT:
        raise ValidationError(
            _("Kerangka yang sudah terbit tidak dapat diubah; kembalikan ke draf lebih dahulu."),
            code="framework_published",
        )
    return locked


def _new_framework(programme_year: ProgrammeYear, **fields) -> Framework:
    ProgrammeYear.objects.select_for_update().get(pk=programme_year.pk)
    if Framework.objects.filter(programme_year=programme_year).exists():
        raise ValidationError(
            _("%(year)s sudah memiliki kerangka.") % {"year": programme_year.name}, code="framework_exists"
        )
    return Framework.objects.create(programme_year=programme_year, **fields)


@transaction.atomic
def create_default_framework(*, programme_year: ProgrammeYear, by) -> Framework:
    """The 6 components and 19 indicators with equal weights, marked illustrative (see assessments.defaults)."""
    framework = _new_framework(programme_year, illustrative=True)
    weights = iter(defaults.equal_weights(len(defaults.INDICATORS)))
    order = 0
    for component_order, (component_name, codes) in enumerate(defaults.COMPONENTS, start=1):
        component = Component.objects.create(framework=framework, order=component_order, name=component_name)
        for code in codes:
            order += 1
            criterion = defaults.FED_BY_CRITERION.get(code, "")
            indicator = Indicator.objects.create(
                framework=framework,
                component=component,
                order=order,
                code=code,
                name=defaults.INDICATORS[code],
                weight=next(weights),
                max_score=Decimal("100"),
                source=IndicatorSource.CRITERION if criterion else IndicatorSource.ASSESSORS,
                criterion=criterion,
            )
            if criterion:
                ValueMapping.objects.bulk_create(
                    ValueMapping(indicator=indicator, min_value=min_value, score=score)
                    for min_value, score in defaults.VALUE_MAPPINGS[code]
                )
            else:
                RubricLevel.objects.bulk_create(
                    RubricLevel(indicator=indicator, score=score, label=label, description=description)
                    for score, label, description in defaults.RUBRIC
                )
    record(actor=by, action="framework.create_default", obj=framework)
    return framework


@transaction.atomic
def copy_framework(*, source: Framework, programme_year: ProgrammeYear, by) -> Framework:
    """A draft copy of ``source`` (components, indicators, rubrics, mappings) for a year without one."""
    framework = _new_framework(programme_year, illustrative=source.illustrative, copied_from=source)
    components = {}
    for component in source.components.all():
        components[component.pk] = Component.objects.create(
            framework=framework, order=component.order, name=component.name, description=component.description
        )
    for indicator in source.indicators.prefetch_related("rubric_levels", "value_mappings"):
        copy = Indicator.objects.create(
            framework=framework,
            **{field: getattr(indicator, field) for field in INDICATOR_FIELDS if field != "component"},
            component=components[indicator.component_id],
        )
        RubricLevel.objects.bulk_create(
            RubricLevel(indicator=copy, score=level.score, label=level.label, description=level.description)
            for level in indicator.rubric_levels.all()
        )
        ValueMapping.objects.bulk_create(
            ValueMapping(indicator=copy, min_value=mapping.min_value, score=mapping.score)
            for mapping in indicator.value_mappings.all()
        )
    record(actor=by, action="framework.copy", obj=framework, after={"copied_from": source.pk})
    return framework


@transaction.atomic
def publish_framework(*, framework: Framework, by) -> Framework:
    """Publish a draft whose indicator weights sum to exactly 100."""
    locked = _lock_editable(framework)
    total = locked.weight_sum()
    if total != WEIGHT_TOTAL:
        raise ValidationError(
            _("Jumlah bobot %(total)s, harus tepat 100.") % {"total": number_format(total, 2)},
            code="weights_not_100",
        )
    if not locked.indicators.exists():
        raise ValidationError(_("Kerangka belum memiliki indikator."), code="no_indicators")
    locked.status = FrameworkStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.published_by = by
    locked.save(update_fields=["status", "published_at", "published_by"])
    record(actor=by, action="framework.publish", obj=locked, after={"weight_sum": str(total)})
    return locked


@transaction.atomic
def unpublish_framework(*, framework: Framework, by, reason: str) -> Framework:
    """Back to draft, for corrections, as long as no assessment uses it."""
    locked = Framework.objects.select_for_update().get(pk=framework.pk)
    if locked.is_frozen:
        raise ValidationError(_("Kerangka ini sudah dipakai penilaian."), code="framework_frozen")
    if locked.status != FrameworkStatus.PUBLISHED:
        raise ValidationError(_("Kerangka ini masih draf."), code="framework_not_published")
    locked.status = FrameworkStatus.DRAFT
    locked.published_at = None
    locked.published_by = None
    locked.save(update_fields=["status", "published_at", "published_by"])
    record(actor=by, action="framework.unpublish", obj=locked, reason=reason)
    return locked


@transaction.atomic
def set_illustrative(*, framework: Framework, illustrative: bool, by) -> Framework:
    locked = _lock_editable(framework)
    locked.illustrative = illustrative
    locked.save(update_fields=["illustrative"])
    record(actor=by, action="framework.set_illustrative", obj=locked, after={"illustrative": illustrative})
    return locked


@transaction.atomic
def update_framework(*, framework: Framework, by, illustrative: bool, notes: str) -> Framework:
    """The illustrative flag and the notes of a draft framework nobody uses yet (the admin's change form)."""
    locked = _lock_editable(framework)
    before = {"illustrative": locked.illustrative, "notes": locked.notes}
    locked.illustrative = illustrative
    locked.notes = notes.strip()
    locked.save(update_fields=["illustrative", "notes"])
    record(
        actor=by,
        action="framework.update",
        obj=locked,
        before=before,
        after={"illustrative": locked.illustrative, "notes": locked.notes},
    )
    return locked


@transaction.atomic
def save_component(*, framework: Framework, by, component: Component | None = None, **fields) -> Component:
    _lock_editable(framework)
    if component is None:
        component = Component(framework=framework)
    elif component.framework_id != framework.pk:
        raise ValidationError(_("Komponen bukan bagian kerangka ini."), code="wrong_framework")
    for field, value in fields.items():
        setattr(component, field, value)
    component.full_clean()
    component.save()
    record(actor=by, action="framework.save_component", obj=framework, after={"component": component.name})
    return component


@transaction.atomic
def delete_component(*, component: Component, by) -> None:
    framework = _lock_editable(component.framework)
    record(actor=by, action="framework.delete_component", obj=framework, before={"component": component.name})
    component.delete()


def fed_criteria(framework: Framework) -> dict[str, str]:
    """The criteria of the framework's programme year that may feed an indicator (a number or a count), by
    code with their names, in catalogue order."""
    return {
        criterion.code: criterion.name
        for criterion in Criterion.objects.for_year(framework.programme_year.year)
        if criterion.is_numeric
    }


@transaction.atomic
def save_indicator(
    *,
    framework: Framework,
    by,
    indicator: Indicator | None = None,
    rubric: list[tuple[Decimal, str, str]] | None = None,
    mappings: list[tuple[Decimal, Decimal]] | None = None,
    **fields,
) -> Indicator:
    """Create or change an indicator; ``rubric`` and ``mappings``, when given, replace the existing rows. An
    indicator fed by a criterion names a number or count criterion of the programme year's catalogue."""
    framework = _lock_editable(framework)
    if indicator is None:
        indicator = Indicator(framework=framework)
    elif indicator.framework_id != framework.pk:
        raise ValidationError(_("Indikator bukan bagian kerangka ini."), code="wrong_framework")
    before = {field: str(getattr(indicator, field, "")) for field in INDICATOR_FIELDS if field != "component"}
    for field, value in fields.items():
        if field not in INDICATOR_FIELDS:
            raise TypeError(f"save_indicator() cannot set {field!r}")
        setattr(indicator, field, value)
    if indicator.source == IndicatorSource.ASSESSORS:
        indicator.criterion = ""
    if indicator.component.framework_id != framework.pk:
        raise ValidationError(_("Komponen bukan bagian kerangka ini."), code="wrong_framework")
    if indicator.criterion and indicator.criterion not in fed_criteria(framework):
        raise ValidationError(
            {
                "criterion": _(
                    "Kriteria %(code)s bukan kriteria angka di katalog kriteria tahun program %(year)s."
                )
                % {"code": indicator.criterion, "year": framework.programme_year.year}
            }
        )
    indicator.full_clean()
    indicator.save()
    if rubric is not None:
        indicator.rubric_levels.all().delete()
        RubricLevel.objects.bulk_create(
            RubricLevel(indicator=indicator, score=score, label=label, description=description)
            for score, label, description in rubric
        )
    if mappings is not None:
        indicator.value_mappings.all().delete()
        ValueMapping.objects.bulk_create(
            ValueMapping(indicator=indicator, min_value=min_value, score=score)
            for min_value, score in mappings
        )
    after = {field: str(getattr(indicator, field)) for field in INDICATOR_FIELDS if field != "component"}
    record(actor=by, action="framework.save_indicator", obj=framework, before=before, after=after)
    return indicator


@transaction.atomic
def delete_indicator(*, indicator: Indicator, by) -> None:
    framework = _lock_editable(indicator.framework)
    record(actor=by, action="framework.delete_indicator", obj=framework, before={"indicator": str(indicator)})
    indicator.delete()
