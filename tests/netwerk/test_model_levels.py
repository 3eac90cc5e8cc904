"""The scan model and level-k networks: ladder nesting and density on observed cells."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from tests.netwerk.scans import roster, scan_from_graph
from wijkkracht.netwerk.core.levels import density, ladder_densities, level_network
from wijkkracht.netwerk.core.model import Answer, Person, Scan, scan_from_levels

PEOPLE = roster({"a": "huisarts", "b": "huisarts", "c": "wijkteam", "d": "wijkteam"})


def test_unanswered_pair_of_a_respondent_is_level_zero_but_a_non_respondent_is_unobserved():
    scan = Scan("T0", PEOPLE, frozenset({"a", "b", "c"}), {("a", "b"): 3})
    assert scan.level("a", "b") == 3
    assert scan.level("a", "c") == 0
    assert scan.level("d", "a") is None
    assert not scan.observed[scan.index["d"]].any()


@pytest.mark.parametrize("answers, respondents, message", [
    ({("a", "b"): 5}, {"a"}, "0-4"),
    ({("a", "a"): 1}, {"a"}, "themself"),
    ({("a", "x"): 1}, {"a"}, "not on the roster"),
    ({("d", "a"): 1}, {"a"}, "did not respond"),
    ({}, {"x"}, "not on the roster"),
])
def test_invalid_scans_are_refused_with_the_reason(answers, respondents, message):
    with pytest.raises(ValueError, match=message):
        Scan("T0", PEOPLE, frozenset(respondents), answers)


def test_duplicate_ids_and_bad_scores_are_refused():
    with pytest.raises(ValueError, match="unique"):
        Scan("T0", (Person("a", "A", "x"), Person("a", "B", "y")), frozenset())
    with pytest.raises(ValueError, match="trust"):
        Answer(2, trust=(1, 5))
    assert Answer(2, trust=3).trust == (3,)


def test_level_k_network_holds_the_pairs_at_or_above_k_and_density_never_rises():
    rng = np.random.default_rng(4)
    people = roster({f"p{i}": "s" for i in range(12)})
    levels = {(a.id, b.id): int(rng.integers(0, 5)) for a in people for b in people if a != b}
    scan = scan_from_levels("T0", people, levels)
    for view in ("directed", "confirmed", "any"):
        previous = None
        for k in range(1, 5):
            net = level_network(scan, k, view)
            if previous is not None:
                assert not (net.adjacency & ~previous).any(), "level k+1 ties are level k ties"
            previous = net.adjacency
        values = [d.value for d in ladder_densities(scan, view)]
        assert values == sorted(values, reverse=True)
    # independent: directed level-2 ties are the answers >= 2
    assert level_network(scan, 2).ties == sum(v >= 2 for v in levels.values())


def test_confirmed_and_any_ties_follow_the_and_and_or_rules():
    scan = scan_from_levels("T0", PEOPLE, {("a", "b"): 2, ("b", "a"): 1, ("c", "d"): 4})
    assert level_network(scan, 1, "confirmed").ties == 1  # a-b: both say >= 1
    assert level_network(scan, 1, "any").ties == 2  # a-b and c-d
    assert level_network(scan, 2, "confirmed").ties == 0  # b says only "ken ik"
    assert level_network(scan, 2, "any").ties == 2


def test_non_response_is_not_counted_as_no_tie():
    # a and b respond; c and d do not. Two of a's and b's six cells are ties.
    scan = Scan("T0", PEOPLE, frozenset({"a", "b"}), {("a", "c"): 1, ("b", "c"): 2})
    d = density(level_network(scan, 1))
    assert (d.ties, d.cells, d.possible) == (2, 6, 12)
    assert d.value == pytest.approx(2 / 6)  # not 2 / 12
    # the undirected views count only pairs where both answered: a-b, with no tie
    any_view = density(level_network(scan, 1, "any"))
    assert (any_view.ties, any_view.cells, any_view.value) == (0, 1, 0.0)
    # but the reported ties stay in the network
    assert level_network(scan, 1, "any").ties == 2


def test_nothing_observed_gives_no_density_rather_than_zero():
    scan = Scan("T0", PEOPLE, frozenset(), {})
    assert density(level_network(scan, 1)).value is None


def test_density_matches_networkx_on_a_random_directed_graph():
    graph = nx.gnp_random_graph(15, 0.3, seed=3, directed=True)
    scan = scan_from_graph(graph)
    assert density(level_network(scan, 1)).value == pytest.approx(nx.density(graph))
    undirected = graph.to_undirected()  # OR rule
    assert density(level_network(scan, 1, "any")).value == pytest.approx(nx.density(undirected))
    mutual = graph.to_undirected(reciprocal=True)  # AND rule
    assert density(level_network(scan, 1, "confirmed")).value == pytest.approx(nx.density(mutual))


def test_level_and_view_are_checked():
    scan = scan_from_levels("T0", PEOPLE, {})
    with pytest.raises(ValueError, match="view"):
        level_network(scan, 1, "both")
    with pytest.raises(ValueError, match="level"):
        level_network(scan, 0)
