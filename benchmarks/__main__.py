"""Run every benchmark module (benchmarks/bench_*.py), or those whose name contains the first argument."""

import contextlib
import importlib
import os
import pkgutil
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

TRIVIAL_REPEAT = 21


def timed(function, state, repeat: int) -> float:
    """Median seconds of ``repeat`` runs after one warm-up run."""
    function(state)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(state)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def trivial_view(client) -> None:
    """The anonymous log-in page: the whole stack (every middleware, the session, CSRF, the template
    engine with the base template) with no query."""
    response = client.get("/akun/masuk/")
    assert response.status_code == 200, response.status_code


def main(argv: list[str]) -> int:
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test import Client

    import benchmarks
    from benchmarks.nation import build_nation

    wanted = argv[0] if argv else ""
    modules = [
        importlib.import_module(f"benchmarks.{info.name}")
        for info in pkgutil.iter_modules(benchmarks.__path__)
        if info.name.startswith("bench_")
    ]
    selected = [bench for module in modules for bench in module.BENCHMARKS if wanted in bench.name]
    # No setup_test_environment(): its instrumented template rendering would be measured too.
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    anonymous = Client()
    over = []
    try:
        start = time.perf_counter()
        nation = build_nation()
        print(f"database: {connection.vendor}; national data built in {time.perf_counter() - start:.0f} s")
        print(f"{'benchmark':<58} {'median ms':>10} {'trivial ms':>10} {'x trivial':>9} {'target':>7}")
        for bench in selected:
            with transaction.atomic() if bench.rollback else contextlib.nullcontext():
                state = bench.setup(nation)
                base = timed(trivial_view, anonymous, TRIVIAL_REPEAT)
                seconds = timed(bench.run, state, bench.repeat)
                if bench.rollback:
                    transaction.set_rollback(True)
            ratio = seconds / base
            target = f"{bench.target:.0f}x" if bench.target else ""
            if bench.target and ratio > bench.target:
                over.append(bench.name)
                target += " !"
            print(f"{bench.name:<58} {seconds * 1000:>10.1f} {base * 1000:>10.2f} {ratio:>9.1f} {target:>7}")
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)
    if over:
        print("over target:", ", ".join(over))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
