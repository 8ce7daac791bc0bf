from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from antikorupsi.validators import MaxValueValidator, MinValueValidator
from assessments.enums import PlenaryPrefill, ProgrammeYearStatus

DEFAULT_PASS_MARK = Decimal("90")
SCORE_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class ProgrammeYear(models.Model):
    """One cohort of the programme, e.g. "Percontohan 2025": its status, key dates and pass mark.

    The criteria thresholds of the year live in the regions app, keyed by ``year``.
    """

    year = models.PositiveSmallIntegerField(
        _("tahun"), unique=True, validators=[MinValueValidator(2024), MaxValueValidator(2100)]
    )
    name = models.CharField(_("nama"), max_length=100, help_text=_("Misalnya Percontohan 2025."))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProgrammeYearStatus.choices,
        default=ProgrammeYearStatus.PREPARATION,
    )
    proposals_close_on = models.DateField(_("batas usulan"), null=True, blank=True)
    observation_starts_on = models.DateField(_("awal observasi"), null=True, blank=True)
    designation_on = models.DateField(_("penetapan calon"), null=True, blank=True)
    assessments_start_on = models.DateField(_("awal penilaian"), null=True, blank=True)
    assessments_end_on = models.DateField(_("akhir penilaian"), null=True, blank=True)
    final_results_on = models.DateField(
        _("nilai akhir"), null=True, blank=True, help_text=_("Setelah hasil MCSP ditutup, akhir November.")
    )
    inauguration_on = models.DateField(
        _("pengukuhan"), null=True, blank=True, help_text=_("Biasanya pada peringatan HAKORDIA, Desember.")
    )
    pass_mark = models.DecimalField(
        _("nilai kelulusan"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_PASS_MARK,
        validators=SCORE_VALIDATORS,
        help_text=_("Nilai total minimal untuk ditetapkan sebagai percontohan (0-100)."),
    )
    notes = models.TextField(_("catatan"), blank=True)
    plenary_reason_threshold = models.DecimalField(
        _("batas selisih nilai pleno"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10"),
        validators=SCORE_VALIDATORS,
        help_text=_(
            "Nilai pleno yang berbeda dari rata-rata penilai lebih dari batas ini (pada skala indikator) "
            "wajib disertai alasan tertulis."
        ),
    )

    plenary_prefill = models.CharField(
        _("isian awal nilai pleno"),
        max_length=10,
        choices=PlenaryPrefill.choices,
        default=PlenaryPrefill.MEDIAN,
        help_text=_("Angka penilai yang mengisi awal nilai pleno setiap indikator."),
    )

    class Meta:
        verbose_name = _("tahun program")
        verbose_name_plural = _("tahun program")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ProgrammeYearStatus.values), name="programmeyear_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(pass_mark__gte=0, pass_mark__lte=100), name="programmeyear_pass_mark_range"
            ),
            models.CheckConstraint(
                condition=Q(assessments_start_on__isnull=True)
                | Q(assessments_end_on__isnull=True)
                | Q(assessments_end_on__gte=F("assessments_start_on")),
                name="programmeyear_assessment_dates_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("assessments:programme_detail", kwargs={"year": self.year})

    def predicate_for(self, score: Decimal) -> "PredicateBand | None":
        """The band a total score falls in, or None (bands need not cover 0-100)."""
        for band in self.predicate_bands.all():
            if band.min_score <= score <= band.max_score:
                return band
        return None


class PredicateBand(models.Model):
    """A predicate for a range of total scores, e.g. 90-100 "Istimewa" (the only one published so far)."""

    programme_year = models.ForeignKey(
        ProgrammeYear,
        verbose_name=_("tahun program"),
        on_delete=models.CASCADE,
        related_name="predicate_bands",
    )
    name = models.CharField(_("predikat"), max_length=50)
    min_score = models.DecimalField(
        _("nilai terendah"), max_digits=5, decimal_places=2, validators=SCORE_VALIDATORS
    )
    max_score = models.DecimalField(
        _("nilai tertinggi"), max_digits=5, decimal_places=2, validators=SCORE_VALIDATORS
    )

    class Meta:
        verbose_name = _("predikat")
        verbose_name_plural = _("predikat")
        ordering = ["programme_year", "-min_score"]
        constraints = [
            models.UniqueConstraint(fields=["programme_year", "name"], name="predicateband_unique_name"),
            models.CheckConstraint(
                condition=Q(min_score__gte=0, max_score__lte=100, min_score__lte=F("max_score")),
                name="predicateband_range_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.min_score}-{self.max_score})"
