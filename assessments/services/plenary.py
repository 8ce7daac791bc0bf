"""The plenary (rapat pleno): recording the agreed scores and the meeting, finalising and reopening.

Every state change runs in one transaction, locks the plenary row, checks the state it starts from and
writes an audit entry. The reads (inputs, result, the page's rows, the final review) are in
``assessments.queries.plenary``; the announcements in ``assessments.services.announcements``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from assessments.enums import PlenaryStatus, StageStatus
from assessments.models import Assessment, Indicator, Plenary, PlenaryAttendee, PlenaryScore
from assessments.queries.plenary import bands_of, criteria_hold, live_inputs, submitted_values
from assessments.rules import may_see_colleague_scores
from assessments.services.results import compute_result, freeze_bands, freeze_inputs
from assessments.services.scoring import close_stage
from audit.services import record


def plenary_for(assessment: Assessment) -> Plenary:
    """The assessment's plenary, created (open) on the first write; it keeps the caller's ``assessment``
    (and whatever that instance already loaded) instead of reading it again. Only for services and POSTs:
    pages read with ``assessments.queries.plenary.plenary_of``."""
    plenary, _created = Plenary.objects.get_or_create(assessment=assessment)
    plenary.assessment = assessment
    return plenary


# State changes.


def lock_plenary(plenary: Plenary, *, open_only: bool = True) -> Plenary:
    if plenary.pk is None:  # nothing recorded yet: an open plenary
        if open_only:
            plenary = plenary_for(plenary.assessment)
        else:
            raise ValidationError(_("Rapat pleno belum final."), code="not_finalised")
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


def check_plenary_score(
    plenary: Plenary, indicator: Indicator, value: Decimal, reason: str, mean: Decimal | None = None, by=None
) -> None:
    """Refuse a score outside the indicator's scale, or departing from the assessors' mean (``mean``, or
    computed here) by more than the programme year's threshold without a written reason (the message
    tells the mean only to ``by`` who may see the assessors' scores)."""
    if indicator.framework_id != plenary.assessment.framework_id or indicator.is_fed_by_criterion:
        raise ValidationError(_("Indikator ini tidak dinilai dalam pleno."), code="not_scored")
    if not Decimal("0") <= value <= indicator.max_score:
        raise ValidationError(
            _("Nilai harus antara 0 dan %(max)s.") % {"max": number_format(indicator.max_score, 2)},
            code="out_of_scale",
        )
    if mean is None:
        values = submitted_values(plenary.assessment, indicator)
        mean = sum(values, Decimal("0")) / len(values) if values else None
    threshold = plenary.assessment.candidate.programme_year.plenary_reason_threshold
    reason = reason.strip()
    if mean is not None and abs(value - mean) > threshold and not reason:
        if by is not None and not may_see_colleague_scores(by, plenary.assessment):
            raise ValidationError(
                _(
                    "Nilai %(value)s berbeda lebih dari %(threshold)s dari rata-rata penilai: tuliskan alasannya."
                )
                % {"value": number_format(value, 2), "threshold": number_format(threshold, 2)},
                code="reason_required",
            )
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
    """Record the score the plenary agreed for one indicator (``check_plenary_score``)."""
    plenary = lock_plenary(plenary)
    if not may_run_plenary(by, plenary.assessment):
        raise PermissionDenied(_("Hanya ketua tim dan staf yang mencatat nilai pleno."))
    check_plenary_score(plenary, indicator, value, reason, mean, by=by)
    return _save_score(plenary, indicator, value, reason.strip(), by)


def plenary_score_errors(plenary: Plenary, scores: Mapping[Indicator, tuple[Decimal, str]], *, by) -> dict:
    """Indicator code -> the errors ``check_plenary_score`` finds in its score (none: an empty dict)."""
    errors: dict[str, list] = {}
    for indicator, (value, reason) in scores.items():
        try:
            check_plenary_score(plenary, indicator, value, reason, by=by)
        except ValidationError as error:
            errors[indicator.code] = error.error_list
    return errors


@transaction.atomic
def record_plenary_scores(
    *, plenary: Plenary, scores: Mapping[Indicator, tuple[Decimal, str]], by
) -> list[PlenaryScore]:
    """Record the agreed scores of many indicators at once (the plenary page's one form): every score is
    checked first (``check_plenary_score``); when any is refused nothing is saved and the error names
    each refused indicator: ``ValidationError({indicator code: [messages]})``."""
    plenary = lock_plenary(plenary)
    if not may_run_plenary(by, plenary.assessment):
        raise PermissionDenied(_("Hanya ketua tim dan staf yang mencatat nilai pleno."))
    errors = plenary_score_errors(plenary, scores, by=by)
    if errors:
        raise ValidationError(errors)
    return [
        _save_score(plenary, indicator, value, reason.strip(), by)
        for indicator, (value, reason) in scores.items()
    ]


def _save_score(plenary: Plenary, indicator: Indicator, value: Decimal, reason: str, by) -> PlenaryScore:
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
    plenary = lock_plenary(plenary)
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
    and whether the criteria hold) are frozen on the plenary; every stage still open is closed; scores and
    evidence become read-only (``assessments.rules.plenary_is_finalised``). The only place that writes
    ``total``."""
    plenary = lock_plenary(plenary)
    if not may_run_plenary(by, plenary.assessment):
        raise PermissionDenied(_("Hanya ketua tim dan staf yang memfinalkan rapat pleno."))
    if plenary.held_on is None or not plenary.attendees.exists():
        raise ValidationError(_("Catat tanggal dan kehadiran rapat pleno dahulu."), code="meeting_missing")
    inputs = live_inputs(plenary)
    bands = bands_of(plenary)
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
    closed = []
    for stage in plenary.assessment.stages.filter(status=StageStatus.OPEN).order_by("pk"):
        close_stage(plenary.assessment, stage=stage.stage, by=by)
        closed.append(stage.stage)
    record(
        actor=by,
        action="assessments.finalize_plenary",
        obj=plenary,
        after={
            "total": str(result.total),
            "predicate": result.predicate,
            "laik": result.laik,
            "closed_stages": closed,
        },
    )
    return plenary


@transaction.atomic
def reopen_plenary(*, plenary: Plenary, by, reason: str) -> Plenary:
    """Staff reopen a finalised plenary with a written reason (kept in the audit history). Not once an
    announcement is published."""
    from accounts.rules import is_permas_staff

    plenary = lock_plenary(plenary, open_only=False)
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
