"""The storage of evidence files: ``evidence_storage()`` is the "evidence" entry of ``STORAGES``."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.functional import cached_property


def evidence_storage() -> Storage:
    """Looked up on every call, so a test that overrides STORAGES gets its own backend."""
    return storages["evidence"]


class PrivateFileSystemStorage(FileSystemStorage):
    """Files in EVIDENCE_ROOT, outside MEDIA_ROOT, with no URL: only a view that checks permission serves
    them."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.EVIDENCE_ROOT)

    def url(self, name):
        raise ValueError("Evidence files have no public URL; they are served by the evidence views.")
