"""Frameworks, components and indicators with their rubrics and value mappings. Edited through the
framework services while a draft nobody uses; read-only once published or used by an assessment (the
same ``Framework.is_editable`` the framework page asks)."""

from django.contrib import admin
from django.db.models import Count, Sum
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy

from accounts.admin_doors import ServiceAdminMixin, run_service
from assessments.enums import FrameworkStatus
from assessments.models import Component, Framework, Indicator, RubricLevel, ValueMapping
from assessments.services import framework as services


def editable_frameworks():
    return Framework.objects.filter(status=FrameworkStatus.DRAFT, assessments__isnull=True)


def _editable(obj) -> bool:
    return obj is None or obj.framework.is_editable


class FrameworkPartAdmin(ServiceAdminMixin, admin.ModelAdmin):
    """Components and indicators: changed and deleted only while their framework is editable; new ones
    only in an editable framework."""

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and _editable(obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and _editable(obj)

    def get_readonly_fields(self, request, obj=None):
        return ("framework",) if obj is not None else ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "framework":
            kwargs["queryset"] = editable_frameworks().select_related("programme_year")
        if db_field.name == "component":
            kwargs["queryset"] = Component.objects.filter(framework__in=editable_frameworks()).select_related(
                "framework__programme_year"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Framework)
class FrameworkAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = (
        "programme_year",
        "status",
        "illustrative",
        "indicator_count",
        "weight_total",
        "published_at",
    )
    list_filter = ("status", "illustrative")
    list_select_related = ("programme_year",)
    search_fields = ("programme_year__name",)
    fields = (
        "programme_year",
        "status",
        "illustrative",
        "notes",
        "published_at",
        "published_by",
        "copied_from",
    )
    readonly_fields = ("programme_year", "status", "published_at", "published_by", "copied_from")
    actions = ["publish"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(indicator_count=Count("indicators"), weight_total=Sum("indicators__weight"))
        )

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and (obj is None or obj.is_editable)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # a framework is copied, never deleted

    @admin.display(description=gettext_lazy("Indikator"), ordering="indicator_count")
    def indicator_count(self, obj) -> int:
        return obj.indicator_count

    @admin.display(description=gettext_lazy("Jumlah bobot"), ordering="weight_total")
    def weight_total(self, obj):
        return obj.weight_total

    def save_model(self, request, obj, form, change):
        services.update_framework(
            framework=obj, by=request.user, illustrative=obj.illustrative, notes=obj.notes
        )

    @admin.action(description=gettext_lazy("Terbitkan (bobot harus berjumlah 100)"))
    def publish(self, request, queryset):
        run_service(
            self,
            request,
            queryset,
            lambda obj, by: services.publish_framework(framework=obj, by=by),
        )


@admin.register(Component)
class ComponentAdmin(FrameworkPartAdmin):
    list_display = ("name", "order", "framework")
    list_filter = ("framework__programme_year",)
    list_select_related = ("framework__programme_year",)
    search_fields = ("name",)
    fields = ("framework", "order", "name", "description")

    def save_model(self, request, obj, form, change):
        saved = services.save_component(
            framework=obj.framework,
            by=request.user,
            component=Component.objects.get(pk=obj.pk) if change else None,
            order=obj.order,
            name=obj.name,
            description=obj.description,
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.delete_component(component=obj, by=request.user)


class ReplacedRowsFormSet(BaseInlineFormSet):
    """The rubric or the value mappings of an indicator as the service takes them: the whole list after the
    form's additions, changes and removals."""

    def rows(self) -> list[dict]:
        deleted = {id(form) for form in self.deleted_forms}
        return [
            form.cleaned_data
            for form in self.forms
            if id(form) not in deleted and form.cleaned_data and (form.instance.pk or form.has_changed())
        ]


class IndicatorPartInline(admin.TabularInline):
    formset = ReplacedRowsFormSet
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return super().has_add_permission(request, obj) and _editable_indicator(obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and _editable_indicator(obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and _editable_indicator(obj)


def _editable_indicator(indicator) -> bool:
    return indicator is None or indicator.framework.is_editable


class RubricLevelInline(IndicatorPartInline):
    model = RubricLevel
    fields = ("score", "label", "description")


class ValueMappingInline(IndicatorPartInline):
    model = ValueMapping
    fields = ("min_value", "score")


@admin.register(Indicator)
class IndicatorAdmin(FrameworkPartAdmin):
    list_display = ("code", "name", "component", "weight", "max_score", "source", "criterion")
    list_filter = ("framework__programme_year", "source", "criterion")
    list_select_related = ("component", "framework__programme_year")
    search_fields = ("code", "name")
    fields = ("framework", *services.INDICATOR_FIELDS)
    inlines = [RubricLevelInline, ValueMappingInline]

    def save_model(self, request, obj, form, change):
        saved = services.save_indicator(
            framework=obj.framework,
            by=request.user,
            indicator=Indicator.objects.get(pk=obj.pk) if change else None,
            **{field: getattr(obj, field) for field in services.INDICATOR_FIELDS},
        )
        obj.pk = saved.pk

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)  # only fills new/changed/deleted_objects for the admin's history message
        if not formset.has_changed():
            return
        rows = formset.rows()
        if formset.model is RubricLevel:
            changes = {"rubric": [(row["score"], row["label"], row.get("description", "")) for row in rows]}
        else:
            changes = {"mappings": [(row["min_value"], row["score"]) for row in rows]}
        indicator = Indicator.objects.get(pk=form.instance.pk)
        services.save_indicator(
            framework=indicator.framework, by=request.user, indicator=indicator, **changes
        )

    def delete_model(self, request, obj):
        services.delete_indicator(indicator=obj, by=request.user)
