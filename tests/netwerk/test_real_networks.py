"""The core on published research networks, checked against independent computations.

Check values from ../shared/data/SOURCES.md (ties and density) and NETWORK-MAP-CASES.md §2.7
(Knoke & Wood, recomputed here with networkx and plain loops before being trusted).
"""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest

from tests.conftest import SHARED, need
from wijkkracht.netwerk.core.levels import level_network
from wijkkracht.netwerk.core.metrics import level_metrics
from wijkkracht.netwerk.core.mixing import sector_mixing
from wijkkracht.netwerk.core.people import BROKERAGE_ROLES, person_metrics, sector_bridges
from wijkkracht.netwerk.core.readers import (
    read_knoke,
    read_krackhardt,
    read_lazega,
    scan_from_relation,
)

NETWORKS = SHARED / "networks"
KNOKE = NETWORKS / "knoke-bureaucracies" / "knokbur.dat"
KRACKHARDT = NETWORKS / "krackhardt-hightech-managers"
LAZEGA = NETWORKS / "lazega-lawyers"


def digraph(labels, matrix) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(labels)
    graph.add_edges_from((labels[i], labels[j]) for i, j in np.argwhere(matrix) if i != j)
    return graph


def freeman(scores, c_max):
    scores = list(scores)
    return sum(max(scores) - s for s in scores) / c_max


def check_directed(scan, graph):
    """Core metrics of the directed view against networkx and loops on ``graph``."""
    n = graph.number_of_nodes()
    got = level_metrics(scan, 1)
    mutual = sum(graph.has_edge(u, v) and graph.has_edge(v, u)
                 for u, v in itertools.combinations(graph, 2))
    asym = sum(graph.has_edge(u, v) != graph.has_edge(v, u)
               for u, v in itertools.combinations(graph, 2))
    raw = nx.betweenness_centrality(graph, normalized=False)
    d = got.directed
    assert d.ties == graph.number_of_edges()
    assert d.density == pytest.approx(nx.density(graph))
    assert d.reciprocity_per_tie == pytest.approx(nx.overall_reciprocity(graph))
    assert d.reciprocity_per_pair == pytest.approx(mutual / (mutual + asym))
    assert d.in_degree_centralization == pytest.approx(
        freeman((k for _, k in graph.in_degree), (n - 1) ** 2))
    assert d.out_degree_centralization == pytest.approx(
        freeman((k for _, k in graph.out_degree), (n - 1) ** 2))
    assert d.betweenness_centralization == pytest.approx(
        freeman(raw.values(), (n - 1) ** 2 * (n - 2)))
    assert set(d.isolates) == set(nx.isolates(graph))
    assert d.components == nx.number_weakly_connected_components(graph)
    assert d.strong_components == nx.number_strongly_connected_components(graph)
    assert got.any.ties == graph.to_undirected().number_of_edges()
    assert got.confirmed.ties == graph.to_undirected(reciprocal=True).number_of_edges()
    constraint = nx.constraint(graph)
    for person in person_metrics(scan, 1):
        assert person.betweenness == pytest.approx(raw[person.id])
        assert person.in_degree == graph.in_degree(person.id)
        if np.isnan(constraint[person.id]):
            assert person.constraint is None
        else:
            assert person.constraint == pytest.approx(constraint[person.id])
    return got


def check_brokerage(scan, graph, sector):
    """Gould-Fernandez counts against a loop over all ordered triples."""
    expected = {v: dict.fromkeys(BROKERAGE_ROLES, 0) for v in graph}
    for a, b, c in itertools.permutations(graph, 3):
        if graph.has_edge(a, b) and graph.has_edge(b, c) and not graph.has_edge(a, c):
            sa, sb, sc = sector[a], sector[b], sector[c]
            role = ("coordinator" if sa == sb == sc else "itinerant" if sa == sc
                    else "representative" if sa == sb else "gatekeeper" if sb == sc
                    else "liaison")
            expected[b][role] += 1
    for person in person_metrics(scan, 1):
        assert {r: getattr(person.brokerage, r) for r in BROKERAGE_ROLES} == expected[person.id]


def check_e_i(scan, graph, sector):
    undirected = graph.to_undirected()
    e = sum(sector[u] != sector[v] for u, v in undirected.edges)
    i = undirected.number_of_edges() - e
    pairs = list(itertools.combinations(graph, 2))
    p_ext = sum(sector[u] != sector[v] for u, v in pairs)
    mixing = sector_mixing(scan, 1, view="any", permutations=99, seed=1)
    assert (mixing.ei.external, mixing.ei.internal) == (e, i)
    assert mixing.ei.value == pytest.approx((e - i) / (e + i))
    assert mixing.ei.expected == pytest.approx((p_ext - (len(pairs) - p_ext)) / len(pairs))
    return mixing


@pytest.fixture
def knoke():
    return read_knoke(need(KNOKE))


def test_knoke_file_is_read_as_published(knoke):
    lines = KNOKE.read_text(encoding="latin-1").splitlines()
    information = np.array([line.split() for line in lines[4:14]], dtype=int)
    money = np.array([line.split() for line in lines[18:28]], dtype=int)
    assert (knoke.relations["information"] == (information > 0)).all()
    assert (knoke.relations["money"] == (money > 0)).all()
    assert knoke.labels[4] == "MAYR"
    assert knoke.attributes["sector"].count("GOV") == 4


@pytest.mark.parametrize("relation, ties, density, recip, in_c, out_c, betw_c, broker, ei, e_i", [
    ("information", 49, 0.5444, (0.6939, 0.5312), 0.5062, 0.3827, 0.2011, "MAYR", 0.5625,
     (25, 7)),
    ("money", 22, 0.2444, (0.0909, 0.0476), 0.4691, 0.3457, 0.1157, "UWAY", 0.2381, (13, 8)),
])
def test_knoke_bureaucracies(knoke, relation, ties, density, recip, in_c, out_c, betw_c, broker,
                             ei, e_i):
    scan = scan_from_relation(knoke, relation, "sector")
    graph = digraph(knoke.labels, knoke.relations[relation])
    sector = dict(zip(knoke.labels, knoke.attributes["sector"], strict=True))
    got = check_directed(scan, graph).directed
    check_brokerage(scan, graph, sector)
    mixing = check_e_i(scan, graph, sector)
    # the published check values (§2.7), now that both sides agree
    assert (got.ties, got.top_broker) == (ties, broker)
    assert got.density == pytest.approx(density, abs=5e-5)
    assert (got.reciprocity_per_tie, got.reciprocity_per_pair) == pytest.approx(recip, abs=5e-5)
    assert got.in_degree_centralization == pytest.approx(in_c, abs=5e-5)
    assert got.out_degree_centralization == pytest.approx(out_c, abs=5e-5)
    assert got.betweenness_centralization == pytest.approx(betw_c, abs=5e-5)
    assert (mixing.ei.external, mixing.ei.internal) == e_i
    assert mixing.ei.value == pytest.approx(ei, abs=5e-5)
    assert mixing.ei.expected == pytest.approx(0.4222, abs=5e-5)  # sizes 4, 4, 2
    assert got.isolates == (("WRO",) if relation == "money" else ())
    bridges = check_bridges(scan, graph.to_undirected(), sector)
    # money: both GOV-PVT transfers are INDU's, but other routes join the two sectors
    assert bridges == ({("INDU", ("GOV", "PVT")): [True, False]} if relation == "money" else {})


@pytest.mark.parametrize("relation, ties, density", [("advice", 190, 0.452),
                                                     ("friendship", 102, 0.243)])
def test_krackhardt_high_tech_managers(relation, ties, density):
    network = read_krackhardt(need(KRACKHARDT))
    edges = np.loadtxt(KRACKHARDT / f"High-Tec-edgelist-{relation.title()}.txt", dtype=int)
    graph = nx.DiGraph()
    graph.add_nodes_from(str(i) for i in range(1, 22))
    graph.add_edges_from((str(i), str(j)) for i, j, t in edges if t and i != j)
    scan = scan_from_relation(network, relation, "dept")
    got = check_directed(scan, graph).directed
    sector = dict(zip(network.labels, network.attributes["dept"], strict=True))
    check_brokerage(scan, graph, sector)
    check_e_i(scan, graph, sector)
    assert got.ties == ties
    assert got.density == pytest.approx(density, abs=5e-4)


def test_lazega_partners_cowork():
    network = read_lazega(need(LAZEGA))
    work = np.loadtxt(LAZEGA / "ELwork.dat", dtype=int)[:36, :36]
    graph = nx.Graph()
    graph.add_nodes_from(str(i) for i in range(1, 37))
    graph.add_edges_from((str(i + 1), str(j + 1)) for i, j in np.argwhere(np.triu(work, 1)))
    assert len(network.labels) == 36
    scan = scan_from_relation(network, "cowork", "office_name")
    level = level_metrics(scan, 1)
    n = 36
    raw = nx.betweenness_centrality(graph, normalized=False)
    for view in (level.confirmed, level.any):  # the matrix is symmetric: AND = OR
        assert view.ties == graph.number_of_edges() == 115
        assert view.density == pytest.approx(nx.density(graph))
        assert view.density == pytest.approx(0.1825, abs=5e-5)
        assert view.degree_centralization == pytest.approx(
            freeman((k for _, k in graph.degree), (n - 1) * (n - 2)))
        assert view.betweenness_centralization == pytest.approx(
            freeman(raw.values(), (n - 1) ** 2 * (n - 2) / 2))
        assert view.components == nx.number_connected_components(graph)
        assert set(view.isolates) == set(nx.isolates(graph))
    assert level.directed.reciprocity_per_tie == 1.0
    office = dict(zip(network.labels, network.attributes["office_name"], strict=True))
    mixing = check_e_i(scan, graph.to_directed(), office)
    assert set(mixing.sectors) == {"Boston", "Hartford", "Providence"}
    check_bridges(scan, graph, office)


def test_sector_bridges_of_krackhardt_friendship_by_brute_force():
    network = read_krackhardt(need(KRACKHARDT))
    scan = scan_from_relation(network, "friendship", "dept")
    graph = digraph(network.labels, network.relations["friendship"]).to_undirected()
    sector = dict(zip(network.labels, network.attributes["dept"], strict=True))
    assert check_bridges(scan, graph, sector), "friendship has people who alone link departments"


def check_bridges(scan, graph: nx.Graph, sector: dict[str, str]):
    """Direct and path bridges against removing each person in turn."""
    size = {s: list(sector.values()).count(s) for s in set(sector.values())}

    def together(g: nx.Graph, leaving: str) -> set[tuple[str, str]]:
        """Sector pairs with members (other than ``leaving``) in one component."""
        pairs = set()
        for component in nx.connected_components(g):
            found = sorted({sector[v] for v in component if v != leaving})
            pairs.update(itertools.combinations(found, 2))
        return pairs

    expected = {}
    for person in graph:
        without = graph.copy()
        without.remove_node(person)
        for pair in together(graph, person) - together(without, person):
            expected[(person, pair)] = [False, True]
    crossing = {}
    for u, v in graph.edges:
        if sector[u] != sector[v]:
            crossing.setdefault(tuple(sorted((sector[u], sector[v]))), []).append({u, v})
    for pair, ties in crossing.items():
        for person in set.intersection(*ties):
            if size[sector[person]] > 1:
                expected.setdefault((person, pair), [False, False])[0] = True
    got = sector_bridges(level_network(scan, 1, "any"))
    assert {(b.person, b.sectors): [b.direct, b.path] for b in got} == expected
    return expected

