from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regions.enums import CriterionKind, ImportStatus

# An unconfirmed preview stops being confirmable after this long: the data it was checked against may have
# moved on. ``regions.services.criteria_import.expire_previews`` marks such previews expired.
PREVIEW_LIFETIME = timedelta(hours=24)


class PreviewState(models.Model):
    """What a single-file import and a whole-workbook import share: who uploaded it, its status, and its
    expiry while it waits for confirmation."""

    file_name = models.CharField(_("nama berkas"), max_length=255)
    final = models.BooleanField(_("nilai akhir"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("diunggah pada"), default=timezone.now)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterapkan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    applied_at = models.DateTimeField(_("diterapkan pada"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def expires_at(self):
        return self.created_at + PREVIEW_LIFETIME

    @property
    def is_expired(self) -> bool:
        """A preview nobody confirmed in time (whether or not it is marked yet)."""
        return self.status == ImportStatus.EXPIRED or (
            self.status == ImportStatus.PENDING and timezone.now() >= self.expires_at
        )

    @property
    def is_pending(self) -> bool:
        return self.status == ImportStatus.PENDING and not self.is_expired

    def shown_status(self) -> str:
        return str(ImportStatus.EXPIRED.label if self.is_expired else self.get_status_display())


class CriteriaWorkbook(PreviewState):
    """One uploaded workbook with a sheet per criterion of a programme year's catalogue, between its preview
    and its confirmation. Each sheet (and data year) is a ``CriteriaImport`` of it; confirming applies them
    all in one transaction, or none (``regions.services.criteria_import.apply_workbook``)."""

    programme_year = models.PositiveSmallIntegerField(_("tahun program"))
    errors = models.JSONField(_("kesalahan buku kerja"), default=list)

    class Meta:
        verbose_name = _("impor buku kerja kriteria")
        verbose_name_plural = _("impor buku kerja kriteria")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ImportStatus.values), name="criteria_workbook_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme_year} · {self.file_name}"

    def get_absolute_url(self) -> str:
        return reverse("regions:criteria_workbook_detail", kwargs={"pk": self.pk})


class CriteriaImport(PreviewState):
    """One uploaded criteria file between its preview and its confirmation.

    ``rows`` holds the parsed, checked rows exactly as previewed; confirming applies those rows and nothing
    else (``regions.services.criteria_import.apply_import``), so what staff saw is what lands.
    """

    criterion = models.CharField(_("kriteria"), max_length=20, help_text=_("Kode kriteria, misalnya mcp."))
    criterion_name = models.CharField(_("nama kriteria"), max_length=150, blank=True)
    kind = models.CharField(_("jenis nilai"), max_length=10, choices=CriterionKind.choices, blank=True)
    data_year = models.PositiveSmallIntegerField(_("tahun data"), null=True, blank=True)
    workbook = models.ForeignKey(
        CriteriaWorkbook,
        verbose_name=_("buku kerja"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sheets",
    )
    sheet = models.CharField(_("lembar"), max_length=31, blank=True)
    rows = models.JSONField(_("baris"), default=list)
    errors = models.JSONField(_("kesalahan"), default=list)
    summary = models.JSONField(_("ringkasan"), default=dict)

    class Meta:
        verbose_name = _("impor kriteria")
        verbose_name_plural = _("impor kriteria")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ImportStatus.values), name="criteria_import_status_valid"
            ),
        ]

    def __str__(self) -> str:
        year = f" {self.data_year}" if self.data_year else ""
        return f"{self.criterion_name or self.criterion}{year} · {self.file_name}"

    def get_absolute_url(self) -> str:
        return reverse("regions:criteria_import_detail", kwargs={"pk": self.pk})

    @property
    def is_cases(self) -> bool:
        return self.kind == CriterionKind.CASES
