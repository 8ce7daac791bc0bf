"""A candidate's way through the programme year, one function per step.

Each step locks the candidate, checks the status it starts from, changes it, writes a ``CandidateEvent``
(the candidate's timeline) and an audit entry, all in one transaction. A refused step raises
``ValidationError`` with code ``wrong_status`` and changes nothing.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.enums import (
    DECLINABLE_STATUSES,
    RECORDED_RESULT_STATUSES,
    REVOCABLE_STATUSES,
    CandidateStatus,
    PlenaryStatus,
    ProposerKind,
)
from assessments.models import Candidate, CandidateEvent, Plenary, ProgrammeYear, RecordedResult
from assessments.queries.programme import proposable_regions
from audit.services import record
from regions.enums import Stage

S = CandidateStatus


def _lock(candidate: Candidate, allowed: tuple[str, ...]) -> Candidate:
    locked = (
        Candidate.objects.select_for_update().select_related("programme_year", "region").get(pk=candidate.pk)
    )
    if locked.status not in allowed:
        raise ValidationError(
            _("Langkah ini tidak dapat dilakukan pada calon berstatus %(status)s.")
            % {"status": locked.get_status_display()},
            code="wrong_status",
        )
    return locked


def _step(
    candidate: Candidate, *, to: str, by, reason: str = "", data: dict[str, Any] | None = None, fields=()
) -> Candidate:
    before = candidate.status
    candidate.status = to
    candidate.save(update_fields=["status", *fields])
    data = {
        key: (value.isoformat() if isinstance(value, date) else value) for key, value in (data or {}).items()
    }
    CandidateEvent.objects.create(
        candidate=candidate, from_status=before, to_status=to, by=by, reason=reason, data=data
    )
    record(
        actor=by,
        action=f"candidate.{to}",
        obj=candidate,
        before={"status": before},
        after={"status": to, **data},
        reason=reason,
    )
    return candidate


def _required(value, message: str, code: str) -> None:
    if value in (None, ""):
        raise ValidationError(message, code=code)


@transaction.atomic
def propose_candidate(
    *,
    programme_year: ProgrammeYear,
    region,
    proposer_kind: str,
    proposer: str,
    by,
    letter_number: str = "",
    letter_date: date | None = None,
    notes: str = "",
) -> Candidate:
    """Enter a province's or ministry's proposal of a region for the programme year."""
    ProgrammeYear.objects.select_for_update().get(pk=programme_year.pk)
    if proposer_kind not in ProposerKind.values:
        raise ValidationError(_("Jenis pengusul tidak dikenal."), code="proposer_kind")
    _required(proposer, _("Isi nama pengusul."), "proposer_required")
    if Candidate.objects.filter(programme_year=programme_year, region=region).exists():
        raise ValidationError(
            _("%(region)s sudah diusulkan untuk %(year)s.") % {"region": region, "year": programme_year.name},
            code="already_proposed",
        )
    if not proposable_regions(programme_year).filter(pk=region.pk).exists():
        raise ValidationError(
            _("%(region)s sudah menjadi percontohan atau sedang menjalani siklus tahun lain.")
            % {"region": region},
            code="not_proposable",
        )
    candidate = Candidate.objects.create(
        programme_year=programme_year,
        region=region,
        status=S.PROPOSED,
        proposer_kind=proposer_kind,
        proposer=proposer,
        proposal_letter_number=letter_number,
        proposal_letter_date=letter_date,
    )
    data = {"proposer": proposer, "letter_number": letter_number, "letter_date": letter_date}
    data = {key: (value.isoformat() if isinstance(value, date) else value) for key, value in data.items()}
    CandidateEvent.objects.create(
        candidate=candidate, from_status="", to_status=S.PROPOSED, by=by, reason=notes, data=data
    )
    record(
        actor=by,
        action="candidate.diusulkan",
        obj=candidate,
        after={"status": S.PROPOSED, **data},
        reason=notes,
    )
    return candidate


def _screening(candidate: Candidate, stage: str):
    """The region against the programme year's criteria catalogue, for candidacy or for designation."""
    from regions.services.screening import screen_region

    return screen_region(candidate.region, candidate.programme_year.year, stage=stage)


def _problem_list(screening) -> list[dict[str, str]]:
    return [
        {"criterion": str(problem.criterion), "label": str(problem.label), "outcome": str(problem.outcome)}
        for problem in screening.problems()
    ]


@transaction.atomic
def screen_candidate(*, candidate: Candidate, by, notes: str = "") -> Candidate:
    """Screen against the criteria of the programme year's catalogue that decide candidacy; the outcome
    (and any failing or missing criterion) is recorded."""
    candidate = _lock(candidate, (S.PROPOSED,))
    screening = _screening(candidate, Stage.CANDIDACY)
    candidate.screening_eligible = screening.eligible
    return _step(
        candidate,
        to=S.SCREENED,
        by=by,
        reason=notes,
        data={"eligible": screening.eligible, "problems": _problem_list(screening)},
        fields=["screening_eligible"],
    )


@transaction.atomic
def observe_candidate(
    *, candidate: Candidate, by, observed_on: date, team: str, notes: str = ""
) -> Candidate:
    """Record the one-day observation visit of a shortlisted region."""
    candidate = _lock(candidate, (S.SCREENED,))
    _required(observed_on, _("Isi tanggal observasi."), "date_required")
    _required(team, _("Isi tim observasi."), "team_required")
    candidate.observed_on = observed_on
    candidate.observation_team = team
    candidate.observation_notes = notes
    return _step(
        candidate,
        to=S.OBSERVED,
        by=by,
        reason=notes,
        data={"observed_on": observed_on, "team": team},
        fields=["observed_on", "observation_team", "observation_notes"],
    )


@transaction.atomic
def designate_candidate(
    *, candidate: Candidate, by, letter_number: str, letter_date: date, override_reason: str = ""
) -> Candidate:
    """Record KPK's letter designating the region as a candidate.

    The criteria of the programme year's catalogue that decide designation (with their designation
    thresholds) are checked at this moment; a region that fails or lacks one is designated only with
    ``override_reason``, which is kept on the candidate and shown wherever it appears.
    """
    candidate = _lock(candidate, (S.OBSERVED,))
    _required(letter_number, _("Isi nomor surat penetapan."), "letter_number_required")
    _required(letter_date, _("Isi tanggal surat penetapan."), "letter_date_required")
    screening = _screening(candidate, Stage.DESIGNATION)
    override_reason = override_reason.strip()
    if not screening.eligible and not override_reason:
        labels = ", ".join(str(problem.label) for problem in screening.problems())
        raise ValidationError(
            _(
                "Daerah ini tidak memenuhi atau belum memiliki nilai kriteria: %(labels)s. "
                "Penetapan memerlukan alasan tertulis."
            )
            % {"labels": labels},
            code="criteria_not_met",
        )
    if screening.eligible:
        override_reason = ""
    candidate.designation_letter_number = letter_number
    candidate.designation_letter_date = letter_date
    candidate.designation_override_reason = override_reason
    return _step(
        candidate,
        to=S.DESIGNATED,
        by=by,
        reason=override_reason,
        data={
            "letter_number": letter_number,
            "letter_date": letter_date,
            "override": bool(override_reason),
            "problems": _problem_list(screening),
        },
        fields=["designation_letter_number", "designation_letter_date", "designation_override_reason"],
    )


@transaction.atomic
def mark_assessed(*, candidate: Candidate, by, notes: str = "") -> Candidate:
    """The on-site assessment has taken place."""
    candidate = _lock(candidate, (S.DESIGNATED,))
    return _step(candidate, to=S.ASSESSED, by=by, reason=notes)


@transaction.atomic
def announce_provisionally(*, candidate: Candidate, by, announced_on: date, notes: str = "") -> Candidate:
    """The provisional result has been announced (the final one waits for the MCSP results)."""
    candidate = _lock(candidate, (S.ASSESSED,))
    _required(announced_on, _("Isi tanggal pengumuman."), "date_required")
    candidate.announced_on = announced_on
    return _step(
        candidate,
        to=S.ANNOUNCED,
        by=by,
        reason=notes,
        data={"announced_on": announced_on},
        fields=["announced_on"],
    )


@transaction.atomic
def record_final_result(
    *, candidate: Candidate, by, pilot: bool, result_on: date, notes: str = ""
) -> Candidate:
    """The final result: the region becomes a pilot, or not."""
    candidate = _lock(candidate, (S.ANNOUNCED,))
    _required(result_on, _("Isi tanggal hasil akhir."), "date_required")
    candidate.result_on = result_on
    return _step(
        candidate,
        to=S.PILOT if pilot else S.NOT_PILOT,
        by=by,
        reason=notes,
        data={"pilot": pilot, "result_on": result_on},
        fields=["result_on"],
    )


@transaction.atomic
def inaugurate_candidate(*, candidate: Candidate, by, inaugurated_on: date, notes: str = "") -> Candidate:
    """The pilot has been inaugurated (at HAKORDIA)."""
    candidate = _lock(candidate, (S.PILOT,))
    _required(inaugurated_on, _("Isi tanggal pengukuhan."), "date_required")
    candidate.inaugurated_on = inaugurated_on
    return _step(
        candidate,
        to=S.INAUGURATED,
        by=by,
        reason=notes,
        data={"inaugurated_on": inaugurated_on},
        fields=["inaugurated_on"],
    )


@transaction.atomic
def decline_candidate(*, candidate: Candidate, by, reason: str) -> Candidate:
    """Take a proposed, screened or observed region out of this year's cycle (not shortlisted)."""
    candidate = _lock(candidate, DECLINABLE_STATUSES)
    _required(reason.strip(), _("Tuliskan alasannya."), "reason_required")
    return _step(candidate, to=S.DECLINED, by=by, reason=reason.strip())


@transaction.atomic
def revoke_candidate(*, candidate: Candidate, by, revoked_on: date, reason: str) -> Candidate:
    """Revoke a candidate's designation or a pilot's status at once, e.g. after a corruption case."""
    candidate = _lock(candidate, REVOCABLE_STATUSES)
    _required(reason.strip(), _("Tuliskan alasan pencabutan."), "reason_required")
    _required(revoked_on, _("Isi tanggal pencabutan."), "date_required")
    candidate.revoked_on = revoked_on
    candidate.revocation_reason = reason.strip()
    return _step(
        candidate,
        to=S.REVOKED,
        by=by,
        reason=reason.strip(),
        data={"revoked_on": revoked_on},
        fields=["revoked_on", "revocation_reason"],
    )


def check_outside_result_allowed(candidate: Candidate) -> None:
    """Refuse a result decided outside the system for a candidate not yet assessed, or one whose plenary
    was finalised here (its result comes from that plenary and its announcements). Also used by the admin
    form, so it refuses before anything is saved."""
    if candidate.status not in RECORDED_RESULT_STATUSES:
        raise ValidationError(
            _("Hasil di luar sistem hanya dapat dicatat untuk calon yang sudah dinilai."),
            code="wrong_status",
        )
    if Plenary.objects.filter(assessment__candidate=candidate, status=PlenaryStatus.FINALISED).exists():
        raise ValidationError(
            _("Calon ini memiliki rapat pleno yang sudah final: hasilnya berasal dari rapat pleno itu."),
            code="plenary_result",
        )


def _result_data(result: RecordedResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    return {
        "total": None if result.total is None else str(result.total),
        "predicate": result.predicate,
        "source": result.source,
        "decided_on": result.decided_on.isoformat(),
    }


@transaction.atomic
def record_outside_result(
    *,
    candidate: Candidate,
    by,
    total: Decimal | None,
    source: str,
    decided_on: date,
    predicate: str = "",
    notes: str = "",
) -> RecordedResult:
    """Record (or correct) a result decided outside the system: a paper plenary from before the system
    existed, or a published figure. ``total`` (0-100, two decimals) may be empty when no score was
    published; an empty ``predicate`` is taken from the programme year's bands for the total. The status
    does not change; the candidate's timeline gets an event and the audit trail an entry with the result
    before and after."""
    from accounts.rules import is_permas_staff

    if not is_permas_staff(by):
        raise PermissionDenied(_("Hanya staf Dit Permas yang mencatat hasil di luar sistem."))
    candidate = _lock(candidate, RECORDED_RESULT_STATUSES)
    check_outside_result_allowed(candidate)
    source, predicate = source.strip(), predicate.strip()
    _required(source, _("Isi sumber hasil (nomor surat atau pengumuman)."), "source_required")
    _required(decided_on, _("Isi tanggal hasil."), "date_required")
    if total is not None:
        if not Decimal("0") <= total <= Decimal("100") or total != total.quantize(Decimal("0.01")):
            raise ValidationError(
                _("Nilai total harus antara 0 dan 100 dengan paling banyak dua desimal."), code="total_range"
            )
        if not predicate:
            band = candidate.programme_year.predicate_for(total)
            predicate = band.name if band else ""
    result = RecordedResult.objects.filter(candidate=candidate).first()
    before = _result_data(result)
    if result is None:
        result = RecordedResult(candidate=candidate)
    result.total = total
    result.predicate = predicate
    result.source = source
    result.decided_on = decided_on
    result.recorded_at = timezone.now()
    result.recorded_by = by
    result.save()
    after = _result_data(result)
    CandidateEvent.objects.create(
        candidate=candidate,
        from_status=candidate.status,
        to_status=candidate.status,
        by=by,
        reason=notes.strip(),
        data={"recorded_result": True, **after},
    )
    record(
        actor=by,
        action="candidate.recorded_result",
        obj=candidate,
        before=before or {},
        after=after,
        reason=notes.strip(),
    )
    return result
