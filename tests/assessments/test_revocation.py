"""Revocation: an open case against the head or an agency head of a pilot flags it on the staff home page and
the candidate page; staff revoke it through the candidate step; the public page and the year summary PDF say
so with the date."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from assessments.enums import CandidateStatus
from assessments.models import Candidate
from regions.enums import CasePosition, CaseStage
from reports import contexts
from reports.services.issuing import issue_pdf
from tests.regions.factories import LegalCaseFactory
from tests.reports.pdf import pdf_text, stored_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def blitar(demo, db):
    """Kota Blitar 2025 from the demo: a pilot after the final announcement."""
    return Candidate.objects.select_related("region", "programme_year").get(
        region__code="35.72", programme_year__year=2025
    )


@pytest.fixture
def staff_client(client):
    client.force_login(User.objects.get(username="permas"))
    return client


def flags_on_home(client) -> dict:
    """Candidate -> open case lines, from the staff home page (the demo's Kota Bontang 2026 already has one)."""
    return {
        flag.candidate: flag.cases for flag in client.get(reverse("staff_home")).context["revocation_flags"]
    }


@pytest.mark.parametrize("position", [CasePosition.KEPALA_DAERAH, CasePosition.KEPALA_OPD])
def test_an_open_case_of_the_head_or_an_agency_head_flags_the_pilot(blitar, staff_client, position):
    assert blitar.status == CandidateStatus.PILOT
    assert blitar not in flags_on_home(staff_client)
    LegalCaseFactory(
        region=blitar.region,
        person_name="Budi Santoso",
        position=position,
        stage=CaseStage.PENYIDIKAN,
        started_on=dt.date(2026, 2, 3),
    )

    response = staff_client.get(reverse("staff_home"))

    flags = {flag.candidate: flag.cases for flag in response.context["revocation_flags"]}
    label = CasePosition(position).label
    assert flags[blitar] == [
        f"Kasus terbuka: Budi Santoso ({label}), tahap penyidikan oleh KPK sejak 3 Februari 2026."
    ]
    html = response.content.decode()
    revoke_url = reverse("assessments:candidate_step", kwargs={"pk": blitar.pk, "step": "cabut"})
    assert f'<a class="btn btn-danger btn-sm" href="{revoke_url}">Cabut status</a>' in html

    page = staff_client.get(blitar.get_absolute_url())
    assert [case.person_name for case in page.context["open_cases"]] == ["Budi Santoso"]
    page_html = page.content.decode()
    assert 'data-testid="open-case-warning"' in page_html
    assert "Kasus terbuka: status harus dicabut" in page_html
    assert f'<a class="btn btn-danger" href="{revoke_url}">Cabut status</a>' in page_html


@pytest.mark.parametrize(
    "case",
    [
        {"position": CasePosition.KEPALA_DAERAH, "stage": CaseStage.SELESAI, "ended_on": dt.date(2026, 3, 1)},
        {"position": CasePosition.LAINNYA, "stage": CaseStage.PENYIDIKAN},
    ],
    ids=["closed", "lainnya"],
)
def test_a_closed_case_or_a_case_of_someone_else_does_not_flag(blitar, staff_client, case):
    LegalCaseFactory(region=blitar.region, started_on=dt.date(2026, 2, 3), **case)

    assert blitar not in flags_on_home(staff_client)
    page = staff_client.get(blitar.get_absolute_url())
    assert page.context["open_cases"] == []
    assert 'data-testid="open-case-warning"' not in page.content.decode()


def test_a_revoked_pilot_is_no_longer_flagged(blitar, staff_client):
    LegalCaseFactory(
        region=blitar.region, position=CasePosition.KEPALA_DAERAH, started_on=dt.date(2026, 2, 3)
    )
    staff = User.objects.get(username="permas")
    from assessments.services.candidates import revoke_candidate

    revoke_candidate(candidate=blitar, by=staff, revoked_on=dt.date(2026, 2, 5), reason="Kasus wali kota.")

    assert blitar not in flags_on_home(staff_client)
    assert staff_client.get(blitar.get_absolute_url()).context["open_cases"] == []


def test_revoking_through_the_page_records_reason_and_date_and_the_public_sees_it(blitar, staff_client):
    LegalCaseFactory(
        region=blitar.region,
        person_name="Budi Santoso",
        position=CasePosition.KEPALA_DAERAH,
        stage=CaseStage.PENYIDIKAN,
        started_on=dt.date(2026, 2, 3),
    )
    url = reverse("assessments:candidate_step", kwargs={"pk": blitar.pk, "step": "cabut"})

    form = staff_client.get(url).context["form"]
    assert form.initial == {
        "revoked_on": timezone.localdate(),
        "reason": "Kasus terbuka: Budi Santoso (Kepala daerah), tahap penyidikan oleh KPK.",
    }
    response = staff_client.post(
        url, {"revoked_on": "2026-02-05", "reason": "Wali kota ditetapkan sebagai tersangka oleh KPK."}
    )

    assert response.status_code == 302
    blitar.refresh_from_db()
    assert blitar.status == CandidateStatus.REVOKED
    assert blitar.revoked_on == dt.date(2026, 2, 5)
    assert blitar.revocation_reason == "Wali kota ditetapkan sebagai tersangka oleh KPK."
    event = blitar.events.order_by("-pk").first()
    assert (event.to_status, event.reason) == (
        CandidateStatus.REVOKED,
        "Wali kota ditetapkan sebagai tersangka oleh KPK.",
    )

    public = staff_client.get(reverse("public:programme")).content.decode()
    assert "Status percontohan dicabut pada 5 Februari 2026" in public

    document = issue_pdf(contexts.year_summary_report(blitar.programme_year), base_url="http://testserver")
    text = pdf_text(stored_pdf(document))
    assert "1 Kota Blitar Jawa Timur 92,15 Istimewa Dicabut" in text
    assert "5 Februari 2026" in text
