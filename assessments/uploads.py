"""An upload handler that enforces EVIDENCE_MAX_UPLOAD_SIZE while the request is read."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class SizeLimitUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: as soon as one file passes the limit, it is dropped before the later
    handlers keep any more of it (in memory or in a temporary file) and the rest of it is read and thrown
    away. The request remembers the field (``request.oversized_uploads``) and the file's name
    (``request.oversized_upload_names``) so that the form can say why the file is missing instead of "this
    field is required"."""

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.EVIDENCE_MAX_UPLOAD_SIZE:
            oversized = getattr(self.request, "oversized_uploads", set())
            oversized.add(self.field_name)
            self.request.oversized_uploads = oversized
            names = getattr(self.request, "oversized_upload_names", [])
            names.append(self.file_name)
            self.request.oversized_upload_names = names
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None
