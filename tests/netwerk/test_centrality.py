"""Betweenness and Freeman centralization against networkx and closed forms."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from wijkkracht.netwerk.core.centrality import (
    betweenness,
    betweenness_centralization,
    degree_centralization,
)


def matrix(graph: nx.Graph) -> np.ndarray:
    return nx.to_numpy_array(graph, nodelist=sorted(graph.nodes)) > 0


def freeman_by_hand(scores: list[float], c_max: float) -> float:
    top = max(scores)
    return sum(top - s for s in scores) / c_max


GRAPHS = [
    ("random directed", nx.gnp_random_graph(30, 0.15, seed=1, directed=True)),
    ("random undirected", nx.gnp_random_graph(30, 0.15, seed=2)),
    ("disconnected directed", nx.disjoint_union(nx.gnp_random_graph(8, 0.5, seed=3, directed=True),
                                                nx.gnp_random_graph(6, 0.5, seed=4,
                                                                    directed=True))),
    ("disconnected undirected", nx.disjoint_union(nx.cycle_graph(5), nx.path_graph(4))),
    ("sparse chain", nx.path_graph(40)),
    ("dense directed", nx.gnp_random_graph(25, 0.7, seed=5, directed=True)),
    ("with isolates", nx.disjoint_union(nx.star_graph(4), nx.empty_graph(3))),
]


@pytest.mark.parametrize("method", ["matrix", "auto"])
@pytest.mark.parametrize("name, graph", GRAPHS, ids=[g[0] for g in GRAPHS])
def test_betweenness_equals_networkx_raw_betweenness(name, graph, method):
    expected = nx.betweenness_centrality(graph, normalized=False)
    got = betweenness(matrix(graph), graph.is_directed(), method=method)
    assert got == pytest.approx([expected[v] for v in sorted(graph.nodes)])


@pytest.mark.parametrize("seed", range(12))
def test_betweenness_on_many_random_graphs(seed):
    rng = np.random.default_rng(seed)
    graph = nx.gnp_random_graph(int(rng.integers(3, 40)), float(rng.uniform(0.02, 0.4)),
                                seed=seed, directed=bool(seed % 2))
    expected = nx.betweenness_centrality(graph, normalized=False)
    got = betweenness(matrix(graph), graph.is_directed(), method="matrix")
    assert got == pytest.approx([expected[v] for v in sorted(graph.nodes)])


@pytest.mark.parametrize("name, graph", GRAPHS, ids=[g[0] for g in GRAPHS])
def test_centralization_equals_the_freeman_formula_on_networkx_scores(name, graph):
    n = graph.number_of_nodes()
    adj = matrix(graph)
    nodes = sorted(graph.nodes)
    raw = nx.betweenness_centrality(graph, normalized=False)
    if graph.is_directed():
        ins = [graph.in_degree(v) for v in nodes]
        outs = [graph.out_degree(v) for v in nodes]
        assert degree_centralization(adj, "in") == pytest.approx(freeman_by_hand(ins, (n - 1) ** 2))
        assert degree_centralization(adj, "out") == pytest.approx(
            freeman_by_hand(outs, (n - 1) ** 2))
        c_max = (n - 1) ** 2 * (n - 2)
    else:
        degrees = [graph.degree(v) for v in nodes]
        assert degree_centralization(adj, "undirected") == pytest.approx(
            freeman_by_hand(degrees, (n - 1) * (n - 2)))
        c_max = (n - 1) ** 2 * (n - 2) / 2
    assert betweenness_centralization(adj, graph.is_directed()) == pytest.approx(
        freeman_by_hand([raw[v] for v in nodes], c_max))


@pytest.mark.parametrize("n", [3, 4, 7, 12])
def test_a_star_is_fully_centralized(n):
    star = nx.star_graph(n - 1)
    adj = matrix(star)
    assert degree_centralization(adj, "undirected") == pytest.approx(1.0)
    assert betweenness_centralization(adj, directed=False) == pytest.approx(1.0)
    # directed: all point to the centre (in-star), the centre to all (out-star), both ways
    inward = np.zeros_like(adj)
    inward[1:, 0] = True
    assert degree_centralization(inward, "in") == pytest.approx(1.0)
    assert degree_centralization(inward.T, "out") == pytest.approx(1.0)
    assert betweenness_centralization(adj, directed=True) == pytest.approx(1.0)  # mutual star


@pytest.mark.parametrize("n", [3, 5, 9])
def test_empty_and_complete_graphs_have_no_centralization(n):
    for adj in (np.zeros((n, n), dtype=bool), ~np.eye(n, dtype=bool)):
        assert degree_centralization(adj, "in") == 0
        assert degree_centralization(adj, "out") == 0
        assert degree_centralization(adj, "undirected") == 0
        assert betweenness_centralization(adj, directed=True) == 0
        assert betweenness_centralization(adj, directed=False) == 0


def test_centralization_is_undefined_for_too_few_people():
    one = np.zeros((1, 1), dtype=bool)
    assert degree_centralization(one, "in") is None
    assert degree_centralization(one, "undirected") is None
    assert betweenness_centralization(one, directed=True) is None
    two = np.array([[False, True], [False, False]])
    assert degree_centralization(two, "in") == 1.0  # (n-1)^2 = 1: one receives, one does not
    assert degree_centralization(two | two.T, "undirected") is None
    assert betweenness_centralization(two, directed=True) is None
    assert betweenness(one, True).tolist() == [0.0]


def test_unknown_modes_are_refused():
    with pytest.raises(ValueError):
        degree_centralization(np.zeros((3, 3), dtype=bool), "total")
    with pytest.raises(ValueError):
        betweenness(np.zeros((3, 3), dtype=bool), True, method="fast")
