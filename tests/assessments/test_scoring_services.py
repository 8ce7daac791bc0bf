from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments.enums import PlenaryStatus, Stage, StageStatus, SubmissionStatus
from assessments.models import AssessmentStage, Plenary, Score, ScoreChange, StageSubmission
from assessments.rules import plenary_is_finalised
from assessments.services.scoring import Entry, StaleVersion, close_stage, open_stage, save_stage_scores
from audit.models import AuditEntry
from tests.assessments.scoring_factories import build_scoring


def save(scoring, values, *, submit=False, version=0, user=None, stage=Stage.DOCUMENTS):
    entries = {
        indicator.pk: Entry(None if value is None else Decimal(value), f"catatan {indicator.code}")
        for indicator, value in zip(scoring.indicators, values, strict=False)
    }
    return save_stage_scores(
        scoring.assessment,
        assessor=user or scoring.member,
        stage=stage,
        scores=entries,
        submit=submit,
        version=version,
    )


def test_a_draft_may_be_incomplete(scoring):
    submission = save(scoring, ["80", None])

    assert submission.status == SubmissionStatus.DRAFT
    assert submission.version == 1
    assert submission.submitted_at is None
    assert list(submission.scores.order_by("indicator__order").values_list("value", "note")) == [
        (Decimal("80.00"), "catatan 2"),
        (None, "catatan 3"),
    ]


def test_submitting_requires_every_scored_indicator(scoring):
    with pytest.raises(ValidationError) as error:
        save(scoring, ["80", None], submit=True)

    assert error.value.code == "incomplete"
    assert error.value.messages == ["Isi nilai semua indikator sebelum mengirim. Belum diisi: 3."]
    assert StageSubmission.objects.count() == 0


def test_submitting_a_complete_stage_after_a_draft(scoring):
    save(scoring, ["80", None])
    submission = save(scoring, ["80", "3.5"], submit=True, version=1)

    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.version == 2
    assert submission.submitted_at is not None
    assert AuditEntry.objects.filter(action="scoring.submit").count() == 1
    assert AuditEntry.objects.filter(action="scoring.save_draft").count() == 1


def test_a_submitted_stage_stays_complete(scoring):
    save(scoring, ["80", "3.5"], submit=True)
    with pytest.raises(ValidationError) as error:
        save(scoring, ["80", None], version=1)
    assert error.value.code == "incomplete"

    submission = save(scoring, ["85", "3.5"], version=1)
    assert submission.status == SubmissionStatus.SUBMITTED


def test_every_change_keeps_its_history(scoring):
    save(scoring, ["80", None])
    save(scoring, ["90", None], version=1)
    save(scoring, ["90", None], version=2)  # nothing changed: no history row

    score = Score.objects.get(indicator=scoring.indicators[0])
    assert list(score.changes.values_list("changed_by__username", "old_value", "new_value")) == [
        ("penilai", None, Decimal("80.00")),
        ("penilai", Decimal("80.00"), Decimal("90.00")),
    ]
    assert ScoreChange.objects.filter(score__indicator=scoring.indicators[1]).count() == 1  # note only


def test_a_save_on_an_outdated_version_writes_nothing(scoring):
    save(scoring, ["80", "2"])  # tab A saves; version is now 1

    with pytest.raises(StaleVersion) as conflict:
        save(scoring, ["50", "1"], version=0)  # tab B still holds version 0

    assert "sudah disimpan dari tempat lain" in str(conflict.value)
    assert conflict.value.submission.version == 1
    assert {pk: score.value for pk, score in conflict.value.scores.items()} == {
        scoring.indicators[0].pk: Decimal("80.00"),
        scoring.indicators[1].pk: Decimal("2.00"),
    }
    assert list(Score.objects.order_by("indicator__order").values_list("value", flat=True)) == [
        Decimal("80.00"),
        Decimal("2.00"),
    ]


@pytest.mark.parametrize("status", [None, StageStatus.CLOSED])
def test_scores_change_only_while_the_stage_is_open(scoring, status):
    stage = Stage.FIELD_CHECK
    if status == StageStatus.CLOSED:
        open_stage(scoring.assessment, stage=stage, by=scoring.staff)
        close_stage(scoring.assessment, stage=stage, by=scoring.staff)

    with pytest.raises(ValidationError) as error:
        save(scoring, ["80", "2"], stage=stage)

    assert error.value.code == "stage_not_open"


def test_scores_are_frozen_once_the_plenary_is_final(scoring):
    Plenary.objects.create(
        assessment=scoring.assessment, status=PlenaryStatus.FINALISED, finalised_at=timezone.now()
    )
    assert plenary_is_finalised(scoring.assessment) is True

    with pytest.raises(ValidationError) as error:
        save(scoring, ["80", "2"])
    assert error.value.code == "plenary_finalised"
    with pytest.raises(ValidationError):
        open_stage(scoring.assessment, stage=Stage.QA, by=scoring.staff)


@pytest.mark.parametrize("who", ["recused", "outsider", "deactivated"])
def test_only_team_members_save(scoring, who):
    user = scoring.member if who == "deactivated" else getattr(scoring, who)
    if who == "deactivated":
        user.is_active = False
        user.save()
    with pytest.raises(PermissionDenied):
        save(scoring, ["80", "2"], user=user)
    assert not StageSubmission.objects.filter(assessor=user).exists()


def test_the_service_refuses_out_of_scale_and_foreign_indicators(scoring):
    with pytest.raises(ValidationError) as error:
        save(scoring, ["80", "4.01"])
    assert error.value.messages == ["Nilai harus antara 0 dan 4,00."]

    with pytest.raises(ValidationError) as error:
        save_stage_scores(
            scoring.assessment,
            assessor=scoring.member,
            stage=Stage.DOCUMENTS,
            scores={scoring.fed.pk: Entry(Decimal("100"))},  # fed by a criterion, not by assessors
            submit=False,
            version=0,
        )
    assert error.value.code == "unknown_indicator"


def test_the_database_keeps_scores_inside_their_scale(scoring):
    submission = save(scoring, ["80", "2"])
    score = submission.scores.get(indicator=scoring.indicators[1])
    assert score.scale_max == Decimal("4.00")

    for bad in (Decimal("4.01"), Decimal("-1")):
        score.value = bad
        with pytest.raises(IntegrityError), transaction.atomic():
            score.save()


def test_opening_and_closing_stages(scoring):
    with pytest.raises(ValidationError) as error:
        open_stage(scoring.assessment, stage=Stage.DOCUMENTS, by=scoring.staff)
    assert error.value.code == "already_open"
    with pytest.raises(ValidationError) as error:
        close_stage(scoring.assessment, stage=Stage.QA, by=scoring.staff)
    assert error.value.code == "not_open"

    close_stage(scoring.assessment, stage=Stage.DOCUMENTS, by=scoring.staff)
    reopened = open_stage(scoring.assessment, stage=Stage.DOCUMENTS, by=scoring.staff)

    assert reopened.status == StageStatus.OPEN
    assert AssessmentStage.objects.filter(assessment=scoring.assessment).count() == 1
    assert list(
        AuditEntry.objects.filter(action__startswith="stage.", object_id=str(reopened.pk))
        .order_by("pk")
        .values_list("action", "before", "after")
    ) == [
        ("stage.open", {"status": "belum_dibuka"}, {"status": "dibuka"}),
        ("stage.close", {"status": "dibuka"}, {"status": "ditutup"}),
        ("stage.open", {"status": "ditutup"}, {"status": "dibuka"}),
    ]


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_one_wins_the_other_is_told(kota_blitar, kota_mataram, assessor, staff):
    """Two devices of the same assessor save version 0 at the same moment, each on its own connection:
    the stage row lock serialises them, so exactly one is written and the other gets StaleVersion."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs row locks across connections (PostgreSQL)")
    scoring = build_scoring(region=kota_blitar, other_region=kota_mataram, member=assessor, staff=staff)
    barrier = threading.Barrier(2)
    outcomes = []

    def device(value):
        try:
            barrier.wait()
            save(scoring, [value, "2"], version=0)
            outcomes.append("saved")
        except StaleVersion:
            outcomes.append("stale")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=device, args=(value,)) for value in ("70", "90")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["saved", "stale"]
    submission = StageSubmission.objects.get()
    assert submission.version == 1
    assert ScoreChange.objects.filter(score__indicator=scoring.indicators[0]).count() == 1
