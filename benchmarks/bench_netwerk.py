"""Netwerkscan metrics and drawing on a synthetic scan of 500 people and 20,000 ties (the
issue's budget: metrics and drawing under 2 s).

    .venv/bin/python benchmarks/bench_netwerk.py [--people 500] [--ties 20000]
        [--repeats 5] [--permutations 999] [--seed 2026] [--budget 2.0] [--pdf]

Builds a seeded scan - eight sectors, ties four times as likely within a sector as between,
levels 1-4 in proportions 40/30/20/10 %, a third of the ties answered back, 90 % response,
trust and value items on half the ties - then times, after one untimed warm-up, everything a
scan report shows: the metrics of all four levels in the three views, per-person metrics
(degree, betweenness, constraint, brokerage, sector bridges) at every level, sector mixing with
E-I and permutation p-values at every level, response, PARTNER-style scores, and change against
a second moment (metrics and tie transitions); then the drawing: one layout for the union of
both moments, the pictures of all four levels (sole bridges, rings, SVG) and the report page
rendered from a report built beforehand. Prints the median, min and max seconds of each part
and of the whole over ``--repeats`` runs, and whether the median total is within budget.

After that, end to end as the web layer runs it: ``build_report`` + ``report_html`` for one
moment and for two (the report recomputes every metric of every moment, so two moments cost
about twice one), and with ``--pdf`` also ``report_pdf`` of one moment (WeasyPrint; slow, not
in the budget). Needs no shared data.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np

from wijkkracht.netwerk.core.change import metric_changes, tie_transitions
from wijkkracht.netwerk.core.layout import scan_layout
from wijkkracht.netwerk.core.levels import level_network
from wijkkracht.netwerk.core.metrics import ladder_metrics
from wijkkracht.netwerk.core.mixing import sector_mixing
from wijkkracht.netwerk.core.model import TIE_LEVELS, Answer, Person, Scan
from wijkkracht.netwerk.core.people import person_metrics, sector_bridges
from wijkkracht.netwerk.core.response import response_summary
from wijkkracht.netwerk.core.trust import partner_scores
from wijkkracht.netwerk.report import NetwerkReport, build_report, report_html, report_pdf
from wijkkracht.netwerk.report.svg import broker_marks, network_picture, sector_styles

SECTORS = ("huisarts", "wijkverpleging", "sociaal wijkteam", "welzijn", "jeugd",
           "woningcorporatie", "politie", "bewonersinitiatief")


def synthetic_scan(people: int, ties: int, seed: int, moment: str = "T0") -> Scan:
    """A seeded scan with sector homophily, reciprocity and 90 % response."""
    rng = np.random.default_rng(seed)
    sector = rng.integers(0, len(SECTORS), size=people)
    roster = tuple(Person(f"p{i:04d}", f"Persoon {i}", SECTORS[sector[i]], f"org{i % 60}")
                   for i in range(people))
    responded = rng.random(people) < 0.9
    weight = np.where(sector[:, None] == sector[None, :], 4.0, 1.0)
    weight[~responded, :] = 0.0
    np.fill_diagonal(weight, 0.0)
    flat = weight.ravel() / weight.sum()
    first = int(ties * 0.75)
    chosen = set(rng.choice(people * people, size=first, replace=False, p=flat).tolist())
    for cell in list(chosen):  # answered back: the reverse cell, if its sender responded
        if len(chosen) >= ties:
            break
        sender, receiver = divmod(cell, people)
        if responded[receiver] and rng.random() < 0.5:
            chosen.add(receiver * people + sender)
    while len(chosen) < ties:
        chosen.update(rng.choice(people * people, size=ties - len(chosen), p=flat).tolist())
    cells = sorted(chosen)[:ties]
    levels = rng.choice([1, 2, 3, 4], size=len(cells), p=[0.4, 0.3, 0.2, 0.1])
    scored = rng.random(len(cells)) < 0.5
    items = rng.integers(1, 5, size=(len(cells), 6))
    answers = {}
    for k, cell in enumerate(cells):
        i, j = divmod(cell, people)
        trust = tuple(items[k, :3].tolist()) if scored[k] else ()
        value = tuple(items[k, 3:].tolist()) if scored[k] else ()
        answers[(roster[i].id, roster[j].id)] = Answer(int(levels[k]), trust, value)
    who = frozenset(roster[i].id for i in range(people) if responded[i])
    return Scan(moment, roster, who, answers)


def report(t0: Scan, t1: Scan, permutations: int, seed: int,
           built: NetwerkReport) -> dict[str, float]:
    """Everything a scan report computes and draws, timed per part (seconds)."""
    timings: dict[str, float] = {}

    def timed(name: str, work: Callable[[], object]) -> object:
        start = time.perf_counter()
        result = work()
        timings[name] = time.perf_counter() - start
        return result

    ladder = timed("network metrics, 4 levels x 3 views", lambda: ladder_metrics(t1))
    timed("person metrics, 4 levels", lambda: [person_metrics(t1, k) for k in TIE_LEVELS])
    timed(f"sector mixing + E-I, {permutations} permutations, 4 levels",
          lambda: [sector_mixing(t1, k, permutations=permutations, seed=seed)
                   for k in TIE_LEVELS])
    timed("response + PARTNER-style scores",
          lambda: (response_summary(t1), partner_scores(t1)))
    earlier = ladder_metrics(t0)
    timed("change: metrics + tie transitions",
          lambda: (metric_changes(earlier, ladder), tie_transitions(t0, t1)))
    layout = timed("layout: union of T0 and T1", lambda: scan_layout([t0, t1], seed=seed))
    styles = sector_styles(t1.sectors)
    labels = {p.id: p.name for p in t1.people}
    timed("pictures: sole bridges + SVG, 4 levels", lambda: [
        network_picture(t1, m.level, layout, styles=styles, labels=labels, marks=broker_marks(
            sector_bridges(level_network(t1, m.level, "any")), m.any.top_broker))
        for m in ladder])
    timed("report page (HTML) from a built report", lambda: report_html(built))
    timings["total"] = sum(timings.values())
    return timings


def summarise(runs: list[dict[str, float]], width: int = 52) -> None:
    for name in runs[0]:
        values = [run[name] for run in runs]
        print(f"  {name:<{width}} {statistics.median(values):7.3f} {min(values):7.3f} "
              f"{max(values):7.3f}")


def end_to_end(t0: Scan, t1: Scan, permutations: int, seed: int, pdf: bool) -> dict[str, float]:
    """The report as the web layer makes it: build and render, per number of moments."""
    out = {}
    for name, scans in (("build_report + report_html, T1", [t1]),
                        ("build_report + report_html, T0 and T1", [t0, t1])):
        start = time.perf_counter()
        report_html(build_report(scans, title="bench", permutations=permutations, seed=seed))
        out[name] = time.perf_counter() - start
    if pdf:
        built = build_report([t1], title="bench", permutations=permutations, seed=seed)
        start = time.perf_counter()
        report_pdf(built)
        out["report_pdf, T1 (WeasyPrint only)"] = time.perf_counter() - start
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--ties", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--permutations", type=int, default=999)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--budget", type=float, default=2.0)
    parser.add_argument("--pdf", action="store_true", help="also time report_pdf (slow)")
    args = parser.parse_args()

    start = time.perf_counter()
    t0 = synthetic_scan(args.people, args.ties, args.seed, "T0")
    t1 = synthetic_scan(args.people, args.ties, args.seed + 1, "T1")
    built = time.perf_counter() - start
    print(f"synthetic scans: {args.people} people, {len(t1.answers)} ties (level >= 1), "
          f"{len(t1.respondents)} respondents, built in {built:.2f} s (not timed below)")
    built = build_report([t0, t1], title="bench", permutations=args.permutations,
                         seed=args.seed)
    report(t0, t1, args.permutations, args.seed, built)  # warm-up
    runs = [report(t0, t1, args.permutations, args.seed, built) for _ in range(args.repeats)]
    print(f"seconds over {args.repeats} runs (median / min / max):")
    summarise(runs)
    median = statistics.median(run["total"] for run in runs)
    verdict = "within" if median <= args.budget else "OVER"
    print(f"median total (metrics and drawing) {median:.3f} s: {verdict} the "
          f"{args.budget:g} s budget")
    whole = [end_to_end(t0, t1, args.permutations, args.seed, args.pdf)
             for _ in range(args.repeats)]
    print(f"end to end, seconds over {args.repeats} runs (median / min / max):")
    summarise(whole)


if __name__ == "__main__":
    main()
