"""Per-person metrics: constraint by hand, brokerage roles per role, sector bridges."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest

from tests.netwerk.scans import relabel, roster, scan_from_graph
from wijkkracht.netwerk.core.levels import level_network
from wijkkracht.netwerk.core.model import Scan, scan_from_levels
from wijkkracht.netwerk.core.people import (
    BROKERAGE_ROLES,
    brokerage_roles,
    burt_constraint,
    person_metrics,
    sector_bridges,
)


def test_burt_constraint_equals_a_hand_computation_undirected():
    # triangle a-b-c with d hanging off a. p_a* = 1/3, p_b* = p_c* = 1/2, p_da = 1.
    # c(a) = (1/3 + 1/3*1/2)^2 * 2 + (1/3)^2 = 1/2 + 1/9 = 11/18
    # c(b) = (1/2 + 1/2*1/2)^2 + (1/2 + 1/2*1/3)^2 = 9/16 + 4/9 = 145/144; c(d) = 1
    graph = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("a", "d")])
    got = burt_constraint(level_network(scan_from_graph(graph), 1, "any"))
    assert got["a"] == pytest.approx(11 / 18)
    assert got["b"] == pytest.approx(145 / 144) == got["c"]
    assert got["d"] == pytest.approx(1.0)


def test_burt_constraint_by_hand_on_a_directed_graph_uses_mutual_ties():
    # a <-> b, a -> c: a's mutual weights b 2, c 1, so p_ab = 2/3, p_ac = 1/3;
    # c(a) = (2/3)^2 + (1/3)^2 = 5/9 (b and c are not tied); b and c have one contact: 1.
    scan = scan_from_levels("T0", roster({p: "s" for p in "abce"}),
                            {("a", "b"): 1, ("b", "a"): 1, ("a", "c"): 1})
    got = burt_constraint(level_network(scan, 1))
    assert got["a"] == pytest.approx(5 / 9)
    assert got["b"] == pytest.approx(1.0) == got["c"]
    assert got["e"] is None  # isolate: undefined, not 0


ROLES = {  # sectors of a, b (the broker) and c on the path a -> b -> c
    "coordinator": ("X", "X", "X"),
    "itinerant": ("X", "Y", "X"),
    "representative": ("X", "X", "Y"),
    "gatekeeper": ("Y", "X", "X"),
    "liaison": ("X", "Y", "Z"),
}


@pytest.mark.parametrize("role", BROKERAGE_ROLES)
def test_each_brokerage_role_on_three_people(role):
    sa, sb, sc = ROLES[role]
    scan = scan_from_levels("T0", roster({"a": sa, "b": sb, "c": sc}),
                            {("a", "b"): 2, ("b", "c"): 2})
    got = brokerage_roles(level_network(scan, 1))
    assert getattr(got["b"], role) == 1 and got["b"].total == 1
    assert got["a"].total == 0 == got["c"].total


def test_no_brokerage_when_a_already_reaches_c():
    scan = scan_from_levels("T0", roster({"a": "X", "b": "Y", "c": "Z"}),
                            {("a", "b"): 1, ("b", "c"): 1, ("a", "c"): 1})
    assert brokerage_roles(level_network(scan, 1))["b"].total == 0


def test_no_brokerage_over_a_pair_whose_tie_is_unknown():
    # any view: a did not respond; b names a and c; c says nothing about a. Is a-c absent?
    # Only a knows, so the path a - b - c is not counted.
    scan = Scan("T0", roster({"a": "X", "b": "Y", "c": "Z"}), frozenset({"b", "c"}),
                {("b", "a"): 1, ("b", "c"): 1})
    assert brokerage_roles(level_network(scan, 1, "any"))["b"].total == 0
    everyone = scan_from_levels("T0", roster({"a": "X", "b": "Y", "c": "Z"}),
                                {("b", "a"): 1, ("b", "c"): 1})
    assert brokerage_roles(level_network(everyone, 1, "any"))["b"].liaison == 2  # both ways


def brokerage_by_brute_force(graph: nx.DiGraph, sector: dict[str, str]) -> dict[str, dict]:
    counts = {v: dict.fromkeys(BROKERAGE_ROLES, 0) for v in graph}
    for a, b, c in itertools.permutations(graph.nodes, 3):
        if graph.has_edge(a, b) and graph.has_edge(b, c) and not graph.has_edge(a, c):
            sa, sb, sc = sector[a], sector[b], sector[c]
            if sa == sb == sc:
                role = "coordinator"
            elif sa == sc:
                role = "itinerant"
            elif sa == sb:
                role = "representative"
            elif sb == sc:
                role = "gatekeeper"
            else:
                role = "liaison"
            counts[b][role] += 1
    return counts


def test_brokerage_equals_brute_force_on_a_random_network():
    graph = relabel(nx.gnp_random_graph(18, 0.2, seed=21, directed=True))
    rng = np.random.default_rng(0)
    sector = {v: "XYZ"[int(rng.integers(0, 3))] for v in graph}
    got = brokerage_roles(level_network(scan_from_graph(graph, sector), 1))
    expected = brokerage_by_brute_force(graph, sector)
    for person, roles in expected.items():
        assert {r: getattr(got[person], r) for r in BROKERAGE_ROLES} == roles


def test_the_only_tie_between_two_sectors_makes_both_ends_bridges():
    sector = {"h1": "huisarts", "h2": "huisarts", "s1": "wijkteam", "s2": "wijkteam"}
    graph = nx.Graph([("h1", "h2"), ("s1", "s2"), ("h1", "s1")])
    bridges = sector_bridges(level_network(scan_from_graph(graph, sector), 1, "any"))
    assert [(b.person, b.direct, b.path, b.direct_ties) for b in bridges] == [
        ("h1", True, True, 1), ("s1", True, True, 1)]


def test_a_direct_bridge_with_a_detour_is_not_a_path_bridge():
    sector = {"h1": "huisarts", "h2": "huisarts", "s1": "wijkteam", "s2": "wijkteam",
              "w1": "welzijn", "w2": "welzijn"}
    graph = nx.Graph([("h1", "h2"), ("s1", "s2"), ("h1", "s1"), ("s1", "h2"),
                      ("h2", "w1"), ("w1", "w2"), ("w2", "s2")])
    bridges = {(b.person, b.sectors): b for b in sector_bridges(
        level_network(scan_from_graph(graph, sector), 1, "any"))}
    s1 = bridges[("s1", ("huisarts", "wijkteam"))]  # both huisarts-wijkteam ties touch s1
    assert s1.direct and not s1.path and s1.direct_ties == 2
    assert ("h1", ("huisarts", "wijkteam")) not in bridges


def test_a_hub_is_a_path_bridge_between_sectors_it_does_not_touch_directly():
    sector = {"hub": "X", "x2": "X", "y1": "Y", "y2": "Y", "z1": "Z", "z2": "Z"}
    graph = nx.Graph([("hub", "x2"), ("hub", "y1"), ("hub", "y2"), ("hub", "z1"),
                      ("hub", "z2")])
    bridges = {b.sectors: b for b in sector_bridges(
        level_network(scan_from_graph(graph, sector), 1, "any")) if b.person == "hub"}
    assert set(bridges) == {("X", "Y"), ("X", "Z"), ("Y", "Z")}
    assert bridges[("Y", "Z")].path and not bridges[("Y", "Z")].direct
    assert bridges[("X", "Y")].direct and bridges[("X", "Y")].path


def test_the_sole_member_of_a_sector_is_not_called_a_bridge_for_it():
    graph = nx.Graph([("a1", "b"), ("a2", "b")])
    bridges = sector_bridges(level_network(
        scan_from_graph(graph, {"a1": "A", "a2": "A", "b": "B"}), 1, "any"))
    assert [b.person for b in bridges] == []


def test_person_metrics_equal_networkx():
    graph = relabel(nx.gnp_random_graph(15, 0.25, seed=9, directed=True))
    scan = scan_from_graph(graph)
    raw = nx.betweenness_centrality(graph, normalized=False)
    norm = nx.betweenness_centrality(graph, normalized=True)
    constraint = nx.constraint(graph)
    for p in person_metrics(scan, 1):
        assert p.in_degree == graph.in_degree(p.id)
        assert p.out_degree == graph.out_degree(p.id)
        assert p.degree == len(set(graph.predecessors(p.id)) | set(graph.successors(p.id)))
        assert p.betweenness == pytest.approx(raw[p.id])
        assert p.betweenness_normalized == pytest.approx(norm[p.id])
        assert p.constraint == pytest.approx(constraint[p.id])


def test_a_non_respondent_has_no_out_degree_but_keeps_the_ties_others_report():
    scan = Scan("T0", roster({"a": "X", "b": "Y", "c": "Y"}), frozenset({"a", "b"}),
                {("a", "c"): 2, ("b", "c"): 1})
    people = {p.id: p for p in person_metrics(scan, 1)}
    assert people["c"].out_degree is None and people["c"].in_degree == 2
    assert not people["c"].responded and people["a"].out_degree == 1
    undirected = {p.id: p for p in person_metrics(scan, 1, view="any")}
    assert undirected["c"].in_degree is None and undirected["c"].degree == 2


def test_people_without_any_tie_and_an_empty_roster():
    scan = scan_from_levels("T0", roster({p: "s" for p in "abc"}), {})
    people = person_metrics(scan, 1)
    assert [(p.degree, p.constraint, p.betweenness, p.brokerage.total) for p in people] == [
        (0, None, 0.0, 0)] * 3
    assert person_metrics(Scan("T0", (), frozenset()), 1) == []
