"""What the wijkfoto leads with: one headline and the few indicators that stand out.

The order is the order of evidence: first what stands out among the peers even allowing for
how much areas normally differ (the funnel with overdispersion), strongest first; then what
differs from the benchmark at 99.8 %, then at 95 %. The page and the PDF show these on top,
the full tables follow.
"""

from __future__ import annotations

from dataclasses import dataclass

from wijkkracht.wijkfoto.core.profile import IndicatorView, Wijkfoto

SHOWN = 8
QUIET = ("similar", "not_compared")


@dataclass(frozen=True)
class Standout:
    view: IndicatorView
    verdict: str  # the verdict the row is shown with (funnel first, else the benchmark's)
    reason: str  # "funnel" or "benchmark"
    level: float | None


def _comparison(w: Wijkfoto, v: IndicatorView):
    return v.vs_gemeente if w.compare == "gemeente" else v.vs_nl


def standouts(w: Wijkfoto, limit: int = SHOWN) -> list[Standout]:
    funnel = sorted((v for v in w.indicators if v.peers.funnel_verdict not in QUIET),
                    key=lambda v: -abs(v.peers.funnel_z or 0))
    rows = [Standout(v, v.peers.funnel_verdict, "funnel", v.peers.funnel_level) for v in funnel]
    taken = {v.id for v in funnel}
    differ = [v for v in w.indicators if v.id not in taken
              and _comparison(w, v).verdict not in QUIET]
    differ.sort(key=lambda v: (-(_comparison(w, v).level or 0), v.label))
    rows += [Standout(v, _comparison(w, v).verdict, "benchmark", _comparison(w, v).level)
             for v in differ]
    return rows[:limit]


def _lower(label: str) -> str:
    """"Ouderen 65+" -> "ouderen 65+" inside a sentence; "WOZ-waarde" keeps its capitals."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def _names(views: list[IndicatorView], limit: int = 4) -> str:
    names = [f"{_lower(v.label)} ({'hoog' if (v.peers.funnel_z or 0) > 0 else 'laag'})"
             for v in views]
    if len(names) > limit:
        more = len(names) - (limit - 1)
        names = [*names[:limit - 1], f"{more} andere"]
    return ", ".join(names[:-1]) + (" en " if len(names) > 1 else "") + names[-1]


def headline(w: Wijkfoto) -> str:
    """One sentence: what a reader should take away first."""
    name = w.area.name
    assessed = [v for v in w.indicators if v.peers.funnel_verdict != "not_compared"]
    out = [v for v in assessed if v.peers.funnel_verdict != "similar"]
    out.sort(key=lambda v: -abs(v.peers.funnel_z or 0))
    tested = [v for v in w.indicators if _comparison(w, v).verdict != "not_compared"]
    differ = [v for v in tested if _comparison(w, v).verdict != "similar"]
    bench = (w.indicators[0].vs_gemeente.benchmark_name if w.compare == "gemeente"
             and w.indicators else "Nederland")
    group = assessed[0].peers.group if assessed else "gebieden"
    where = f"van {w.area.gemeente_name}" if w.area.level in ("WK", "BU") else "van Nederland"
    if out:
        return (f"{name} valt op tussen de {group} {where} bij {len(out)} van de "
                f"{len(assessed)} kenmerken: {_names(out)}.")
    if differ and assessed:
        return (f"{name} wijkt op {len(differ)} van de {len(tested)} kenmerken af van {bench}, "
                f"maar niet meer dan {group} {where} gewoonlijk van elkaar verschillen.")
    if differ:
        return f"{name} wijkt op {len(differ)} van de {len(tested)} kenmerken af van {bench}."
    if tested:
        return f"{name} wijkt op geen van de {len(tested)} getoetste kenmerken af van {bench}."
    return f"Voor {name} zijn in {w.year} geen kenmerken te toetsen."
