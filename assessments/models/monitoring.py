"""Monitoring rounds (rapat koordinasi, bimtek, monev) of a designated candidate during the months of
guidance, each with a running score per indicator and notes. Written only by
``assessments.services.monitoring``."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessments.enums import MonitoringKind
from assessments.models.candidates import Candidate
from assessments.models.framework import Indicator


class MonitoringRound(models.Model):
    """A numbered round for one candidate; staff open it and may add assessors who record scores too."""

    candidate = models.ForeignKey(
        Candidate, verbose_name=_("calon"), on_delete=models.CASCADE, related_name="monitoring_rounds"
    )
    number = models.PositiveSmallIntegerField(_("putaran ke"))
    held_on = models.DateField(_("tanggal"))
    kind = models.CharField(_("jenis"), max_length=12, choices=MonitoringKind.choices)
    notes = models.TextField(_("catatan"), blank=True)
    assessors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("penilai"), blank=True, related_name="monitoring_rounds"
    )
    created_at = models.DateTimeField(_("dibuat pada"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dibuat oleh"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("putaran monitoring")
        verbose_name_plural = _("putaran monitoring")
        ordering = ["candidate", "number"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "number"], name="monitoringround_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="monitoringround_number_positive"),
            models.CheckConstraint(
                condition=Q(kind__in=MonitoringKind.values), name="monitoringround_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return _("Putaran %(number)s %(candidate)s") % {"number": self.number, "candidate": self.candidate}

    def get_absolute_url(self) -> str:
        return reverse("region:monitoring_round", kwargs={"pk": self.pk})


class MonitoringScore(models.Model):
    """The running score of one indicator in one round, on the indicator's scale."""

    round = models.ForeignKey(
        MonitoringRound, verbose_name=_("putaran"), on_delete=models.CASCADE, related_name="scores"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.PROTECT, related_name="monitoring_scores"
    )
    value = models.DecimalField(_("nilai berjalan"), max_digits=6, decimal_places=2)
    scale_max = models.DecimalField(_("nilai maksimal"), max_digits=6, decimal_places=2)
    note = models.TextField(_("catatan"), blank=True)
    updated_at = models.DateTimeField(_("diubah pada"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diubah oleh"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("nilai monitoring")
        verbose_name_plural = _("nilai monitoring")
        ordering = ["round", "indicator__order"]
        constraints = [
            models.UniqueConstraint(fields=["round", "indicator"], name="monitoringscore_unique_indicator"),
            models.CheckConstraint(condition=Q(scale_max__gt=0), name="monitoringscore_scale_max_positive"),
            models.CheckConstraint(
                condition=Q(value__gte=0, value__lte=F("scale_max")), name="monitoringscore_value_in_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.value}"
