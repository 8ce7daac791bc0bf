from datetime import date

import pytest
from django.core.exceptions import ValidationError

from assessments.enums import CandidateStatus as S
from assessments.enums import ProposerKind
from assessments.models import Candidate, CandidateEvent
from assessments.services import candidates as steps
from audit.models import AuditEntry
from tests.assessments.factories import CandidateFactory, ProgrammeYearFactory, give_passing_values

pytestmark = pytest.mark.django_db

LETTER = "B/393/DKM.01.02/80-84/01/2025"

STEPS = {
    "screen": (lambda c, by: steps.screen_candidate(candidate=c, by=by), {S.PROPOSED: S.SCREENED}),
    "observe": (
        lambda c, by: steps.observe_candidate(
            candidate=c, by=by, observed_on=date(2024, 12, 3), team="Tim 2"
        ),
        {S.SCREENED: S.OBSERVED},
    ),
    "designate": (
        lambda c, by: steps.designate_candidate(
            candidate=c, by=by, letter_number=LETTER, letter_date=date(2025, 1, 17)
        ),
        {S.OBSERVED: S.DESIGNATED},
    ),
    "assessed": (lambda c, by: steps.mark_assessed(candidate=c, by=by), {S.DESIGNATED: S.ASSESSED}),
    "announce": (
        lambda c, by: steps.announce_provisionally(candidate=c, by=by, announced_on=date(2025, 11, 7)),
        {S.ASSESSED: S.ANNOUNCED},
    ),
    "pilot": (
        lambda c, by: steps.record_final_result(candidate=c, by=by, pilot=True, result_on=date(2025, 12, 1)),
        {S.ANNOUNCED: S.PILOT},
    ),
    "not_pilot": (
        lambda c, by: steps.record_final_result(candidate=c, by=by, pilot=False, result_on=date(2025, 12, 1)),
        {S.ANNOUNCED: S.NOT_PILOT},
    ),
    "inaugurate": (
        lambda c, by: steps.inaugurate_candidate(candidate=c, by=by, inaugurated_on=date(2025, 12, 9)),
        {S.PILOT: S.INAUGURATED},
    ),
    "decline": (
        lambda c, by: steps.decline_candidate(candidate=c, by=by, reason="Tidak masuk daftar pendek."),
        {S.PROPOSED: S.DECLINED, S.SCREENED: S.DECLINED, S.OBSERVED: S.DECLINED},
    ),
    "revoke": (
        lambda c, by: steps.revoke_candidate(
            candidate=c, by=by, revoked_on=date(2026, 2, 1), reason="Wali kota ditetapkan sebagai tersangka."
        ),
        dict.fromkeys((S.DESIGNATED, S.ASSESSED, S.ANNOUNCED, S.PILOT, S.INAUGURATED), S.REVOKED),
    ),
}
CASES = [(name, status) for name in STEPS for status in S.values]


@pytest.mark.parametrize(("step", "start"), CASES)
def test_every_step_from_every_status(step, start, kota_blitar, staff):
    programme_year = ProgrammeYearFactory(year=2025)
    give_passing_values(kota_blitar, 2025)
    candidate = CandidateFactory(programme_year=programme_year, region=kota_blitar, status=start)
    function, allowed = STEPS[step]

    if start in allowed:
        function(candidate, staff)
        candidate.refresh_from_db()
        event = CandidateEvent.objects.get(candidate=candidate)
        assert (candidate.status, event.from_status, event.to_status, event.by) == (
            allowed[start],
            start,
            allowed[start],
            staff,
        )
        entry = AuditEntry.objects.get(object_id=str(candidate.pk), action=f"candidate.{allowed[start]}")
        assert (entry.actor, entry.before, entry.after["status"]) == (
            staff,
            {"status": start},
            allowed[start],
        )
    else:
        with pytest.raises(ValidationError) as error:
            function(candidate, staff)
        assert error.value.code == "wrong_status"
        candidate.refresh_from_db()
        assert candidate.status == start
        assert CandidateEvent.objects.filter(candidate=candidate).count() == 0
        assert AuditEntry.objects.count() == 0


def test_full_way_records_a_timeline_with_the_step_data(kota_blitar, staff):
    programme_year = ProgrammeYearFactory(year=2025)
    give_passing_values(kota_blitar, 2025)
    candidate = steps.propose_candidate(
        programme_year=programme_year,
        region=kota_blitar,
        proposer_kind=ProposerKind.PROVINCE,
        proposer="Pemerintah Provinsi Jawa Timur",
        letter_number="100/123/2024",
        letter_date=date(2024, 9, 2),
        by=staff,
    )
    steps.screen_candidate(candidate=candidate, by=staff)
    steps.observe_candidate(
        candidate=candidate, by=staff, observed_on=date(2024, 12, 3), team="Tim observasi 2", notes="Baik."
    )
    steps.designate_candidate(
        candidate=candidate, by=staff, letter_number=LETTER, letter_date=date(2025, 1, 17)
    )

    candidate.refresh_from_db()
    assert (candidate.status, candidate.screening_eligible, candidate.designation_letter_number) == (
        S.DESIGNATED,
        True,
        LETTER,
    )
    assert candidate.designation_override_reason == ""
    events = list(candidate.events.values_list("from_status", "to_status", "data"))
    assert events == [
        ("", S.PROPOSED, {"proposer": "Pemerintah Provinsi Jawa Timur", "letter_number": "100/123/2024", "letter_date": "2024-09-02"}),
        (S.PROPOSED, S.SCREENED, {"eligible": True, "problems": []}),
        (S.SCREENED, S.OBSERVED, {"observed_on": "2024-12-03", "team": "Tim observasi 2"}),
        (S.OBSERVED, S.DESIGNATED, {"letter_number": LETTER, "letter_date": "2025-01-17", "override": False, "problems": []}),
    ]  # fmt: skip


def test_proposing_the_same_region_twice_in_a_year_is_refused(kota_blitar, staff):
    programme_year = ProgrammeYearFactory(year=2025)
    CandidateFactory(programme_year=programme_year, region=kota_blitar)

    with pytest.raises(ValidationError) as error:
        steps.propose_candidate(
            programme_year=programme_year,
            region=kota_blitar,
            proposer_kind=ProposerKind.MINISTRY,
            proposer="Kementerian Dalam Negeri",
            by=staff,
        )
    assert error.value.code == "already_proposed"
    assert Candidate.objects.count() == 1


def test_screening_records_failing_and_missing_criteria(kota_blitar, staff):
    give_passing_values(kota_blitar, 2025, skip=("spbe",))
    candidate = CandidateFactory(programme_year=ProgrammeYearFactory(year=2025), region=kota_blitar)

    steps.screen_candidate(candidate=candidate, by=staff)

    candidate.refresh_from_db()
    assert candidate.screening_eligible is False
    assert candidate.events.get().data == {
        "eligible": False,
        "problems": [{"criterion": "spbe", "label": "Indeks SPBE", "outcome": "missing"}],
    }


def test_designating_a_region_that_lacks_a_criterion_needs_a_written_reason(kota_blitar, staff):
    give_passing_values(kota_blitar, 2025, skip=("spbe",))
    candidate = CandidateFactory(
        programme_year=ProgrammeYearFactory(year=2025), region=kota_blitar, status=S.OBSERVED
    )

    with pytest.raises(ValidationError) as error:
        steps.designate_candidate(
            candidate=candidate,
            by=staff,
            letter_number=LETTER,
            letter_date=date(2025, 1, 17),
            override_reason="  ",
        )
    assert error.value.code == "criteria_not_met"
    assert "Indeks SPBE" in error.value.message
    candidate.refresh_from_db()
    assert candidate.status == S.OBSERVED

    steps.designate_candidate(
        candidate=candidate,
        by=staff,
        letter_number=LETTER,
        letter_date=date(2025, 1, 17),
        override_reason="Indeks SPBE 2024 belum diumumkan Kementerian PAN-RB.",
    )
    candidate.refresh_from_db()
    assert (candidate.status, candidate.designation_override_reason, candidate.designated_by_override) == (
        S.DESIGNATED,
        "Indeks SPBE 2024 belum diumumkan Kementerian PAN-RB.",
        True,
    )
    event = candidate.events.get()
    assert (event.reason, event.data["override"], event.data["problems"][0]["criterion"]) == (
        "Indeks SPBE 2024 belum diumumkan Kementerian PAN-RB.",
        True,
        "spbe",
    )


def test_designating_a_failing_region_needs_a_reason(kota_blitar, staff):
    give_passing_values(kota_blitar, 2025)
    from regions.services.criteria import record_value

    record_value(region=kota_blitar, criterion="mcp", data_year=2024, score=70)
    candidate = CandidateFactory(
        programme_year=ProgrammeYearFactory(year=2025), region=kota_blitar, status=S.OBSERVED
    )

    with pytest.raises(ValidationError) as error:
        steps.designate_candidate(
            candidate=candidate, by=staff, letter_number=LETTER, letter_date=date(2025, 1, 17)
        )
    assert error.value.code == "criteria_not_met"


def test_an_override_reason_is_not_kept_for_an_eligible_region(kota_blitar, staff):
    give_passing_values(kota_blitar, 2025)
    candidate = CandidateFactory(
        programme_year=ProgrammeYearFactory(year=2025), region=kota_blitar, status=S.OBSERVED
    )

    steps.designate_candidate(
        candidate=candidate,
        by=staff,
        letter_number=LETTER,
        letter_date=date(2025, 1, 17),
        override_reason="x",
    )
    candidate.refresh_from_db()
    assert candidate.designation_override_reason == ""


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda c, by: steps.designate_candidate(candidate=c, by=by, letter_number="", letter_date=date(2025, 1, 17)), "letter_number_required"),
        (lambda c, by: steps.decline_candidate(candidate=c, by=by, reason=" "), "reason_required"),
        (lambda c, by: steps.observe_candidate(candidate=c, by=by, observed_on=date(2024, 12, 3), team=""), "wrong_status"),
    ],
)  # fmt: skip
def test_a_step_without_its_required_data_is_refused(call, code, kota_blitar, staff):
    give_passing_values(kota_blitar, 2025)
    candidate = CandidateFactory(
        programme_year=ProgrammeYearFactory(year=2025), region=kota_blitar, status=S.OBSERVED
    )
    with pytest.raises(ValidationError) as error:
        call(candidate, staff)
    assert error.value.code == code


def test_revocation_needs_a_reason_and_keeps_it(kota_blitar, staff):
    candidate = CandidateFactory(region=kota_blitar, status=S.PILOT)
    with pytest.raises(ValidationError) as error:
        steps.revoke_candidate(candidate=candidate, by=staff, revoked_on=date(2026, 2, 1), reason="")
    assert error.value.code == "reason_required"

    steps.revoke_candidate(
        candidate=candidate, by=staff, revoked_on=date(2026, 2, 1), reason="OTT wali kota."
    )
    candidate.refresh_from_db()
    assert (candidate.status, candidate.revoked_on, candidate.revocation_reason) == (
        S.REVOKED,
        date(2026, 2, 1),
        "OTT wali kota.",
    )
