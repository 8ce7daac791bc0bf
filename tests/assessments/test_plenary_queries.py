"""Query counts of the plenary page (indicators x assessors), the public programme page and the year summary
report's context: one row and many rows take the same number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from assessments.enums import AnnouncementKind, CandidateStatus, PlenaryStatus, Stage, TeamRole
from assessments.models import Announcement, Plenary, RecordedResult
from assessments.queries.programme import forget_framework_trees
from assessments.services.plenary import plenary_for, record_plenary_score
from assessments.services.scoring import Entry, open_stage, save_stage_scores
from reports import contexts
from tests.assessments.factories import (
    AssessmentFactory,
    CandidateFactory,
    ProgrammeYearFactory,
    TeamMemberFactory,
)
from tests.assessments.scoring_factories import build_scoring
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("scored", "assessors"), [(1, 1), (12, 5)])
def test_plenary_page_queries_do_not_grow_with_indicators_and_assessors(
    client, kota_blitar, kota_mataram, assessor, staff, django_assert_num_queries, scored, assessors
):
    scoring = build_scoring(
        region=kota_blitar, other_region=kota_mataram, member=assessor, staff=staff, scored=scored
    )
    assessment = scoring.assessment
    team = [assessor, scoring.colleague]
    team += [TeamMemberFactory(team=assessment.team).user for _ in range(max(0, assessors - len(team)))]
    open_stage(assessment, stage=Stage.FIELD_CHECK, by=staff)
    for user in team[:assessors]:
        for stage in (Stage.DOCUMENTS, Stage.FIELD_CHECK):
            save_stage_scores(
                assessment,
                assessor=user,
                stage=stage,
                scores={indicator.pk: Entry(Decimal("3"), "Catatan.") for indicator in scoring.indicators},
                submit=True,
                version=0,
            )
    plenary = plenary_for(assessment)
    for indicator in scoring.indicators:
        record_plenary_score(plenary=plenary, indicator=indicator, value=Decimal("3"), by=assessor)
    client.force_login(assessor)  # the chair
    url = reverse("assessments:plenary", kwargs={"pk": assessment.pk})
    forget_framework_trees()  # the saves above keep the framework tree; read it as after a restart

    # session, user, assessment with its team, framework and plenary, its candidate with region and
    # programme year, permission (membership, recusal: read once for every rule the page asks); the
    # plenary's agreed scores and attendance (announcements only once finalised); components, indicators,
    # value mappings, criterion value, stage scores, evidence; bands and the screening (rules, values, cases);
    # the team (its members with any conflict staff recorded: the conflicts of interest and the assessors'
    # names); the hidden-scores rule
    # (the stages opened and submitted); rubric levels
    with django_assert_num_queries(20):
        response = client.get(url)

    rows = response.context["rows"]
    assert len(rows) == scored + 1
    assert [len(row.lines) for row in rows if row.feed is None] == [assessors] * scored
    assert [len(row.values) for row in rows if row.feed is None] == [assessors * 2] * scored


def announced_candidates(count: int, *, revoked: int = 0):
    """``count`` regions of Percontohan 2025 with a finalised plenary and a provisional announcement; every
    second one also has its final announcement; the first ``revoked`` are revoked pilots."""
    programme_year = ProgrammeYearFactory(year=2025)
    publisher = UserFactory(username="staf.pengumuman")
    now = timezone.now()
    for number in range(count):
        status = CandidateStatus.REVOKED if number < revoked else CandidateStatus.PILOT
        assessment = AssessmentFactory(
            candidate__programme_year=programme_year,
            candidate__region=RegionFactory(),
            candidate__status=status,
        )
        TeamMemberFactory(team=assessment.team, role=TeamRole.CHAIR)
        total = Decimal("90") + Decimal(number) / 10
        plenary = Plenary.objects.create(
            assessment=assessment,
            status=PlenaryStatus.FINALISED,
            finalised_at=now,
            held_on=date(2025, 11, 6),
            total=total,
            predicate="Istimewa",
            laik=True,
        )
        kinds = [AnnouncementKind.PROVISIONAL] + ([AnnouncementKind.FINAL] if number % 2 else [])
        for kind in kinds:
            Announcement.objects.create(
                plenary=plenary,
                kind=kind,
                announced_on=date(2025, 11, 7),
                place="Balai Kota",
                official_name="Ibnu Basuki Widodo",
                official_position="Wakil Ketua KPK",
                total=total,
                predicate="Istimewa",
                laik=True,
                published_at=now,
                published_by=publisher,
            )
    return programme_year


@pytest.mark.parametrize("count", [1, 25])
def test_public_programme_page_queries_do_not_grow_with_regions(client, django_assert_num_queries, count):
    announced_candidates(count, revoked=1)

    # candidates with region, province, year, assessment and plenary; their announcements
    with django_assert_num_queries(2):
        response = client.get(reverse("public:programme"))

    rows = [row for rows in response.context["years"].values() for row in rows]
    assert len(rows) == count
    assert response.content.decode().count("Status percontohan dicabut pada 1 Februari 2026") == 1


@pytest.mark.parametrize("count", [1, 25])
def test_year_summary_context_queries_do_not_grow_with_regions(django_assert_num_queries, count):
    programme_year = announced_candidates(count, revoked=1)

    # assessments with candidate, region, province, team and plenary; their announcements
    with django_assert_num_queries(2):
        report = contexts.year_summary_report(programme_year)

    rows = report.context["rows"]
    assert [row["rank"] for row in rows] == list(range(1, count + 1))
    assert rows[0]["total"] == Decimal("90") + Decimal(count - 1) / 10
    assert [row["revoked_on"] for row in rows].count(date(2026, 2, 1)) == 1


def recorded_candidates(count: int, *, unpublished: int = 0):
    """``count`` inaugurated regions of Percontohan 2024 with results recorded from outside the system; the
    first ``unpublished`` without a score."""
    programme_year = ProgrammeYearFactory(year=2024)
    staff = UserFactory(username="staf.hasil")
    now = timezone.now()
    for number in range(count):
        candidate = CandidateFactory(
            programme_year=programme_year, region=RegionFactory(), status=CandidateStatus.INAUGURATED
        )
        RecordedResult.objects.create(
            candidate=candidate,
            total=None if number < unpublished else Decimal("90") + Decimal(number) / 10,
            predicate="" if number < unpublished else "Istimewa",
            source="B/1",
            decided_on=date(2024, 12, 1),
            recorded_at=now,
            recorded_by=staff,
        )
    return programme_year


@pytest.mark.parametrize("count", [1, 25])
def test_public_programme_page_queries_with_recorded_results(client, django_assert_num_queries, count):
    announced_candidates(count, revoked=1)
    recorded_candidates(count, unpublished=1)

    # candidates with region, province, year, assessment, plenary and recorded result; the announcements
    with django_assert_num_queries(2):
        response = client.get(reverse("public:programme"))

    rows = [row for rows in response.context["years"].values() for row in rows]
    assert len(rows) == 2 * count
    assert response.content.decode().count("tidak dipublikasikan") == 1


@pytest.mark.parametrize("count", [1, 25])
def test_year_summary_context_queries_with_recorded_results(django_assert_num_queries, count):
    programme_year = recorded_candidates(count, unpublished=1)

    # candidates with region, province, assessment, team, plenary and recorded result; no announcements
    # to prefetch, as no candidate has a plenary
    with django_assert_num_queries(1):
        report = contexts.year_summary_report(programme_year)

    rows = report.context["rows"]
    assert [row["rank"] for row in rows] == [*range(1, count), None]
    assert rows[-1]["total"] is None


def test_the_framework_is_read_once_per_assessment_and_never_while_frozen_goes_stale(
    client, kota_blitar, kota_mataram, assessor, staff, django_assert_num_queries
):
    """The plenary page reads the framework (indicators, rubric levels, value mappings) from the tree kept
    per published framework: a framework an assessment uses cannot change, and a framework changed after
    its assessments are gone (unpublished, edited, published again) shows at once."""
    from assessments.models import Assessment, Indicator
    from assessments.services.framework import publish_framework, save_indicator, unpublish_framework

    scoring = build_scoring(region=kota_blitar, other_region=kota_mataram, member=assessor, staff=staff)
    framework = scoring.assessment.framework
    client.force_login(staff)
    url = reverse("assessments:plenary", kwargs={"pk": scoring.assessment.pk})
    with django_assert_num_queries(16):
        client.get(url)
    with django_assert_num_queries(12):  # components, indicators, value mappings and rubric levels kept
        response = client.get(url)
    assert "Indikator 2" in response.content.decode()
    with pytest.raises(ValidationError):
        save_indicator(framework=framework, by=staff, indicator=scoring.indicators[0], name="Indikator baru")

    Assessment.objects.filter(framework=framework).delete()
    unpublish_framework(framework=framework, by=staff, reason="Koreksi nama indikator.")
    indicator = Indicator.objects.get(pk=scoring.indicators[0].pk)
    save_indicator(framework=framework, by=staff, indicator=indicator, name="Indikator baru")
    publish_framework(framework=framework, by=staff)
    assessment = AssessmentFactory(
        candidate=scoring.assessment.candidate,
        team=scoring.assessment.team,
        framework=framework,
    )

    html = client.get(reverse("assessments:plenary", kwargs={"pk": assessment.pk})).content.decode()
    assert "Indikator baru" in html
    assert "Indikator 2" not in html


@pytest.mark.parametrize("recused", [False, True])
def test_remembered_memberships_answer_as_the_rules_do(django_assert_num_queries, recused):
    """``remember_memberships``: the plenary page's rules read the reader's membership (unless recused)
    once, and answer exactly what they answer without it (a recused chair is no member at all)."""
    from assessments.models import Assessment
    from assessments.rules import remember_memberships
    from tests.assessments.factories import RecusalFactory

    chair = TeamMemberFactory(role=TeamRole.CHAIR)
    assessment = AssessmentFactory(team=chair.team)
    if recused:
        RecusalFactory(assessment=assessment, user=chair.user)
    perms = [
        "assessments.see_plenary",
        "assessments.run_plenary",
        "assessments.download_plenary_reports",
        "assessments.score_assessment",
    ]
    fresh = Assessment.objects.select_related("team", "plenary").get(pk=assessment.pk)
    expected = [chair.user.has_perm(perm, fresh) for perm in perms]
    assert expected == ([False] * 4 if recused else [True] * 4)

    remembered = Assessment.objects.select_related("team", "plenary").get(pk=assessment.pk)
    remember_memberships(remembered)
    remembered._plenary_finalised = False
    with django_assert_num_queries(1):  # membership unless recused
        assert [chair.user.has_perm(perm, remembered) for perm in perms] == expected


def test_conflict_flags_read_recorded_conflicts_with_the_members(staff, django_assert_num_queries):
    from assessments.models import DeclaredConflict
    from assessments.queries.programme import conflict_flags

    assessment = AssessmentFactory()
    region = assessment.candidate.region
    members = [TeamMemberFactory(team=assessment.team, user=UserFactory(name=name)) for name in "ABC"]
    assessment = (
        type(assessment).objects.select_related("candidate__region__province", "team").get(pk=assessment.pk)
    )
    with django_assert_num_queries(1):  # the members, each with the conflict staff recorded, if any
        assert conflict_flags(assessment) == {}

    for member, description in zip(
        members[1:], ("Adik Kepala Bappeda.", "Pernah bekerja di sana."), strict=True
    ):
        DeclaredConflict.objects.create(
            user=member.user, region=region, description=description, recorded_by=staff
        )
    with django_assert_num_queries(1):  # the same query carries the recorded descriptions
        flags = conflict_flags(assessment)
    assert {user_id: flag.reasons for user_id, flag in flags.items()} == {
        members[1].user_id: ["Dicatat staf: Adik Kepala Bappeda."],
        members[2].user_id: ["Dicatat staf: Pernah bekerja di sana."],
    }


def test_the_export_gives_a_criterion_fed_indicator_one_row_with_its_value(
    client, kota_blitar, kota_mataram, assessor, staff
):
    """Indicator 1 takes its score from the MCSP value: no assessor scores it, so its rows have no
    assessor's score, and the value with its data year stands where an agreed score's reason does."""
    import csv
    import io

    scoring = build_scoring(region=kota_blitar, other_region=kota_mataram, member=assessor, staff=staff)
    client.force_login(staff)

    response = client.get(
        reverse("assessments:plenary_export", args=[scoring.assessment.pk]), {"format": "csv"}
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    fed = [row for row in rows if row[0] == "1"]
    assert [row[2] for row in fed] == [
        "Pemeriksaan dokumen",
        "Cek lapangan",
        "Paparan kepala daerah",
        "Diskusi dan tanya jawab",
    ]
    assert {tuple(row[3:]) for row in fed} == {
        ("",) * (len(rows[0]) - 5) + ("", "Dari kriteria: 92,15 (tahun data 2024)")
    }
    assert len([row for row in rows if row[0] == "2"]) == 4  # a scored indicator: one row per stage


def test_conflict_flags_give_the_rules_reasons_for_the_users_as_stored(staff, django_assert_num_queries):
    """``conflict_flags`` feeds ``rules.conflicts_of_interest`` users made of the fields it reads: for every
    kind of member (from the assessed region, from another region or the government of its province, from
    elsewhere, with a conflict recorded by staff) the reasons are the rule's for the user as stored, in the
    members' order (role, name), with the member's reason for being seated."""
    from accounts.enums import Institution
    from accounts.models import User
    from assessments.models import DeclaredConflict
    from assessments.queries.programme import conflict_flags
    from assessments.rules import conflicts_of_interest

    assessment = AssessmentFactory()
    region = assessment.candidate.region
    other_code = "97" if region.code.endswith(".98") else "98"
    neighbour = RegionFactory(province=region.province, code=f"{region.province.code}.{other_code}")
    elsewhere = RegionFactory()
    users = [
        UserFactory(name="A", institution=Institution.REGION, region=region),
        UserFactory(name="B", institution=Institution.REGION, region=neighbour),
        UserFactory(name="C", institution=Institution.PROVINCE, province=region.province),
        UserFactory(name="D", institution=Institution.REGION, region=elsewhere),
        UserFactory(name="E", institution=Institution.REGION, region=elsewhere),
    ]
    for user in users:
        TeamMemberFactory(team=assessment.team, user=user, conflict_reason=f"Alasan {user.name}.")
    DeclaredConflict.objects.create(user=users[4], region=region, description="Ipar.", recorded_by=staff)
    assessment = (
        type(assessment).objects.select_related("candidate__region__province", "team").get(pk=assessment.pk)
    )

    with django_assert_num_queries(1):  # the members with the recorded conflict
        flags = conflict_flags(assessment)

    expected = {
        user.pk: conflicts_of_interest(User.objects.get(pk=user.pk), region)
        for user in users
        if conflicts_of_interest(User.objects.get(pk=user.pk), region)
    }
    assert list(flags) == [users[0].pk, users[1].pk, users[2].pk, users[4].pk]
    assert {user_id: flag.reasons for user_id, flag in flags.items()} == expected
    assert [(flag.name, flag.seating_reason) for flag in flags.values()] == [
        ("A", "Alasan A."),
        ("B", "Alasan B."),
        ("C", "Alasan C."),
        ("E", "Alasan E."),
    ]


def test_the_assessors_columns_are_named_by_the_team_and_by_the_users_when_one_left_it(
    client, kota_blitar, kota_mataram, assessor, staff
):
    """The grid's columns: every assessor who submitted, by name (the database's order) then id, named from
    the team the page reads once; an assessor no longer on the team (taken off behind the services, which
    refuse it once she has scored) keeps her column, read from the users."""
    from accounts.models import User
    from assessments.models import TeamMember

    scoring = build_scoring(
        region=kota_blitar, other_region=kota_mataram, member=assessor, staff=staff, scored=2
    )
    assessment = scoring.assessment
    team = [assessor, scoring.colleague]
    team += [
        TeamMemberFactory(team=assessment.team, user=UserFactory(name=name)).user
        for name in ("zaenal", "Ahmad", "budi", "")
    ]
    for user in team:
        save_stage_scores(
            assessment,
            assessor=user,
            stage=Stage.DOCUMENTS,
            scores={indicator.pk: Entry(Decimal("3"), "Catatan.") for indicator in scoring.indicators},
            submit=True,
            version=0,
        )
    client.force_login(staff)
    url = reverse("assessments:plenary", kwargs={"pk": assessment.pk})
    expected = [
        name or username
        for name, username in User.objects.filter(pk__in=[user.pk for user in team])
        .order_by("name", "pk")
        .values_list("name", "username")
    ]

    columns = client.get(url).context["sheet"].assessors
    assert [name for name, _institution in columns] == expected
    assert "" not in expected and team[-1].username in expected

    TeamMember.objects.filter(team=assessment.team, user=team[3]).delete()
    assert client.get(url).context["sheet"].assessors == columns
