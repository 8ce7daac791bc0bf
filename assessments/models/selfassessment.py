"""The region's self-assessment (penilaian mandiri): per indicator of the year's framework, the region's own
score on the indicator's scale, its justification and links to the evidence already uploaded.

Written only by ``assessments.services.selfassessment``: the inspector (and the colleagues the inspector
invites) keep a draft, submit it once before the year's deadline, and staff may reopen it with a reason.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessments.enums import SelfAssessmentStatus
from assessments.models.candidates import Candidate
from assessments.models.evidence import Document
from assessments.models.framework import Indicator
from assessments.models.programme import ProgrammeYear

DEFAULT_OBJECTION_WORKING_DAYS = 5


class RegionSchedule(models.Model):
    """The region's side of one programme year: the self-assessment deadline and the length of the
    objection window after the provisional announcement. A year without a row has no self-assessment
    deadline and the default window (``DEFAULT_OBJECTION_WORKING_DAYS``)."""

    programme_year = models.OneToOneField(
        ProgrammeYear,
        verbose_name=_("tahun program"),
        on_delete=models.CASCADE,
        related_name="region_schedule",
    )
    self_assessment_due_on = models.DateField(
        _("batas pengiriman penilaian mandiri"),
        null=True,
        blank=True,
        help_text=_("Kosongkan bila tidak ada batas waktu."),
    )
    objection_working_days = models.PositiveSmallIntegerField(
        _("masa sanggah (hari kerja)"),
        default=DEFAULT_OBJECTION_WORKING_DAYS,
        help_text=_("Dihitung dari hari kerja setelah tanggal pengumuman sementara."),
    )

    class Meta:
        verbose_name = _("jadwal sisi daerah")
        verbose_name_plural = _("jadwal sisi daerah")
        constraints = [
            models.CheckConstraint(
                condition=Q(objection_working_days__gte=1, objection_working_days__lte=30),
                name="regionschedule_objection_days_range",
            ),
        ]

    def __str__(self) -> str:
        return _("Jadwal daerah %(year)s") % {"year": self.programme_year}


class SelfAssessment(models.Model):
    """A candidate's self-assessment: a draft until submitted, then read-only unless staff reopen it."""

    candidate = models.OneToOneField(
        Candidate, verbose_name=_("calon"), on_delete=models.CASCADE, related_name="self_assessment"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SelfAssessmentStatus.choices, default=SelfAssessmentStatus.DRAFT
    )
    updated_at = models.DateTimeField(_("diubah pada"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dikirim oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reopen_reason = models.TextField(_("alasan dibuka kembali"), blank=True)

    class Meta:
        verbose_name = _("penilaian mandiri")
        verbose_name_plural = _("penilaian mandiri")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=SelfAssessmentStatus.values), name="selfassessment_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=SelfAssessmentStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="selfassessment_submitted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return _("Penilaian mandiri %(candidate)s") % {"candidate": self.candidate}

    def get_absolute_url(self) -> str:
        return reverse("region:self_assessment", kwargs={"pk": self.candidate_id})

    @property
    def is_submitted(self) -> bool:
        return self.status == SelfAssessmentStatus.SUBMITTED


class SelfAssessmentContributor(models.Model):
    """A colleague from the region's own government whom the inspector invited to fill the
    self-assessment with their own account."""

    candidate = models.ForeignKey(
        Candidate,
        verbose_name=_("calon"),
        on_delete=models.CASCADE,
        related_name="self_assessment_contributors",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pengguna"), on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(_("diundang pada"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diundang oleh"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("rekan pengisi penilaian mandiri")
        verbose_name_plural = _("rekan pengisi penilaian mandiri")
        ordering = ["candidate", "invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "user"], name="selfassessmentcontributor_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.candidate}"


class SelfScore(models.Model):
    """The region's own score and justification for one indicator, with the evidence it points to.
    ``scale_max`` copies the indicator's maximum so the database holds the value inside the scale."""

    self_assessment = models.ForeignKey(
        SelfAssessment, verbose_name=_("penilaian mandiri"), on_delete=models.CASCADE, related_name="scores"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.PROTECT, related_name="self_scores"
    )
    value = models.DecimalField(_("nilai mandiri"), max_digits=6, decimal_places=2, null=True, blank=True)
    scale_max = models.DecimalField(_("nilai maksimal"), max_digits=6, decimal_places=2)
    justification = models.TextField(_("penjelasan"), blank=True)
    documents = models.ManyToManyField(
        Document, verbose_name=_("bukti dukung"), blank=True, related_name="self_scores"
    )
    updated_at = models.DateTimeField(_("diubah pada"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diubah oleh"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("nilai mandiri")
        verbose_name_plural = _("nilai mandiri")
        ordering = ["self_assessment", "indicator__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["self_assessment", "indicator"], name="selfscore_unique_indicator"
            ),
            models.CheckConstraint(condition=Q(scale_max__gt=0), name="selfscore_scale_max_positive"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0, value__lte=F("scale_max")),
                name="selfscore_value_in_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.value}"
