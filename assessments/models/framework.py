from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from antikorupsi.validators import MaxValueValidator, MinValueValidator
from assessments.enums import FrameworkStatus, IndicatorSource
from assessments.models.programme import ProgrammeYear

WEIGHT_TOTAL = Decimal("100.00")


class Framework(models.Model):
    """The components, indicators, weights and rubrics of one programme year.

    Edited only while it is a draft; published when its weights sum to 100; frozen for good once an
    assessment uses it (it can then only be copied into another year).
    """

    programme_year = models.OneToOneField(
        ProgrammeYear, verbose_name=_("tahun program"), on_delete=models.PROTECT, related_name="framework"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=FrameworkStatus.choices, default=FrameworkStatus.DRAFT
    )
    illustrative = models.BooleanField(
        _("ilustratif"),
        default=False,
        help_text=_(
            "Bobot dan rubrik contoh, bukan yang resmi. Hapus tanda ini setelah staf memasukkan yang resmi."
        ),
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("disalin dari"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
    )
    published_at = models.DateTimeField(_("diterbitkan pada"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterbitkan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("kerangka penilaian")
        verbose_name_plural = _("kerangka penilaian")
        ordering = ["-programme_year__year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=FrameworkStatus.values), name="framework_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=FrameworkStatus.DRAFT) | Q(published_at__isnull=False),
                name="framework_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return _("Kerangka %(name)s") % {"name": self.programme_year.name}

    def get_absolute_url(self) -> str:
        return reverse("assessments:framework", kwargs={"year": self.programme_year.year})

    @property
    def is_published(self) -> bool:
        return self.status == FrameworkStatus.PUBLISHED

    @property
    def is_frozen(self) -> bool:
        """True once an assessment uses the framework: from then on it can only be copied."""
        return self.assessments.exists()

    @property
    def is_editable(self) -> bool:
        return self.status == FrameworkStatus.DRAFT and not self.is_frozen

    def weight_sum(self) -> Decimal:
        total = self.indicators.aggregate(total=models.Sum("weight"))["total"] or Decimal("0")
        return Decimal(total).quantize(Decimal("0.01"))


class Component(models.Model):
    """A component of the framework, e.g. Tata Kelola Pemerintahan Daerah; shown in ``order``."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("kerangka"), on_delete=models.CASCADE, related_name="components"
    )
    order = models.PositiveSmallIntegerField(_("urutan"))
    name = models.CharField(_("nama"), max_length=150)
    description = models.TextField(_("uraian"), blank=True)

    class Meta:
        verbose_name = _("komponen")
        verbose_name_plural = _("komponen")
        ordering = ["framework", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "name"], name="component_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class Indicator(models.Model):
    """One scored indicator: its weight in the total (percent) and the scale its score is given on.

    ``framework`` repeats the component's framework so that codes are unique per framework and the
    weights of a framework can be summed in one query.
    """

    framework = models.ForeignKey(
        Framework, verbose_name=_("kerangka"), on_delete=models.CASCADE, related_name="indicators"
    )
    component = models.ForeignKey(
        Component, verbose_name=_("komponen"), on_delete=models.CASCADE, related_name="indicators"
    )
    order = models.PositiveSmallIntegerField(_("urutan"), help_text=_("Urutan dalam seluruh kerangka."))
    code = models.CharField(_("kode"), max_length=10, help_text=_("Misalnya 1 atau 2a."))
    name = models.CharField(_("nama"), max_length=255)
    description = models.TextField(_("uraian"), blank=True)
    expected_evidence = models.TextField(
        _("bukti dukung yang diharapkan"),
        blank=True,
        help_text=_("Dokumen yang diunggah inspektorat daerah."),
    )
    weight = models.DecimalField(
        _("bobot"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(WEIGHT_TOTAL)],
        help_text=_("Persen dari nilai total; bobot seluruh indikator berjumlah 100."),
    )
    max_score = models.DecimalField(
        _("nilai maksimal"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("100"),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Skala nilai indikator: 0 sampai nilai ini."),
    )
    source = models.CharField(
        _("sumber nilai"), max_length=10, choices=IndicatorSource.choices, default=IndicatorSource.ASSESSORS
    )
    criterion = models.CharField(
        _("kriteria"),
        max_length=20,
        blank=True,
        help_text=_(
            "Kode kriteria (angka) dari katalog kriteria tahun program yang nilainya mengisi indikator ini, "
            "misalnya mcp."
        ),
    )

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["framework", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="indicator_unique_code"),
            models.CheckConstraint(
                condition=Q(weight__gte=0, weight__lte=100), name="indicator_weight_range"
            ),
            models.CheckConstraint(condition=Q(max_score__gt=0), name="indicator_max_score_positive"),
            models.CheckConstraint(
                condition=Q(source__in=IndicatorSource.values), name="indicator_source_valid"
            ),
            models.CheckConstraint(
                condition=(Q(source=IndicatorSource.CRITERION) & ~Q(criterion=""))
                | (Q(source=IndicatorSource.ASSESSORS) & Q(criterion="")),
                name="indicator_criterion_iff_fed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    def get_criterion_display(self) -> str:
        """The feeding criterion's name in the default catalogue, else its code (a page that knows the year's
        catalogue names it from there: ``templatetags.programme.framework_row``)."""
        from regions.defaults import DEFAULT_CATALOGUE

        names = {entry["code"]: entry["name"] for entry in DEFAULT_CATALOGUE}
        return names.get(self.criterion, self.criterion)

    @property
    def is_fed_by_criterion(self) -> bool:
        return self.source == IndicatorSource.CRITERION

    def score_for_value(self, value: Decimal) -> Decimal | None:
        """The indicator score for a criterion value: the score of the highest band whose floor the value
        reaches, or None when the value is below every band (or there is no mapping)."""
        best = None
        for band in sorted(self.value_mappings.all(), key=lambda band: band.min_value):
            if value >= band.min_value:
                best = band.score
        return best


class RubricLevel(models.Model):
    """A level of an indicator's rubric: the score an assessor gives and what it means."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.CASCADE, related_name="rubric_levels"
    )
    score = models.DecimalField(_("nilai"), max_digits=6, decimal_places=2)
    label = models.CharField(_("tingkat"), max_length=100, help_text=_("Misalnya Sangat baik."))
    description = models.TextField(_("arti"), blank=True)

    class Meta:
        verbose_name = _("tingkat rubrik")
        verbose_name_plural = _("rubrik")
        ordering = ["indicator", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "score"], name="rubriclevel_unique_score"),
            models.CheckConstraint(condition=Q(score__gte=0), name="rubriclevel_score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.score}: {self.label}"


class ValueMapping(models.Model):
    """From a criterion value to an indicator score: a value of at least ``min_value`` scores ``score``."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.CASCADE, related_name="value_mappings"
    )
    min_value = models.DecimalField(_("nilai kriteria minimal"), max_digits=7, decimal_places=2)
    score = models.DecimalField(_("nilai indikator"), max_digits=6, decimal_places=2)

    class Meta:
        verbose_name = _("pemetaan nilai kriteria")
        verbose_name_plural = _("pemetaan nilai kriteria")
        ordering = ["indicator", "-min_value"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "min_value"], name="valuemapping_unique_floor"),
            models.CheckConstraint(condition=Q(score__gte=0), name="valuemapping_score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"≥ {self.min_value} → {self.score}"
