"""The plenary (rapat pleno), its finalisation and reopening, and the provisional and final announcements.

Every state change runs in one transaction, locks the plenary row, checks the state it starts from and
writes an audit entry. The numbers come from ``assessments.services.results`` (pure functions): while the
plenary is open they are computed live; finalising freezes the inputs on the plenary so that the result
can always be reproduced, and the final announcement recomputes them with the final MCP/MCSP value.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from assessments.enums import (
    AnnouncementKind,
    IndicatorSource,
    PlenaryStatus,
    SubmissionStatus,
)
from assessments.enums import (
    CandidateStatus as CS,
)
from assessments.models import (
    Announcement,
    AnnouncementWitness,
    Assessment,
    Indicator,
    Plenary,
    PlenaryAttendee,
    PlenaryScore,
    Score,
)
from assessments.services.results import (
    Band,
    CriterionFeed,
    IndicatorInput,
    Result,
    compute_result,
    freeze_bands,
    freeze_inputs,
    thaw_bands,
    thaw_inputs,
    with_criterion_value,
)
from audit.services import record
from regions.enums import Stage, ValueStatus
from regions.models import CriterionValue
from regions.services.screening import screen_region


def plenary_for(assessment: Assessment) -> Plenary:
    """The assessment's plenary, created (open) on first use; it keeps the caller's ``assessment`` (and
    whatever that instance already loaded) instead of reading it again."""
    plenary, _created = Plenary.objects.get_or_create(assessment=assessment)
    plenary.assessment = assessment
    return plenary


def fed_value(assessment: Assessment, criterion: str) -> CriterionValue | None:
    """The value feeding an indicator: the region's value of the criterion for the programme year's own data
    year (e.g. the MCSP 2025 running value for Percontohan 2025), else the newest one before it."""
    return (
        CriterionValue.objects.filter(
            region_id=assessment.candidate.region_id,
            criterion=criterion,
            data_year__lte=assessment.candidate.programme_year.year,
            score__isnull=False,
        )
        .order_by("-data_year")
        .first()
    )


def _indicators(assessment: Assessment) -> list[Indicator]:
    return list(
        assessment.framework.indicators.select_related("component").prefetch_related("value_mappings")
    )


def live_inputs(plenary: Plenary, indicators: Sequence[Indicator] | None = None) -> list[IndicatorInput]:
    """The inputs as they stand now: the agreed scores and the current criterion values."""
    assessment = plenary.assessment
    indicators = _indicators(assessment) if indicators is None else indicators
    agreed = {score.indicator_id: score.value for score in plenary.scores.all()}
    values: dict[str, CriterionValue | None] = {}
    inputs = []
    for indicator in indicators:
        feed = None
        if indicator.source == IndicatorSource.CRITERION:
            if indicator.criterion not in values:
                values[indicator.criterion] = fed_value(assessment, indicator.criterion)
            value = values[indicator.criterion]
            if value is not None:
                feed = CriterionFeed(
                    criterion=indicator.criterion,
                    value=value.score,
                    data_year=value.data_year,
                    status=value.status,
                    mappings=tuple((band.min_value, band.score) for band in indicator.value_mappings.all()),
                )
        inputs.append(
            IndicatorInput(
                code=indicator.code,
                name=indicator.name,
                component_order=indicator.component.order,
                component_name=indicator.component.name,
                weight=indicator.weight,
                max_score=indicator.max_score,
                score=agreed.get(indicator.pk) if feed is None else None,
                feed=feed,
            )
        )
    return inputs


def _bands(plenary: Plenary) -> list[Band]:
    year = plenary.assessment.candidate.programme_year
    return [Band(band.name, band.min_score, band.max_score) for band in year.predicate_bands.all()]


def criteria_hold(assessment: Assessment) -> bool:
    """Whether the region still meets the criteria of its programme year's catalogue that decide designation
    (screening service)."""
    return screen_region(
        assessment.candidate.region, assessment.candidate.programme_year.year, stage=Stage.DESIGNATION
    ).eligible


def frozen_result(plenary: Plenary, frozen_inputs: Sequence[dict] | None = None) -> Result:
    """The result recomputed from what finalising froze: the plenary's own inputs, or an announcement's
    (frozen the same way, e.g. with the final MCP/MCSP value), with the frozen bands, pass mark and
    criteria."""
    return compute_result(
        thaw_inputs(plenary.frozen_inputs if frozen_inputs is None else frozen_inputs),
        pass_mark=plenary.frozen_pass_mark,
        bands=thaw_bands(plenary.frozen_bands),
        criteria_hold=bool(plenary.criteria_hold),
    )


def plenary_result(plenary: Plenary, inputs: Sequence[IndicatorInput] | None = None) -> Result:
    """The result: frozen once the plenary is finalised, live while it is open (from ``inputs`` when the
    caller already gathered them with ``live_inputs``)."""
    if plenary.is_finalised and plenary.frozen_inputs:
        return frozen_result(plenary)
    return compute_result(
        live_inputs(plenary) if inputs is None else inputs,
        pass_mark=plenary.assessment.candidate.programme_year.pass_mark,
        bands=_bands(plenary),
        criteria_hold=criteria_hold(plenary.assessment),
    )


def published_announcement(plenary: Plenary) -> Announcement | None:
    """The announcement that states the plenary's result publicly: the final one once published, else the
    provisional one (from ``plenary.announcements``, prefetched by list pages)."""
    announcements = {announcement.kind: announcement for announcement in plenary.announcements.all()}
    return announcements.get(AnnouncementKind.FINAL) or announcements.get(AnnouncementKind.PROVISIONAL)


# The plenary page's rows.


@dataclass
class StageScore:
    assessor: str
    stage: str
    value: Decimal


@dataclass
class PlenaryRow:
    indicator: Indicator
    scores: list[StageScore] = field(default_factory=list)
    mean: Decimal | None = None
    median: Decimal | None = None
    spread: Decimal | None = None
    agreed: PlenaryScore | None = None
    feed: CriterionFeed | None = None
    evidence: list[str] = field(default_factory=list)  # review status labels of the linked documents


def plenary_sheet(plenary: Plenary) -> tuple[list[PlenaryRow], Result]:
    """The plenary page: its rows and its result, from one reading of the framework, the agreed scores
    and the criterion values. A constant number of queries."""
    indicators = _indicators(plenary.assessment)
    inputs = live_inputs(plenary, indicators)
    return plenary_rows(plenary, indicators, inputs), plenary_result(plenary, inputs)


def plenary_rows(
    plenary: Plenary, indicators: Sequence[Indicator], inputs: Sequence[IndicatorInput]
) -> list[PlenaryRow]:
    """One row per indicator (``inputs`` are its ``live_inputs``): every submitted score per assessor and
    stage, mean, median, spread (max - min), the agreed score and the evidence status; sorted by
    disagreement (largest spread first), the criterion-fed indicators last."""
    assessment = plenary.assessment
    rows = {indicator.pk: PlenaryRow(indicator=indicator) for indicator in indicators}
    scores = (
        Score.objects.filter(
            submission__stage__assessment=assessment,
            submission__status=SubmissionStatus.SUBMITTED,
            value__isnull=False,
        )
        .select_related("submission__assessor", "submission__stage")
        .order_by("submission__stage__stage", "submission__assessor__name")
    )
    for score in scores:
        if score.indicator_id in rows:
            rows[score.indicator_id].scores.append(
                StageScore(
                    assessor=score.submission.assessor.name or score.submission.assessor.username,
                    stage=score.submission.stage.get_stage_display(),
                    value=score.value,
                )
            )
    for agreed in plenary.scores.all():
        if agreed.indicator_id in rows:
            rows[agreed.indicator_id].agreed = agreed
    for indicator_input, indicator in zip(inputs, indicators, strict=True):
        rows[indicator.pk].feed = indicator_input.feed
    for status, indicator_ids in _evidence_statuses(assessment).items():
        for indicator_id in indicator_ids:
            if indicator_id in rows:
                rows[indicator_id].evidence.append(status)
    for row in rows.values():
        values = [score.value for score in row.scores]
        if values:
            row.mean = (sum(values, Decimal("0")) / len(values)).quantize(Decimal("0.01"))
            row.median = Decimal(statistics.median(values)).quantize(Decimal("0.01"))
            row.spread = max(values) - min(values)
    return sorted(
        rows.values(),
        key=lambda row: (row.feed is not None, -(row.spread or Decimal("-1")), row.indicator.order),
    )


def _evidence_statuses(assessment: Assessment) -> dict[str, list[int]]:
    """Review status label -> indicator ids of the candidacy's evidence documents (one query)."""
    from assessments.models import Document

    by_status: dict[str, list[int]] = defaultdict(list)
    documents = Document.objects.filter(candidate=assessment.candidate).select_related("current_version")
    for document in documents.prefetch_related("indicators"):
        for indicator in document.indicators.all():
            by_status[document.get_status_display()].append(indicator.pk)
    return by_status


# State changes.


def _lock(plenary: Plenary, *, open_only: bool = True) -> Plenary:
    plenary = (
        Plenary.objects.select_for_update()
        .select_related("assessment__candidate__programme_year")
        .get(pk=plenary.pk)
    )
    if open_only and plenary.is_finalised:
        raise ValidationError(_("Rapat pleno sudah final; buka kembali dahulu."), code="finalised")
    return plenary


def may_run_plenary(user, assessment: Assessment) -> bool:
    """Staff, or the team's chair unless recused (the ``assessments.run_plenary`` rule without its
    "not finalised" part, which the services check on the locked row)."""
    from accounts.rules import is_permas_staff
    from assessments.rules import is_chair_of_assessment

    return is_permas_staff(user) or is_chair_of_assessment(user, assessment)


@transaction.atomic
def record_plenary_score(
    *,
    plenary: Plenary,
    indicator: Indicator,
    value: Decimal,
    reason: str = "",
    by,
    mean: Decimal | None = None,
) -> PlenaryScore:
    """Record the score the plenary agreed for one indicator. A score departing from the assessors' mean
    (``mean``, or computed here) by more than the programme year's threshold needs a written reason."""
    plenary = _lock(plenary)
    if not may_run_plenary(by, plenary.assessment):
        raise PermissionDenied(_("Hanya ketua tim dan staf yang mencatat nilai pleno."))
    if indicator.framework_id != plenary.assessment.framework_id or indicator.is_fed_by_criterion:
        raise ValidationError(_("Indikator ini tidak dinilai dalam pleno."), code="not_scored")
    if not Decimal("0") <= value <= indicator.max_score:
        raise ValidationError(
            _("Nilai harus antara 0 dan %(max)s.") % {"max": number_format(indicator.max_score, 2)},
            code="out_of_scale",
        )
    if mean is None:
        values = list(
            Score.objects.filter(
                submission__stage__assessment=plenary.assessment,
                submission__status=SubmissionStatus.SUBMITTED,
                indicator=indicator,
                value__isnull=False,
            ).values_list("value", flat=True)
        )
        mean = sum(values, Decimal("0")) / len(values) if values else None
    threshold = plenary.assessment.candidate.programme_year.plenary_reason_threshold
    reason = reason.strip()
    if mean is not None and abs(value - mean) > threshold and not reason:
        raise ValidationError(
            _(
                "Nilai %(value)s berbeda lebih dari %(threshold)s dari rata-rata penilai (%(mean)s): "
                "tuliskan alasannya."
            )
            % {
                "value": number_format(value, 2),
                "threshold": number_format(threshold, 2),
                "mean": number_format(mean, 2),
            },
            code="reason_required",
        )
    existing = PlenaryScore.objects.filter(plenary=plenary, indicator=indicator).first()
    before = None if existing is None else {"value": str(existing.value), "reason": existing.reason}
    score, _created = PlenaryScore.objects.update_or_create(
        plenary=plenary,
        indicator=indicator,
        defaults={"value": value, "reason": reason, "updated_at": timezone.now(), "updated_by": by},
    )
    record(
        actor=by,
        action="assessments.record_plenary_score",
        obj=plenary,
        before=before,
        after={"indicator": indicator.code, "value": str(value), "reason": reason},
    )
    return score


@transaction.atomic
def record_meeting(
    *,
    plenary: Plenary,
    held_on: date,
    place: str,
    attendees: Sequence[tuple[str, str, str]],
    notes: str = "",
    recommendations: str = "",
    by,
) -> Plenary:
    """The meeting's date, place, notes, recommendations and attendance ((name, position, institution),
    in signature order; replaces the previous list)."""
    plenary = _lock(plenary)
    if not may_run_plenary(by, plenary.assessment):
        raise PermissionDenied(_("Hanya ketua tim dan staf yang mencatat rapat pleno."))
    before = {"held_on": plenary.held_on.isoformat() if plenary.held_on else None, "place": plenary.place}
    plenary.held_on, plenary.place = held_on, place.strip()
    plenary.notes, plenary.recommendations = notes.strip(), recommendations.strip()
    plenary.save(update_fields=["held_on", "place", "notes", "recommendations"])
    plenary.attendees.all().delete()
    PlenaryAttendee.objects.bulk_create(
        PlenaryAttendee(plenary=plenary, order=index, name=name, position=position, institution=institution)
        for index, (name, position, institution) in enumerate(attendees, start=1)
    )
    record(
        actor=by,
        action="assessments.record_plenary_meeting",
        obj=plenary,
        before=before,
        after={
            "held_on": held_on.isoformat(),
            "place": plenary.place,
            "attendees": [a[0] for a in attendees],
        },
    )
    return plenary


@transaction.atomic
def finalize_plenary(*, plenary: Plenary, by) -> Plenary:
    """Finalise the plenary: every indicator has its score, the meeting is recorded; the numbers used
    (framework, weights, scores, criterion values with data year and status, predicate bands, pass mark
    and whether the criteria hold) are frozen on the plenary; scores and evidence become read-only
    (``assessments.rules.plenary_is_finalised``). The only place that writes ``total``."""
    plenary = _lock(plenary)
    if not may_run_plenary(by, plenary.assessment):
        raise PermissionDenied(_("Hanya ketua tim dan staf yang memfinalkan rapat pleno."))
    if plenary.held_on is None or not plenary.attendees.exists():
        raise ValidationError(_("Catat tanggal dan kehadiran rapat pleno dahulu."), code="meeting_missing")
    inputs = live_inputs(plenary)
    bands = _bands(plenary)
    year = plenary.assessment.candidate.programme_year
    hold = criteria_hold(plenary.assessment)
    result = compute_result(inputs, pass_mark=year.pass_mark, bands=bands, criteria_hold=hold)
    if result.missing:
        raise ValidationError(
            _("Belum ada nilai untuk indikator: %(codes)s.") % {"codes": ", ".join(result.missing)},
            code="incomplete",
        )
    plenary.frozen_inputs = freeze_inputs(inputs)
    plenary.frozen_bands = freeze_bands(bands)
    plenary.frozen_pass_mark = year.pass_mark
    plenary.criteria_hold = hold
    plenary.total, plenary.predicate, plenary.laik = result.total, result.predicate, result.laik
    plenary.status = PlenaryStatus.FINALISED
    plenary.finalised_at, plenary.finalised_by = timezone.now(), by
    plenary.save()
    record(
        actor=by,
        action="assessments.finalize_plenary",
        obj=plenary,
        after={"total": str(result.total), "predicate": result.predicate, "laik": result.laik},
    )
    return plenary


@transaction.atomic
def reopen_plenary(*, plenary: Plenary, by, reason: str) -> Plenary:
    """Staff reopen a finalised plenary with a written reason (kept in the audit history). Not once an
    announcement is published."""
    from accounts.rules import is_permas_staff

    plenary = _lock(plenary, open_only=False)
    if not is_permas_staff(by):
        raise PermissionDenied(_("Hanya staf Dit Permas yang dapat membuka kembali rapat pleno."))
    if not plenary.is_finalised:
        raise ValidationError(_("Rapat pleno belum final."), code="not_finalised")
    if plenary.announcements.exists():
        raise ValidationError(
            _("Hasil sudah diumumkan; rapat pleno tidak dapat dibuka kembali."), code="announced"
        )
    if not reason.strip():
        raise ValidationError(_("Tuliskan alasan membuka kembali rapat pleno."), code="reason_required")
    before = {"total": str(plenary.total), "predicate": plenary.predicate, "laik": plenary.laik}
    plenary.status = PlenaryStatus.OPEN
    plenary.finalised_at = plenary.finalised_by = None
    plenary.total, plenary.predicate, plenary.laik = None, "", None
    plenary.frozen_inputs, plenary.frozen_bands = [], []
    plenary.frozen_pass_mark = plenary.criteria_hold = None
    plenary.save()
    record(actor=by, action="assessments.reopen_plenary", obj=plenary, before=before, reason=reason.strip())
    return plenary


# Announcements.


@dataclass
class FinalReview:
    """The provisional result beside the one recomputed from the frozen numbers with the final value."""

    provisional: Result
    final: Result | None
    provisional_feeds: list[CriterionFeed]
    final_feeds: list[CriterionFeed]

    @property
    def ready(self) -> bool:
        return self.final is not None

    @property
    def difference(self) -> Decimal | None:
        return None if self.final is None else self.final.total - self.provisional.total

    @property
    def is_lower(self) -> bool:
        return self.final is not None and self.final.total < self.provisional.total

    @property
    def value_is_lower(self) -> bool:
        return any(
            final.value < provisional.value
            for provisional, final in zip(self.provisional_feeds, self.final_feeds, strict=False)
        )


def final_review(plenary: Plenary) -> FinalReview:
    """Recompute the frozen result with the final value of every criterion feeding an indicator; ``final``
    is None while any of them has no final value yet."""
    inputs = thaw_inputs(plenary.frozen_inputs)
    pass_mark, bands = plenary.frozen_pass_mark, thaw_bands(plenary.frozen_bands)
    provisional = frozen_result(plenary)
    feeds = [indicator.feed for indicator in inputs if indicator.feed is not None]
    final_inputs, final_feeds = inputs, []
    for feed in feeds:
        value = CriterionValue.objects.filter(
            region_id=plenary.assessment.candidate.region_id,
            criterion=feed.criterion,
            data_year=feed.data_year,
            status=ValueStatus.FINAL,
        ).first()
        if value is None:
            return FinalReview(provisional, None, feeds, [])
        final_inputs = with_criterion_value(
            final_inputs,
            criterion=feed.criterion,
            value=value.score,
            data_year=value.data_year,
            status=value.status,
        )
        final_feeds.append(
            CriterionFeed(feed.criterion, value.score, value.data_year, value.status, feed.mappings)
        )
    final = compute_result(
        final_inputs, pass_mark=pass_mark, bands=bands, criteria_hold=criteria_hold(plenary.assessment)
    )
    return FinalReview(provisional, final, feeds, final_feeds)


def _check_objection(plenary: Plenary) -> None:
    """The final announcement waits until the region's objection is answered (issue 13)."""
    from assessments.services.objections import ensure_objection_settled

    ensure_objection_settled(plenary)


@transaction.atomic
def publish_announcement(
    *,
    plenary: Plenary,
    kind: str,
    announced_on: date,
    place: str,
    official_name: str,
    official_position: str,
    witnesses: Sequence[tuple[str, str]],
    by,
) -> Announcement:
    """Publish the provisional announcement (the frozen result) or the final one (recomputed with the final
    MCP/MCSP value, after staff reviewed it). Moves the candidate along through the candidate services."""
    from accounts.rules import is_permas_staff
    from assessments.services import candidates as candidate_services

    plenary = _lock(plenary, open_only=False)
    if not is_permas_staff(by):
        raise PermissionDenied(_("Hanya staf Dit Permas yang menerbitkan pengumuman."))
    if not plenary.is_finalised:
        raise ValidationError(_("Finalkan rapat pleno dahulu."), code="not_finalised")
    if plenary.announcements.filter(kind=kind).exists():
        raise ValidationError(_("Pengumuman ini sudah diterbitkan."), code="already_published")
    if not (place.strip() and official_name.strip() and official_position.strip()):
        raise ValidationError(_("Isi tempat, nama dan jabatan pejabat yang mengumumkan."), code="incomplete")
    if kind == AnnouncementKind.PROVISIONAL:
        result, inputs = plenary_result(plenary), plenary.frozen_inputs
    else:
        if not plenary.announcements.filter(kind=AnnouncementKind.PROVISIONAL).exists():
            raise ValidationError(_("Terbitkan pengumuman sementara dahulu."), code="no_provisional")
        _check_objection(plenary)
        review = final_review(plenary)
        if review.final is None:
            raise ValidationError(_("Nilai akhir MCP/MCSP belum ada."), code="final_value_missing")
        result = review.final
        inputs = freeze_inputs([row.input for row in result.indicators])
    announcement = Announcement.objects.create(
        plenary=plenary,
        kind=kind,
        announced_on=announced_on,
        place=place.strip(),
        official_name=official_name.strip(),
        official_position=official_position.strip(),
        total=result.total,
        predicate=result.predicate,
        laik=result.laik,
        inputs=inputs,
        published_at=timezone.now(),
        published_by=by,
    )
    AnnouncementWitness.objects.bulk_create(
        AnnouncementWitness(announcement=announcement, order=index, name=name, position=position)
        for index, (name, position) in enumerate(witnesses, start=1)
    )
    candidate = plenary.assessment.candidate
    if kind == AnnouncementKind.PROVISIONAL and candidate.status in (CS.DESIGNATED, CS.ASSESSED):
        if candidate.status == CS.DESIGNATED:
            candidate = candidate_services.mark_assessed(candidate=candidate, by=by)
        candidate_services.announce_provisionally(candidate=candidate, by=by, announced_on=announced_on)
    elif kind == AnnouncementKind.FINAL and candidate.status == CS.ANNOUNCED:
        candidate_services.record_final_result(
            candidate=candidate, by=by, pilot=result.laik, result_on=announced_on
        )
    record(
        actor=by,
        action="assessments.publish_announcement",
        obj=announcement,
        after={"kind": kind, "total": str(result.total), "predicate": result.predicate, "laik": result.laik},
    )
    return announcement
