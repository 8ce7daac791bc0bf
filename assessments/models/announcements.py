from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assessments.enums import AnnouncementKind
from assessments.models.plenary import Plenary


class Announcement(models.Model):
    """The provisional or the final announcement of a plenary's result, read by a KPK leader with the
    Forkopimda as witnesses. The figures are those the publishing service computed (the final one from the
    plenary's frozen numbers with the final MCP/MCSP value) and never change afterwards."""

    plenary = models.ForeignKey(
        Plenary, verbose_name=_("rapat pleno"), on_delete=models.PROTECT, related_name="announcements"
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=AnnouncementKind.choices)
    announced_on = models.DateField(_("tanggal pengumuman"))
    place = models.CharField(_("tempat"), max_length=255)
    official_name = models.CharField(_("pejabat yang mengumumkan"), max_length=150)
    official_position = models.CharField(
        _("jabatan pejabat"), max_length=150, help_text=_("Misalnya Wakil Ketua KPK.")
    )
    total = models.DecimalField(_("nilai total"), max_digits=5, decimal_places=2)
    predicate = models.CharField(_("predikat"), max_length=50, blank=True)
    laik = models.BooleanField(_("laik"))
    inputs = models.JSONField(_("angka yang dipakai"), default=list, editable=False)
    published_at = models.DateTimeField(_("diterbitkan pada"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterbitkan oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("pengumuman")
        verbose_name_plural = _("pengumuman")
        ordering = ["plenary", "announced_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plenary", "kind"], name="announcement_unique_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=AnnouncementKind.values), name="announcement_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(total__gte=0, total__lte=100), name="announcement_total_range"
            ),
        ]

    def __str__(self) -> str:
        return _("Pengumuman %(kind)s %(region)s") % {
            "kind": self.get_kind_display().lower(),
            "region": self.plenary.assessment.candidate.region,
        }


class AnnouncementWitness(models.Model):
    """A Forkopimda member who witnessed the announcement."""

    announcement = models.ForeignKey(
        Announcement, verbose_name=_("pengumuman"), on_delete=models.CASCADE, related_name="witnesses"
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    name = models.CharField(_("nama"), max_length=150)
    position = models.CharField(_("jabatan"), max_length=200)

    class Meta:
        verbose_name = _("saksi pengumuman")
        verbose_name_plural = _("saksi pengumuman")
        ordering = ["announcement", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.position})"
