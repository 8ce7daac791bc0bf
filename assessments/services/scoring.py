"""Scoring: staff open and close the four stages; assessors save their scores of a stage in one go.

Every function runs in one transaction, locks the stage row it works on, checks the state it starts from
and writes an audit entry. All saves of one stage are serialised on the stage row, so the version check
of ``save_stage_scores`` cannot race.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from assessments.enums import IndicatorSource, Stage, StageStatus, SubmissionStatus
from assessments.models import Assessment, AssessmentStage, Score, ScoreChange, StageSubmission
from assessments.queries.programme import framework_indicators
from assessments.rules import is_team_member_expression, plenary_is_finalised
from audit.services import record


@dataclass(frozen=True)
class Entry:
    """What an assessor entered for one indicator: a score (None while a draft leaves it empty) and a note."""

    value: Decimal | None
    note: str = ""


class StaleVersion(Exception):
    """The form was rendered from an older version than the one saved since (another tab or device saved
    in between). Nothing was written; ``submission`` and ``scores`` (indicator id -> Score) are the current
    state, to show the assessor."""

    def __init__(self, submission: StageSubmission, scores: dict[int, Score]):
        self.submission = submission
        self.scores = scores
        super().__init__(
            _(
                "Isian ini sudah disimpan dari tempat lain (tab atau perangkat lain) sejak Anda membukanya. "
                "Tidak ada yang ditimpa: nilai yang tersimpan sekarang ditampilkan di bawah, bersama isian "
                "Anda yang belum tersimpan. Periksa lalu simpan lagi."
            )
        )


def validate_in_scale(value: Decimal | None, max_score: Decimal) -> None:
    """A score lies between 0 and the indicator's maximum (used by the form and by the service)."""
    if value is not None and not (0 <= value <= max_score):
        raise ValidationError(
            _("Nilai harus antara 0 dan %(max)s.") % {"max": number_format(max_score, 2)},
            code="out_of_scale",
        )


def _check_can_change(assessment: Assessment, stage_row: AssessmentStage | None) -> AssessmentStage:
    if stage_row is None or stage_row.status != StageStatus.OPEN:
        raise ValidationError(
            _("Tahap ini sedang tidak dibuka; nilai tidak dapat diubah."), code="stage_not_open"
        )
    if plenary_is_finalised(assessment):
        raise ValidationError(
            _("Rapat pleno sudah final; nilai tidak dapat diubah lagi."), code="plenary_finalised"
        )
    return stage_row


def _lock_stage(assessment: Assessment, stage: str, *, member=None) -> AssessmentStage | None:
    """The stage row, locked. With ``member``, its ``member_is_on_team`` says whether that user is on the
    assessment's team and not recused (``rules.is_team_member_expression``), read in the same query."""
    if stage not in Stage.values:
        raise ValidationError(_("Tahap tidak dikenal."), code="stage_unknown")
    rows = AssessmentStage.objects.select_for_update(of=("self",)).filter(assessment=assessment, stage=stage)
    if member is not None:
        rows = rows.annotate(member_is_on_team=is_team_member_expression(member, assessment))
    return rows.first()


@transaction.atomic
def open_stage(assessment: Assessment, *, stage: str, by) -> AssessmentStage:
    """Open a stage for scoring (again, if it was closed)."""
    Assessment.objects.select_for_update().get(pk=assessment.pk)
    stage_row = _lock_stage(assessment, stage)
    if plenary_is_finalised(assessment):
        raise ValidationError(
            _("Rapat pleno sudah final; tahap tidak dapat dibuka."), code="plenary_finalised"
        )
    if stage_row is None:
        stage_row = AssessmentStage(assessment=assessment, stage=stage)
    before = stage_row.status
    if before == StageStatus.OPEN:
        raise ValidationError(_("Tahap ini sudah dibuka."), code="already_open")
    stage_row.status = StageStatus.OPEN
    stage_row.opened_at = timezone.now()
    stage_row.opened_by = by
    stage_row.save()
    record(
        actor=by, action="stage.open", obj=stage_row, before={"status": before}, after={"status": "dibuka"}
    )
    return stage_row


@transaction.atomic
def close_stage(assessment: Assessment, *, stage: str, by) -> AssessmentStage:
    """Close an open stage: from now on its scores cannot change (until staff reopen it)."""
    stage_row = _lock_stage(assessment, stage)
    if stage_row is None or stage_row.status != StageStatus.OPEN:
        raise ValidationError(_("Hanya tahap yang sedang dibuka yang dapat ditutup."), code="not_open")
    stage_row.status = StageStatus.CLOSED
    stage_row.closed_at = timezone.now()
    stage_row.closed_by = by
    stage_row.save()
    record(
        actor=by,
        action="stage.close",
        obj=stage_row,
        before={"status": StageStatus.OPEN.value},
        after={"status": StageStatus.CLOSED.value},
    )
    return stage_row


def _update_scores(scores: list[Score], *, updated_at) -> None:
    """Write the value, note and scale of ``scores`` (existing rows) and ``updated_at`` in one statement.

    ``bulk_update`` writes a CASE per field and row, and building it took a third of a whole save of 18
    scores (issue 14). This is the same single UPDATE, from a VALUES list (PostgreSQL, and SQLite from
    3.33)."""
    if not scores:
        return
    meta = Score._meta
    value, scale_max = meta.get_field("value"), meta.get_field("scale_max")
    table, key = connection.ops.quote_name(meta.db_table), connection.ops.quote_name(meta.pk.column)
    params = []
    for score in scores:
        params += [
            score.pk,
            value.get_db_prep_save(score.value, connection),
            score.note,
            scale_max.get_db_prep_save(score.scale_max, connection),
        ]
    params.append(meta.get_field("updated_at").get_db_prep_save(updated_at, connection))
    rows = ", ".join(["(%s, %s, %s, %s)"] * len(scores))
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH new (id, value, note, scale_max) AS (VALUES {rows}) "
            f"UPDATE {table} SET value = CAST(new.value AS NUMERIC), note = new.note, "
            f"scale_max = CAST(new.scale_max AS NUMERIC), updated_at = %s "
            f"FROM new WHERE {table}.{key} = new.id",
            params,
        )


def _insert_changes(changes: list[tuple[Score, Decimal | None, str]], *, by, at) -> None:
    """Append a ``ScoreChange`` (old and new value and note) for each ``(score, old value, old note)``
    of ``changes``, in one INSERT. ``bulk_create`` prepares every object and field first; for the 18
    changes of a whole stage that took a tenth of a save (issue 14). No primary key is returned: nothing
    reads the rows back here."""
    if not changes:
        return
    meta = ScoreChange._meta
    value = meta.get_field("new_value")
    at = meta.get_field("changed_at").get_db_prep_save(at, connection)
    params = []
    for score, old_value, old_note in changes:
        params += [
            score.pk,
            by.pk,
            at,
            value.get_db_prep_save(old_value, connection),
            value.get_db_prep_save(score.value, connection),
            old_note,
            score.note,
        ]
    columns = ", ".join(
        connection.ops.quote_name(meta.get_field(name).column)
        for name in ("score", "changed_by", "changed_at", "old_value", "new_value", "old_note", "new_note")
    )
    rows = ", ".join(["(%s, %s, %s, CAST(%s AS NUMERIC), CAST(%s AS NUMERIC), %s, %s)"] * len(changes))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) VALUES {rows}", params
        )


_SUBMISSION_FIELDS = ("id", "stage_id", "assessor_id", "status", "version", "saved_at", "submitted_at")
_SCORE_FIELDS = ("id", "indicator_id", "value", "scale_max", "note", "updated_at")


def _locked_submission(stage_row: AssessmentStage, assessor) -> tuple[StageSubmission, dict[int, Score]]:
    """``assessor``'s submission of ``stage_row``, locked, with its scores by indicator id: one query (the
    submission joined to its scores); the submission is created when this is the first save."""
    rows = list(
        StageSubmission.objects.select_for_update(of=("self",))
        .filter(stage=stage_row, assessor=assessor)
        .values_list(*_SUBMISSION_FIELDS, *(f"scores__{name}" for name in _SCORE_FIELDS))
    )
    if not rows:
        return StageSubmission.objects.create(stage=stage_row, assessor=assessor), {}
    count = len(_SUBMISSION_FIELDS)
    submission = StageSubmission.from_db(connection.alias, _SUBMISSION_FIELDS, rows[0][:count])
    scores = {}
    for row in rows:
        if row[count] is None:  # a submission without any score yet
            continue
        score = Score.from_db(connection.alias, _SCORE_FIELDS, row[count:])
        score.submission = submission
        scores[score.indicator_id] = score
    return submission, scores


@transaction.atomic
def save_stage_scores(
    assessment: Assessment,
    *,
    assessor,
    stage: str,
    scores: Mapping[int, Entry],
    submit: bool,
    version: int,
) -> StageSubmission:
    """Save ``assessor``'s scores and notes of one stage, keyed by indicator id, as a draft or submitted.

    A draft may leave scores empty; submitting needs a score for every indicator the assessors score, and
    a submitted stage stays submitted (later saves must stay complete). ``version`` is the submission's
    version the form was rendered from (0 before the first save); when another save came in between,
    nothing is written and ``StaleVersion`` carries the current values. Every changed score appends a
    ``ScoreChange`` (who, when, old, new).
    """
    # The stage row locked, with whether the assessor is on the team (not recused): one query, read
    # inside the transaction.
    stage_row = _check_can_change(assessment, _lock_stage(assessment, stage, member=assessor))
    if not stage_row.member_is_on_team:
        raise PermissionDenied(_("Anda bukan anggota tim penilaian ini."))

    submission, existing = _locked_submission(stage_row, assessor)
    # The audit entry names the submission (stage, assessment, region, assessor): from the objects at hand.
    stage_row.assessment, submission.stage, submission.assessor = assessment, stage_row, assessor
    if submission.version != version:
        raise StaleVersion(submission, existing)

    # The framework's indicators, kept per process while it stays published (no query).
    indicators = {
        indicator.pk: indicator
        for indicator in framework_indicators(assessment.framework)
        if indicator.source == IndicatorSource.ASSESSORS
    }
    unknown = set(scores) - set(indicators)
    if unknown:
        raise ValidationError(
            _("Indikator tidak dikenal dalam kerangka penilaian ini."), code="unknown_indicator"
        )
    for indicator_id, entry in scores.items():
        validate_in_scale(entry.value, indicators[indicator_id].max_score)

    submit = submit or submission.is_submitted
    if submit:
        missing = [
            indicator.code
            for pk, indicator in indicators.items()
            if (scores[pk].value if pk in scores else getattr(existing.get(pk), "value", None)) is None
        ]
        if missing:
            raise ValidationError(
                _("Isi nilai semua indikator sebelum mengirim. Belum diisi: %(codes)s.")
                % {"codes": ", ".join(missing)},
                code="incomplete",
            )

    now = timezone.now()
    to_create, to_update, changes = [], [], []
    for indicator_id, entry in scores.items():
        note = entry.note.strip()
        score = existing.get(indicator_id)
        if score is None:
            if entry.value is None and not note:
                continue
            score = Score(
                submission=submission,
                indicator_id=indicator_id,
                scale_max=indicators[indicator_id].max_score,
                updated_at=now,
            )
            old_value, old_note = None, ""
            to_create.append(score)
        else:
            if score.value == entry.value and score.note == note:
                continue
            old_value, old_note = score.value, score.note
            to_update.append(score)
        score.value, score.note, score.updated_at = entry.value, note, now
        score.scale_max = indicators[indicator_id].max_score
        changes.append((score, old_value, old_note))

    Score.objects.bulk_create(to_create)
    _update_scores(to_update, updated_at=now)
    _insert_changes(changes, by=assessor, at=now)

    before = {"status": submission.status, "version": submission.version}
    submission.version += 1
    submission.saved_at = now
    if submit and not submission.is_submitted:
        submission.status = SubmissionStatus.SUBMITTED
        submission.submitted_at = now
    # Only what changed: saving every column cost twice the CPU of the UPDATE's four (issue 14).
    submission.save(update_fields=["version", "saved_at", "status", "submitted_at"])
    record(
        actor=assessor,
        action="scoring.submit" if submit else "scoring.save_draft",
        obj=submission,
        before=before,
        after={
            "status": submission.status,
            "version": submission.version,
            "changed": {
                str(score.indicator_id): [
                    None if old is None else str(old),
                    None if score.value is None else str(score.value),
                ]
                for score, old, _note in changes
            },
        },
    )
    return submission
