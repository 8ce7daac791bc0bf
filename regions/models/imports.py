from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from regions.enums import Criterion, ImportStatus


class CriteriaImport(models.Model):
    """One uploaded criteria file between its preview and its confirmation.

    ``rows`` holds the parsed, checked rows exactly as previewed; confirming applies those rows and nothing
    else (``regions.services.criteria_import.apply_import``), so what staff saw is what lands.
    """

    criterion = models.CharField(_("kriteria"), max_length=10, choices=Criterion.choices)
    data_year = models.PositiveSmallIntegerField(_("tahun data"), null=True, blank=True)
    final = models.BooleanField(_("nilai akhir"), default=False)
    file_name = models.CharField(_("nama berkas"), max_length=255)
    rows = models.JSONField(_("baris"), default=list)
    errors = models.JSONField(_("kesalahan"), default=list)
    summary = models.JSONField(_("ringkasan"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("diunggah pada"), auto_now_add=True)
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
        verbose_name = _("impor kriteria")
        verbose_name_plural = _("impor kriteria")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(criterion__in=Criterion.values), name="criteria_import_criterion_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ImportStatus.values), name="criteria_import_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(criterion=Criterion.KASUS) | Q(data_year__isnull=False),
                name="criteria_import_year_unless_cases",
            ),
        ]

    def __str__(self) -> str:
        year = f" {self.data_year}" if self.data_year else ""
        return f"{self.get_criterion_display()}{year} · {self.file_name}"

    def get_absolute_url(self) -> str:
        return reverse("regions:criteria_import_detail", kwargs={"pk": self.pk})
