from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.enums import Institution, Role


class User(AbstractUser):
    """A person who uses the system: Dit Permas staff, an assessor, or a regional inspector.

    Indonesian names do not split into first and last, so a user has one full name. ``is_staff`` (access to
    the Django admin) follows the role: only Dit Permas staff and superusers get it.
    """

    first_name = None
    last_name = None
    name = models.CharField(_("nama lengkap"), max_length=150)
    position = models.CharField(
        _("jabatan"), max_length=150, blank=True, help_text=_("Misalnya Inspektur Kota Blitar.")
    )
    role = models.CharField(_("peran"), max_length=10, choices=Role.choices, default=Role.ASSESSOR)
    institution = models.CharField(
        _("instansi"), max_length=12, choices=Institution.choices, default=Institution.KPK
    )
    province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("provinsi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Wajib untuk pegawai pemerintah provinsi."),
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("kabupaten/kota"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Wajib untuk pegawai pemerintah kabupaten/kota, termasuk inspektur daerah."),
    )

    objects = UserManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        ordering = ["name", "username"]
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="user_role_valid"),
            models.CheckConstraint(
                condition=Q(institution__in=Institution.values), name="user_institution_valid"
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.INSPECTOR) | Q(institution=Institution.REGION),
                name="user_inspector_works_for_region",
            ),
            models.CheckConstraint(
                condition=Q(institution=Institution.REGION, region__isnull=False)
                | (~Q(institution=Institution.REGION) & Q(region__isnull=True)),
                name="user_region_iff_regional_government",
            ),
            models.CheckConstraint(
                condition=Q(institution=Institution.PROVINCE, province__isnull=False)
                | (~Q(institution=Institution.PROVINCE) & Q(province__isnull=True)),
                name="user_province_iff_provincial_government",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.username

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.username

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.role == Role.INSPECTOR and self.institution != Institution.REGION:
            errors["institution"] = ValidationError(
                _("Inspektur daerah harus berinstansi pemerintah kabupaten/kota."),
                code="inspector_institution",
            )
        if self.institution == Institution.REGION and self.region_id is None:
            errors["region"] = ValidationError(
                _("Pilih kabupaten/kota tempat pengguna ini bekerja."), code="region_required"
            )
        if self.institution != Institution.REGION and self.region_id is not None:
            errors["region"] = ValidationError(
                _("Kabupaten/kota hanya diisi untuk pegawai pemerintah kabupaten/kota."),
                code="region_not_allowed",
            )
        if self.institution == Institution.PROVINCE and self.province_id is None:
            errors["province"] = ValidationError(
                _("Pilih provinsi tempat pengguna ini bekerja."), code="province_required"
            )
        if self.institution != Institution.PROVINCE and self.province_id is not None:
            errors["province"] = ValidationError(
                _("Provinsi hanya diisi untuk pegawai pemerintah provinsi."), code="province_not_allowed"
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        self.is_staff = self.is_superuser or self.role == Role.STAFF
        super().save(*args, **kwargs)

    @property
    def is_permas_staff(self) -> bool:
        return self.is_active and (self.is_superuser or self.role == Role.STAFF)
