"""The four stages of an assessment and the scores the assessors give in each.

Only ``assessments.services.scoring`` writes these rows: it opens and closes stages, saves an
assessor's scores for a stage in one go (draft or submitted), keeps every score's history and refuses a
save made on an outdated version of the form.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from assessments.enums import Stage, StageStatus, SubmissionStatus
from assessments.models.framework import Indicator
from assessments.models.teams import Assessment


class AssessmentStage(models.Model):
    """One of the four stages of one assessment, opened and closed by staff.

    A stage without a row has not been opened yet (``StageStatus.PENDING``).
    """

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("penilaian"), on_delete=models.CASCADE, related_name="stages"
    )
    stage = models.CharField(_("tahap"), max_length=12, choices=Stage.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=StageStatus.choices, default=StageStatus.PENDING
    )
    opened_at = models.DateTimeField(_("dibuka pada"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuka oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditutup oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("tahap penilaian")
        verbose_name_plural = _("tahap penilaian")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "stage"], name="assessmentstage_unique_stage"),
            models.CheckConstraint(condition=Q(stage__in=Stage.values), name="assessmentstage_stage_valid"),
            models.CheckConstraint(
                condition=Q(status__in=StageStatus.values), name="assessmentstage_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.get_stage_display()}"

    @property
    def is_open(self) -> bool:
        return self.status == StageStatus.OPEN


class StageSubmission(models.Model):
    """What one assessor has entered for one stage: a draft, or submitted.

    ``version`` goes up by one with every save; a form carries the version it was rendered from, and the
    service refuses a save whose version is not the current one (optimistic concurrency), so a second,
    simultaneous save of the same assessor's form never silently overwrites the first.
    """

    stage = models.ForeignKey(
        AssessmentStage, verbose_name=_("tahap"), on_delete=models.CASCADE, related_name="submissions"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penilai"),
        on_delete=models.PROTECT,
        related_name="stage_submissions",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("versi"), default=0)
    saved_at = models.DateTimeField(_("disimpan pada"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("isian penilai per tahap")
        verbose_name_plural = _("isian penilai per tahap")
        constraints = [
            models.UniqueConstraint(fields=["stage", "assessor"], name="stagesubmission_unique_assessor"),
            models.CheckConstraint(
                condition=Q(status__in=SubmissionStatus.values), name="stagesubmission_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=SubmissionStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="stagesubmission_submitted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stage} · {self.assessor} ({self.get_status_display()})"

    @property
    def is_submitted(self) -> bool:
        return self.status == SubmissionStatus.SUBMITTED


class Score(models.Model):
    """One assessor's score and note for one indicator in one stage.

    ``submission`` is unique per stage and assessor, so the unique (submission, indicator) pair is one
    score per assessor, indicator and stage. ``scale_max`` is the indicator's ``max_score``, copied by the
    service when the row is written (the framework is frozen once an assessment uses it), so that the
    database itself can hold the value inside 0..scale_max: a check constraint cannot read another table.
    ``value`` may be empty in a draft (a note without a score yet).
    """

    submission = models.ForeignKey(
        StageSubmission, verbose_name=_("isian"), on_delete=models.CASCADE, related_name="scores"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.PROTECT, related_name="scores"
    )
    value = models.DecimalField(_("nilai"), max_digits=6, decimal_places=2, null=True, blank=True)
    scale_max = models.DecimalField(
        _("nilai maksimal"),
        max_digits=6,
        decimal_places=2,
        help_text=_("Salinan nilai maksimal indikator saat nilai disimpan."),
    )
    note = models.TextField(_("catatan"), blank=True)
    updated_at = models.DateTimeField(_("diubah pada"))

    class Meta:
        verbose_name = _("nilai")
        verbose_name_plural = _("nilai")
        constraints = [
            models.UniqueConstraint(fields=["submission", "indicator"], name="score_unique_per_indicator"),
            models.CheckConstraint(condition=Q(scale_max__gt=0), name="score_scale_max_positive"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0, value__lte=F("scale_max")),
                name="score_value_in_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.value}"


class ScoreChange(models.Model):
    """One change of a score or its note: who, when, from what, to what (appended by the service)."""

    score = models.ForeignKey(
        Score, verbose_name=_("nilai"), on_delete=models.CASCADE, related_name="changes"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diubah oleh"), on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("diubah pada"))
    old_value = models.DecimalField(_("nilai lama"), max_digits=6, decimal_places=2, null=True, blank=True)
    new_value = models.DecimalField(_("nilai baru"), max_digits=6, decimal_places=2, null=True, blank=True)
    old_note = models.TextField(_("catatan lama"), blank=True)
    new_note = models.TextField(_("catatan baru"), blank=True)

    class Meta:
        verbose_name = _("riwayat nilai")
        verbose_name_plural = _("riwayat nilai")
        ordering = ["score", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.score.indicator.code}: {self.old_value} → {self.new_value}"
