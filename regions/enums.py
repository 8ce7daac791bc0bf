from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionKind(models.TextChoices):
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")


class TimeZone(models.TextChoices):
    """Indonesia's three time zones, stored as IANA names so they can be used for conversion."""

    WIB = "Asia/Jakarta", _("WIB")
    WITA = "Asia/Makassar", _("WITA")
    WIT = "Asia/Jayapura", _("WIT")


def time_zone_for_province_code(code: str) -> TimeZone:
    """The legal time zone of a province by its Kemendagri code (each province lies in one zone).

    WIB: Sumatra, Java and West and Central Kalimantan; WITA: Bali, Nusa Tenggara, South, East and North
    Kalimantan and Sulawesi; WIT: Maluku and Papua.
    """
    if code[0] in "89":
        return TimeZone.WIT
    if code[0] in "57" or code in {"63", "64", "65"}:
        return TimeZone.WITA
    return TimeZone.WIB


class Criterion(models.TextChoices):
    """The eight eligibility criteria, in the order KPK lists them."""

    MCP = "mcp", _("Nilai MCP/MCSP")
    SPI = "spi", _("Skor SPI")
    SAKIP = "sakip", _("Nilai SAKIP")
    OMBUDSMAN = "ombudsman", _("Kepatuhan Pelayanan Publik (Ombudsman)")
    SPIP = "spip", _("Maturitas SPIP")
    SPBE = "spbe", _("Indeks SPBE")
    BPK = "bpk", _("Opini BPK")
    KASUS = "kasus", _("Kasus hukum")


# Criteria whose value is a number on the criterion's own scale, with the scale's upper bound.
NUMERIC_SCALES = {
    Criterion.MCP: 100,
    Criterion.SPI: 100,
    Criterion.OMBUDSMAN: 100,
    Criterion.SPIP: 5,
    Criterion.SPBE: 5,
}


class ValueStatus(models.TextChoices):
    PROVISIONAL = "sementara", _("Sementara")
    FINAL = "akhir", _("Akhir")


class SakipGrade(models.TextChoices):
    """SAKIP grades, best first (the order is the ranking)."""

    AA = "AA", "AA"
    A = "A", "A"
    BB = "BB", "BB"
    B = "B", "B"
    CC = "CC", "CC"
    C = "C", "C"
    D = "D", "D"


class OmbudsmanCategory(models.TextChoices):
    """Ombudsman public-service compliance categories, best first."""

    A = "A", "A"
    B = "B", "B"
    C = "C", "C"
    D = "D", "D"
    E = "E", "E"


class BpkOpinion(models.TextChoices):
    """BPK audit opinions, best first."""

    WTP = "WTP", _("WTP (wajar tanpa pengecualian)")
    WDP = "WDP", _("WDP (wajar dengan pengecualian)")
    TW = "TW", _("TW (tidak wajar)")
    TMP = "TMP", _("TMP (tidak menyatakan pendapat)")


# The grades each graded criterion accepts, best first.
GRADE_SCALES: dict[str, list[str]] = {
    Criterion.SAKIP: SakipGrade.values,
    Criterion.OMBUDSMAN: OmbudsmanCategory.values,
    Criterion.BPK: BpkOpinion.values,
}


def grade_rank(criterion: str, grade: str) -> int:
    """0 for the best grade of the criterion's scale, 1 for the next and so on."""
    return GRADE_SCALES[criterion].index(grade)


class CasePosition(models.TextChoices):
    KEPALA_DAERAH = "kepala_daerah", _("Kepala daerah")
    WAKIL_KEPALA_DAERAH = "wakil_kepala_daerah", _("Wakil kepala daerah")
    SEKRETARIS_DAERAH = "sekretaris_daerah", _("Sekretaris daerah")
    KEPALA_OPD = "kepala_opd", _("Kepala OPD")
    LAINNYA = "lainnya", _("Lainnya")


# A case against one of these positions makes a region ineligible while it is open.
DISQUALIFYING_POSITIONS = (
    CasePosition.KEPALA_DAERAH,
    CasePosition.WAKIL_KEPALA_DAERAH,
    CasePosition.SEKRETARIS_DAERAH,
    CasePosition.KEPALA_OPD,
)


class CaseStage(models.TextChoices):
    PENYELIDIKAN = "penyelidikan", _("Penyelidikan")
    PENYIDIKAN = "penyidikan", _("Penyidikan")
    PENUNTUTAN = "penuntutan", _("Penuntutan")
    PERSIDANGAN = "persidangan", _("Persidangan")
    SELESAI = "selesai", _("Selesai")


class CaseHandler(models.TextChoices):
    KPK = "kpk", _("KPK")
    POLRI = "polri", _("Polri")
    KEJAKSAAN = "kejaksaan", _("Kejaksaan")


class Outcome(models.TextChoices):
    PASS = "pass", _("Memenuhi")
    FAIL = "fail", _("Tidak memenuhi")
    MISSING = "missing", _("Data tidak ada")


class ImportStatus(models.TextChoices):
    PENDING = "menunggu", _("Menunggu konfirmasi")
    APPLIED = "diterapkan", _("Diterapkan")
    DISCARDED = "dibatalkan", _("Dibatalkan")
