"""How long ``compute_year`` takes for the whole country, and how it grows with more areas.

    /work/venv/bin/python benchmarks/bench_wijkfoto_country.py [--repeats 7] [--scale 10]
    /work/venv/bin/python benchmarks/bench_wijkfoto_country.py --data path/to/kwb.csv

Loads the KWB 2017 file with every gemeente, wijk and buurt of NL (16,667 areas), times loading
and ``compute_year`` separately, then times ``compute_year`` on a synthetic table with ``--scale``
times as many areas (the real areas copied under new, valid, unique codes) and prints how the
time grows compared with the number of areas.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl

from wijkkracht.areas.sources.files import read_kwb_file
from wijkkracht.areas.table import KwbTable
from wijkkracht.wijkfoto.core.compute import compute_year

# Data lives next to the repository (../shared/data); the absolute path is only a fallback.
DATA_ROOTS = (Path(__file__).resolve().parents[2] / "shared" / "data", Path("/work/shared/data"))
COUNTRY_2017 = Path("kwb/kmazurek95-kwb2017-subset/indicators_buurt_wijk_gemeente.csv")
CODE_COLUMNS = ("code", "gemeente_code", "wijk_code", "parent_code")


def default_data() -> Path | None:
    for root in DATA_ROOTS:
        if root.is_dir():
            return root / COUNTRY_2017
    return None


def time_runs(fn: Callable[[], object], repeats: int, warmup: bool = True) -> list[float]:
    """Wall-clock seconds of ``repeats`` calls; one untimed warm-up call first, so one-off
    costs (lazy imports, caches) do not land in the first sample."""
    if warmup:
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def summary(times: list[float]) -> str:
    return (f"median {statistics.median(times):.3f} s  min {min(times):.3f} s  "
            f"max {max(times):.3f} s  (n={len(times)})")


def replicate(table: KwbTable, scale: int) -> KwbTable:
    """``scale`` copies of every area below NL, each copy under new gemeente digits.

    Gemeente i of copy r gets the 4 digits ``r * n_gemeenten + i + 1``, applied to positions
    3-6 of every code column, so GMxxxx, WKxxxxyy and BUxxxxyyzz keep sharing their gemeente
    digits and the hierarchy (gemeente, wijk, parent) stays consistent. One NL row is kept.
    """
    frame = table.frame
    is_nl = pl.col("level") == "NL"
    below = frame.filter(~is_nl)
    digits = sorted(below["gemeente_code"].str.slice(2, 4).unique().to_list())
    if scale * len(digits) > 9999:
        raise SystemExit(f"--scale {scale} x {len(digits)} gemeenten does not fit in 4 digits "
                         f"(at most {9999 // len(digits)} copies)")
    copies = []
    for r in range(scale):
        mapping = {d: f"{r * len(digits) + i + 1:04d}" for i, d in enumerate(digits)}
        copies.append(below.with_columns(
            (pl.col(c).str.slice(0, 2)
             + pl.col(c).str.slice(2, 4).replace_strict(mapping, default=None)
             + pl.col(c).str.slice(6)).alias(c)
            for c in CODE_COLUMNS
        ).with_columns(
            # parent_code of a gemeente is NL00: its digits are not in the mapping.
            pl.when(pl.col("level") == "GM").then(pl.lit("NL00"))
            .otherwise(pl.col("parent_code")).alias("parent_code"),
        ))
    nl_row = frame.filter(is_nl).head(1)
    big = pl.concat([nl_row, *copies], how="vertical")
    # Guard the premise of the benchmark: codes unique, none lost, hierarchy consistent.
    assert big["code"].null_count() == 0 and big["code"].n_unique() == big.height
    assert big["parent_code"].null_count() == frame["parent_code"].null_count()
    rest = big.filter(~is_nl)
    assert (rest["code"].str.slice(2, 4) == rest["gemeente_code"].str.slice(2, 4)).all()
    return KwbTable(table.year, big, f"{table.source} x{scale} (synthetic)", table.layout,
                    table.table_id)


def bench_compute(table: KwbTable, repeats: int) -> float:
    computed = compute_year(table)
    indicators = sum(r.available for r in computed.results.values())
    times = time_runs(lambda: compute_year(table), repeats)
    median = statistics.median(times)
    areas = table.frame.height
    print(f"  compute_year: {summary(times)}")
    print(f"  areas {areas:,}  indicators available {indicators} of {len(computed.results)}  "
          f"areas x indicators per second {areas * indicators / median:,.0f}")
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help="KWB file (default: whole-country 2017)")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--scale", type=int, default=10,
                        help="copies of the areas for the growth test (1 or less: skip it)")
    args = parser.parse_args()
    path = args.data or default_data()
    if path is None or not path.exists():
        print(f"skipped: KWB data not found ({path or ' or '.join(map(str, DATA_ROOTS))})")
        return 0

    print(f"file: {path}")
    load_times = time_runs(lambda: read_kwb_file(path), args.repeats, warmup=False)
    table = read_kwb_file(path)
    print(f"  read_kwb_file: {summary(load_times)}")
    base = bench_compute(table, args.repeats)

    if args.scale > 1:
        start = time.perf_counter()
        big = replicate(table, args.scale)
        print(f"\nsynthetic x{args.scale} (built in {time.perf_counter() - start:.2f} s, "
              "not timed below)")
        scaled = bench_compute(big, args.repeats)
        area_ratio = big.frame.height / table.frame.height
        time_ratio = scaled / base
        print(f"\ngrowth: areas x{area_ratio:.2f}, time x{time_ratio:.2f} "
              f"(time ratio / area ratio = {time_ratio / area_ratio:.2f}; 1.00 = linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
