"""Teams and their members, assessments and recusals: every change through ``assessments.services.teams``
(only active assessors sit on a team; conflicts of interest are flagged; a member with scores is not
taken off; an assessment with scores keeps its team; a recusal is never withdrawn)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.admin_doors import ServiceAdminMixin
from assessments.models import Assessment, Recusal, Team, TeamMember
from assessments.services import teams as services


class TeamMemberFormSet(BaseInlineFormSet):
    """Refuses a new member the service would refuse (not an active assessor, already on the team) as a
    form error, before anything is saved; the service checks again under its lock."""

    def clean(self):
        super().clean()
        for form in self.extra_forms:
            user = form.cleaned_data.get("user") if form.has_changed() else None
            if user is None or form in self.deleted_forms:
                continue
            try:
                services.check_can_join(self.instance, user)
                services.check_conflict_reason(
                    self.instance, user, form.cleaned_data.get("conflict_reason", "")
                )
            except ValidationError as error:
                form.add_error("user", error)


class TeamMemberInline(admin.TabularInline):
    """Members are added and taken off through the services; a member's role is not changed in place."""

    model = TeamMember
    formset = TeamMemberFormSet
    extra = 0
    fields = ("user", "role", "conflict_reason")
    autocomplete_fields = ("user",)

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


@admin.register(Team)
class TeamAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ("name", "programme_year", "member_count")
    list_filter = ("programme_year",)
    list_select_related = ("programme_year",)
    search_fields = ("name", "members__user__name")
    fields = ("programme_year", "name")
    inlines = [TeamMemberInline]

    def get_readonly_fields(self, request, obj=None):
        return ("programme_year",) if obj is not None else ()

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=gettext_lazy("Anggota"), ordering="member_count")
    def member_count(self, obj) -> int:
        return obj.member_count

    def save_model(self, request, obj, form, change):
        if not change:
            saved = services.create_team(programme_year=obj.programme_year, name=obj.name, by=request.user)
            obj.pk = saved.pk
        elif "name" in form.changed_data:
            services.rename_team(team=obj, name=obj.name, by=request.user)

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)
        team = Team.objects.get(pk=form.instance.pk)
        for member in formset.deleted_objects:
            services.remove_team_member(member=member, by=request.user)
        for member in formset.new_objects:
            services.add_team_member(
                team=team,
                user=member.user,
                role=member.role,
                by=request.user,
                conflict_reason=member.conflict_reason,
            )
            for conflict in services.member_conflicts(team, member.user):
                self.message_user(
                    request,
                    _("Konflik kepentingan %(user)s: %(conflict)s Alasan tetap ditugaskan: %(reason)s")
                    % {"user": member.user, "conflict": conflict, "reason": member.conflict_reason},
                    messages.WARNING,
                )


class RecusalInline(admin.TabularInline):
    """Recusals are recorded through ``record_recusal`` and never withdrawn or edited."""

    model = Recusal
    extra = 0
    fk_name = "assessment"
    fields = ("user", "reason", "recorded_at", "recorded_by")
    autocomplete_fields = ("user",)
    readonly_fields = ("recorded_at", "recorded_by")

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "recorded_by")


@admin.register(Assessment)
class AssessmentAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ("candidate", "team", "starts_on", "ends_on", "time_zone", "place")
    list_filter = ("candidate__programme_year", "team__name", "time_zone")
    list_select_related = ("candidate__region", "candidate__programme_year", "team__programme_year")
    search_fields = ("candidate__region__full_name", "team__name", "place")
    autocomplete_fields = ("candidate", "team")
    fields = ("candidate", "team", "framework", "starts_on", "ends_on", "place", "time_zone", "conflicts")
    inlines = [RecusalInline]

    def get_readonly_fields(self, request, obj=None):
        # The framework and the time zone follow from the year and the region (the service sets them).
        return ("framework", "time_zone", "conflicts", *(("candidate",) if obj is not None else ()))

    @admin.display(description=gettext_lazy("Konflik kepentingan"))
    def conflicts(self, obj) -> str:
        """The same flags as the staff assessment page; a flagged member should be recused (below)."""
        if obj is None or obj.pk is None:
            return "-"
        members = {member.user_id: member.user for member in obj.team.members.select_related("user")}
        flags = services.conflicts_for(obj)
        return "; ".join(f"{members[pk]}: {reason}" for pk, reason in flags.items()) or _("Tidak ada")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        values = {"team": obj.team, "starts_on": obj.starts_on, "ends_on": obj.ends_on, "place": obj.place}
        if change:
            services.reschedule_assessment(assessment=obj, by=request.user, **values)
        else:
            saved = services.schedule_assessment(candidate=obj.candidate, by=request.user, **values)
            obj.pk = saved.pk
            obj.refresh_from_db()

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)
        for recusal in formset.new_objects:
            services.record_recusal(
                assessment=form.instance, user=recusal.user, reason=recusal.reason, by=request.user
            )


@admin.register(Recusal)
class RecusalAdmin(ServiceAdminMixin, admin.ModelAdmin):
    """A recusal is recorded (``record_recusal``) and then stays: withdrawing it would give the member back
    what they saw nothing of."""

    list_display = ("user", "assessment", "recorded_at", "recorded_by")
    list_select_related = (
        "user",
        "assessment__candidate__region",
        "assessment__candidate__programme_year",
        "recorded_by",
    )
    search_fields = ("user__name", "assessment__candidate__region__full_name")
    autocomplete_fields = ("user", "assessment")
    fields = ("assessment", "user", "reason", "recorded_at", "recorded_by")
    readonly_fields = ("recorded_at", "recorded_by")

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        saved = services.record_recusal(
            assessment=obj.assessment, user=obj.user, reason=obj.reason, by=request.user
        )
        obj.pk = saved.pk
