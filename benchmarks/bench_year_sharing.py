"""Should a computed wijkfoto year be shared between server processes through the database
(or a cache server), instead of each process computing it once? This measures both sides on
the real KWB 2024 file: computing it, against moving it (pickle + zlib, both ways).

    python benchmarks/bench_year_sharing.py [--repeats 5]

Prints medians in seconds and the sizes in MB. Sharing pays only if fetching and unpacking
are clearly cheaper than computing.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import time
import zlib
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "kwb" / \
    "dertje-85984NED-kwb2024-first10000" / "85984NED.csv"


def median_time(fn, repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: real CBS data not found at {DATA}")
        return 0
    from wijkkracht.areas.sources.files import read_kwb_file
    from wijkkracht.wijkfoto.core.compute import compute_year

    table = read_kwb_file(DATA)
    compute_year(table)  # warm-up: imports, statsmodels
    computing, year = median_time(lambda: compute_year(table), args.repeats)
    packing, packed = median_time(
        lambda: zlib.compress(pickle.dumps(year, protocol=pickle.HIGHEST_PROTOCOL), 1),
        args.repeats)
    unpacking, _ = median_time(lambda: pickle.loads(zlib.decompress(packed)), args.repeats)
    raw = len(pickle.dumps(year, protocol=pickle.HIGHEST_PROTOCOL))
    print(f"KWB 2024: {table.frame.height} areas, {len(year.results)} indicators")
    print(f"compute_year              median {computing:.3f} s")
    print(f"pickle + zlib (to share)  median {packing:.3f} s, {raw / 1e6:.1f} MB -> "
          f"{len(packed) / 1e6:.1f} MB")
    print(f"zlib + unpickle (fetched) median {unpacking:.3f} s (before the transfer itself)")
    print(f"fetching instead of computing saves {computing - unpacking:+.3f} s per process, "
          f"and costs {packing:.3f} s once plus {len(packed) / 1e6:.1f} MB per fetch")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
