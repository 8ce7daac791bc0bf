"""The objection window (sanggah) after the provisional announcement.

The region files one objection per plenary, inside the window (the programme year's number of working days
after the provisional announcement, Monday to Friday; national holidays are not known to the system), with
one point per indicator and its evidence. The team answers every point: accepted, with the changed agreed
score (``amend_agreed_score``, which recomputes the plenary's frozen result), or rejected with a reason. The
final announcement cannot be published while a point is unanswered (``ensure_objection_settled``, called by
``assessments.services.plenary.publish_announcement``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from accounts.rules import is_permas_staff
from assessments.enums import AnnouncementKind, ObjectionAnswer, ObjectionStatus
from assessments.models import (
    Indicator,
    Objection,
    ObjectionPoint,
    Plenary,
    PlenaryScore,
    RegionSchedule,
)
from assessments.models.selfassessment import DEFAULT_OBJECTION_WORKING_DAYS
from assessments.rules import is_inspector_of_candidate, is_team_member_of_assessment
from assessments.services.region_files import store_files
from audit.services import record


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days (Monday to Friday) after ``start``."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


@dataclass(frozen=True)
class Window:
    opens_on: date
    closes_on: date
    working_days: int

    def is_open(self, today: date) -> bool:
        return self.opens_on <= today <= self.closes_on


def objection_window(plenary: Plenary) -> Window | None:
    """From the provisional announcement's date to the last working day of the window; None before the
    provisional announcement."""
    announcement = plenary.announcements.filter(kind=AnnouncementKind.PROVISIONAL).first()
    if announcement is None:
        return None
    schedule = RegionSchedule.objects.filter(
        programme_year=plenary.assessment.candidate.programme_year_id
    ).first()
    days = schedule.objection_working_days if schedule else DEFAULT_OBJECTION_WORKING_DAYS
    return Window(announcement.announced_on, add_working_days(announcement.announced_on, days), days)


@dataclass
class PointInput:
    indicator: Indicator
    argument: str
    requested_value: Decimal | None = None
    files: Sequence = field(default_factory=tuple)


@transaction.atomic
def file_objection(
    *, plenary: Plenary, points: Sequence[PointInput], by, today: date | None = None
) -> Objection:
    """The region's one objection, inside the window, with at least one point (one per indicator)."""
    plenary = Plenary.objects.select_for_update().select_related("assessment__candidate").get(pk=plenary.pk)
    candidate = plenary.assessment.candidate
    if not is_inspector_of_candidate(by, candidate):
        raise PermissionDenied(_("Hanya inspektur daerah yang mengajukan sanggahan."))
    today = today or timezone.localdate()
    window = objection_window(plenary)
    if window is None:
        raise ValidationError(
            _("Sanggahan dapat diajukan setelah pengumuman sementara."), code="not_announced"
        )
    if plenary.announcements.filter(kind=AnnouncementKind.FINAL).exists():
        raise ValidationError(_("Hasil akhir sudah diumumkan."), code="final_published")
    if not window.is_open(today):
        raise ValidationError(
            _("Masa sanggah berakhir pada %(date)s.") % {"date": date_format(window.closes_on)},
            code="window_closed",
        )
    if Objection.objects.filter(plenary=plenary).exists():
        raise ValidationError(
            _("Sanggahan sudah diajukan; daerah hanya dapat mengajukan satu sanggahan."), code="duplicate"
        )
    if not points:
        raise ValidationError(_("Ajukan paling sedikit satu butir sanggahan."), code="empty")
    codes = [point.indicator.code for point in points]
    if len(set(codes)) != len(codes):
        raise ValidationError(_("Satu butir sanggahan untuk setiap indikator."), code="duplicate_indicator")
    agreed = {score.indicator_id: score.value for score in plenary.scores.all()}
    for point in points:
        if (
            point.indicator.framework_id != plenary.assessment.framework_id
            or point.indicator.is_fed_by_criterion
        ):
            raise ValidationError(
                _("Indikator %(code)s tidak dapat disanggah.") % {"code": point.indicator.code},
                code="not_scored",
            )
        if not point.argument.strip():
            raise ValidationError(
                _("Tuliskan alasan sanggahan indikator %(code)s.") % {"code": point.indicator.code},
                code="argument_required",
            )
        if (
            point.requested_value is not None
            and not Decimal("0") <= point.requested_value <= point.indicator.max_score
        ):
            raise ValidationError(
                _("Nilai yang diminta untuk indikator %(code)s harus antara 0 dan %(max)s.")
                % {"code": point.indicator.code, "max": number_format(point.indicator.max_score, 2)},
                code="out_of_scale",
            )
    objection = Objection.objects.create(plenary=plenary, filed_at=timezone.now(), filed_by=by)
    for point in points:
        row = ObjectionPoint.objects.create(
            objection=objection,
            indicator=point.indicator,
            argument=point.argument.strip(),
            requested_value=point.requested_value,
            agreed_value=agreed.get(point.indicator.pk),
        )
        store_files(point.files, by=by, objection_point=row)
    record(
        actor=by,
        action="assessments.file_objection",
        obj=objection,
        after={
            "points": codes,
            "requested": [None if p.requested_value is None else str(p.requested_value) for p in points],
        },
    )
    return objection


def may_answer(user, plenary: Plenary) -> bool:
    return is_permas_staff(user) or is_team_member_of_assessment(user, plenary.assessment)


@transaction.atomic
def amend_agreed_score(*, plenary: Plenary, indicator: Indicator, value: Decimal, reason: str, by) -> Plenary:
    """Change one agreed score of a finalised plenary after an accepted objection: the agreed score, the
    frozen inputs and the frozen result (total, predicate, laik) are updated together. The final announcement
    recomputes from these frozen inputs; the provisional one keeps the figures it was published with."""
    from assessments.queries.plenary import frozen_result

    plenary = Plenary.objects.select_for_update().get(pk=plenary.pk)
    if not plenary.is_finalised:
        raise ValidationError(_("Rapat pleno belum final."), code="not_finalised")
    if plenary.announcements.filter(kind=AnnouncementKind.FINAL).exists():
        raise ValidationError(_("Hasil akhir sudah diumumkan."), code="final_published")
    if not Decimal("0") <= value <= indicator.max_score:
        raise ValidationError(
            _("Nilai harus antara 0 dan %(max)s.") % {"max": number_format(indicator.max_score, 2)},
            code="out_of_scale",
        )
    score = PlenaryScore.objects.select_for_update().get(plenary=plenary, indicator=indicator)
    before = {"indicator": indicator.code, "value": str(score.value), "total": str(plenary.total)}
    score.value, score.reason = value, reason.strip()
    score.updated_at, score.updated_by = timezone.now(), by
    score.save()
    inputs = [dict(row) for row in plenary.frozen_inputs]
    for row in inputs:
        if row["code"] == indicator.code:
            row["score"] = str(value)
    plenary.frozen_inputs = inputs
    result = frozen_result(plenary)
    plenary.total, plenary.predicate, plenary.laik = result.total, result.predicate, result.laik
    plenary.save(update_fields=["frozen_inputs", "total", "predicate", "laik"])
    record(
        actor=by,
        action="assessments.amend_agreed_score",
        obj=plenary,
        before=before,
        after={"indicator": indicator.code, "value": str(value), "total": str(result.total)},
        reason=reason.strip(),
    )
    return plenary


@transaction.atomic
def answer_point(
    *, point: ObjectionPoint, accepted: bool, reason: str, by, new_value: Decimal | None = None
) -> ObjectionPoint:
    """The team's answer to one point: accepted with the changed score, or rejected with a reason. The
    objection is answered once every point is."""
    point = (
        ObjectionPoint.objects.select_for_update()
        .select_related("objection__plenary__assessment", "indicator")
        .get(pk=point.pk)
    )
    objection = point.objection
    plenary = objection.plenary
    if not may_answer(by, plenary):
        raise PermissionDenied(_("Hanya tim penilai dan staf yang menjawab sanggahan."))
    if point.answer != ObjectionAnswer.PENDING:
        raise ValidationError(_("Butir ini sudah dijawab."), code="answered")
    reason = reason.strip()
    if accepted:
        if new_value is None:
            raise ValidationError(_("Isi nilai baru untuk sanggahan yang diterima."), code="value_required")
        amend_agreed_score(
            plenary=plenary,
            indicator=point.indicator,
            value=new_value,
            reason=reason or _("Sanggahan diterima."),
            by=by,
        )
        point.answer, point.new_value = ObjectionAnswer.ACCEPTED, new_value
    else:
        if not reason:
            raise ValidationError(_("Tuliskan alasan sanggahan ditolak."), code="reason_required")
        point.answer = ObjectionAnswer.REJECTED
    point.answer_reason = reason
    point.answered_at, point.answered_by = timezone.now(), by
    point.save()
    if not objection.points.filter(answer=ObjectionAnswer.PENDING).exists():
        objection.status, objection.answered_at = ObjectionStatus.ANSWERED, timezone.now()
        objection.save(update_fields=["status", "answered_at"])
    record(
        actor=by,
        action="assessments.answer_objection",
        obj=objection,
        after={
            "indicator": point.indicator.code,
            "answer": point.answer,
            "new_value": None if point.new_value is None else str(point.new_value),
        },
        reason=reason,
    )
    return point


def ensure_objection_settled(plenary: Plenary) -> None:
    """The gate of the final announcement: refused while the region's objection has an unanswered point."""
    objection = Objection.objects.filter(plenary=plenary).first()
    if objection is not None and not objection.is_answered:
        raise ValidationError(
            _("Sanggahan daerah belum dijawab seluruhnya; pengumuman akhir belum dapat diterbitkan."),
            code="objection_unanswered",
        )
