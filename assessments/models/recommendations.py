"""Recommendations for improvement (from the observation, a monitoring round or the plenary) and the
region's follow-up on each. Written only by ``assessments.services.recommendations``.

An item not done stays on the region's pages in later programme years and in the monitoring of pilots
(``assessments.queries.recommendations.open_recommendations``): it carries over by being read across years,
never copied.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assessments.enums import RECOMMENDATION_OPEN_STATUSES, RecommendationSource, RecommendationStatus
from assessments.models.candidates import Candidate
from assessments.models.framework import Indicator
from assessments.models.monitoring import MonitoringRound
from assessments.models.urls import pk_url


class Recommendation(models.Model):
    candidate = models.ForeignKey(
        Candidate, verbose_name=_("calon"), on_delete=models.CASCADE, related_name="recommendations"
    )
    source = models.CharField(_("asal"), max_length=10, choices=RecommendationSource.choices)
    monitoring_round = models.ForeignKey(
        MonitoringRound,
        verbose_name=_("putaran monitoring"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indikator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    text = models.TextField(_("rekomendasi"))
    agency = models.CharField(
        _("OPD penanggung jawab"), max_length=200, help_text=_("Misalnya Inspektorat Daerah.")
    )
    due_on = models.DateField(_("batas waktu"))
    status = models.CharField(
        _("status"), max_length=15, choices=RecommendationStatus.choices, default=RecommendationStatus.OPEN
    )
    created_at = models.DateTimeField(_("dibuat pada"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    follow_up = models.TextField(_("tindak lanjut daerah"), blank=True)
    followed_up_at = models.DateTimeField(_("ditindaklanjuti pada"), null=True, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditindaklanjuti oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    review_note = models.TextField(_("catatan staf"), blank=True)
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
        verbose_name = _("rekomendasi")
        verbose_name_plural = _("rekomendasi")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RecommendationStatus.values), name="recommendation_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(source__in=RecommendationSource.values), name="recommendation_source_valid"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="recommendation_text_required"),
            models.CheckConstraint(
                condition=Q(status=RecommendationStatus.OPEN) | ~Q(follow_up=""),
                name="recommendation_followed_up_has_text",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return pk_url("region:recommendation", self.pk)

    @property
    def is_open(self) -> bool:
        return self.status in RECOMMENDATION_OPEN_STATUSES
