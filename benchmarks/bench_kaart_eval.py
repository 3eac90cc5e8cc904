"""nDCG@10 and recall@10 of a sociale-kaart ranking on the evaluation set, per half.

    .venv/bin/python benchmarks/bench_kaart_eval.py
    .venv/bin/python benchmarks/bench_kaart_eval.py --ranker some.module:make_ranker
    .venv/bin/python benchmarks/bench_kaart_eval.py --half test --per-query
    .venv/bin/python benchmarks/bench_kaart_eval.py --half blind   # once, at the end

Without ``--half`` it scores every half but the blind one: even a blind half's mean, looked at
after each change, would steer the tuning towards it.

A ranker is named by import path ``module:attribute``. The attribute is a factory called once
with the demo services (a list of HSDS 3 service dicts, as ``wijkkracht.kaart.demo.generate()``
returns them) that returns the search function ``search(query, wijk) -> list of service ids``,
best first; ``wijk`` is the resident's CBS wijk code (for example ``"WK039210"``) or ``None``.
To plug in the search core, write such a factory that builds the core's index from the services
and calls its search (see :func:`token_overlap` for the shape).

nDCG@10 uses gains 2**grade - 1 and the ideal ranking of all judged services. recall@10 is the
share of the services graded 2 or 3 that appear in the top 10, out of at most 10 (so a query
with 30 good answers counts a full top 10 of them as 1.0). Queries without any service graded
2 or 3 are left out of recall. See benchmarks/kaart_eval/README.md.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

EVAL_FILE = Path(__file__).with_name("kaart_eval") / "kaart_eval.json"
HALVES = ("tuning", "test", "seen", "blind")  # blind per-query lines only with --half blind
Search = Callable[[str, str | None], list[str]]


def dcg(gains: Iterable[float]) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg_at_k(ranked: list[str], judgments: dict[str, int], k: int = 10) -> float | None:
    """Normalised DCG of the first k ids; None when nothing is judged relevant."""
    ideal = dcg(2 ** g - 1 for g in sorted(judgments.values(), reverse=True)[:k])
    if ideal == 0:
        return None
    return dcg(2 ** judgments.get(sid, 0) - 1 for sid in ranked[:k]) / ideal


def recall_at_k(ranked: list[str], judgments: dict[str, int], k: int = 10,
                min_grade: int = 2) -> float | None:
    """Share of the relevant ids (grade >= min_grade) in the first k, out of at most k."""
    relevant = {sid for sid, g in judgments.items() if g >= min_grade}
    if not relevant:
        return None
    return len(relevant & set(ranked[:k])) / min(k, len(relevant))


_WORD = re.compile(r"[a-zà-ÿ0-9]+")
STOP = frozenset([
    "de", "het", "een", "en", "of", "van", "in", "op", "te", "met", "voor", "aan", "bij",
    "is", "zijn", "was", "er", "niet", "ik", "je", "u", "jij", "hij", "zij", "ze", "we",
    "wij", "mijn", "me", "mij", "uw", "zich", "die", "dat", "dit", "wat", "wie", "hoe",
    "waar", "als", "om", "ook", "nog", "maar", "meer", "al", "door", "naar", "uit", "dan",
    "heb", "heeft", "hebben", "kan", "kunnen", "wil", "wel", "geen", "zo", "elke", "iets",
    "alles",
])


def tokens(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in STOP and len(w) > 1}


def service_text(service: dict) -> str:
    terms = [a["taxonomy_term"]["name"] for a in service.get("attributes", [])
             if a.get("taxonomy_term")]
    return " ".join([service["name"], service.get("description") or "",
                     service["organization"]["name"], *terms])


def wijk_of(service: dict) -> str | None:
    for sal in service.get("service_at_locations", []):
        return sal["location"].get("external_identifier")
    return None


def token_overlap(services: list[dict]) -> Search:
    """Trivial baseline: count the query's words found in the service's text; in-wijk wins ties."""
    docs = [(s["id"], tokens(service_text(s)), wijk_of(s)) for s in services]

    def search(query: str, wijk: str | None = None) -> list[str]:
        q = tokens(query)
        scored = [(len(q & words) + (0.5 if wijk and where == wijk else 0), sid)
                  for sid, words, where in docs if q & words]
        scored.sort(key=lambda x: (-x[0], x[1]))
        return [sid for _, sid in scored]

    return search


def load_ranker(path: str) -> Callable[[list[dict]], Search]:
    module, _, attr = path.partition(":")
    if not attr:
        raise SystemExit(f"--ranker wants module:attribute, got {path!r}")
    return getattr(importlib.import_module(module), attr)


def evaluate(search: Search, queries: list[dict], k: int = 10) -> list[dict]:
    rows = []
    for q in queries:
        ranked = list(search(q["text"], q.get("wijk")))
        rows.append({"id": q["id"], "half": q["half"], "text": q["text"],
                     "ndcg": ndcg_at_k(ranked, q["judgments"], k),
                     "recall": recall_at_k(ranked, q["judgments"], k)})
    return rows


def _mean(values: list[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def summary(rows: list[dict]) -> dict[str, dict]:
    out = {}
    for half in (*HALVES, "all"):
        part = [r for r in rows if half in ("all", r["half"])]
        out[half] = {"queries": len(part), "ndcg@10": _mean([r["ndcg"] for r in part]),
                     "recall@10": _mean([r["recall"] for r in part])}
    return out


def _fmt(v: float | None) -> str:
    return "   -  " if v is None else f"{v:6.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ranker", default=f"{__name__}:token_overlap",
                        help="module:factory, see the module docstring")
    parser.add_argument("--eval", type=Path, default=EVAL_FILE)
    parser.add_argument("--half", choices=(*HALVES, "all", "dev"), default="dev",
                        help="dev (the default): every half but the blind one")
    parser.add_argument("--per-query", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)

    from wijkkracht.kaart import demo

    data = json.loads(args.eval.read_text(encoding="utf-8"))
    services = demo.generate()
    known = {s["id"] for s in services}
    missing = {sid for q in data["queries"] for sid in q["judgments"]} - known
    if missing:
        print(f"stale evaluation set: {len(missing)} judged ids not in the demo; "
              "run benchmarks/kaart_eval/build.py", file=sys.stderr)
        return 1
    queries = [q for q in data["queries"] if args.half in ("all", q["half"])
               or (args.half == "dev" and q["half"] != "blind")]
    rows = evaluate(load_ranker(args.ranker)(services), queries)
    result = summary(rows)
    if args.json:
        print(json.dumps({"ranker": args.ranker, **result}, indent=1))
        return 0
    if args.per_query:
        for r in rows:
            if r["half"] == "blind" and args.half != "blind":
                continue  # looking at blind queries one by one would make them tuning ones
            print(f"{r['id']} {r['half']:6} nDCG {_fmt(r['ndcg'])} recall {_fmt(r['recall'])}  "
                  f"{r['text']}")
        print()
    print(f"ranker: {args.ranker}   services: {len(services)}")
    print(f"{'half':8} {'queries':>7} {'nDCG@10':>8} {'recall@10':>9}")
    for half, s in result.items():
        if s["queries"]:
            print(f"{half:8} {s['queries']:7d} {_fmt(s['ndcg@10']):>8} {_fmt(s['recall@10']):>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
