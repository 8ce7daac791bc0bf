"""Monitoring of candidates and pilots: which of the given regions no longer meet a criterion or have an
open case, with what changed and when. The caller chooses the regions (the programme year's candidates
and pilots); this module does not know where they come from."""

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from regions.enums import CriterionKind, Outcome, Stage
from regions.models import Criterion, CriterionValueRevision, Region
from regions.queries import SCREENING_CACHE_SECONDS, screening_key
from regions.services.screening import screen_regions


@dataclass
class CriteriaAlert:
    region: Region
    criterion: str
    label: str
    outcome: str
    message: str  # what changed, readable
    changed_at: datetime | None  # when it changed (None: a value that has never arrived)
    kind: str = CriterionKind.SCORE

    @property
    def is_case(self) -> bool:
        return self.kind == CriterionKind.CASES

    @property
    def outcome_label(self) -> str:
        return Outcome(self.outcome).label


def criteria_alerts(
    regions: Iterable[Region],
    *,
    programme_year: int,
    stage: str = Stage.DESIGNATION,
    screening: tuple[list[Criterion], str | None] | None = None,
) -> list[CriteriaAlert]:
    """Every criterion of the programme year's catalogue that fails or lacks its value (where a missing
    value fails) and every open disqualifying case of the regions, judged for ``stage`` (by default
    designation: candidates and pilots must keep meeting it), newest change first (five queries, whatever
    the number of regions). Outside a transaction the alerts are cached with the year's screening
    (``regions.queries.screening_key``: the data version every change of a value, case or region raises,
    and the catalogue's content), per language and set of regions: two queries then, none when the caller
    gives the ``screening`` it read (``monitoring_screening``)."""
    regions = list(regions)
    return _kept_alerts(
        [region.pk for region in regions],
        lambda: regions,
        programme_year=programme_year,
        stage=stage,
        screening=screening,
    )


def criteria_alerts_of(
    region_ids: list[int],
    *,
    programme_year: int,
    stage: str = Stage.DESIGNATION,
    screening: tuple[list[Criterion], str | None] | None = None,
) -> list[CriteriaAlert]:
    """``criteria_alerts`` of the regions with these keys, for a page that has read only their keys (the
    staff home): the regions themselves are read (one query) only when their alerts are not kept."""
    return _kept_alerts(
        region_ids,
        lambda: list(Region.objects.filter(pk__in=region_ids).select_related("province").order_by("code")),
        programme_year=programme_year,
        stage=stage,
        screening=screening,
    )


def _kept_alerts(
    region_ids: list[int],
    regions: Callable[[], list[Region]],
    *,
    programme_year: int,
    stage: str,
    screening: tuple[list[Criterion], str | None] | None,
) -> list[CriteriaAlert]:
    if not region_ids:
        return []
    catalogue, key = screening or monitoring_screening(programme_year, stage=stage)
    if key:
        regions_hash = hashlib.sha256(",".join(str(pk) for pk in sorted(region_ids)).encode())
        key = f"{key}.alerts.{get_language()}.{regions_hash.hexdigest()}"
        alerts = cache.get(key)
        if alerts is not None:
            return alerts
    alerts = _alerts(regions(), programme_year, stage=stage, catalogue=catalogue)
    if key:
        cache.set(key, alerts, SCREENING_CACHE_SECONDS)
    return alerts


def monitoring_screening(
    programme_year: int, *, stage: str = Stage.DESIGNATION
) -> tuple[list[Criterion], str | None]:
    """The catalogue ``criteria_alerts`` judges by and the screening key its alerts are cached under
    (``regions.queries.screening_key``; None inside a transaction): two queries. A page that keeps more
    under the same key reads them once."""
    catalogue = Criterion.objects.for_year(programme_year)
    return catalogue, screening_key(programme_year, stage=stage, catalogue=catalogue)


def _alerts(regions: list[Region], programme_year: int, *, stage: str, catalogue) -> list[CriteriaAlert]:
    screenings = screen_regions(programme_year, regions, stage=stage, catalogue=catalogue)
    used = [value for s in screenings for r in s.problems() for value in r.values]
    history = defaultdict(list)
    for revision in CriterionValueRevision.objects.filter(value__in=[value.pk for value in used]).order_by(
        "changed_at", "pk"
    ):
        history[revision.value_id].append(revision)
    alerts = []
    for screening in screenings:
        for result in screening.problems():
            if result.is_cases:
                for case in result.cases:
                    alerts.append(
                        CriteriaAlert(
                            region=screening.region,
                            criterion=result.criterion,
                            label=result.label,
                            outcome=result.outcome,
                            message=_(
                                "Kasus terbuka: %(person)s (%(position)s), tahap %(stage)s oleh %(handler)s "
                                "sejak %(start)s."
                            )
                            % {
                                "person": case.person_name,
                                "position": case.get_position_display(),
                                "stage": case.get_stage_display().lower(),
                                "handler": case.get_handler_display(),
                                "start": date_format(case.started_on),
                            },
                            changed_at=case.entered_at,
                            kind=result.kind,
                        )
                    )
                continue
            failing = [value for value in result.values if value]
            if result.outcome == Outcome.MISSING and not failing:
                message = _("Nilai tahun data %(years)s belum ada.") % {
                    "years": ", ".join(str(year) for year in result.data_years)
                }
                alerts.append(
                    CriteriaAlert(
                        screening.region,
                        result.criterion,
                        result.label,
                        result.outcome,
                        message,
                        None,
                        result.kind,
                    )
                )
                continue
            newest = max(failing, key=lambda value: value.entered_at)
            revisions = history.get(newest.pk, [])
            current = newest.display_value()
            if len(revisions) > 1:
                message = _("%(year)s: %(before)s menjadi %(after)s (syarat %(threshold)s).") % {
                    "year": newest.data_year,
                    "before": revisions[-2].display_value(),
                    "after": current,
                    "threshold": result.threshold,
                }
            else:
                message = _("%(year)s: %(value)s (syarat %(threshold)s).") % {
                    "year": newest.data_year,
                    "value": current,
                    "threshold": result.threshold,
                }
            if result.outcome == Outcome.MISSING:
                message += " " + _("Sebagian tahun data belum ada.")
            alerts.append(
                CriteriaAlert(
                    screening.region,
                    result.criterion,
                    result.label,
                    result.outcome,
                    message,
                    newest.entered_at,
                    result.kind,
                )
            )
    return sorted(
        alerts,
        key=lambda alert: (
            alert.changed_at is None,
            -(alert.changed_at.timestamp() if alert.changed_at else 0),
        ),
    )
