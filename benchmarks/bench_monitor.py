"""All monitor indicators for every team, every wijk and the organisation, per month and per
quarter over 36 months, from synthetic case events; against a plain polars group_by of the
same events (the least any such computation has to do).

    .venv/bin/python benchmarks/bench_monitor.py                 # 10 000 000 events
    .venv/bin/python benchmarks/bench_monitor.py --events 1000000 --rounds 3

The events are drawn at random (fixed seed) in the proportions casework makes them: per case an
opening, a closing, a first contact, sometimes a crisis, a referral, an escalation, repeated
assessments. Times are medians over the rounds; the disclosure-control share is reported apart.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

import numpy as np
import polars as pl

from wijkkracht.monitor.core import compute as mc
from wijkkracht.monitor.core.indicators import builtin

KINDS = {  # kind: share of all events
    "opened": 0.16, "closed": 0.15, "first_contact_days": 0.15, "signal:huisarts": 0.04,
    "signal:bewoner": 0.06, "signal:overig": 0.06, "crisis": 0.01, "escalation": 0.02,
    "referral_out": 0.05, "closed_without_specialised": 0.11, "closed_with_network": 0.05,
    "reassessed": 0.05, "improved": 0.03, "change:zrm/financien": 0.03,
    "change:zrm/huisvesting": 0.03,
}


def synthetic(events: int, teams: int, wijken: int, last: dt.date, seed: int = 7) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    names = list(KINDS)
    share = np.array(list(KINDS.values()))
    end = (last - mc.EPOCH).days
    kind = rng.choice(len(names), size=events, p=share / share.sum())
    value = np.ones(events)
    contact = kind == names.index("first_contact_days")
    value[contact] = rng.integers(0, 30, contact.sum())
    change = np.isin(kind, [names.index(k) for k in names if k.startswith("change:")])
    value[change] = rng.integers(-2, 4, change.sum())
    wijk_codes = np.array([f"WK0999{w:02d}" for w in range(wijken)])
    return pl.DataFrame({
        "team": rng.integers(1, teams + 1, events).astype(np.int32),
        "wijk": wijk_codes[rng.integers(0, wijken, events)],
        "day": (end - rng.integers(0, 40 * 31, events)).astype(np.int32),
        "kind": np.array(names)[kind],
        "value": value,
    }, schema=mc.SCHEMA)


def plain(events: pl.DataFrame) -> pl.DataFrame:
    """The reference: counts and sums per team, wijk, month and kind, nothing more."""
    return (events.lazy().with_columns((pl.col("day").cast(pl.Date).dt.truncate("1mo")).alias("m"))
            .group_by("team", "wijk", "m", "kind")
            .agg(pl.len(), pl.col("value").sum()).collect())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--teams", type=int, default=20)
    parser.add_argument("--wijken", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    last = dt.date(2026, 11, 30)
    events = synthetic(args.events, args.teams, args.wijken, last)
    definitions = builtin().for_domains({"zrm/financien": "ZRM: Financiën",
                                         "zrm/huisvesting": "ZRM: Huisvesting"})
    first, end = mc.window(last, 36)
    ours, base, objects = [], [], []
    for _ in range(args.rounds):
        start = time.perf_counter()
        result = mc.compute(events, definitions, first=first, last=end)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        series = result.all_series()
        objects.append(time.perf_counter() - start)
        start = time.perf_counter()
        plain(events)
        base.append(time.perf_counter() - start)
    mine, theirs = statistics.median(ours), statistics.median(base)
    print(f"events {args.events:,}; teams {args.teams}; wijken {args.wijken}; "
          f"indicators {len(definitions)}; series {len(series):,}; "
          f"cells suppressed {result.suppressed:,}")
    print(f"all indicators, median of {args.rounds}: {mine:.3f} s")
    print(f"then every series as point objects (pages ask for a few): "
          f"{statistics.median(objects):.3f} s")
    print(f"plain polars group_by, median of {args.rounds}: {theirs:.3f} s")
    print(f"ratio: {mine / theirs:.2f}")


if __name__ == "__main__":
    main()
