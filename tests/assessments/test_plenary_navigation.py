"""The way to the plenary (assessment page, scoring progress, the assessor's home), the plenary's actions
shown only to whom may use them, the year summary PDF on the programme year, and the public page's link."""

import pytest
from django.urls import reverse

from accounts.models import User
from assessments.services.plenary import finalize_plenary
from tests.assessments import test_plenary_views

pytestmark = pytest.mark.django_db

# The demo up to an open plenary of Kota Blitar, every score and the attendance recorded.
open_blitar = test_plenary_views.open_blitar


def page_for(client, username, url):
    client.force_login(User.objects.get(username=username))
    response = client.get(url)
    assert response.status_code == 200, username
    return response.content.decode()


def test_the_assessment_page_and_the_scoring_progress_lead_staff_to_the_plenary(open_blitar, client):
    plenary_url = reverse("assessments:plenary", kwargs={"pk": open_blitar.assessment_id})
    link = f'<a class="btn btn-primary" href="{plenary_url}">'

    detail = page_for(
        client, "permas", reverse("assessments:assessment_detail", kwargs={"pk": open_blitar.assessment_id})
    )
    progress = page_for(
        client, "permas", reverse("scoring:progress", kwargs={"pk": open_blitar.assessment_id})
    )

    assert link in detail
    assert reverse("scoring:progress", kwargs={"pk": open_blitar.assessment_id}) in detail
    assert f'<a class="btn btn-primary" href="{plenary_url}" data-testid="plenary-link">' in progress


def test_team_members_reach_the_plenary_from_their_home_page(open_blitar, client):
    plenary_url = reverse("assessments:plenary", kwargs={"pk": open_blitar.assessment_id})

    for username in ["penilai.kpk", "penilai.bpkp"]:  # the chair, a member
        home = page_for(client, username, reverse("assessor_home"))
        assert f'href="{plenary_url}" data-testid="plenary-link"' in home, username


def actions(html: str, assessment_id: int) -> dict[str, bool]:
    def url(name, **kwargs):
        namespace = "reports" if name.endswith("_pdf") else "assessments"
        return reverse(f"{namespace}:{name}", kwargs={"pk": assessment_id, **kwargs})

    return {
        "score": f'action="{url("plenary_score")}"' in html,
        "meeting": f'action="{url("plenary_meeting")}"' in html,
        "finalise": f'href="{url("plenary_finalize")}"' in html,
        "reopen": f'action="{url("plenary_reopen")}"' in html,
        "pdf": url("plenary_pdf", report="berita-acara") in html,
        "announce": url("announcement_create", kind="sementara") in html,
    }


def test_the_plenary_actions_show_only_to_whom_may_use_them(open_blitar, client):
    url = reverse("assessments:plenary", kwargs={"pk": open_blitar.assessment_id})
    pk = open_blitar.assessment_id
    none = dict.fromkeys(["score", "meeting", "finalise", "reopen", "pdf", "announce"], False)

    assert actions(page_for(client, "penilai.bpkp", url), pk) == none
    assert actions(page_for(client, "penilai.kpk", url), pk) == {
        **none,
        "score": True,
        "meeting": True,
        "finalise": True,
        "pdf": True,
    }
    assert actions(page_for(client, "permas", url), pk) == {
        **none,
        "score": True,
        "meeting": True,
        "finalise": True,
        "pdf": True,
    }

    finalize_plenary(plenary=open_blitar, by=User.objects.get(username="penilai.kpk"))

    assert actions(page_for(client, "penilai.bpkp", url), pk) == none
    assert actions(page_for(client, "penilai.kpk", url), pk) == {**none, "pdf": True}
    assert actions(page_for(client, "permas", url), pk) == {
        **none,
        "reopen": True,
        "pdf": True,
        "announce": True,
    }


def test_the_plenary_page_leads_back_to_where_each_reader_came_from(open_blitar, client):
    url = reverse("assessments:plenary", kwargs={"pk": open_blitar.assessment_id})

    staff_page = page_for(client, "permas", url)
    member_page = page_for(client, "penilai.bpkp", url)

    staff_back = (
        f'href="{reverse("assessments:assessment_detail", kwargs={"pk": open_blitar.assessment_id})}"'
    )
    member_back = f'href="{reverse("scoring:assessment", kwargs={"pk": open_blitar.assessment_id})}"'
    assert (staff_back in staff_page, member_back in staff_page) == (True, False)
    assert (staff_back in member_page, member_back in member_page) == (False, True)


def test_the_programme_year_offers_its_summary_pdf_to_staff(open_blitar, client):
    programme_year = open_blitar.assessment.candidate.programme_year

    html = page_for(client, "permas", programme_year.get_absolute_url())

    assert reverse("reports:year_summary_pdf", kwargs={"year": programme_year.year}) in html


@pytest.mark.parametrize("username", [None, "permas", "penilai.bpkp", "inspektur.blitar"])
def test_everyone_finds_the_public_page_in_the_footer(open_blitar, client, username):
    if username:
        client.force_login(User.objects.get(username=username))

    html = client.get(reverse("login") if username is None else "/", follow=True).content.decode()

    assert f'<a href="{reverse("public:programme")}"' in html
    assert 'data-testid="public-link">Publik</a>' in html
