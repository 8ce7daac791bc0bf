from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from regions.enums import RegionKind, TimeZone

province_code_validator = RegexValidator(
    r"^\d{2}\Z", _("Kode provinsi terdiri atas dua angka, misalnya 35."), code="invalid_code"
)
region_code_validator = RegexValidator(
    r"^\d{2}\.\d{2}\Z", _("Kode kabupaten/kota berbentuk 00.00, misalnya 35.72."), code="invalid_code"
)


class Province(models.Model):
    code = models.CharField(_("kode"), max_length=2, unique=True, validators=[province_code_validator])
    name = models.CharField(_("nama"), max_length=100, unique=True)
    time_zone = models.CharField(_("zona waktu"), max_length=20, choices=TimeZone.choices)

    class Meta:
        verbose_name = _("provinsi")
        verbose_name_plural = _("provinsi")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{2}$"), name="province_code_format"
            ),
            models.CheckConstraint(
                condition=models.Q(time_zone__in=TimeZone.values), name="province_time_zone_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    """A regency (kabupaten) or city (kota): the second-level region that can become a pilot."""

    code = models.CharField(_("kode"), max_length=5, unique=True, validators=[region_code_validator])
    province = models.ForeignKey(
        Province, verbose_name=_("provinsi"), on_delete=models.PROTECT, related_name="regions"
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=RegionKind.choices)
    name = models.CharField(_("nama"), max_length=100, help_text=_("Tanpa awalan, misalnya Blitar."))
    full_name = models.CharField(
        _("nama resmi"), max_length=120, unique=True, help_text=_("Misalnya Kota Blitar.")
    )
    autonomous = models.BooleanField(
        _("daerah otonom"),
        default=True,
        help_text=_("Tidak untuk kota/kabupaten administrasi DKI Jakarta."),
    )

    class Meta:
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{2}\.[0-9]{2}$"), name="region_code_format"
            ),
            models.CheckConstraint(condition=models.Q(kind__in=RegionKind.values), name="region_kind_valid"),
            models.UniqueConstraint(fields=["kind", "name"], name="region_unique_kind_name"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("regions:detail", kwargs={"code": self.code})

    @property
    def time_zone(self) -> str:
        """A region keeps the time zone of its province."""
        return self.province.time_zone

    @property
    def time_zone_label(self) -> str:
        return TimeZone(self.province.time_zone).label
