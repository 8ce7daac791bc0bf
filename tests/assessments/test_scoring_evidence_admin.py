"""The admin of scoring, stage records and evidence: changelists with a constant number of queries, rows
that only the services write are read-only (their history visible), stage actions and deadlines go
through the services."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.enums import AttendeeRole, Stage, StageStatus
from assessments.models import AssessmentStage, EvidenceDeadline, Score
from assessments.services import evidence as evidence_services
from assessments.services import scoring as scoring_services
from assessments.services import stage_records as record_services
from audit.models import AuditEntry
from tests.assessments.evidence_fixtures import evidence_root, pdf_file  # noqa: F401

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "assessmentstage",
    "stagesubmission",
    "score",
    "fieldvisit",
    "presentation",
    "qaquestion",
    "qaattendee",
    "document",
    "documentversion",
    "evidencedeadline",
]
READ_ONLY = [name for name in CHANGELISTS if name != "evidencedeadline"]


# The stages the shared ``scoring`` fixture opens (tests/assessments/conftest.py).
OPEN_STAGES = (Stage.DOCUMENTS, Stage.FIELD_CHECK, Stage.PRESENTATION, Stage.QA)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        assert response.status_code == 200
    return len(context.captured_queries)


def add_rows(scoring, inspector, number: int) -> None:
    """One more of everything: scores (saved twice, so with history), records, a document with two
    versions and a candidate's own deadline."""
    assessment = scoring.assessment if number % 2 else scoring.other_assessment
    user = scoring.member if assessment == scoring.assessment else scoring.outsider
    stage = [Stage.DOCUMENTS, Stage.FIELD_CHECK, Stage.PRESENTATION, Stage.QA][number % 4]
    for value in ("50", "60"):
        submission = scoring_services.save_stage_scores(
            assessment,
            assessor=user,
            stage=stage,
            scores={scoring.indicators[0].pk: scoring_services.Entry(Decimal(value))},
            submit=False,
            version=getattr(
                assessment.stages.get(stage=stage).submissions.filter(assessor=user).first(), "version", 0
            ),
        )
    assert submission.version >= 2
    visited = timezone.make_aware(datetime(2025, 11, 5, 9, number))
    record_services.add_field_visit(assessment, by=user, place=f"Tempat {number}", visited_at=visited)
    record_services.add_qa_question(assessment, by=user, question=f"Pertanyaan {number}", asked_by="Andi")
    record_services.add_qa_attendee(assessment, by=user, role=AttendeeRole.SEKDA, name=f"Nama {number}")
    record_services.save_presentation(assessment, by=user, presenter=f"Penyaji {number}", notes={})
    if assessment == scoring.assessment:
        document = evidence_services.upload_document(
            candidate=assessment.candidate,
            title=f"Dokumen {number}",
            indicators=scoring.indicators,
            file=pdf_file(),
            by=inspector,
        )
        evidence_services.add_version(document=document, file=pdf_file(text="Versi 2"), by=inspector)
    evidence_services.set_deadline(
        programme_year=assessment.candidate.programme_year,
        candidate=assessment.candidate,
        due_on=date(2025, 10, number + 1),
        by=scoring.staff,
    )


@pytest.mark.parametrize("model", CHANGELISTS)
def test_changelists_do_not_grow_with_rows(client, scoring, inspector, model):
    client.force_login(scoring.staff)
    url = reverse(f"admin:assessments_{model}_changelist")
    add_rows(scoring, inspector, 1)
    one = queries(client, url)
    for number in range(2, 9):
        add_rows(scoring, inspector, number)
    assert queries(client, url) == one


@pytest.mark.parametrize("model", READ_ONLY)
def test_rows_written_by_services_are_read_only_in_the_admin(client, scoring, inspector, model):
    add_rows(scoring, inspector, 1)
    client.force_login(scoring.staff)
    changelist = client.get(reverse(f"admin:assessments_{model}_changelist"))
    obj = changelist.context["cl"].result_list[0]

    assert client.get(reverse(f"admin:assessments_{model}_add")).status_code == 403
    assert client.get(reverse(f"admin:assessments_{model}_delete", args=[obj.pk])).status_code == 403
    page = client.get(reverse(f"admin:assessments_{model}_change", args=[obj.pk]))
    assert (page.status_code, page.context["has_change_permission"]) == (200, False)
    assert client.post(reverse(f"admin:assessments_{model}_change", args=[obj.pk]), {}).status_code == 403


def test_a_score_shows_its_history(client, scoring, inspector):
    add_rows(scoring, inspector, 1)
    score = Score.objects.get()
    client.force_login(scoring.staff)

    page = client.get(reverse("admin:assessments_score_change", args=[score.pk]))
    formset = page.context["inline_admin_formsets"][0].formset
    assert [(change.old_value, change.new_value, change.changed_by) for change in formset.queryset] == [
        (None, Decimal("50.00"), scoring.member),
        (Decimal("50.00"), Decimal("60.00"), scoring.member),
    ]


def test_stage_actions_go_through_the_services_and_report_counts(client, scoring):
    client.force_login(scoring.staff)
    stages = AssessmentStage.objects.filter(assessment=scoring.assessment, stage=Stage.DOCUMENTS)
    scoring_services.close_stage(scoring.other_assessment, stage=Stage.QA, by=scoring.staff)
    closed = AssessmentStage.objects.get(assessment=scoring.other_assessment, stage=Stage.QA)

    response = client.post(
        reverse("admin:assessments_assessmentstage_changelist"),
        {"action": "close_selected", "_selected_action": [stages.get().pk, closed.pk]},
        follow=True,
    )
    assert [str(message) for message in response.context["messages"]] == ["1 diproses, 1 ditolak."]
    assert stages.get().status == StageStatus.CLOSED
    assert AuditEntry.objects.filter(action="stage.close", actor=scoring.staff).count() == 2


def test_a_deadline_saved_in_the_admin_goes_through_the_service(client, scoring):
    client.force_login(scoring.staff)
    programme_year = scoring.assessment.candidate.programme_year
    response = client.post(
        reverse("admin:assessments_evidencedeadline_add"),
        {"programme_year": programme_year.pk, "candidate": "", "due_on": "2025-10-31"},
    )
    assert response.status_code == 302
    deadline = EvidenceDeadline.objects.get()
    assert (deadline.due_on, deadline.candidate) == (date(2025, 10, 31), None)
    entry = AuditEntry.objects.get(action="evidence.deadline")
    assert (entry.actor, entry.after) == (scoring.staff, {"due_on": "2025-10-31"})
