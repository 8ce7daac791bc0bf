"""The results the programme states publicly: which candidates the public page and the year summary list,
and which figures they show for each.

A candidate's stated result comes, in this order, from the published announcement of its plenary here (the
final one, else the provisional one), from its finalised plenary (the year summary only: the public page
shows nothing an announcement has not made public), or from the result recorded by staff for a result
decided outside the system (``RecordedResult``); otherwise no score was published.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, Q, QuerySet

from assessments.enums import AnnouncementKind, CandidateStatus, PlenaryStatus
from assessments.models import Announcement, Candidate
from assessments.queries.plenary import published_announcement

S = CandidateStatus

# Provisionally announced candidates, pilots, inaugurated pilots and revoked ones (revoked once announced).
PUBLIC_STATUSES = (S.ANNOUNCED, S.PILOT, S.INAUGURATED, S.REVOKED)


class Source:
    ANNOUNCEMENT = "pengumuman"
    PLENARY = "pleno"
    RECORDED = "dicatat"


@dataclass(frozen=True)
class StatedResult:
    total: Decimal | None  # None: no score was published
    predicate: str
    final: bool  # False for a provisional announcement or a plenary not yet announced as final
    laik: bool | None
    source: str | None  # one of ``Source``, or None when nothing was published

    @property
    def published(self) -> bool:
        return self.total is not None


def _public() -> Q:
    announced = Exists(Announcement.objects.filter(plenary__assessment__candidate=OuterRef("pk")))
    return Q(status__in=(S.ANNOUNCED, S.PILOT, S.INAUGURATED)) | (
        Q(status=S.REVOKED)
        & (Q(announced_on__isnull=False) | Q(recorded_result__isnull=False) | Q(announced))
    )


def _with_results(candidates: QuerySet[Candidate]) -> QuerySet[Candidate]:
    return candidates.select_related(
        "region__province", "programme_year", "assessment__team", "assessment__plenary", "recorded_result"
    ).prefetch_related("assessment__plenary__announcements")


def public_candidates() -> QuerySet[Candidate]:
    """Every candidate the public page lists, with what ``stated_result`` reads (two queries)."""
    return _with_results(Candidate.objects.filter(_public()))


def summary_candidates(programme_year) -> QuerySet[Candidate]:
    """The year summary's candidates: every one with a finalised plenary, and every public one (two
    queries)."""
    return _with_results(
        Candidate.objects.filter(programme_year=programme_year).filter(
            Q(assessment__plenary__status=PlenaryStatus.FINALISED) | _public()
        )
    )


def _plenary(candidate: Candidate):
    try:
        return candidate.assessment.plenary
    except ObjectDoesNotExist:
        return None


def _recorded(candidate: Candidate):
    try:
        return candidate.recorded_result
    except ObjectDoesNotExist:
        return None


def stated_result(candidate: Candidate, *, include_plenary: bool = False) -> StatedResult:
    """The figures to show for a candidate (see the module doc); ``include_plenary`` lets a finalised but
    unannounced plenary speak (the year summary)."""
    plenary = _plenary(candidate)
    if plenary is not None:
        announcement = published_announcement(plenary)
        if announcement is not None:
            return StatedResult(
                announcement.total,
                announcement.predicate,
                announcement.kind == AnnouncementKind.FINAL,
                announcement.laik,
                Source.ANNOUNCEMENT,
            )
        if include_plenary and plenary.is_finalised:
            return StatedResult(plenary.total, plenary.predicate, False, plenary.laik, Source.PLENARY)
    recorded = _recorded(candidate)
    laik = {S.PILOT: True, S.INAUGURATED: True, S.NOT_PILOT: False}.get(candidate.status)
    if recorded is not None:
        if laik is None and recorded.total is not None:
            laik = recorded.total >= candidate.programme_year.pass_mark
        return StatedResult(recorded.total, recorded.predicate, True, laik, Source.RECORDED)
    return StatedResult(None, "", True, laik, None)


def by_total(row_result: StatedResult, region_code: str) -> tuple:
    """Sort key: the highest total first, unpublished scores last, then by region code."""
    total = row_result.total
    return (total is None, -(total or 0), region_code)
