"""Per-person metrics: degree, betweenness, Burt's constraint, brokerage roles, sector bridges.

* Constraint: Burt, R. S. (1992). *Structural Holes*. Harvard University Press:
  ``c_i = sum_{j in N(i)} (p_ij + sum_q p_iq p_qj)^2`` with ``p_ij`` the share of i's
  (mutual) tie weight spent on j; computed with ``networkx.constraint``. Low = a broker.
* Brokerage roles: Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation.
  *Sociological Methodology* 19, 89-126. Each two-path a -> b -> c with a -> c absent makes b a
  broker, classified by group (sector) membership of a, b, c.
* Single sector bridges: who the wijk must not lose (see :func:`sector_bridges`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx
import numpy as np
from scipy.sparse import csr_array
from scipy.sparse.csgraph import connected_components

from .centrality import betweenness
from .levels import LevelNetwork, level_network
from .model import Scan

BROKERAGE_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
BROKERAGE_DEFINITION = (
    "Gould & Fernandez (1989): per two-path a -> b -> c (a != c) with a -> c absent and that "
    "cell observed, broker b is coordinator (a, b, c one sector), itinerant or consultant "
    "(a and c one sector, b another), representative (a and b one sector, c another), "
    "gatekeeper (b and c one sector, a another) or liaison (three sectors); undirected views "
    "count each path both ways")
CONSTRAINT_DEFINITION = ("Burt (1992) constraint via networkx.constraint, p_ij from mutual "
                         "ties (a_ij + a_ji); None for people without ties")
BRIDGE_DEFINITION = (
    "direct: every tie between the two sectors at this level has this person as one end; "
    "path: without this person no member of one sector can reach any member of the other "
    "(articulation point of the network, Hopcroft & Tarjan 1973)")


@dataclass(frozen=True)
class Brokerage:
    """Gould-Fernandez brokerage counts of one person."""

    coordinator: int = 0
    itinerant: int = 0
    representative: int = 0
    gatekeeper: int = 0
    liaison: int = 0

    @property
    def total(self) -> int:
        return sum(getattr(self, role) for role in BROKERAGE_ROLES)


def _sector_codes(sectors: tuple[str, ...]) -> np.ndarray:
    names = {s: i for i, s in enumerate(sorted(set(sectors)))}
    return np.array([names[s] for s in sectors], dtype=np.int64)


def brokerage_roles(net: LevelNetwork) -> dict[str, Brokerage]:
    """Gould-Fernandez role counts per person; a -> c must be observed to count as absent."""
    adj = net.adjacency
    seen = net.scan.observed if net.directed else net.observed
    codes = _sector_codes(net.sectors)
    out: dict[str, Brokerage] = {}
    for b, person in enumerate(net.ids):
        preds, succs = np.flatnonzero(adj[:, b]), np.flatnonzero(adj[b, :])
        if not len(preds) or not len(succs):
            out[person] = Brokerage()
            continue
        block = np.ix_(preds, succs)
        open_path = ~adj[block] & seen[block] & (preds[:, None] != succs[None, :])
        ga, gc, gb = codes[preds][:, None], codes[succs][None, :], codes[b]
        a_is_b, c_is_b, a_is_c = ga == gb, gc == gb, ga == gc
        out[person] = Brokerage(
            coordinator=int((open_path & a_is_b & c_is_b).sum()),
            itinerant=int((open_path & a_is_c & ~a_is_b).sum()),
            representative=int((open_path & a_is_b & ~c_is_b).sum()),
            gatekeeper=int((open_path & c_is_b & ~a_is_b).sum()),
            liaison=int((open_path & ~a_is_c & ~a_is_b & ~c_is_b).sum()),
        )
    return out


def burt_constraint(net: LevelNetwork) -> dict[str, float | None]:
    """Burt's constraint per person via ``networkx.constraint``; None when undefined (no ties)."""
    graph = net.graph()
    if graph.number_of_edges() == 0:  # networkx refuses an empty graph; nobody has contacts
        return dict.fromkeys(net.ids)
    scores = nx.constraint(graph)
    return {k: None if math.isnan(v) else float(v) for k, v in scores.items()}


@dataclass(frozen=True)
class SectorBridge:
    """A person carrying the link between two sectors alone."""

    person: str
    sectors: tuple[str, str]  # sorted
    direct: bool  # the one end of every direct tie between the two sectors
    path: bool  # the only connection (direct or via others) between the two sectors
    direct_ties: int  # ties between the two sectors at this level


def _sectors_together(labels: np.ndarray, members: np.ndarray, sectors: tuple[str, ...]
                      ) -> set[tuple[str, str]]:
    per_component: dict[int, set[str]] = defaultdict(set)
    for i in members.tolist():
        per_component[int(labels[i])].add(sectors[i])
    pairs: set[tuple[str, str]] = set()
    for found in per_component.values():
        ordered = sorted(found)
        pairs.update((g, h) for x, g in enumerate(ordered) for h in ordered[x + 1:])
    return pairs


def sector_bridges(net: LevelNetwork) -> list[SectorBridge]:
    """People who alone hold two sectors together at this level, in the undirected sense.

    *Direct*: all ties between sectors g and h share one end, this person. *Path*: removing the
    person leaves no path at all between the remaining members of g and of h, which were
    connected before; only articulation points can do this. A person who is the sole member of a
    sector is not a bridge for that sector (losing them loses the sector, shown elsewhere).
    """
    adj = net.adjacency | net.adjacency.T
    sectors, ids, n = net.sectors, net.ids, net.n
    crossing: dict[tuple[str, str], int] = defaultdict(int)
    carried: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for i, j in np.argwhere(np.triu(adj, 1)).tolist():
        if sectors[i] != sectors[j]:
            pair = (min(sectors[i], sectors[j]), max(sectors[i], sectors[j]))
            crossing[pair] += 1
            carried[pair][i] += 1
            carried[pair][j] += 1
    size = Counter(sectors)
    found: dict[tuple[int, tuple[str, str]], list[bool]] = defaultdict(lambda: [False, False])
    for pair, total in crossing.items():
        for person, count in carried[pair].items():
            if count == total and size[sectors[person]] > 1:
                found[(person, pair)][0] = True
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(np.argwhere(np.triu(adj, 1)).tolist())
    everyone = np.arange(n)
    _, before_labels = connected_components(csr_array(adj.astype(np.int8)), directed=False)
    for cut in sorted(nx.articulation_points(graph)):
        others = everyone[everyone != cut]
        before = _sectors_together(before_labels, others, sectors)
        rest = adj[np.ix_(others, others)]
        _, labels = connected_components(csr_array(rest.astype(np.int8)), directed=False)
        after_labels = np.full(n, -1)
        after_labels[others] = labels
        for pair in before - _sectors_together(after_labels, others, sectors):
            found[(cut, pair)][1] = True
    return sorted((SectorBridge(ids[p], pair, flags[0], flags[1], crossing.get(pair, 0))
                   for (p, pair), flags in found.items()),
                  key=lambda b: (b.sectors, b.person))


@dataclass(frozen=True)
class PersonMetrics:
    """One person at one level and view; out-degree is None when their answers are unknown."""

    id: str
    name: str
    sector: str
    organisation: str
    responded: bool
    in_degree: int | None  # directed view only
    out_degree: int | None  # directed view, respondents (or reconstructed) only
    degree: int  # distinct people tied either way
    betweenness: float  # raw (Brandes 2001)
    betweenness_normalized: float  # raw / number of pairs not involving the person
    constraint: float | None
    brokerage: Brokerage
    bridge_for: tuple[tuple[str, str], ...]  # sector pairs this person alone holds together


PERSON_DEFINITIONS = {
    "betweenness": "raw shortest-path betweenness (Freeman 1977; Brandes 2001); normalized by "
                   "(n-1)(n-2) directed, (n-1)(n-2)/2 undirected",
    "constraint": CONSTRAINT_DEFINITION,
    "brokerage": BROKERAGE_DEFINITION,
    "bridge_for": BRIDGE_DEFINITION,
}


def person_metrics(scan: Scan, level: int, view: str = "directed",
                   bridge_view: str = "any") -> list[PersonMetrics]:
    """Per-person metrics on the level-k network (``view``), bridges on ``bridge_view``."""
    net = level_network(scan, level, view)
    adj, n = net.adjacency, net.n
    scores = betweenness(adj, net.directed)
    pairs = (n - 1) * (n - 2) if net.directed else (n - 1) * (n - 2) / 2
    constraint = burt_constraint(net)
    roles = brokerage_roles(net)
    bridges: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for bridge in sector_bridges(level_network(scan, level, bridge_view)):
        bridges[bridge.person].append(bridge.sectors)
    sent_all = scan.observed | np.eye(n, dtype=bool)
    out = []
    for i, person in enumerate(scan.people):
        knows_answers = bool(sent_all[i].all())
        out.append(PersonMetrics(
            id=person.id, name=person.name, sector=person.sector,
            organisation=person.organisation, responded=bool(scan.responded[i]),
            in_degree=int(adj[:, i].sum()) if net.directed else None,
            out_degree=int(adj[i].sum()) if net.directed and knows_answers else None,
            degree=int((adj[i] | adj[:, i]).sum()),
            betweenness=float(scores[i]),
            betweenness_normalized=float(scores[i] / pairs) if pairs else 0.0,
            constraint=constraint[person.id], brokerage=roles[person.id],
            bridge_for=tuple(bridges.get(person.id, ())),
        ))
    return out
