"""One layout for all moments: deterministic, in the unit square, fixed people never move."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from tests.netwerk.scans import relabel, scan_from_graph
from wijkkracht.netwerk.core.layout import place_people, scan_layout, union_ties
from wijkkracht.netwerk.core.model import Person, Scan


def two_cliques(size: int = 6) -> nx.Graph:
    """Two cliques joined by one tie: 0..size-1 and size..2size-1, tie 0 - size."""
    graph = nx.disjoint_union(nx.complete_graph(size), nx.complete_graph(size))
    graph.add_edge(0, size)
    return relabel(graph)


def distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.dist(a, b)


def test_layout_is_deterministic_and_fills_the_unit_square():
    scan = scan_from_graph(relabel(nx.gnp_random_graph(40, 0.1, seed=3)))
    first, again = scan_layout([scan], seed=5), scan_layout([scan], seed=5)
    assert first == again
    assert set(first) == set(scan.ids)
    xs = [x for x, _ in first.values()]
    ys = [y for _, y in first.values()]
    assert min(xs + ys) >= 0 and max(xs + ys) <= 1
    # scaled with the aspect ratio kept: the longer side spans [0, 1] exactly
    assert max(max(xs) - min(xs), max(ys) - min(ys)) == pytest.approx(1)
    assert scan_layout([scan], seed=6) != first  # the seed is what makes it repeatable


def test_layout_does_not_depend_on_roster_order():
    graph = two_cliques()
    scan = scan_from_graph(graph)
    shuffled = Scan("T0", tuple(reversed(scan.people)), scan.respondents, scan.answers)
    assert scan_layout([shuffled]) == scan_layout([scan])


def test_tied_people_sit_closer_than_people_of_the_other_group():
    pos = scan_layout([scan_from_graph(two_cliques())])
    left, right = [str(i) for i in range(6)], [str(i) for i in range(6, 12)]
    inside = [distance(pos[a], pos[b]) for group in (left, right)
              for a in group for b in group if a < b]
    across = [distance(pos[a], pos[b]) for a in left for b in right]
    assert max(inside) < min(across) * 1.5
    assert sum(inside) / len(inside) < 0.5 * sum(across) / len(across)


def test_one_position_per_person_over_all_moments_with_joiners_and_leavers():
    t0 = scan_from_graph(relabel(nx.path_graph(5)), moment="T0")
    graph = relabel(nx.path_graph(5))
    graph.remove_node("0")
    graph.add_edge("4", "new")
    t1 = scan_from_graph(graph, moment="T1")
    pos = scan_layout([t0, t1])
    assert set(pos) == {"0", "1", "2", "3", "4", "new"}
    people, edges, weights = union_ties([t0, t1])
    assert people == ["0", "1", "2", "3", "4", "new"]
    ties = {(people[a], people[b]): w for (a, b), w in zip(edges.tolist(), weights, strict=True)}
    # weighted by the number of moments a pair is tied
    assert ties == {("0", "1"): 1, ("1", "2"): 2, ("2", "3"): 2, ("3", "4"): 2, ("4", "new"): 1}


def test_empty_and_single_person_layouts():
    assert scan_layout([]) == {}
    alone = Scan("T0", (Person("a", "A", "S"),), frozenset({"a"}), {})
    assert scan_layout([alone]) == {"a": (0.5, 0.5)}


def test_new_people_are_placed_without_moving_the_known_ones():
    graph = two_cliques()
    t0 = scan_from_graph(graph, moment="T0")
    known = scan_layout([t0])
    grown = graph.copy()
    grown.add_edges_from([("new1", "7"), ("new1", "8"), ("new1", "9"), ("new2", "1")])
    grown.add_node("alone")
    t1 = scan_from_graph(grown, moment="T1")
    placed = place_people(known, [t0, t1], seed=2)
    for person, xy in known.items():
        assert placed[person] == xy  # exactly, not approximately
    assert set(placed) == set(known) | {"new1", "new2", "alone"}
    for person in ("new1", "new2", "alone"):
        x, y = placed[person]
        assert 0 <= x <= 1 and 0 <= y <= 1
    # placed among their contacts: new1 by the right clique, new2 by the left one
    right = [known[str(i)] for i in range(6, 12)]
    left = [known[str(i)] for i in range(6)]
    centre = [sum(c) / len(c) for c in zip(*right, strict=True)]
    other = [sum(c) / len(c) for c in zip(*left, strict=True)]
    assert distance(placed["new1"], centre) < distance(placed["new1"], other)
    assert distance(placed["new2"], other) < distance(placed["new2"], centre)
    assert place_people(known, [t0, t1], seed=2) == placed  # deterministic


def test_place_people_with_nobody_new_or_nobody_known():
    scan = scan_from_graph(two_cliques())
    known = scan_layout([scan])
    assert place_people(known, [scan]) == known
    assert place_people({}, [scan]) == scan_layout([scan])
