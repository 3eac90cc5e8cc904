"""Small scans built by the tests, from networkx graphs or explicit levels."""

from __future__ import annotations

import networkx as nx

from wijkkracht.netwerk.core.model import Person, Scan


def roster(sectors: dict[str, str]) -> tuple[Person, ...]:
    return tuple(Person(pid, pid.upper(), sector) for pid, sector in sectors.items())


def scan_from_graph(graph: nx.Graph, sectors: dict[str, str] | None = None,
                    respondents: set[str] | None = None, level: int = 1,
                    moment: str = "T0") -> Scan:
    """Every edge u -> v (both ways if undirected) at ``level``, as reported by u.

    Edges sent by a non-respondent are dropped: they could not have been reported.
    """
    nodes = [str(v) for v in graph.nodes]
    sectors = sectors or dict.fromkeys(nodes, "S")
    who = set(nodes) if respondents is None else set(respondents)
    arcs = graph.edges if graph.is_directed() else [*graph.edges, *((v, u) for u, v in graph.edges)]
    answers = {(str(u), str(v)): level for u, v in arcs if str(u) in who and u != v}
    return Scan(moment, roster({v: sectors[v] for v in nodes}), frozenset(who), answers)


def relabel(graph: nx.Graph) -> nx.Graph:
    """The graph with string node names (as person ids are)."""
    return nx.relabel_nodes(graph, {v: str(v) for v in graph.nodes})
