"""Whole-network metrics per ladder level and view (Wasserman & Faust 1994; Freeman 1979).

For each level k = 1..4 the three views of :mod:`.levels` are measured: density on observed
cells, reciprocity (directed view; per tie and per pair), Freeman degree and betweenness
centralization, components and isolates. The gap between any-report and confirmed density is
itself a finding (asymmetric perception); ``confirmed / any`` ties on observed pairs equals the
per-pair reciprocity of the directed view at that level.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import csr_array
from scipy.sparse.csgraph import connected_components

from .centrality import (
    BETWEENNESS_CENTRALIZATION_DEFINITION,
    DEGREE_CENTRALIZATION_DEFINITION,
    betweenness,
    betweenness_centralization,
    degree_centralization,
)
from .levels import VIEW_DEFINITIONS, VIEWS, LevelNetwork, density, level_network
from .model import LEVEL_LABELS, TIE_LEVELS, Scan

RECIPROCITY_PER_TIE = ("per tie (Wasserman & Faust 1994, as networkx overall_reciprocity): "
                       "share of ties whose reverse tie also exists, 2M / (2M + A)")
RECIPROCITY_PER_PAIR = ("per pair (dyad census, Wasserman & Faust 1994 ch. 13; igraph "
                        "mode='ratio'): mutual pairs / connected pairs, M / (M + A)")
RECIPROCITY_SCOPE = "on pairs where both people responded (a non-respondent cannot reciprocate)"


@dataclass(frozen=True)
class Reciprocity:
    """Dyad census on fully observed pairs and the two reciprocity definitions."""

    mutual: int  # M: pairs with ties both ways
    asymmetric: int  # A: pairs with a tie one way
    per_tie: float | None
    per_pair: float | None


def reciprocity(adjacency: np.ndarray, observed: np.ndarray) -> Reciprocity:
    """Reciprocity of a directed network on pairs whose two cells are both observed."""
    both_seen = observed & observed.T
    a = adjacency & both_seen
    mutual = int((a & a.T).sum()) // 2
    asymmetric = int((a ^ a.T).sum()) // 2
    ties = 2 * mutual + asymmetric
    return Reciprocity(mutual, asymmetric,
                       2 * mutual / ties if ties else None,
                       mutual / (mutual + asymmetric) if ties else None)


@dataclass(frozen=True)
class NetworkMetrics:
    """One level, one view. Fields that do not apply to the view are None."""

    level: int
    level_label: str
    view: str
    people: int
    respondents: int
    ties: int  # known ties (directed ties, or pairs for the undirected views)
    density: float | None
    density_ties: int
    density_cells: int
    reciprocity_per_tie: float | None
    reciprocity_per_pair: float | None
    in_degree_centralization: float | None
    out_degree_centralization: float | None
    degree_centralization: float | None
    betweenness_centralization: float | None
    top_broker: str | None  # highest betweenness (first in roster order on ties), None if 0
    components: int  # weak components for the directed view
    strong_components: int | None
    largest_component: int
    isolates: tuple[str, ...]
    isolates_not_responded: tuple[str, ...]  # may only look isolated because they did not answer
    complete: bool  # every cell observed (full response or full reconstruction)
    imputed_cells: int
    cautions: tuple[str, ...]
    definitions: dict[str, str] = field(default_factory=dict)

    def numbers(self) -> dict[str, float | int | None]:
        """The numeric metrics by name, for tables and for change between moments."""
        return {name: getattr(self, name) for name in NUMERIC_METRICS}


NUMERIC_METRICS = (
    "ties", "density", "reciprocity_per_tie", "reciprocity_per_pair",
    "in_degree_centralization", "out_degree_centralization", "degree_centralization",
    "betweenness_centralization", "components", "strong_components", "largest_component",
)


def _components(adjacency: np.ndarray, connection: str) -> tuple[int, int]:
    n = adjacency.shape[0]
    if n == 0:
        return 0, 0
    count, labels = connected_components(csr_array(adjacency.astype(np.int8)), directed=True,
                                         connection=connection)
    return int(count), int(np.bincount(labels).max())


def _cautions(net: LevelNetwork, complete: bool) -> tuple[str, ...]:
    scan = net.scan
    out: list[str] = []
    missing = len(scan.people) - len(scan.respondents)
    if missing and not complete:
        out.append(f"{missing} of {len(scan.people)} people did not respond: density counts "
                   "observed cells only; the other figures use the ties that were reported, so "
                   "ties only a non-respondent would report are missing (not counted as absent)")
    if scan.imputed:
        out.append(f"{len(scan.imputed)} cells were reconstructed from the other person's "
                   "report (OR-reconstruction): treat these figures as an estimate")
    return tuple(out)


def network_metrics(net: LevelNetwork) -> NetworkMetrics:
    """All whole-network metrics of one level-k network, with the definitions used."""
    scan, adj, directed = net.scan, net.adjacency, net.directed
    n = net.n
    off_diagonal = ~np.eye(n, dtype=bool)
    complete = bool(scan.observed[off_diagonal].all())
    dens = density(net)
    definitions = {
        "view": VIEW_DEFINITIONS[net.view],
        "density": dens.definition,
        "degree_centralization": DEGREE_CENTRALIZATION_DEFINITION,
        "betweenness_centralization": BETWEENNESS_CENTRALIZATION_DEFINITION,
        "components": ("weakly connected components (strong ones reported apart)" if directed
                       else "connected components"),
        "isolates": "people without any known tie in this view",
    }
    scores = betweenness(adj, directed)
    top = int(np.argmax(scores)) if n and scores.max() > 0 else None
    components, largest = _components(adj, "weak")
    degree = adj.sum(axis=0) + adj.sum(axis=1) if directed else adj.sum(axis=1)
    lonely = np.flatnonzero(degree == 0)
    ids = scan.ids
    if directed:
        rec = reciprocity(adj, scan.observed)
        definitions["reciprocity_per_tie"] = f"{RECIPROCITY_PER_TIE}, {RECIPROCITY_SCOPE}"
        definitions["reciprocity_per_pair"] = f"{RECIPROCITY_PER_PAIR}, {RECIPROCITY_SCOPE}"
        if not complete:
            definitions["out_degree_centralization"] = (
                "not computed: a non-respondent's out-degree is unknown, not 0")
        in_c = degree_centralization(adj, "in")
        out_c = degree_centralization(adj, "out") if complete else None
        und_c = None
        strong = _components(adj, "strong")[0]
    else:
        rec = Reciprocity(0, 0, None, None)
        in_c = out_c = None
        und_c = degree_centralization(adj, "undirected")
        strong = None
    return NetworkMetrics(
        level=net.level, level_label=LEVEL_LABELS[net.level], view=net.view, people=n,
        respondents=len(scan.respondents), ties=net.ties, density=dens.value,
        density_ties=dens.ties, density_cells=dens.cells, reciprocity_per_tie=rec.per_tie,
        reciprocity_per_pair=rec.per_pair, in_degree_centralization=in_c,
        out_degree_centralization=out_c, degree_centralization=und_c,
        betweenness_centralization=betweenness_centralization(adj, directed, scores),
        top_broker=None if top is None else ids[top], components=components,
        strong_components=strong, largest_component=largest,
        isolates=tuple(ids[i] for i in lonely),
        isolates_not_responded=tuple(ids[i] for i in lonely if not scan.responded[i]),
        complete=complete, imputed_cells=len(scan.imputed), cautions=_cautions(net, complete),
        definitions=definitions)


@dataclass(frozen=True)
class LevelMetrics:
    """The three views of one ladder level side by side."""

    level: int
    level_label: str
    directed: NetworkMetrics
    confirmed: NetworkMetrics
    any: NetworkMetrics

    @property
    def perception_gap(self) -> float | None:
        """Any-report minus confirmed density: how much the two sides' accounts differ."""
        a, c = self.any.density, self.confirmed.density
        return None if a is None or c is None else a - c

    def view(self, name: str) -> NetworkMetrics:
        if name not in VIEWS:
            raise ValueError(f"view must be one of {VIEWS}, got {name!r}")
        return getattr(self, name)


def level_metrics(scan: Scan, level: int) -> LevelMetrics:
    """Metrics of the level-k network in the directed, confirmed and any-report views."""
    views = {view: network_metrics(level_network(scan, level, view)) for view in VIEWS}
    return LevelMetrics(level, LEVEL_LABELS[level], **views)


def ladder_metrics(scan: Scan) -> list[LevelMetrics]:
    """Metrics at every tie level 1-4 (ken ik ... werk samen aan casussen)."""
    return [level_metrics(scan, k) for k in TIE_LEVELS]
