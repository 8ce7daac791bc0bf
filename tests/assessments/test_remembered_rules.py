"""What the scoring pages let the rules remember for one request (issue 14): the reader's membership with
what her conflict-of-interest warning needs, and her submitted stages read by the scoring page. The rules
answer exactly what they answer without it, and a service checking inside its transaction reads afresh."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from accounts.enums import Institution
from assessments.enums import Stage
from assessments.models import Assessment, DeclaredConflict, Recusal
from assessments.queries.programme import own_conflict
from assessments.queries.scoring import assessment_for_scoring, scoring_page
from assessments.rules import colleague_score_stages, may_see_colleague_scores, remember_memberships
from assessments.services.scoring import Entry, save_stage_scores
from tests.assessments.factories import RecusalFactory

pytestmark = pytest.mark.django_db


# The stages the shared ``scoring`` fixture opens (tests/assessments/conftest.py).
OPEN_STAGES = (Stage.DOCUMENTS, Stage.FIELD_CHECK)


def remembered(scoring) -> Assessment:
    assessment = assessment_for_scoring(scoring.assessment.pk)
    remember_memberships(assessment, conflicts=True)
    return assessment


def submit(scoring, user, stage=Stage.DOCUMENTS):
    save_stage_scores(
        scoring.assessment,
        assessor=user,
        stage=stage,
        scores={indicator.pk: Entry(Decimal("1"), "") for indicator in scoring.indicators},
        submit=True,
        version=0,
    )


@pytest.mark.parametrize("conflict", ["none", "home region", "declared", "declared and seated"])
def test_the_remembered_membership_answers_the_own_conflict_as_its_own_query(
    scoring, staff, django_assert_num_queries, conflict
):
    member = scoring.member
    region = scoring.assessment.candidate.region
    if conflict == "home region":
        member.institution, member.region = Institution.REGION, region
        member.save()
    if conflict.startswith("declared"):
        DeclaredConflict.objects.create(
            user=member, region=region, description="Adik Kepala Bappeda.", recorded_by=staff
        )
    if conflict == "declared and seated":
        scoring.assessment.team.members.filter(user=member).update(conflict_reason="Tidak ada pengganti.")
    expected = own_conflict(member, assessment_for_scoring(scoring.assessment.pk))
    assert (expected is None) == (conflict == "none")

    assessment = remembered(scoring)
    with django_assert_num_queries(1):  # the membership, with whether staff recorded a conflict
        assert member.has_perm("assessments.score_assessment", assessment)
    descriptions = 1 if conflict.startswith("declared") else 0
    with django_assert_num_queries(descriptions):
        assert own_conflict(member, assessment) == expected


def test_a_recused_member_has_no_remembered_membership(scoring, django_assert_num_queries):
    assessment = remembered(scoring)
    with django_assert_num_queries(1):
        assert not scoring.recused.has_perm("assessments.score_assessment", assessment)
        assert own_conflict(scoring.recused, assessment) is None


@pytest.mark.parametrize("who", ["member", "recused", "outsider"])
@pytest.mark.parametrize("submitted", [(), (Stage.DOCUMENTS,), (Stage.DOCUMENTS, Stage.FIELD_CHECK)])
def test_the_scoring_page_feeds_the_hidden_scores_rule_what_it_read(scoring, who, submitted):
    """The scoring page reads the user's submissions of every stage; the rule answers from them as from
    its own query (a recused member or an outsider sees nothing, whatever they submitted before)."""
    submit(scoring, scoring.colleague)
    user = getattr(scoring, who)
    recusal = None
    if who == "recused":  # submitted before standing aside
        recusal = Recusal.objects.get(assessment=scoring.assessment, user=user)
        recusal.delete()
    for stage in submitted:
        if who != "outsider":
            submit(scoring, user, stage)
    if recusal is not None:
        RecusalFactory(assessment=scoring.assessment, user=user)

    fresh = assessment_for_scoring(scoring.assessment.pk)
    expected = colleague_score_stages(user, fresh)
    assert expected == (frozenset(submitted) if who == "member" else frozenset())

    assessment = remembered(scoring)
    page = scoring_page(assessment, Stage.DOCUMENTS, user)
    assert colleague_score_stages(user, assessment) == expected
    assert page.others_visible == may_see_colleague_scores(user, fresh, Stage.DOCUMENTS)
    assert page.others_visible == (Stage.DOCUMENTS in expected)
    assert bool(page.other_assessors) == page.others_visible
    assert all(other.assessor != user for row in page.scored_rows for other in row.others)


def test_the_page_reads_the_rule_from_its_submissions_without_a_query(scoring, django_assert_num_queries):
    submit(scoring, scoring.member)
    assessment = remembered(scoring)
    assert scoring.member.has_perm("assessments.score_assessment", assessment)
    scoring_page(assessment, Stage.DOCUMENTS, scoring.member)
    with django_assert_num_queries(0):
        assert colleague_score_stages(scoring.member, assessment) == {Stage.DOCUMENTS}


def test_a_service_checks_the_membership_afresh_inside_its_transaction(scoring):
    """What the request remembered before a transaction is not what a service trusts inside it: a member
    recused after the page's permission check cannot save."""
    assessment = remembered(scoring)
    assert scoring.colleague.has_perm("assessments.score_assessment", assessment)
    RecusalFactory(assessment=scoring.assessment, user=scoring.colleague)

    with pytest.raises(PermissionDenied):
        save_stage_scores(
            assessment,
            assessor=scoring.colleague,
            stage=Stage.DOCUMENTS,
            scores={scoring.indicators[0].pk: Entry(Decimal("1"), "")},
            submit=False,
            version=0,
        )
    assert scoring.colleague.has_perm("assessments.score_assessment", assessment)  # remembered outside
