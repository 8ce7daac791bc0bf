"""The eligibility criteria's published values with their provenance and history, and legal cases. How a
value is read (its scale, grades, the rule that passes) is the programme year's catalogue
(``regions.models.catalogue``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regions.enums import CaseHandler, CasePosition, CaseStage, ValueStatus
from regions.models.geography import Region


class ValueFields(models.Model):
    """The fields a criterion value and each of its revisions share."""

    score = models.DecimalField(
        _("nilai"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Angka atau jumlah pada skala kriteria (lihat katalog kriteria tahun programnya)."),
    )
    grade = models.CharField(
        _("predikat"),
        max_length=40,
        blank=True,
        help_text=_("Predikat pada daftar kriteria, misalnya SAKIP BB, opini BPK WTP, atau Ya/Tidak."),
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
    criterion = models.CharField(_("kriteria"), max_length=20, help_text=_("Kode kriteria, misalnya mcp."))
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
            models.CheckConstraint(
                condition=Q(status__in=ValueStatus.values), name="criterion_value_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(data_year__gte=2000, data_year__lte=2100), name="criterion_value_year_range"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=False) | ~Q(grade=""), name="criterion_value_has_value"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} · {self.criterion} {self.data_year}: {self.display_value()}"

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
