"""State changes of the recommendations and their follow-up.

The team's chair or staff record recommendations (of the plenary; staff also those of the observation and
of monitoring rounds); the region's inspector answers with its follow-up and evidence (the item goes to "in
progress"); staff accept it (done), do not accept it (the region follows up again) or reopen a closed one.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.rules import is_permas_staff
from assessments.enums import RecommendationSource
from assessments.enums import RecommendationStatus as RS
from assessments.models import Candidate, Indicator, MonitoringRound, Recommendation
from assessments.rules import candidate_assessment, is_chair_of_assessment, is_inspector_of_candidate
from assessments.services.region_files import store_files
from audit.services import record


def _snapshot(item: Recommendation) -> dict:
    return {"status": item.status, "follow_up": item.follow_up, "review_note": item.review_note}


def _lock(item: Recommendation) -> Recommendation:
    return Recommendation.objects.select_for_update().select_related("candidate").get(pk=item.pk)


@transaction.atomic
def add_recommendation(
    *,
    candidate: Candidate,
    source: str,
    text: str,
    agency: str,
    due_on: date,
    by,
    indicator: Indicator | None = None,
    monitoring_round: MonitoringRound | None = None,
) -> Recommendation:
    is_staff = is_permas_staff(by)
    if not (
        is_staff
        or (
            source == RecommendationSource.PLENARY
            and is_chair_of_assessment(by, candidate_assessment(candidate))
        )
    ):
        raise PermissionDenied(_("Hanya ketua tim dan staf yang mencatat rekomendasi."))
    if source not in RecommendationSource.values:
        raise ValidationError(_("Asal rekomendasi tidak dikenal."), code="source_invalid")
    if indicator is not None and indicator.framework.programme_year_id != candidate.programme_year_id:
        raise ValidationError(_("Indikator tidak termasuk kerangka tahun ini."), code="unknown_indicator")
    if monitoring_round is not None and monitoring_round.candidate_id != candidate.pk:
        raise ValidationError(_("Putaran monitoring milik calon lain."), code="foreign_round")
    if not text.strip() or not agency.strip():
        raise ValidationError(_("Isi rekomendasi dan OPD penanggung jawabnya."), code="incomplete")
    item = Recommendation.objects.create(
        candidate=candidate,
        source=source,
        monitoring_round=monitoring_round,
        indicator=indicator,
        text=text.strip(),
        agency=agency.strip(),
        due_on=due_on,
        created_at=timezone.now(),
        created_by=by,
    )
    record(
        actor=by,
        action="assessments.add_recommendation",
        obj=item,
        after={
            "source": source,
            "indicator": indicator.code if indicator else None,
            "agency": item.agency,
            "due_on": due_on.isoformat(),
        },
    )
    return item


@transaction.atomic
def follow_up(*, recommendation: Recommendation, text: str, files=(), by) -> Recommendation:
    """The region's follow-up with its evidence: the item goes to "in progress" for staff to check."""
    item = _lock(recommendation)
    if not is_inspector_of_candidate(by, item.candidate):
        raise PermissionDenied(_("Hanya inspektur daerah yang menindaklanjuti rekomendasi."))
    if item.status not in (RS.OPEN, RS.NOT_ACCEPTED, RS.IN_PROGRESS):
        raise ValidationError(_("Rekomendasi ini sudah selesai."), code="done")
    if not text.strip():
        raise ValidationError(_("Tuliskan tindak lanjutnya."), code="text_required")
    before = _snapshot(item)
    store_files(files, by=by, recommendation=item)
    item.follow_up = text.strip()
    item.status = RS.IN_PROGRESS
    item.followed_up_at, item.followed_up_by = timezone.now(), by
    item.save()
    record(
        actor=by,
        action="assessments.follow_up_recommendation",
        obj=item,
        before=before,
        after={**_snapshot(item), "files": [file.name for file in files]},
    )
    return item


def _review(
    recommendation: Recommendation, *, by, to: str, allowed: tuple, note: str, action: str, message: str
):
    item = _lock(recommendation)
    if not is_permas_staff(by):
        raise PermissionDenied(_("Hanya staf Dit Permas yang memeriksa tindak lanjut."))
    if item.status not in allowed:
        raise ValidationError(message, code="wrong_status")
    before = _snapshot(item)
    item.status = to
    item.review_note = note.strip()
    item.reviewed_at, item.reviewed_by = timezone.now(), by
    item.save()
    record(actor=by, action=action, obj=item, before=before, after=_snapshot(item), reason=note.strip())
    return item


@transaction.atomic
def accept_follow_up(*, recommendation: Recommendation, by, note: str = "") -> Recommendation:
    return _review(
        recommendation,
        by=by,
        to=RS.DONE,
        allowed=(RS.IN_PROGRESS,),
        note=note,
        action="assessments.accept_recommendation",
        message=_("Hanya tindak lanjut yang sedang diproses yang dapat diterima."),
    )


@transaction.atomic
def reject_follow_up(*, recommendation: Recommendation, by, note: str) -> Recommendation:
    if not note.strip():
        raise ValidationError(_("Tuliskan mengapa tindak lanjut belum diterima."), code="note_required")
    return _review(
        recommendation,
        by=by,
        to=RS.NOT_ACCEPTED,
        allowed=(RS.IN_PROGRESS,),
        note=note,
        action="assessments.reject_recommendation",
        message=_("Hanya tindak lanjut yang sedang diproses yang dapat ditolak."),
    )


@transaction.atomic
def reopen_recommendation(*, recommendation: Recommendation, by, note: str) -> Recommendation:
    if not note.strip():
        raise ValidationError(_("Tuliskan alasan membuka kembali rekomendasi."), code="note_required")
    return _review(
        recommendation,
        by=by,
        to=RS.OPEN,
        allowed=(RS.DONE, RS.NOT_ACCEPTED, RS.IN_PROGRESS),
        note=note,
        action="assessments.reopen_recommendation",
        message=_("Rekomendasi ini sudah terbuka."),
    )
