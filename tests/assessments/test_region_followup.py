"""Monitoring rounds, recommendations and their follow-up, the objection window, the inspector's home."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.enums import (
    AnnouncementKind,
    CandidateStatus,
    EvidenceStatus,
    ObjectionAnswer,
    ObjectionStatus,
)
from assessments.enums import RecommendationStatus as RS
from assessments.models import Plenary, PlenaryScore
from assessments.queries.region import monitoring_trend, recommendations_for
from assessments.services import monitoring as monitoring_services
from assessments.services import objections as objection_services
from assessments.services import recommendations as services
from assessments.services.evidence import review_version
from assessments.services.selfassessment import SelfEntry, save_self_assessment, set_region_schedule
from audit.models import AuditEntry
from regions.enums import ValueStatus
from regions.services.criteria import record_value
from reports.contexts import announcement_report, score_report
from reports.services.issuing import issue_pdf
from tests.assessments.factories import CandidateFactory, ProgrammeYearFactory
from tests.assessments.region_fixtures import *  # noqa: F403 (the fixtures)
from tests.assessments.region_fixtures import announce, finalise, pdf_upload
from tests.reports.pdf import pdf_text, stored_pdf

pytestmark = pytest.mark.django_db


def pdf_of(report) -> str:
    return pdf_text(stored_pdf(issue_pdf(report, base_url="http://testserver")))


# Monitoring rounds.


def test_staff_run_two_rounds_and_the_trend_shows_both(scene, staff):
    first, second = scene.indicators
    one = monitoring_services.open_round(
        candidate=scene.candidate, held_on=date(2025, 5, 12), kind="koordinasi", by=staff
    )
    monitoring_services.record_round_scores(
        monitoring_round=one,
        scores={first.pk: (Decimal("60"), "WBS belum ada"), second.pk: (Decimal("2"), "")},
        by=staff,
    )
    two = monitoring_services.open_round(
        candidate=scene.candidate,
        held_on=date(2025, 8, 4),
        kind="monev",
        assessors=[scene.scoring.colleague],
        by=staff,
    )
    monitoring_services.record_round_scores(
        monitoring_round=two,
        scores={first.pk: (Decimal("90"), ""), second.pk: (Decimal("3"), "")},
        by=scene.scoring.colleague,
    )
    with pytest.raises(PermissionDenied):
        monitoring_services.record_round_scores(monitoring_round=two, scores={}, by=scene.scoring.member)
    with pytest.raises(ValidationError):
        monitoring_services.record_round_scores(
            monitoring_round=two, scores={second.pk: (Decimal("5"), "")}, by=staff
        )

    trend = monitoring_trend(scene.candidate)

    assert [(row.monitoring_round.number, row.total, row.scored) for row in trend.rounds] == [
        (1, Decimal("49.50"), 2),  # 60/100*45 + 2/4*45
        (2, Decimal("74.25"), 2),  # 90/100*45 + 3/4*45
    ]
    assert [(chart.component.order, chart.points) for chart in trend.charts] == [
        (1, [(1, Decimal("0.00")), (2, Decimal("0.00"))]),
        (2, [(1, Decimal("55.00")), (2, Decimal("82.50"))]),
    ]
    assert trend.charts[1].svg_points == "8.0,36.8 232.0,19.2"
    assert trend.reaches_pass_mark is False


def test_the_last_round_is_compared_with_the_self_assessment(scene, staff):
    first, second = scene.indicators
    save_self_assessment(
        candidate=scene.candidate,
        entries={first.pk: SelfEntry(Decimal("95")), second.pk: SelfEntry(Decimal("4"))},
        by=scene.inspector,
        submit=True,
    )
    monitoring_round = monitoring_services.open_round(
        candidate=scene.candidate, held_on=date(2025, 8, 4), kind="monev", by=staff
    )
    monitoring_services.record_round_scores(
        monitoring_round=monitoring_round, scores={first.pk: (Decimal("90"), "")}, by=staff
    )

    trend = monitoring_trend(scene.candidate)

    assert trend.self_total == Decimal("87.75")
    assert [
        (row["indicator"].code, row["self"], row["round"], row["difference"]) for row in trend.comparison
    ] == [
        ("1", None, None, None),
        ("2", Decimal("95.00"), Decimal("90.00"), Decimal("-5.00")),
        ("3", Decimal("4.00"), None, None),
    ]


def test_the_monitoring_page_and_the_round_form(scene, client, staff):
    first, _second = scene.indicators
    client.force_login(staff)
    url = reverse("region:monitoring", kwargs={"pk": scene.candidate.pk})
    created = client.post(
        reverse("region:round_create", kwargs={"pk": scene.candidate.pk}),
        {"held_on": "2025-05-12", "kind": "bimtek", "notes": "Bimtek LKE"},
    )
    monitoring_round = scene.candidate.monitoring_rounds.get()
    assert created["Location"] == monitoring_round.get_absolute_url()
    saved = client.post(monitoring_round.get_absolute_url(), {f"nilai_{first.pk}": "72,5", "notes": "Baik"})
    assert saved["Location"] == monitoring_round.get_absolute_url()
    html = client.get(url).content.decode()
    assert '<strong class="fs-5" data-testid="trend-latest">32,63</strong>' in html
    client.force_login(scene.inspector)
    assert client.post(monitoring_round.get_absolute_url(), {f"nilai_{first.pk}": "100"}).status_code == 403
    assert (
        client.post(reverse("region:round_create", kwargs={"pk": scene.candidate.pk}), {}).status_code == 403
    )


def test_the_monitoring_page_does_not_grow_with_rounds(scene, client, staff):
    client.force_login(staff)
    url = reverse("region:monitoring", kwargs={"pk": scene.candidate.pk})
    first = scene.indicators[0]

    def add_round(day):
        monitoring_round = monitoring_services.open_round(
            candidate=scene.candidate, held_on=date(2025, 5, day), kind="monev", by=staff
        )
        monitoring_services.record_round_scores(
            monitoring_round=monitoring_round, scores={first.pk: (Decimal("50"), "")}, by=staff
        )

    add_round(1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for day in (2, 3, 4, 5):
        add_round(day)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many.captured_queries) == len(one.captured_queries)


# Recommendations.


def add(scene, by, **kwargs):
    defaults = {
        "candidate": scene.candidate,
        "source": "pleno",
        "indicator": scene.indicators[0],
        "text": "Hubungkan WBS ke aplikasi JAGA.",
        "agency": "Inspektorat Daerah",
        "due_on": date(2026, 3, 31),
    }
    return services.add_recommendation(by=by, **{**defaults, **kwargs})


def test_the_chair_records_the_inspector_follows_up_and_staff_close(scene, staff, client):
    item = add(scene, scene.scoring.member)
    with pytest.raises(PermissionDenied):
        add(scene, scene.scoring.colleague)
    with pytest.raises(PermissionDenied):
        add(scene, scene.scoring.member, source="observasi")

    client.force_login(scene.inspector)
    response = client.post(
        reverse("region:follow_up", kwargs={"pk": item.pk}),
        {"text": "Perwali WBS direvisi, terhubung ke JAGA.", "berkas": [pdf_upload("perwali-wbs.pdf")]},
    )
    assert response["Location"] == item.get_absolute_url()
    item.refresh_from_db()
    assert (item.status, item.files.get().original_name) == (RS.IN_PROGRESS, "perwali-wbs.pdf")

    client.force_login(staff)
    client.post(
        reverse("region:recommendation_review", kwargs={"pk": item.pk}),
        {"decision": "terima", "note": "Sesuai."},
    )
    item.refresh_from_db()
    assert (item.status, item.review_note, item.reviewed_by) == (RS.DONE, "Sesuai.", staff)
    assert [
        entry.action
        for entry in AuditEntry.objects.filter(
            object_id=str(item.pk), action__contains="recommendation"
        ).order_by("pk")
    ] == [
        "assessments.add_recommendation",
        "assessments.follow_up_recommendation",
        "assessments.accept_recommendation",
    ]


def test_staff_do_not_accept_and_reopen(scene, staff):
    item = add(scene, staff, source="observasi", indicator=None)
    with pytest.raises(ValidationError):
        services.accept_follow_up(recommendation=item, by=staff)
    services.follow_up(recommendation=item, text="Sudah.", by=scene.inspector)
    with pytest.raises(ValidationError):
        services.reject_follow_up(recommendation=item, by=staff, note="")
    assert (
        services.reject_follow_up(recommendation=item, by=staff, note="Bukti belum ada.").status
        == RS.NOT_ACCEPTED
    )
    services.follow_up(recommendation=item, text="SK terlampir.", files=[pdf_upload()], by=scene.inspector)
    services.accept_follow_up(recommendation=item, by=staff)
    assert (
        services.reopen_recommendation(recommendation=item, by=staff, note="Temuan baru.").status == RS.OPEN
    )
    with pytest.raises(PermissionDenied):
        services.follow_up(recommendation=item, text="x", by=scene.other_inspector)


def test_a_bad_file_refuses_the_follow_up_and_changes_nothing(scene, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = add(scene, scene.scoring.member)
    client.force_login(scene.inspector)
    client.post(
        reverse("region:follow_up", kwargs={"pk": item.pk}),
        {
            "text": "x",
            "berkas": [SimpleUploadedFile("skrip.pdf", b"#!/bin/sh\necho", content_type="application/pdf")],
        },
    )
    item.refresh_from_db()
    assert (item.status, item.files.count()) == (RS.OPEN, 0)


def test_open_items_carry_over_to_the_next_year_and_the_score_report_lists_them(scene, staff):
    done = add(scene, staff, text="Selesai.")
    services.follow_up(recommendation=done, text="Sudah.", by=scene.inspector)
    services.accept_follow_up(recommendation=done, by=staff)
    still_open = add(scene, staff, text="Perluas SKM ke seluruh unit layanan.", agency="Bagian Organisasi")
    next_year = CandidateFactory(
        programme_year=ProgrammeYearFactory(year=2026),
        region=scene.candidate.region,
        status=CandidateStatus.DESIGNATED,
    )

    assert list(recommendations_for(next_year)) == [still_open]
    assert list(recommendations_for(scene.candidate)) == [done, still_open]
    plenary = finalise(scene)
    text = pdf_of(score_report(plenary))
    assert "Rekomendasi dan tindak lanjut" in text
    assert "2 Perluas SKM ke seluruh unit\nlayanan.\nBagian Organisasi 31 Maret\n2026\nTerbuka" in text


def test_the_recommendation_list_does_not_grow_with_items(scene, client, staff):
    client.force_login(scene.inspector)
    url = reverse("region:recommendations", kwargs={"pk": scene.candidate.pk})
    add(scene, staff)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for number in range(5):
        add(scene, staff, text=f"Rekomendasi {number}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["items"]) == 6
    assert len(many.captured_queries) == len(one.captured_queries)


# The inspector's home.


def test_the_inspector_home_lists_documents_to_revise_with_the_note_newest_first_and_what_is_due(
    scene, client, staff
):
    from assessments.services.evidence import upload_document

    older = scene.document
    newer = upload_document(
        candidate=scene.candidate,
        title="SK UPG",
        indicators=scene.indicators[1:],
        file=pdf_upload(),
        by=scene.inspector,
    )
    review_version(
        version=older.current_version,
        by=scene.scoring.member,
        status=EvidenceStatus.REVISION,
        note="Lampirkan tanda tangan.",
    )
    item = add(scene, staff, due_on=date(2020, 1, 31))
    client.force_login(scene.inspector)
    client.get(reverse("inspector_home"))
    with CaptureQueriesContext(connection) as one_each:
        client.get(reverse("inspector_home"))
    review_version(
        version=newer.current_version,
        by=scene.scoring.member,
        status=EvidenceStatus.REVISION,
        note="SK sudah kedaluwarsa.",
    )
    later = add(scene, staff, due_on=date(2020, 2, 29))

    # Each list reads only what it shows (issue 14), in one query whatever its length.
    with CaptureQueriesContext(connection) as two_each:
        response = client.get(reverse("inspector_home"))

    assert len(two_each) == len(one_each)
    assert [document.title for document in response.context["documents_to_revise"]] == [
        "SK UPG",
        "Perwali WBS",
    ]
    html = response.content.decode()
    assert "SK sudah kedaluwarsa." in html and "Lampirkan tanda tangan." in html
    assert f"{scene.scoring.member}, " in html  # who asked for the revision
    assert [due.pk for due in response.context["due_recommendations"]] == [item.pk, later.pk]
    assert f'data-testid="due-{item.pk}"' in html
    assert f"indikator {scene.indicators[0].code}" in html
    assert scene.candidate.programme_year.name in html


# Objections.


def test_the_window_counts_working_days_from_the_provisional_announcement(scene, staff):
    assert objection_services.add_working_days(date(2025, 11, 7), 5) == date(2025, 11, 14)  # Friday -> Friday
    plenary = finalise(scene)
    assert objection_services.objection_window(plenary) is None
    announce(plenary, staff)
    set_region_schedule(
        programme_year=scene.candidate.programme_year,
        self_assessment_due_on=None,
        objection_working_days=3,
        by=staff,
    )
    window = objection_services.objection_window(plenary)
    assert (window.opens_on, window.closes_on) == (date(2025, 11, 7), date(2025, 11, 12))


def file(scene, plenary, today=date(2025, 11, 10), **kwargs):
    points = [
        objection_services.PointInput(
            indicator=scene.indicators[0],
            argument="Perwali WBS sudah terbit sebelum penilaian.",
            requested_value=Decimal("90"),
            files=[pdf_upload("perwali.pdf")],
        )
    ]
    return objection_services.file_objection(
        plenary=plenary, points=points, by=kwargs.get("by", scene.inspector), today=today
    )


def test_an_objection_is_filed_answered_and_the_final_announcement_then_publishes(scene, staff):
    record_value(
        region=scene.candidate.region,
        criterion="mcp",
        data_year=2025,
        score=Decimal("93"),
        status=ValueStatus.FINAL,
    )
    plenary = finalise(scene)
    announce(plenary, staff)
    with pytest.raises(ValidationError) as late:
        file(scene, plenary, today=date(2025, 11, 17))
    assert late.value.code == "window_closed"
    with pytest.raises(PermissionDenied):
        file(scene, plenary, by=scene.other_inspector)
    objection = file(scene, plenary)
    with pytest.raises(ValidationError) as again:
        file(scene, plenary)
    assert again.value.code == "duplicate"

    with pytest.raises(ValidationError) as gated:
        announce(plenary, staff, kind=AnnouncementKind.FINAL, announced_on=date(2025, 12, 9))
    assert gated.value.messages == [
        "Sanggahan daerah belum dijawab seluruhnya; pengumuman akhir belum dapat diterbitkan."
    ]

    point = objection.points.get()
    assert point.agreed_value == Decimal("80.00")
    with pytest.raises(PermissionDenied):
        objection_services.answer_point(
            point=point, accepted=True, new_value=Decimal("90"), reason="", by=scene.scoring.outsider
        )
    objection_services.answer_point(
        point=point, accepted=True, new_value=Decimal("90"), reason="Bukti sah.", by=scene.scoring.member
    )

    objection.refresh_from_db()
    plenary = Plenary.objects.get(pk=plenary.pk)
    assert objection.status == ObjectionStatus.ANSWERED
    assert PlenaryScore.objects.get(plenary=plenary, indicator=scene.indicators[0]).value == Decimal("90.00")
    assert plenary.total == Decimal("84.25")  # 10 (MCSP -> 100) + 90/100*45 + 3/4*45
    final = announce(plenary, staff, kind=AnnouncementKind.FINAL, announced_on=date(2025, 12, 9))
    assert final.total == Decimal("84.25")
    text = pdf_of(announcement_report(final))
    assert "Sanggahan daerah yang diajukan pada" in text
    assert "telah dijawab seluruhnya oleh tim penilai" in text
    assert "1 butir diterima, 0 butir ditolak." in text


def test_a_rejected_point_needs_a_reason_and_keeps_the_score(scene, staff, client):
    plenary = finalise(scene)
    announce(plenary, staff)
    point = file(scene, plenary).points.get()
    client.force_login(scene.scoring.colleague)
    url = reverse("region:objection_answer", kwargs={"pk": point.pk})

    client.post(url, {"decision": "tolak", "reason": ""})
    point.refresh_from_db()
    assert point.answer == ObjectionAnswer.PENDING
    client.post(url, {"decision": "tolak", "reason": "Perwali terbit setelah batas bukti dukung."})
    point.refresh_from_db()
    assert (point.answer, point.answer_reason) == (
        ObjectionAnswer.REJECTED,
        "Perwali terbit setelah batas bukti dukung.",
    )
    assert Plenary.objects.get(pk=plenary.pk).total == plenary.total
    client.force_login(scene.inspector)
    assert client.post(url, {"decision": "terima", "new_value": "100"}).status_code == 403


def test_the_objection_page_files_with_evidence(scene, staff, client, monkeypatch):
    plenary = finalise(scene)
    announce(plenary, staff, announced_on=date.today())
    first = scene.indicators[0]
    client.force_login(scene.inspector)
    url = reverse("region:objection", kwargs={"pk": scene.candidate.pk})
    assert client.post(url, {}).status_code == 400

    response = client.post(
        url,
        {
            f"alasan_{first.pk}": "Bukti terlewat.",
            f"nilai_{first.pk}": "92,5",
            f"berkas_{first.pk}": [pdf_upload()],
        },
    )

    assert response["Location"] == url
    point = plenary.objection.points.get()
    assert (point.requested_value, point.files.count()) == (Decimal("92.50"), 1)
    client.force_login(scene.scoring.recused)
    assert client.get(url).status_code == 404


def test_without_an_objection_the_final_pdf_says_none_was_filed(scene, staff):
    record_value(
        region=scene.candidate.region,
        criterion="mcp",
        data_year=2025,
        score=Decimal("93"),
        status=ValueStatus.FINAL,
    )
    plenary = finalise(scene)
    announce(plenary, staff)
    final = announce(plenary, staff, kind=AnnouncementKind.FINAL, announced_on=date(2025, 12, 9))
    assert "Tidak ada sanggahan yang diajukan daerah dalam masa sanggah." in pdf_of(
        announcement_report(final)
    )


def test_the_region_page_and_the_staff_home_show_the_trend_and_the_open_items(scene, client, staff):
    first = scene.indicators[0]
    monitoring_round = monitoring_services.open_round(
        candidate=scene.candidate, held_on=date(2025, 5, 2), kind="monev", by=staff
    )
    monitoring_services.record_round_scores(
        monitoring_round=monitoring_round, scores={first.pk: (Decimal("80"), "")}, by=staff
    )
    item = add(scene, staff, text="Perluas SKM.")
    client.force_login(staff)

    region_page = client.get(reverse("regions:detail", kwargs={"code": "35.72"})).content.decode()
    home = client.get(reverse("staff_home"))

    assert '<strong class="fs-5" data-testid="trend-latest">36,00</strong>' in region_page
    assert "Perluas SKM." in region_page
    assert home.context["open_recommendations"] == [item]
    assert "1 rekomendasi belum selesai" in home.content.decode()


def test_the_inspector_home_shows_the_open_objection_window(scene, client, staff):
    plenary = finalise(scene)
    announce(plenary, staff, announced_on=date.today())
    client.force_login(scene.inspector)

    assert 'data-testid="home-objection-window"' in client.get(reverse("inspector_home")).content.decode()
    file(scene, plenary, today=date.today())
    assert 'data-testid="home-objection-window"' not in client.get(reverse("inspector_home")).content.decode()


@pytest.mark.parametrize("submit", [False, True])
def test_the_inspector_home_shows_the_trend_the_monitoring_page_shows(scene, client, staff, submit):
    """The home builds the trend from the workspace's indicators and reads the self-scores only once the
    self-assessment is submitted (issue 14); the figures are the monitoring page's."""
    first, second = scene.indicators
    save_self_assessment(
        candidate=scene.candidate,
        entries={first.pk: SelfEntry(Decimal("95")), second.pk: SelfEntry(Decimal("4"))},
        by=scene.inspector,
        submit=submit,
    )
    monitoring_round = monitoring_services.open_round(
        candidate=scene.candidate, held_on=date(2025, 8, 4), kind="monev", by=staff
    )
    monitoring_services.record_round_scores(
        monitoring_round=monitoring_round, scores={first.pk: (Decimal("90"), "")}, by=staff
    )
    client.force_login(scene.inspector)

    home = client.get(reverse("inspector_home"))

    expected = monitoring_trend(scene.candidate)
    (workspace,) = home.context["workspaces"]
    trend = workspace.trend
    assert workspace.self_assessment.is_submitted is submit
    assert (trend.self_total, trend.comparison, [(row.total, row.components) for row in trend.rounds]) == (
        expected.self_total,
        expected.comparison,
        [(row.total, row.components) for row in expected.rounds],
    )
    assert (trend.self_total is not None) is submit
