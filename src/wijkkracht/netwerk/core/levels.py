"""Level-k networks from a scan, in three views, and density on observed cells.

The level-k network holds the pairs at or above k, so the networks are nested and density
never rises with k (Wasserman & Faust 1994, ch. 4, density as ties over possible ties). Views:

* ``directed`` - what each says: i -> j when i reports level >= k about j.
* ``confirmed`` - both say so (the AND rule): an undirected tie when i and j both report >= k.
* ``any`` - any report (the OR rule): an undirected tie when i or j reports >= k.

A directed cell is observed when its sender responded (or it was imputed by a reconstruction);
an undirected pair (dyad) is observed when both its cells are. Density divides the ties in
observed cells by the number of observed cells, so non-response is never counted as "no tie".
Ties reported about non-respondents are kept in the graph (they are real reports), but a
non-respondent's own answers are unknown, so they are missing from the directed view.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import networkx as nx
import numpy as np

from .model import LEVEL_LABELS, MAX_LEVEL, Scan

VIEWS = ("directed", "confirmed", "any")
VIEW_DEFINITIONS = {
    "directed": "what each says: a tie i -> j when i reports level >= k about j",
    "confirmed": "confirmed ties: both say level >= k about each other (AND rule)",
    "any": "any-report ties: at least one of the two says level >= k (OR rule)",
}
DENSITY_DEFINITION = {
    True: "ties in observed cells / observed cells; a cell i -> j is observed when i responded "
          "(or it was reconstructed); n_resp (n - 1) cells with full roster",
    False: "ties in observed pairs / observed pairs; a pair is observed when both responded "
           "(or their cells were reconstructed)",
}


@dataclass(frozen=True, eq=False)
class LevelNetwork:
    """The level-k network of one scan in one view, as boolean matrices in roster order."""

    scan: Scan
    level: int
    view: str
    adjacency: np.ndarray  # bool n x n; symmetric for the undirected views
    observed: np.ndarray  # bool n x n: cells (directed) or pairs (undirected) whose state is known

    @property
    def directed(self) -> bool:
        return self.view == "directed"

    @property
    def ids(self) -> tuple[str, ...]:
        return self.scan.ids

    @property
    def sectors(self) -> tuple[str, ...]:
        return self.scan.sectors

    @property
    def n(self) -> int:
        return len(self.scan.people)

    @cached_property
    def ties(self) -> int:
        """Known ties: directed ties, or undirected pairs for the undirected views."""
        total = int(self.adjacency.sum())
        return total if self.directed else total // 2

    @cached_property
    def edges(self) -> np.ndarray:
        """(m, 2) array of positions; each undirected tie once, with i < j."""
        adj = self.adjacency if self.directed else np.triu(self.adjacency, 1)
        return np.argwhere(adj)

    @cached_property
    def imputed_cells(self) -> int:
        """Cells filled by a reconstruction that this network relies on."""
        return len(self.scan.imputed)

    def graph(self) -> nx.Graph:
        """A networkx graph on all people (ids as nodes), isolates included."""
        g: nx.Graph = nx.DiGraph() if self.directed else nx.Graph()
        ids = self.ids
        g.add_nodes_from(ids)
        g.add_edges_from((ids[i], ids[j]) for i, j in self.edges.tolist())
        return g


def level_network(scan: Scan, level: int, view: str = "directed") -> LevelNetwork:
    """The network of pairs at or above ``level`` (1-4) in ``view``."""
    if view not in VIEWS:
        raise ValueError(f"view must be one of {VIEWS}, got {view!r}")
    if not 1 <= level <= MAX_LEVEL:
        raise ValueError(f"a tie level is 1-{MAX_LEVEL} ({LEVEL_LABELS}), got {level!r}")
    says = scan.levels >= level  # unobserved cells are -1, so never a tie
    observed = scan.observed
    if view == "directed":
        adjacency, cells = says, observed
    elif view == "confirmed":
        adjacency, cells = says & says.T, observed & observed.T
    else:
        adjacency, cells = says | says.T, observed & observed.T
    for matrix in (adjacency, cells):
        matrix.flags.writeable = False
    return LevelNetwork(scan, level, view, adjacency, cells)


@dataclass(frozen=True)
class Density:
    """Density on observed cells (Wasserman & Faust 1994, ch. 4)."""

    level: int
    view: str
    ties: int  # ties inside observed cells (or pairs)
    cells: int  # observed cells (directed) or pairs (undirected)
    possible: int  # cells or pairs with a full response: n(n-1), or n(n-1)/2
    value: float | None  # None when nothing was observed
    definition: str


def density(net: LevelNetwork) -> Density:
    """Ties in observed cells / observed cells (0 ties over 0 cells is None, not 0)."""
    n = net.n
    inside = net.adjacency & net.observed
    ties, cells = int(inside.sum()), int(net.observed.sum())
    possible = n * (n - 1)
    if not net.directed:
        ties, cells, possible = ties // 2, cells // 2, possible // 2
    value = ties / cells if cells else None
    return Density(net.level, net.view, ties, cells, possible, value,
                   DENSITY_DEFINITION[net.directed])


def ladder_densities(scan: Scan, view: str = "directed") -> list[Density]:
    """Density at levels 1-4; non-increasing by construction (a data-quality invariant)."""
    return [density(level_network(scan, k, view)) for k in range(1, MAX_LEVEL + 1)]
