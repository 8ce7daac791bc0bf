"""Score history: each indicator of the scoring page shows the viewer's own score's changes, and the
history page lists the changes of an assessment to staff and, narrowed, to the team members."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.enums import Stage
from assessments.models import StageSubmission
from assessments.services.scoring import Entry, save_stage_scores

pytestmark = pytest.mark.django_db


# The stages the shared ``scoring`` fixture opens (tests/assessments/conftest.py).
OPEN_STAGES = (Stage.DOCUMENTS, Stage.FIELD_CHECK)


def save(scoring, user, values, *, submit=False, stage=Stage.DOCUMENTS, assessment=None):
    """Save ``values`` (one per scored indicator, None to leave it empty) through the service."""
    assessment = assessment or scoring.assessment
    submission = StageSubmission.objects.filter(
        stage__assessment=assessment, stage__stage=stage, assessor=user
    ).first()
    return save_stage_scores(
        assessment,
        assessor=user,
        stage=stage,
        scores={
            indicator.pk: Entry(None if value is None else Decimal(value), note=f"catatan {value}")
            for indicator, value in zip(scoring.indicators, values, strict=True)
        },
        submit=submit,
        version=submission.version if submission else 0,
    )


def history_url(scoring, **query):
    url = reverse("scoring:history", kwargs={"pk": scoring.assessment.pk})
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def rows(response) -> list[tuple]:
    """(assessor, stage, indicator code, old, new) of each change on the page, newest first."""
    return [
        (
            change.score.submission.assessor.username,
            change.score.submission.stage.stage,
            change.score.indicator.code,
            change.old_value,
            change.new_value,
        )
        for change in response.context["changes"]
    ]


def test_each_indicator_of_the_scoring_page_shows_its_own_history(client, scoring):
    save(scoring, scoring.member, ["50", None])
    save(scoring, scoring.member, ["60", "3"])
    save(scoring, scoring.colleague, ["10", "1"], submit=True)  # never on the member's rows
    client.force_login(scoring.member)

    response = client.get(reverse("scoring:stage", kwargs={"pk": scoring.assessment.pk, "stage": "dokumen"}))

    first, second = response.context["page"].scored_rows
    assert [(c.old_value, c.new_value, c.new_note, c.changed_by) for c in first.history] == [
        (None, Decimal("50.00"), "catatan 50", scoring.member),
        (Decimal("50.00"), Decimal("60.00"), "catatan 60", scoring.member),
    ]
    assert [(c.old_value, c.new_value, c.old_note) for c in second.history] == [
        (None, None, ""),  # the draft kept only a note
        (None, Decimal("3.00"), "catatan None"),
    ]
    html = response.content.decode()
    assert 'data-testid="history-2"' in html
    assert "Riwayat nilai (2 perubahan)" in html


def test_staff_see_every_change_from_the_progress_page(client, scoring):
    save(scoring, scoring.member, ["50", "2"])
    save(scoring, scoring.member, ["60", "2"], submit=True)
    save(scoring, scoring.colleague, ["70", None])
    client.force_login(scoring.staff)

    progress = client.get(reverse("scoring:progress", kwargs={"pk": scoring.assessment.pk}))
    assert 'href="%s"' % history_url(scoring) in progress.content.decode()
    response = client.get(history_url(scoring))

    assert response.status_code == 200
    assert rows(response) == [
        ("penilai.kpk", "dokumen", "3", None, None),  # a draft note without a score
        ("penilai.kpk", "dokumen", "2", None, Decimal("70.00")),
        ("penilai", "dokumen", "2", Decimal("50.00"), Decimal("60.00")),
        ("penilai", "dokumen", "3", None, Decimal("2.00")),
        ("penilai", "dokumen", "2", None, Decimal("50.00")),
    ]


def test_filters_narrow_the_history(client, scoring):
    save(scoring, scoring.member, ["50", "2"])
    save(scoring, scoring.member, ["60", "2"], stage=Stage.FIELD_CHECK)
    save(scoring, scoring.colleague, ["70", "1"])
    client.force_login(scoring.staff)
    two = scoring.indicators[0].pk

    assert rows(client.get(history_url(scoring, tahap="lapangan"))) == [
        ("penilai", "lapangan", "3", None, Decimal("2.00")),
        ("penilai", "lapangan", "2", None, Decimal("60.00")),
    ]
    assert rows(client.get(history_url(scoring, penilai=scoring.colleague.pk, indikator=two))) == [
        ("penilai.kpk", "dokumen", "2", None, Decimal("70.00"))
    ]
    assert len(rows(client.get(history_url(scoring, tahap="rahasia", penilai="x")))) == 6  # junk ignored


def test_a_member_sees_only_their_own_history_until_both_have_submitted(client, scoring):
    save(scoring, scoring.member, ["50", "2"], submit=True)
    save(scoring, scoring.member, ["55", "2"])
    save(scoring, scoring.colleague, ["70", None])
    client.force_login(scoring.colleague)

    # The colleague has not submitted: the member's history stays hidden, even by naming the member.
    assert rows(client.get(history_url(scoring))) == [
        ("penilai.kpk", "dokumen", "3", None, None),
        ("penilai.kpk", "dokumen", "2", None, Decimal("70.00")),
    ]
    assert rows(client.get(history_url(scoring, penilai=scoring.member.pk))) == []

    save(scoring, scoring.colleague, ["70", "1"], submit=True)
    assert rows(client.get(history_url(scoring, penilai=scoring.member.pk))) == [
        ("penilai", "dokumen", "2", Decimal("50.00"), Decimal("55.00")),
        ("penilai", "dokumen", "3", None, Decimal("2.00")),
        ("penilai", "dokumen", "2", None, Decimal("50.00")),
    ]


def test_a_colleague_draft_stays_hidden_after_the_viewer_submits(client, scoring):
    save(scoring, scoring.member, ["50", "2"], submit=True)
    save(scoring, scoring.colleague, ["70", None])  # a draft
    save(scoring, scoring.colleague, ["80", "1"], stage=Stage.FIELD_CHECK, submit=True)  # viewer has not
    client.force_login(scoring.member)

    assert {row[0] for row in rows(client.get(history_url(scoring)))} == {"penilai"}


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("staff", 200),
        ("member", 200),
        ("colleague", 200),
        ("recused", 404),
        ("outsider", 404),
        ("inspector", 404),
        ("other_inspector", 404),
        ("anonymous", 302),
    ],
)
def test_the_history_page_by_persona(client, scoring, inspector, other_inspector, persona, status):
    save(scoring, scoring.member, ["50", "2"], submit=True)
    save(scoring, scoring.outsider, ["40", "1"], submit=True, assessment=scoring.other_assessment)
    users = {"inspector": inspector, "other_inspector": other_inspector}
    if persona != "anonymous":
        client.force_login(users.get(persona) or getattr(scoring, persona))

    response = client.get(history_url(scoring))

    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/akun/masuk/?next=")
    if status == 200:
        seen = {row[0] for row in rows(response)}
        assert seen == {"member": {"penilai"}, "colleague": set(), "staff": {"penilai"}}[persona]
        assert "penilai.lain" not in seen  # another assessment's changes never show


@pytest.mark.parametrize("who", ["staff", "member"])
def test_the_history_page_query_count_does_not_grow(client, django_assert_num_queries, scoring, who):
    client.force_login(getattr(scoring, who))
    save(scoring, scoring.member, ["50", "2"])
    response = client.get(history_url(scoring))
    assert len(response.context["changes"]) == 2
    with django_assert_num_queries(QUERIES[who]):
        client.get(history_url(scoring))

    for value in range(51, 71):
        save(scoring, scoring.member, [str(value), "2"])
        save(scoring, scoring.colleague, [str(value), "1"])
    response = client.get(history_url(scoring))
    assert len(response.context["changes"]) == {"staff": 43, "member": 22}[who]  # colleague's: a draft
    with django_assert_num_queries(QUERIES[who]):
        client.get(history_url(scoring))


# session, user, assessment, the permission check (a member's: membership unless recused, read once for
# the request with what her own conflict-of-interest warning needs), members, indicators, the count and
# the page of changes; a member's hidden-scores rule (their submitted stages, provided they are on the
# team and not recused).
QUERIES = {"staff": 7, "member": 9}
