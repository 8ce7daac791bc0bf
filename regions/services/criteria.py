"""Writing criteria values and legal cases: the only place that changes them, so every change leaves a
revision (the full state after it) and the history always ends with the current state, and raises the
screening's data version (``ScreeningVersion``) once it is committed."""

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from regions.enums import ValueStatus
from regions.models import (
    CriteriaImport,
    Criterion,
    CriterionValue,
    CriterionValueRevision,
    LegalCase,
    LegalCaseRevision,
    Region,
    ScreeningVersion,
)

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class CriteriaError(Exception):
    """A change that would lose information, e.g. a provisional value over a final one."""


def provisional_over_final_message(value: CriterionValue) -> str:
    return _(
        "%(region)s sudah punya nilai akhir %(value)s untuk tahun data %(year)s; nilai sementara tidak "
        "boleh menimpanya (impor sebagai nilai akhir bila ini koreksi)."
    ) % {"region": value.region, "value": value.display_value(), "year": value.data_year}


@transaction.atomic
def record_value(
    *,
    region: Region,
    criterion: str,
    data_year: int,
    score: Decimal | None = None,
    grade: str = "",
    status: str = ValueStatus.FINAL,
    as_of: date | None = None,
    source: str = "",
    source_url: str = "",
    note: str = "",
    by=None,
    batch: CriteriaImport | None = None,
    at: datetime | None = None,
    definition: Criterion | None = None,
) -> tuple[CriterionValue, str]:
    """Create or update the value of (region, criterion, data_year); returns it and CREATED, UPDATED or
    UNCHANGED. ``criterion`` is a catalogue code; the value must fit the catalogue that reads its data year
    (``definition``, looked up when not given), else CriteriaError. A provisional value never replaces a
    final one: that raises CriteriaError too."""
    definition = definition or Criterion.objects.definition(criterion, data_year)
    if definition is None:
        raise CriteriaError(_("Kriteria %(code)r tidak ada di katalog mana pun.") % {"code": criterion})
    if definition.is_cases:
        raise ValueError("Legal cases are recorded with record_case().")
    if problem := definition.value_fits(score, grade):
        raise CriteriaError(
            _("%(criterion)s tahun data %(year)s: %(problem)s")
            % {"criterion": definition.name, "year": data_year, "problem": problem}
        )
    if status == ValueStatus.PROVISIONAL and not definition.has_provisional:
        raise CriteriaError(
            _("%(criterion)s tidak punya nilai sementara; nilainya selalu nilai akhir.")
            % {"criterion": definition.name}
        )
    at = at or timezone.now()
    fields = {
        "score": score,
        "grade": grade,
        "status": status,
        "as_of": as_of,
        "source": source,
        "source_url": source_url,
        "note": note,
    }
    value = (
        CriterionValue.objects.select_for_update()
        .filter(region=region, criterion=criterion, data_year=data_year)
        .first()
    )
    if value is None:
        value = CriterionValue(region=region, criterion=criterion, data_year=data_year, **fields)
        change = CREATED
    else:
        if value.status == ValueStatus.FINAL and status == ValueStatus.PROVISIONAL:
            raise CriteriaError(provisional_over_final_message(value))
        before = value.snapshot()
        for name, field_value in fields.items():
            setattr(value, name, field_value)
        if value.snapshot() == before:
            return value, UNCHANGED
        change = UPDATED
    value.entered_by = by if by is not None and by.is_authenticated else None
    value.entered_at = at
    value.save()
    CriterionValueRevision.objects.create(
        value=value, changed_by=value.entered_by, changed_at=at, import_batch=batch, **fields
    )
    ScreeningVersion.objects.raise_on_commit()
    return value, change


@transaction.atomic
def record_case(
    *,
    region: Region,
    person_name: str,
    started_on: date,
    position: str,
    stage: str,
    handler: str,
    ended_on: date | None = None,
    source: str = "",
    note: str = "",
    by=None,
    batch: CriteriaImport | None = None,
    at: datetime | None = None,
) -> tuple[LegalCase, str]:
    """Create or update the case of (region, person, start date); returns it and the kind of change."""
    at = at or timezone.now()
    fields = {
        "position": position,
        "stage": stage,
        "handler": handler,
        "ended_on": ended_on,
        "source": source,
        "note": note,
    }
    case = (
        LegalCase.objects.select_for_update()
        .filter(region=region, person_name=person_name, started_on=started_on)
        .first()
    )
    if case is None:
        case = LegalCase(region=region, person_name=person_name, started_on=started_on, **fields)
        change = CREATED
    else:
        before = case.snapshot()
        for name, field_value in fields.items():
            setattr(case, name, field_value)
        if case.snapshot() == before:
            return case, UNCHANGED
        change = UPDATED
    case.entered_by = by if by is not None and by.is_authenticated else None
    case.entered_at = at
    case.save()
    LegalCaseRevision.objects.create(
        case=case, changed_by=case.entered_by, changed_at=at, import_batch=batch, **fields
    )
    ScreeningVersion.objects.raise_on_commit()
    return case, change


@transaction.atomic
def correct_value(
    *, region: Region, criterion: str, data_year: int, by, **fields
) -> tuple[CriterionValue, str]:
    """A staff member adds or corrects one value by hand: ``record_value`` (so the revision history holds
    it like an imported value) plus an audit entry with the state before and after. ``fields`` are
    ``record_value``'s value fields (score, grade, status, as_of, source, source_url, note)."""
    current = (
        CriterionValue.objects.select_for_update()
        .filter(region=region, criterion=criterion, data_year=data_year)
        .first()
    )
    before = current.snapshot() if current else None
    value, change = record_value(region=region, criterion=criterion, data_year=data_year, by=by, **fields)
    if change != UNCHANGED:
        record(
            actor=by,
            action="regions.criterion_value.correct",
            obj=value,
            before=before,
            after=value.snapshot(),
        )
    return value, change


@transaction.atomic
def correct_case(
    *, region: Region, person_name: str, started_on: date, by, **fields
) -> tuple[LegalCase, str]:
    """A staff member adds or updates one legal case by hand (e.g. closes it with its end date):
    ``record_case`` plus an audit entry. ``fields`` are ``record_case``'s case fields (position, stage,
    handler, ended_on, source, note)."""
    current = (
        LegalCase.objects.select_for_update()
        .filter(region=region, person_name=person_name, started_on=started_on)
        .first()
    )
    before = current.snapshot() if current else None
    case, change = record_case(region=region, person_name=person_name, started_on=started_on, by=by, **fields)
    if change != UNCHANGED:
        record(actor=by, action="regions.legal_case.correct", obj=case, before=before, after=case.snapshot())
    return case, change
