"""Files a region attaches to a recommendation's follow-up or to an objection point.

They live in the "evidence" storage under random names, are checked like evidence (type from the content,
size) and are served only by ``region:file`` after a permission check and the SHA-256 comparison.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class RegionFile(models.Model):
    """One uploaded file, attached to exactly one recommendation or one objection point."""

    recommendation = models.ForeignKey(
        "assessments.Recommendation",
        verbose_name=_("rekomendasi"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="files",
    )
    objection_point = models.ForeignKey(
        "assessments.ObjectionPoint",
        verbose_name=_("butir sanggahan"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="files",
    )
    stored_name = models.CharField(_("nama simpan"), max_length=255, unique=True, editable=False)
    original_name = models.CharField(_("nama berkas"), max_length=150)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"))
    content_type = models.CharField(_("jenis isi"), max_length=120)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("diunggah pada"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diunggah oleh"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("berkas daerah")
        verbose_name_plural = _("berkas daerah")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recommendation__isnull=False, objection_point__isnull=True)
                | Q(recommendation__isnull=True, objection_point__isnull=False),
                name="regionfile_one_owner",
            ),
            models.CheckConstraint(condition=Q(size__gt=0), name="regionfile_size_positive"),
        ]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("region:file", kwargs={"pk": self.pk})

    @property
    def candidate(self):
        if self.recommendation_id:
            return self.recommendation.candidate
        return self.objection_point.objection.plenary.assessment.candidate
