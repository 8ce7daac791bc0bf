"""The demo programme years 2024-2026: frameworks, cohorts walked through the candidate services (with the
results decided outside the system recorded for the 2024 cohort and the other 2025 pilots), and Satgas 1
with Kota Blitar's assessment. Every step runs at its real date (``assessments.demo.clock``). Running it
again changes nothing that already exists."""

from datetime import date
from decimal import Decimal

from accounts.models import User
from assessments.demo.clock import at, moment
from assessments.demo.data import (
    ASSESSMENTS_2025,
    COHORTS,
    DESIGNATION_LETTERS,
    JATIM_SEATING_REASON,
    OUTSIDE_RESULT_SOURCE,
    OUTSIDE_RESULTS,
    PROGRAMME_YEAR_DATES,
    PROGRAMME_YEARS,
    SATGAS_1_2025,
    STEP_DATES,
    YEAR_STATUS_CHANGES,
)
from assessments.enums import CandidateStatus, FrameworkStatus, ProposerKind
from assessments.models import Assessment, Candidate, Framework, ProgrammeYear, RecordedResult, Team
from assessments.services import candidates as steps
from assessments.services.framework import copy_framework, create_default_framework, publish_framework
from assessments.services.programme import create_programme_year, update_programme_year
from assessments.services.teams import add_team_member, create_team, schedule_assessment

S = CandidateStatus
ORDER = [S.PROPOSED, S.SCREENED, S.OBSERVED, S.DESIGNATED, S.ASSESSED, S.ANNOUNCED, S.PILOT, S.INAUGURATED]
DEMO_OVERRIDE = (
    "Data demo: penetapan dicatat meskipun nilai kriteria demo daerah ini tidak lengkap atau tidak memenuhi."
)


def _date(value: str) -> date:
    return date.fromisoformat(value)


def _walk(candidate: Candidate, target: str, by) -> None:
    """Take a candidate through the services, step by step, up to ``target``."""
    year = candidate.programme_year.year
    letter_number, letter_date = DESIGNATION_LETTERS[year]
    calls = {
        S.SCREENED: lambda: steps.screen_candidate(candidate=candidate, by=by),
        S.OBSERVED: lambda: steps.observe_candidate(
            candidate=candidate,
            by=by,
            observed_on=_date(STEP_DATES[year][S.OBSERVED]),
            team="Tim observasi Dit Permas",
        ),
        S.DESIGNATED: lambda: steps.designate_candidate(
            candidate=candidate,
            by=by,
            letter_number=letter_number,
            letter_date=_date(letter_date),
            override_reason=DEMO_OVERRIDE,
        ),
        S.ASSESSED: lambda: steps.mark_assessed(candidate=candidate, by=by),
        S.ANNOUNCED: lambda: steps.announce_provisionally(
            candidate=candidate, by=by, announced_on=date(year, 11, 7)
        ),
        S.PILOT: lambda: steps.record_final_result(
            candidate=candidate, by=by, pilot=True, result_on=date(year, 12, 1)
        ),
        S.INAUGURATED: lambda: steps.inaugurate_candidate(
            candidate=candidate, by=by, inaugurated_on=date(year, 12, 9)
        ),
    }
    assessed_here = {code for code, *_rest in ASSESSMENTS_2025}
    current = ORDER.index(Candidate.objects.get(pk=candidate.pk).status)
    for status in ORDER[current + 1 : ORDER.index(target) + 1]:
        if (
            status == S.ASSESSED
            and not Assessment.objects.filter(candidate=candidate).exists()
            and year == 2025
            and candidate.region.code in assessed_here
        ):
            return  # waits for its assessment (scheduled below)
        if status == S.PILOT:
            _record_outside_result(candidate, by)  # the result comes before the pilot status
        with at(STEP_DATES[year][status]):
            calls[status]()
    _record_outside_result(candidate, by)  # a candidate walked before results were recorded


def _record_outside_result(candidate: Candidate, by) -> None:
    """The result decided outside the system, when the demo has one for the candidate and none is recorded."""
    year, code = candidate.programme_year.year, candidate.region.code
    for result_year, result_code, total, decided_on in OUTSIDE_RESULTS:
        if (result_year, result_code) != (year, code) or RecordedResult.objects.filter(
            candidate=candidate
        ).exists():
            continue
        # An hour before the day's steps: the result is decided before the pilot status that rests on it.
        with at(moment(decided_on, hour=8)):
            steps.record_outside_result(
                candidate=candidate,
                by=by,
                total=None if total is None else Decimal(total),
                source=OUTSIDE_RESULT_SOURCE.format(year=year),
                decided_on=_date(decided_on),
            )


def load_programme(*, regions: dict, by: User) -> None:
    years = {}
    for year, status, dates in PROGRAMME_YEARS:
        with at(PROGRAMME_YEAR_DATES[year]):
            programme_year = ProgrammeYear.objects.filter(year=year).first() or create_programme_year(
                year=year, by=by, status=status, **{name: _date(value) for name, value in dates.items()}
            )
            years[year] = programme_year
            if not Framework.objects.filter(programme_year=programme_year).exists():
                previous = Framework.objects.filter(programme_year__year=year - 1).first()
                framework = (
                    copy_framework(source=previous, programme_year=programme_year, by=by)
                    if previous
                    else create_default_framework(programme_year=programme_year, by=by)
                )
                if framework.status == FrameworkStatus.DRAFT:
                    publish_framework(framework=framework, by=by)

    for year, code, target in COHORTS:
        region = regions[code]
        candidate = Candidate.objects.filter(programme_year=years[year], region=region).first()
        if candidate is None:
            with at(STEP_DATES[year][S.PROPOSED]):
                candidate = steps.propose_candidate(
                    programme_year=years[year],
                    region=region,
                    proposer_kind=ProposerKind.PROVINCE,
                    proposer=f"Pemerintah Provinsi {region.province.name}",
                    by=by,
                )
        _walk(candidate, target, by)

    team = Team.objects.filter(programme_year=years[2025], name="Satgas 1").first()
    if team is None:
        with at("2025-09-15"):
            team = create_team(programme_year=years[2025], name="Satgas 1", by=by)
            for username, role in SATGAS_1_2025:
                add_team_member(
                    team=team,
                    user=User.objects.get(username=username),
                    role=role,
                    by=by,
                    conflict_reason=JATIM_SEATING_REASON if username == "penilai.jatim" else "",
                )
    for code, _team_name, starts_on, ends_on, place in ASSESSMENTS_2025:
        candidate = Candidate.objects.get(programme_year=years[2025], region=regions[code])
        if not Assessment.objects.filter(candidate=candidate).exists():
            with at("2025-09-22"):
                schedule_assessment(
                    candidate=candidate,
                    team=team,
                    starts_on=_date(starts_on),
                    ends_on=_date(ends_on),
                    place=place,
                    by=by,
                )
        _walk(candidate, {c: t for y, c, t in COHORTS if y == 2025}[code], by)


def advance_programme_years(by: User) -> None:
    """2025 closed after its inauguration; 2026 running since its candidates were designated."""
    for year, status, on in YEAR_STATUS_CHANGES:
        programme_year = ProgrammeYear.objects.get(year=year)
        if programme_year.status != status:
            with at(on):
                update_programme_year(programme_year, by=by, status=status)
