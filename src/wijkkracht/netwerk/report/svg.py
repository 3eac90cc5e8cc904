"""The network of one moment at one tie level, drawn as inline SVG (no JavaScript, no matplotlib).

What the picture shows, and how it stays legible without colour (WCAG 2.1 1.4.1, 1.4.11):

* every person is one marker at the position of the shared layout
  (:mod:`wijkkracht.netwerk.core.layout`), so pictures of one scan can be laid side by side;
* the sector is a shape *and* a colour (circle, square, triangle, ...); all colours have at least
  3:1 contrast against white (:func:`contrast_ratio`), markers have a dark outline;
* people without any tie at this level are hollow;
* a solid ring marks a sole bridge between two sectors (:func:`core.people.sector_bridges`),
  a dotted ring the person with the highest betweenness (Freeman 1977; the ``top_broker`` of
  :mod:`core.metrics`), both on the any-report view: who the network hangs together through;
* a solid line is a confirmed tie (both name it), a dashed line a tie only one of the two names
  (the other did not name it, or did not fill in the survey).

The SVG is ``role="img"`` with an ``aria-label`` and a ``<title>``; :class:`NetworkPicture`
also carries a per-sector table with the same counts for the text alternative.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from markupsafe import Markup, escape

from ..core.centrality import betweenness
from ..core.layout import Position
from ..core.levels import level_network
from ..core.model import LEVEL_LABELS, Scan
from ..core.people import SectorBridge, sector_bridges
from . import wording

SHAPES = ("circle", "square", "triangle", "diamond", "triangle-down", "pentagon", "hexagon",
          "star", "cross")
SHAPE_NL = {"circle": "cirkel", "square": "vierkant", "triangle": "driehoek",
            "diamond": "ruit", "triangle-down": "driehoek met de punt omlaag",
            "pentagon": "vijfhoek", "hexagon": "zeshoek", "star": "ster", "cross": "kruis"}
# Dark enough for 3:1 against white (WCAG 2.1 SC 1.4.11); the shape carries the sector anyway.
PALETTE = ("#1f5fa8", "#b35900", "#1b7a3a", "#8e3b8e", "#b3261e", "#00727a", "#7a6a00",
           "#4d4d4d", "#a0336b")
CONFIRMED_TIE, ONE_SIDED_TIE, OUTLINE = "#4d4d4d", "#767676", "#1a1a1a"
SIZE = 1000  # the plot is SIZE x SIZE user units; the legend, when drawn, sits to the right
LEGEND_WIDTH = 420
MARKS_DEFINITION = (
    "solid ring: sole bridge between two sectors (every tie between them, or every path, runs "
    "through this person); dotted ring: the highest betweenness on the any-report view (the "
    "top broker of the metrics; none when nobody lies between others)")


@dataclass(frozen=True)
class SectorStyle:
    sector: str
    shape: str
    colour: str

    @property
    def shape_nl(self) -> str:
        return SHAPE_NL[self.shape]


def sector_styles(sectors: Iterable[str]) -> dict[str, SectorStyle]:
    """Shape and colour per sector, in sorted order: the same sectors always look the same.

    Shapes and colours both cycle, offset so that up to 81 sectors get distinct pairs.
    """
    out = {}
    for k, sector in enumerate(sorted(set(sectors))):
        colour = PALETTE[(k + k // len(SHAPES)) % len(PALETTE)]
        out[sector] = SectorStyle(sector, SHAPES[k % len(SHAPES)], colour)
    return out


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a #rrggbb colour (sRGB, linearised)."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(colour: str, background: str = "#ffffff") -> float:
    """WCAG 2.1 contrast ratio (L1 + 0.05) / (L2 + 0.05), lighter over darker."""
    a, b = sorted((relative_luminance(colour), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _polygon(x: float, y: float, radius: float, corners: int, turn: float = 0.0,
             inner: float | None = None) -> str:
    """Path data of a regular polygon (or a star when ``inner`` is given), first corner up."""
    points = []
    steps = corners * 2 if inner else corners
    for i in range(steps):
        angle = -math.pi / 2 + turn + 2 * math.pi * i / steps
        r = inner if inner and i % 2 else radius
        points.append(f"{x + r * math.cos(angle):.1f} {y + r * math.sin(angle):.1f}")
    return "M" + "L".join(points) + "Z"


def shape_element(shape: str, x: float, y: float, r: float, attrs: str, inner: str = "") -> str:
    """One SVG element of about the area of a circle of radius ``r`` centred on (x, y);
    ``inner`` goes inside. Paths are drawn around the origin and moved by ``transform``, so
    the centre of every marker can be read back from the SVG."""
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {attrs}>{inner}</circle>'
    if shape == "square":
        s = r * 0.89
        d = f"M{-s:.1f} {-s:.1f}H{s:.1f}V{s:.1f}H{-s:.1f}Z"
    elif shape == "triangle":
        d = _polygon(0, r * 0.2, r * 1.45, 3)
    elif shape == "triangle-down":
        d = _polygon(0, -r * 0.2, r * 1.45, 3, turn=math.pi)
    elif shape == "diamond":
        d = _polygon(0, 0, r * 1.25, 4)
    elif shape == "pentagon":
        d = _polygon(0, 0, r * 1.1, 5)
    elif shape == "hexagon":
        d = _polygon(0, 0, r * 1.08, 6)
    elif shape == "star":
        d = _polygon(0, 0, r * 1.45, 5, inner=r * 0.65)
    elif shape == "cross":
        a, b = r * 1.15, r * 0.42
        d = (f"M{-b:.1f} {-a:.1f}H{b:.1f}V{-b:.1f}H{a:.1f}V{b:.1f}H{b:.1f}V{a:.1f}H{-b:.1f}"
             f"V{b:.1f}H{-a:.1f}V{-b:.1f}H{-b:.1f}Z")
    else:
        raise ValueError(f"unknown shape {shape!r}; one of {SHAPES}")
    return f'<path transform="translate({x:.1f} {y:.1f})" d="{d}" {attrs}>{inner}</path>'


def shape_icon(style: SectorStyle, *, hollow: bool = False, size: int = 18) -> Markup:
    """A small marker for an HTML legend; decorative, the text beside it names the sector."""
    c = size / 2
    fill = "#ffffff" if hollow else style.colour
    stroke = style.colour if hollow else OUTLINE
    width = 2.2 if hollow else 1
    element = shape_element(style.shape, c, c, size * 0.3,
                            f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"')
    return Markup(f'<svg class="key" width="{size}" height="{size}" viewBox="0 0 {size} {size}" '
                  f'aria-hidden="true" focusable="false">{element}</svg>')


def mark_icon(kind: str, size: int = 18) -> Markup:
    """Legend icons for rings and tie lines, drawn as in the picture."""
    c = size / 2
    if kind in ("bridge", "central"):
        dash = ' stroke-dasharray="2 2"' if kind == "central" else ""
        body = (f'<circle cx="{c}" cy="{c}" r="{size * 0.2:.1f}" fill="#8f8f8f"/>'
                f'<circle cx="{c}" cy="{c}" r="{size * 0.42:.1f}" fill="none" stroke="{OUTLINE}" '
                f'stroke-width="1.6"{dash}/>')
    else:
        dash = ' stroke-dasharray="4 3"' if kind == "one_sided" else ""
        colour = ONE_SIDED_TIE if kind == "one_sided" else CONFIRMED_TIE
        body = (f'<line x1="1" y1="{c}" x2="{size * 2 - 1}" y2="{c}" stroke="{colour}" '
                f'stroke-width="2"{dash}/>')
        return Markup(f'<svg class="key" width="{size * 2}" height="{size}" '
                      f'viewBox="0 0 {size * 2} {size}" aria-hidden="true" focusable="false">'
                      f"{body}</svg>")
    return Markup(f'<svg class="key" width="{size}" height="{size}" viewBox="0 0 {size} {size}" '
                  f'aria-hidden="true" focusable="false">{body}</svg>')


MARK_TEXT = {
    "confirmed": "doorgetrokken lijn: beiden noemen de band (bevestigd)",
    "one_sided": "stippellijn: één van beiden noemt de band (de ander niet, of vulde niet in)",
    "hollow": "open symbool: geen band op dit niveau",
    "bridge": "ring: de enige brug tussen twee sectoren",
    "central": "stippelring: via deze persoon lopen de meeste verbindingen",
}


def broker_marks(bridges: Iterable[SectorBridge], top: str | None) -> dict[str, set[str]]:
    """Who gets a ring: ``bridge`` (sole sector bridge) and/or ``central`` (top broker)."""
    marks: dict[str, set[str]] = {}
    for bridge in bridges:
        marks.setdefault(bridge.person, set()).add("bridge")
    if top is not None:
        marks.setdefault(top, set()).add("central")
    return marks


def scan_marks(scan: Scan, level: int) -> dict[str, set[str]]:
    """:func:`broker_marks` computed from the scan (the report passes what it has already)."""
    net = level_network(scan, level, "any")
    scores = betweenness(net.adjacency, directed=False)
    top = scan.ids[int(np.argmax(scores))] if len(scores) and scores.max() > 0 else None
    return broker_marks(sector_bridges(net), top)


@dataclass(frozen=True)
class PictureRow:
    """The text alternative of a picture: one row per sector, counts already formatted."""

    sector: str
    people: str
    within: str  # ties with both ends in the sector
    between: str  # ties with one end in the sector
    isolates: str
    brokers: str


@dataclass(frozen=True)
class NetworkPicture:
    moment: str
    level: int
    level_label: str
    svg: Markup
    caption: str  # one sentence with the totals, also the aria-label
    rows: tuple[PictureRow, ...]
    confirmed: int
    one_sided: int
    isolates: tuple[str, ...]  # labels (names, or "sector k" in the anonymous report)
    brokers: dict[str, frozenset[str]]  # label -> {"bridge", "central"}


def _ties(scan: Scan, level: int) -> tuple[np.ndarray, np.ndarray]:
    """Confirmed and one-sided ties as (m, 2) position arrays, each pair once."""
    confirmed = level_network(scan, level, "confirmed").adjacency
    anyone = level_network(scan, level, "any").adjacency
    return np.argwhere(np.triu(confirmed, 1)), np.argwhere(np.triu(anyone & ~confirmed, 1))


def _xy(scan: Scan, positions: Mapping[str, Position], pad: float) -> np.ndarray:
    missing = [p for p in scan.ids if p not in positions]
    if missing:
        raise ValueError(f"no position for {len(missing)} people (e.g. {missing[:3]}); lay "
                         "them out first with core.layout.place_people")
    xy = np.array([positions[p] for p in scan.ids], dtype=float).reshape(-1, 2)
    return pad + xy * (SIZE - 2 * pad)


def _path(xy: np.ndarray, pairs: np.ndarray) -> str:
    """All ties in one path: far smaller than an element per tie, and as fast to draw."""
    ends = np.rint(xy).astype(int)
    return "".join(f"M{a[0]} {a[1]}L{b[0]} {b[1]}"
                   for a, b in zip(ends[pairs[:, 0]].tolist(), ends[pairs[:, 1]].tolist(),
                                   strict=True))


def _tie_style(ties: int) -> tuple[float, float]:
    """(stroke width, opacity): thinner and lighter as the picture fills up; the counts are in
    the table, the lines show the shape."""
    if ties > 1500:
        return 0.6, 0.35
    if ties > 300:
        return 1.0, 0.6
    return 2.0, 1.0


def legend_svg(styles: Mapping[str, SectorStyle], *, x: float = 0, y: float = 0) -> str:
    """The legend as an SVG group: sectors, then rings, hollow markers and lines."""
    rows = []
    line = 44
    for k, style in enumerate(styles.values()):
        cy = y + 24 + k * line
        rows.append(shape_element(style.shape, x + 22, cy, 13,
                                  f'fill="{style.colour}" stroke="{OUTLINE}" stroke-width="1.5"'))
        rows.append(f'<text x="{x + 50}" y="{cy}" dominant-baseline="central">'
                    f"{escape(style.sector)}</text>")
    top = y + 24 + len(styles) * line + 10
    keys = [("bridge", "enige brug tussen sectoren"), ("central", "meeste verbindingen via"),
            ("hollow", "geen band"), ("confirmed", "bevestigde band"),
            ("one_sided", "eenzijdige band")]
    for k, (kind, text) in enumerate(keys):
        cy = top + k * line
        if kind in ("bridge", "central"):
            dash = ' stroke-dasharray="5 4"' if kind == "central" else ""
            rows.append(f'<circle cx="{x + 22}" cy="{cy}" r="9" fill="#8f8f8f"/>'
                        f'<circle cx="{x + 22}" cy="{cy}" r="18" fill="none" stroke="{OUTLINE}" '
                        f'stroke-width="3"{dash}/>')
        elif kind == "hollow":
            rows.append(f'<circle cx="{x + 22}" cy="{cy}" r="12" fill="#ffffff" '
                        f'stroke="{OUTLINE}" stroke-width="3"/>')
        else:
            dash = ' stroke-dasharray="10 7"' if kind == "one_sided" else ""
            colour = ONE_SIDED_TIE if kind == "one_sided" else CONFIRMED_TIE
            rows.append(f'<line x1="{x + 2}" y1="{cy}" x2="{x + 42}" y2="{cy}" '
                        f'stroke="{colour}" stroke-width="4"{dash}/>')
        rows.append(f'<text x="{x + 50}" y="{cy}" dominant-baseline="central">{text}</text>')
    return (f'<g class="legend" font-size="26" font-family="sans-serif" fill="{OUTLINE}">'
            + "".join(rows) + "</g>")


def network_svg(scan: Scan, level: int, positions: Mapping[str, Position], *,
                styles: Mapping[str, SectorStyle], labels: Mapping[str, str],
                marks: Mapping[str, set[str] | frozenset[str]], title: str, label: str,
                legend: bool = True) -> Markup:
    """The SVG markup: ties, then one marker per person (with a ``<title>`` tooltip), rings."""
    n = len(scan.people)
    radius = min(16.0, max(5.0, 160 / math.sqrt(max(n, 1))))
    pad = radius * 2.6
    xy = _xy(scan, positions, pad)
    confirmed, one_sided = _ties(scan, level)
    anyone = level_network(scan, level, "any").adjacency
    degree = anyone.sum(axis=1)
    top = max(int(degree.max()) if n else 0, 1)
    width, opacity = _tie_style(len(confirmed) + len(one_sided))
    parts = [f"<title>{escape(title)}</title>"]
    if len(one_sided):
        parts.append(f'<path class="ties one-sided" d="{_path(xy, one_sided)}" fill="none" '
                     f'stroke="{ONE_SIDED_TIE}" stroke-width="{width}" '
                     f'stroke-opacity="{opacity}" stroke-dasharray="{width * 5} {width * 4}"/>')
    if len(confirmed):
        parts.append(f'<path class="ties confirmed" d="{_path(xy, confirmed)}" fill="none" '
                     f'stroke="{CONFIRMED_TIE}" stroke-width="{width}" '
                     f'stroke-opacity="{opacity}"/>')
    rings = []
    for i, person in enumerate(scan.people):
        style = styles[person.sector]
        x, y = xy[i]
        r = radius * (0.75 + 0.5 * math.sqrt(degree[i] / top))
        if degree[i]:
            attrs = f'fill="{style.colour}" stroke="{OUTLINE}" stroke-width="1"'
        else:
            attrs = f'fill="#ffffff" stroke="{style.colour}" stroke-width="{radius * 0.3:.1f}"'
        parts.append(shape_element(
            style.shape, x, y, r, f'class="person {style.shape}" {attrs}',
            f"<title>{escape(labels[person.id])}</title>"))
        kinds = marks.get(person.id, ())
        if "bridge" in kinds:
            rings.append(f'<circle class="ring bridge" cx="{x:.1f}" cy="{y:.1f}" '
                         f'r="{r * 1.7 + 2:.1f}" fill="none" stroke="{OUTLINE}" '
                         f'stroke-width="{radius * 0.3:.1f}"/>')
        if "central" in kinds:
            extra = 1.0 if "bridge" not in kinds else 1.6
            rings.append(f'<circle class="ring central" cx="{x:.1f}" cy="{y:.1f}" '
                         f'r="{r * 1.7 + 2 + extra * radius * 0.6:.1f}" fill="none" '
                         f'stroke="{OUTLINE}" stroke-width="{radius * 0.25:.1f}" '
                         f'stroke-dasharray="{radius * 0.5:.1f} {radius * 0.4:.1f}"/>')
    parts.extend(rings)
    total_width = SIZE + (LEGEND_WIDTH if legend else 0)
    height = SIZE
    if legend:
        parts.append(legend_svg(styles, x=SIZE + 10, y=10))
        height = max(SIZE, 24 + (len(styles) + 5) * 44 + 30)
    return Markup(f'<svg class="netwerk" viewBox="0 0 {total_width} {height}" role="img" '
                  f'aria-label="{escape(label)}">' + "".join(parts) + "</svg>")


def network_picture(scan: Scan, level: int, positions: Mapping[str, Position], *,
                    styles: Mapping[str, SectorStyle], labels: Mapping[str, str],
                    anonymous: bool = False, legend: bool = False,
                    marks: Mapping[str, set[str]] | None = None) -> NetworkPicture:
    """The picture with its caption and per-sector text alternative (suppressed if anonymous);
    ``marks`` as :func:`broker_marks`, computed when not given."""
    marks = scan_marks(scan, level) if marks is None else marks
    confirmed, one_sided = _ties(scan, level)
    anyone = level_network(scan, level, "any").adjacency
    lonely = [p for i, p in enumerate(scan.ids) if not anyone[i].any()]
    sectors = scan.sectors
    within, between = Counter(), Counter()
    for i, j in np.argwhere(np.triu(anyone, 1)).tolist():
        if sectors[i] == sectors[j]:
            within[sectors[i]] += 1
        else:
            between[sectors[i]] += 1
            between[sectors[j]] += 1
    size = Counter(sectors)
    sector_of = dict(zip(scan.ids, sectors, strict=True))
    lonely_by = Counter(sector_of[p] for p in lonely)
    brokers_by = Counter(sector_of[p] for p in marks)
    rows = tuple(
        PictureRow(s, wording.count(size[s], anonymous=anonymous),
                   wording.ties(within[s], anonymous=anonymous, base=size[s]),
                   wording.ties(between[s], anonymous=anonymous, base=size[s]),
                   wording.count(lonely_by[s], anonymous=anonymous, base=size[s]),
                   wording.count(brokers_by[s], anonymous=anonymous, base=size[s]))
        for s in sorted(size))
    ties = len(confirmed) + len(one_sided)
    lonely_text = wording.count(len(lonely), anonymous=anonymous)
    brokers_text = wording.count(len(marks), anonymous=anonymous)
    caption = (f"{scan.moment}, {wording.level_name(level)}: {len(scan.people)} mensen, "
               f"{ties} banden ({len(confirmed)} bevestigd, {len(one_sided)} eenzijdig), "
               f"{lonely_text} zonder band, {brokers_text} met een ring.")
    title = f"Netwerk {scan.moment}: {LEVEL_LABELS[level]}"
    svg = network_svg(scan, level, positions, styles=styles, labels=labels, marks=marks,
                      title=title, label=caption + " De tabel bij de tekening geeft de cijfers "
                      "per sector.", legend=legend)
    return NetworkPicture(
        moment=scan.moment, level=level, level_label=LEVEL_LABELS[level], svg=svg,
        caption=caption, rows=rows, confirmed=len(confirmed), one_sided=len(one_sided),
        isolates=tuple(labels[p] for p in lonely),
        brokers={labels[p]: frozenset(marks[p]) for p in scan.ids if p in marks})
