"""Search by need over a kaart of 100,000 services (issue 9's budget: p95 under 50 ms server
time on PostgreSQL), beside a plain full-text query on the same table.

    .venv/bin/python benchmarks/bench_kaart_search.py
    .venv/bin/python benchmarks/bench_kaart_search.py --fresh --services 100000 --rounds 5
    .venv/bin/python benchmarks/bench_kaart_search.py --database-url sqlite:////tmp/kaart.sqlite3

Makes (or reuses) a dedicated database (default ``wk_bench_kaart`` on 127.0.0.1:5432), migrates
it and fills it with ``--services`` services: the 370 fictional demo services
(``kaart.demo.generate``) copied over and over, each copy with its own id, a name with a
number, and its point moved up to about a kilometre, so every need has hundreds of times as
many answers as in the demo. The kaart rows are bulk-inserted (service and organisation only);
the search documents are made by the real indexer (``kaart.indexing.index_new``).

Then times, after one untimed round, ``--rounds`` rounds of the evaluation queries
(benchmarks/kaart_eval, every half: only their timings are printed), each with its resident's
wijk as origin, through ``kaart.search.find``
(the whole search: planning, both candidate routes, ranking, fetching the page's services).
Prints the median and p95 in ms, and the same for a plain full-text query on the same table:
the query's own analysed terms OR-ed, ranked by the engine (``ts_rank`` / FTS5 ``rank``), top
10, no needs, no filters, no ranking by the core; and the ratio of the two.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

from bench_database import ensure_database, setup_django

EVAL_FILE = Path(__file__).with_name("kaart_eval") / "kaart_eval.json"
NAMESPACE = uuid.UUID("6f1c1b1e-5a55-4e0b-9d55-000000000009")
BATCH = 5000


def _copies(n: int) -> list[dict]:
    """``n`` services: the demo kaart copied, each copy renamed and moved a little."""
    import copy

    from wijkkracht.kaart import demo

    base = demo.generate()
    rng = random.Random(9)
    out = []
    for i in range(n):
        service = copy.deepcopy(base[i % len(base)])
        service["id"] = str(uuid.uuid5(NAMESPACE, f"service-{i}"))
        service["name"] = f"{service['name']} {i // len(base) + 1}"
        for link in service.get("service_at_locations") or ():
            location = link.get("location") or {}
            if location.get("latitude") is not None:
                location["latitude"] += rng.uniform(-0.009, 0.009)
                location["longitude"] += rng.uniform(-0.014, 0.014)
        out.append(service)
    return out


def _fill(n: int) -> None:
    from wijkkracht.kaart import indexing
    from wijkkracht.kaart import models as m

    have = m.Service.objects.count()
    if have >= n:
        print(f"kaart: {have} services already there")
        return
    services = _copies(n)[have:]
    started = time.perf_counter()
    organisations = {}
    for s in services:
        org = s.get("organization")
        if org and org["id"] not in organisations:
            organisations[org["id"]] = m.Organization(id=org["id"], name=org["name"],
                                                      description=org.get("description", ""))
    m.Organization.objects.bulk_create(list(organisations.values()), ignore_conflicts=True,
                                       batch_size=BATCH)
    for start in range(0, len(services), BATCH):
        chunk = services[start:start + BATCH]
        m.Service.objects.bulk_create(
            [m.Service(id=s["id"], name=s["name"], description=s.get("description"),
                       status="active", organization_id=(s.get("organization") or {}).get("id"))
             for s in chunk], batch_size=BATCH)
        indexing.index_new(chunk)
        print(f"  indexed {have + start + len(chunk)} services", flush=True)
    print(f"kaart: {n} services in {time.perf_counter() - started:.0f} s")


def _plain(terms: list[str]) -> list:
    from django.db import connection

    from wijkkracht.kaart.indexing import FTS_TABLE

    if not terms:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT d.service_id FROM kaart_searchdocument d, to_tsquery('simple', %s) q "
                "WHERE d.fts @@ q ORDER BY ts_rank(d.fts, q) DESC LIMIT 10",
                [" | ".join(f"'{t}'" for t in terms)])
        else:
            cursor.execute(
                f"SELECT d.service_id FROM {FTS_TABLE} f JOIN kaart_searchdocument d "
                f"ON d.id = f.rowid WHERE {FTS_TABLE} MATCH %s ORDER BY f.rank LIMIT 10",
                [" OR ".join(f'"{t}"' for t in terms)])
        return cursor.fetchall()


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url",
                        default="postgres://postgres@127.0.0.1:5432/wk_bench_kaart")
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--budget", type=float, default=50.0, help="p95 budget in ms")
    parser.add_argument("--fresh", action="store_true", help="drop and refill the database")
    args = parser.parse_args()

    ensure_database(args.database_url, args.fresh)
    setup_django(args.database_url)
    _fill(args.services)

    from django.db import connection

    from wijkkracht.kaart import search
    from wijkkracht.kaart.indexing import analyzer, fts_text

    queries = json.loads(EVAL_FILE.read_text(encoding="utf-8"))["queries"]
    origins = {q["wijk"]: search.origin_for(wijk=q["wijk"]) for q in queries if q["wijk"]}
    plain_terms = {q["id"]: fts_text(analyzer().terms(q["text"])).split() for q in queries}

    def run_find(q: dict) -> None:
        with contextlib.suppress(search.QueryError):
            search.find(q["text"], origin=origins.get(q["wijk"]))

    def run_plain(q: dict) -> None:
        _plain(plain_terms[q["id"]])

    timings: dict[str, list[float]] = {"need search (find)": [], "plain full-text": []}
    for round_ in range(args.rounds + 1):
        for q in queries:
            for label, run in (("need search (find)", run_find), ("plain full-text", run_plain)):
                started = time.perf_counter()
                run(q)
                if round_:  # the first round warms caches and is not counted
                    timings[label].append((time.perf_counter() - started) * 1000)

    print(f"database: {connection.vendor}, services: {search._current().stats.n}, "
          f"queries: {len(queries)} x {args.rounds} rounds")
    print(f"{'search':<22}{'median ms':>10}{'p95 ms':>10}")
    for label, values in timings.items():
        print(f"{label:<22}{statistics.median(values):>10.1f}{_p95(values):>10.1f}")
    need, plain = timings["need search (find)"], timings["plain full-text"]
    ratio = statistics.median(need) / statistics.median(plain)
    print(f"ratio need/plain (medians): {ratio:.1f}")
    within = _p95(need) <= args.budget
    print(f"p95 within {args.budget:.0f} ms: {'yes' if within else 'NO'}")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
