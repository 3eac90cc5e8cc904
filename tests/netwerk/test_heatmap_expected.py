"""The heat map colours "fewer than expected" only where a difference could be told at all."""

from __future__ import annotations

import itertools

from wijkkracht.netwerk.core.levels import level_network
from wijkkracht.netwerk.core.mixing import mixing_of
from wijkkracht.netwerk.core.model import Person, Scan
from wijkkracht.netwerk.report.heatmap import can_be_fewer, heat_map


def scan_with(ties: list[tuple[str, str]], sizes: dict[str, int]) -> Scan:
    people = tuple(Person(f"{s}{k}", f"{s}{k}", s) for s, n in sizes.items() for k in range(n))
    ids = [p.id for p in people]
    answers = {(a, b): 2 if (a, b) in ties else 0 for a, b in itertools.permutations(ids, 2)}
    return Scan("T0", people, frozenset(ids), answers)


def cell(scan: Scan, g: str, h: str):
    mixing = mixing_of(level_network(scan, 2, "directed"), 99, 0)
    size = {s: sum(p.sector == s for p in scan.people) for s in mixing.sectors}
    hm = heat_map(mixing, row_people=size, column_people=size)
    return hm.rows[hm.sectors.index(g)][hm.sectors.index(h)], mixing.pair(g, h)


def test_none_observed_against_a_fraction_expected_is_neutral():
    # two ties inside A; A -> B has 5 cells of 30: 0,33 expected, 0 observed
    scan = scan_with([("A0", "A1"), ("A1", "A2")], {"A": 5, "B": 1})
    shown, pair = cell(scan, "A", "B")
    assert pair.observed == 0 and 0.1 < pair.expected < 0.4
    assert shown.css == "few" and "te weinig verwacht" in shown.label


def test_fewer_than_expected_is_coloured_where_it_can_be_told():
    # 20 ties inside A, none to B (5 x 4 cells): about 9 expected, none observed
    inside = [(f"A{i}", f"A{j}") for i in range(5) for j in range(5) if i != j]
    scan = scan_with(inside, {"A": 5, "B": 4})
    shown, pair = cell(scan, "A", "B")
    assert pair.observed == 0 and pair.expected > 3
    assert shown.css == "h1"
    # more than expected keeps its colour however few were expected
    more, _ = cell(scan, "A", "A")
    assert more.css in ("h4", "h5")


def test_the_rule_is_a_one_sided_poisson_test():
    # exp(-3.0) = 0.0498 < 0.05: from 3 expected ties on, none observed is significant
    assert not can_be_fewer(2.9) and can_be_fewer(3.0)
