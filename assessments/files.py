"""Files never orphan: every stored file (evidence, field-visit photos, issued PDFs) has its row.

Two halves. A service that stores files is wrapped in ``removes_files_on_failure`` and reports each file it
stores with ``remember_file``: when the service fails, its transaction included (a refused check, a database
error, the commit itself), the files it stored are deleted at once. A worker killed between storing a file
and committing its row leaves a file nobody references: ``orphan_files()`` finds such files (older than a
grace period, so that an upload in progress is never taken) and ``manage.py orphan_files --delete`` removes
them.

Which files are referenced is read from the models themselves: every ``FileField`` of every model (all on the
default storage) and ``DocumentVersion.stored_name`` on the evidence storage. A new model with a file on
another storage must be added to ``referenced_names``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import wraps

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import Storage, default_storage, storages
from django.db import models
from django.utils import timezone

logger = logging.getLogger(__name__)

_stored: ContextVar[list[tuple[Storage, str]] | None] = ContextVar("stored_files", default=None)


def remember_file(storage: Storage, name: str) -> str:
    """Note a file the running service just stored, so that a failure removes it again."""
    files = _stored.get()
    if files is not None:
        files.append((storage, name))
    return name


def _delete(files: list[tuple[Storage, str]]) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except Exception:  # the sweep will find it
            logger.exception("Could not remove %s after a failed service call.", name)


def removes_files_on_failure(func: Callable) -> Callable:
    """Put it above ``@transaction.atomic``: files stored by the call are removed when the call fails,
    including a failed commit. A call inside another such call hands its files to the outer one."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        outer = _stored.get()
        files: list[tuple[Storage, str]] = []
        token = _stored.set(files)
        try:
            result = func(*args, **kwargs)
        except BaseException:
            _delete(files)
            raise
        finally:
            _stored.reset(token)
        if outer is not None:
            outer.extend(files)
        return result

    return wrapper


def store_field_file(field_file, name: str, content) -> str:
    """Save ``content`` into a model's file field (without saving the row) and remember it."""
    field_file.save(name, content, save=False)
    return remember_file(field_file.storage, field_file.name)


# The sweep.


@dataclass(frozen=True)
class StoredFile:
    storage: str  # the STORAGES alias
    name: str
    size: int
    modified: datetime


def _storage_alias(storage) -> str:
    if storage is default_storage or storage is storages["default"]:
        return "default"
    raise ImproperlyConfigured(
        f"orphan_files does not know the storage {storage!r}; add it to referenced_names()."
    )


def referenced_names() -> dict[str, set[str]]:
    """Storage alias -> the names that rows reference."""
    from assessments.models import DocumentVersion

    names: dict[str, set[str]] = {
        "default": set(),
        "evidence": set(DocumentVersion.objects.values_list("stored_name", flat=True)),
    }
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                alias = _storage_alias(field.storage)
                values = model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True)
                names[alias].update(values)
    return names


def _walk(storage: Storage, path: str = "") -> Iterator[str]:
    try:
        folders, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{path}/{name}" if path else name
    for folder in folders:
        yield from _walk(storage, f"{path}/{folder}" if path else folder)


def orphan_files(*, min_age: timedelta = timedelta(hours=1)) -> list[StoredFile]:
    """Files that no row references and that are older than ``min_age`` (younger ones may belong to an
    upload still in progress), on the default and the evidence storages."""
    referenced = referenced_names()
    cutoff = timezone.now() - min_age
    orphans = []
    for alias in ("default", "evidence"):
        storage = storages[alias]
        for name in _walk(storage):
            if name in referenced[alias]:
                continue
            modified = storage.get_modified_time(name)
            if timezone.is_naive(modified):
                modified = timezone.make_aware(modified)
            if modified <= cutoff:
                orphans.append(StoredFile(alias, name, storage.size(name), modified))
    return sorted(orphans, key=lambda orphan: (orphan.storage, orphan.name))


def delete_orphans(orphans: list[StoredFile]) -> int:
    """Remove the orphans, checking once more that no row took one meanwhile; returns how many went."""
    referenced = referenced_names()
    deleted = 0
    for orphan in orphans:
        if orphan.name not in referenced[orphan.storage]:
            storages[orphan.storage].delete(orphan.name)
            deleted += 1
    return deleted
