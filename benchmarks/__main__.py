"""Run every benchmark module (benchmarks/bench_*.py), or those whose name contains the first argument."""

import importlib
import os
import pkgutil
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "antikorupsi.test_settings")


def timed(function, state, repeat: int) -> float:
    """Median seconds of ``repeat`` runs after one warm-up run."""
    function(state)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(state)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def baseline(_state) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def main(argv: list[str]) -> int:
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test.utils import setup_test_environment

    import benchmarks

    wanted = argv[0] if argv else ""
    modules = [
        importlib.import_module(f"benchmarks.{info.name}")
        for info in pkgutil.iter_modules(benchmarks.__path__)
        if info.name.startswith("bench_")
    ]
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        base = timed(baseline, None, 51)
        print(f"database: {connection.vendor}; baseline SELECT 1: {base * 1000:.3f} ms")
        print(f"{'benchmark':<50} {'median ms':>10} {'x baseline':>12}")
        for module in modules:
            for bench in module.BENCHMARKS:
                if wanted not in bench.name:
                    continue
                with transaction.atomic():
                    state = bench.setup()
                    seconds = timed(bench.run, state, bench.repeat)
                    transaction.set_rollback(True)
                print(f"{bench.name:<50} {seconds * 1000:>10.1f} {seconds / base:>12.0f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
