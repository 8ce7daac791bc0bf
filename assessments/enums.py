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
# The statuses in which a result decided outside the system (a paper plenary before the system existed, or
# a published figure) can be recorded: once the region has been assessed.
RECORDED_RESULT_STATUSES = (
    CandidateStatus.ASSESSED,
    CandidateStatus.ANNOUNCED,
    CandidateStatus.PILOT,
    CandidateStatus.NOT_PILOT,
    CandidateStatus.INAUGURATED,
    CandidateStatus.REVOKED,
)
# A region in one of these (any year) cannot be proposed again: it is a pilot, or its cycle is under way.
NOT_PROPOSABLE_STATUSES = (
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


class Stage(models.TextChoices):
    """The four stages of the two days on site, in the order the scoring pages list them."""

    DOCUMENTS = "dokumen", _("Pemeriksaan dokumen")
    FIELD_CHECK = "lapangan", _("Cek lapangan")
    PRESENTATION = "paparan", _("Paparan kepala daerah")
    QA = "tanya_jawab", _("Diskusi dan tanya jawab")


class StageStatus(models.TextChoices):
    """Staff open a stage for scoring and close it again; a closed stage can be reopened."""

    PENDING = "belum_dibuka", _("Belum dibuka")
    OPEN = "dibuka", _("Dibuka")
    CLOSED = "ditutup", _("Ditutup")


class SubmissionStatus(models.TextChoices):
    DRAFT = "draf", _("Draf")
    SUBMITTED = "dikirim", _("Dikirim")


class PlenaryStatus(models.TextChoices):
    OPEN = "berjalan", _("Berjalan")
    FINALISED = "final", _("Final")


class PlenaryPrefill(models.TextChoices):
    """Which figure of the assessors' scores prefills the plenary's agreed score of an indicator."""

    MEDIAN = "median", _("Median")
    MEAN = "rata_rata", _("Rata-rata")


class FieldFacility(models.TextChoices):
    """What assessors look at during a field check visit (more in the visit's own notes)."""

    CHILD_FRIENDLY = "ramah_anak", _("Fasilitas ramah anak")
    LACTATION = "laktasi", _("Ruang laktasi")
    DISABILITY = "disabilitas", _("Fasilitas disabilitas")
    SERVICE_STANDARDS = "standar_layanan", _("Maklumat dan standar pelayanan")
    COMPLAINTS = "pengaduan", _("Sarana pengaduan")
    ANTI_CORRUPTION_SIGNS = "zona_integritas", _("Zona integritas dan tanda antikorupsi")


class AttendeeRole(models.TextChoices):
    """Who attends the discussion and Q&A, in protocol order."""

    HEAD = "kepala_daerah", _("Wali kota/bupati")
    DEPUTY = "wakil", _("Wakil wali kota/wakil bupati")
    SEKDA = "sekda", _("Sekretaris daerah")
    ASSISTANT = "asisten", _("Asisten")
    OPD_HEAD = "kepala_opd", _("Kepala OPD")
    RSUD_HEAD = "direktur_rsud", _("Direktur RSUD")
    BUMD_HEAD = "direksi_bumd", _("Direksi BUMD")
    RELIGIOUS = "tokoh_agama", _("Tokoh agama")
    CUSTOMARY = "tokoh_adat", _("Tokoh adat")
    COMMUNITY = "tokoh_masyarakat", _("Tokoh masyarakat")
    YOUTH = "tokoh_pemuda", _("Tokoh pemuda")
    WOMEN = "tokoh_perempuan", _("Tokoh perempuan")
    OTHER = "lainnya", _("Lainnya")


class EvidenceStatus(models.TextChoices):
    """The assessors' verdict on one version of an evidence document (issue 6)."""

    WAITING = "menunggu", _("Menunggu pemeriksaan")
    ACCEPTED = "diterima", _("Diterima")
    REVISION = "perbaikan", _("Perlu perbaikan")


# Evidence exists from designation on; it can be uploaded and reviewed until the plenary is finalised
# (and not once the designation is revoked).
EVIDENCE_STATUSES = (
    CandidateStatus.DESIGNATED,
    CandidateStatus.ASSESSED,
    CandidateStatus.ANNOUNCED,
    CandidateStatus.PILOT,
    CandidateStatus.NOT_PILOT,
    CandidateStatus.INAUGURATED,
    CandidateStatus.REVOKED,
)
EVIDENCE_OPEN_STATUSES = (CandidateStatus.DESIGNATED, CandidateStatus.ASSESSED)


class AnnouncementKind(models.TextChoices):
    PROVISIONAL = "sementara", _("Sementara")
    FINAL = "akhir", _("Akhir")


# The region's side of the cycle (issue 13): self-assessment, monitoring rounds, recommendations, objections.
class SelfAssessmentStatus(models.TextChoices):
    DRAFT = "draf", _("Draf")
    SUBMITTED = "dikirim", _("Dikirim")


# A self-assessment can be filled from designation until the assessment (and read after).
SELF_ASSESSMENT_OPEN_STATUSES = (CandidateStatus.DESIGNATED,)


class MonitoringKind(models.TextChoices):
    COORDINATION = "koordinasi", _("Rapat koordinasi")
    BIMTEK = "bimtek", _("Bimbingan teknis")
    MONEV = "monev", _("Monitoring dan evaluasi")


class RecommendationStatus(models.TextChoices):
    OPEN = "terbuka", _("Terbuka")
    IN_PROGRESS = "dalam_proses", _("Dalam proses")
    DONE = "selesai", _("Selesai")
    NOT_ACCEPTED = "tidak_diterima", _("Tidak diterima")


# Not done yet: these carry over to the next programme year and into the monitoring of pilots.
RECOMMENDATION_OPEN_STATUSES = (
    RecommendationStatus.OPEN,
    RecommendationStatus.IN_PROGRESS,
    RecommendationStatus.NOT_ACCEPTED,
)


class RecommendationSource(models.TextChoices):
    OBSERVATION = "observasi", _("Observasi")
    MONITORING = "monev", _("Monitoring dan evaluasi")
    PLENARY = "pleno", _("Rapat pleno")


class ObjectionStatus(models.TextChoices):
    FILED = "diajukan", _("Diajukan")
    ANSWERED = "dijawab", _("Dijawab")


class ObjectionAnswer(models.TextChoices):
    PENDING = "menunggu", _("Menunggu jawaban")
    ACCEPTED = "diterima", _("Diterima")
    REJECTED = "ditolak", _("Ditolak")
