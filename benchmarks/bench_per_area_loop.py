"""The vectorised ``compute_year`` against a per-area loop as an analyst would write it.

    /work/venv/bin/python benchmarks/bench_per_area_loop.py [--repeats 3] [--budget 120]

The loop walks the rows of the whole-country KWB 2017 table and, for every area and every
proportion indicator over ``inwoners``, calls statsmodels' ``proportion_confint`` (Wilson) at
95 % and 99.8 %, looks up the gemeente and NL values and applies the rule "benchmark outside
the area's interval => different". It does less than ``compute_year`` (no rates, amounts,
materiality, peers or funnels), so the printed ratio understates the gap. Before timing, the
95 % Wilson limits and the "outside the 95 % interval" flags of both are checked to agree.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from statsmodels.stats.proportion import proportion_confint

from wijkkracht.areas.catalogue import INDICATORS, PROPORTION, Indicator
from wijkkracht.areas.sources.files import read_kwb_file
from wijkkracht.areas.table import KwbTable
from wijkkracht.wijkfoto.core.compute import ComputedYear, compute_year

# Data lives next to the repository (../shared/data); the absolute path is only a fallback.
DATA_ROOTS = (Path(__file__).resolve().parents[2] / "shared" / "data", Path("/work/shared/data"))
COUNTRY_2017 = Path("kwb/kmazurek95-kwb2017-subset/indicators_buurt_wijk_gemeente.csv")

Record = dict[str, Any]


def default_data() -> Path | None:
    for root in DATA_ROOTS:
        if root.is_dir():
            return root / COUNTRY_2017
    return None


def loop_indicators(table: KwbTable) -> list[Indicator]:
    """Proportions over inwoners whose numerator this table has."""
    columns = set(table.frame.columns)
    return [i for i in INDICATORS
            if i.kind == PROPORTION and i.denominator == ("inwoners",)
            and i.numerator in columns and "inwoners" in columns]


def pct(row: Record | None, field: str) -> float | None:
    if row is None or row[field] is None or not row["inwoners"]:
        return None
    return row[field] / row["inwoners"] * 100


def verdict(bench: float | None, lo95: float, hi95: float, lo998: float, hi998: float) -> str:
    """Benchmark outside the area's interval => different; the level says which interval."""
    if bench is None or not (math.isfinite(lo95) and math.isfinite(hi95)):
        return "not_compared"
    if lo95 <= bench <= hi95:
        return "similar"
    word = "higher" if bench < lo95 else "lower"  # benchmark below the area: area is higher
    return f"{word} (99.8%)" if not lo998 <= bench <= hi998 else f"{word} (95%)"


def per_area_loop(table: KwbTable, indicators: list[Indicator]) -> list[Record]:
    """One record per area and indicator, written the straightforward way."""
    rows = list(table.frame.iter_rows(named=True))
    by_code = {row["code"]: row for row in rows}
    nl = next((row for row in rows if row["level"] == "NL"), None)
    out: list[Record] = []
    for row in rows:
        n = row["inwoners"]
        gemeente = by_code.get(row["gemeente_code"]) if row["level"] in ("WK", "BU") else None
        for ind in indicators:
            x = row[ind.numerator]
            if x is None or n is None or n <= 0:
                continue
            lo95, hi95 = proportion_confint(x, n, alpha=0.05, method="wilson")
            lo998, hi998 = proportion_confint(x, n, alpha=0.002, method="wilson")
            lo95, hi95, lo998, hi998 = lo95 * 100, hi95 * 100, lo998 * 100, hi998 * 100
            # At x = 0 statsmodels gives a lower limit of ~1e-17, not 0, and a gemeente at 0 %
            # would then lie "outside"; the library pins the edges, so the loop does too.
            if x == 0:
                lo95 = lo998 = 0.0
            if x == n:
                hi95 = hi998 = 100.0
            gm_value = pct(gemeente, ind.numerator)
            nl_value = pct(nl, ind.numerator) if row["level"] != "NL" else None
            out.append({
                "code": row["code"], "indicator": ind.id, "value": x / n * 100,
                "lower95": lo95, "upper95": hi95, "lower998": lo998, "upper998": hi998,
                "vs_gemeente": verdict(gm_value, lo95, hi95, lo998, hi998),
                "vs_nl": verdict(nl_value, lo95, hi95, lo998, hi998),
            })
    return out


def check_same(records: list[Record], computed: ComputedYear, indicators: list[Indicator]) -> None:
    """Both sides must give the same 95 % limits and the same "outside 95 %" flags where both
    have a defined interval (the loop also feeds x > n to statsmodels; the library says NaN)."""
    for ind in indicators:
        res = computed.results[ind.id]
        recs = [r for r in records if r["indicator"] == ind.id]
        idx = np.array([computed.index[r["code"]] for r in recs], dtype=np.int64)
        lo = np.array([r["lower95"] for r in recs])
        hi = np.array([r["upper95"] for r in recs])
        both = np.isfinite(lo) & np.isfinite(res.lower95[idx])
        assert np.allclose(lo[both], res.lower95[idx][both], rtol=1e-9, atol=1e-9), ind.id
        assert np.allclose(hi[both], res.upper95[idx][both], rtol=1e-9, atol=1e-9), ind.id
        for key, cmp_ in (("vs_gemeente", res.vs_gemeente), ("vs_nl", res.vs_nl)):
            compared = np.array([r[key] != "not_compared" for r in recs]) & both
            outside = np.array([r[key] not in ("similar", "not_compared") for r in recs])
            assert (outside[compared] == cmp_.significant[idx][compared]).all(), (ind.id, key)
        print(f"  {ind.id}: {both.sum():,} areas agree on 95% limits and the outside-95% rule "
              f"({len(recs) - both.sum()} only in the loop)")


def time_runs(fn: Callable[[], object], repeats: int, budget: float) -> list[float]:
    """Up to ``repeats`` timed calls, stopping early once ``budget`` seconds are spent."""
    times: list[float] = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        if sum(times) >= budget:
            break
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help="KWB file (default: whole-country 2017)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--budget", type=float, default=120.0,
                        help="stop repeating the loop once it has taken this many seconds")
    args = parser.parse_args()
    path = args.data or default_data()
    if path is None or not path.exists():
        print(f"skipped: KWB data not found ({path or ' or '.join(map(str, DATA_ROOTS))})")
        return 0

    table = read_kwb_file(path)
    indicators = loop_indicators(table)
    if not indicators:
        print(f"skipped: {path.name} has no proportion indicator over inwoners")
        return 0
    print(f"file: {path}")
    print(f"areas {table.frame.height:,}; loop indicators ({len(indicators)}): "
          f"{', '.join(i.id for i in indicators)}")

    computed = compute_year(table)  # also the warm-up of the vectorised side
    records = per_area_loop(table, indicators)
    print("check (loop vs compute_year):")
    check_same(records, computed, indicators)

    loop_times = time_runs(lambda: per_area_loop(table, indicators), args.repeats, args.budget)
    note = ""
    if len(loop_times) < args.repeats:
        note = (f" -- stopped after {len(loop_times)} of {args.repeats} runs: over the "
                f"{args.budget:.0f} s budget")
    vec_times = time_runs(lambda: compute_year(table), args.repeats, float("inf"))
    loop_s, vec_s = statistics.median(loop_times), statistics.median(vec_times)
    available = sum(r.available for r in computed.results.values())
    print(f"per-area loop: median {loop_s:.2f} s of {len(loop_times)} runs "
          f"(min {min(loop_times):.2f}, max {max(loop_times):.2f}){note}; "
          f"{len(records):,} area x indicator records, {2 * len(records):,} Wilson calls")
    print(f"compute_year:  median {vec_s:.3f} s of {len(vec_times)} runs "
          f"(min {min(vec_times):.3f}, max {max(vec_times):.3f}); all {available} available "
          "indicators with peers and funnels")
    print(f"ratio loop / vectorised: {loop_s / vec_s:,.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
