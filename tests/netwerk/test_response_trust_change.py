"""Response per sector, reconstruction, PARTNER-style scores and change between moments."""

from __future__ import annotations

import pytest

from tests.netwerk.scans import roster
from wijkkracht.netwerk.core.change import metric_changes, tie_transitions
from wijkkracht.netwerk.core.levels import density, level_network
from wijkkracht.netwerk.core.metrics import ladder_metrics, level_metrics
from wijkkracht.netwerk.core.model import Answer, Person, Scan, scan_from_levels
from wijkkracht.netwerk.core.response import reconstruct, respondents_only, response_summary
from wijkkracht.netwerk.core.trust import partner_scores

SECTORS = {"h1": "huisarts", "h2": "huisarts", "h3": "huisarts", "w1": "wijkteam",
           "w2": "wijkteam"}


def test_response_rate_overall_and_per_sector():
    scan = Scan("T0", roster(SECTORS), frozenset({"h1", "w1", "w2"}), {})
    got = response_summary(scan)
    assert (got.invited, got.responded, got.rate) == (5, 3, 0.6)
    assert [(s.sector, s.invited, s.responded) for s in got.by_sector] == [
        ("huisarts", 3, 1), ("wijkteam", 2, 2)]
    assert got.by_sector[0].rate == pytest.approx(1 / 3)
    assert (got.observed_cells, got.possible_cells) == (12, 20)
    assert got.non_respondents == ("h2", "h3")


def test_reconstruction_copies_the_other_side_and_is_flagged():
    scan = Scan("T0", roster(SECTORS), frozenset({"h1", "w1", "w2"}),
                {("w1", "h2"): 3, ("h1", "h2"): 1, ("w1", "w2"): 2})
    rebuilt = reconstruct(scan)
    assert rebuilt.scan.level("h2", "w1") == 3 and rebuilt.scan.level("h2", "h1") == 1
    assert rebuilt.scan.level("h2", "w2") == 0
    assert rebuilt.scan.level("h2", "h3") is None  # two non-respondents: still unknown
    assert (rebuilt.imputed_cells, rebuilt.unknown_cells) == (6, 2)
    assert "estimate" in rebuilt.caution
    metrics = level_metrics(rebuilt.scan, 1).directed
    assert metrics.imputed_cells == 6
    assert any("reconstructed" in c for c in metrics.cautions)
    # observed cells: 3 respondents x 4 + 6 imputed = 18
    assert density(level_network(rebuilt.scan, 1)).cells == 18
    # the original scan is untouched
    assert scan.level("h2", "w1") is None


def test_respondents_only_keeps_a_fully_observed_scan():
    scan = Scan("T0", roster(SECTORS), frozenset({"h1", "w1"}),
                {("w1", "h2"): 3, ("h1", "w1"): 1})
    sub = respondents_only(scan)
    assert sub.ids == ("h1", "w1") and dict(sub.answers) == {("h1", "w1"): Answer(1)}
    assert level_metrics(sub, 1).directed.complete


def test_partner_style_scores_average_each_raters_items_then_the_raters():
    people = roster({"a": "x", "b": "x", "c": "y"})
    answers = {
        ("a", "c"): Answer(2, trust=(4, 4, 2), value=(3,)),  # rater mean trust 10/3
        ("b", "c"): Answer(1, trust=(2,), value=(1, 1, 4)),  # rater mean trust 2
        ("c", "a"): Answer(0, trust=(1, 1, 1)),
    }
    scan = Scan("T0", people, frozenset("abc"), answers)
    got = {s.person: s for s in partner_scores(scan).by_person}
    assert got["c"].trust == pytest.approx((10 / 3 + 2) / 2) and got["c"].trust_raters == 2
    assert got["c"].value == pytest.approx((3 + 2) / 2)
    assert got["a"].trust == 1.0 and got["a"].value is None and got["b"].trust is None
    network = partner_scores(scan)
    assert network.network_trust_pct == pytest.approx((10 / 3 + 2 + 1) / 3 / 4 * 100)
    # only people one at least knows ("ken ik") count when asked
    assert {s.person: s.trust for s in partner_scores(scan, min_level=1).by_person}["a"] is None
    assert "PARTNER-style" in network.definition


def test_tie_transitions_count_new_lost_strengthened_weakened_and_stable():
    people = roster({"h1": "huisarts", "h2": "huisarts", "w1": "wijkteam"})
    before = scan_from_levels("T0", people, {("h1", "w1"): 1, ("w1", "h1"): 3, ("h1", "h2"): 2,
                                             ("h2", "w1"): 2})
    after = scan_from_levels("T1", people, {("h1", "w1"): 3, ("w1", "h1"): 2, ("h2", "h1"): 4,
                                            ("h2", "w1"): 2})
    got = tie_transitions(before, after)
    assert got.total.summary() == {"new": 1, "lost": 1, "strengthened": 1, "weakened": 1,
                                   "stable": 1, "cells": 6}
    assert got.total.matrix[1][3] == 1 and got.total.matrix[0][0] == 1
    hw = got.by_sector_pair[("huisarts", "wijkteam")].summary()
    assert (hw["strengthened"], hw["stable"]) == (1, 1)
    assert got.by_sector_pair[("wijkteam", "huisarts")].weakened == 1
    hh = got.by_sector_pair[("huisarts", "huisarts")]
    assert (hh.new, hh.lost) == (1, 1)


def test_transitions_skip_cells_unobserved_at_either_moment_and_list_joiners():
    before_people = roster({"a": "x", "b": "x", "c": "y"})
    after_people = (*roster({"a": "x", "b": "y"}), Person("d", "D", "y"))
    before = Scan("T0", before_people, frozenset({"a", "c"}), {("a", "b"): 2})
    after = Scan("T1", after_people, frozenset({"a", "b", "d"}), {("a", "b"): 3})
    got = tie_transitions(before, after)
    assert got.total.cells == 1 and got.total.strengthened == 1  # a -> b; b -> a unobserved
    assert got.cells_not_compared == 1
    assert got.joined == ("d",) and got.left == ("c",) and got.sector_changed == ("b",)


def test_reconstructed_cells_are_not_compared_between_moments():
    people = roster({"a": "x", "b": "y"})
    before = reconstruct(Scan("T0", people, frozenset({"a"}), {("a", "b"): 2})).scan
    after = scan_from_levels("T1", people, {("a", "b"): 2, ("b", "a"): 4})
    got = tie_transitions(before, after)
    assert got.total.cells == 1 and got.total.stable == 1


def test_metric_changes_are_after_minus_before():
    people = roster({p: "s" for p in "abc"})
    before = ladder_metrics(scan_from_levels("T0", people, {("a", "b"): 1}))
    after = ladder_metrics(scan_from_levels("T1", people, {("a", "b"): 2, ("b", "a"): 2}))
    changes = {(c.metric, c.level, c.view): c for c in metric_changes(before, after)}
    ties = changes[("ties", 1, "directed")]
    assert (ties.before, ties.after, ties.change) == (1, 2, 1)
    assert changes[("density", 2, "directed")].change == pytest.approx(2 / 6)
    recip = changes[("reciprocity_per_pair", 1, "directed")]
    assert (recip.before, recip.after, recip.change) == (0.0, 1.0, 1.0)
    assert changes[("reciprocity_per_tie", 2, "directed")].change is None  # none before
    assert changes[("degree_centralization", 1, "directed")].change is None  # not applicable
