from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import transaction

from accounts.enums import Institution
from assessments.demo import loader
from assessments.demo import plenary as demo_plenary
from regions.enums import RegionKind, TimeZone
from tests.factories import ProvinceFactory, RegionFactory, UserFactory

SHARED = Path(__file__).resolve().parents[2] / "shared"
WILAYAH = SHARED / "data" / "wilayah"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (the rate limits count requests there) and no framework kept
    by the scoring page (test databases reuse primary keys)."""
    from django.core.cache import cache

    from assessments.queries.programme import forget_framework_trees

    cache.clear()
    forget_framework_trees()
    yield
    cache.clear()
    forget_framework_trees()


@pytest.fixture
def wilayah_files() -> tuple[Path, Path]:
    """The full Kemendagri lists from ../shared (never copied into the project)."""
    provinces, regions = WILAYAH / "provinsi.csv", WILAYAH / "kabupaten_kota.csv"
    if not (provinces.is_file() and regions.is_file()):
        pytest.skip(f"{WILAYAH} is absent: the full region lists live beside the project, not in it")
    return provinces, regions


@pytest.fixture
def jawa_timur(db):
    return ProvinceFactory(code="35", name="Jawa Timur", time_zone=TimeZone.WIB)


@pytest.fixture
def kota_blitar(jawa_timur):
    return RegionFactory(province=jawa_timur, code="35.72", kind=RegionKind.KOTA, name="Blitar")


@pytest.fixture
def kabupaten_blitar(jawa_timur):
    return RegionFactory(province=jawa_timur, code="35.05", kind=RegionKind.KABUPATEN, name="Blitar")


@pytest.fixture
def kota_mataram(db):
    ntb = ProvinceFactory(code="52", name="Nusa Tenggara Barat", time_zone=TimeZone.WITA)
    return RegionFactory(province=ntb, code="52.71", kind=RegionKind.KOTA, name="Mataram")


# Personas. Later issues add the team-bound ones (an assessor on the team, one on another team, a recused
# member) on top of these.
@pytest.fixture
def staff(db):
    return UserFactory(username="staf", name="Rina Kartika", staff=True)


@pytest.fixture
def assessor(db):
    return UserFactory(username="penilai", name="Andi Pratama", institution=Institution.BPKP)


@pytest.fixture
def inspector(kota_blitar):
    return UserFactory(username="inspektur", name="Agus Setiawan", inspector=True, region=kota_blitar)


@pytest.fixture
def other_inspector(kota_mataram):
    return UserFactory(username="inspektur2", name="Lalu Fauzi", inspector=True, region=kota_mataram)


# The demo, loaded once per test module. Loading it takes seconds; a module of ten tests on the demo used to
# load it ten times. Here it is loaded inside a transaction that lasts the module and is rolled back at its
# end; each test runs in its own savepoint inside it (pytest-django's `db`), so what one test changes is gone
# before the next. Every test of such a module sees the demo: use it with
# `pytestmark = pytest.mark.usefixtures("demo")` (or the variant), and keep tests that build their own
# regions with factories in other modules. Live-server tests (tests/browser/) need committed data and call
# loader.load_demo() themselves.


@contextmanager
def module_transaction(django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo: Kota Blitar 2025 through to the final announcement, the other cohorts, the accounts."""
    with module_transaction(django_db_blocker):
        loader.load_demo()
        yield


def stop_before_finalising(people):
    """In place of loader.load_blitar_2025: Kota Blitar's plenary open, every score and the attendance in."""
    by_name = {person.username: person for person in people}
    demo_plenary.run_plenary(demo_plenary.prepare_assessment(by_name), by_name, finalise=False)


@pytest.fixture(scope="module")
def demo_open_plenary(django_db_setup, django_db_blocker):
    """The demo up to an open plenary of Kota Blitar with every score and the attendance recorded."""
    with module_transaction(django_db_blocker), pytest.MonkeyPatch.context() as patch:
        patch.setattr(loader, "load_blitar_2025", stop_before_finalising)
        loader.load_demo()
        yield
