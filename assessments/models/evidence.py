"""Evidence (bukti dukung): documents a region's inspectorate uploads for the indicators of its candidacy.

A document is uploaded once and linked to one or several indicators. Replacing its file adds a version;
earlier versions stay. The assessors' review is kept per version, so the note that asked for a revision
stays beside the version it was about. The files live in the "evidence" storage under random names and
are only ever served by a view that checks permission and the SHA-256 checksum.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assessments.enums import EvidenceStatus
from assessments.models.candidates import Candidate
from assessments.models.framework import Indicator
from assessments.models.programme import ProgrammeYear
from assessments.models.urls import pk_url


class EvidenceDeadline(models.Model):
    """The last day for uploading evidence: one for a programme year, optionally one per candidate that
    replaces it (e.g. a region assessed later). See ``assessments.queries.evidence_deadline``."""

    programme_year = models.ForeignKey(
        ProgrammeYear,
        verbose_name=_("tahun program"),
        on_delete=models.CASCADE,
        related_name="evidence_deadlines",
    )
    candidate = models.OneToOneField(
        Candidate,
        verbose_name=_("calon"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence_deadline",
        help_text=_("Kosongkan untuk batas waktu yang berlaku bagi semua calon tahun program ini."),
    )
    due_on = models.DateField(_("batas unggah bukti dukung"))

    class Meta:
        verbose_name = _("batas waktu bukti dukung")
        verbose_name_plural = _("batas waktu bukti dukung")
        ordering = ["programme_year", "due_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme_year"],
                condition=Q(candidate__isnull=True),
                name="evidencedeadline_one_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate or self.programme_year}: {self.due_on}"

    def days_left(self, today: date) -> int:
        return (self.due_on - today).days


class Document(models.Model):
    """One piece of evidence of a candidacy (region + programme year), linked to one or more indicators.

    ``current_version`` points at the newest version; only ``assessments.services.evidence`` sets it.
    """

    candidate = models.ForeignKey(
        Candidate, verbose_name=_("calon"), on_delete=models.PROTECT, related_name="evidence_documents"
    )
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("indikator"), related_name="evidence_documents"
    )
    title = models.CharField(_("judul"), max_length=200, help_text=_("Misalnya Perwali tentang UPG 2024."))
    description = models.TextField(_("uraian"), blank=True)
    current_version = models.OneToOneField(
        "DocumentVersion",
        verbose_name=_("versi terbaru"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("dokumen bukti dukung")
        verbose_name_plural = _("dokumen bukti dukung")
        ordering = ["candidate", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return pk_url("evidence:document", self.pk)

    @property
    def status(self) -> str:
        """The review status of the current version (waiting while there is none)."""
        version = self.current_version
        return version.review_status if version else EvidenceStatus.WAITING

    def get_status_display(self) -> str:
        return EvidenceStatus(self.status).label


class DocumentVersion(models.Model):
    """One uploaded file of a document, with what was checked when it arrived and the review it got.

    ``stored_name`` is the file's random name in the "evidence" storage; ``original_name`` is the
    uploader's name, cleaned, used only in the download's Content-Disposition.
    """

    document = models.ForeignKey(
        Document, verbose_name=_("dokumen"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("versi"))
    stored_name = models.CharField(_("nama simpan"), max_length=255, unique=True, editable=False)
    original_name = models.CharField(_("nama berkas"), max_length=150)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"))
    content_type = models.CharField(_("jenis isi"), max_length=120)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    comment = models.TextField(
        _("catatan unggahan"), blank=True, help_text=_("Misalnya apa yang diperbaiki dari versi sebelumnya.")
    )
    uploaded_at = models.DateTimeField(_("diunggah pada"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diunggah oleh"), on_delete=models.PROTECT, related_name="+"
    )
    review_status = models.CharField(
        _("status pemeriksaan"), max_length=10, choices=EvidenceStatus.choices, default=EvidenceStatus.WAITING
    )
    review_note = models.TextField(_("catatan pemeriksa"), blank=True)
    reviewed_at = models.DateTimeField(_("diperiksa pada"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diperiksa oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("versi dokumen")
        verbose_name_plural = _("versi dokumen")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="documentversion_unique_number"),
            models.CheckConstraint(condition=Q(size__gt=0), name="documentversion_size_positive"),
            models.CheckConstraint(condition=Q(number__gte=1), name="documentversion_number_positive"),
            models.CheckConstraint(
                condition=Q(review_status__in=EvidenceStatus.values), name="documentversion_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(review_status=EvidenceStatus.REVISION) | ~Q(review_note=""),
                name="documentversion_revision_has_note",
            ),
            models.CheckConstraint(
                condition=Q(review_status=EvidenceStatus.WAITING) | Q(reviewed_at__isnull=False),
                name="documentversion_reviewed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return _("%(title)s, versi %(number)s") % {"title": self.document.title, "number": self.number}

    @property
    def opens_inline(self) -> bool:
        """PDFs and images open in the browser; other types are downloaded."""
        return self.content_type in settings.EVIDENCE_INLINE_TYPES

    def get_download_url(self) -> str:
        return pk_url("evidence:download", self.pk)

    def get_view_url(self) -> str:
        return pk_url("evidence:view", self.pk)
