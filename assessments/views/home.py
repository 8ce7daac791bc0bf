"""The home page of each role: what Dit Permas staff, an assessor and a regional inspector see first."""

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.views.generic import TemplateView

from accounts.mixins import PermissionMixin
from assessments.models import DeclaredConflict
from assessments.queries.evidence import candidacies_with_evidence, evidence_summaries
from assessments.queries.programme import (
    candidate_status_counts,
    current_programme_year,
    programme_years,
    revocation_flags,
    watched_candidacies,
)
from assessments.queries.region import (
    documents_to_revise,
    due_recommendations,
    monitoring_trend,
    open_objection_window,
    open_recommendations,
    with_follow_up,
)
from assessments.queries.scoring import assessor_assessments
from assessments.rules import conflicts_of_interest
from regions.models import Region
from regions.programme_years import current_year
from regions.queries import region_counts
from regions.services.monitoring import criteria_alerts_of, monitoring_screening


class StaffHomeView(PermissionMixin, TemplateView):
    permission_required = "accounts.view_staff_home"
    template_name = "assessments/home/staff.html"

    def get_context_data(self, **kwargs):
        """The latest programme year with its candidates by status, the monitoring of every current
        candidate and pilot against that year's thresholds, and those to revoke for an open case."""
        years = programme_years()
        programme_year = current_programme_year(years)
        screening_year = programme_year.year if programme_year else current_year()
        # The current candidacies and pilots give the watched regions' keys (the regions themselves are
        # read only when the alerts are not kept) and the candidacies to revoke. The province and region
        # counts are kept under the monitoring's screening key too, which every region import raises
        # (issue 14).
        by_pk = {year.pk: year for year in years}
        watched = list(watched_candidacies())
        for candidate in watched:
            candidate.programme_year = by_pk[candidate.programme_year_id]
        region_ids = sorted({candidate.region_id for candidate in watched})
        screening = monitoring_screening(screening_year)
        alerts = criteria_alerts_of(region_ids, programme_year=screening_year, screening=screening)
        province_count, region_count = region_counts(screening[1])
        return super().get_context_data(
            province_count=province_count,
            region_count=region_count,
            programme_year=programme_year,
            other_years=[year for year in reversed(years) if year != programme_year],
            status_counts=[row for row in candidate_status_counts(programme_year) if row[2]]
            if programme_year
            else [],
            screening_year=screening_year,
            alerts=alerts,
            revocation_flags=revocation_flags(alerts, watched),
            # The recommendations not done yet of every current candidate and pilot, whatever their year,
            # with the region the list shows (neither indicator nor programme year).
            open_recommendations=list(
                open_recommendations(region_ids).select_related(None).select_related("candidate__region")
            ),
            **kwargs,
        )


class AssessorHomeView(PermissionMixin, TemplateView):
    """My assessments: those of the assessor's teams (not the recused ones), each stage's status and how
    many indicators are still to be scored."""

    permission_required = "accounts.view_assessor_home"
    template_name = "assessments/home/assessor.html"

    def get_context_data(self, **kwargs):
        """Each card carries the assessor's conflict of interest with its region, if any (the descriptions
        staff recorded are read only when there are some: one more query)."""
        user = self.request.user
        rows = assessor_assessments(user)
        declared: dict[int, list[str]] = {}
        if any(row.assessment.has_declared for row in rows):
            for region_id, description in DeclaredConflict.objects.filter(user=user).values_list(
                "region_id", "description"
            ):
                declared.setdefault(region_id, []).append(description)
        for row in rows:
            region = row.assessment.candidate.region
            row.conflicts = conflicts_of_interest(user, region, declared=declared.get(region.pk, []))
        return super().get_context_data(rows=rows, **kwargs)


class InspectorHomeView(PermissionMixin, TemplateView):
    permission_required = "accounts.view_inspector_home"
    template_name = "assessments/home/inspector.html"

    def get_context_data(self, **kwargs):
        """The region's evidence workspaces (one per candidacy from designation on), newest year first.

        The candidacies come with their self-assessment, framework and deadline, and whether they have a
        plenary (for the objection window) and monitoring rounds; the documents of all of them are one
        query, the indicators those of the kept framework tree; each monitoring trend reuses them, and
        reads the rounds only where there are some. The recommendations due and the documents to revise
        are read only when the region's query found some (issue 14)."""
        region = with_follow_up(Region.objects.select_related("province")).get(pk=self.request.user.region_id)
        today = timezone.localdate()
        workspaces = evidence_summaries(list(candidacies_with_evidence(region.pk)), today)
        for workspace in workspaces:
            candidate = workspace.candidate
            self_assessment = _one_to_one(candidate, "self_assessment")
            workspace.self_assessment = self_assessment
            workspace.trend = monitoring_trend(
                candidate,
                [row.indicator for row in workspace.rows],
                # None lets the trend read the submitted self-scores; a draft or none has none to read.
                submitted=None if self_assessment is not None and self_assessment.is_submitted else {},
                rounds=None if candidate.has_monitoring_rounds else [],
            )
            workspace.objection_window = (
                open_objection_window(candidate, today) if candidate.plenary_id is not None else None
            )
        return super().get_context_data(
            region=region,
            workspaces=workspaces,
            due_recommendations=due_recommendations(region.pk, today)
            if region.has_open_recommendations
            else [],
            documents_to_revise=documents_to_revise(region.pk) if region.has_documents_to_revise else [],
            **kwargs,
        )


def _one_to_one(instance, name: str):
    """A reverse one-to-one loaded with select_related, or None when there is none (no query)."""
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:
        return None
