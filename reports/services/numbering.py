"""Staff set the numbering pattern of a kind of document for a year (tata naskah dinas)."""

from __future__ import annotations

from django.db import transaction

from audit.services import record
from reports.models import DocumentNumbering, validate_pattern


@transaction.atomic
def set_numbering_pattern(*, kind: str, year: int, pattern: str, by) -> DocumentNumbering:
    """Set (or change) the pattern of ``kind`` in ``year``; the sequence goes on where it was."""
    pattern = pattern.strip()
    validate_pattern(pattern)
    numbering = DocumentNumbering.objects.select_for_update().filter(kind=kind, year=year).first()
    before = None if numbering is None else {"pattern": numbering.pattern}
    if numbering is None:
        numbering = DocumentNumbering.objects.create(kind=kind, year=year, pattern=pattern)
    else:
        numbering.pattern = pattern
        numbering.save(update_fields=["pattern"])
    record(
        actor=by,
        action="reports.set_numbering_pattern",
        obj=numbering,
        before=before,
        after={"kind": kind, "year": year, "pattern": pattern},
    )
    return numbering
