"""Stage records (field visits with photos, the presentation, the Q&A): written by the team on the records
pages through ``assessments.services.stage_records`` (audit entries); the admin reads them."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy

from accounts.admin_doors import ReadOnlyAdminMixin, ReadOnlyInline
from assessments.models import (
    FieldVisit,
    FieldVisitPhoto,
    Presentation,
    PresentationNote,
    QaAttendee,
    QaQuestion,
)


class RecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Stage records are written by the team on the records pages (services with audit entries)."""

    list_select_related = (
        "assessment__candidate__region",
        "assessment__candidate__programme_year",
        "recorded_by",
    )
    search_fields = ("assessment__candidate__region__full_name",)


class FieldVisitPhotoInline(ReadOnlyInline):
    model = FieldVisitPhoto
    fields = ("original_name", "caption", "content_type", "uploaded_by", "uploaded_at")
    readonly_fields = fields


@admin.register(FieldVisit)
class FieldVisitAdmin(RecordAdmin):
    list_display = ("place", "assessment", "visited_at", "photo_count", "recorded_by", "recorded_at")
    list_filter = ("assessment__candidate__programme_year",)
    search_fields = (*RecordAdmin.search_fields, "place", "findings")
    inlines = [FieldVisitPhotoInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photo_count=Count("photos"))

    @admin.display(description=gettext_lazy("Foto"), ordering="photo_count")
    def photo_count(self, obj) -> int:
        return obj.photo_count


class PresentationNoteInline(ReadOnlyInline):
    model = PresentationNote
    fields = ("component", "note")
    readonly_fields = fields


@admin.register(Presentation)
class PresentationAdmin(RecordAdmin):
    list_display = ("presenter", "presenter_position", "assessment", "presented_at", "recorded_by")
    list_filter = ("assessment__candidate__programme_year",)
    search_fields = (*RecordAdmin.search_fields, "presenter")
    inlines = [PresentationNoteInline]


@admin.register(QaQuestion)
class QaQuestionAdmin(RecordAdmin):
    list_display = ("question_start", "asked_by", "answered_by", "assessment", "recorded_by", "recorded_at")
    list_filter = ("assessment__candidate__programme_year",)
    search_fields = (*RecordAdmin.search_fields, "question", "asked_by", "answered_by")

    @admin.display(description=gettext_lazy("Pertanyaan"))
    def question_start(self, obj) -> str:
        return str(obj)


@admin.register(QaAttendee)
class QaAttendeeAdmin(RecordAdmin):
    list_display = ("name", "role", "position", "assessment", "recorded_by")
    list_filter = ("role", "assessment__candidate__programme_year")
    search_fields = (*RecordAdmin.search_fields, "name", "position")
