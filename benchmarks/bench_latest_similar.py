"""What the latest-year combination and the similar wijken add to a wijkfoto.

    .venv/bin/python benchmarks/bench_latest_similar.py [--repeats 7]

On the real files (KWB 2024 first 10,000 areas; KWB 2017 whole country; Den Haag 2019) prints
the median, min and max seconds of: ``compute_year`` (which now includes the similar areas),
the similar-areas step on its own (``find_similar``: standardise + k-d tree for wijken and
gemeenten) and the peer-group averages and verdicts of every indicator, ``combine_years`` for two
and three years, and ``build_wijkfoto`` of one wijk from one year and from the combination.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import numpy as np

from bench_wijkfoto_country import time_runs  # the scripts' one timer (run from here)
from wijkkracht.areas.registry import find_area
from wijkkracht.areas.sources.files import read_kwb_file
from wijkkracht.wijkfoto.core.compute import compute_year, similar_comparison
from wijkkracht.wijkfoto.core.latest import combine_years
from wijkkracht.wijkfoto.core.profile import build_wijkfoto
from wijkkracht.wijkfoto.core.similar import FEATURES, find_similar

DATA_ROOTS = (Path(__file__).resolve().parents[2] / "shared" / "data", Path("/work/shared/data"))
FILES = {
    "2024": "kwb/dertje-85984NED-kwb2024-first10000/85984NED.csv",
    "2017": "kwb/kmazurek95-kwb2017-subset/indicators_buurt_wijk_gemeente.csv",
    "2019dh": "kwb/dhzw-84583NED-kwb2019-denhaag/84583NED-denhaag.csv",
}
WIJK = "WK051828"  # Wijk 28 Centrum, 's-Gravenhage: in all three files


def line(label: str, times: list[float]) -> None:
    print(f"{label:<58} median {statistics.median(times) * 1000:8.1f} ms  "
          f"min {min(times) * 1000:8.1f}  max {max(times) * 1000:8.1f}  (n={len(times)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    root = next((r for r in DATA_ROOTS if r.is_dir()), None)
    if root is None:
        print("skipped: ../shared/data is absent")
        return 0
    tables = {k: read_kwb_file(root / v) for k, v in FILES.items()}
    n = args.repeats
    for key in ("2024", "2017"):
        t = tables[key]
        levels = t.frame["level"].to_numpy()
        print(f"KWB {t.year} ({FILES[key]}): {t.frame.height} areas, "
              f"{int((levels == 'WK').sum())} wijken, {int((levels == 'GM').sum())} gemeenten")
        line("  compute_year (with similar areas)", time_runs(lambda t=t: compute_year(t), n))
        c = compute_year(t)
        values = {f: c.results[f].value for f, _ in FEATURES if c.results[f].available}
        line("  find_similar (z-scores + cKDTree, WK and GM)",
             time_runs(lambda lv=levels, v=values: find_similar(lv, v), n))
        rows = c.similar.rows
        area_rows = np.arange(len(c.codes))
        available = [r for r in c.results.values() if r.available]
        line(f"  peer averages + verdicts, {len(available)} indicators",
             time_runs(lambda a=available, p=rows, i=area_rows:
                       [similar_comparison(r, p, i) for r in a], n))
    c24, c19, c17 = (compute_year(tables[k]) for k in ("2024", "2019dh", "2017"))
    line("combine_years(2024, 2019 Den Haag)", time_runs(lambda: combine_years([c24, c19]), n))
    line("combine_years(2024, 2019 Den Haag, 2017 NL)",
         time_runs(lambda: combine_years([c24, c19, c17]), n))
    both = combine_years([c24, c19, c17])
    area = find_area(c24.table, WIJK)
    line("build_wijkfoto, one year", time_runs(lambda: build_wijkfoto(c24, area), n))
    line("build_wijkfoto, three years combined", time_runs(lambda: build_wijkfoto(both, area), n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
