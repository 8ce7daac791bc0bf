"""Benchmarks: ``.venv/bin/python -m benchmarks [name-filter]``.

Each module ``benchmarks/bench_<topic>.py`` defines ``BENCHMARKS``, a list of ``Benchmark``: a name, a
``setup()`` that fills the (empty, temporary) test database and returns the state ``run`` needs, and
``run(state)``, the code timed. Timings are reported as the median of several runs and as a ratio to a
trivial baseline (one ``SELECT 1``) measured in the same run, so results compare across machines.
The database is a throw-away test database: SQLite by default, PostgreSQL when DATABASE_URL says so.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Benchmark:
    name: str
    run: Callable[[Any], Any]
    setup: Callable[[], Any] = lambda: None
    repeat: int = 7


def bulk_regions(count: int) -> list:
    """``count`` regencies spread over 38 provinces, created in two queries (the data of the benchmarks
    that need every region of the country)."""
    from regions.models import Province, Region

    provinces = Province.objects.bulk_create(
        Province(code=f"{10 + i}", name=f"Provinsi {i}", time_zone="Asia/Jakarta") for i in range(38)
    )
    return Region.objects.bulk_create(
        Region(
            province=provinces[i % 38],
            code=f"{10 + i % 38}.{i // 38 + 1:02d}",
            kind="kabupaten",
            name=f"Uji {i}",
            full_name=f"Kabupaten Uji {i}",
        )
        for i in range(count)
    )
