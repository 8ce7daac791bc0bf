"""Reading PDFs back as text for the assertions."""

import io

from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    """All pages' text, pages separated by a form feed."""
    return "\f".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def stored_pdf(document) -> bytes:
    """The bytes of an issued document's stored file (closing the file)."""
    with document.file.open("rb") as handle:
        return handle.read()
