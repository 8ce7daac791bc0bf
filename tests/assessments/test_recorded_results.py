"""Results decided outside the system (a paper plenary before the system existed, or a published figure):
the service, the candidate page's form, the admin, and what the public page and the year summary show."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from assessments.enums import CandidateStatus, PlenaryStatus
from assessments.models import Plenary, RecordedResult
from assessments.services.candidates import record_outside_result
from audit.models import AuditEntry
from tests.assessments.factories import AssessmentFactory, CandidateFactory, PredicateBandFactory

pytestmark = pytest.mark.django_db

S = CandidateStatus


@pytest.fixture
def pilot(kota_mataram):
    """Kota Mataram, a 2025 pilot without a plenary in the system; the year has the band Istimewa 90-100."""
    candidate = CandidateFactory(programme_year__year=2025, region=kota_mataram, status=S.PILOT)
    PredicateBandFactory(programme_year=candidate.programme_year)
    PredicateBandFactory(
        programme_year=candidate.programme_year,
        name="Baik",
        min_score=Decimal("75"),
        max_score=Decimal("89.99"),
    )
    return candidate


def record(candidate, by, **kwargs):
    values = {
        "total": Decimal("91.85"),
        "source": "B/100/DKM.01.02/12/2025",
        "decided_on": date(2025, 12, 1),
    }
    return record_outside_result(candidate=candidate, by=by, **{**values, **kwargs})


# The service


def test_recording_a_result_takes_the_predicate_from_the_bands_and_writes_audit_and_timeline(pilot, staff):
    result = record(pilot, staff, notes="Hasil rapat pleno manual.")

    result.refresh_from_db()
    assert (result.total, result.predicate, result.source, result.decided_on, result.recorded_by) == (
        Decimal("91.85"),
        "Istimewa",
        "B/100/DKM.01.02/12/2025",
        date(2025, 12, 1),
        staff,
    )
    pilot.refresh_from_db()
    assert pilot.status == S.PILOT  # the status does not change
    event = pilot.events.get()
    assert (event.from_status, event.to_status, event.by, event.reason) == (
        S.PILOT,
        S.PILOT,
        staff,
        "Hasil rapat pleno manual.",
    )
    assert event.data == {
        "recorded_result": True,
        "total": "91.85",
        "predicate": "Istimewa",
        "source": "B/100/DKM.01.02/12/2025",
        "decided_on": "2025-12-01",
    }
    entry = AuditEntry.objects.get(action="candidate.recorded_result")
    assert (entry.actor, entry.object_id, entry.before, entry.after) == (
        staff,
        str(pilot.pk),
        {},
        {
            "total": "91.85",
            "predicate": "Istimewa",
            "source": "B/100/DKM.01.02/12/2025",
            "decided_on": "2025-12-01",
        },
    )


def test_a_typed_predicate_wins_and_a_lower_total_falls_in_its_band(pilot, staff):
    assert record(pilot, staff, predicate="Sangat baik").predicate == "Sangat baik"
    assert record(pilot, staff, total=Decimal("80")).predicate == "Baik"
    assert record(pilot, staff, total=Decimal("50")).predicate == ""  # no band holds it


def test_a_result_without_a_published_score(pilot, staff):
    result = record(pilot, staff, total=None)

    assert (result.total, result.predicate) == (None, "")
    assert pilot.events.get().data["total"] is None


def test_correcting_a_result_keeps_one_row_and_audits_before_and_after(pilot, staff):
    record(pilot, staff, total=Decimal("91.80"))
    record(pilot, staff, total=Decimal("91.85"))

    assert RecordedResult.objects.get().total == Decimal("91.85")
    entry = AuditEntry.objects.filter(action="candidate.recorded_result").order_by("pk").last()
    assert (entry.before["total"], entry.after["total"]) == ("91.80", "91.85")
    assert pilot.events.count() == 2


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"source": "  "}, "source_required"),
        ({"decided_on": None}, "date_required"),
        ({"total": Decimal("100.01")}, "total_range"),
        ({"total": Decimal("-1")}, "total_range"),
        ({"total": Decimal("91.855")}, "total_range"),
    ],
)
def test_incomplete_or_impossible_results_are_refused(pilot, staff, changes, code):
    with pytest.raises(ValidationError) as error:
        record(pilot, staff, **changes)

    assert error.value.code == code
    assert RecordedResult.objects.count() == 0
    assert pilot.events.count() == 0


@pytest.mark.parametrize("status", [S.PROPOSED, S.SCREENED, S.OBSERVED, S.DESIGNATED, S.DECLINED])
def test_a_candidate_not_yet_assessed_is_refused(kota_mataram, staff, status):
    candidate = CandidateFactory(programme_year__year=2025, region=kota_mataram, status=status)

    with pytest.raises(ValidationError) as error:
        record(candidate, staff)

    assert error.value.code == "wrong_status"
    assert AuditEntry.objects.count() == 0


@pytest.mark.parametrize("status", [S.ASSESSED, S.ANNOUNCED, S.NOT_PILOT, S.INAUGURATED, S.REVOKED])
def test_every_assessed_status_is_allowed(kota_mataram, staff, status):
    candidate = CandidateFactory(programme_year__year=2025, region=kota_mataram, status=status)

    assert record(candidate, staff, total=None).candidate == candidate


def test_a_candidate_with_a_finalised_plenary_is_refused(pilot, staff):
    assessment = AssessmentFactory(candidate=pilot)
    plenary = Plenary.objects.create(assessment=assessment)
    record(pilot, staff)  # an open plenary (e.g. a page visit) does not speak yet
    plenary.status, plenary.finalised_at = PlenaryStatus.FINALISED, timezone.now()
    plenary.save()

    with pytest.raises(ValidationError) as error:
        record(pilot, staff, total=Decimal("95"))

    assert error.value.code == "plenary_result"
    assert RecordedResult.objects.get().total == Decimal("91.85")


@pytest.mark.parametrize("persona", ["assessor", "inspector"])
def test_only_staff_record_results(pilot, request, persona):
    with pytest.raises(PermissionDenied):
        record(pilot, request.getfixturevalue(persona))

    assert RecordedResult.objects.count() == 0


# The candidate page


def step_url(candidate) -> str:
    return reverse("assessments:candidate_step", kwargs={"pk": candidate.pk, "step": "hasil-luar-sistem"})


def test_staff_record_a_result_on_the_candidate_page_with_a_decimal_comma(client, pilot, staff):
    client.force_login(staff)
    assert "hasil-luar-sistem" in client.get(pilot.get_absolute_url()).content.decode()

    response = client.post(
        step_url(pilot),
        {"total": "91,85", "predicate": "", "source": "B/100/DKM.01.02/12/2025", "decided_on": "2025-12-01"},
    )

    assert response.status_code == 302
    assert RecordedResult.objects.get(candidate=pilot).total == Decimal("91.85")
    page = client.get(pilot.get_absolute_url()).content.decode()
    assert "91,85 Istimewa · B/100/DKM.01.02/12/2025, 1 Desember 2025" in page
    assert "Hasil di luar sistem dicatat" in page
    form = client.get(step_url(pilot)).context["form"]
    assert form.initial == {
        "total": Decimal("91.85"),
        "predicate": "Istimewa",
        "source": "B/100/DKM.01.02/12/2025",
        "decided_on": date(2025, 12, 1),
    }


def test_the_page_shows_a_refusal_on_the_form(client, pilot, staff):
    assessment = AssessmentFactory(candidate=pilot)
    Plenary.objects.create(assessment=assessment, status=PlenaryStatus.FINALISED, finalised_at=timezone.now())
    client.force_login(staff)

    assert "hasil-luar-sistem" not in client.get(pilot.get_absolute_url()).content.decode()
    response = client.post(step_url(pilot), {"total": "91,85", "source": "B/1", "decided_on": "2025-12-01"})

    assert response.status_code == 200
    assert "hasilnya berasal dari rapat pleno itu" in response.content.decode()
    assert RecordedResult.objects.count() == 0


@pytest.mark.parametrize("persona", ["assessor", "inspector", "other_inspector"])
def test_other_roles_get_404_on_the_form(client, pilot, request, persona):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(step_url(pilot)).status_code == 404
    response = client.post(step_url(pilot), {"total": "91,85", "source": "B/1", "decided_on": "2025-12-01"})
    assert response.status_code == 404
    assert RecordedResult.objects.count() == 0


def test_anonymous_visitors_are_sent_to_log_in(client, pilot):
    response = client.get(step_url(pilot))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# The admin


def test_the_admin_records_through_the_service_and_refuses_a_finalised_plenary(client, pilot, staff):
    client.force_login(staff)
    url = reverse("admin:assessments_recordedresult_add")

    response = client.post(
        url,
        {
            "candidate": pilot.pk,
            "total": "94.75",
            "predicate": "",
            "source": "B/2",
            "decided_on": "2025-12-01",
        },
    )

    assert response.status_code == 302
    result = RecordedResult.objects.get()
    assert (result.total, result.predicate, result.recorded_by) == (Decimal("94.75"), "Istimewa", staff)
    assert pilot.events.get().data["source"] == "B/2"

    other = CandidateFactory(programme_year=pilot.programme_year, status=S.PILOT)
    assessment = AssessmentFactory(candidate=other)
    Plenary.objects.create(assessment=assessment, status=PlenaryStatus.FINALISED, finalised_at=timezone.now())
    response = client.post(
        url,
        {
            "candidate": other.pk,
            "total": "94.75",
            "predicate": "",
            "source": "B/3",
            "decided_on": "2025-12-01",
        },
    )
    assert response.status_code == 200
    assert "hasilnya berasal dari rapat pleno itu" in response.content.decode()
    assert RecordedResult.objects.count() == 1
