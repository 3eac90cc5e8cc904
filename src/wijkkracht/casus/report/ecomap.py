"""The eco-map of a household: the household in the centre, the people and services around it.

After Hartman's eco-map (1978), as social work draws it: a circle per relation, grouped by
kind, a line per tie whose *form* says what the tie is (a solid thick line strong, a dashed
line weak, a zigzag line with a bar across stressful), never its colour alone (WCAG 1.4.1).
Every member carries its name beside it; the SVG is one image (``role="img"``) with a summary
as its accessible name, and the same data go out as table rows, the accessible alternative.

Pure: the caller passes the words (already translated), this module only draws.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

KINDS = ("familie", "vriend", "buur", "vrijwilliger", "professional", "voorziening")
TIES = ("sterk", "zwak", "belastend")

SIZE = 640
CENTRE = SIZE / 2
HOME_RADIUS = 58
MEMBER_RADIUS = 16
RINGS = (185, 245)  # alternate rings, so neighbouring labels in a crowded group do not meet
LABEL_CHARS = 18
LEGEND_HEIGHT = 96
INK = "#1f2933"  # one colour for every line: the form carries the meaning


@dataclass(frozen=True)
class EcoMember:
    name: str
    kind: str  # one of KINDS
    tie: str  # one of TIES
    does: str = ""


@dataclass(frozen=True)
class EcoRow:
    """A member as a table row: the text alternative of the drawing."""

    name: str
    kind: str
    tie: str
    does: str


@dataclass(frozen=True)
class EcoMap:
    svg: str
    summary: str
    rows: list[EcoRow]


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1].rstrip() + "…"


def _polar(radius: float, angle: float) -> tuple[float, float]:
    return CENTRE + radius * math.cos(angle), CENTRE + radius * math.sin(angle)


def positions(members: Sequence[EcoMember]) -> list[tuple[float, float, float]]:
    """(x, y, angle) per member: each kind owns a sixth of the circle (family at the top, then
    clockwise), its members spread evenly over it, alternately on the inner and outer ring."""
    by_kind: dict[str, list[int]] = {k: [] for k in KINDS}
    for i, member in enumerate(members):
        by_kind.setdefault(member.kind if member.kind in by_kind else KINDS[-1], []).append(i)
    sector = 2 * math.pi / len(KINDS)
    placed: list[tuple[float, float, float]] = [(0.0, 0.0, 0.0)] * len(members)
    for k, kind in enumerate(KINDS):
        indexes = by_kind[kind]
        start = -math.pi / 2 - sector / 2 + k * sector
        for j, i in enumerate(indexes):
            angle = start + sector * (j + 0.5) / len(indexes)
            radius = RINGS[j % 2] if len(indexes) > 2 else RINGS[0]
            x, y = _polar(radius, angle)
            placed[i] = (x, y, angle)
    return placed


def _f(value: float) -> str:
    return f"{value:.1f}"


def _tie_line(x1: float, y1: float, x2: float, y2: float, tie: str) -> str:
    """The tie from (x1, y1) to (x2, y2) in its own form."""
    if tie == "zwak":
        return (f'<line class="wk-eco-tie wk-eco-tie--zwak" x1="{_f(x1)}" y1="{_f(y1)}" '
                f'x2="{_f(x2)}" y2="{_f(y2)}" stroke="{INK}" stroke-width="1.5" '
                f'stroke-dasharray="7 6"/>')
    if tie == "belastend":
        length = math.hypot(x2 - x1, y2 - y1)
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        nx, ny = -uy, ux
        steps = max(4, int(length // 12))
        points = [(x1, y1)]
        for s in range(1, steps):
            t = length * s / steps
            side = 6 if s % 2 else -6
            points.append((x1 + ux * t + nx * side, y1 + uy * t + ny * side))
        points.append((x2, y2))
        zigzag = " ".join(f"{_f(px)},{_f(py)}" for px, py in points)
        mx, my = x1 + ux * length / 2, y1 + uy * length / 2
        bar = (f'<line x1="{_f(mx + nx * 11)}" y1="{_f(my + ny * 11)}" '
               f'x2="{_f(mx - nx * 11)}" y2="{_f(my - ny * 11)}" stroke="{INK}" '
               f'stroke-width="2.5"/>')
        return (f'<g class="wk-eco-tie wk-eco-tie--belastend"><polyline points="{zigzag}" '
                f'fill="none" stroke="{INK}" stroke-width="2" stroke-linejoin="round"/>'
                f'{bar}</g>')
    return (f'<line class="wk-eco-tie wk-eco-tie--sterk" x1="{_f(x1)}" y1="{_f(y1)}" '
            f'x2="{_f(x2)}" y2="{_f(y2)}" stroke="{INK}" stroke-width="4"/>')


def _label(x: float, y: float, angle: float, text: str, css: str) -> str:
    """A label outside its circle: left of it on the left half, right of it on the right."""
    cos = math.cos(angle)
    if abs(cos) < 0.3:
        anchor, dx = "middle", 0.0
        dy = MEMBER_RADIUS + 16 if math.sin(angle) > 0 else -(MEMBER_RADIUS + 7)
    else:
        anchor = "start" if cos > 0 else "end"
        dx, dy = (MEMBER_RADIUS + 5) * (1 if cos > 0 else -1), 5.0
    return (f'<text class="{css}" x="{_f(x + dx)}" y="{_f(y + dy)}" text-anchor="{anchor}" '
            f'font-size="14" fill="{INK}">{escape(_short(text))}</text>')


def render_ecomap(centre: str, members: Sequence[EcoMember], *, summary: str,
                  kind_labels: Mapping[str, str], tie_labels: Mapping[str, str],
                  legend_title: str = "") -> EcoMap:
    """The eco-map of ``members`` around ``centre`` (the household's name).

    ``summary`` is the accessible name of the image (say how many people, and how many ties of
    each kind); ``kind_labels`` and ``tie_labels`` give the words for the codes in KINDS/TIES.
    """
    placed = positions(members)
    height = SIZE + LEGEND_HEIGHT
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="wk-ecomap" '
             f'viewBox="0 0 {SIZE} {height}" role="img" aria-label="{escape(summary)}" '
             f'font-family="sans-serif">']
    # group names at the outer edge, one per kind that has members
    for k, kind in enumerate(KINDS):
        if not any(m.kind == kind for m in members):
            continue
        angle = -math.pi / 2 + k * 2 * math.pi / len(KINDS)
        x, y = _polar(RINGS[1] + 58, angle)
        parts.append(f'<text class="wk-eco-group" x="{_f(x)}" y="{_f(y + 5)}" '
                     f'text-anchor="middle" font-size="14" font-weight="bold" '
                     f'fill="{INK}">{escape(kind_labels.get(kind, kind))}</text>')
    for member, (x, y, angle) in zip(members, placed, strict=True):
        x1, y1 = _polar(HOME_RADIUS, angle)
        x2, y2 = _polar(math.hypot(x - CENTRE, y - CENTRE) - MEMBER_RADIUS, angle)
        tie = member.tie if member.tie in TIES else "sterk"
        title = f"{member.name}: {kind_labels.get(member.kind, member.kind)}, " \
                f"{tie_labels.get(tie, tie)}"
        parts.append(f'<g class="wk-eco-member" data-kind="{escape(member.kind)}" '
                     f'data-tie="{tie}"><title>{escape(title)}</title>'
                     f'{_tie_line(x1, y1, x2, y2, tie)}'
                     f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{MEMBER_RADIUS}" fill="#ffffff" '
                     f'stroke="{INK}" stroke-width="2"/>'
                     f'{_label(x, y, angle, member.name, "wk-eco-name")}</g>')
    parts.append(f'<circle class="wk-eco-home" cx="{_f(CENTRE)}" cy="{_f(CENTRE)}" '
                 f'r="{HOME_RADIUS}" fill="#ffffff" stroke="{INK}" stroke-width="3"/>')
    parts.append(f'<text class="wk-eco-centre" x="{_f(CENTRE)}" y="{_f(CENTRE + 5)}" '
                 f'text-anchor="middle" font-size="14" font-weight="bold" '
                 f'fill="{INK}">{escape(_short(centre))}</text>')
    # the legend: a sample of each line form with its word
    top = SIZE + 12
    if legend_title:
        parts.append(f'<text x="16" y="{top + 10}" font-size="14" font-weight="bold" '
                     f'fill="{INK}">{escape(legend_title)}</text>')
    for n, tie in enumerate(TIES):
        y = top + 34 + n * 22
        parts.append(f'<g class="wk-eco-legend" data-tie="{tie}">'
                     f'{_tie_line(16, y, 96, y, tie)}'
                     f'<text x="108" y="{y + 5}" font-size="14" fill="{INK}">'
                     f'{escape(tie_labels.get(tie, tie))}</text></g>')
    parts.append("</svg>")
    rows = [EcoRow(m.name, kind_labels.get(m.kind, m.kind), tie_labels.get(m.tie, m.tie),
                   m.does) for m in members]
    return EcoMap("".join(parts), summary, rows)
