"""The figures as CSV: every moment, level, view and measure; small counts hidden if anonymous."""

from __future__ import annotations

import itertools

from wijkkracht.exports.spreadsheet import read_csv_text
from wijkkracht.netwerk.core.model import Person, Scan
from wijkkracht.netwerk.report.export import MEASURES, metrics_csv


def small_scan(moment: str) -> Scan:
    people = tuple(Person(p, p.upper(), s) for p, s in
                   [("a", "huisarts"), ("b", "huisarts"), ("c", "welzijn"), ("d", "welzijn")])
    # a, b, c answered; d did not. Levels: a->b 3, b->a 2, a->c 1, c->d 4
    answers = {("a", "b"): 3, ("b", "a"): 2, ("a", "c"): 1, ("c", "d"): 4}
    return Scan(moment, people, frozenset("abc"), answers)


def rows(text: str) -> dict[tuple[str, int, str, str], str]:
    return {(r["meetmoment"], int(r["niveau"]), r["weergave"], r["maat"]):
            r["waarde"].replace(",", ".") for r in read_csv_text(text)}


def test_every_moment_level_view_and_measure_with_values_computed_by_hand():
    table = rows(metrics_csv([small_scan("T0"), small_scan("T1")], anonymous=False))
    assert len(table) == 2 * 4 * 3 * len(MEASURES)
    # directed view: 3 respondents x 3 others = 9 observed cells
    for level, ties in ((1, 4), (2, 3), (3, 2), (4, 1)):
        assert int(table[("T0", level, "directed", "banden")]) == ties
        assert float(table[("T0", level, "directed", "dichtheid")]) == ties / 9
    # confirmed at level 2: only a<->b; pairs observed when both responded: ab, ac, bc
    assert int(table[("T1", 2, "confirmed", "banden")]) == 1
    assert float(table[("T1", 2, "confirmed", "dichtheid")]) == 1 / 3
    assert table[("T0", 1, "any", "mensen")] == "4"
    assert table[("T0", 4, "any", "zonder_band")] == str(2)  # a and b have no level-4 tie


def test_the_anonymous_table_hides_small_counts_of_people_only():
    named = rows(metrics_csv([small_scan("T0")], anonymous=False))
    anonymous = rows(metrics_csv([small_scan("T0")], anonymous=True))
    assert anonymous[("T0", 1, "any", "mensen")] == "<5"
    assert anonymous[("T0", 1, "any", "respondenten")] == "<5"
    assert anonymous[("T0", 1, "directed", "dichtheid")] == named[("T0", 1, "directed",
                                                                   "dichtheid")]
    assert "A" not in {k[0] for k in anonymous} and all(
        v in ("", "<5") or v.replace(".", "", 1).replace("-", "", 1).isdigit()
        for v in anonymous.values())


def test_an_empty_level_is_written_not_skipped():
    people = tuple(Person(p, p, "welzijn") for p in "xyz")
    scan = Scan("T0", people, frozenset("xyz"), {pair: 1 for pair in
                                                 itertools.permutations("xyz", 2)})
    table = rows(metrics_csv([scan], anonymous=False))
    assert table[("T0", 4, "directed", "banden")] == "0"
    assert float(table[("T0", 1, "directed", "dichtheid")]) == 1.0
