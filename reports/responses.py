"""HTTP responses carrying PDFs: an issued document's stored file, or a draft rendered on demand."""

from django.http import FileResponse, HttpResponse

from reports.models import IssuedDocument


def pdf_response(document: IssuedDocument) -> FileResponse:
    """The stored file of an issued document, always the same bytes as the checksum on its verification
    page."""
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename)


def draft_response(pdf: bytes, filename: str) -> HttpResponse:
    """A draft PDF (not stored, no verification code), shown in the browser."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
