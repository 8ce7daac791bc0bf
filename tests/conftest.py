from pathlib import Path

import pytest

from accounts.enums import Institution
from regions.enums import RegionKind, TimeZone
from tests.factories import ProvinceFactory, RegionFactory, UserFactory

SHARED = Path(__file__).resolve().parents[2] / "shared"
WILAYAH = SHARED / "data" / "wilayah"


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
