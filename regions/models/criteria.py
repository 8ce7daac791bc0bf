"""The eight eligibility criteria: published values with their provenance and history, legal cases, and
the screening rules of each programme year."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from antikorupsi.validators import MaxValueValidator, MinValueValidator
from regions.enums import (
    GRADE_SCALES,
    NUMERIC_SCALES,
    BpkOpinion,
    CaseHandler,
    CasePosition,
    CaseStage,
    Criterion,
    OmbudsmanCategory,
    SakipGrade,
    ValueStatus,
)
from regions.models.geography import Region

SCORED = [Criterion.MCP, Criterion.SPI, Criterion.SPIP, Criterion.SPBE]
GRADED = [Criterion.SAKIP, Criterion.BPK]
VALUED = [c for c in Criterion.values if c != Criterion.KASUS]


class ValueFields(models.Model):
    """The fields a criterion value and each of its revisions share."""

    score = models.DecimalField(
        _("nilai"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Angka pada skala kriteria: MCP, SPI dan skor Ombudsman 0-100; SPIP dan SPBE 0-5."),
    )
    grade = models.CharField(
        _("predikat"),
        max_length=3,
        blank=True,
        help_text=_("SAKIP (AA-D), kategori Ombudsman (A-E) atau opini BPK (WTP, WDP, TW, TMP)."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ValueStatus.choices, default=ValueStatus.FINAL
    )
    as_of = models.DateField(_("per tanggal"), null=True, blank=True)
    source = models.CharField(
        _("sumber"), max_length=255, blank=True, help_text=_("Dokumen atau surat penerbit.")
    )
    source_url = models.URLField(_("tautan sumber"), blank=True)
    note = models.TextField(_("keterangan"), blank=True)

    class Meta:
        abstract = True

    def display_value(self) -> str:
        """The value as Indonesian readers write it (decimal comma), with the Ombudsman score's category
        left to the screening."""
        from django.utils.formats import number_format

        parts = []
        if self.score is not None:
            parts.append(number_format(self.score, 2))
        if self.grade:
            parts.append(self.grade)
        return " / ".join(parts)


class CriterionValue(ValueFields):
    """The current value of one criterion for one region and data year (the year the value describes).

    Only ``regions.services.criteria.record_value`` writes it, and it appends a ``CriterionValueRevision``
    for every change, so the history always ends with the current state.
    """

    region = models.ForeignKey(
        Region, verbose_name=_("kabupaten/kota"), on_delete=models.CASCADE, related_name="criterion_values"
    )
    criterion = models.CharField(_("kriteria"), max_length=10, choices=Criterion.choices)
    data_year = models.PositiveSmallIntegerField(_("tahun data"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dimasukkan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("dimasukkan pada"))

    class Meta:
        verbose_name = _("nilai kriteria")
        verbose_name_plural = _("nilai kriteria")
        ordering = ["region__code", "criterion", "-data_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "criterion", "data_year"], name="criterion_value_unique_region_year"
            ),
            models.CheckConstraint(condition=Q(criterion__in=VALUED), name="criterion_value_criterion_valid"),
            models.CheckConstraint(
                condition=Q(status__in=ValueStatus.values), name="criterion_value_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(data_year__gte=2000, data_year__lte=2100), name="criterion_value_year_range"
            ),
            models.CheckConstraint(
                condition=(
                    Q(criterion__in=SCORED, score__isnull=False, grade="")
                    | Q(criterion__in=GRADED, score__isnull=True) & ~Q(grade="")
                    | Q(criterion=Criterion.OMBUDSMAN) & (Q(score__isnull=False) | ~Q(grade=""))
                ),
                name="criterion_value_has_value_of_its_kind",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True)
                | Q(criterion__in=[Criterion.SPIP, Criterion.SPBE], score__gte=0, score__lte=5)
                | ~Q(criterion__in=[Criterion.SPIP, Criterion.SPBE]) & Q(score__gte=0, score__lte=100),
                name="criterion_value_score_in_scale",
            ),
            models.CheckConstraint(
                condition=Q(grade="")
                | Q(criterion=Criterion.SAKIP, grade__in=SakipGrade.values)
                | Q(criterion=Criterion.OMBUDSMAN, grade__in=OmbudsmanCategory.values)
                | Q(criterion=Criterion.BPK, grade__in=BpkOpinion.values),
                name="criterion_value_grade_in_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} · {self.get_criterion_display()} {self.data_year}: {self.display_value()}"

    def snapshot(self) -> dict:
        """The fields a revision keeps, as JSON-ready values (for the audit trail and comparisons)."""
        return {
            "score": None if self.score is None else str(self.score),
            "grade": self.grade,
            "status": self.status,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "source": self.source,
            "source_url": self.source_url,
            "note": self.note,
        }


class Revision(models.Model):
    """Who made one state of a value or case, when, and through which import (if any)."""

    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("waktu"))
    import_batch = models.ForeignKey(
        "regions.CriteriaImport",
        verbose_name=_("impor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


class CriterionValueRevision(ValueFields, Revision):
    """One state of a criterion value, kept for ever: the first entry and every change after it."""

    value = models.ForeignKey(
        CriterionValue, verbose_name=_("nilai kriteria"), on_delete=models.CASCADE, related_name="revisions"
    )

    class Meta:
        verbose_name = _("riwayat nilai kriteria")
        verbose_name_plural = _("riwayat nilai kriteria")
        ordering = ["value", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.value_id} @ {self.changed_at:%Y-%m-%d %H:%M}: {self.display_value()}"


class CaseFields(models.Model):
    position = models.CharField(_("jabatan"), max_length=20, choices=CasePosition.choices)
    stage = models.CharField(_("tahap"), max_length=15, choices=CaseStage.choices)
    handler = models.CharField(_("penangan"), max_length=10, choices=CaseHandler.choices)
    ended_on = models.DateField(_("tanggal selesai"), null=True, blank=True)
    source = models.CharField(_("sumber"), max_length=255, blank=True)
    note = models.TextField(_("keterangan"), blank=True)

    class Meta:
        abstract = True


class LegalCase(CaseFields):
    """A legal case against an official of a region. Identified by region, person and start date, so a
    re-import updates the case instead of adding it again; ``record_case`` keeps its revisions."""

    region = models.ForeignKey(
        Region, verbose_name=_("kabupaten/kota"), on_delete=models.CASCADE, related_name="legal_cases"
    )
    person_name = models.CharField(_("nama orang"), max_length=150)
    started_on = models.DateField(_("tanggal mulai"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dimasukkan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("dimasukkan pada"))

    class Meta:
        verbose_name = _("kasus hukum")
        verbose_name_plural = _("kasus hukum")
        ordering = ["region__code", "-started_on", "person_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "person_name", "started_on"], name="legal_case_unique_person_start"
            ),
            models.CheckConstraint(
                condition=Q(position__in=CasePosition.values), name="legal_case_position_valid"
            ),
            models.CheckConstraint(condition=Q(stage__in=CaseStage.values), name="legal_case_stage_valid"),
            models.CheckConstraint(
                condition=Q(handler__in=CaseHandler.values), name="legal_case_handler_valid"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="legal_case_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.region} · {self.person_name} ({self.get_position_display()}, {self.get_stage_display()})"
        )

    @property
    def is_open(self) -> bool:
        return self.stage != CaseStage.SELESAI

    def snapshot(self) -> dict:
        return {
            "position": self.position,
            "stage": self.stage,
            "handler": self.handler,
            "ended_on": self.ended_on.isoformat() if self.ended_on else None,
            "source": self.source,
            "note": self.note,
        }


class LegalCaseRevision(CaseFields, Revision):
    case = models.ForeignKey(
        LegalCase, verbose_name=_("kasus hukum"), on_delete=models.CASCADE, related_name="revisions"
    )

    class Meta:
        verbose_name = _("riwayat kasus hukum")
        verbose_name_plural = _("riwayat kasus hukum")
        ordering = ["case", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} @ {self.changed_at:%Y-%m-%d %H:%M}: {self.get_stage_display()}"


@dataclass(frozen=True)
class Rule:
    """How one criterion is screened in one programme year (a saved ScreeningRule or the default)."""

    criterion: str
    min_score: Decimal | None = None
    min_grade: str = ""
    data_year_lag: int = 1
    years_required: int = 1
    # Ombudsman only: the lowest score of categories A, B, C and D (below D's is E).
    bands: tuple[Decimal, Decimal, Decimal, Decimal] | None = None

    def data_years(self, programme_year: int) -> list[int]:
        """The data years screened, newest first: by default Y-1 (BPK: Y-1 and Y-2)."""
        first = programme_year - self.data_year_lag
        return [first - offset for offset in range(self.years_required)]


# Illustrative Ombudsman bands (A ≥ 88, B ≥ 78, C ≥ 66, D ≥ 54): the Ombudsman's own bands change over the
# years, so staff set them per programme year.
DEFAULT_OMBUDSMAN_BANDS = (Decimal("88"), Decimal("78"), Decimal("66"), Decimal("54"))

DEFAULT_RULES: dict[str, Rule] = {
    Criterion.MCP: Rule(Criterion.MCP, min_score=Decimal("75")),
    Criterion.SPI: Rule(Criterion.SPI, min_score=Decimal("68")),
    Criterion.SAKIP: Rule(Criterion.SAKIP, min_grade=SakipGrade.B),
    Criterion.OMBUDSMAN: Rule(
        Criterion.OMBUDSMAN, min_grade=OmbudsmanCategory.B, bands=DEFAULT_OMBUDSMAN_BANDS
    ),
    Criterion.SPIP: Rule(Criterion.SPIP, min_score=Decimal("3")),
    Criterion.SPBE: Rule(Criterion.SPBE, min_score=Decimal("2.6")),
    Criterion.BPK: Rule(Criterion.BPK, min_grade=BpkOpinion.WTP, years_required=2),
    Criterion.KASUS: Rule(Criterion.KASUS),
}


class ScreeningRule(models.Model):
    """A programme year's threshold for one criterion, set by staff. A criterion without a row for the
    year is screened on ``DEFAULT_RULES``."""

    programme_year = models.PositiveSmallIntegerField(
        _("tahun program"), validators=[MinValueValidator(2020), MaxValueValidator(2100)]
    )
    criterion = models.CharField(_("kriteria"), max_length=10, choices=Criterion.choices)
    min_score = models.DecimalField(
        _("nilai minimum"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Untuk MCP, SPI, SPIP dan SPBE: nilai terendah yang masih memenuhi."),
    )
    min_grade = models.CharField(
        _("predikat minimum"),
        max_length=3,
        blank=True,
        help_text=_("Untuk SAKIP, Ombudsman dan BPK: predikat terendah yang masih memenuhi."),
    )
    data_year_lag = models.PositiveSmallIntegerField(
        _("selisih tahun data"),
        default=1,
        validators=[MaxValueValidator(5)],
        help_text=_("1: tahun program 2026 memakai data tahun 2025."),
    )
    years_required = models.PositiveSmallIntegerField(
        _("jumlah tahun data"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("Berapa tahun data berturut-turut yang harus memenuhi (BPK: 2)."),
    )
    band_a = models.DecimalField(
        _("skor minimum kategori A"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    band_b = models.DecimalField(
        _("skor minimum kategori B"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    band_c = models.DecimalField(
        _("skor minimum kategori C"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    band_d = models.DecimalField(
        _("skor minimum kategori D"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diubah oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("aturan skrining")
        verbose_name_plural = _("aturan skrining")
        ordering = ["-programme_year", "criterion"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme_year", "criterion"], name="screening_rule_unique_year_criterion"
            ),
            models.CheckConstraint(
                condition=Q(criterion__in=Criterion.values), name="screening_rule_criterion_valid"
            ),
            models.CheckConstraint(
                condition=Q(years_required__gte=1), name="screening_rule_years_required_positive"
            ),
            models.CheckConstraint(
                condition=Q(
                    band_a__isnull=True, band_b__isnull=True, band_c__isnull=True, band_d__isnull=True
                )
                | Q(
                    band_a__gte=models.F("band_b"),
                    band_b__gte=models.F("band_c"),
                    band_c__gte=models.F("band_d"),
                ),
                name="screening_rule_bands_descending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme_year} · {self.get_criterion_display()}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        errors = {}
        if self.criterion in NUMERIC_SCALES and self.criterion != Criterion.OMBUDSMAN:
            if self.min_score is None:
                errors["min_score"] = ValidationError(_("Isi nilai minimum."), code="min_score_required")
            elif self.min_score > NUMERIC_SCALES[self.criterion]:
                errors["min_score"] = ValidationError(
                    _("Nilai minimum melebihi skala kriteria (0-%(max)s).")
                    % {"max": NUMERIC_SCALES[self.criterion]},
                    code="min_score_scale",
                )
        if self.criterion in GRADE_SCALES and self.min_grade not in GRADE_SCALES[self.criterion]:
            errors["min_grade"] = ValidationError(
                _("Pilih salah satu dari: %(grades)s.") % {"grades": ", ".join(GRADE_SCALES[self.criterion])},
                code="min_grade_invalid",
            )
        bands = [self.band_a, self.band_b, self.band_c, self.band_d]
        if any(band is not None for band in bands) and (
            None in bands or bands != sorted(bands, reverse=True)
        ):
            errors["band_a"] = ValidationError(
                _("Isi keempat batas kategori, dari A (tertinggi) sampai D."), code="bands_invalid"
            )
        if errors:
            raise ValidationError(errors)

    def to_rule(self) -> Rule:
        default = DEFAULT_RULES[self.criterion]
        bands = None
        if self.criterion == Criterion.OMBUDSMAN:
            bands = (
                (self.band_a, self.band_b, self.band_c, self.band_d)
                if self.band_a is not None
                else default.bands
            )
        return Rule(
            criterion=self.criterion,
            min_score=self.min_score if self.min_score is not None else default.min_score,
            min_grade=self.min_grade or default.min_grade,
            data_year_lag=self.data_year_lag,
            years_required=self.years_required,
            bands=bands,
        )
