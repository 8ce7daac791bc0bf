from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assessments.enums import CandidateStatus, ProposerKind
from assessments.models.programme import ProgrammeYear
from assessments.models.urls import pk_url


class Candidate(models.Model):
    """A region in one programme year, from its proposal to pilot (or not), inauguration or revocation.

    ``status`` and the step fields are changed only by the services in ``assessments.services.candidates``,
    each of which also writes a ``CandidateEvent``.
    """

    programme_year = models.ForeignKey(
        ProgrammeYear, verbose_name=_("tahun program"), on_delete=models.PROTECT, related_name="candidates"
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("kabupaten/kota"),
        on_delete=models.PROTECT,
        related_name="candidacies",
    )
    status = models.CharField(
        _("status"), max_length=15, choices=CandidateStatus.choices, default=CandidateStatus.PROPOSED
    )
    # Proposal
    proposer_kind = models.CharField(_("pengusul"), max_length=12, choices=ProposerKind.choices)
    proposer = models.CharField(
        _("nama pengusul"), max_length=200, help_text=_("Misalnya Pemerintah Provinsi Jawa Timur.")
    )
    proposal_letter_number = models.CharField(_("nomor surat usulan"), max_length=100, blank=True)
    proposal_letter_date = models.DateField(_("tanggal surat usulan"), null=True, blank=True)
    # Screening: the outcome of the eight criteria when the candidate was screened.
    screening_eligible = models.BooleanField(_("memenuhi kriteria saat skrining"), null=True, blank=True)
    # Observation
    observed_on = models.DateField(_("tanggal observasi"), null=True, blank=True)
    observation_team = models.CharField(_("tim observasi"), max_length=255, blank=True)
    observation_notes = models.TextField(_("catatan observasi"), blank=True)
    # Designation
    designation_letter_number = models.CharField(_("nomor surat penetapan"), max_length=100, blank=True)
    designation_letter_date = models.DateField(_("tanggal surat penetapan"), null=True, blank=True)
    designation_override_reason = models.TextField(
        _("alasan penetapan meskipun tidak memenuhi kriteria"),
        blank=True,
        help_text=_("Wajib bila daerah tidak memenuhi atau belum memiliki nilai salah satu kriteria."),
    )
    # Announcement, result, inauguration, revocation
    announced_on = models.DateField(_("tanggal pengumuman sementara"), null=True, blank=True)
    result_on = models.DateField(_("tanggal hasil akhir"), null=True, blank=True)
    inaugurated_on = models.DateField(_("tanggal pengukuhan"), null=True, blank=True)
    revoked_on = models.DateField(_("tanggal pencabutan"), null=True, blank=True)
    revocation_reason = models.TextField(_("alasan pencabutan"), blank=True)

    class Meta:
        verbose_name = _("calon")
        verbose_name_plural = _("calon")
        ordering = ["programme_year", "region__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme_year", "region"], name="candidate_unique_region_per_year"
            ),
            models.CheckConstraint(
                condition=Q(status__in=CandidateStatus.values), name="candidate_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(proposer_kind__in=ProposerKind.values), name="candidate_proposer_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=CandidateStatus.REVOKED)
                | (Q(revoked_on__isnull=False) & ~Q(revocation_reason="")),
                name="candidate_revoked_has_date_and_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} ({self.programme_year.year})"

    def get_absolute_url(self) -> str:
        return pk_url("assessments:candidate_detail", self.pk)

    @property
    def designated_by_override(self) -> bool:
        return bool(self.designation_override_reason)


class CandidateEvent(models.Model):
    """One step on a candidate's way: from which status to which, who, when, why, and the step's data
    (letter number and date, observation date, ...). Written only by the candidate services."""

    candidate = models.ForeignKey(
        Candidate, verbose_name=_("calon"), on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(
        _("dari status"), max_length=15, choices=CandidateStatus.choices, blank=True
    )
    to_status = models.CharField(_("ke status"), max_length=15, choices=CandidateStatus.choices)
    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("alasan/catatan"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("riwayat calon")
        verbose_name_plural = _("riwayat calon")
        ordering = ["candidate", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.candidate}: {self.get_to_status_display()}"

    @property
    def details(self) -> dict:
        """``data`` for display: ISO dates (keys ending in ``_date`` or ``_on``) turned back into dates."""
        return {
            key: date.fromisoformat(value)
            if isinstance(value, str) and value and key.endswith(("_date", "_on"))
            else value
            for key, value in self.data.items()
        }


class RecordedResult(models.Model):
    """A result decided outside this system and recorded by Dit Permas staff: a paper plenary from before
    the system existed, or a published figure. Only for a candidate without a finalised plenary here (whose
    result comes from the plenary and its announcements). ``total`` is empty when no score was published.

    Written only by ``assessments.services.candidates.record_outside_result``."""

    candidate = models.OneToOneField(
        Candidate, verbose_name=_("calon"), on_delete=models.CASCADE, related_name="recorded_result"
    )
    total = models.DecimalField(
        _("nilai total"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Kosongkan bila nilai tidak dipublikasikan."),
    )
    predicate = models.CharField(
        _("predikat"),
        max_length=50,
        blank=True,
        help_text=_("Kosongkan untuk mengambil predikat tahun program sesuai nilai total."),
    )
    source = models.CharField(
        _("sumber"),
        max_length=255,
        help_text=_("Nomor surat, berita acara atau pengumuman yang memuat hasil."),
    )
    decided_on = models.DateField(_("tanggal hasil"))
    recorded_at = models.DateTimeField(_("dicatat pada"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("hasil di luar sistem")
        verbose_name_plural = _("hasil di luar sistem")
        constraints = [
            models.CheckConstraint(
                condition=Q(total__isnull=True) | Q(total__gte=0, total__lte=100),
                name="recordedresult_total_range",
            ),
        ]

    def __str__(self) -> str:
        return _("Hasil %(candidate)s") % {"candidate": self.candidate}
