"""Everything the netwerkscan report shows, computed once and formatted in Dutch.

:func:`build_report` runs the core on every moment (metrics of all levels and views, pictures on
one shared layout, the mixing heat map, sentences, response, PARTNER-style scores) and between
consecutive moments (metric change, tie transitions). The result is plain data with the numbers
already written out, so the template only places them - and the anonymous report is anonymous
before any template sees it: no names, no organisations, sectors and numbers only, small counts
suppressed (:mod:`.wording`).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import fmean

from markupsafe import Markup

from wijkkracht import __version__

from ..core.change import TRANSITION_DEFINITION, tie_transitions
from ..core.layout import LAYOUT_DEFINITION, Position, place_people, scan_layout
from ..core.levels import level_network
from ..core.metrics import LevelMetrics, ladder_metrics
from ..core.mixing import EI_DEFINITION, P_DEFINITION, mixing_of
from ..core.model import LEVEL_LABELS, MAX_LEVEL, TIE_LEVELS, Scan
from ..core.people import person_metrics, sector_bridges
from ..core.response import reconstruct, response_summary
from ..core.trust import PartnerScores, partner_scores
from . import findings as say
from . import wording
from .findings import Finding
from .heatmap import HeatMap, heat_map
from .pooling import REST, plan_pooling, pool, sector_sizes
from .svg import (
    MARK_TEXT,
    MARKS_DEFINITION,
    NetworkPicture,
    SectorStyle,
    broker_marks,
    mark_icon,
    network_picture,
    sector_styles,
    shape_icon,
)

PERMUTATIONS = 999


@dataclass(frozen=True)
class Row:
    """A table row: a label, an optional explanation, and formatted cells."""

    label: str
    cells: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class MomentReport:
    moment: str
    people: int
    respondents: int
    findings: tuple[Finding, ...]
    metrics: tuple[Row, ...]  # columns: levels 1-4
    pictures: tuple[NetworkPicture, ...]  # levels 1-4
    heat_map: HeatMap | None  # None when fewer than two groups can be compared
    response: tuple[Row, ...]  # per sector, then the total: invited, responded, rate
    partner: tuple[Row, ...]  # per sector: trust, value, ratings
    partner_network: tuple[str, str]  # network trust and value as % of 4
    persons: tuple[Row, ...] | None  # named report, latest moment only
    cautions: tuple[str, ...]


@dataclass(frozen=True)
class ChangeReport:
    before: str
    after: str
    findings: tuple[Finding, ...]
    metrics: tuple[Row, ...]  # per level: density before, after, difference; ties before, after
    transitions: tuple[Row, ...]  # 5 x 5: level before (rows) by level after (columns)
    by_sector: tuple[Row, ...]  # per ordered sector pair: new, lost, stronger, weaker, stable
    compared: int
    definition: str = TRANSITION_DEFINITION


@dataclass(frozen=True)
class LegendItem:
    icon: Markup
    text: str


@dataclass(frozen=True)
class NetwerkReport:
    title: str
    anonymous: bool
    level: int
    level_label: str
    moments: tuple[MomentReport, ...]
    changes: tuple[ChangeReport, ...]
    summary: tuple[Finding, ...]  # "in het kort": the latest moment and the latest change
    styles: tuple[SectorStyle, ...]
    legend: tuple[LegendItem, ...]
    positions: dict[str, Position]  # by person id, to keep later pictures stable; {} if anonymous
    notes: tuple[str, ...]
    permutations: int  # shufflings behind every p-value
    definitions: dict[str, str] = field(default_factory=dict)
    version: str = __version__


POOLED_SECTOR = REST  # the group of sectors too small even within their domain


def mixing_groups(size: Mapping[str, int], anonymous: bool) -> int:
    """Groups the report may compare: in the anonymous report only those of MIN_PEOPLE or more
    (a smaller group's figures are suppressed). Below two there is no mixing to speak of."""
    return sum(1 for n in size.values() if n and (not anonymous or n >= wording.MIN_PEOPLE))


def anonymous_labels(scans: Sequence[Scan]) -> dict[str, str]:
    """'huisarts 3': sector and a number that is the same at every moment of the report.

    Numbered in the order of a hash of the id, not the roster, so a number says nothing about
    a name (rosters are often alphabetical).
    """
    sector: dict[str, str] = {}
    for scan in scans:
        for p in scan.people:
            sector[p.id] = p.sector  # the latest moment's sector
    members: dict[str, list[str]] = defaultdict(list)
    for person, s in sector.items():
        members[s].append(person)
    out = {}
    for s, ids in members.items():
        ids.sort(key=lambda i: hashlib.sha256(i.encode()).hexdigest())
        out.update({person: f"{s} {k}" for k, person in enumerate(ids, start=1)})
    return out


def _named_labels(scans: Sequence[Scan]) -> dict[str, str]:
    return {p.id: p.name for scan in scans for p in scan.people}


def _metric_rows(levels: Sequence[LevelMetrics], anonymous: bool) -> tuple[Row, ...]:
    def row(label: str, note: str, value) -> Row:
        return Row(label, tuple(value(m) for m in levels), note)

    return (
        row("Banden", "wat ieder zegt: een band telt als iemand hem noemt",
            lambda m: wording.number(m.directed.ties, 0)),
        row("Dichtheid: wat ieder zegt", "deel van alle mogelijke banden dat iemand noemt; "
            "alleen antwoorden van wie meedeed", lambda m: wording.pct(m.directed.density)),
        row("Dichtheid: beiden zeggen het", "bevestigd: allebei noemen ze de band",
            lambda m: wording.pct(m.confirmed.density)),
        row("Dichtheid: minstens één zegt het", "één van beiden noemt de band",
            lambda m: wording.pct(m.any.density)),
        row("Wederzijds", "deel van de paren met een band waarin beiden hem noemen",
            lambda m: wording.pct(m.directed.reciprocity_per_pair)),
        row("Centralisatie: genoemd worden", "100% als één persoon door iedereen genoemd wordt "
            "en verder niemand (Freeman)",
            lambda m: wording.pct(m.directed.in_degree_centralization)),
        row("Centralisatie: tussenpositie", "100% als alle verbindingen via één persoon lopen "
            "(Freeman)", lambda m: wording.pct(m.any.betweenness_centralization)),
        row("Losse groepjes", "delen van het netwerk zonder verbinding met elkaar; iemand "
            "zonder band telt als een groepje", lambda m: wording.number(m.any.components, 0)),
        row("Grootste groepje", "aantal mensen in het grootste verbonden deel",
            lambda m: wording.count(m.any.largest_component, anonymous=anonymous)),
        row("Zonder band", "mensen die met niemand een band hebben op dit niveau",
            lambda m: wording.count(len(m.any.isolates), anonymous=anonymous)),
    )


def _response_rows(scan: Scan, anonymous: bool) -> tuple[Row, ...]:
    summary = response_summary(scan)
    rows = [Row(s.sector, (wording.count(s.invited, anonymous=anonymous),
                           wording.part(s.responded, s.invited, anonymous=anonymous),
                           wording.share(s.responded, s.invited, anonymous=anonymous)))
            for s in summary.by_sector]
    rows.append(Row("Totaal", (wording.number(summary.invited, 0),
                               wording.part(summary.responded, summary.invited,
                                            anonymous=anonymous),
                               wording.share(summary.responded, summary.invited,
                                             anonymous=anonymous))))
    return tuple(rows)


def _partner_rows(scan: Scan, scores: PartnerScores, anonymous: bool) -> tuple[Row, ...]:
    """Per sector: the mean over its members of the trust and value they received (1-4)."""
    sector_of = dict(zip(scan.ids, scan.sectors, strict=True))
    size = Counter(scan.sectors)
    trust, value = defaultdict(list), defaultdict(list)
    ratings = Counter()
    for s in scores.by_person:
        sector = sector_of[s.person]
        if s.trust is not None:
            trust[sector].append(s.trust)
        if s.value is not None:
            value[sector].append(s.value)
        ratings[sector] += s.trust_raters + s.value_raters
    rows = []
    for sector in sorted(size):
        if anonymous and size[sector] < wording.MIN_PEOPLE:
            rows.append(Row(sector, (wording.HIDDEN,) * 3))
            continue
        rows.append(Row(sector, (
            wording.number(fmean(trust[sector]), 1) if trust[sector] else wording.HIDDEN,
            wording.number(fmean(value[sector]), 1) if value[sector] else wording.HIDDEN,
            wording.number(ratings[sector], 0))))
    return tuple(rows)


def _person_rows(scan: Scan, level: int, scores: PartnerScores) -> tuple[Row, ...]:
    by_id = {s.person: s for s in scores.by_person}
    rows = []
    for p in person_metrics(scan, level):
        s = by_id[p.id]
        rows.append(Row(p.name, (
            p.sector, p.organisation, "ja" if p.responded else "nee",
            wording.number(p.in_degree, 0),
            wording.number(p.out_degree, 0) if p.out_degree is not None else wording.HIDDEN,
            wording.number(p.betweenness_normalized * 100, 1),
            "; ".join(f"{a} – {b}" for a, b in p.bridge_for),
            wording.number(s.trust, 1), wording.number(s.value, 1))))
    return tuple(sorted(rows, key=lambda r: (r.cells[0], r.label)))


def _cautions(scan: Scan, anonymous: bool = False) -> tuple[str, ...]:
    out = []
    missing = len(scan.people) - len(scan.respondents)
    if missing:
        part = wording.part(missing, len(scan.people), anonymous=anonymous)
        who = ("Niet iedereen vulde de vragenlijst in" if part == wording.HIDDEN
               else f"{part} van de {len(scan.people)} mensen vulden de vragenlijst niet in")
        out.append(f"{who}. Dichtheid telt alleen de antwoorden die er zijn; banden die alleen zij "
                   "zouden noemen, ontbreken in de andere cijfers.")
    if scan.imputed:
        out.append(f"{len(scan.imputed)} antwoorden zijn aangevuld met wat de ander zei "
                   "(reconstructie): lees de cijfers als een schatting.")
    return tuple(out)


def _moment(scan: Scan, level: int, positions: Mapping[str, Position],
            styles: Mapping[str, SectorStyle], labels: Mapping[str, str], anonymous: bool,
            permutations: int, seed: int, latest: bool) -> tuple[MomentReport, list[LevelMetrics]]:
    levels = ladder_metrics(scan)
    at = levels[level - 1]
    size = Counter(scan.sectors)
    answered = Counter(p.sector for p in scan.people if p.id in scan.respondents)
    bridges = {k: sector_bridges(level_network(scan, k, "any")) for k in TIE_LEVELS}
    mixes = mixing_groups(size, anonymous) >= 2
    walls = mixing_of(level_network(scan, level, "any"), permutations, seed) if mixes else None
    said = mixing_of(level_network(scan, level, "directed"), permutations, seed) \
        if mixes else None
    scores = partner_scores(scan)
    summary = response_summary(scan)
    found = [
        *say.response_findings(summary, anonymous=anonymous),
        *say.reach_findings(scan, level, anonymous=anonymous),
        *say.bridge_findings(scan, level, labels=labels, anonymous=anonymous,
                             bridges=bridges[level]),
        *(say.wall_findings(walls, size, anonymous=anonymous) if walls else ()),
        *say.isolate_findings(at, labels=labels, anonymous=anonymous),
        *say.mutual_findings(at),
    ]
    report = MomentReport(
        moment=scan.moment, people=len(scan.people), respondents=len(scan.respondents),
        findings=tuple(found), metrics=_metric_rows(levels, anonymous),
        pictures=tuple(network_picture(
            scan, m.level, positions, styles=styles, labels=labels, anonymous=anonymous,
            marks=broker_marks(bridges[m.level], m.any.top_broker)) for m in levels),
        heat_map=heat_map(said, row_people=answered, column_people=size,
                          anonymous=anonymous) if said else None,
        response=_response_rows(scan, anonymous),
        partner=_partner_rows(scan, scores, anonymous),
        partner_network=(wording.pct(None if scores.network_trust_pct is None
                                     else scores.network_trust_pct / 100),
                         wording.pct(None if scores.network_value_pct is None
                                     else scores.network_value_pct / 100)),
        persons=_person_rows(scan, level, scores) if latest and not anonymous else None,
        cautions=_cautions(scan, anonymous))
    return report, levels


def _change(before: Scan, after: Scan, old: Sequence[LevelMetrics],
            new: Sequence[LevelMetrics], level: int, anonymous: bool) -> ChangeReport:
    moments = (before.moment, after.moment)
    transitions = tie_transitions(before, after)
    found = [*say.density_findings(old, new, moments=moments, level=level),
             *say.transition_findings(transitions, moments, anonymous=anonymous)]
    metrics = []
    for a, b in zip(old, new, strict=True):
        da, db = a.directed.density, b.directed.density
        diff = None if da is None or db is None else (db - da) * 100
        metrics.append(Row(f"{b.level} {b.level_label}", (
            wording.pct(da), wording.pct(db),
            wording.HIDDEN if diff is None else f"{'+' if diff > 0 else ''}"
            f"{wording.number(diff, 1)} procentpunt",
            wording.number(a.directed.ties, 0), wording.number(b.directed.ties, 0))))
    matrix = tuple(Row(f"{k} {LEVEL_LABELS[k]}", tuple(wording.number(v, 0) for v in row))
                   for k, row in enumerate(transitions.total.matrix))
    size = Counter(after.sectors)
    by_sector = []
    for (g, h), t in sorted(transitions.by_sector_pair.items()):
        if not t.cells:
            continue
        if anonymous and min(size[g], size[h]) < wording.MIN_PEOPLE:
            by_sector.append(Row(f"{g} over {h}", (wording.HIDDEN,) * 5))
            continue
        by_sector.append(Row(f"{g} over {h}", tuple(
            wording.number(x, 0) for x in (t.new, t.lost, t.strengthened, t.weakened, t.stable))))
    return ChangeReport(before.moment, after.moment, tuple(found), tuple(metrics), matrix,
                        tuple(by_sector), transitions.total.cells)


def _legend(styles: Mapping[str, SectorStyle]) -> tuple[LegendItem, ...]:
    items = [LegendItem(shape_icon(s), f"{s.sector} ({s.shape_nl})") for s in styles.values()]
    items += [LegendItem(mark_icon(kind), MARK_TEXT[kind])
              for kind in ("confirmed", "one_sided", "bridge", "central")]
    first = next(iter(styles.values()), None)
    if first is not None:
        items.insert(len(styles) + 2, LegendItem(shape_icon(first, hollow=True),
                                                 MARK_TEXT["hollow"]))
    return tuple(items)


SUMMARY_KINDS = {"response": 1, "response_low": 2, "reach": 2, "bridge": 2, "network_mixing": 1,
                 "wall": 2, "isolates": 1}


def _summary(found: Sequence[Finding]) -> list[Finding]:
    """'In het kort': the first (strongest) findings of each kind, a few lines in all."""
    taken: Counter[str] = Counter()
    out = []
    for f in found:
        if taken[f.kind] < SUMMARY_KINDS.get(f.kind, 0):
            taken[f.kind] += 1
            out.append(f)
    return out


def build_report(scans: Sequence[Scan], *, title: str, anonymous: bool = False,
                 level: int = 2, positions: Mapping[str, Position] | None = None,
                 permutations: int = PERMUTATIONS, seed: int = 0,
                 reconstructed: bool = False,
                 domains: Mapping[str, str] | None = None) -> NetwerkReport:
    """The report of one or more moments of a scan, oldest first.

    ``level`` (1-4) is the ladder step the sentences, heat map and person table (latest moment,
    named report only) are about; the pictures and metric tables show all four. ``positions``
    from an earlier report keep the pictures stable (newcomers are placed around them); without,
    one layout is made for the union of these moments. ``anonymous`` makes the version for the
    gemeente. ``reconstructed`` fills non-respondents' answers from what the others said about
    them (the core's OR-reconstruction), an estimate every moment's cautions then say so.
    ``domains`` maps a sector to its domain (zorg, sociaal domein, ...): the anonymous report
    pools small sectors by domain (:mod:`.pooling`).
    """
    if not scans:
        raise ValueError("a report needs at least one scan moment")
    if level not in TIE_LEVELS:
        raise ValueError(f"level must be 1-{MAX_LEVEL} ({LEVEL_LABELS}), got {level!r}")
    pooling = plan_pooling(sector_sizes(scans), domains) if anonymous else None
    scans = pool(scans, pooling) if pooling else list(scans)
    if reconstructed:
        scans = [reconstruct(scan).scan for scan in scans]
    if positions:
        layout = place_people(positions, scans, seed=seed)
    else:
        layout = scan_layout(scans, seed=seed)
    styles = sector_styles(s for scan in scans for s in scan.sectors)
    labels = anonymous_labels(scans) if anonymous else _named_labels(scans)
    computed = [_moment(scan, level, layout, styles, labels, anonymous, permutations, seed,
                        latest=scan is scans[-1]) for scan in scans]
    moments = [report for report, _ in computed]
    changes = [_change(scans[i], scans[i + 1], computed[i][1], computed[i + 1][1], level,
                       anonymous) for i in range(len(scans) - 1)]
    summary = _summary(moments[-1].findings) + (list(changes[-1].findings) if changes else [])
    notes = [wording.SUPPRESSION_NOTE] if anonymous else []
    if pooling and pooling.note():
        notes.append(pooling.note())
    return NetwerkReport(
        title=title, anonymous=anonymous, level=level, level_label=LEVEL_LABELS[level],
        moments=tuple(moments), changes=tuple(changes), summary=tuple(summary),
        styles=tuple(styles.values()), legend=_legend(styles),
        positions={} if anonymous else dict(layout),
        notes=tuple(notes), permutations=permutations,
        definitions={"layout": LAYOUT_DEFINITION, "marks": MARKS_DEFINITION,
                     "ei": EI_DEFINITION, "p": P_DEFINITION})
