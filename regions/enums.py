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


class CriterionKind(models.TextChoices):
    """What a criterion's value is, which decides how it is read, shown and screened."""

    SCORE = "angka", _("Angka pada skala")
    GRADE = "predikat", _("Predikat berurutan")
    YES_NO = "ya_tidak", _("Ya/tidak")
    CASES = "kasus", _("Kasus hukum terhadap jabatan tertentu")
    COUNT = "jumlah", _("Jumlah butir yang memenuhi syarat")


# The two grades of a yes/no criterion, as stored in a value's grade (the better first).
YES, NO = "Ya", "Tidak"


class Gate(models.TextChoices):
    """The step of the cycle a criterion decides: who may become a candidate, who may be designated."""

    CANDIDACY = "pencalonan", _("Pencalonan")
    DESIGNATION = "penetapan", _("Penetapan")
    BOTH = "keduanya", _("Pencalonan dan penetapan")


class Stage(models.TextChoices):
    """What a screening checks: candidacy (the screening page) or designation (the designation letter,
    monitoring of candidates and pilots)."""

    CANDIDACY = "pencalonan", _("Pencalonan")
    DESIGNATION = "penetapan", _("Penetapan")


class ValueStatus(models.TextChoices):
    PROVISIONAL = "sementara", _("Sementara")
    FINAL = "akhir", _("Akhir")


class CasePosition(models.TextChoices):
    KEPALA_DAERAH = "kepala_daerah", _("Kepala daerah")
    WAKIL_KEPALA_DAERAH = "wakil_kepala_daerah", _("Wakil kepala daerah")
    SEKRETARIS_DAERAH = "sekretaris_daerah", _("Sekretaris daerah")
    KEPALA_OPD = "kepala_opd", _("Kepala OPD")
    LAINNYA = "lainnya", _("Lainnya")


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
    EXPIRED = "kedaluwarsa", _("Kedaluwarsa")
