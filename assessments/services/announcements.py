"""The provisional and final announcements of a plenary's result.

The provisional one states the frozen result of the finalised plenary; the final one recomputes it from
the frozen numbers with the final MCP/MCSP value (``assessments.queries.plenary.final_review``). One
transaction each, the plenary row locked, the starting state checked, an audit entry written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.enums import AnnouncementKind
from assessments.enums import CandidateStatus as CS
from assessments.models import Announcement, AnnouncementWitness, Plenary
from assessments.queries.plenary import final_review, frozen_result
from assessments.services.plenary import lock_plenary
from assessments.services.results import freeze_inputs
from audit.services import record


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

    plenary = lock_plenary(plenary, open_only=False)
    if not is_permas_staff(by):
        raise PermissionDenied(_("Hanya staf Dit Permas yang menerbitkan pengumuman."))
    if not plenary.is_finalised:
        raise ValidationError(_("Finalkan rapat pleno dahulu."), code="not_finalised")
    if plenary.announcements.filter(kind=kind).exists():
        raise ValidationError(_("Pengumuman ini sudah diterbitkan."), code="already_published")
    if not (place.strip() and official_name.strip() and official_position.strip()):
        raise ValidationError(_("Isi tempat, nama dan jabatan pejabat yang mengumumkan."), code="incomplete")
    if kind == AnnouncementKind.PROVISIONAL:
        result, inputs = frozen_result(plenary), plenary.frozen_inputs
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
