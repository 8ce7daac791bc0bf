"""Stage records: field check visits with photos, the presentation with notes per component, and the
discussion and Q&A with its questions and attendance list.

A team member (not recused) writes them while the stage is open and the plenary is not finalised.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from assessments.enums import AttendeeRole, FieldFacility, Stage, StageStatus
from assessments.files import removes_files_on_failure, store_field_file
from assessments.models import (
    Assessment,
    AssessmentStage,
    FieldVisit,
    FieldVisitPhoto,
    Presentation,
    PresentationNote,
    QaAttendee,
    QaQuestion,
)
from assessments.rules import is_team_member_of_assessment, plenary_is_finalised
from audit.services import record

PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def _check_can_record(assessment: Assessment, stage: str, by) -> None:
    if not is_team_member_of_assessment(by, assessment):
        raise PermissionDenied(_("Anda bukan anggota tim penilaian ini."))
    locked = AssessmentStage.objects.select_for_update().filter(assessment=assessment, stage=stage).first()
    if locked is None or locked.status != StageStatus.OPEN:
        raise ValidationError(
            _("Tahap ini sedang tidak dibuka; catatan tidak dapat diubah."), code="stage_not_open"
        )
    if plenary_is_finalised(assessment):
        raise ValidationError(
            _("Rapat pleno sudah final; catatan tidak dapat diubah."), code="plenary_finalised"
        )


def validate_photo(upload: UploadedFile) -> str:
    """The photo's content type, read from its content (not its name); refuses what is not a photo."""
    if upload.size == 0:
        raise ValidationError(_("Berkas foto kosong."), code="empty")
    if upload.size > PHOTO_MAX_BYTES:
        raise ValidationError(_("Foto lebih besar dari 10 MB."), code="too_large")
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(_("Berkas ini bukan foto JPEG, PNG atau WebP."), code="not_photo") from error
    finally:
        upload.seek(0)
    if kind not in PHOTO_TYPES:
        raise ValidationError(_("Berkas ini bukan foto JPEG, PNG atau WebP."), code="not_photo")
    return PHOTO_TYPES[kind]


def _add_photo(visit: FieldVisit, upload: UploadedFile, content_type: str, by) -> FieldVisitPhoto:
    """The photo's file is stored first and remembered, so that a failure of the service removes it."""
    photo = FieldVisitPhoto(
        visit=visit, content_type=content_type, original_name=(upload.name or "")[:255], uploaded_by=by
    )
    store_field_file(photo.image, upload.name or "foto", upload)
    photo.save()
    return photo


@removes_files_on_failure
@transaction.atomic
def add_field_visit(
    assessment: Assessment,
    *,
    by,
    place: str,
    visited_at: datetime,
    facilities: Iterable[str] = (),
    checked: str = "",
    findings: str = "",
    photos: Iterable[UploadedFile] = (),
) -> FieldVisit:
    _check_can_record(assessment, Stage.FIELD_CHECK, by)
    facilities = [value for value in FieldFacility.values if value in set(facilities)]
    checked_types = [(photo, validate_photo(photo)) for photo in photos]
    visit = FieldVisit.objects.create(
        assessment=assessment,
        place=place.strip(),
        visited_at=visited_at,
        facilities=facilities,
        checked=checked.strip(),
        findings=findings.strip(),
        recorded_by=by,
    )
    for photo, content_type in checked_types:
        _add_photo(visit, photo, content_type, by)
    record(
        actor=by,
        action="stage_record.field_visit",
        obj=visit,
        after={"place": visit.place, "facilities": facilities, "photos": len(checked_types)},
    )
    return visit


@transaction.atomic
def save_presentation(
    assessment: Assessment,
    *,
    by,
    presenter: str,
    presenter_position: str = "",
    presented_at: datetime | None = None,
    summary: str = "",
    notes: Mapping[int, str],
) -> Presentation:
    """Create or update the presentation record; ``notes`` maps component ids of the assessment's framework
    to the team's note (an empty note removes it)."""
    _check_can_record(assessment, Stage.PRESENTATION, by)
    components = set(assessment.framework.components.values_list("pk", flat=True))
    if set(notes) - components:
        raise ValidationError(
            _("Komponen tidak dikenal dalam kerangka penilaian ini."), code="unknown_component"
        )
    presentation, _created = Presentation.objects.select_for_update().get_or_create(
        assessment=assessment,
        defaults={"presenter": presenter.strip(), "recorded_by": by},
    )
    presentation.presenter = presenter.strip()
    presentation.presenter_position = presenter_position.strip()
    presentation.presented_at = presented_at
    presentation.summary = summary.strip()
    presentation.save()
    existing = {note.component_id: note for note in presentation.notes.all()}
    for component_id, text in notes.items():
        text = text.strip()
        note = existing.get(component_id)
        if not text:
            if note is not None:
                note.delete()
        elif note is None:
            PresentationNote.objects.create(presentation=presentation, component_id=component_id, note=text)
        elif note.note != text:
            note.note = text
            note.save(update_fields=["note"])
    record(
        actor=by,
        action="stage_record.presentation",
        obj=presentation,
        after={"presenter": presentation.presenter, "notes": {str(k): v for k, v in notes.items() if v}},
    )
    return presentation


@transaction.atomic
def add_qa_question(
    assessment: Assessment, *, by, question: str, asked_by: str, answered_by: str = "", summary: str = ""
) -> QaQuestion:
    _check_can_record(assessment, Stage.QA, by)
    item = QaQuestion.objects.create(
        assessment=assessment,
        question=question.strip(),
        asked_by=asked_by.strip(),
        answered_by=answered_by.strip(),
        summary=summary.strip(),
        recorded_by=by,
    )
    record(actor=by, action="stage_record.qa_question", obj=item, after={"question": item.question})
    return item


@transaction.atomic
def add_qa_attendee(assessment: Assessment, *, by, role: str, name: str, position: str = "") -> QaAttendee:
    _check_can_record(assessment, Stage.QA, by)
    if role not in AttendeeRole.values:
        raise ValidationError(_("Unsur kehadiran tidak dikenal."), code="role_invalid")
    attendee = QaAttendee.objects.create(
        assessment=assessment, role=role, name=name.strip(), position=position.strip(), recorded_by=by
    )
    record(
        actor=by, action="stage_record.qa_attendee", obj=attendee, after={"role": role, "name": attendee.name}
    )
    return attendee


# Correcting and removing records. A team member (not recused) may correct or remove any record of the
# team while its stage is open and the plenary is not finalised; each change writes an audit entry with
# what was there before. Removed photos leave the storage once the transaction has committed.


def _lock_record(model, record_row):
    return model.objects.select_for_update().select_related("assessment").get(pk=record_row.pk)


def _delete_files_on_commit(files) -> None:
    for file in files:
        storage, name = file.storage, file.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def _visit_state(visit: FieldVisit) -> dict:
    return {
        "place": visit.place,
        "visited_at": visit.visited_at.isoformat(),
        "facilities": list(visit.facilities),
        "checked": visit.checked,
        "findings": visit.findings,
        "photos": sorted(photo.pk for photo in visit.photos.all()),
    }


@removes_files_on_failure
@transaction.atomic
def update_field_visit(
    visit: FieldVisit,
    *,
    by,
    place: str,
    visited_at: datetime,
    facilities: Iterable[str] = (),
    checked: str = "",
    findings: str = "",
    add_photos: Iterable[UploadedFile] = (),
    remove_photo_ids: Iterable[int] = (),
) -> FieldVisit:
    """Correct a field visit: its fields, new photos, and photos to remove (ids of this visit's photos)."""
    visit = _lock_record(FieldVisit, visit)
    _check_can_record(visit.assessment, Stage.FIELD_CHECK, by)
    remove = set(remove_photo_ids)
    photos = {photo.pk: photo for photo in visit.photos.all()}
    if remove - set(photos):
        raise ValidationError(_("Foto tidak dikenal pada kunjungan ini."), code="unknown_photo")
    checked_types = [(photo, validate_photo(photo)) for photo in add_photos]
    before = _visit_state(visit)
    visit.place = place.strip()
    visit.visited_at = visited_at
    visit.facilities = [value for value in FieldFacility.values if value in set(facilities)]
    visit.checked = checked.strip()
    visit.findings = findings.strip()
    visit.save()
    removed = [photos[pk] for pk in sorted(remove)]
    _delete_files_on_commit(photo.image for photo in removed)
    FieldVisitPhoto.objects.filter(pk__in=remove).delete()
    for photo, content_type in checked_types:
        _add_photo(visit, photo, content_type, by)
    record(
        actor=by,
        action="stage_record.field_visit.update",
        obj=visit,
        before=before,
        after=_visit_state(visit),
    )
    return visit


@transaction.atomic
def delete_field_visit(visit: FieldVisit, *, by) -> None:
    """Remove a field visit with its photos (the audit entry keeps what it said)."""
    visit = _lock_record(FieldVisit, visit)
    _check_can_record(visit.assessment, Stage.FIELD_CHECK, by)
    before = _visit_state(visit)
    record(actor=by, action="stage_record.field_visit.delete", obj=visit, before=before)
    _delete_files_on_commit(photo.image for photo in visit.photos.all())
    visit.delete()


def _question_state(item: QaQuestion) -> dict:
    return {
        "question": item.question,
        "asked_by": item.asked_by,
        "answered_by": item.answered_by,
        "summary": item.summary,
    }


@transaction.atomic
def update_qa_question(
    item: QaQuestion, *, by, question: str, asked_by: str, answered_by: str = "", summary: str = ""
) -> QaQuestion:
    item = _lock_record(QaQuestion, item)
    _check_can_record(item.assessment, Stage.QA, by)
    before = _question_state(item)
    item.question, item.asked_by = question.strip(), asked_by.strip()
    item.answered_by, item.summary = answered_by.strip(), summary.strip()
    item.save()
    record(
        actor=by,
        action="stage_record.qa_question.update",
        obj=item,
        before=before,
        after=_question_state(item),
    )
    return item


@transaction.atomic
def delete_qa_question(item: QaQuestion, *, by) -> None:
    item = _lock_record(QaQuestion, item)
    _check_can_record(item.assessment, Stage.QA, by)
    record(actor=by, action="stage_record.qa_question.delete", obj=item, before=_question_state(item))
    item.delete()


def _attendee_state(attendee: QaAttendee) -> dict:
    return {"role": attendee.role, "name": attendee.name, "position": attendee.position}


@transaction.atomic
def update_qa_attendee(attendee: QaAttendee, *, by, role: str, name: str, position: str = "") -> QaAttendee:
    attendee = _lock_record(QaAttendee, attendee)
    _check_can_record(attendee.assessment, Stage.QA, by)
    if role not in AttendeeRole.values:
        raise ValidationError(_("Unsur kehadiran tidak dikenal."), code="role_invalid")
    before = _attendee_state(attendee)
    attendee.role, attendee.name, attendee.position = role, name.strip(), position.strip()
    attendee.save()
    record(
        actor=by,
        action="stage_record.qa_attendee.update",
        obj=attendee,
        before=before,
        after=_attendee_state(attendee),
    )
    return attendee


@transaction.atomic
def delete_qa_attendee(attendee: QaAttendee, *, by) -> None:
    attendee = _lock_record(QaAttendee, attendee)
    _check_can_record(attendee.assessment, Stage.QA, by)
    record(actor=by, action="stage_record.qa_attendee.delete", obj=attendee, before=_attendee_state(attendee))
    attendee.delete()
