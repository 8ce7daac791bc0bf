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

    Written only by ``reports.services.issuing.issue_pdf``. The public page ``/verifikasi/<code>/`` shows
    ``statements`` and ``sha256`` so that a printed or forwarded copy can be told from a forged one.
    ``statements`` holds only what the document itself prints (no confidential data).
    """

    code = models.CharField(_("kode verifikasi"), max_length=20, unique=True)
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
    def filename(self) -> str:
        return f"{self.get_kind_display()} {self.subject} {self.code}.pdf".replace("/", "-")
