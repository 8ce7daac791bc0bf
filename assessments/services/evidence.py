"""Evidence: uploading documents and their versions, linking them to indicators, reviewing them, and
reading a stored file back only when its SHA-256 checksum still matches."""

import hashlib
import logging
import re
import tempfile
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import PurePosixPath

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.models import User
from assessments.enums import EvidenceStatus
from assessments.files import remember_file, removes_files_on_failure
from assessments.models import Candidate, Document, DocumentVersion, EvidenceDeadline, Indicator
from assessments.rules import candidate_assessment, evidence_is_open
from assessments.storage import evidence_storage
from audit.services import record

logger = logging.getLogger(__name__)

# libmagic needs the start of the file only; office documents are recognised from their first zip entries.
SNIFF_BYTES = 256 * 1024
CHUNK = 64 * 1024
MAX_NAME_LENGTH = 150


class ChecksumMismatch(Exception):
    """The stored file is missing or no longer what was uploaded."""


@dataclass(frozen=True)
class CheckedFile:
    original_name: str
    size: int
    content_type: str
    sha256: str


def clean_file_name(name: str) -> str:
    """The uploader's name made safe to show and to send in a Content-Disposition header.

    A name that tries to reach a folder (``/``, ``\\``, ``..``) or carries control characters is refused:
    the browser never sends one, so it comes from a forged request. The name is never part of the
    storage path either way.
    """
    name = unicodedata.normalize("NFKC", name or "")
    if "/" in name or "\\" in name or ".." in name or any(not ch.isprintable() for ch in name):
        raise ValidationError(
            _("Nama berkas tidak boleh memuat folder, '..' atau karakter kendali."), code="name_invalid"
        )
    name = re.sub(r'[<>:"|?*;%]', "_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    path = PurePosixPath(name)
    stem, suffix = path.stem.strip(" ."), path.suffix.lower()
    if not stem:
        raise ValidationError(_("Nama berkas tidak valid."), code="name_invalid")
    return stem[: MAX_NAME_LENGTH - len(suffix)] + suffix


def allowed_types() -> dict[str, list[str]]:
    return {ct: settings.EVIDENCE_FILE_TYPES[ct] for ct in settings.EVIDENCE_ALLOWED_TYPES}


def allowed_extensions() -> list[str]:
    return sorted({ext for extensions in allowed_types().values() for ext in extensions})


def max_size_text() -> str:
    return filesizeformat(settings.EVIDENCE_MAX_UPLOAD_SIZE)


def too_large_error() -> ValidationError:
    return ValidationError(
        _("Berkas terlalu besar: paling besar %(limit)s.") % {"limit": max_size_text()}, code="too_large"
    )


def check_file(file) -> CheckedFile:
    """Check an uploaded file before it is stored: its name, size (not empty, within the limit) and its
    type, recognised from its content by libmagic, never from its name. The name's ending is set to
    the one that fits the content."""
    name = clean_file_name(file.name)
    size = file.size or 0
    if size == 0:
        raise ValidationError(_("Berkas kosong."), code="empty")
    if size > settings.EVIDENCE_MAX_UPLOAD_SIZE:
        raise too_large_error()
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    content_type = magic.from_buffer(head, mime=True)
    types = allowed_types()
    if content_type not in types:
        raise ValidationError(
            _("Jenis berkas tidak diizinkan (isinya %(type)s). Yang diizinkan: %(allowed)s.")
            % {"type": content_type, "allowed": ", ".join(allowed_extensions())},
            code="type_not_allowed",
        )
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks(CHUNK):
        digest.update(chunk)
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in types[content_type]:
        name = f"{PurePosixPath(name).stem}{types[content_type][0]}"
    file.seek(0)
    return CheckedFile(original_name=name, size=size, content_type=content_type, sha256=digest.hexdigest())


def _store(file) -> str:
    """Save the file under a random name (no part of the uploader's name) and return that name; a failure
    of the calling service removes it again (``assessments.files``)."""
    token = uuid.uuid4().hex
    storage = evidence_storage()
    return remember_file(storage, storage.save(f"{token[:2]}/{token}", file))


def _ensure_open(candidate: Candidate) -> None:
    if not evidence_is_open(candidate):
        raise ValidationError(
            _("Bukti dukung %(candidate)s tidak dapat diubah lagi.") % {"candidate": candidate},
            code="read_only",
        )


def _check_indicators(candidate: Candidate, indicators) -> list[Indicator]:
    indicators = list(indicators)
    if not indicators:
        raise ValidationError(_("Pilih sedikitnya satu indikator."), code="indicators_required")
    if any(indicator.framework.programme_year_id != candidate.programme_year_id for indicator in indicators):
        raise ValidationError(
            _("Indikator harus dari kerangka tahun program calon ini."), code="indicator_foreign"
        )
    return indicators


def _create_version(*, document: Document, file, by, comment: str, number: int) -> DocumentVersion:
    checked = check_file(file)
    return DocumentVersion.objects.create(
        document=document,
        number=number,
        stored_name=_store(file),
        original_name=checked.original_name,
        size=checked.size,
        content_type=checked.content_type,
        sha256=checked.sha256,
        comment=comment.strip(),
        uploaded_by=by,
    )


def _version_summary(version: DocumentVersion) -> dict:
    return {
        "version": version.number,
        "name": version.original_name,
        "size": version.size,
        "content_type": version.content_type,
        "sha256": version.sha256,
    }


@removes_files_on_failure
@transaction.atomic
def upload_document(
    *, candidate: Candidate, title: str, indicators, file, by, description: str = "", comment: str = ""
) -> Document:
    """A new document of the candidate, linked to ``indicators`` (of the candidate's framework), with
    ``file`` as its version 1."""
    return upload_documents(
        candidate=candidate,
        uploads=[(title, file)],
        indicators=indicators,
        by=by,
        description=description,
        comment=comment,
    )[0]


def batch_title(title: str, file_name: str, count: int) -> str:
    """The title of one document of an upload of ``count`` files: the title given (with the file's name
    when there are several files), or the file's name when none is given."""
    title = title.strip()
    stem = PurePosixPath(file_name).stem.strip()
    if count == 1 or not stem:
        return title
    return f"{title} ({stem})"[:200] if title else stem[:200]


@removes_files_on_failure
@transaction.atomic
def upload_documents(
    *, candidate: Candidate, uploads, indicators, by, description: str = "", comment: str = ""
) -> list[Document]:
    """Several new documents at once, one per ``(title, file)`` of ``uploads``, all linked to the same
    ``indicators``. Every file is checked (name, size, type by content) before any is stored: when one
    is refused, the whole upload is refused with its name, and nothing is stored."""
    candidate = Candidate.objects.select_for_update().select_related("region").get(pk=candidate.pk)
    if not by.has_perm("assessments.upload_evidence", candidate):
        _ensure_open(candidate)
        raise ValidationError(_("Anda tidak dapat mengunggah bukti dukung calon ini."), code="not_allowed")
    uploads = [(title.strip(), file) for title, file in uploads]
    if not uploads:
        raise ValidationError(_("Pilih berkas yang akan diunggah."), code="required")
    if any(not title for title, _file in uploads):
        raise ValidationError(_("Isi judul dokumen."), code="title_required")
    indicators = _check_indicators(candidate, indicators)
    checked = []
    for _title, file in uploads:
        try:
            checked.append(check_file(file))
        except ValidationError as error:
            if len(uploads) == 1:
                raise
            raise ValidationError(
                _("Unggahan ditolak seluruhnya karena berkas %(name)s: %(reason)s")
                % {"name": file.name, "reason": " ".join(error.messages)},
                code=error.code,
            ) from error
    documents = []
    for (title, file), check in zip(uploads, checked, strict=True):
        document = Document.objects.create(
            candidate=candidate, title=title, description=description.strip(), created_by=by
        )
        document.indicators.set(indicators)
        version = DocumentVersion.objects.create(
            document=document,
            number=1,
            stored_name=_store(file),
            original_name=check.original_name,
            size=check.size,
            content_type=check.content_type,
            sha256=check.sha256,
            comment=comment.strip(),
            uploaded_by=by,
        )
        document.current_version = version
        document.save(update_fields=["current_version"])
        record(
            actor=by,
            action="evidence.upload",
            obj=document,
            after={
                "title": title,
                "indicators": sorted(i.code for i in indicators),
                **_version_summary(version),
            },
        )
        documents.append(document)
    return documents


@removes_files_on_failure
@transaction.atomic
def add_version(*, document: Document, file, by, comment: str = "", base_url: str = "") -> DocumentVersion:
    """Replace the document's file; earlier versions stay. The new version waits for review and the
    team (members not recused) is told by e-mail."""
    document = Document.objects.select_for_update().select_related("candidate").get(pk=document.pk)
    candidate = document.candidate
    if not by.has_perm("assessments.upload_evidence", candidate):
        _ensure_open(candidate)
        raise ValidationError(_("Anda tidak dapat mengunggah bukti dukung calon ini."), code="not_allowed")
    previous = document.current_version
    number = (document.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = _create_version(document=document, file=file, by=by, comment=comment, number=number)
    document.current_version = version
    document.save(update_fields=["current_version"])
    record(
        actor=by,
        action="evidence.new_version",
        obj=document,
        before=_version_summary(previous) if previous else None,
        after=_version_summary(version),
        reason=version.comment,
    )
    recipients = _team_addresses(candidate)
    if recipients:
        subject = _("Versi baru bukti dukung %(region)s: %(title)s") % {
            "region": candidate.region.full_name,
            "title": document.title,
        }
        body = _(
            '%(user)s mengunggah versi %(number)s dokumen "%(title)s".\n\nCatatan: %(comment)s\n\n%(link)s'
        ) % {
            "user": by.name or by.username,
            "number": version.number,
            "title": document.title,
            "comment": version.comment or "-",
            "link": base_url + document.get_absolute_url(),
        }
        transaction.on_commit(lambda: send_mail(subject, body, None, recipients))
    return version


@transaction.atomic
def link_indicators(*, document: Document, indicators, by) -> Document:
    """Set the indicators a document supports (upload once, link many)."""
    document = Document.objects.select_for_update().select_related("candidate").get(pk=document.pk)
    if not by.has_perm("assessments.upload_evidence", document.candidate):
        _ensure_open(document.candidate)
        raise ValidationError(_("Anda tidak dapat mengubah bukti dukung calon ini."), code="not_allowed")
    indicators = _check_indicators(document.candidate, indicators)
    before = sorted(document.indicators.values_list("code", flat=True))
    document.indicators.set(indicators)
    after = sorted(indicator.code for indicator in indicators)
    record(
        actor=by,
        action="evidence.link",
        obj=document,
        before={"indicators": before},
        after={"indicators": after},
    )
    return document


@transaction.atomic
def review_version(
    *, version: DocumentVersion, status: str, note: str = "", by, base_url: str = ""
) -> DocumentVersion:
    """An assessor of the team accepts the current version or asks for a revision (with a note); the
    region's inspectors are told of a revision by e-mail."""
    version = (
        DocumentVersion.objects.select_for_update()
        .select_related("document__candidate__region")
        .get(pk=version.pk)
    )
    document = version.document
    candidate = document.candidate
    if not by.has_perm("assessments.review_evidence", candidate):
        _ensure_open(candidate)
        raise ValidationError(_("Anda tidak dapat memeriksa bukti dukung calon ini."), code="not_allowed")
    if document.current_version_id != version.pk:
        raise ValidationError(_("Hanya versi terbaru yang dapat diperiksa."), code="not_current")
    if status not in (EvidenceStatus.ACCEPTED, EvidenceStatus.REVISION):
        raise ValidationError(_("Pilih diterima atau perlu perbaikan."), code="status_invalid")
    note = note.strip()
    if status == EvidenceStatus.REVISION and not note:
        raise ValidationError(_("Tulis apa yang perlu diperbaiki."), code="note_required")
    before = {"status": version.review_status, "note": version.review_note}
    version.review_status = status
    version.review_note = note
    version.reviewed_by = by
    version.reviewed_at = timezone.now()
    version.save(update_fields=["review_status", "review_note", "reviewed_by", "reviewed_at"])
    record(
        actor=by,
        action="evidence.review",
        obj=document,
        before=before,
        after={"version": version.number, "status": status, "note": note},
    )
    if status == EvidenceStatus.REVISION:
        recipients = _inspector_addresses(candidate)
        if recipients:
            subject = _("Bukti dukung perlu perbaikan: %(title)s") % {"title": document.title}
            body = _(
                'Penilai meminta perbaikan dokumen "%(title)s" (versi %(number)s) untuk %(region)s.\n\n'
                "Catatan penilai: %(note)s\n\nUnggah versi baru di %(link)s"
            ) % {
                "title": document.title,
                "number": version.number,
                "region": candidate.region.full_name,
                "note": note,
                "link": base_url + document.get_absolute_url(),
            }
            transaction.on_commit(lambda: send_mail(subject, body, None, recipients))
    return version


@transaction.atomic
def set_deadline(*, programme_year, due_on, by, candidate: Candidate | None = None) -> EvidenceDeadline:
    """Set the evidence deadline of a programme year, or of one candidate (which then replaces it)."""
    deadline = EvidenceDeadline.objects.select_for_update().filter(
        programme_year=programme_year, candidate=candidate
    ).first() or EvidenceDeadline(programme_year=programme_year, candidate=candidate)
    before = {"due_on": deadline.due_on.isoformat()} if deadline.pk else None
    deadline.due_on = due_on
    deadline.save()
    record(
        actor=by,
        action="evidence.deadline",
        obj=deadline,
        before=before,
        after={"due_on": due_on.isoformat()},
    )
    return deadline


def open_verified(version: DocumentVersion):
    """The stored file, copied into a temporary file while its SHA-256 is computed; refused with
    ``ChecksumMismatch`` when it is missing or its checksum or size no longer match."""
    spool = tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024)  # noqa: SIM115 (returned open)
    digest = hashlib.sha256()
    size = 0
    try:
        with evidence_storage().open(version.stored_name, "rb") as stored:
            for chunk in stored.chunks(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                spool.write(chunk)
    except Exception as error:
        spool.close()
        logger.error(
            "Evidence file %s (version %s) cannot be read: %s", version.stored_name, version.pk, error
        )
        raise ChecksumMismatch(version.stored_name) from error
    if size != version.size or digest.hexdigest() != version.sha256:
        spool.close()
        logger.error("Evidence file %s (version %s) fails its checksum.", version.stored_name, version.pk)
        raise ChecksumMismatch(version.stored_name)
    spool.seek(0)
    return spool


def _inspector_addresses(candidate: Candidate) -> list[str]:
    return list(
        User.objects.filter(role=Role.INSPECTOR, region=candidate.region_id, is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
    )


def _team_addresses(candidate: Candidate) -> list[str]:
    assessment = candidate_assessment(candidate)
    if assessment is None:
        return []
    recused = assessment.recusals.values("user")
    return list(
        User.objects.filter(team_memberships__team=assessment.team_id, is_active=True)
        .exclude(pk__in=recused)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
