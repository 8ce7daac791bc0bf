"""Issuing a PDF: a verification code, the PDF rendered with that code and its QR code, the SHA-256 of
the bytes, and a stored record (with the file) that the public verification page reads.

Issuing is an act (a POST of someone allowed to issue the document, or an admin action): it stores the
file once. Asking again for a document whose content has not changed returns the document already issued
(same file, same code); when the content changed (the plenary record after the final announcement, the
year summary after another region was announced) a new document is issued and the previous one is marked
as replaced by it. A draft (the record or score report of a plenary still open) is never issued: it is
rendered on demand, watermarked "DRAF", without a verification code (``render_draft``).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.files import removes_files_on_failure, store_field_file
from audit.services import record
from reports.enums import DocumentKind
from reports.models import DocumentNumbering, IssuedDocument
from reports.services.rendering import qr_data_uri, render_pdf

# No 0/O, 1/I/L: the code is read off paper and typed in by hand.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_code() -> str:
    """A random code such as ``K7QX-4MPA-9TZC`` (60 bits), unique among issued documents."""
    while True:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
        code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
        if not IssuedDocument.objects.filter(code=code).exists():
            return code


@dataclass(frozen=True)
class Report:
    """A report ready to issue: what to render and what the verification page should say about it.

    ``draft``: not an official document yet (a plenary still open); it can only be rendered as a draft.
    ``supersedes``: (kind, source) of other documents this one replaces once issued (the final
    announcement replaces the provisional one).
    """

    kind: str
    template_name: str
    context: dict
    title: str
    subject: str
    statements: Sequence[tuple[str, str]]
    source: str = ""
    draft: bool = False
    supersedes: Sequence[tuple[str, str]] = ()

    @property
    def stated(self) -> list[list[str]]:
        """The statements as stored on the document (and compared with a stored one)."""
        return [[str(label), str(value)] for label, value in self.statements]


def verification_url(code: str, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("reports:verify", kwargs={"code": code})


def current_document(kind: str, source: str) -> IssuedDocument | None:
    """The document of ``kind`` issued for ``source`` that no later one replaced, if any."""
    return (
        IssuedDocument.objects.filter(kind=kind, source=source, superseded_by__isnull=True)
        .order_by("-issued_at", "-pk")
        .first()
    )


def is_current(report: Report, document: IssuedDocument | None) -> bool:
    """Whether ``document`` states what ``report`` states today (so it can be served again)."""
    return document is not None and document.statements == report.stated


# The numbering pattern of a kind of document until staff set one for the year (admin, "Penomoran
# dokumen"): an illustrative default, not KPK's official classification codes.
DEFAULT_PATTERNS = {
    DocumentKind.PROVISIONAL_ANNOUNCEMENT: "B/{seq}/PENG-S/PERMAS/{month_roman}/{year}",
    DocumentKind.FINAL_ANNOUNCEMENT: "B/{seq}/PENG-A/PERMAS/{month_roman}/{year}",
    DocumentKind.PLENARY_RECORD: "BA/{seq}/PLENO/PERMAS/{month_roman}/{year}",
    DocumentKind.SCORE_REPORT: "LAP/{seq}/NILAI/PERMAS/{month_roman}/{year}",
    DocumentKind.YEAR_SUMMARY: "REK/{seq}/PERMAS/{month_roman}/{year}",
}


def next_number(kind: str, on: date) -> str:
    """The next number of ``kind`` in the year of ``on``, from the year's pattern (the row is locked and
    advanced; created with the default pattern when staff have not set one)."""
    numbering, _created = DocumentNumbering.objects.select_for_update().get_or_create(
        kind=kind, year=on.year, defaults={"pattern": DEFAULT_PATTERNS[kind]}
    )
    numbering.last_number += 1
    numbering.save(update_fields=["last_number"])
    return numbering.format_number(numbering.last_number, on.month)


def issuer_of(by) -> dict | None:
    """The issuing official printed on a document: name and position of the user who issues it."""
    if by is None or not by.is_authenticated:
        return None
    return {"name": by.name or by.username, "position": getattr(by, "position", "")}


def render_document(
    report: Report, *, code: str, base_url: str, number: str = "", issued_on: date | None = None, by=None
) -> bytes:
    """The PDF of ``report`` with its number, verification code and QR code (rendered, not stored)."""
    url = verification_url(code, base_url)
    context = {
        **report.context,
        "document_title": report.title,
        "document_number": number,
        "issued_on": issued_on or timezone.localdate(),
        "issuer": issuer_of(by),
        "verification": {"code": code, "url": url, "qr": qr_data_uri(url)},
    }
    return render_pdf(report.template_name, context)


def render_draft(report: Report, *, by=None) -> bytes:
    """The PDF of a draft: watermarked "DRAF", no number, verification code or QR code, nothing stored."""
    return render_pdf(
        report.template_name,
        {
            **report.context,
            "document_title": report.title,
            "draft": True,
            "issued_on": timezone.localdate(),
            "issuer": issuer_of(by),
        },
    )


@removes_files_on_failure
@transaction.atomic
def issue_document(report: Report, *, base_url: str, by=None) -> tuple[IssuedDocument, bool]:
    """Issue ``report`` unless the current document of its kind and source already states the same:
    (the document, whether it was issued now). A new document replaces the previous one of the same kind
    and source, and those named in ``report.supersedes``.

    ``base_url`` is the public address of the site (e.g. ``https://antikorupsi.kpk.go.id``); the QR code
    points at ``<base_url>/verifikasi/<code>/``.
    """
    if report.draft:
        raise ValidationError(
            _("Dokumen ini masih draf (rapat pleno belum final) dan tidak dapat diterbitkan."), code="draft"
        )
    replaced = list(
        IssuedDocument.objects.select_for_update()
        .filter(kind=report.kind, source=report.source, superseded_by__isnull=True)
        .order_by("-issued_at", "-pk")
    )
    if replaced and is_current(report, replaced[0]):
        return replaced[0], False
    for kind, source in report.supersedes:
        replaced += IssuedDocument.objects.select_for_update().filter(
            kind=kind, source=source, superseded_by__isnull=True
        )
    code = new_code()
    issued_on = timezone.localdate()
    number = next_number(report.kind, issued_on)
    pdf = render_document(report, code=code, base_url=base_url, number=number, issued_on=issued_on, by=by)
    document = IssuedDocument(
        code=code,
        number=number,
        kind=report.kind,
        title=report.title,
        subject=report.subject,
        statements=report.stated,
        source=report.source,
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        issued_at=timezone.now(),
        issued_by=by if by is not None and by.is_authenticated else None,
    )
    store_field_file(document.file, f"{code}.pdf", ContentFile(pdf))
    document.save()
    IssuedDocument.objects.filter(pk__in=[old.pk for old in replaced]).update(superseded_by=document)
    record(
        actor=by,
        action="reports.issue_pdf",
        obj=document,
        after={
            "code": code,
            "number": number,
            "kind": report.kind,
            "sha256": document.sha256,
            "source": report.source,
            "replaces": [old.code for old in replaced],
        },
    )
    return document, True


def issue_pdf(report: Report, *, base_url: str, by=None) -> IssuedDocument:
    """The issued document of ``report``: the current one when it states the same, else a new one
    (``issue_document``)."""
    return issue_document(report, base_url=base_url, by=by)[0]
