from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessments.enums import TeamRole
from assessments.models.candidates import Candidate
from assessments.models.framework import Framework
from assessments.models.programme import ProgrammeYear
from regions.enums import TimeZone


class Team(models.Model):
    """An assessment team (tim penilai) of one programme year, e.g. "Satgas 1"."""

    programme_year = models.ForeignKey(
        ProgrammeYear, verbose_name=_("tahun program"), on_delete=models.PROTECT, related_name="teams"
    )
    name = models.CharField(_("nama"), max_length=100, help_text=_("Misalnya Satgas 1."))

    class Meta:
        verbose_name = _("tim penilai")
        verbose_name_plural = _("tim penilai")
        ordering = ["programme_year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme_year", "name"], name="team_unique_name_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.programme_year.year})"

    def get_absolute_url(self) -> str:
        return reverse("assessments:team_detail", kwargs={"pk": self.pk})


class TeamMember(models.Model):
    """A person on a team; their institution is the user's own. A team has at most one chair."""

    team = models.ForeignKey(Team, verbose_name=_("tim"), on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penilai"),
        on_delete=models.PROTECT,
        related_name="team_memberships",
    )
    role = models.CharField(_("peran"), max_length=12, choices=TeamRole.choices, default=TeamRole.MEMBER)
    conflict_reason = models.TextField(
        _("alasan tetap ditugaskan meskipun ada konflik kepentingan"),
        blank=True,
        help_text=_(
            "Wajib bila penilai berasal dari provinsi atau daerah yang dinilai, atau staf mencatat konflik "
            "kepentingannya dengan daerah itu."
        ),
    )

    class Meta:
        verbose_name = _("anggota tim")
        verbose_name_plural = _("anggota tim")
        ordering = ["team", "role", "user__name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="teammember_unique_user"),
            models.UniqueConstraint(
                fields=["team"], condition=Q(role=TeamRole.CHAIR), name="teammember_one_chair_per_team"
            ),
            models.CheckConstraint(condition=Q(role__in=TeamRole.values), name="teammember_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.team.name})"


class Assessment(models.Model):
    """The on-site assessment of one candidate by one team, on the framework of its programme year.

    Dates are local dates in ``time_zone``, the region's own zone (WIB, WITA or WIT).
    """

    candidate = models.OneToOneField(
        Candidate, verbose_name=_("calon"), on_delete=models.PROTECT, related_name="assessment"
    )
    team = models.ForeignKey(
        Team, verbose_name=_("tim"), on_delete=models.PROTECT, related_name="assessments"
    )
    framework = models.ForeignKey(
        Framework, verbose_name=_("kerangka"), on_delete=models.PROTECT, related_name="assessments"
    )
    starts_on = models.DateField(_("tanggal mulai"))
    ends_on = models.DateField(_("tanggal selesai"))
    place = models.CharField(_("tempat"), max_length=255, help_text=_("Misalnya Kantor Wali Kota Blitar."))
    time_zone = models.CharField(_("zona waktu"), max_length=20, choices=TimeZone.choices)

    class Meta:
        verbose_name = _("penilaian")
        verbose_name_plural = _("penilaian")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="assessment_dates_order"),
            models.CheckConstraint(
                condition=Q(time_zone__in=TimeZone.values), name="assessment_time_zone_valid"
            ),
        ]

    def __str__(self) -> str:
        return _("Penilaian %(region)s") % {"region": self.candidate}

    def get_absolute_url(self) -> str:
        return reverse("assessments:assessment_detail", kwargs={"pk": self.pk})

    @property
    def time_zone_label(self) -> str:
        return TimeZone(self.time_zone).label


class Recusal(models.Model):
    """A team member who stands aside from one assessment (conflict of interest) and sees nothing of it."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("penilaian"), on_delete=models.CASCADE, related_name="recusals"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("penilai"), on_delete=models.PROTECT, related_name="recusals"
    )
    reason = models.TextField(_("alasan"))
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("pengunduran diri")
        verbose_name_plural = _("pengunduran diri")
        ordering = ["assessment", "recorded_at"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "user"], name="recusal_unique_user"),
            models.CheckConstraint(condition=~Q(reason=""), name="recusal_reason_required"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.assessment}"


class DeclaredConflict(models.Model):
    """A conflict of interest between an assessor and a region that staff know of and record (a relative in
    the regional government, an earlier assignment there...), beside the ones the rules derive from her
    province and home region (``assessments.rules.conflicts_of_interest``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penilai"),
        on_delete=models.PROTECT,
        related_name="declared_conflicts",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("kabupaten/kota"),
        on_delete=models.PROTECT,
        related_name="declared_conflicts",
    )
    description = models.TextField(_("konflik kepentingan"))
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("konflik kepentingan tercatat")
        verbose_name_plural = _("konflik kepentingan tercatat")
        ordering = ["region", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "region"], name="declaredconflict_unique_user_region"),
            models.CheckConstraint(
                condition=~Q(description=""), name="declaredconflict_description_required"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.region}"
