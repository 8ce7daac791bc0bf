"""The regions app in the admin. Provinces and regions come from the Kemendagri lists
(``manage.py import_regions``); criteria values and legal cases are corrected on the region page and imported
on their page, each through its service with its revision history; the admin reads them. The criteria
catalogue of each programme year changes through ``regions.services.catalogue``."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from accounts.admin_doors import ReadOnlyAdminMixin, ReadOnlyInline, ServiceAdminMixin
from regions.models import (
    CriteriaImport,
    Criterion,
    CriterionValue,
    CriterionValueRevision,
    LegalCase,
    LegalCaseRevision,
    Province,
    Region,
)
from regions.services.catalogue import EDITABLE_FIELDS, add_criterion, remove_criterion, update_criterion


@admin.register(Province)
class ProvinceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name", "time_zone", "region_count")
    list_filter = ("time_zone",)
    search_fields = ("code", "name")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(region_count=Count("regions"))

    @admin.display(description=_("Kabupaten/kota"), ordering="region_count")
    def region_count(self, obj) -> int:
        return obj.region_count


@admin.register(Region)
class RegionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("code", "full_name", "kind", "province", "autonomous")
    list_filter = ("kind", "autonomous", "province")
    list_select_related = ("province",)
    search_fields = ("code", "name", "full_name")
    autocomplete_fields = ("province",)


class CriterionValueRevisionInline(ReadOnlyInline):
    model = CriterionValueRevision
    fields = ("changed_at", "changed_by", "score", "grade", "status", "as_of", "source", "import_batch")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by", "import_batch")


@admin.register(CriterionValue)
class CriterionValueAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Values change only through imports and the region page's correction (regions.services), which keep
    the history; the admin reads them, and a value with its revisions is never deleted."""

    list_display = ("region", "criterion", "data_year", "score", "grade", "status", "source", "entered_at")
    list_filter = ("criterion", "data_year", "status")
    list_select_related = ("region",)
    search_fields = ("region__code", "region__full_name", "source")
    readonly_fields = (
        "region",
        "criterion",
        "data_year",
        "score",
        "grade",
        "status",
        "as_of",
        "source",
        "source_url",
        "note",
        "entered_by",
        "entered_at",
    )
    inlines = [CriterionValueRevisionInline]


class LegalCaseRevisionInline(ReadOnlyInline):
    model = LegalCaseRevision
    fields = (
        "changed_at",
        "changed_by",
        "position",
        "stage",
        "handler",
        "ended_on",
        "source",
        "import_batch",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by", "import_batch")


@admin.register(LegalCase)
class LegalCaseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Legal cases change through imports and the region page (with their revisions); the admin reads."""

    list_display = ("region", "person_name", "position", "stage", "handler", "started_on", "ended_on")
    list_filter = ("stage", "position", "handler")
    list_select_related = ("region",)
    search_fields = ("region__code", "region__full_name", "person_name")
    readonly_fields = (
        "region",
        "person_name",
        "started_on",
        "position",
        "stage",
        "handler",
        "ended_on",
        "source",
        "note",
        "entered_by",
        "entered_at",
    )
    inlines = [LegalCaseRevisionInline]


@admin.register(Criterion)
class CriterionAdmin(ServiceAdminMixin, admin.ModelAdmin):
    """The criteria catalogue of each programme year; every change goes through regions.services.catalogue
    (checked, audited), like the staff pages under Skrining > Kriteria."""

    list_display = ("programme_year", "order", "code", "name", "publisher", "kind", "gate", "rule")
    list_display_links = ("code", "name")
    list_filter = ("programme_year", "kind", "gate")
    search_fields = ("code", "name", "publisher")
    readonly_fields = ("updated_by", "updated_at")
    actions = ["delete_selected"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.pk:
            return ("programme_year", "code", *self.readonly_fields)
        return self.readonly_fields

    @admin.display(description=_("Syarat pencalonan"))
    def rule(self, obj) -> str:
        return obj.threshold_label()

    def save_model(self, request, obj, form, change) -> None:
        values = {name: getattr(obj, name) for name in EDITABLE_FIELDS}
        if change:
            saved = update_criterion(obj, values=values, by=request.user)
        else:
            saved = add_criterion(
                programme_year=obj.programme_year, code=obj.code, values=values, by=request.user
            )
        obj.pk = saved.pk

    def delete_model(self, request, obj) -> None:
        remove_criterion(obj, by=request.user)


@admin.register(CriteriaImport)
class CriteriaImportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "file_name",
        "criterion",
        "data_year",
        "final",
        "status",
        "created_by",
        "created_at",
        "applied_at",
    )
    list_filter = ("criterion", "status")
    list_select_related = ("created_by",)
    readonly_fields = (
        "criterion",
        "data_year",
        "final",
        "file_name",
        "summary",
        "errors",
        "status",
        "created_by",
        "created_at",
        "applied_by",
        "applied_at",
    )
    exclude = ("rows",)
