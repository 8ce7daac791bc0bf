"""The screening of the 514 regions with three data years of the seven published criteria and some legal
cases (issue 3), as staff see it: the page (paginated as it is), filtered and sorted, the CSV export. The
page caches the year's screening until the criteria data change; the cold page is timed too."""

from benchmarks import Benchmark, client_for, get_ok
from benchmarks.nation import REGION_COUNT

TARGET = 5


def setup(nation):
    return client_for(nation.staff)


def screening_page(client) -> None:
    get_ok(client, "/wilayah/skrining/", {"tahun": 2026})


def screening_page_cold(client) -> None:
    """The page when nothing of the year's screening is cached (after any change of the criteria data)."""
    from django.core.cache import cache

    cache.clear()
    get_ok(client, "/wilayah/skrining/", {"tahun": 2026})


def screening_page_filtered(client) -> None:
    get_ok(client, "/wilayah/skrining/", {"tahun": 2026, "layak": "tidak", "urut": "nama", "page": 2})


def screening_csv(client) -> None:
    get_ok(client, "/wilayah/skrining/ekspor/", {"tahun": 2026, "format": "csv"})


def screen_regions_only(_client) -> None:
    from regions.services.screening import screen_regions

    assert len(screen_regions(2026)) == REGION_COUNT


BENCHMARKS = [
    Benchmark(f"screening: screen_regions(), {REGION_COUNT} regions", screen_regions_only, setup),
    Benchmark(f"screening: page, {REGION_COUNT} regions x 3 years", screening_page, setup, target=TARGET),
    Benchmark("screening: page filtered and sorted, page 2", screening_page_filtered, setup, target=TARGET),
    Benchmark("screening: page, nothing cached", screening_page_cold, setup),
    Benchmark(f"screening: CSV export, {REGION_COUNT} regions", screening_csv, setup),
]
