from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staf", _("Staf Dit Permas")
    ASSESSOR = "penilai", _("Penilai")
    INSPECTOR = "inspektur", _("Inspektur daerah")


class Institution(models.TextChoices):
    """The seven institutions of an assessment team, plus the assessed region's own government."""

    KPK = "kpk", _("KPK")
    PANRB = "panrb", _("Kementerian PAN-RB")
    KEMENKEU = "kemenkeu", _("Kementerian Keuangan")
    KEMENDAGRI = "kemendagri", _("Kementerian Dalam Negeri")
    BPKP = "bpkp", _("BPKP")
    OMBUDSMAN = "ombudsman", _("Ombudsman RI")
    PROVINCE = "pemprov", _("Pemerintah provinsi")
    REGION = "pemda", _("Pemerintah kabupaten/kota")
