"""Changing a programme year's criteria catalogue: the only place that writes ``regions.models.Criterion``.

Each function runs in one transaction, checks the state it starts from and writes an audit entry. A year
without a catalogue of its own is screened on the default one; the first change to it (or creating the
programme year, ``assessments.services.programme.create_programme_year``) copies the previous year's
catalogue into it first, so a year's catalogue never depends on another year's later edits.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from audit.services import record
from regions.models import Criterion, default_catalogue

# What staff may change on a criterion; the code and the programme year are fixed once it exists (values
# are kept under the code).
EDITABLE_FIELDS = tuple(name for name in Criterion.COPIED_FIELDS if name != "code")


def _actor(by):
    return by if by is not None and by.is_authenticated else None


def copy_source(programme_year: int) -> int | None:
    """The year a new catalogue of ``programme_year`` is copied from: the nearest earlier year with a
    catalogue (None: the default catalogue)."""
    return (
        Criterion.objects.filter(programme_year__lt=programme_year)
        .aggregate(year=Max("programme_year"))
        .get("year")
    )


@transaction.atomic
def create_catalogue(*, programme_year: int, by, source_year: int | None = None) -> list[Criterion]:
    """Give the programme year its own catalogue: a copy of ``source_year``'s, by default of the nearest
    earlier year's, else of the default catalogue. Refused when the year already has one."""
    if Criterion.objects.select_for_update().filter(programme_year=programme_year).exists():
        raise ValidationError(
            _("Tahun program %(year)s sudah punya katalog kriteria.") % {"year": programme_year},
            code="catalogue_exists",
        )
    if source_year is None:
        source_year = copy_source(programme_year)
    if source_year is not None:
        source = list(Criterion.objects.filter(programme_year=source_year).order_by("order", "pk"))
        if not source:
            raise ValidationError(
                _("Tahun program %(year)s tidak punya katalog kriteria untuk disalin.")
                % {"year": source_year},
                code="no_source",
            )
    else:
        source = default_catalogue(programme_year)
    created = []
    for criterion in source:
        copy = Criterion(programme_year=programme_year, updated_by=_actor(by), **criterion.copy_fields())
        copy.full_clean(exclude=["updated_by"])
        copy.save()
        created.append(copy)
    record(
        actor=by,
        action="regions.catalogue.create",
        obj=created[0],
        after={
            "programme_year": programme_year,
            "source_year": source_year,
            "codes": [criterion.code for criterion in created],
        },
    )
    return created


def _ensure_catalogue(programme_year: int, by) -> None:
    if not Criterion.objects.filter(programme_year=programme_year).exists():
        create_catalogue(programme_year=programme_year, by=by)


def _apply(criterion: Criterion, values: dict[str, Any]) -> None:
    for name in EDITABLE_FIELDS:
        if name in values:
            setattr(criterion, name, values[name])
    if "grades" in values:
        criterion.grades = [str(grade).strip() for grade in criterion.grades or []]
    if "grade_bands" in values:
        criterion.grade_bands = [str(band) for band in criterion.grade_bands or []]


@transaction.atomic
def add_criterion(*, programme_year: int, code: str, values: dict[str, Any], by) -> Criterion:
    """A new criterion in the programme year's catalogue (copied from the previous year first when the year
    has none), placed last unless ``values`` give its order."""
    _ensure_catalogue(programme_year, by)
    existing = Criterion.objects.select_for_update().filter(programme_year=programme_year)
    if existing.filter(code=code).exists():
        raise ValidationError(
            {
                "code": _("Kode %(code)s sudah ada di katalog %(year)s.")
                % {"code": code, "year": programme_year}
            }
        )
    criterion = Criterion(programme_year=programme_year, code=code, updated_by=_actor(by))
    _apply(criterion, values)
    if "order" not in values or values["order"] in (None, ""):
        criterion.order = (existing.aggregate(top=Max("order"))["top"] or 0) + 1
    criterion.full_clean(exclude=["updated_by"])
    criterion.save()
    record(actor=by, action="regions.criterion.add", obj=criterion, after=criterion.snapshot())
    return criterion


@transaction.atomic
def update_criterion(criterion: Criterion, *, values: dict[str, Any], by) -> Criterion:
    """Change a criterion of a catalogue (its code stays); nothing is written when nothing changed."""
    locked = Criterion.objects.select_for_update().get(pk=criterion.pk)
    before = locked.snapshot()
    _apply(locked, values)
    locked.full_clean(exclude=["updated_by"])
    after = locked.snapshot()
    if after == before:
        return locked
    locked.updated_by = _actor(by)
    locked.save()
    record(actor=by, action="regions.criterion.update", obj=locked, before=before, after=after)
    return locked


@transaction.atomic
def set_criterion(*, programme_year: int, code: str, values: dict[str, Any], by) -> Criterion:
    """Change the criterion ``code`` of the programme year, giving the year its own catalogue first when it
    has none (the default or copied criterion is then changed)."""
    _ensure_catalogue(programme_year, by)
    criterion = Criterion.objects.filter(programme_year=programme_year, code=code).first()
    if criterion is None:
        raise ValidationError(
            _("Kriteria %(code)s tidak ada di katalog %(year)s.") % {"code": code, "year": programme_year},
            code="unknown_criterion",
        )
    return update_criterion(criterion, values=values, by=by)


@transaction.atomic
def remove_criterion(criterion: Criterion, *, by) -> None:
    """Take a criterion out of its year's catalogue; its values stay (other years may read them). The last
    criterion of a catalogue cannot be removed."""
    locked = Criterion.objects.select_for_update().get(pk=criterion.pk)
    siblings = Criterion.objects.select_for_update().filter(programme_year=locked.programme_year)
    if siblings.count() == 1:
        raise ValidationError(_("Katalog harus berisi paling sedikit satu kriteria."), code="last_criterion")
    record(actor=by, action="regions.criterion.remove", obj=locked, before=locked.snapshot())
    locked.delete()


@transaction.atomic
def remove_from_catalogue(*, programme_year: int, code: str, by) -> None:
    """Take ``code`` out of the programme year's catalogue, giving the year its own catalogue first when it
    has none."""
    _ensure_catalogue(programme_year, by)
    criterion = Criterion.objects.filter(programme_year=programme_year, code=code).first()
    if criterion is None:
        raise ValidationError(
            _("Kriteria %(code)s tidak ada di katalog %(year)s.") % {"code": code, "year": programme_year},
            code="unknown_criterion",
        )
    remove_criterion(criterion, by=by)
