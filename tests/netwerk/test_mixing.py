"""Sector mixing, E-I index and the permutation test."""

from __future__ import annotations

import itertools
from math import comb

import networkx as nx
import numpy as np
import pytest

from tests.netwerk.scans import relabel, roster, scan_from_graph
from wijkkracht.netwerk.core.mixing import sector_mixing
from wijkkracht.netwerk.core.model import Scan


def two_sectors(n: int) -> dict[str, str]:
    return {str(i): "A" if i < n // 2 else "B" for i in range(n)}


def test_fully_segregated_network_has_e_i_minus_one_and_is_a_wall():
    graph = relabel(nx.disjoint_union(nx.complete_graph(6), nx.complete_graph(6)))
    mixing = sector_mixing(scan_from_graph(graph, two_sectors(12)), 1, permutations=499, seed=1)
    assert (mixing.ei.external, mixing.ei.internal, mixing.ei.value) == (0, 30, -1.0)
    # random mixing: 36 of the 66 pairs cross sectors, 30 stay inside
    assert mixing.ei.expected == pytest.approx((36 - 30) / 66)
    # only the 2 of C(12, 6) = 924 labellings that split the cliques are this inward
    assert mixing.ei.p_lower < 0.02
    wall = mixing.pair("A", "B")
    assert (wall.observed, wall.cells) == (0, 36)
    assert wall.expected == pytest.approx(30 * 36 / 66)
    assert wall.ratio == 0.0 and wall.p_fewer < 0.02 and wall.p_more == 1.0
    assert wall.ei.value == -1.0 and wall.ei.scope == ("A", "B")
    assert mixing.pair("A", "A").ei is None


def test_fully_mixed_network_has_e_i_plus_one():
    graph = relabel(nx.complete_bipartite_graph(4, 4))
    mixing = sector_mixing(scan_from_graph(graph, two_sectors(8)), 1, permutations=4000, seed=1)
    assert (mixing.ei.external, mixing.ei.internal, mixing.ei.value) == (16, 0, 1.0)
    # exactly 2 of the C(8, 4) = 70 labellings are this outward
    assert mixing.ei.p_upper == pytest.approx(2 / 70, abs=0.01)
    by_sector = {e.scope: e for e in mixing.ei_by_sector}
    assert by_sector[("A",)].value == 1.0 and by_sector[("A",)].external == 16
    assert mixing.ei.scope == ()


def test_mixing_matrix_equals_a_count_by_hand():
    directed = relabel(nx.gnp_random_graph(24, 0.2, seed=8, directed=True))
    rng = np.random.default_rng(3)
    sector = {v: ["GGD", "huisarts", "wijkteam"][int(rng.integers(0, 3))] for v in directed}
    scan = scan_from_graph(directed, sector)
    undirected = directed.to_undirected()
    m = undirected.number_of_edges()
    mixing = sector_mixing(scan, 1, view="any", permutations=0)
    pairs = list(itertools.combinations(undirected.nodes, 2))
    for cell in mixing.pairs:
        g, h = cell.sectors
        key = {g, h}
        observed = sum({sector[u], sector[v]} == key for u, v in undirected.edges)
        cells = sum({sector[u], sector[v]} == key for u, v in pairs)
        assert (cell.observed, cell.cells) == (observed, cells)
        assert cell.expected == pytest.approx(m * cells / len(pairs))
        assert cell.p_fewer is None
    sizes = {s: list(sector.values()).count(s) for s in set(sector.values())}
    internal = sum(comb(k, 2) for k in sizes.values())
    assert mixing.ei.expected == pytest.approx((len(pairs) - 2 * internal) / len(pairs))
    e = sum(sector[u] != sector[v] for u, v in undirected.edges)
    assert mixing.ei.value == pytest.approx((e - (m - e)) / m)
    assert mixing.ei.p_lower is None
    for g, h in itertools.combinations(sorted(sizes), 2):  # E-I of each two sectors together
        between = sum({sector[u], sector[v]} == {g, h} for u, v in undirected.edges)
        within = sum(sector[u] == sector[v] in (g, h) for u, v in undirected.edges)
        pair_ei = mixing.pair(g, h).ei
        assert (pair_ei.external, pair_ei.internal) == (between, within)
        assert pair_ei.expected == pytest.approx(
            (sizes[g] * sizes[h] - comb(sizes[g], 2) - comb(sizes[h], 2))
            / comb(sizes[g] + sizes[h], 2))
    # per sector: ties with one end in it against ties with both ends in it
    for e_i in mixing.ei_by_sector:
        (g,) = e_i.scope
        assert e_i.external == sum((sector[u] == g) != (sector[v] == g)
                                   for u, v in undirected.edges)
        assert e_i.internal == sum(sector[u] == sector[v] == g for u, v in undirected.edges)


def test_directed_mixing_counts_ordered_sector_pairs():
    directed = relabel(nx.gnp_random_graph(15, 0.3, seed=2, directed=True))
    sector = two_sectors(15)
    mixing = sector_mixing(scan_from_graph(directed, sector), 1, view="directed",
                           permutations=0)
    n_a, n_b = 7, 8
    m = directed.number_of_edges()
    expected_cells = {("A", "A"): n_a * (n_a - 1), ("A", "B"): n_a * n_b,
                      ("B", "A"): n_b * n_a, ("B", "B"): n_b * (n_b - 1)}
    for (g, h), cells in expected_cells.items():
        cell = mixing.pair(g, h)
        assert cell.cells == cells
        assert cell.observed == sum(sector[u] == g and sector[v] == h for u, v in directed.edges)
        assert cell.expected == pytest.approx(m * cells / (15 * 14))


def test_permutation_p_value_is_reproducible_with_a_seed():
    graph = relabel(nx.gnp_random_graph(30, 0.15, seed=4))
    rng = np.random.default_rng(9)
    sector = {v: "XYZ"[int(rng.integers(0, 3))] for v in graph}
    scan = scan_from_graph(graph, sector)
    first = sector_mixing(scan, 1, permutations=300, seed=42)
    again = sector_mixing(scan, 1, permutations=300, seed=42)
    other = sector_mixing(scan, 1, permutations=300, seed=43)
    assert first == again
    assert first.seed == 42 and first.permutations == 300
    assert [p.p_fewer for p in first.pairs] != [p.p_fewer for p in other.pairs]


def test_permutation_p_value_converges_to_the_exact_randomization_p_value():
    # six people, three per sector: all 20 labellings can be enumerated
    graph = relabel(nx.Graph([(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5)]))
    sector = two_sectors(6)
    edges = list(graph.edges)
    observed_e = sum(sector[u] != sector[v] for u, v in edges)
    null = []
    for group_a in itertools.combinations(graph.nodes, 3):
        e = sum((u in group_a) != (v in group_a) for u, v in edges)
        null.append(e)
    exact_lower = sum(e <= observed_e for e in null) / len(null)
    got = sector_mixing(scan_from_graph(graph, sector), 1, permutations=20_000, seed=5)
    assert got.ei.external == observed_e
    assert got.ei.p_lower == pytest.approx(exact_lower, abs=0.015)


def test_non_respondents_move_neither_ties_nor_cells():
    # d did not respond: pairs with d are unobserved in the any view and left out of both sides
    people_sector = {"a": "A", "b": "A", "c": "B", "d": "B"}
    scan = Scan("T0", roster(people_sector), frozenset({"a", "b", "c"}),
                {("a", "b"): 1, ("a", "d"): 1, ("b", "c"): 1})
    mixing = sector_mixing(scan, 1, permutations=0)
    assert mixing.ties == 2  # a-b and b-c; a-d is known but its pair is not fully observed
    assert sum(p.cells for p in mixing.pairs) == 3  # a-b, a-c, b-c


def test_negative_permutations_are_refused():
    graph = relabel(nx.path_graph(3))
    with pytest.raises(ValueError):
        sector_mixing(scan_from_graph(graph), 1, permutations=-1)
