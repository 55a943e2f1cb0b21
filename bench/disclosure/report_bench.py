"""Time to generate a synthetic year of 依申请公开 and to compute tables 三, 四 and the statistics.

Usage (against a scratch database, never the real one):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gongkai_bench .venv/bin/python manage.py migrate
    DATABASE_URL=... .venv/bin/python bench/disclosure/report_bench.py --year 2025 --count 10000 --units 40
    DATABASE_URL=... .venv/bin/python bench/disclosure/report_bench.py --year 2025 --skip-generate

Prints the generation time, then the median of ``--rounds`` computations for the whole synthetic tree
(with subunits) and for its root unit alone, and the result of every consistency check.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def median_ms(fn: Callable[[], Any], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-generate", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from gongkai.disclosure.models import DisclosureRequest
    from gongkai.disclosure.reports.exporters import xlsx_bytes
    from gongkai.disclosure.reports.scope import ReportScope
    from gongkai.disclosure.reports.statistics import compute_statistics
    from gongkai.disclosure.reports.synthetic import ROOT_CODE, generate_year
    from gongkai.disclosure.reports.table_four import compute_table_four
    from gongkai.disclosure.reports.table_three import check_carry_over, compute_table_three
    from gongkai.units.models import Unit

    print(f"database: {connection.vendor}")
    if not args.skip_generate:
        result = generate_year(year=args.year, count=args.count, seed=args.seed, units=args.units)
        print(
            f"generate {args.year}: {result.created} new, {result.carried_walked} carried, "
            f"{result.appeals} appeals, {result.refused} refused steps, {result.seconds:.1f} s "
            f"({result.seconds * 1000 / max(args.count, 1):.1f} ms/case)"
        )
    root = Unit.objects.get(code=ROOT_CODE)
    total = DisclosureRequest.objects.filter(addressee_unit__path__startswith=root.path).count()
    print(f"synthetic requests in the database: {total}")
    for sub in (True, False):
        scope = ReportScope(root, args.year, sub)
        three = compute_table_three(scope)
        four = compute_table_four(scope)
        print(
            f"\n{scope.label}: 一 {three.value('new')} 二 {three.value('carried_in')} "
            f"三（七） {three.value('decided_total')} 四 {three.value('carried_out')}"
        )
        print(f"  table 三 checks ok: {three.ok}; table 四 checks ok: {four.ok}; 四 cells {four.flat()}")
        prev = compute_table_three(ReportScope(root, args.year - 1, sub))
        print(f"  carry-over from {args.year - 1}: {check_carry_over(prev, three).ok}")
        timings = {
            "table 三": lambda scope=scope: compute_table_three(scope),
            "table 四": lambda scope=scope: compute_table_four(scope),
            "statistics (timeliness over every case's clock)": lambda scope=scope: compute_statistics(
                scope, with_cases=True
            ),
            "xlsx export": lambda three=three, four=four: xlsx_bytes(three, four),
        }
        for name, fn in timings.items():
            print(f"  {name}: {median_ms(fn, args.rounds):.1f} ms (median of {args.rounds})")


if __name__ == "__main__":
    main()
