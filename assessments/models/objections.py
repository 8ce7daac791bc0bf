"""The region's objection (sanggah) to the provisional result: one per plenary, filed inside the window
after the provisional announcement, one point per indicator, each answered by the team. Written only by
``assessments.services.objections``."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessments.enums import ObjectionAnswer, ObjectionStatus
from assessments.models.framework import Indicator
from assessments.models.plenary import Plenary


class Objection(models.Model):
    plenary = models.OneToOneField(
        Plenary, verbose_name=_("rapat pleno"), on_delete=models.PROTECT, related_name="objection"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.FILED
    )
    filed_at = models.DateTimeField(_("diajukan pada"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diajukan oleh"), on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("dijawab pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("sanggahan")
        verbose_name_plural = _("sanggahan")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ObjectionStatus.values), name="objection_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=ObjectionStatus.FILED) | Q(answered_at__isnull=False),
                name="objection_answered_has_date",
            ),
        ]

    def __str__(self) -> str:
        return _("Sanggahan %(region)s") % {"region": self.plenary.assessment.candidate}

    def get_absolute_url(self) -> str:
        return reverse("region:objection", kwargs={"pk": self.plenary.assessment.candidate_id})

    @property
    def is_answered(self) -> bool:
        return self.status == ObjectionStatus.ANSWERED


class ObjectionPoint(models.Model):
    """One indicator the region objects to: its argument and the score it asks for; the team's answer
    (accepted with the changed score, or rejected with a reason)."""

    objection = models.ForeignKey(
        Objection, verbose_name=_("sanggahan"), on_delete=models.CASCADE, related_name="points"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.PROTECT, related_name="+"
    )
    argument = models.TextField(_("alasan sanggahan"))
    requested_value = models.DecimalField(
        _("nilai yang diminta"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    agreed_value = models.DecimalField(
        _("nilai pleno saat diajukan"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    answer = models.CharField(
        _("jawaban"), max_length=10, choices=ObjectionAnswer.choices, default=ObjectionAnswer.PENDING
    )
    new_value = models.DecimalField(_("nilai baru"), max_digits=6, decimal_places=2, null=True, blank=True)
    answer_reason = models.TextField(_("alasan jawaban"), blank=True)
    answered_at = models.DateTimeField(_("dijawab pada"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dijawab oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("butir sanggahan")
        verbose_name_plural = _("butir sanggahan")
        ordering = ["objection", "indicator__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["objection", "indicator"], name="objectionpoint_unique_indicator"
            ),
            models.CheckConstraint(
                condition=Q(answer__in=ObjectionAnswer.values), name="objectionpoint_answer_valid"
            ),
            models.CheckConstraint(
                condition=~Q(answer=ObjectionAnswer.ACCEPTED) | Q(new_value__isnull=False),
                name="objectionpoint_accepted_has_value",
            ),
            models.CheckConstraint(
                condition=~Q(answer=ObjectionAnswer.REJECTED) | ~Q(answer_reason=""),
                name="objectionpoint_rejected_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.get_answer_display()}"
