from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.enums import Stage, SubmissionStatus
from assessments.models import Score, StageSubmission
from assessments.queries.programme import forget_framework_trees
from assessments.services.scoring import Entry, save_stage_scores
from tests.assessments.scoring_factories import build_scoring


def stage_url(scoring, stage=Stage.DOCUMENTS):
    return reverse("scoring:stage", kwargs={"pk": scoring.assessment.pk, "stage": stage})


def form_data(scoring, values, *, version=0, action="simpan"):
    data = {"version": str(version), action: "1"}
    for indicator, value in zip(scoring.indicators, values, strict=True):
        data[f"nilai_{indicator.pk}"] = value
        data[f"catatan_{indicator.pk}"] = f"catatan {indicator.code}"
    return data


def submit_for(scoring, user, values):
    save_stage_scores(
        scoring.assessment,
        assessor=user,
        stage=Stage.DOCUMENTS,
        scores={i.pk: Entry(Decimal(v)) for i, v in zip(scoring.indicators, values, strict=True)},
        submit=True,
        version=0,
    )


def test_the_scoring_page_lists_indicators_by_component_with_the_criterion_value(client, scoring):
    client.force_login(scoring.member)
    response = client.get(stage_url(scoring))

    assert response.status_code == 200
    page = response.context["page"]
    assert [group.component.name for group in page.components] == [
        "Tata Kelola Pemerintahan Daerah",
        "Peningkatan Kualitas Pengawasan",
    ]
    fed = page.components[0].rows[0]
    assert fed.fed_by_criterion is True
    assert fed.criterion_value.score == Decimal("92.15")
    assert fed.criterion_score == Decimal("100.00")
    html = response.content.decode()
    assert "92,15" in html
    assert f'name="nilai_{scoring.fed.pk}"' not in html
    assert f'name="nilai_{scoring.indicators[0].pk}"' in html


def test_a_draft_then_a_submission_through_the_form(client, scoring):
    client.force_login(scoring.member)
    url = stage_url(scoring)

    response = client.post(url, form_data(scoring, ["80,5", ""]))
    assert response.status_code == 302
    submission = StageSubmission.objects.get(assessor=scoring.member)
    assert (submission.status, submission.version) == (SubmissionStatus.DRAFT, 1)

    response = client.post(url, form_data(scoring, ["80,5", ""], version=1, action="kirim"))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [f"nilai_{scoring.indicators[1].pk}"]
    assert response.context["form"].errors[f"nilai_{scoring.indicators[1].pk}"] == [
        "Wajib diisi untuk mengirim."
    ]
    assert 'value="80,5"' in response.content.decode()  # what was entered comes back

    response = client.post(url, form_data(scoring, ["80,5", "3"], version=1, action="kirim"))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.version) == (SubmissionStatus.SUBMITTED, 2)
    assert list(Score.objects.order_by("indicator__order").values_list("value", flat=True)) == [
        Decimal("80.50"),
        Decimal("3.00"),
    ]


def test_a_submitted_stage_refuses_a_draft_with_an_empty_score_field_by_field(client, scoring):
    """The save's form does not read the submission (the service does, under its lock): its refusal
    answers as the form of the page would, with every empty score marked."""
    client.force_login(scoring.member)
    url = stage_url(scoring)
    assert client.post(url, form_data(scoring, ["80", "3"], action="kirim")).status_code == 302
    client.get(url)  # shows (and consumes) the message of the submission

    response = client.post(url, form_data(scoring, ["70", ""], version=1))  # "simpan", a draft

    assert response.status_code == 400
    assert response.context["form"].errors == {
        f"nilai_{scoring.indicators[1].pk}": ["Wajib diisi untuk mengirim."]
    }
    assert [str(message) for message in response.context["messages"]] == [
        "Nilai belum tersimpan. Perbaiki isian yang ditandai lalu simpan lagi."
    ]
    assert 'value="70"' in response.content.decode()  # what was entered comes back
    submission = StageSubmission.objects.get(assessor=scoring.member)
    assert (submission.status, submission.version) == (SubmissionStatus.SUBMITTED, 1)
    assert Score.objects.get(indicator=scoring.indicators[0]).value == Decimal("80.00")


@pytest.mark.parametrize("values", [["80", "2"], ["80", "999"]], ids=["valid", "invalid"])
def test_a_closed_stage_refuses_a_save_with_its_message_and_page(client, scoring, values):
    client.force_login(scoring.member)
    response = client.post(stage_url(scoring, Stage.QA), form_data(scoring, values))

    assert response.status_code == 409
    assert [str(message) for message in response.context["messages"]] == [
        "Tahap ini sedang tidak dibuka atau pleno sudah final; nilai tidak disimpan."
    ]
    assert response.context["page"].can_edit is False
    assert response.context["form"].errors == {}  # disabled fields: nothing to correct
    assert StageSubmission.objects.count() == 0


def test_the_form_refuses_scores_outside_the_scale_and_keeps_the_input(client, scoring):
    client.force_login(scoring.member)
    response = client.post(stage_url(scoring), form_data(scoring, ["80", "4,5"]))

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [f"nilai_{scoring.indicators[1].pk}"]
    assert 'value="4,5"' in response.content.decode()
    assert StageSubmission.objects.count() == 0


def test_other_scores_stay_hidden_until_the_viewer_submits(client, scoring):
    submit_for(scoring, scoring.colleague, ["77", "3"])
    client.force_login(scoring.member)

    response = client.get(stage_url(scoring))
    assert response.context["page"].others_visible is False
    assert "Budi Santoso" not in response.content.decode()
    assert "77,00" not in response.content.decode()

    client.post(stage_url(scoring), form_data(scoring, ["90", "4"], action="kirim"))
    response = client.get(stage_url(scoring))
    assert response.context["page"].others_visible is True
    row = response.context["page"].scored_rows[0]
    assert [(other.assessor.username, other.score.value) for other in row.others] == [
        ("penilai.kpk", Decimal("77.00"))
    ]
    assert "77,00" in response.content.decode()


def test_a_draft_of_another_assessor_is_never_shown(client, scoring):
    save_stage_scores(
        scoring.assessment,
        assessor=scoring.colleague,
        stage=Stage.DOCUMENTS,
        scores={scoring.indicators[0].pk: Entry(Decimal("55"))},
        submit=False,
        version=0,
    )
    client.force_login(scoring.member)
    client.post(stage_url(scoring), form_data(scoring, ["90", "4"], action="kirim"))

    response = client.get(stage_url(scoring))
    assert response.context["page"].other_assessors == []
    assert "55,00" not in response.content.decode()


def test_the_second_of_two_saves_gets_a_message_and_the_current_values(client, scoring):
    client.force_login(scoring.member)
    url = stage_url(scoring)
    client.post(url, form_data(scoring, ["80", "2"], version=0))  # the first tab

    response = client.post(url, form_data(scoring, ["60", "2"], version=0))  # the second, stale tab

    assert response.status_code == 409
    html = response.content.decode()
    assert "sudah disimpan dari tempat lain" in html
    assert 'data-testid="conflict"' in html
    assert response.context["form"]["version"].value() == 1
    assert response.context["form"][f"nilai_{scoring.indicators[0].pk}"].value() == Decimal("80.00")
    attempted = response.context["page"].scored_rows[0].attempted
    assert attempted == Entry(Decimal("60"), "catatan 2")
    assert Score.objects.get(indicator=scoring.indicators[0]).value == Decimal("80.00")


def test_a_closed_stage_shows_values_read_only_and_refuses_posts(client, scoring):
    client.force_login(scoring.member)
    response = client.get(stage_url(scoring, Stage.QA))
    assert response.context["page"].can_edit is False
    assert "Kirim nilai" not in response.content.decode()

    response = client.post(stage_url(scoring, Stage.QA), form_data(scoring, ["80", "2"]))
    assert response.status_code == 409
    assert StageSubmission.objects.count() == 0


def test_forged_indicator_fields_are_ignored(client, scoring):
    client.force_login(scoring.member)
    data = form_data(scoring, ["80", "2"])
    data[f"nilai_{scoring.fed.pk}"] = "1"  # the criterion-fed indicator
    data["nilai_999999"] = "1"
    response = client.post(stage_url(scoring), data)

    assert response.status_code == 302
    assert sorted(Score.objects.values_list("indicator_id", flat=True)) == sorted(
        i.pk for i in scoring.indicators
    )


# session, user, assessment, permission (membership unless recused, read once for the request with what
# the viewer's own conflict-of-interest warning needs: her seating reason and whether staff recorded a
# conflict), the submissions with their stage (the viewer's of every stage, which answer the hidden-scores
# rule, and the colleagues' submitted ones; the stage alone while nobody has saved), scores, the viewer's
# score history, criterion values, evidence documents, the region's submitted self-scores. The framework
# tree (components, indicators, rubric levels, value mappings) is read by the first request only while
# the framework stays published.
SCORING_PAGE_QUERIES = 10
FRAMEWORK_TREE_QUERIES = 4


@pytest.mark.parametrize("scored", [1, 18])
def test_the_scoring_page_runs_a_constant_number_of_queries(
    client,
    django_assert_num_queries,
    kota_blitar,
    kota_mataram,
    assessor,
    staff,
    inspector,
    settings,
    tmp_path,
    scored,
):
    """19 indicators (18 scored) with evidence on every one, peers' scores visible: as many queries as one."""
    from tests.assessments.evidence_fixtures import pdf_file, upload

    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    settings.STORAGES = {**settings.STORAGES}
    scoring = build_scoring(
        region=kota_blitar, other_region=kota_mataram, member=assessor, staff=staff, scored=scored
    )
    candidate = scoring.assessment.candidate
    for indicator in scoring.indicators:
        upload(
            candidate,
            inspector,
            [indicator],
            pdf_file(f"bukti-{indicator.code}.pdf"),
            title=f"Bukti {indicator.code}",
        )
    submit_for(scoring, scoring.colleague, ["3"] * scored)
    submit_for(scoring, scoring.member, ["4"] * scored)
    client.force_login(scoring.member)
    forget_framework_trees()  # as after a restart (the saves above keep the tree too)

    with django_assert_num_queries(SCORING_PAGE_QUERIES + FRAMEWORK_TREE_QUERIES):
        client.get(stage_url(scoring))  # the first since the framework was published
    with django_assert_num_queries(SCORING_PAGE_QUERIES):
        response = client.get(stage_url(scoring))

    assert response.status_code == 200
    page = response.context["page"]
    assert len(page.scored_rows) == scored
    assert [len(row.documents) for row in page.scored_rows] == [1] * scored
    assert [len(row.others) for row in page.scored_rows] == [1] * scored
    assert f"Bukti {scoring.indicators[-1].code}" in response.content.decode()


def test_my_assessments_lists_the_team_assessments_with_what_is_left(client, scoring):
    save_stage_scores(
        scoring.assessment,
        assessor=scoring.member,
        stage=Stage.DOCUMENTS,
        scores={scoring.indicators[0].pk: Entry(Decimal("80"))},
        submit=False,
        version=0,
    )
    client.force_login(scoring.member)
    response = client.get(reverse("assessor_home"))

    rows = response.context["rows"]
    assert [row.assessment.candidate.region.full_name for row in rows] == ["Kota Blitar"]
    assert [(s.stage, s.status, s.submission_status, s.remaining) for s in rows[0].stages] == [
        ("dokumen", "dibuka", "draf", 1),
        ("lapangan", "belum_dibuka", "", 0),
        ("paparan", "belum_dibuka", "", 0),
        ("tanya_jawab", "belum_dibuka", "", 0),
    ]
    assert 'data-testid="remaining">1 belum dinilai' in response.content.decode()


@pytest.mark.parametrize("who", ["recused", "outsider"])
def test_my_assessments_hides_recusals_and_other_teams(client, scoring, who):
    client.force_login(getattr(scoring, who))
    rows = client.get(reverse("assessor_home")).context["rows"]
    expected = [] if who == "recused" else ["Kota Mataram"]
    assert [row.assessment.candidate.region.full_name for row in rows] == expected


def test_my_assessments_query_count_does_not_grow(client, django_assert_num_queries, scoring):
    # Five: session, user, the assessments (with whether staff recorded a conflict of interest between
    # the assessor and each region), their stages, the assessor's submissions.
    client.force_login(scoring.member)
    with django_assert_num_queries(5):
        client.get(reverse("assessor_home"))
    # a second assessment for the same assessor
    scoring.other_assessment.team.members.create(user=scoring.member, role="anggota")
    with django_assert_num_queries(5):
        response = client.get(reverse("assessor_home"))
    assert len(response.context["rows"]) == 2


@pytest.mark.parametrize("recorded", [1, 2])
def test_my_assessments_read_recorded_conflicts_only_when_there_are_some(
    client, django_assert_num_queries, scoring, recorded
):
    """The descriptions staff recorded are one more query, whatever the number of assessments."""
    from assessments.models import DeclaredConflict

    scoring.other_assessment.team.members.create(user=scoring.member, role="anggota")
    assessments = [scoring.assessment, scoring.other_assessment][:recorded]
    for assessment in assessments:
        DeclaredConflict.objects.create(
            user=scoring.member,
            region=assessment.candidate.region,
            description=f"Pernah bekerja di {assessment.candidate.region.name}.",
            recorded_by=scoring.staff,
        )
    client.force_login(scoring.member)
    with django_assert_num_queries(6):
        response = client.get(reverse("assessor_home"))
    conflicts = {row.assessment.candidate.region.full_name: row.conflicts for row in response.context["rows"]}
    expected = {
        assessment.candidate.region.full_name: [
            f"Dicatat staf: Pernah bekerja di {assessment.candidate.region.name}."
        ]
        for assessment in assessments
    }
    assert {name: reasons for name, reasons in conflicts.items() if name in expected} == expected
    assert response.content.decode().count('data-testid="own-conflict"') == sum(
        1 for reasons in conflicts.values() if reasons
    )


def test_staff_progress_pages(client, django_assert_num_queries, scoring):
    submit_for(scoring, scoring.colleague, ["77", "3"])
    client.force_login(scoring.staff)

    with django_assert_num_queries(5):
        response = client.get(reverse("scoring:progress_list"))
    rows = response.context["rows"]
    assert [(row.assessment.candidate.region.full_name, row.member_count) for row in rows] == [
        ("Kota Blitar", 2),
        ("Kota Mataram", 1),
    ]
    assert [(state.stage, count) for state, count in rows[0].stages] == [
        ("dokumen", 1),
        ("lapangan", 0),
        ("paparan", 0),
        ("tanya_jawab", 0),
    ]

    response = client.get(reverse("scoring:progress", kwargs={"pk": scoring.assessment.pk}))
    members = response.context["members"]
    assert [
        (item.member.user.username, item.stages[0].submission_status, item.stages[0].remaining)
        for item in members
    ] == [("penilai.kpk", "dikirim", 0), ("penilai", "", 2)]


def test_staff_open_and_close_stages_from_the_progress_page(client, scoring):
    client.force_login(scoring.staff)
    url = reverse(
        "scoring:stage_action", kwargs={"pk": scoring.assessment.pk, "stage": "paparan", "action": "buka"}
    )
    response = client.post(url)
    assert response.status_code == 302
    assert scoring.assessment.stages.get(stage="paparan").status == "dibuka"

    response = client.post(url, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Tahap Paparan kepala daerah dibuka.",
        "Tahap ini sudah dibuka.",
    ]


def test_the_progress_exports_in_indonesian(client, scoring):
    import csv
    import io

    submit_for(scoring, scoring.colleague, ["77", "3"])
    client.force_login(scoring.staff)

    response = client.get(reverse("scoring:progress_export"), {"format": "csv"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][:6] == [
        "Tahun program",
        "Kabupaten/kota",
        "Tim",
        "Penilai",
        "Pemeriksaan dokumen: status",
        "Pemeriksaan dokumen: terkirim",
    ]
    assert [row[1] for row in rows[1:]] == ["Kota Blitar", "Kota Mataram"]
    assert rows[1][3] == "2" and rows[1][5] == "1"
