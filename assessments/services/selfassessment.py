"""State changes of the self-assessment (penilaian mandiri) and the region's schedule.

Every function runs in one transaction, locks the row it changes, checks the state it starts from and
writes an audit entry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.rules import is_permas_staff
from assessments.enums import SELF_ASSESSMENT_OPEN_STATUSES, SelfAssessmentStatus
from assessments.models import (
    Candidate,
    Document,
    Indicator,
    ProgrammeYear,
    RegionSchedule,
    SelfAssessment,
    SelfAssessmentContributor,
    SelfScore,
)
from assessments.rules import is_inspector_of_candidate, is_self_assessor_of_candidate
from audit.services import record


@dataclass(frozen=True)
class SelfEntry:
    """What the form gives for one indicator."""

    value: Decimal | None
    justification: str = ""
    document_ids: Sequence[int] = field(default_factory=tuple)


def self_assessment_deadline(candidate: Candidate) -> date | None:
    schedule = RegionSchedule.objects.filter(programme_year=candidate.programme_year_id).first()
    return schedule.self_assessment_due_on if schedule else None


def _lock(candidate: Candidate) -> SelfAssessment:
    SelfAssessment.objects.get_or_create(candidate=candidate)
    return (
        SelfAssessment.objects.select_for_update()
        .select_related("candidate__programme_year")
        .get(candidate=candidate)
    )


def _check_editable(self_assessment: SelfAssessment, today: date) -> None:
    candidate = self_assessment.candidate
    if self_assessment.is_submitted:
        raise ValidationError(
            _("Penilaian mandiri sudah dikirim dan hanya dapat dibaca; minta staf membukanya kembali."),
            code="submitted",
        )
    if candidate.status not in SELF_ASSESSMENT_OPEN_STATUSES:
        raise ValidationError(
            _("Penilaian mandiri hanya diisi selama daerah berstatus calon, sebelum penilaian."),
            code="closed",
        )
    due_on = self_assessment_deadline(candidate)
    if due_on is not None and today > due_on:
        raise ValidationError(
            _("Batas waktu penilaian mandiri (%(date)s) sudah lewat.") % {"date": date_format(due_on)},
            code="deadline_passed",
        )


def _indicators(candidate: Candidate) -> list[Indicator]:
    return list(
        Indicator.objects.filter(framework__programme_year=candidate.programme_year_id).order_by("order")
    )


@transaction.atomic
def save_self_assessment(
    *,
    candidate: Candidate,
    entries: Mapping[int, SelfEntry],
    by,
    submit: bool = False,
    today: date | None = None,
) -> SelfAssessment:
    """Save the region's scores, justifications and evidence links (indicator id -> entry) as a draft, or
    submit them (every indicator scored by the assessors then needs a score). Refused once submitted, out of
    the designation, or after the year's deadline."""
    if not is_self_assessor_of_candidate(by, candidate):
        raise PermissionDenied(
            _("Hanya inspektur daerah dan rekan yang diundang yang mengisi penilaian mandiri.")
        )
    today = today or timezone.localdate()
    self_assessment = _lock(candidate)
    _check_editable(self_assessment, today)
    indicators = {indicator.pk: indicator for indicator in _indicators(candidate)}
    documents = set(Document.objects.filter(candidate=candidate).values_list("pk", flat=True))
    existing = {score.indicator_id: score for score in self_assessment.scores.all()}
    now = timezone.now()
    changed = {}
    for indicator_id, entry in entries.items():
        indicator = indicators.get(indicator_id)
        if indicator is None:
            raise ValidationError(_("Indikator tidak termasuk kerangka tahun ini."), code="unknown_indicator")
        if entry.value is not None and not Decimal("0") <= entry.value <= indicator.max_score:
            raise ValidationError(
                _("Nilai indikator %(code)s harus antara 0 dan %(max)s.")
                % {"code": indicator.code, "max": number_format(indicator.max_score, 2)},
                code="out_of_scale",
            )
        if not set(entry.document_ids) <= documents:
            raise ValidationError(
                _("Bukti dukung yang dipilih bukan milik daerah ini."), code="foreign_document"
            )
        score = existing.get(indicator_id)
        justification = entry.justification.strip()
        if score is None:
            score = SelfScore(
                self_assessment=self_assessment, indicator=indicator, scale_max=indicator.max_score
            )
        before = (
            score.value,
            score.justification,
            sorted(score.documents.values_list("pk", flat=True)) if score.pk else [],
        )
        after = (entry.value, justification, sorted(entry.document_ids))
        if before == after:
            continue
        score.value, score.justification = entry.value, justification
        score.updated_at, score.updated_by = now, by
        score.save()
        score.documents.set(entry.document_ids)
        existing[indicator_id] = score
        changed[indicator.code] = None if entry.value is None else str(entry.value)
    if submit:
        missing = [
            indicator.code
            for indicator in indicators.values()
            if not indicator.is_fed_by_criterion
            and (indicator.pk not in existing or existing[indicator.pk].value is None)
        ]
        if missing:
            raise ValidationError(
                _("Isi nilai mandiri semua indikator sebelum mengirim: %(codes)s.")
                % {"codes": ", ".join(missing)},
                code="incomplete",
            )
        self_assessment.status = SelfAssessmentStatus.SUBMITTED
        self_assessment.submitted_at, self_assessment.submitted_by = now, by
    self_assessment.updated_at = now
    self_assessment.save()
    record(
        actor=by,
        action="assessments.submit_self_assessment" if submit else "assessments.save_self_assessment",
        obj=self_assessment,
        after={"scores": changed, "status": self_assessment.status},
    )
    return self_assessment


@transaction.atomic
def reopen_self_assessment(*, candidate: Candidate, by, reason: str) -> SelfAssessment:
    """Staff reopen a submitted self-assessment with a written reason; it is a draft again."""
    if not is_permas_staff(by):
        raise PermissionDenied(_("Hanya staf Dit Permas yang dapat membuka kembali penilaian mandiri."))
    self_assessment = _lock(candidate)
    if not self_assessment.is_submitted:
        raise ValidationError(_("Penilaian mandiri belum dikirim."), code="not_submitted")
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Tuliskan alasan membuka kembali penilaian mandiri."), code="reason_required")
    self_assessment.status = SelfAssessmentStatus.DRAFT
    self_assessment.reopen_reason = reason
    self_assessment.save(update_fields=["status", "reopen_reason"])
    record(
        actor=by,
        action="assessments.reopen_self_assessment",
        obj=self_assessment,
        before={"status": SelfAssessmentStatus.SUBMITTED},
        after={"status": SelfAssessmentStatus.DRAFT},
        reason=reason,
    )
    return self_assessment


@transaction.atomic
def invite_contributor(*, candidate: Candidate, user, by) -> SelfAssessmentContributor:
    """The inspector invites a colleague of the same regional government (own account) to fill the
    self-assessment."""
    if not is_inspector_of_candidate(by, candidate):
        raise PermissionDenied(_("Hanya inspektur daerah yang mengundang rekan."))
    Candidate.objects.select_for_update().get(pk=candidate.pk)
    if not user.is_active or user.region_id != candidate.region_id or user.role == Role.STAFF:
        raise ValidationError(
            _("Hanya akun aktif pegawai %(region)s yang dapat diundang.")
            % {"region": candidate.region.full_name},
            code="wrong_region",
        )
    if user.pk == by.pk or candidate.self_assessment_contributors.filter(user=user).exists():
        raise ValidationError(_("Pengguna ini sudah dapat mengisi penilaian mandiri."), code="duplicate")
    contributor = SelfAssessmentContributor.objects.create(
        candidate=candidate, user=user, invited_at=timezone.now(), invited_by=by
    )
    record(
        actor=by,
        action="assessments.invite_self_assessment_contributor",
        obj=candidate,
        after={"user": user.username},
    )
    return contributor


@transaction.atomic
def remove_contributor(*, contributor: SelfAssessmentContributor, by) -> None:
    candidate = contributor.candidate
    if not is_inspector_of_candidate(by, candidate):
        raise PermissionDenied(_("Hanya inspektur daerah yang mengatur rekan."))
    username = contributor.user.username
    contributor.delete()
    record(
        actor=by,
        action="assessments.remove_self_assessment_contributor",
        obj=candidate,
        before={"user": username},
    )


@transaction.atomic
def set_region_schedule(
    *, programme_year: ProgrammeYear, self_assessment_due_on: date | None, objection_working_days: int, by
) -> RegionSchedule:
    """Staff set the self-assessment deadline and the objection window of a programme year."""
    if not is_permas_staff(by):
        raise PermissionDenied(_("Hanya staf Dit Permas yang mengatur jadwal."))
    if not 1 <= objection_working_days <= 30:
        raise ValidationError(_("Masa sanggah antara 1 dan 30 hari kerja."), code="days_range")
    schedule, _created = RegionSchedule.objects.select_for_update().get_or_create(
        programme_year=programme_year
    )
    before = {
        "self_assessment_due_on": schedule.self_assessment_due_on.isoformat()
        if schedule.self_assessment_due_on
        else None,
        "objection_working_days": schedule.objection_working_days,
    }
    schedule.self_assessment_due_on = self_assessment_due_on
    schedule.objection_working_days = objection_working_days
    schedule.save()
    record(
        actor=by,
        action="assessments.set_region_schedule",
        obj=schedule,
        before=before,
        after={
            "self_assessment_due_on": self_assessment_due_on.isoformat() if self_assessment_due_on else None,
            "objection_working_days": objection_working_days,
        },
    )
    return schedule
