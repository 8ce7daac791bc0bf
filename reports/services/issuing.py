"""Issuing a PDF: a verification code, the PDF rendered with that code and its QR code, the SHA-256 of
the bytes, and a stored record (with the file) that the public verification page reads."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from assessments.files import removes_files_on_failure, store_field_file
from audit.services import record
from reports.models import IssuedDocument
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
    """A report ready to issue: what to render and what the verification page should say about it."""

    kind: str
    template_name: str
    context: dict
    title: str
    subject: str
    statements: Sequence[tuple[str, str]]
    source: str = ""


def verification_url(code: str, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("reports:verify", kwargs={"code": code})


@removes_files_on_failure
@transaction.atomic
def issue_pdf(report: Report, *, base_url: str, by=None) -> IssuedDocument:
    """Render ``report`` with a fresh verification code and QR code, store the PDF and its checksum.

    ``base_url`` is the public address of the site (e.g. ``https://antikorupsi.kpk.go.id``); the QR code
    points at ``<base_url>/verifikasi/<code>/``.
    """
    code = new_code()
    url = verification_url(code, base_url)
    context = {
        **report.context,
        "document_title": report.title,
        "verification": {"code": code, "url": url, "qr": qr_data_uri(url)},
    }
    pdf = render_pdf(report.template_name, context)
    document = IssuedDocument(
        code=code,
        kind=report.kind,
        title=report.title,
        subject=report.subject,
        statements=[[str(label), str(value)] for label, value in report.statements],
        source=report.source,
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        issued_at=timezone.now(),
        issued_by=by if by is not None and by.is_authenticated else None,
    )
    store_field_file(document.file, f"{code}.pdf", ContentFile(pdf))
    document.save()
    record(
        actor=by,
        action="reports.issue_pdf",
        obj=document,
        after={"code": code, "kind": report.kind, "sha256": document.sha256, "source": report.source},
    )
    return document
