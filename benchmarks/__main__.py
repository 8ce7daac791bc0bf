"""Run every benchmark module (benchmarks/bench_*.py), or those whose name contains the first argument.

BENCH_PROFILE=N prints, after each benchmark, the N functions with the most cumulative time (cProfile)
over its timed runs, and BENCH_PROFILE_SORT=tottime sorts by time spent in the function itself.
"""

import contextlib
import importlib
import os
import pkgutil
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

TRIVIAL_REPEAT = 21


def timed(function, state, repeat: int) -> tuple[float, float]:
    """Median seconds of ``repeat`` runs after one warm-up run: wall-clock time, and the CPU time of this
    process (the application's Python, without the database server's work), which a machine busy with
    other work disturbs much less."""
    function(state)
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        function(state)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def profiled(function, state, repeat: int, top: int) -> None:
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(repeat):
        function(state)
    profile.disable()
    stats = pstats.Stats(profile).strip_dirs().sort_stats(os.environ.get("BENCH_PROFILE_SORT", "cumulative"))
    stats.print_stats(top)


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
    profile_top = int(os.environ.get("BENCH_PROFILE") or 0)
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
        print(
            f"{'benchmark':<54} {'ms':>8} {'trivial':>8} {'x':>6} {'target':>7}   "
            f"{'CPU ms':>8} {'trivial':>8} {'x':>6}"
        )
        for bench in selected:
            with transaction.atomic() if bench.rollback else contextlib.nullcontext():
                state = bench.setup(nation)
                base = timed(trivial_view, anonymous, TRIVIAL_REPEAT)
                seconds = timed(bench.run, state, bench.repeat)
                if profile_top:
                    profiled(bench.run, state, bench.repeat, profile_top)
                if bench.rollback:
                    transaction.set_rollback(True)
            (wall, cpu), (base_wall, base_cpu) = seconds, base
            ratio = wall / base_wall
            target = f"{bench.target:.0f}x" if bench.target else ""
            if bench.target and ratio > bench.target:
                over.append(bench.name)
                target += " !"
            print(
                f"{bench.name:<54} {wall * 1000:>8.1f} {base_wall * 1000:>8.2f} {ratio:>6.1f} {target:>7}   "
                f"{cpu * 1000:>8.1f} {base_cpu * 1000:>8.2f} {cpu / base_cpu:>6.1f}",
                flush=True,
            )
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)
    if over:
        print("over target:", ", ".join(over))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
