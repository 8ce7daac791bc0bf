"""The scoring page of one stage with 19 indicators (18 scored, 1 fed by the MCSP value) and a team of seven,
and saving all 18 scores at once (issue 5), against a trivial Django view measured in the same run.

``python -m benchmarks scoring`` lists them with the SELECT 1 baseline; ``python -m benchmarks.bench_scoring``
also prints each one as a ratio to the trivial view (GET / for a logged-in assessor: session, user,
permission check, redirect).
"""

import os
import sys
from decimal import Decimal

from benchmarks import Benchmark

SCORED = 18
TEAM = 7


def setup():
    from django.test import Client

    from accounts.enums import Institution, Role
    from accounts.models import User
    from assessments.enums import Stage
    from assessments.services.scoring import Entry, save_stage_scores
    from regions.enums import RegionKind, TimeZone
    from regions.models import Province, Region
    from tests.assessments.scoring_factories import build_scoring

    java = Province.objects.create(code="35", name="Jawa Timur", time_zone=TimeZone.WIB)
    blitar = Region.objects.create(
        province=java, code="35.72", kind=RegionKind.KOTA, name="Blitar", full_name="Kota Blitar"
    )
    ntb = Province.objects.create(code="52", name="Nusa Tenggara Barat", time_zone=TimeZone.WITA)
    mataram = Region.objects.create(
        province=ntb, code="52.71", kind=RegionKind.KOTA, name="Mataram", full_name="Kota Mataram"
    )
    staff = User.objects.create(
        username="bench.staf", name="Staf", role=Role.STAFF, institution=Institution.KPK
    )
    member = User.objects.create(
        username="bench.penilai", name="Penilai", role=Role.ASSESSOR, institution=Institution.BPKP
    )
    scoring = build_scoring(region=blitar, other_region=mataram, member=member, staff=staff, scored=SCORED)
    assessment = scoring.assessment
    for number in range(TEAM - 3):  # the chair, a colleague and a recused member are already there
        user = User.objects.create(
            username=f"bench.anggota{number}",
            name=f"Anggota {number}",
            role=Role.ASSESSOR,
            institution=Institution.KPK,
        )
        assessment.team.members.create(user=user, role="anggota")
    for membership in assessment.team.members.exclude(user=scoring.recused):
        save_stage_scores(
            assessment,
            assessor=membership.user,
            stage=Stage.DOCUMENTS,
            scores={indicator.pk: Entry(Decimal("3"), "Catatan uji.") for indicator in scoring.indicators},
            submit=True,
            version=0,
        )
    client = Client()
    client.force_login(member)
    url = f"/penilaian/{assessment.pk}/{Stage.DOCUMENTS}/nilai/"
    return {"client": client, "url": url, "indicators": scoring.indicators, "version": 1, "flip": False}


def trivial_view(state) -> None:
    response = state["client"].get("/")
    assert response.status_code == 302, response.status_code


def scoring_page(state) -> None:
    response = state["client"].get(state["url"])
    assert response.status_code == 200, response.status_code


def scoring_save(state) -> None:
    state["flip"] = not state["flip"]
    value = "3,5" if state["flip"] else "2"
    data = {"version": str(state["version"]), "kirim": "1"}
    for indicator in state["indicators"]:
        data[f"nilai_{indicator.pk}"] = value
        data[f"catatan_{indicator.pk}"] = f"Catatan {value}"
    response = state["client"].post(state["url"], data)
    assert response.status_code == 302, response.status_code
    state["version"] += 1


BENCHMARKS = [
    Benchmark("scoring: trivial view (GET /, redirect)", trivial_view, setup, repeat=21),
    Benchmark(
        f"scoring: stage page, {SCORED + 1} indicators, team of {TEAM}", scoring_page, setup, repeat=11
    ),
    Benchmark(f"scoring: save and submit {SCORED} scores", scoring_save, setup, repeat=11),
]


def main() -> int:
    """Each benchmark as a ratio to the trivial view, on one shared state, in one run."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "antikorupsi.test_settings")
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test.utils import setup_test_environment

    from benchmarks.__main__ import timed

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with transaction.atomic():
            state = setup()
            base = timed(trivial_view, state, 21)
            print(f"database: {connection.vendor}; trivial view: {base * 1000:.2f} ms")
            print(f"{'benchmark':<50} {'median ms':>10} {'x trivial view':>15}")
            for bench in BENCHMARKS[1:]:
                seconds = timed(bench.run, state, bench.repeat)
                print(f"{bench.name:<50} {seconds * 1000:>10.1f} {seconds / base:>15.1f}")
            transaction.set_rollback(True)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
