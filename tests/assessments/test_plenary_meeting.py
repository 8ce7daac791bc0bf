"""The plenary page as a meeting (issue 11): the agreed scores prefilled with the year's median or mean and
saved in one form (all or nothing, each error beside its indicator), the disagreement filter, the meeting
view one indicator at a time, and finalising through a confirmation page that closes the open stages."""

import pytest
from django.urls import reverse

from accounts.models import User
from assessments.demo import loader
from assessments.demo import plenary as demo
from assessments.enums import PlenaryPrefill, PlenaryStatus, Stage, StageStatus
from assessments.models import Assessment, AssessmentStage, Plenary, PlenaryScore
from assessments.services.programme import update_programme_year
from assessments.services.scoring import open_stage
from tests.assessments.test_plenary_views import open_blitar  # noqa: F401 (fixture)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored_blitar(monkeypatch):
    """The demo up to Kota Blitar's submitted stage scores: no plenary recorded yet."""

    def scores_only(people):
        demo.prepare_assessment({person.username: person for person in people})

    monkeypatch.setattr(loader, "load_blitar_2025", scores_only)
    loader.load_demo()
    return Assessment.objects.get(candidate__region__code="35.72", candidate__programme_year__year=2025)


def user(username):
    return User.objects.get(username=username)


def page(client, assessment, query=""):
    return client.get(reverse("assessments:plenary", kwargs={"pk": assessment.pk}) + query)


def test_reading_the_page_creates_no_plenary_and_prefills_the_median(client, scored_blitar):
    client.force_login(user("penilai.kpk"))

    response = page(client, scored_blitar)

    assert Plenary.objects.filter(assessment=scored_blitar).exists() is False
    form = response.context["scores_form"]
    rows = {row.indicator.code: row for row in response.context["rows"] if row.feed is None}
    assert len(rows) == 18
    assert {code: form.value_field(row).initial for code, row in rows.items()} == {
        code: row.median for code, row in rows.items()
    }
    assert rows["2"].median is not None


def test_the_programme_year_may_prefill_the_mean(client, scored_blitar):
    programme_year = scored_blitar.candidate.programme_year
    update_programme_year(programme_year, by=user("permas"), plenary_prefill=PlenaryPrefill.MEAN)
    client.force_login(user("penilai.kpk"))

    response = page(client, scored_blitar)

    form = response.context["scores_form"]
    assert [form.value_field(row).initial for row in form.rows] == [row.mean for row in form.rows]


def test_one_form_saves_every_agreed_score(client, scored_blitar):
    client.force_login(user("penilai.kpk"))
    rows = [row for row in page(client, scored_blitar).context["rows"] if row.feed is None]
    data = {f"nilai_{row.indicator.pk}": str(row.median).replace(".", ",") for row in rows}

    response = client.post(reverse("assessments:plenary_score", kwargs={"pk": scored_blitar.pk}), data)

    assert response.status_code == 302
    plenary = Plenary.objects.get(assessment=scored_blitar)
    assert {score.indicator.code: score.value for score in plenary.scores.select_related("indicator")} == {
        row.indicator.code: row.median for row in rows
    }


def test_a_refused_score_saves_nothing_and_shows_each_error_beside_its_indicator(client, scored_blitar):
    client.force_login(user("penilai.kpk"))
    rows = {
        row.indicator.code: row for row in page(client, scored_blitar).context["rows"] if row.feed is None
    }
    data = {f"nilai_{row.indicator.pk}": str(row.median) for row in rows.values()}
    data[f"nilai_{rows['2'].indicator.pk}"] = "150"  # beyond the scale
    data[f"nilai_{rows['3'].indicator.pk}"] = "0"  # far from the mean, no reason
    data[f"alasan_{rows['4'].indicator.pk}"] = "Disepakati setelah diskusi."

    response = client.post(reverse("assessments:plenary_score", kwargs={"pk": scored_blitar.pk}), data)

    html = response.content.decode()
    assert response.status_code == 400
    assert PlenaryScore.objects.count() == 0
    assert 'data-testid="error-2"' in html
    assert 'data-testid="error-3"' in html
    assert "tuliskan alasannya" in html
    assert 'data-testid="error-4"' not in html
    assert 'aria-label="Nilai pleno 2" value="150"' in html  # what was typed stays
    assert 'value="Disepakati setelah diskusi."' in html


def test_the_filter_keeps_the_indicators_above_the_threshold(client, scored_blitar):
    client.force_login(user("penilai.kpk"))
    threshold = scored_blitar.candidate.programme_year.plenary_reason_threshold

    every = page(client, scored_blitar).context["rows"]
    departing = page(client, scored_blitar, "?selisih=1").context["rows"]

    expected = [row.indicator.code for row in every if row.spread is not None and row.spread > threshold]
    assert [row.indicator.code for row in departing] == expected
    assert 0 < len(expected) < 18


def test_the_meeting_view_walks_the_indicators_in_disagreement_order(client, open_blitar):  # noqa: F811
    url = reverse("assessments:plenary_meeting_view", kwargs={"pk": open_blitar.assessment_id})
    client.force_login(user("penilai.kpk"))
    order = [
        row.indicator.code for row in page(client, open_blitar.assessment).context["rows"] if row.feed is None
    ]

    first = client.get(url)
    last = client.get(url + f"?indikator={order[-1]}")

    assert first.context["row"].indicator.code == order[0]
    assert (first.context["previous"], first.context["next"]) == (None, order[1])
    assert 'rel="next" data-meeting-nav href="?indikator=' + order[1] + '"' in first.content.decode()
    assert '<script src="/static/js/plenary-meeting.js"></script>' in first.content.decode()
    assert (last.context["previous"], last.context["next"]) == (order[-2], None)
    assert client.get(url + "?indikator=99").status_code == 404
    client.force_login(UserFactory(username="penilai.lain"))
    assert client.get(url).status_code == 404
    client.force_login(user("inspektur.blitar"))
    assert client.get(url).status_code == 404


def test_finalising_confirms_what_is_frozen_and_closes_every_open_stage(client, open_blitar):  # noqa: F811
    assessment = open_blitar.assessment
    for stage in (Stage.DOCUMENTS, Stage.QA):
        open_stage(assessment, stage=stage, by=user("permas"))
    url = reverse("assessments:plenary_finalize", kwargs={"pk": assessment.pk})
    client.force_login(user("penilai.kpk"))

    confirmation = client.get(url)

    html = confirmation.content.decode()
    assert confirmation.status_code == 200
    assert confirmation.context["ready"] is True
    assert '<td class="text-end" data-testid="total">92,15</td>' in html
    assert "Nilai kriteria 85,15, tahun data 2025, sementara" in html
    assert [stage.stage for stage in confirmation.context["open_stages"]] == [Stage.DOCUMENTS, Stage.QA]
    assert Plenary.objects.get(pk=open_blitar.pk).status == PlenaryStatus.OPEN  # a GET finalises nothing

    client.post(url)

    assert Plenary.objects.get(pk=open_blitar.pk).status == PlenaryStatus.FINALISED
    assert set(AssessmentStage.objects.filter(assessment=assessment).values_list("status", flat=True)) == {
        StageStatus.CLOSED
    }


def test_the_confirmation_names_what_is_missing(client, open_blitar):  # noqa: F811
    open_blitar.scores.filter(indicator__code__in=["5", "19"]).delete()
    client.force_login(user("penilai.kpk"))
    url = reverse("assessments:plenary_finalize", kwargs={"pk": open_blitar.assessment_id})

    response = client.get(url)

    assert response.context["ready"] is False
    assert "Indikator tanpa nilai pleno: 5, 19" in response.content.decode()
    client.post(url)
    assert Plenary.objects.get(pk=open_blitar.pk).status == PlenaryStatus.OPEN
