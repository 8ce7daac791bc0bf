"""The plenary page and its POSTs for each persona; the services' refusals."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import User
from assessments.enums import PlenaryStatus
from assessments.models import Indicator, Plenary
from assessments.services.plenary import finalize_plenary, record_plenary_score, reopen_plenary
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_blitar(demo_open_plenary, db):
    """Kota Blitar's open plenary in the module's demo (every score and the attendance recorded)."""
    return Plenary.objects.get(assessment__candidate__region__code="35.72")


def user(username):
    return User.objects.get(username=username)


def test_personas_on_the_plenary_page(open_blitar, client):
    url = reverse("assessments:plenary", kwargs={"pk": open_blitar.assessment_id})

    assert client.get(url).status_code == 302
    for username, status in [
        ("permas", 200),
        ("penilai.kpk", 200),  # the chair
        ("penilai.bpkp", 200),  # a member
        ("inspektur.blitar", 404),
        ("inspektur.mataram", 404),
    ]:
        client.force_login(user(username))
        assert client.get(url).status_code == status, username
    client.force_login(UserFactory(username="penilai.lain"))
    assert client.get(url).status_code == 404


def test_the_page_sorts_by_disagreement_and_shows_the_live_total(open_blitar, client):
    client.force_login(user("penilai.kpk"))

    response = client.get(reverse("assessments:plenary", kwargs={"pk": open_blitar.assessment_id}))

    rows = response.context["rows"]
    spreads = [row.spread for row in rows if row.feed is None]
    assert spreads == sorted(spreads, reverse=True)
    assert rows[-1].indicator.code == "1"  # fed by the MCSP value, last
    assert response.context["result"].total == Decimal("92.15")
    assert '<span class="fs-4 fw-semibold" data-testid="total">92,15</span>' in response.content.decode()


def test_a_member_may_not_post_scores_or_finalise(open_blitar, client):
    client.force_login(user("penilai.bpkp"))
    indicator = Indicator.objects.get(framework=open_blitar.assessment.framework, code="2")

    response = client.post(
        reverse("assessments:plenary_score", kwargs={"pk": open_blitar.assessment_id}),
        {f"nilai_{indicator.pk}": "100"},
    )
    assert response.status_code == 403
    response = client.post(reverse("assessments:plenary_finalize", kwargs={"pk": open_blitar.assessment_id}))
    assert response.status_code == 403
    assert Plenary.objects.get(pk=open_blitar.pk).status == PlenaryStatus.OPEN


def test_the_chair_finalises_and_staff_reopen_with_a_reason(open_blitar, client):
    client.force_login(user("penilai.kpk"))
    response = client.post(reverse("assessments:plenary_finalize", kwargs={"pk": open_blitar.assessment_id}))
    assert response.status_code == 302
    plenary = Plenary.objects.get(pk=open_blitar.pk)
    assert (plenary.status, plenary.total, plenary.predicate) == (
        PlenaryStatus.FINALISED,
        Decimal("92.15"),
        "Istimewa",
    )
    assert plenary.frozen_inputs[0]["feed"]["status"] == "sementara"
    assert plenary.frozen_inputs[0]["feed"]["value"] == "85.15"

    # Scores are locked: the chair can no longer post.
    indicator = Indicator.objects.get(framework=plenary.assessment.framework, code="2")
    response = client.post(
        reverse("assessments:plenary_score", kwargs={"pk": plenary.assessment_id}),
        {f"nilai_{indicator.pk}": "100"},
    )
    assert response.status_code == 403

    with pytest.raises(ValidationError) as refused:
        reopen_plenary(plenary=plenary, by=user("permas"), reason="  ")
    assert refused.value.code == "reason_required"
    client.force_login(user("permas"))
    client.post(
        reverse("assessments:plenary_reopen", kwargs={"pk": plenary.assessment_id}),
        {"reason": "Salah ketik nilai indikator 9."},
    )
    assert Plenary.objects.get(pk=plenary.pk).status == PlenaryStatus.OPEN


def test_a_departing_score_needs_a_reason(open_blitar):
    indicator = Indicator.objects.get(framework=open_blitar.assessment.framework, code="2")

    with pytest.raises(ValidationError) as refused:
        record_plenary_score(
            plenary=open_blitar, indicator=indicator, value=Decimal("100"), by=user("penilai.kpk")
        )
    assert refused.value.code == "reason_required"
    score = record_plenary_score(
        plenary=open_blitar, indicator=indicator, value=Decimal("78"), by=user("penilai.kpk")
    )  # within 10 of the mean
    assert score.value == Decimal("78")


def test_finalising_needs_every_score(open_blitar):
    open_blitar.scores.filter(indicator__code="19").delete()

    with pytest.raises(ValidationError) as refused:
        finalize_plenary(plenary=open_blitar, by=user("permas"))
    assert refused.value.code == "incomplete"


def test_the_chair_types_a_score_with_a_decimal_comma_and_sees_it_back(open_blitar, client):
    client.force_login(user("penilai.kpk"))
    indicator = Indicator.objects.get(framework=open_blitar.assessment.framework, code="9")
    url = reverse("assessments:plenary", kwargs={"pk": open_blitar.assessment_id})

    client.post(
        reverse("assessments:plenary_score", kwargs={"pk": open_blitar.assessment_id}),
        {f"nilai_{indicator.pk}": "84,5", f"alasan_{indicator.pk}": "Disepakati tim."},
    )

    assert open_blitar.scores.get(indicator=indicator).value == Decimal("84.5")
    assert 'aria-label="Nilai pleno 9" value="84,50"' in client.get(url).content.decode()
