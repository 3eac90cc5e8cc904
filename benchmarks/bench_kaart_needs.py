"""How well the search core recognises the needs a question names (benchmarks/kaart_needs).

    .venv/bin/python benchmarks/bench_kaart_needs.py

Per set of questions: the needs named that the question does not name ("wrong"), the questions
with at least one of their needs named, and those whose surest need is one of theirs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

QUESTIONS = Path(__file__).with_name("kaart_needs") / "questions.json"


def recognition(planner, questions: list[dict]) -> dict[str, int]:
    wrong = named = top = 0
    for q in questions:
        wanted = set(q["needs"])
        matches = planner.plan(q["text"]).needs
        wrong += sum(m.need.code not in wanted for m in matches)
        named += any(m.need.code in wanted for m in matches)
        surest = max(matches, key=lambda m: m.strength, default=None)
        top += bool(surest and surest.need.code in wanted)
    return {"questions": len(questions), "wrong": wrong, "named": named, "top": top}


def main() -> int:
    from wijkkracht.kaart.core.search import SearchIndex, ServiceDoc, load

    planner = SearchIndex([ServiceDoc("x", "x")], load()).planner
    sets = json.loads(QUESTIONS.read_text(encoding="utf-8"))["sets"]
    print(f"{'set':16} {'questions':>9} {'wrong':>6} {'named':>6} {'top':>5}")
    for name, questions in sets.items():
        r = recognition(planner, questions)
        print(f"{name:16} {r['questions']:9d} {r['wrong']:6d} {r['named']:6d} {r['top']:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
