"""Demo: the 2026 cohort in progress, on Kabupaten Maros.

Satgas 1 of 2026 (seven assessors, the Sulawesi Selatan member seated despite her province with a written
reason), Maros's assessment scheduled for 1-2 December 2026, the evidence deadline, the Maros inspectorate's
uploads so far (five documents; the rest still missing), the team's first reviews (two accepted, one asked
to be revised), the document stage open since 23 November and the first draft scores. ``inspektur.maros``
can still upload. Every step goes through the services at its real date; loading again changes nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile

from accounts.models import User
from assessments.demo.clock import at, moment
from assessments.demo.data import (
    MAROS_2026,
    MAROS_REVIEWS,
    MAROS_SCORES,
    MAROS_UPLOADS,
    SATGAS_1_2026,
    SULSEL_SEATING_REASON,
)
from assessments.enums import Stage
from assessments.models import (
    Assessment,
    AssessmentStage,
    Candidate,
    Document,
    EvidenceDeadline,
    StageSubmission,
    Team,
)
from assessments.services import evidence as evidence_services
from assessments.services import scoring as scoring_services
from assessments.services.teams import add_team_member, create_team, schedule_assessment

YEAR = 2026


def demo_pdf(title: str) -> bytes:
    """A one-page PDF whose page says ``title`` (plain ASCII), small and valid."""
    text = title.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 14 Tf 72 760 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += str(number).encode() + b" 0 obj\n" + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 " + str(len(objects) + 1).encode() + b"\n0000000000 65535 f \n"
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size " + str(len(objects) + 1).encode() + b" /Root 1 0 R >>\n"
    out += b"startxref\n" + str(xref).encode() + b"\n%%EOF\n"
    return bytes(out)


def load_maros_2026(people: dict[str, User]) -> Assessment:
    staff = people["permas"]
    candidate = Candidate.objects.select_related("programme_year", "region").get(
        programme_year__year=YEAR, region__code=MAROS_2026["code"]
    )
    team = Team.objects.filter(programme_year=candidate.programme_year, name=MAROS_2026["team"]).first()
    if team is None:
        with at(MAROS_2026["team_on"]):
            team = create_team(programme_year=candidate.programme_year, name=MAROS_2026["team"], by=staff)
            for username, role in SATGAS_1_2026:
                user = people[username]
                add_team_member(
                    team=team,
                    user=user,
                    role=role,
                    by=staff,
                    **({"conflict_reason": SULSEL_SEATING_REASON} if username == "penilai.sulsel" else {}),
                )
    assessment = Assessment.objects.filter(candidate=candidate).first()
    if assessment is None:
        with at(MAROS_2026["scheduled_on"]):
            assessment = schedule_assessment(
                candidate=candidate,
                team=team,
                starts_on=date.fromisoformat(MAROS_2026["starts_on"]),
                ends_on=date.fromisoformat(MAROS_2026["ends_on"]),
                place=MAROS_2026["place"],
                by=staff,
            )
            if not EvidenceDeadline.objects.filter(programme_year=candidate.programme_year).exists():
                evidence_services.set_deadline(
                    programme_year=candidate.programme_year,
                    due_on=date.fromisoformat(MAROS_2026["deadline"]),
                    by=staff,
                )
    _evidence(candidate, people)
    _scores(assessment, people, staff)
    return assessment


def _evidence(candidate: Candidate, people: dict[str, User]) -> None:
    inspector = people["inspektur.maros"]
    indicators = {indicator.code: indicator for indicator in candidate.assessment.framework.indicators.all()}
    for day, title, codes, file_name in MAROS_UPLOADS:
        if Document.objects.filter(candidate=candidate, title=title).exists():
            continue
        with at(moment(day, 10)):
            evidence_services.upload_document(
                candidate=candidate,
                title=title,
                indicators=[indicators[code] for code in codes],
                file=ContentFile(demo_pdf(title), name=file_name),
                by=inspector,
            )
    for day, username, title, status, note in MAROS_REVIEWS:
        document = Document.objects.select_related("current_version").get(candidate=candidate, title=title)
        if document.current_version.review_status == status:
            continue
        with at(moment(day, 14)):
            evidence_services.review_version(
                version=document.current_version, status=status, note=note, by=people[username]
            )


def _scores(assessment: Assessment, people: dict[str, User], staff: User) -> None:
    if not AssessmentStage.objects.filter(assessment=assessment, stage=Stage.DOCUMENTS).exists():
        with at(moment(MAROS_2026["stage_opened_on"], 8)):
            scoring_services.open_stage(assessment, stage=Stage.DOCUMENTS, by=staff)
    indicators = {indicator.code: indicator.pk for indicator in assessment.framework.indicators.all()}
    for day, username, submit, values in MAROS_SCORES:
        assessor = people[username]
        if StageSubmission.objects.filter(stage__assessment=assessment, assessor=assessor).exists():
            continue
        with at(moment(day, 20)):
            scoring_services.save_stage_scores(
                assessment,
                assessor=assessor,
                stage=Stage.DOCUMENTS,
                scores={
                    indicators[code]: scoring_services.Entry(Decimal(value)) for code, value in values.items()
                },
                submit=submit,
                version=0,
            )
