"""The spine chart of one indicator as inline SVG: the peers' spread, the benchmarks, the area.

The light bar runs from the lowest to the highest value among the peers (the other wijken of
the gemeente), the darker part from the 25th to the 75th percentile; the solid black line is the
gemeente, the dashed line Nederland; the marker is the area with its 95 % interval (a whisker with
end caps). The marker's shape carries the verdict, so the chart can be read without colour:

* circle, filled grey: not different (``similar``);
* triangle: different without a judgement (``higher`` points up, ``lower`` down) or favourable
  (``better``), pointing up when the value lies above the benchmark and down when below;
* square: unfavourable (``worse``);
* hollow circle: not compared.

The fill colour repeats the judgement (green favourable, red unfavourable, blue/orange higher or
lower without a judgement, grey not different).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from wijkkracht.wijkfoto.core.wording import VERDICT_NL, fmt_interval, fmt_value

WIDTH, HEIGHT, PAD = 220, 28, 9
COLOURS = {
    "better": "#1b7a3a", "worse": "#b3261e", "higher": "#1f5fa8", "lower": "#b35900",
    "similar": "#6b6b6b", "not_compared": "#ffffff",
}
RANGE_FILL, RANGE_EDGE, IQR_FILL = "#e3e3e3", "#767676", "#8f8f8f"


def _benchmark(view, verdict: str):
    """The comparison the verdict belongs to: the gemeente's unless only Nederland's matches."""
    gm, nl = view.vs_gemeente, view.vs_nl
    if gm.verdict == verdict and gm.benchmark_value is not None:
        return gm
    if nl.verdict == verdict and nl.benchmark_value is not None:
        return nl
    return gm if gm.benchmark_value is not None else nl


def _direction(view, verdict: str) -> int:
    """+1 when the area lies above the benchmark its verdict refers to, -1 below, 0 unknown."""
    if verdict == "higher":
        return 1
    if verdict == "lower":
        return -1
    bench = _benchmark(view, verdict).benchmark_value
    if view.value is not None and bench is not None and view.value != bench:
        return 1 if view.value > bench else -1
    polarity = str(getattr(view, "polarity", ""))
    if polarity == "high_is_good":
        return {"better": 1, "worse": -1}.get(verdict, 0)
    if polarity == "low_is_good":
        return {"better": -1, "worse": 1}.get(verdict, 0)
    return 0


def _triangle(x: float, y: float, up: bool, fill: str) -> str:
    h, w = 6.5, 6.5
    if up:
        pts = f"{x - w:.1f},{y + h - 1:.1f} {x + w:.1f},{y + h - 1:.1f} {x:.1f},{y - h:.1f}"
    else:
        pts = f"{x - w:.1f},{y - h + 1:.1f} {x + w:.1f},{y - h + 1:.1f} {x:.1f},{y + h:.1f}"
    return (f'<polygon points="{pts}" fill="{fill}" stroke="#000" stroke-width="1.2" '
            'stroke-linejoin="round"/>')


def _marker(verdict: str, direction: int, x: float, y: float) -> str:
    fill = COLOURS.get(verdict, "#ffffff")
    if verdict in ("better", "higher", "lower") and direction != 0:
        return _triangle(x, y, direction > 0, fill)
    if verdict == "worse":
        return (f'<rect x="{x - 5.5:.1f}" y="{y - 5.5:.1f}" width="11" height="11" '
                f'fill="{fill}" stroke="#000" stroke-width="1.2"/>')
    if verdict == "similar":
        return (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5.5" fill="{fill}" stroke="#000" '
                'stroke-width="1.2"/>')
    # Not compared (or an unknown verdict): a hollow circle with a heavier outline.
    return (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#ffffff" stroke="#000" '
            'stroke-width="1.6"/>')


def _label(view, verdict: str) -> str:
    p, unit = view.peers, view.unit
    parts = [f"{view.label}: {fmt_value(view.value, unit)}"]
    verdict_nl = VERDICT_NL.get(verdict, verdict)
    bench = _benchmark(view, verdict)
    gm, nl = view.vs_gemeente, view.vs_nl
    if (verdict != "not_compared" and gm.verdict == nl.verdict == verdict
            and gm.benchmark_name and nl.benchmark_name):
        parts.append(f"{verdict_nl} dan {gm.benchmark_name} en dan {nl.benchmark_name}")
    elif verdict != "not_compared" and bench.benchmark_name:
        parts.append(f"{verdict_nl} dan {bench.benchmark_name}")
    else:
        parts.append(verdict_nl)
    lo95, hi95 = view.interval95
    if lo95 is not None and hi95 is not None:
        parts.append(f"95%-interval {fmt_interval([lo95, hi95], unit)}")
    if view.vs_gemeente.benchmark_value is not None:
        parts.append(f"gemeente {fmt_value(view.vs_gemeente.benchmark_value, unit)}")
    if view.vs_nl.benchmark_value is not None:
        parts.append(f"Nederland {fmt_value(view.vs_nl.benchmark_value, unit)}")
    if p.minimum is not None and p.maximum is not None:
        parts.append(f"spreiding {p.group} {fmt_value(p.minimum, unit)} tot "
                     f"{fmt_value(p.maximum, unit)}")
    return "; ".join(parts)


def spine_svg(view, verdict: str) -> Markup:
    p = view.peers
    points = [v for v in (p.minimum, p.maximum, view.value, view.vs_gemeente.benchmark_value,
                          view.vs_nl.benchmark_value, *view.interval95) if v is not None]
    if view.value is None or len(points) < 2:
        return Markup("")
    lo, hi = min(points), max(points)
    if hi == lo:
        lo, hi = lo - 0.5, hi + 0.5

    def sx(v: float) -> float:
        return round(PAD + (v - lo) / (hi - lo) * (WIDTH - 2 * PAD), 1)

    mid = HEIGHT / 2
    parts = []
    if p.minimum is not None and p.maximum is not None:
        parts.append(f'<rect x="{sx(p.minimum)}" y="{mid - 4}" width="'
                     f'{max(1.0, round(sx(p.maximum) - sx(p.minimum), 1))}" height="8" '
                     f'fill="{RANGE_FILL}" stroke="{RANGE_EDGE}" stroke-width="0.8"/>')
    if p.p25 is not None and p.p75 is not None:
        parts.append(f'<rect x="{sx(p.p25)}" y="{mid - 4}" width="'
                     f'{max(1.0, round(sx(p.p75) - sx(p.p25), 1))}" height="8" '
                     f'fill="{IQR_FILL}"/>')
    nl = view.vs_nl.benchmark_value
    if nl is not None:
        parts.append(f'<line x1="{sx(nl)}" x2="{sx(nl)}" y1="1" y2="{HEIGHT - 1}" '
                     'stroke="#000" stroke-width="1.5" stroke-dasharray="3,2"/>')
    gm = view.vs_gemeente.benchmark_value
    if gm is not None:
        parts.append(f'<line x1="{sx(gm)}" x2="{sx(gm)}" y1="1" y2="{HEIGHT - 1}" '
                     'stroke="#000" stroke-width="2.5"/>')
    lo95, hi95 = view.interval95
    if lo95 is not None and hi95 is not None:
        a, b = sx(lo95), sx(hi95)
        parts.append(f'<path d="M{a},{mid - 4}V{mid + 4}M{a},{mid}H{b}M{b},{mid - 4}V{mid + 4}" '
                     'fill="none" stroke="#000" stroke-width="1.5"/>')
    parts.append(_marker(verdict, _direction(view, verdict), sx(view.value), mid))
    return Markup(f'<svg class="spine" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} '
                  f'{HEIGHT}" role="img" aria-label="{escape(_label(view, verdict))}">'
                  + "".join(parts) + "</svg>")
