"""Hidden scores, one rule everywhere (``assessments.rules.may_see_colleague_scores``): a team member sees
the colleagues' stage scores (and their mean, median, spread, the disagreement order, the documents that
show what assessors wrote) only once they submitted the same stage, on the plenary page once every opened
stage; staff always. Each persona on the plenary page, its draft documents, the scoring and history
pages."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.enums import Stage
from assessments.models import StageSubmission
from assessments.rules import colleague_score_stages, may_see_colleague_scores
from assessments.services.plenary import plenary_for, record_plenary_score
from assessments.services.scoring import Entry, open_stage, save_stage_scores
from reports.models import IssuedDocument
from tests.assessments.scoring_factories import build_scoring
from tests.reports.pdf import pdf_text

pytestmark = pytest.mark.django_db

STAGES = (Stage.DOCUMENTS, Stage.FIELD_CHECK)


def save(scoring, user, stage, value, *, submit):
    version = (
        StageSubmission.objects.filter(
            stage__assessment=scoring.assessment, stage__stage=stage, assessor=user
        )
        .values_list("version", flat=True)
        .first()
    )
    save_stage_scores(
        scoring.assessment,
        assessor=user,
        stage=stage,
        scores={
            indicator.pk: Entry(Decimal(value), f"Catatan {user.name} {stage}")
            for indicator in scoring.indicators
        },
        submit=submit,
        version=version or 0,
    )


@pytest.fixture
def scoring(kota_blitar, kota_mataram, assessor, staff):
    """Two stages open; the colleague submitted both (3 and 4); the chair (``member``) submitted the
    documents stage and keeps the field check as a draft; an agreed score for every indicator."""
    scoring = build_scoring(
        region=kota_blitar, other_region=kota_mataram, member=assessor, staff=staff, scored=2
    )
    open_stage(scoring.assessment, stage=Stage.FIELD_CHECK, by=staff)
    save(scoring, scoring.colleague, Stage.DOCUMENTS, "3", submit=True)
    save(scoring, scoring.colleague, Stage.FIELD_CHECK, "4", submit=True)
    save(scoring, scoring.member, Stage.DOCUMENTS, "2", submit=True)
    save(scoring, scoring.member, Stage.FIELD_CHECK, "1", submit=False)
    plenary = plenary_for(scoring.assessment)
    for indicator in scoring.indicators:
        record_plenary_score(plenary=plenary, indicator=indicator, value=Decimal("3"), by=scoring.member)
    return scoring


def plenary_url(scoring):
    return reverse("assessments:plenary", kwargs={"pk": scoring.assessment.pk})


def score_report_url(scoring):
    return reverse("reports:plenary_pdf", kwargs={"pk": scoring.assessment.pk, "report": "laporan-nilai"})


def test_the_rule_per_persona(scoring, inspector):
    assessment = scoring.assessment

    assert colleague_score_stages(scoring.staff, assessment) == frozenset(Stage.values)
    assert colleague_score_stages(scoring.member, assessment) == {Stage.DOCUMENTS}
    assert colleague_score_stages(scoring.colleague, assessment) == set(STAGES)
    for stranger in (scoring.recused, scoring.outsider, inspector):
        assert colleague_score_stages(stranger, assessment) == frozenset()
    assert [
        may_see_colleague_scores(user, assessment)
        for user in (scoring.staff, scoring.member, scoring.colleague, scoring.recused, scoring.outsider)
    ] == [True, False, True, False, False]
    assert may_see_colleague_scores(scoring.member, assessment, Stage.DOCUMENTS) is True
    assert may_see_colleague_scores(scoring.member, assessment, Stage.FIELD_CHECK) is False


def test_the_plenary_page_hides_the_scores_from_a_chair_with_a_draft(client, scoring):
    client.force_login(scoring.member)

    response = client.get(plenary_url(scoring))

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["scores_visible"] is False
    rows = [row for row in response.context["rows"] if row.feed is None]
    assert [(row.lines, row.mean, row.median, row.spread) for row in rows] == [([], None, None, None)] * 2
    assert [row.indicator.code for row in response.context["rows"]] == ["2", "3", "1"]  # framework order
    assert 'data-testid="scores-hidden"' in html
    assert "Budi Santoso" not in html  # the colleague's name comes only with their scores
    assert ">Rata-rata<" not in html
    assert score_report_url(scoring) not in html


def test_the_plenary_page_shows_the_scores_once_every_stage_is_submitted(client, scoring):
    save(scoring, scoring.member, Stage.FIELD_CHECK, "1", submit=True)
    for user in (scoring.member, scoring.staff):
        client.force_login(user)

        response = client.get(plenary_url(scoring))

        assert response.context["scores_visible"] is True
        row = next(row for row in response.context["rows"] if row.indicator.code == "2")
        assert [(line.name, line.values[:2]) for line in row.lines] == [
            ("Andi Pratama", [Decimal("2"), Decimal("1")]),
            ("Budi Santoso", [Decimal("3"), Decimal("4")]),
        ]
        assert (row.mean, row.median, row.spread) == (Decimal("2.50"), Decimal("2.50"), Decimal("3"))
        assert "Budi Santoso" in response.content.decode()


def test_staff_see_the_scores_whatever_the_assessors_submitted(client, scoring):
    client.force_login(scoring.staff)

    response = client.get(plenary_url(scoring))

    row = next(row for row in response.context["rows"] if row.indicator.code == "2")
    # the chair's field-check draft is nobody's to see; their submitted documents stage is
    assert [(line.name, line.values[:2]) for line in row.lines] == [
        ("Andi Pratama", [Decimal("2"), None]),
        ("Budi Santoso", [Decimal("3"), Decimal("4")]),
    ]


def test_strangers_get_404_on_the_plenary_page_and_its_documents(client, scoring, inspector, other_inspector):
    urls = [plenary_url(scoring), score_report_url(scoring)]
    for user in (scoring.recused, scoring.outsider, inspector, other_inspector):
        client.force_login(user)
        assert [client.get(url).status_code for url in urls] == [404, 404], user.username


def test_the_score_report_draft_follows_the_rule(client, scoring):
    """The score report prints what the assessors wrote: refused to the chair with a draft, a draft PDF
    (no verification code, nothing issued) once they submitted, with the submitted notes only."""
    client.force_login(scoring.member)
    assert client.get(score_report_url(scoring)).status_code == 403

    save(scoring, scoring.member, Stage.FIELD_CHECK, "1", submit=True)
    response = client.get(score_report_url(scoring))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "DRAF" in text
    assert "Kode verifikasi" not in text
    assert "Catatan Budi Santoso lapangan" in text
    assert IssuedDocument.objects.count() == 0


def test_staff_get_the_score_report_with_the_submitted_notes_only(client, scoring):
    client.force_login(scoring.staff)

    text = pdf_text(client.get(score_report_url(scoring)).content)

    assert "Catatan Budi Santoso dokumen" in text
    assert "Catatan Andi Pratama dokumen" in text
    assert "Catatan Andi Pratama lapangan" not in text  # a draft


def test_the_scoring_and_history_pages_follow_the_same_rule(client, scoring):
    client.force_login(scoring.member)

    pages = {
        stage: client.get(
            reverse("scoring:stage", kwargs={"pk": scoring.assessment.pk, "stage": stage})
        ).context["page"]
        for stage in STAGES
    }
    history = client.get(reverse("scoring:history", kwargs={"pk": scoring.assessment.pk})).context["changes"]

    assert [pages[stage].others_visible for stage in STAGES] == [True, False]
    assert {
        (change.score.submission.assessor.name, change.score.submission.stage.stage) for change in history
    } == {
        ("Andi Pratama", Stage.DOCUMENTS),
        ("Andi Pratama", Stage.FIELD_CHECK),
        ("Budi Santoso", Stage.DOCUMENTS),
    }
