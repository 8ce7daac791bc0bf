"""Storing and serving the files a region attaches to a follow-up or an objection point (``RegionFile``):
checked exactly like evidence (``assessments.services.evidence.check_file``) and kept in the same private
storage under random names."""

from __future__ import annotations

import hashlib
import uuid

from django.utils import timezone

from assessments.models import RegionFile
from assessments.services.evidence import CHUNK, ChecksumMismatch, check_file
from assessments.storage import evidence_storage


def store_files(files, *, by, **owner) -> list[RegionFile]:
    """Check every file first (a bad one refuses them all), then store them for ``owner``
    (``recommendation=...`` or ``objection_point=...``). Call inside the service's transaction."""
    checked = [(file, check_file(file)) for file in files]
    stored = []
    for file, info in checked:
        token = uuid.uuid4().hex
        name = evidence_storage().save(f"daerah/{token[:2]}/{token}", file)
        stored.append(
            RegionFile.objects.create(
                stored_name=name,
                original_name=info.original_name,
                size=info.size,
                content_type=info.content_type,
                sha256=info.sha256,
                uploaded_at=timezone.now(),
                uploaded_by=by,
                **owner,
            )
        )
    return stored


def open_verified(region_file: RegionFile):
    """The stored file, opened, after its SHA-256 matched the one recorded at upload."""
    storage = evidence_storage()
    if not storage.exists(region_file.stored_name):
        raise ChecksumMismatch(region_file.stored_name)
    digest = hashlib.sha256()
    with storage.open(region_file.stored_name, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    if digest.hexdigest() != region_file.sha256:
        raise ChecksumMismatch(region_file.stored_name)
    return storage.open(region_file.stored_name, "rb")
