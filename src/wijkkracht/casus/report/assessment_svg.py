"""Scores per domain at each measurement moment, drawn as an inline SVG dot chart (our own
drawing: one row per domain, the scale left to right, one marker per moment).

Legible without colour (WCAG 2.1 1.4.1, 1.4.11): every moment has its own shape *and* colour
(dark enough for 3:1 against white), markers have a dark outline, and markers of moments with
the same score are set slightly apart so none hides another. The SVG is ``role="img"`` with a
``<title>`` and a ``<desc>`` that name every figure in words; the page shows the same figures in
a table as well.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from markupsafe import Markup, escape

from ..core.assessment import Measurement, Scale, ordered

SHAPES = ("circle", "square", "triangle", "diamond")
COLOURS = ("#1f5fa8", "#b35900", "#1b7a3a", "#8e3b8e", "#b3261e", "#00727a")
OUTLINE, GRID, TEXT = "#1a1a1a", "#c8c8c8", "#1a1a1a"
LABEL_WIDTH, PLOT_WIDTH, ROW, LEGEND_ROW, MARGIN = 260, 440, 34, 26, 16
R = 6.5


def _shape(kind: str, x: float, y: float, r: float, fill: str) -> str:
    attrs = f'fill="{fill}" stroke="{OUTLINE}" stroke-width="1.2"'
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {attrs}/>'
    if kind == "square":
        s = r * 0.9
        return f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" ' \
               f'height="{2 * s:.1f}" {attrs}/>'
    corners = 3 if kind == "triangle" else 4
    turn = -math.pi / 2
    points = " ".join(f"{x + r * 1.15 * math.cos(turn + 2 * math.pi * k / corners):.1f},"
                      f"{y + r * 1.15 * math.sin(turn + 2 * math.pi * k / corners):.1f}"
                      for k in range(corners))
    return f'<polygon points="{points}" {attrs}/>'


def moment_style(index: int) -> tuple[str, str]:
    """Shape and colour of the ``index``-th moment (in time order)."""
    return SHAPES[index % len(SHAPES)], COLOURS[index % len(COLOURS)]


def moment_icon(index: int, size: int = 16) -> Markup:
    """The moment's marker as a small inline SVG, for the table and the legend in HTML."""
    shape, colour = moment_style(index)
    return Markup(f'<svg class="key" width="{size}" height="{size}" viewBox="0 0 {size} {size}" '
                  f'aria-hidden="true" focusable="false">'
                  f'{_shape(shape, size / 2, size / 2, size / 2 - 2, colour)}</svg>')


def _moment_name(m: Measurement) -> str:
    return f"{m.label} ({date_format(m.on, 'j M Y')})"


def describe(domains: Sequence[tuple[str, str]], measurements: Sequence[Measurement],
             scale: Scale, level_names: Mapping[int, str] | None = None) -> str:
    """The chart in words: every domain with its score at every moment."""
    level_names = level_names or {}
    moments = ordered(measurements)
    parts = [_("Scores from %(min)d to %(max)d, higher is better, at %(n)d moments: %(moments)s.")
             % {"min": scale.minimum, "max": scale.maximum, "n": len(moments),
                "moments": "; ".join(_moment_name(m) for m in moments)}
             if scale.higher_is_better else
             _("Scores from %(min)d to %(max)d, lower is better, at %(n)d moments: %(moments)s.")
             % {"min": scale.minimum, "max": scale.maximum, "n": len(moments),
                "moments": "; ".join(_moment_name(m) for m in moments)}]
    for code, name in domains:
        values = []
        for m in moments:
            value = m.scores.get(code)
            if value is None:
                values.append(_("%(moment)s not scored") % {"moment": m.label})
            else:
                named = f" {level_names[value]}" if value in level_names else ""
                values.append(f"{m.label} {value}{named}")
        parts.append(f"{name}: {', '.join(values)}.")
    return " ".join(parts)


def assessment_chart(*, chart_id: str, title: str, domains: Sequence[tuple[str, str]],
                     measurements: Sequence[Measurement], scale: Scale,
                     level_names: Mapping[int, str] | None = None) -> Markup:
    """The SVG of ``measurements`` (one instrument) for ``domains`` ((code, name) pairs, in the
    instrument's order). ``chart_id`` makes the ids of title and description unique on a page."""
    moments = ordered(measurements)
    span = scale.maximum - scale.minimum
    top = MARGIN + LEGEND_ROW * math.ceil(max(len(moments), 1) / 3) + 24
    height = top + ROW * len(domains) + 34
    width = LABEL_WIDTH + PLOT_WIDTH + MARGIN * 2
    left = LABEL_WIDTH + MARGIN

    def x_of(value: float) -> float:
        return left + PLOT_WIDTH * (value - scale.minimum) / span

    cid = escape(chart_id)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="wk-assessment-chart" role="img" '
           f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
           f'aria-labelledby="{cid}-title {cid}-desc" focusable="false">',
           f'<title id="{cid}-title">{escape(title)}</title>',
           f'<desc id="{cid}-desc">{escape(describe(domains, moments, scale, level_names))}'
           f'</desc>', '<g aria-hidden="true">']
    # legend: the moments, three to a row
    for k, m in enumerate(moments):
        shape, colour = moment_style(k)
        lx = MARGIN + (k % 3) * 230
        ly = MARGIN + (k // 3) * LEGEND_ROW + 8
        out.append(_shape(shape, lx + 7, ly, R, colour))
        out.append(f'<text x="{lx + 20}" y="{ly + 5}" font-size="14" fill="{TEXT}">'
                   f'{escape(_moment_name(m))}</text>')
    # grid and axis
    step = 1 if span <= 10 else max(1, round(span / 10))
    bottom = top + ROW * len(domains)
    for value in range(scale.minimum, scale.maximum + 1, step):
        x = x_of(value)
        out.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{bottom}" '
                   f'stroke="{GRID}" stroke-width="1"/>')
        out.append(f'<text x="{x:.1f}" y="{bottom + 18}" font-size="13" text-anchor="middle" '
                   f'fill="{TEXT}">{value}</text>')
    # one row per domain
    offsets = [0.0] if len(moments) <= 1 else [
        (k - (len(moments) - 1) / 2) * min(6.0, 20.0 / (len(moments) - 1))
        for k in range(len(moments))]
    for row, (code, name) in enumerate(domains):
        y = top + ROW * row + ROW / 2
        out.append(f'<text x="{LABEL_WIDTH}" y="{y + 5:.1f}" font-size="14" text-anchor="end" '
                   f'fill="{TEXT}">{escape(name)}</text>')
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + PLOT_WIDTH}" y2="{y:.1f}" '
                   f'stroke="{GRID}" stroke-width="1" stroke-dasharray="2 3"/>')
        for k, m in enumerate(moments):
            value = m.scores.get(code)
            if value is None:
                continue
            if not scale.contains(value):
                raise ValueError(f"score {value} lies outside the scale")
            shape, colour = moment_style(k)
            out.append(_shape(shape, x_of(value), y + offsets[k], R, colour))
    out.append("</g></svg>")
    return Markup("".join(out))
