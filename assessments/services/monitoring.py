"""State changes of the monitoring rounds (rapat koordinasi, bimtek, monev): staff open a numbered round for
a designated candidate or a pilot and may add assessors; staff and those assessors record the running
scores and notes. One transaction each, row locked, state checked, audit entry written."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.rules import is_permas_staff
from assessments.enums import REVOCABLE_STATUSES, MonitoringKind
from assessments.models import Candidate, Indicator, MonitoringRound, MonitoringScore
from audit.services import record


def _check_assessors(assessors) -> list:
    assessors = list(assessors)
    if any(user.role != Role.ASSESSOR or not user.is_active for user in assessors):
        raise ValidationError(_("Hanya akun penilai yang aktif yang dapat ditambahkan."), code="not_assessor")
    return assessors


@transaction.atomic
def open_round(
    *, candidate: Candidate, held_on: date, kind: str, notes: str = "", assessors: Sequence = (), by
) -> MonitoringRound:
    """Open the candidate's next numbered round."""
    if not is_permas_staff(by):
        raise PermissionDenied(_("Hanya staf Dit Permas yang membuka putaran monitoring."))
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status not in REVOCABLE_STATUSES:
        raise ValidationError(
            _("Putaran monitoring hanya untuk calon yang ditetapkan dan daerah percontohan."),
            code="not_designated",
        )
    if kind not in MonitoringKind.values:
        raise ValidationError(_("Jenis putaran tidak dikenal."), code="kind_invalid")
    assessors = _check_assessors(assessors)
    number = (candidate.monitoring_rounds.aggregate(last=Max("number"))["last"] or 0) + 1
    monitoring_round = MonitoringRound.objects.create(
        candidate=candidate,
        number=number,
        held_on=held_on,
        kind=kind,
        notes=notes.strip(),
        created_at=timezone.now(),
        created_by=by,
    )
    monitoring_round.assessors.set(assessors)
    record(
        actor=by,
        action="assessments.open_monitoring_round",
        obj=monitoring_round,
        after={
            "number": number,
            "held_on": held_on.isoformat(),
            "kind": kind,
            "assessors": [user.username for user in assessors],
        },
    )
    return monitoring_round


@transaction.atomic
def set_round_assessors(*, monitoring_round: MonitoringRound, assessors: Sequence, by) -> MonitoringRound:
    if not is_permas_staff(by):
        raise PermissionDenied(_("Hanya staf Dit Permas yang mengatur penilai putaran."))
    monitoring_round = MonitoringRound.objects.select_for_update().get(pk=monitoring_round.pk)
    assessors = _check_assessors(assessors)
    before = sorted(monitoring_round.assessors.values_list("username", flat=True))
    monitoring_round.assessors.set(assessors)
    record(
        actor=by,
        action="assessments.set_monitoring_assessors",
        obj=monitoring_round,
        before={"assessors": before},
        after={"assessors": sorted(user.username for user in assessors)},
    )
    return monitoring_round


@transaction.atomic
def record_round_scores(
    *,
    monitoring_round: MonitoringRound,
    scores: Mapping[int, tuple[Decimal | None, str]],
    notes: str | None = None,
    by,
) -> MonitoringRound:
    """Record the running score and note per indicator (indicator id -> (value or None, note)); an empty
    value removes the indicator's score. ``notes`` replaces the round's notes when given."""
    monitoring_round = (
        MonitoringRound.objects.select_for_update().select_related("candidate").get(pk=monitoring_round.pk)
    )
    if not (is_permas_staff(by) or monitoring_round.assessors.filter(pk=by.pk).exists()):
        raise PermissionDenied(_("Hanya staf dan penilai putaran ini yang mencatat nilai berjalan."))
    indicators = {
        indicator.pk: indicator
        for indicator in Indicator.objects.filter(
            framework__programme_year=monitoring_round.candidate.programme_year_id
        )
    }
    existing = {score.indicator_id: score for score in monitoring_round.scores.all()}
    now = timezone.now()
    changed = {}
    for indicator_id, (value, note) in scores.items():
        indicator = indicators.get(indicator_id)
        if indicator is None:
            raise ValidationError(_("Indikator tidak termasuk kerangka tahun ini."), code="unknown_indicator")
        note = note.strip()
        score = existing.get(indicator_id)
        if value is None:
            if score is not None:
                score.delete()
                changed[indicator.code] = None
            continue
        if not Decimal("0") <= value <= indicator.max_score:
            raise ValidationError(
                _("Nilai indikator %(code)s harus antara 0 dan %(max)s.")
                % {"code": indicator.code, "max": number_format(indicator.max_score, 2)},
                code="out_of_scale",
            )
        if score is not None and score.value == value and score.note == note:
            continue
        MonitoringScore.objects.update_or_create(
            round=monitoring_round,
            indicator=indicator,
            defaults={
                "value": value,
                "scale_max": indicator.max_score,
                "note": note,
                "updated_at": now,
                "updated_by": by,
            },
        )
        changed[indicator.code] = str(value)
    if notes is not None and notes.strip() != monitoring_round.notes:
        monitoring_round.notes = notes.strip()
        monitoring_round.save(update_fields=["notes"])
    record(
        actor=by,
        action="assessments.record_monitoring_scores",
        obj=monitoring_round,
        after={"scores": changed},
    )
    return monitoring_round
