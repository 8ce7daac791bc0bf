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
