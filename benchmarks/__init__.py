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
