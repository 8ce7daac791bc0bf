from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    """The printable documents the system issues; each issued PDF gets a verification code."""

    PROVISIONAL_ANNOUNCEMENT = "pengumuman_sementara", _("Pengumuman hasil penilaian sementara")
    FINAL_ANNOUNCEMENT = "pengumuman_akhir", _("Pengumuman hasil penilaian akhir")
    PLENARY_RECORD = "berita_acara", _("Berita acara rapat pleno")
    SCORE_REPORT = "laporan_nilai", _("Laporan nilai daerah")
    YEAR_SUMMARY = "rekapitulasi", _("Rekapitulasi hasil tahun program")
