"""The hot pages of issue 14 on the national-scale data, each held to 5x the trivial view.

The scoring page of the document stage (19 indicators, a team of seven who have all submitted, so the
colleagues' scores are shown) and saving it through the view (a real commit: 18 scores, their history
rows and the audit entry); the plenary page of Kota Blitar 2025 (seven assessors, four stages; also with
an empty cache, as the first reader after a restart finds it); the staff home, the assessor's and the
inspector's home, the inspector's evidence workspace; the framework page. The screening page is in
bench_screening.
"""

from urllib.parse import urlencode

from benchmarks import Benchmark, client_for, get_ok

TARGET = 5
FORM_ENCODED = "application/x-www-form-urlencoded"


def scoring_state(nation):
    from django.urls import reverse

    from assessments.enums import Stage
    from assessments.models import StageSubmission

    assessment = nation.assessments[0]
    assessor = nation.assessors[assessment.pk][1]
    indicators = list(assessment.framework.indicators.filter(source="penilai").order_by("order"))
    return {
        "client": client_for(assessor),
        "url": reverse("scoring:stage", args=[assessment.pk, Stage.DOCUMENTS]),
        "indicators": indicators,
        "flip": False,
        # The version the assessor's page was loaded with, as the browser posts it back.
        "version": StageSubmission.objects.get(
            stage__assessment=assessment, stage__stage=Stage.DOCUMENTS, assessor=assessor
        ).version,
    }


def scoring_page(state) -> None:
    get_ok(state["client"], state["url"])


def scoring_save(state) -> None:
    """One save, as the browser posts it: the version it was shown (each save raises it by one, which the
    load benchmark checks in the database), 18 changed scores and notes."""
    state["flip"] = not state["flip"]
    value = "55,5" if state["flip"] else "60"
    data = {"version": str(state["version"]), "kirim": "1"}
    for indicator in state["indicators"]:
        data[f"nilai_{indicator.pk}"] = value
        data[f"catatan_{indicator.pk}"] = f"Catatan {value}"
    # Sent as the browser sends this form (it uploads no file): URL-encoded, not the test client's
    # default multipart.
    response = state["client"].post(state["url"], urlencode(data), content_type=FORM_ENCODED)
    # A stale version would be refused with 409 and the page again, not a redirect.
    assert response.status_code == 302, response.status_code
    state["version"] += 1


def plenary_state(nation):
    from django.urls import reverse

    return {
        "client": client_for(nation.staff),
        "url": reverse("assessments:plenary", args=[nation.plenary_assessment.pk]),
    }


def plenary_cold(state) -> None:
    """The plenary page with the framework not yet kept: it reads it again (queries.programme's
    published_framework_tree)."""
    from assessments.queries.programme import forget_framework_trees

    forget_framework_trees()
    get_ok(state["client"], state["url"])


def page_state(user_of, url_of):
    def setup(nation):
        return {"client": client_for(user_of(nation)), "url": url_of(nation)}

    return setup


def page(state) -> None:
    get_ok(state["client"], state["url"])


def _workspace_url(nation):
    from django.urls import reverse

    return reverse("evidence:workspace", args=[nation.assessments[0].candidate.pk])


BENCHMARKS = [
    Benchmark("pages: scoring page, 19 indicators, team of 7", scoring_page, scoring_state, target=TARGET),
    Benchmark("pages: save and submit 18 scores (commits)", scoring_save, scoring_state, target=TARGET),
    Benchmark("pages: plenary page, Kota Blitar 2025", page, plenary_state, target=TARGET),
    Benchmark("pages: plenary page, cold cache (no target)", plenary_cold, plenary_state),
    Benchmark(
        "pages: staff home",
        page,
        page_state(lambda n: n.staff, lambda n: "/staf/"),
        target=TARGET,
    ),
    Benchmark(
        "pages: assessor home",
        page,
        page_state(lambda n: n.assessors[n.assessments[0].pk][1], lambda n: "/penilai/"),
        target=TARGET,
    ),
    Benchmark(
        "pages: inspector home",
        page,
        page_state(lambda n: n.inspector, lambda n: "/inspektur/"),
        target=TARGET,
    ),
    Benchmark(
        "pages: inspector's evidence workspace, 19 indicators",
        page,
        page_state(lambda n: n.inspector, _workspace_url),
        target=TARGET,
    ),
    Benchmark(
        "pages: framework page, 19 indicators",
        page,
        page_state(lambda n: n.staff, lambda n: f"/program/{n.year}/kerangka/"),
        target=TARGET,
    ),
]
