"""The wijkfoto of one area: every indicator with its figures, comparisons and position.

Built from a ``ComputedYear`` (all areas at once) by picking one row, so a gemeente overview and
a single wijkfoto share every number. ``to_dict`` gives the JSON schema ``wijkfoto/1``
(documented in src/wijkkracht/wijkfoto/report/wijkfoto.schema.json).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from wijkkracht.areas.catalogue import THEMES
from wijkkracht.areas.codes import LEVEL_NAMES, NL_CODE
from wijkkracht.areas.registry import Area
from wijkkracht.errors import WijkkrachtError
from wijkkracht.stats.compare import CI_OVERLAP_METHOD, TWO_CI_METHOD
from wijkkracht.stats.funnel import FUNNEL_METHOD
from wijkkracht.stats.position import QUINTILE_METHOD

from .compute import NOT_IN_SOURCE, ComputedYear, IndicatorResult
from .narrative import narrative
from .similar import METHOD as SIMILAR_METHOD
from .trend import TrendResult, compare_years

SCHEMA = "wijkkracht.wijkfoto/1"


def _num(x) -> float | None:
    x = float(x)
    return None if math.isnan(x) else x


@dataclass
class ComparisonView:
    benchmark_code: str | None
    benchmark_name: str | None
    benchmark_value: float | None
    verdict: str
    level: float | None
    significant: bool
    material: bool
    count: int | None = None  # similar areas: how many of them have a value


@dataclass
class PeerView:
    group: str
    rank: int | None
    count: int
    quintile: int | None
    funnel_verdict: str
    funnel_level: float | None
    funnel_z: float | None
    phi: float | None
    tau2: float | None
    minimum: float | None
    p25: float | None
    p75: float | None
    maximum: float | None


@dataclass
class IndicatorView:
    id: str
    theme: str
    label: str
    definition: str
    kind: str
    unit: str
    polarity: str
    source_table: str
    origin: str
    value: float | None
    numerator: float | None
    denominator: float | None
    interval95: list[float | None]
    interval998: list[float | None]
    method: str
    approximate: bool
    missing: str
    vs_gemeente: ComparisonView
    vs_nl: ComparisonView
    peers: PeerView
    trend: dict | None = None
    # the thresholds a difference must reach to count (absolute in the unit, relative to the
    # benchmark), so a reader of the JSON can check a verdict without the catalogue
    materiality: dict = field(default_factory=dict)
    year: int | None = None  # the KWB year of the value (and of its benchmarks)
    area_change: dict | None = None  # {"kind": ..., "year": ...} after the value's year
    vs_similar: ComparisonView | None = None


@dataclass
class SimilarArea:
    code: str
    name: str
    gemeente_code: str | None
    gemeente_name: str
    distance: float


@dataclass
class SimilarView:
    """The areas most like this one across the country, nearest first."""

    group: str  # "wijken" or "gemeenten"
    year: int
    features: list[str]  # indicator ids
    feature_labels: list[str]
    areas: list[SimilarArea]


@dataclass
class Wijkfoto:
    area: Area
    year: int
    compare: str
    indicators: list[IndicatorView]
    narrative: list[str]
    source: str
    attribution: str
    trend_year: int | None = None
    methods: dict[str, str] = field(default_factory=dict)
    years: list[int] = field(default_factory=list)  # the years the indicators come from
    similar: SimilarView | None = None

    @property
    def themes(self) -> list[tuple[str, list[IndicatorView]]]:
        return [(t, [i for i in self.indicators if i.theme == t]) for t in THEMES
                if any(i.theme == t for i in self.indicators)]

    def to_dict(self) -> dict:
        return {
            "schema": SCHEMA,
            "area": asdict(self.area) | {"level_name": LEVEL_NAMES[self.area.level]},
            "year": self.year,
            "compare": self.compare,
            "trend_year": self.trend_year,
            "source": self.source,
            "attribution": self.attribution,
            "methods": self.methods,
            "narrative": self.narrative,
            "years": self.years,
            "similar": asdict(self.similar) if self.similar else None,
            "indicators": [asdict(i) for i in self.indicators],
        }


METHODS = {
    "proportion": "Wilson score interval (statsmodels), 95 % and 99.8 %",
    "rate": "exact Poisson interval below 10 events, Byar's approximation from 10 on",
    "benchmark": CI_OVERLAP_METHOD + "; a difference must also be material",
    "peers": FUNNEL_METHOD,
    "quintiles": QUINTILE_METHOD,
    "trend": TWO_CI_METHOD,
    "similar": SIMILAR_METHOD + "; their average (pooled for shares and rates) is compared by "
               "the benchmark rule",
    "latest_year": "each indicator from the latest loaded year in which the area has a value; "
                   "its benchmarks from that same year; areas linked by CBS code",
    "approximate": "numerator rebuilt from a published percentage, or counts randomly rounded "
                   "to multiples of 5 by CBS (wijk and buurt)",
}


def _comparison(r, i: int, bench_row: int, computed: ComputedYear) -> ComparisonView:
    frame = computed.table.frame
    code = name = None
    if bench_row >= 0:
        code = computed.codes[bench_row]
        name = frame["name"][bench_row]
    return ComparisonView(code, name, _num(r.benchmark[i]), str(r.verdict[i]), _num(r.level[i]),
                          bool(r.significant[i]), bool(r.material[i]))


def _similar_comparison(r, i: int, name: str | None) -> ComparisonView | None:
    if r is None:
        return None
    return ComparisonView(None, name, _num(r.benchmark[i]), str(r.verdict[i]), _num(r.level[i]),
                          bool(r.significant[i]), bool(r.material[i]),
                          int(r.count[i]) if r.count is not None else None)


def similar_view(computed: ComputedYear, i: int, level: str) -> SimilarView | None:
    """The similar areas of row ``i``, or None when the level has none or the area lacks data."""
    from wijkkracht.areas.catalogue import INDICATORS_BY_ID

    sim = computed.similar
    if sim is None or level not in sim.features or not (sim.rows[i] >= 0).any():
        return None
    frame = computed.table.frame
    names, gm_codes, gm_names = (frame[c] for c in ("name", "gemeente_code", "gemeente_name"))
    areas = [SimilarArea(str(computed.codes[r]), names[int(r)], gm_codes[int(r)],
                         gm_names[int(r)], float(d))
             for r, d in zip(sim.rows[i], sim.distance[i], strict=True) if r >= 0]
    features = list(sim.features[level])
    return SimilarView({"WK": "wijken", "GM": "gemeenten"}[level], computed.table.year,
                       features, [INDICATORS_BY_ID[f].label for f in features], areas)


def indicator_view(res: IndicatorResult, i: int, computed: ComputedYear, gm_row: int,
                   nl_row: int, peer_label: str, similar_name: str | None = None
                   ) -> IndicatorView:
    ind = res.indicator
    p = res.peers
    change = str(res.change[i]) if res.change is not None else ""
    return IndicatorView(
        id=ind.id, theme=ind.theme, label=ind.label, definition=ind.definition, kind=ind.kind,
        unit=ind.unit, polarity=str(ind.polarity), source_table=ind.source_table,
        origin=ind.origin,
        value=_num(res.value[i]), numerator=_num(res.numerator[i]),
        denominator=_num(res.denominator[i]),
        interval95=[_num(res.lower95[i]), _num(res.upper95[i])],
        interval998=[_num(res.lower998[i]), _num(res.upper998[i])],
        method=str(res.method[i]), approximate=bool(res.approximate[i]),
        missing=str(res.missing[i]),
        vs_gemeente=_comparison(res.vs_gemeente, i, gm_row, computed),
        vs_nl=_comparison(res.vs_nl, i, nl_row, computed),
        materiality={"absolute": ind.absolute if ind.has_interval else None,
                     "relative": ind.relative},
        peers=PeerView(peer_label, int(p.rank[i]) or None, int(p.count[i]),
                       int(p.quintile[i]) or None, str(p.funnel_verdict[i]),
                       _num(p.funnel_level[i]), _num(p.funnel_z[i]), _num(p.phi[i]),
                       _num(p.tau2[i]), _num(p.minimum[i]), _num(p.p25[i]), _num(p.p75[i]),
                       _num(p.maximum[i])),
        year=int(res.year[i]) if res.year is not None else computed.table.year,
        area_change={"kind": change, "year": int(res.change_year[i])} if change else None,
        vs_similar=_similar_comparison(res.vs_similar, i, similar_name) if similar_name else None,
    )


def build_wijkfoto(computed: ComputedYear, area: Area, compare: str | None = None,
                   earlier: ComputedYear | None = None) -> Wijkfoto:
    """The wijkfoto of ``area``. ``compare`` is the benchmark the narrative uses: 'gemeente'
    (default for wijken and buurten) or 'nl' (default and only choice for a gemeente)."""
    i = computed.index.get(area.code)
    if i is None:
        raise WijkkrachtError(f"Gebied {area.code} staat niet in de kerncijfers van "
                              f"{computed.table.year}.")
    if area.level == "NL":
        raise WijkkrachtError("Een wijkfoto van heel Nederland heeft niets om mee te vergelijken; "
                              "kies een gemeente, wijk of buurt.")
    if compare is None:
        compare = "gemeente" if area.level in ("WK", "BU") else "nl"
    if compare == "gemeente" and area.level == "GM":
        raise WijkkrachtError(f"{area.describe()} is zelf een gemeente; vergelijk met Nederland "
                              "(--compare nl).")
    gm_row = computed.index.get(area.gemeente_code, -1) if area.level in ("WK", "BU") else -1
    nl_row = computed.index.get(NL_CODE, -1)
    if compare == "nl" and nl_row < 0:
        raise WijkkrachtError("Dit bestand bevat geen cijfers voor heel Nederland (NL00); "
                              "vergelijk met de gemeente (--compare gemeente).")
    if compare == "gemeente" and gm_row < 0:
        raise WijkkrachtError(f"De gemeente {area.gemeente_code} ontbreekt in dit bestand; "
                              "vergelijk met Nederland (--compare nl).")
    peer_label = {"WK": "wijken", "BU": "buurten", "GM": "gemeenten"}[area.level]
    similar = similar_view(computed, i, area.level)
    similar_name = f"{len(similar.areas)} vergelijkbare {similar.group}" if similar else None
    views = [indicator_view(r, i, computed, gm_row, nl_row, peer_label, similar_name)
             for r in computed.results.values()
             if r.available and r.missing[i] != NOT_IN_SOURCE]
    year = computed.table.year
    trend_year = None
    if earlier is not None:
        trend = compare_years(earlier, computed, area.code)
        for v in views:
            t: TrendResult | None = trend.get(v.id) if v.year == year else None
            v.trend = asdict(t) if t else None
        trend_year = earlier.table.year
    bench_name = (computed.table.frame["name"][gm_row] if compare == "gemeente" else "Nederland")
    text = narrative(area, views, compare, bench_name, year, trend_year, similar)
    years = sorted({v.year for v in views if v.year is not None} | {year})
    source = computed.table.source
    if len(years) > 1:
        source = f"{source} (en eerdere jaren: {', '.join(map(str, years[:-1]))})"
    return Wijkfoto(area=area, year=year, compare=compare, indicators=views,
                    narrative=text, source=source, attribution=_attribution(years),
                    trend_year=trend_year, methods=METHODS, years=years, similar=similar)


def _attribution(years: list[int]) -> str:
    shown = ", ".join(map(str, years[:-1])) + " en " if len(years) > 1 else ""
    return f"Bron: CBS, Kerncijfers wijken en buurten {shown}{years[-1]}"
