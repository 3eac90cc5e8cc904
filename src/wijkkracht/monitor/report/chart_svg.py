"""A computed run or control chart as one accessible, self-contained SVG string.

* ``role="img"`` with a ``<title>`` and a ``<desc>`` that holds the plain-Dutch reading and the
  method, so a screen reader gets the conclusion, not a cloud of shapes; the drawing itself is
  ``aria-hidden``. No JavaScript, no external fonts or images.
* Colour is never the only carrier (WCAG 2.1 SC 1.4.1): a special-cause point is a triangle
  (improvement), a square (concern) or a diamond (no direction) instead of a dot; a point left
  out of the calculation is hollow; the centre line is solid, the limits dashed, the target
  dash-dotted.
* Every element has a CSS class (``spc-…``), so the site's stylesheet sets the colours; the
  presentation attributes are only a fallback for PDF and stand-alone use (CSS beats them). No
  ``<style>`` element: the site's Content-Security-Policy (style-src 'self') would block it.
* The ``viewBox`` is 360 units wide with 11-13 unit text, so the chart stays legible when it
  shrinks to a 320 px phone screen.
"""

from __future__ import annotations

import math
from html import escape

from wijkkracht.stats.spc import ChartPoint, SpcChart

from .reading import PeriodWords, method_sentence, reading_text, value_text

WIDTH, HEIGHT = 360, 250
LEFT, RIGHT, TOP, BOTTOM = 46, 10, 22, 62
FONT = 11
MARKER = 3.6
# fallbacks only; the stylesheet's .spc-* rules win
INK, GRID, LINE = "#1a1a1a", "#d0d0d0", "#4d4d4d"
IMPROVEMENT, CONCERN, NEUTRAL, COMMON = "#1f5fa8", "#b35900", "#8e3b8e", "#4d4d4d"
SHAPE_OF = {"special_cause_improvement": "triangle", "special_cause_concern": "square",
            "special_cause_neutral_high": "diamond", "special_cause_neutral_low": "diamond"}
CLASS_OF = {"special_cause_improvement": "spc-improvement", "special_cause_concern": "spc-concern",
            "special_cause_neutral_high": "spc-neutral", "special_cause_neutral_low": "spc-neutral"}
COLOUR_OF = {"spc-improvement": IMPROVEMENT, "spc-concern": CONCERN, "spc-neutral": NEUTRAL}


def _nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering [lo, hi] (1, 2 or 5 times a power of ten apart)."""
    span = hi - lo or abs(hi) or 1.0
    raw = span / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first, last = math.floor(lo / step), math.ceil(hi / step)
    ticks = [round(k * step, 12) for k in range(first, last + 1)]
    return ticks


def _marker(kind: str, x: float, y: float, cls: str, fill: str, label: str,
            direction: int, base: str = "spc-point") -> str:
    title = f"<title>{escape(label)}</title>"
    attrs = f'class="{base} {cls}" fill="{fill}" stroke="{INK}" stroke-width="0.8"'
    if kind == "triangle":
        r = MARKER * 1.35
        tip = -r if direction >= 0 else r  # points the way the process moved
        base_y = y - tip * 0.6
        pts = f"{x:.1f},{y + tip:.1f} {x - r:.1f},{base_y:.1f} {x + r:.1f},{base_y:.1f}"
        return f'<polygon points="{pts}" {attrs}>{title}</polygon>'
    if kind == "square":
        s = MARKER * 1.1
        return (f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" '
                f'height="{2 * s:.1f}" {attrs}>{title}</rect>')
    if kind == "diamond":
        r = MARKER * 1.4
        pts = f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"
        return f'<polygon points="{pts}" {attrs}>{title}</polygon>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{MARKER:.1f}" {attrs}>{title}</circle>'


def _step_path(points: list[ChartPoint], attr: str, x_of, y_of, half: float) -> str:
    """A limit or centre line as steps: level around each point, breaking where it is None."""
    parts: list[str] = []
    level: float | None = None
    for p in points:
        v = getattr(p, attr)
        if v is None:
            level = None
            continue
        x, y = x_of(p.index), round(y_of(v), 1)
        if level is None:
            parts.append(f"M{x - half:.1f},{y:.1f}")
        elif y != level:
            parts.extend((f"H{x - half:.1f}", f"V{y:.1f}"))
        level = y
        parts.append(f"H{x + half:.1f}")
    # consecutive H commands on one level say the same as the last of them
    merged: list[str] = []
    for part in parts:
        if part.startswith("H") and merged and merged[-1].startswith("H"):
            merged[-1] = part
        else:
            merged.append(part)
    return "".join(merged)


def chart_svg(chart: SpcChart, *, title: str, chart_id: str = "spc",
              words: PeriodWords | None = None) -> str:
    """The SVG of ``chart``; ``chart_id`` makes the ids of title and description unique."""
    points = list(chart.points)
    plotted = [p for p in points if p.value is not None]
    levels = [v for p in points for v in (p.value, p.centre, p.lcl, p.ucl) if v is not None]
    if chart.target is not None:
        levels.append(chart.target)
    lo, hi = (min(levels), max(levels)) if levels else (0.0, 1.0)
    if chart.chart in ("p", "pp", "u", "up", "g"):
        lo = min(lo, 0.0)
    ticks = _nice_ticks(lo, hi)
    lo, hi = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(points), 1)

    def x_of(i: float) -> float:
        return LEFT + step * (i + 0.5)

    def y_of(v: float) -> float:
        return TOP + plot_h * (1 - (v - lo) / ((hi - lo) or 1.0))

    cid = escape(chart_id)
    desc = f"{reading_text(chart, words)} {method_sentence(chart)}"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="spc-chart spc-{chart.chart}" '
           f'role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
           f'preserveAspectRatio="xMinYMin meet" aria-labelledby="{cid}-title {cid}-desc" '
           f'focusable="false" font-family="sans-serif">',
           f'<title id="{cid}-title">{escape(title)}</title>',
           f'<desc id="{cid}-desc">{escape(desc)}</desc>', '<g aria-hidden="true">']
    # y axis: grid and values
    for t in ticks:
        y = y_of(t)
        out.append(f'<line class="spc-grid" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" '
                   f'y2="{y:.1f}" stroke="{GRID}" stroke-width="0.5"/>')
        out.append(f'<text class="spc-axis" x="{LEFT - 4}" y="{y + 3.5:.1f}" font-size="{FONT}" '
                   f'text-anchor="end" fill="{INK}">{escape(value_text(chart, t))}</text>')
    # x axis: as many labels as fit, evenly spread, always the last
    longest = max((len(p.label) for p in points), default=1)
    fit = max(1, int(plot_w // (longest * FONT * 0.6 + 6)))
    every = max(1, math.ceil(len(points) / fit))
    shown = set(range(len(points) - 1, -1, -every))
    base = TOP + plot_h
    out.append(f'<line class="spc-axis-line" x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" '
               f'y2="{base}" stroke="{INK}" stroke-width="0.8"/>')
    for p in points:
        if p.index in shown:
            # a label that would run off the right edge ends at the edge instead
            x, anchor = x_of(p.index), "middle"
            if x + len(p.label) * FONT * 0.3 > WIDTH - 1:
                x, anchor = WIDTH - 1, "end"
            out.append(f'<text class="spc-axis" x="{x:.1f}" y="{base + 14}" '
                       f'font-size="{FONT}" text-anchor="{anchor}" fill="{INK}">'
                       f'{escape(p.label)}</text>')
    # gaps: a light band where a period has no data
    for p in points:
        if p.status == "gap":
            out.append(f'<rect class="spc-gap" x="{x_of(p.index) - step / 2:.1f}" y="{TOP}" '
                       f'width="{step:.1f}" height="{plot_h}" fill="#f0f0f0">'
                       f'<title>{escape(p.label)}: geen gegevens</title></rect>')
    # phases: a break line, and the centre and limits of each phase as steps
    for phase in chart.phases:
        members = points[phase.start:phase.stop]
        if phase.start > 0:
            x = x_of(phase.start - 0.5)
            out.append(f'<line class="spc-break" x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" '
                       f'y2="{base}" stroke="{INK}" stroke-width="0.8"/>')
        for attr, cls, dash in (("lcl", "spc-limit", ' stroke-dasharray="4 3"'),
                                ("ucl", "spc-limit", ' stroke-dasharray="4 3"'),
                                ("centre", "spc-centre", "")):
            d = _step_path(members, attr, x_of, y_of, step / 2)
            if d:
                out.append(f'<path class="{cls}" d="{d}" fill="none" stroke="{LINE}" '
                           f'stroke-width="1"{dash}/>')
    if chart.target is not None:
        y = y_of(chart.target)
        out.append(f'<line class="spc-target" x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" '
                   f'y2="{y:.1f}" stroke="{INK}" stroke-width="1" stroke-dasharray="8 3 2 3"/>')
        out.append(f'<text class="spc-target-label" x="{WIDTH - RIGHT}" y="{y - 3:.1f}" '
                   f'font-size="{FONT}" text-anchor="end" fill="{INK}">doel</text>')
    # the data line, broken at gaps and at phase breaks
    path: list[str] = []
    previous: ChartPoint | None = None
    for p in points:
        if p.value is None:
            previous = None
            continue
        joined = previous is not None and previous.phase == p.phase
        path.append(f"{'L' if joined else 'M'}{x_of(p.index):.1f},{y_of(p.value):.1f}")
        previous = p
    if path:
        out.append(f'<path class="spc-line" d="{"".join(path)}" fill="none" stroke="{LINE}" '
                   f'stroke-width="1.2"/>')
    # the points: shape and class by point type
    for p in plotted:
        text = f"{p.label}: {value_text(chart, p.value)}"
        if p.status == "excluded":
            out.append(_marker("circle", x_of(p.index), y_of(p.value), "spc-excluded", "#ffffff",
                               f"{text} (telt niet mee)", 0))
            continue
        cls = CLASS_OF.get(p.point_type or "", "spc-common")
        kind = SHAPE_OF.get(p.point_type or "", "circle")
        out.append(_marker(kind, x_of(p.index), y_of(p.value), cls, COLOUR_OF.get(cls, COMMON),
                           text, p.direction))
    # annotations: numbered at the top, the full text in the description and the tooltip
    for k, a in enumerate(chart.annotations, start=1):
        x = x_of(a.index)
        out.append(f'<g class="spc-annotation"><title>{escape(a.text)}</title>'
                   f'<line x1="{x:.1f}" y1="{TOP - 2}" x2="{x:.1f}" y2="{base}" stroke="{INK}" '
                   f'stroke-width="0.6" stroke-dasharray="1 2"/>'
                   f'<text x="{x:.1f}" y="{TOP - 6}" font-size="{FONT}" text-anchor="middle" '
                   f'fill="{INK}">{k}</text></g>')
    out.append(_legend(chart, base + 30))
    if chart.annotations:
        notes = "; ".join(f"{k}: {a.text}" for k, a in enumerate(chart.annotations, start=1))
        out.append(f'<text class="spc-notes" x="{LEFT}" y="{base + 46}" font-size="{FONT - 1}" '
                   f'fill="{INK}">{escape(_clip(notes, 60))}</text>')
    out.append("</g></svg>")
    return "".join(out)


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[:size - 1] + "…"


def _legend(chart: SpcChart, y: float) -> str:
    """Only what the chart shows: the lines, and the special-cause shapes that occur."""
    items: list[tuple[str, str]] = []
    x = LEFT
    parts = [f'<g class="spc-legend" font-size="{FONT - 1}" fill="{INK}">']
    centre = "mediaan" if chart.chart == "run" else "gemiddelde"
    parts.append(f'<line class="spc-centre" x1="{x}" y1="{y - 3}" x2="{x + 14}" y2="{y - 3}" '
                 f'stroke="{LINE}" stroke-width="1"/><text x="{x + 17}" y="{y}">{centre}</text>')
    x += 22 + len(centre) * 5.5
    if any(p.ucl is not None for p in chart.points):
        parts.append(f'<line class="spc-limit" x1="{x}" y1="{y - 3}" x2="{x + 14}" y2="{y - 3}" '
                     f'stroke="{LINE}" stroke-width="1" stroke-dasharray="4 3"/>'
                     f'<text x="{x + 17}" y="{y}">grenzen</text>')
        x += 22 + 7 * 5.5
    types = {p.point_type for p in chart.points if p.status == "used"}
    for point_type, word in (("special_cause_improvement", "verbetering"),
                             ("special_cause_concern", "verslechtering")):
        if point_type in types:
            items.append((point_type, word))
    if types & {"special_cause_neutral_high", "special_cause_neutral_low"}:
        items.append(("special_cause_neutral_high", "bijzonder"))
    for point_type, word in items:
        cls = CLASS_OF[point_type]
        parts.append(_marker(SHAPE_OF[point_type], x + 5, y - 3.5, cls, COLOUR_OF[cls], word, 1,
                             base="spc-key"))
        parts.append(f'<text x="{x + 12}" y="{y}">{word}</text>')
        x += 18 + len(word) * 5.5
    parts.append("</g>")
    return "".join(parts)
