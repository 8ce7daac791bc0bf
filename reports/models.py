from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reports.enums import DocumentKind


def document_path(document: "IssuedDocument", filename: str) -> str:
    return f"dokumen/{document.issued_at:%Y}/{document.code}.pdf"


class IssuedDocument(models.Model):
    """One PDF the system issued: its verification code, what it states, and the SHA-256 of its bytes.

    Written only by ``reports.services.issuing`` (``issue_document``/``issue_pdf``), on an explicit act of
    someone allowed to issue it; downloading it again serves the same stored file. The public page
    ``/verifikasi/<code>/`` shows ``statements`` and ``sha256`` so that a printed or forwarded copy can be
    told from a forged one, and ``superseded_by`` when a later document replaced it (the final announcement
    after the provisional one, a plenary record issued again after the final announcement). ``statements``
    holds only what the document itself prints (no confidential data).
    """

    code = models.CharField(_("kode verifikasi"), max_length=20, unique=True)
    number = models.CharField(
        _("nomor"),
        max_length=100,
        blank=True,
        help_text=_("Nomor surat menurut pola penomoran jenis dan tahunnya."),
    )
    kind = models.CharField(_("jenis dokumen"), max_length=25, choices=DocumentKind.choices)
    title = models.CharField(_("judul"), max_length=255)
    subject = models.CharField(
        _("perihal"), max_length=255, help_text=_("Misalnya Kota Blitar, Percontohan 2025.")
    )
    statements = models.JSONField(
        _("isi pokok"),
        default=list,
        blank=True,
        help_text=_("Pasangan [keterangan, nilai] yang dinyatakan dokumen."),
    )
    source = models.CharField(
        _("sumber"), max_length=100, blank=True, help_text=_("Objek asal dokumen, misalnya plenary:12.")
    )
    sha256 = models.CharField(_("checksum SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    file = models.FileField(_("berkas"), upload_to=document_path, max_length=255)
    issued_at = models.DateTimeField(_("diterbitkan pada"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterbitkan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("digantikan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
        help_text=_("Dokumen yang lebih baru yang menggantikan dokumen ini."),
    )

    class Meta:
        verbose_name = _("dokumen terbitan")
        verbose_name_plural = _("dokumen terbitan")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values), name="issueddocument_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(sha256=""), name="issueddocument_has_checksum"),
        ]
        indexes = [models.Index(fields=["source", "kind"], name="issueddocument_source_kind")]

    def __str__(self) -> str:
        return f"{self.code} · {self.title} · {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("reports:verify", kwargs={"code": self.code})

    @property
    def current(self) -> "IssuedDocument":
        """The newest document of the chain of replacements starting here (itself when not replaced)."""
        document, seen = self, {self.pk}
        while document.superseded_by_id is not None and document.superseded_by_id not in seen:
            document = document.superseded_by
            seen.add(document.pk)
        return document

    @property
    def filename(self) -> str:
        return f"{self.get_kind_display()} {self.subject} {self.code}.pdf".replace("/", "-")


ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def validate_pattern(pattern: str) -> None:
    """A numbering pattern must hold ``{seq}`` and no other placeholder than those ``format_number`` knows."""
    from django.core.exceptions import ValidationError

    if "{seq}" not in pattern:
        raise ValidationError(_("Pola penomoran harus memuat {seq}."), code="no_seq")
    try:
        pattern.format(seq=1, month=1, month_roman="I", year=2025)
    except (KeyError, IndexError, ValueError) as error:
        raise ValidationError(
            _("Pola penomoran hanya boleh memuat {seq}, {month}, {month_roman} dan {year}."),
            code="bad_pattern",
        ) from error


class DocumentNumbering(models.Model):
    """The numbering of one kind of document in one year (tata naskah dinas), set by staff, e.g.
    ``B/{seq}/DKM.01.02/{month_roman}/{year}``. ``last_number`` is advanced only by the issuing service,
    which locks the row; a pattern may change during the year without restarting the sequence."""

    kind = models.CharField(_("jenis dokumen"), max_length=25, choices=DocumentKind.choices)
    year = models.PositiveIntegerField(_("tahun"))
    pattern = models.CharField(
        _("pola penomoran"),
        max_length=100,
        validators=[validate_pattern],
        help_text=_(
            "Misalnya B/{seq}/DKM.01.02/{month_roman}/{year}; {seq} nomor urut, {month} bulan, "
            "{month_roman} bulan dalam angka Romawi, {year} tahun."
        ),
    )
    last_number = models.PositiveIntegerField(_("nomor urut terakhir"), default=0, editable=False)

    class Meta:
        verbose_name = _("penomoran dokumen")
        verbose_name_plural = _("penomoran dokumen")
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="documentnumbering_unique_kind_year"),
            models.CheckConstraint(
                condition=Q(kind__in=DocumentKind.values), name="documentnumbering_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}: {self.pattern}"

    def format_number(self, seq: int, month: int) -> str:
        return self.pattern.format(seq=seq, month=month, month_roman=ROMAN_MONTHS[month - 1], year=self.year)


class ReportJob(models.Model):
    """A document being issued off the request (the year summary): queued by a POST of someone allowed to
    issue it, run by the task worker (``reports.tasks.issue_report_job``), with its progress and, when it
    failed, the reason. Written only by ``reports.services.jobs``."""

    class Status(models.TextChoices):
        QUEUED = "antre", _("Dalam antrean")
        RUNNING = "berjalan", _("Sedang dibuat")
        DONE = "selesai", _("Selesai")
        FAILED = "gagal", _("Gagal")

    kind = models.CharField(_("jenis dokumen"), max_length=25, choices=DocumentKind.choices)
    source = models.CharField(_("sumber"), max_length=100)
    base_url = models.CharField(_("alamat situs"), max_length=255)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    error = models.TextField(_("alasan gagal"), blank=True)
    task_id = models.CharField(_("tugas"), max_length=64, blank=True)
    document = models.ForeignKey(
        IssuedDocument,
        verbose_name=_("dokumen"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("diminta pada"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diminta oleh"), on_delete=models.PROTECT, related_name="+"
    )
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("pembuatan dokumen")
        verbose_name_plural = _("pembuatan dokumen")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="reportjob_progress_range"),
        ]
        indexes = [models.Index(fields=["source", "kind"], name="reportjob_source_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.source} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
