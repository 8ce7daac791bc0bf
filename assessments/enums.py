from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeYearStatus(models.TextChoices):
    PREPARATION = "persiapan", _("Persiapan")
    RUNNING = "berjalan", _("Berjalan")
    CLOSED = "selesai", _("Selesai")


class FrameworkStatus(models.TextChoices):
    DRAFT = "draf", _("Draf")
    PUBLISHED = "terbit", _("Terbit")


class IndicatorSource(models.TextChoices):
    """Who gives an indicator its score: the assessors, or a criterion value through a mapping."""

    ASSESSORS = "penilai", _("Dinilai oleh penilai")
    CRITERION = "kriteria", _("Diisi dari nilai kriteria")


class ProposerKind(models.TextChoices):
    PROVINCE = "provinsi", _("Pemerintah provinsi")
    MINISTRY = "kementerian", _("Kementerian/lembaga")


class CandidateStatus(models.TextChoices):
    """A candidate's way through one programme year, in order."""

    PROPOSED = "diusulkan", _("Diusulkan")
    SCREENED = "diskrining", _("Diskrining")
    OBSERVED = "diobservasi", _("Diobservasi")
    DESIGNATED = "ditetapkan", _("Ditetapkan sebagai calon")
    ASSESSED = "dinilai", _("Dinilai")
    ANNOUNCED = "diumumkan", _("Diumumkan sementara")
    PILOT = "percontohan", _("Percontohan")
    NOT_PILOT = "tidak_lulus", _("Tidak menjadi percontohan")
    INAUGURATED = "dikukuhkan", _("Dikukuhkan")
    DECLINED = "tidak_lanjut", _("Tidak dilanjutkan")
    REVOKED = "dicabut", _("Dicabut")


# The statuses a candidate may still be taken out of the cycle from (not shortlisted).
DECLINABLE_STATUSES = (CandidateStatus.PROPOSED, CandidateStatus.SCREENED, CandidateStatus.OBSERVED)
# The statuses from which a designation or a pilot status can be revoked.
REVOCABLE_STATUSES = (
    CandidateStatus.DESIGNATED,
    CandidateStatus.ASSESSED,
    CandidateStatus.ANNOUNCED,
    CandidateStatus.PILOT,
    CandidateStatus.INAUGURATED,
)
# Current candidates and pilots: the regions watched for integrity (criterion 8) and criteria drift.
WATCHED_STATUSES = REVOCABLE_STATUSES


class TeamRole(models.TextChoices):
    CHAIR = "ketua", _("Ketua")
    MEMBER = "anggota", _("Anggota")
    SECRETARY = "sekretaris", _("Sekretaris")
