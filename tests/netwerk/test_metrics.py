"""Whole-network metrics per level and view, against independent computations."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest

from tests.netwerk.scans import relabel, roster, scan_from_graph
from wijkkracht.netwerk.core.levels import level_network
from wijkkracht.netwerk.core.metrics import (
    ladder_metrics,
    level_metrics,
    network_metrics,
    reciprocity,
)
from wijkkracht.netwerk.core.model import Scan, scan_from_levels


def dyad_census(graph: nx.DiGraph) -> tuple[int, int]:
    mutual = asymmetric = 0
    for u, v in itertools.combinations(graph.nodes, 2):
        there, back = graph.has_edge(u, v), graph.has_edge(v, u)
        mutual += there and back
        asymmetric += there != back
    return mutual, asymmetric


def freeman(scores, c_max):
    return sum(max(scores) - s for s in scores) / c_max


def test_directed_metrics_equal_an_independent_computation():
    graph = relabel(nx.disjoint_union(nx.gnp_random_graph(14, 0.25, seed=7, directed=True),
                                      nx.empty_graph(2, create_using=nx.DiGraph)))
    n = graph.number_of_nodes()
    got = network_metrics(level_network(scan_from_graph(graph), 1, "directed"))
    mutual, asymmetric = dyad_census(graph)
    raw = nx.betweenness_centrality(graph, normalized=False)
    assert got.ties == graph.number_of_edges()
    assert got.density == pytest.approx(nx.density(graph))
    assert got.reciprocity_per_tie == pytest.approx(nx.overall_reciprocity(graph))
    assert got.reciprocity_per_pair == pytest.approx(mutual / (mutual + asymmetric))
    assert got.in_degree_centralization == pytest.approx(
        freeman([d for _, d in graph.in_degree], (n - 1) ** 2))
    assert got.out_degree_centralization == pytest.approx(
        freeman([d for _, d in graph.out_degree], (n - 1) ** 2))
    assert got.degree_centralization is None
    assert got.betweenness_centralization == pytest.approx(
        freeman(list(raw.values()), (n - 1) ** 2 * (n - 2)))
    assert got.top_broker == max(sorted(raw, key=int), key=lambda v: raw[v])
    assert got.components == nx.number_weakly_connected_components(graph)
    assert got.strong_components == nx.number_strongly_connected_components(graph)
    assert got.largest_component == max(len(c) for c in nx.weakly_connected_components(graph))
    assert set(got.isolates) == set(nx.isolates(graph))
    assert got.complete and got.cautions == ()
    assert "per pair" in got.definitions["reciprocity_per_pair"]
    assert "per tie" in got.definitions["reciprocity_per_tie"]


@pytest.mark.parametrize("view, build", [("any", lambda g: g.to_undirected()),
                                         ("confirmed", lambda g: g.to_undirected(reciprocal=True))])
def test_undirected_views_equal_networkx_on_the_or_and_and_graphs(view, build):
    directed = relabel(nx.gnp_random_graph(16, 0.2, seed=11, directed=True))
    graph = build(directed)
    n = graph.number_of_nodes()
    got = network_metrics(level_network(scan_from_graph(directed), 1, view))
    raw = nx.betweenness_centrality(graph, normalized=False)
    assert got.ties == graph.number_of_edges()
    assert got.density == pytest.approx(nx.density(graph))
    assert got.degree_centralization == pytest.approx(
        freeman([d for _, d in graph.degree], (n - 1) * (n - 2)))
    assert got.betweenness_centralization == pytest.approx(
        freeman(list(raw.values()), (n - 1) ** 2 * (n - 2) / 2))
    assert got.components == nx.number_connected_components(graph)
    assert set(got.isolates) == set(nx.isolates(graph))
    assert got.reciprocity_per_tie is None and got.in_degree_centralization is None


def test_confirmed_over_any_is_the_per_pair_reciprocity():
    scan = scan_from_graph(relabel(nx.gnp_random_graph(20, 0.3, seed=5, directed=True)))
    level = level_metrics(scan, 1)
    assert level.confirmed.ties / level.any.ties == pytest.approx(
        level.directed.reciprocity_per_pair)
    assert level.perception_gap == pytest.approx(level.any.density - level.confirmed.density)


def test_a_single_person():
    got = network_metrics(level_network(scan_from_levels("T0", roster({"a": "s"}), {}), 1))
    assert (got.ties, got.density, got.components, got.isolates) == (0, None, 1, ("a",))
    assert got.in_degree_centralization is None
    assert got.betweenness_centralization is None
    assert got.reciprocity_per_tie is None and got.top_broker is None


def test_all_isolates():
    scan = scan_from_levels("T0", roster({p: "s" for p in "abcde"}), {})
    for view in ("directed", "confirmed", "any"):
        got = network_metrics(level_network(scan, 1, view))
        assert got.density == 0.0 and got.ties == 0
        assert got.components == 5 and got.largest_component == 1
        assert got.isolates == tuple("abcde")
        assert got.betweenness_centralization == 0.0
        assert got.reciprocity_per_tie is None


def test_complete_graph():
    graph = relabel(nx.complete_graph(6, create_using=nx.DiGraph))
    level = level_metrics(scan_from_graph(graph), 1)
    assert level.directed.density == 1.0 == level.confirmed.density == level.any.density
    assert level.directed.reciprocity_per_tie == 1.0 == level.directed.reciprocity_per_pair
    assert level.directed.in_degree_centralization == 0.0
    assert level.confirmed.degree_centralization == 0.0
    assert level.directed.betweenness_centralization == 0.0
    assert level.any.components == 1 and level.any.isolates == ()


def test_star_is_centralized_and_empty_is_not():
    star = relabel(nx.star_graph(6))
    level = level_metrics(scan_from_graph(star), 1)
    assert level.any.degree_centralization == pytest.approx(1.0)
    assert level.any.betweenness_centralization == pytest.approx(1.0)
    assert level.directed.betweenness_centralization == pytest.approx(1.0)
    assert level.any.top_broker == "0"
    empty = level_metrics(scan_from_graph(relabel(nx.empty_graph(7))), 1)
    assert empty.any.degree_centralization == 0.0
    assert empty.any.betweenness_centralization == 0.0


def test_incomplete_response_is_said_and_out_degree_is_not_guessed():
    people = roster({p: "s" for p in "abcd"})
    scan = Scan("T0", people, frozenset({"a", "b", "c"}),
                {("a", "b"): 1, ("b", "a"): 1, ("a", "d"): 2, ("c", "d"): 1})
    got = network_metrics(level_network(scan, 1))
    assert not got.complete
    assert got.out_degree_centralization is None
    assert "unknown" in got.definitions["out_degree_centralization"]
    assert got.in_degree_centralization is not None
    assert any("did not respond" in c for c in got.cautions)
    # reciprocity only on pairs both answered: a-b mutual; a->d and c->d cannot be returned
    assert (got.reciprocity_per_tie, got.reciprocity_per_pair) == (1.0, 1.0)
    assert got.density == pytest.approx(4 / 9)


def test_a_non_respondent_without_reports_is_flagged_as_possibly_not_isolated():
    scan = Scan("T0", roster({p: "s" for p in "abc"}), frozenset({"a", "b"}), {("a", "b"): 1})
    got = network_metrics(level_network(scan, 1))
    assert got.isolates == ("c",) and got.isolates_not_responded == ("c",)


def test_reciprocity_of_no_ties_is_undefined():
    import numpy as np

    rec = reciprocity(np.zeros((3, 3), dtype=bool), np.ones((3, 3), dtype=bool))
    assert (rec.per_tie, rec.per_pair) == (None, None)


def test_ladder_has_four_levels_with_non_increasing_density():
    levels = {("a", "b"): 4, ("b", "a"): 2, ("a", "c"): 1, ("c", "b"): 3}
    ladder = ladder_metrics(scan_from_levels("T0", roster({p: "s" for p in "abc"}), levels))
    assert [m.level for m in ladder] == [1, 2, 3, 4]
    assert [m.level_label for m in ladder][-1] == "werk samen aan casussen"
    assert [m.directed.ties for m in ladder] == [4, 3, 2, 1]
    assert [m.confirmed.ties for m in ladder] == [1, 1, 0, 0]
    with pytest.raises(ValueError):
        ladder[0].view("both")


def test_an_empty_roster_gives_empty_results_not_errors():
    level = level_metrics(Scan("T0", (), frozenset()), 1)
    assert (level.directed.people, level.directed.density, level.any.components) == (0, None, 0)
    assert level.directed.betweenness_centralization is None
