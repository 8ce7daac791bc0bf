"""Programme years and their predicate bands."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assessments.models import Assessment, PredicateBand, ProgrammeYear
from assessments.models.programme import DEFAULT_PASS_MARK
from audit.services import record
from regions.models import Criterion
from regions.services.catalogue import create_catalogue

PROGRAMME_FIELDS = (
    "name",
    "status",
    "proposals_close_on",
    "observation_starts_on",
    "designation_on",
    "assessments_start_on",
    "assessments_end_on",
    "final_results_on",
    "inauguration_on",
    "pass_mark",
    "plenary_prefill",
    "notes",
)


def _snapshot(programme_year: ProgrammeYear) -> dict:
    return {field: str(getattr(programme_year, field)) for field in PROGRAMME_FIELDS}


@transaction.atomic
def create_programme_year(
    *, year: int, by, name: str = "", pass_mark: Decimal = DEFAULT_PASS_MARK, **fields
) -> ProgrammeYear:
    """A new programme year with the one published predicate band, 90-100 Istimewa."""
    if ProgrammeYear.objects.filter(year=year).exists():
        raise ValidationError(_("Tahun program %(year)s sudah ada.") % {"year": year}, code="year_exists")
    programme_year = ProgrammeYear.objects.create(
        year=year, name=name or f"Percontohan {year}", pass_mark=pass_mark, **fields
    )
    PredicateBand.objects.create(
        programme_year=programme_year, name="Istimewa", min_score=Decimal("90"), max_score=Decimal("100")
    )
    if not Criterion.objects.filter(programme_year=year).exists():
        # The criteria catalogue starts as a copy of the previous year's (or the default one).
        create_catalogue(programme_year=year, by=by)
    record(actor=by, action="programme_year.create", obj=programme_year, after=_snapshot(programme_year))
    return programme_year


@transaction.atomic
def update_programme_year(programme_year: ProgrammeYear, *, by, **changes) -> ProgrammeYear:
    locked = ProgrammeYear.objects.select_for_update().get(pk=programme_year.pk)
    before = _snapshot(locked)
    for field, value in changes.items():
        if field not in PROGRAMME_FIELDS:
            raise TypeError(f"update_programme_year() cannot change {field!r}")
        setattr(locked, field, value)
    locked.full_clean()
    locked.save()
    record(actor=by, action="programme_year.update", obj=locked, before=before, after=_snapshot(locked))
    return locked


def bands_are_frozen(programme_year: ProgrammeYear) -> bool:
    return Assessment.objects.filter(candidate__programme_year=programme_year).exists()


def check_bands_editable(programme_year: ProgrammeYear) -> None:
    """The predicate bands are part of the year's framework: once an assessment uses the framework they
    are frozen with it (a finalised plenary froze the bands it used; a later change would make two totals
    of the same year read differently)."""
    if bands_are_frozen(programme_year):
        raise ValidationError(
            _("Predikat %(year)s tidak dapat diubah lagi: kerangkanya sudah dipakai penilaian.")
            % {"year": programme_year.name},
            code="bands_frozen",
        )


def _check_band_overlap(programme_year: ProgrammeYear, min_score: Decimal, max_score: Decimal, exclude=None):
    if min_score > max_score:
        raise ValidationError(_("Nilai terendah melebihi nilai tertinggi."), code="band_order")
    bands = programme_year.predicate_bands.all()
    if exclude is not None:
        bands = bands.exclude(pk=exclude.pk)
    if bands.filter(min_score__lte=max_score, max_score__gte=min_score).exists():
        raise ValidationError(_("Rentang nilai bertumpang tindih dengan predikat lain."), code="band_overlap")


@transaction.atomic
def add_predicate_band(
    *, programme_year: ProgrammeYear, name: str, min_score: Decimal, max_score: Decimal, by
) -> PredicateBand:
    ProgrammeYear.objects.select_for_update().get(pk=programme_year.pk)
    check_bands_editable(programme_year)
    _check_band_overlap(programme_year, min_score, max_score)
    if programme_year.predicate_bands.filter(name=name).exists():
        raise ValidationError(_("Predikat %(name)s sudah ada.") % {"name": name}, code="band_name_exists")
    band = PredicateBand.objects.create(
        programme_year=programme_year, name=name, min_score=min_score, max_score=max_score
    )
    record(
        actor=by,
        action="predicate_band.add",
        obj=programme_year,
        after={"name": name, "min_score": str(min_score), "max_score": str(max_score)},
    )
    return band


@transaction.atomic
def delete_predicate_band(*, band: PredicateBand, by) -> None:
    programme_year = ProgrammeYear.objects.select_for_update().get(pk=band.programme_year_id)
    check_bands_editable(programme_year)
    record(
        actor=by,
        action="predicate_band.delete",
        obj=programme_year,
        before={"name": band.name, "min_score": str(band.min_score), "max_score": str(band.max_score)},
    )
    band.delete()
