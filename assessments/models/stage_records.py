"""What the team records during the stages: field check visits with photos, the head's presentation with
notes per component, and the discussion and Q&A with its questions and attendance list."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assessments.enums import AttendeeRole, FieldFacility
from assessments.models.framework import Component
from assessments.models.teams import Assessment


class RecordFields(models.Model):
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dicatat oleh"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now_add=True)

    class Meta:
        abstract = True


class FieldVisit(RecordFields):
    """A visit during the field check, e.g. to the Mal Pelayanan Publik, the Inspektorat or the UKPBJ."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("penilaian"), on_delete=models.CASCADE, related_name="field_visits"
    )
    place = models.CharField(_("tempat"), max_length=200, help_text=_("Misalnya Mal Pelayanan Publik."))
    visited_at = models.DateTimeField(_("waktu kunjungan"))
    facilities = models.JSONField(
        _("fasilitas yang diperiksa"), default=list, blank=True, help_text=_("Kode FieldFacility.")
    )
    checked = models.TextField(_("yang diperiksa"), blank=True)
    findings = models.TextField(_("temuan"), blank=True)

    class Meta:
        verbose_name = _("kunjungan cek lapangan")
        verbose_name_plural = _("kunjungan cek lapangan")
        ordering = ["assessment", "visited_at", "pk"]

    def __str__(self) -> str:
        return f"{self.place} ({self.visited_at:%Y-%m-%d %H:%M})"

    @property
    def facility_labels(self) -> list[str]:
        return [FieldFacility(code).label for code in self.facilities if code in FieldFacility.values]


def photo_path(instance: "FieldVisitPhoto", filename: str) -> str:
    """An unguessable path; the original name is kept on the row, never in the path."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"cek-lapangan/{uuid.uuid4().hex}{suffix}"


class FieldVisitPhoto(models.Model):
    visit = models.ForeignKey(
        FieldVisit, verbose_name=_("kunjungan"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(_("foto"), upload_to=photo_path)
    content_type = models.CharField(_("jenis isi"), max_length=50)
    original_name = models.CharField(_("nama berkas asli"), max_length=255, blank=True)
    caption = models.CharField(_("keterangan"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diunggah oleh"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("diunggah pada"), auto_now_add=True)

    class Meta:
        verbose_name = _("foto cek lapangan")
        verbose_name_plural = _("foto cek lapangan")
        ordering = ["visit", "pk"]

    def __str__(self) -> str:
        return self.caption or self.original_name or str(self.pk)


class Presentation(RecordFields):
    """The regent's or mayor's presentation (paparan kepala daerah)."""

    assessment = models.OneToOneField(
        Assessment, verbose_name=_("penilaian"), on_delete=models.CASCADE, related_name="presentation"
    )
    presenter = models.CharField(_("penyaji"), max_length=200, help_text=_("Nama yang memaparkan."))
    presenter_position = models.CharField(
        _("jabatan penyaji"), max_length=200, blank=True, help_text=_("Misalnya Wali Kota Blitar.")
    )
    presented_at = models.DateTimeField(_("waktu paparan"), null=True, blank=True)
    summary = models.TextField(_("catatan umum"), blank=True)

    class Meta:
        verbose_name = _("paparan kepala daerah")
        verbose_name_plural = _("paparan kepala daerah")

    def __str__(self) -> str:
        return _("Paparan %(presenter)s") % {"presenter": self.presenter}


class PresentationNote(models.Model):
    """The team's note on how the presentation shows one component is met."""

    presentation = models.ForeignKey(
        Presentation, verbose_name=_("paparan"), on_delete=models.CASCADE, related_name="notes"
    )
    component = models.ForeignKey(
        Component, verbose_name=_("komponen"), on_delete=models.PROTECT, related_name="presentation_notes"
    )
    note = models.TextField(_("catatan"))

    class Meta:
        verbose_name = _("catatan paparan per komponen")
        verbose_name_plural = _("catatan paparan per komponen")
        ordering = ["presentation", "component__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["presentation", "component"], name="presentationnote_unique_component"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.component.name}: {self.note[:40]}"


class QaQuestion(RecordFields):
    """A question of the discussion and Q&A: who asked, who answered, and what the answer said."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("penilaian"), on_delete=models.CASCADE, related_name="qa_questions"
    )
    question = models.TextField(_("pertanyaan"))
    asked_by = models.CharField(_("penanya"), max_length=200)
    answered_by = models.CharField(_("penjawab"), max_length=200, blank=True)
    summary = models.TextField(_("ringkasan jawaban"), blank=True)

    class Meta:
        verbose_name = _("pertanyaan diskusi")
        verbose_name_plural = _("pertanyaan diskusi")
        ordering = ["assessment", "recorded_at", "pk"]

    def __str__(self) -> str:
        return self.question[:60]


class QaAttendee(RecordFields):
    """One person on the attendance list of the discussion and Q&A."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("penilaian"), on_delete=models.CASCADE, related_name="qa_attendees"
    )
    role = models.CharField(_("unsur"), max_length=20, choices=AttendeeRole.choices)
    name = models.CharField(_("nama"), max_length=200)
    position = models.CharField(_("jabatan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("daftar hadir diskusi")
        verbose_name_plural = _("daftar hadir diskusi")
        ordering = ["assessment", "role", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(role__in=AttendeeRole.values), name="qaattendee_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"
