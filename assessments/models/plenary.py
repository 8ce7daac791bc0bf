from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessments.enums import PlenaryStatus
from assessments.models.teams import Assessment


class Plenary(models.Model):
    """The team's plenary meeting (rapat pleno) that settles an assessment's final score.

    Minimal for now: once it is finalised, scores, stage records and evidence of the assessment are
    read-only. The plenary issue extends this model.
    """

    assessment = models.OneToOneField(
        Assessment, verbose_name=_("penilaian"), on_delete=models.CASCADE, related_name="plenary"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PlenaryStatus.choices, default=PlenaryStatus.OPEN
    )
    finalised_at = models.DateTimeField(_("difinalkan pada"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("difinalkan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    # Issue 7: the meeting itself, and what finalising froze. ``total``, ``predicate``, ``laik`` and the
    # ``frozen_*`` fields are written only by ``assessments.services.plenary.finalize_plenary``; the frozen
    # numbers (framework, weights, scores, criterion values with data year and status, bands, pass mark)
    # let ``assessments.services.results`` recompute the result at any time.
    held_on = models.DateField(_("tanggal rapat"), null=True, blank=True)
    place = models.CharField(_("tempat"), max_length=255, blank=True)
    notes = models.TextField(_("catatan rapat"), blank=True)
    recommendations = models.TextField(
        _("rekomendasi perbaikan"), blank=True, help_text=_("Dicetak pada laporan nilai daerah.")
    )
    frozen_inputs = models.JSONField(_("angka yang dibekukan"), default=list, blank=True, editable=False)
    frozen_bands = models.JSONField(_("predikat yang dibekukan"), default=list, blank=True, editable=False)
    frozen_pass_mark = models.DecimalField(
        _("nilai kelulusan saat final"), max_digits=5, decimal_places=2, null=True, blank=True, editable=False
    )
    criteria_hold = models.BooleanField(
        _("kriteria terpenuhi saat final"), null=True, blank=True, editable=False
    )
    total = models.DecimalField(
        _("nilai total"), max_digits=5, decimal_places=2, null=True, blank=True, editable=False
    )
    predicate = models.CharField(_("predikat"), max_length=50, blank=True, editable=False)
    laik = models.BooleanField(_("laik"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("rapat pleno")
        verbose_name_plural = _("rapat pleno")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=PlenaryStatus.values), name="plenary_status_valid"),
            models.CheckConstraint(
                condition=Q(status=PlenaryStatus.OPEN) | Q(finalised_at__isnull=False),
                name="plenary_finalised_has_date",
            ),
        ]

    def __str__(self) -> str:
        return _("Pleno %(assessment)s") % {"assessment": self.assessment}

    def get_absolute_url(self) -> str:
        return reverse("assessments:plenary", kwargs={"pk": self.assessment_id})

    @property
    def is_finalised(self) -> bool:
        return self.status == PlenaryStatus.FINALISED


class PlenaryScore(models.Model):
    """The score the plenary agreed for one indicator; a departure from the assessors' mean by more than
    the programme year's threshold carries a written reason (checked by the service)."""

    plenary = models.ForeignKey(
        Plenary, verbose_name=_("rapat pleno"), on_delete=models.CASCADE, related_name="scores"
    )
    indicator = models.ForeignKey(
        "assessments.Indicator", verbose_name=_("indikator"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("nilai pleno"), max_digits=6, decimal_places=2)
    reason = models.TextField(_("alasan"), blank=True)
    updated_at = models.DateTimeField(_("diubah pada"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diubah oleh"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("nilai pleno")
        verbose_name_plural = _("nilai pleno")
        ordering = ["plenary", "indicator__order"]
        constraints = [
            models.UniqueConstraint(fields=["plenary", "indicator"], name="plenaryscore_unique_indicator"),
            models.CheckConstraint(condition=Q(value__gte=0), name="plenaryscore_value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.value}"


class PlenaryAttendee(models.Model):
    """Someone present at the plenary, in the order of the berita acara's signature blocks."""

    plenary = models.ForeignKey(
        Plenary, verbose_name=_("rapat pleno"), on_delete=models.CASCADE, related_name="attendees"
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    name = models.CharField(_("nama"), max_length=150)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)
    institution = models.CharField(_("instansi"), max_length=200, blank=True)
    signs = models.BooleanField(_("menandatangani berita acara"), default=True)

    class Meta:
        verbose_name = _("peserta pleno")
        verbose_name_plural = _("peserta pleno")
        ordering = ["plenary", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plenary", "name"], name="plenaryattendee_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
